import {
  composeIdNumber,
  type DetectionOutcome,
  type OrgUnit,
  type PersonContactInput,
  type PersonStatus,
  type RelationshipKind,
} from '@qingyuan/shared';
import { chinaDate, DAY } from '../platform/clock.ts';
import type { Keys } from '../platform/crypto/keys.ts';
import type { Db } from '../platform/db/database.ts';
import { seedPersons, type PersonSeed } from '../modules/persons/index.ts';

/**
 * About 300 fictional persons for the demo district, the same on every run for a given day: names from syllable lists,
 * ID numbers with a valid check digit under the fictional division code 340199, phones 1380000xxxx. No real person.
 */
export const DEMO_PERSON_COUNT = 300;
const DIVISION_CODE = '340199';

const SURNAMES = Array.from('王李张刘陈杨黄赵吴周徐孙马朱胡郭何林罗高郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦方白邹孟熊秦邱江尹薛段雷侯龙史陶黎贺顾毛郝龚邵万严覃武戴莫孔向汤');
const MALE = Array.from('伟刚勇毅俊峰强军平东文辉力明永健广志义兴良海山仁波宁贵福生龙元国胜学祥才发武新利清飞彬富顺杰涛昌成康星光天达安岩中茂进林坚和博诚先振会思群豪邦乐功松善磊民友河哲江超浩亮鸣朋斌栋启翔旭鹏泽晨辰建家树德');
const FEMALE = Array.from('秀娟英华慧巧美娜静淑惠翠雅芝玉萍红玲芬芳燕彩春菊兰凤洁梅琳云莲雪荣霞香月媛艳佳琼珍莉桂璐晶妍秋珊锦青倩婷婉瑾颖露瑶怡丹蓉君琴蕊薇梦岚馨韵悦冰欣柔晓');
const ROADS = ['滨江路', '人民路', '解放路', '文化路', '建设路', '和平街', '中心街', '幸福路', '光明巷', '新华路'];
const EMPLOYMENT = ['无业', '务工', '个体经营', '务农', '待业', '灵活就业', '企业职工'];
const OTHER_ETHNICITIES = ['回族', '苗族', '彝族', '壮族', '土家族', '满族'];
const RELATIONS = ['母亲', '父亲', '配偶', '兄弟', '姐妹', '子女'];
const OLD_DRUGS = ['heroin', 'heroin', 'heroin', 'methamphetamine', 'methamphetamine', 'methadone'];
const NEW_DRUGS = ['methamphetamine', 'methamphetamine', 'methamphetamine', 'methamphetamine', 'ketamine', 'ketamine', 'mdma', 'cannabis', 'nps', 'cocaine', 'heroin'];
const OUTCOMES: DetectionOutcome[] = ['administrativeDetention', 'administrativeDetention', 'communityTreatment', 'communityTreatment', 'compulsoryIsolation', 'fine', 'warning'];

export interface DemoTownship {
  township: OrgUnit;
  villages: OrgUnit[];
}

/** mulberry32: a small deterministic generator, so the demo district is the same on every run. */
function generator(seed: number) {
  let state = seed >>> 0;
  const next = (): number => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const int = (min: number, max: number): number => min + Math.floor(next() * (max - min + 1));
  const pick = <T>(list: readonly T[]): T => {
    const item = list[int(0, list.length - 1)];
    if (item === undefined) throw new Error('pick from an empty list');
    return item;
  };
  return { next, int, pick, chance: (p: number): boolean => next() < p };
}

const isoDay = (ms: number): string => new Date(ms).toISOString().slice(0, 10);
const dayMs = (iso: string): number => Date.parse(`${iso}T00:00:00Z`);
const pad = (n: number, width: number): string => String(n).padStart(width, '0');

/** Loads the demo persons (with contacts, 1–3 detections each and a few relationships); returns how many. */
export async function seedDemoPersons(db: Db, keys: Keys, at: Date, townships: readonly DemoTownship[]): Promise<number> {
  const rnd = generator(20261123);
  const today = chinaDate(at);
  const latest = dayMs(today) - 7 * DAY;
  const usedIds = new Set<string>();
  const seeds: PersonSeed[] = [];
  const homes: number[] = [];
  const surnames: string[] = [];

  for (let i = 0; i < DEMO_PERSON_COUNT; i++) {
    const t = i % townships.length;
    const plan = townships[t];
    if (!plan) throw new Error('demo persons need townships');
    const village = rnd.pick(plan.villages);
    const male = rnd.chance(0.85);
    const surname = rnd.pick(SURNAMES);
    const given = Array.from({ length: rnd.chance(0.7) ? 2 : 1 }, () => rnd.pick(male ? MALE : FEMALE)).join('');
    const birthDate = isoDay(dayMs('1965-01-01') + rnd.int(0, 14_609) * DAY);
    let idNumber = '';
    do {
      const sequence = rnd.int(0, 49) * 20 + rnd.int(0, 4) * 2 + (male ? 1 : 0);
      idNumber = composeIdNumber(DIVISION_CODE, birthDate, sequence);
    } while (usedIds.has(idNumber));
    usedIds.add(idNumber);

    const residence = village.kind === 'village'
      ? `示范区${plan.township.name}${village.name}${rnd.int(1, 9)}组${rnd.int(1, 60)}号`
      : `示范区${plan.township.name}${village.name}${rnd.pick(ROADS)}${rnd.int(1, 200)}号`;
    const registeredVillage = rnd.chance(0.7) ? village : rnd.pick(plan.villages);
    const registered = registeredVillage === village ? residence : `示范区${plan.township.name}${registeredVillage.name}${rnd.int(1, 80)}号`;
    const phones = rnd.chance(0.9) ? [`1380000${pad(i, 4)}`, ...(rnd.chance(0.2) ? [`1390000${pad(i, 4)}`] : [])] : [];
    const contacts: PersonContactInput[] = rnd.chance(0.6)
      ? Array.from({ length: rnd.int(1, 2) }, (_, c) => {
          const relation = rnd.pick(RELATIONS);
          const sameName = ['父亲', '兄弟', '姐妹', '子女'].includes(relation);
          return { name: `${sameName ? surname : rnd.pick(SURNAMES)}${rnd.pick(relation === '父亲' || relation === '兄弟' ? MALE : FEMALE)}${rnd.pick(FEMALE)}`, relation, phone: `1370000${pad(i * 2 + c, 4)}` };
        })
      : [];

    const born = Number(birthDate.slice(0, 4));
    const earliest = Math.max(dayMs(`${born + 16}${birthDate.slice(4)}`), dayMs('2008-01-01'));
    const count = rnd.int(1, 3);
    const detections: PersonSeed['detections'] = [];
    let from = earliest;
    for (let d = 0; d < count && from < latest; d++) {
      const on = from + Math.floor(rnd.next() * Math.min(latest - from, 1500 * DAY));
      const drugs = born < 1975 ? OLD_DRUGS : NEW_DRUGS;
      const substances = [...new Set([rnd.pick(drugs), ...(rnd.chance(0.25) ? [rnd.pick(drugs)] : [])])];
      if (on >= dayMs('2023-10-01') && rnd.chance(0.15)) substances.push('etomidate');
      const station = `${plan.township.name.replace(/(街道|镇|乡)$/, '')}派出所`;
      detections.push({ detectedOn: isoDay(on), agency: rnd.chance(0.7) ? station : '公安分局禁毒大队', substances, outcome: rnd.pick(OUTCOMES) });
      from = on + 90 * DAY;
    }

    const roll = rnd.next();
    const status: PersonStatus = roll < 0.03 ? 'deceased' : roll < 0.06 ? 'departed' : 'active';
    seeds.push({
      name: `${surname}${given}`,
      idNumber,
      orgUnit: rnd.chance(0.8) ? village : plan.township,
      ethnicity: rnd.chance(0.92) ? '汉族' : rnd.pick(OTHER_ETHNICITIES),
      phones,
      registeredAddress: registered,
      registeredOrgUnitId: registeredVillage.id,
      residence,
      residenceOrgUnitId: village.id,
      employment: rnd.pick(EMPLOYMENT),
      status,
      contacts,
      detections,
    });
    homes.push(t);
    surnames.push(surname);
  }

  // Relationships between persons of the same township: mostly co-users, some family, a few suppliers.
  const relationships: { from: number; to: number; kind: RelationshipKind }[] = [];
  for (let r = 0; r < 40; r++) {
    const from = rnd.int(0, DEMO_PERSON_COUNT - 1);
    const to = from + townships.length * rnd.int(1, 5);
    if (to >= DEMO_PERSON_COUNT || homes[to] !== homes[from]) continue;
    const kind: RelationshipKind = surnames[from] === surnames[to] ? 'family' : rnd.chance(0.8) ? 'coUser' : 'supplier';
    if (!relationships.some((x) => x.from === from && x.to === to && x.kind === kind)) relationships.push({ from, to, kind });
  }
  await seedPersons(db, keys, at, seeds, relationships);
  return seeds.length;
}
