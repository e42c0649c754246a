import {
  addDays,
  composeIdNumber,
  minDate,
  type AssetKind,
  type CaseLevel,
  type CaseType,
  type OrgUnit,
  type SanctionKind,
} from '@qingyuan/shared';
import { chinaDate } from '../platform/clock.ts';
import type { Keys } from '../platform/crypto/keys.ts';
import type { Db } from '../platform/db/database.ts';
import { seedEnforcement, type CaseSeed, type SanctionSeed, type TargetSeed } from '../modules/enforcement/index.ts';
import { findOrgUnitsByName } from '../modules/orgs/index.ts';

/**
 * A fictional enforcement record for the demo district: cases with suspects, seizures and assets, and administrative
 * handling of drug use, for last year and this year to date; this year's targets for the district and each township.
 * The same on every run for a given day. No real case or person.
 */

export interface DemoEnforcementArea {
  township: OrgUnit;
  villages: OrgUnit[];
}

const SURNAMES = Array.from('王李张刘陈杨黄赵吴周徐孙马朱胡郭何林罗高郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦方白邹孟熊秦邱江尹薛段雷侯龙史陶黎贺顾毛郝龚邵万严覃武戴莫孔向汤');
const GIVEN = Array.from('伟刚勇毅俊峰强军平东文辉力明永健广志义兴良海山仁波宁贵福生龙元国胜学祥才发武新利清飞彬富顺杰涛昌成康星光天达安岩中茂进林坚和博诚先振会思群豪邦乐功松善磊民友河哲江超浩亮鸣朋斌栋启翔旭鹏泽晨辰建家树德秀娟英华慧巧美娜静淑惠翠雅芝玉萍红玲芬芳燕彩春菊兰凤洁梅琳云莲雪荣霞香月');
// Relative weight of each township's caseload, in the order of the demo district's townships.
const WEIGHTS = [1.4, 1.2, 1.0, 0.9, 0.7, 0.9, 0.5, 0.6];
const TYPES: [CaseType, number][] = [
  ['trafficking', 45], ['possession', 15], ['providingPremises', 14], ['transport', 8], ['onlineTrafficking', 7], ['illegalPlanting', 4],
  ['manufacture', 2], ['precursor', 1], ['other', 4],
];
const DRUGS: [string, number][] = [['methamphetamine', 55], ['heroin', 15], ['ketamine', 12], ['mdma', 5], ['cannabis', 5], ['etomidate', 5], ['nps', 3]];
const PLACES = ['出租屋', '宾馆房间', '娱乐场所包厢', '物流网点', '高速路口', '农贸市场', '网吧', '居民小区'];
const SANCTIONS: [SanctionKind, number][] = [['administrativeDetention', 60], ['communityTreatment', 20], ['compulsoryIsolation', 12], ['fine', 8]];

/** mulberry32: small and deterministic. */
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
  const weighted = <T>(list: readonly [T, number][]): T => {
    let roll = next() * list.reduce((t, [, w]) => t + w, 0);
    for (const [item, w] of list) if ((roll -= w) < 0) return item;
    return pick(list)[0];
  };
  return { next, int, pick, weighted, chance: (p: number): boolean => next() < p };
}

const grams = (rnd: ReturnType<typeof generator>, min: number, max: number): string => (min + rnd.next() * (max - min)).toFixed(3);

/** Loads the demo enforcement records; returns how many of each. */
export async function seedDemoEnforcement(db: Db, keys: Keys, at: Date, district: OrgUnit, brigade: OrgUnit, areas: readonly DemoEnforcementArea[]) {
  const rnd = generator(20260605);
  const today = chinaDate(at);
  const thisYear = Number(today.slice(0, 4));
  const stations = new Map<string, OrgUnit>();
  for (const { township } of areas) {
    const station = (await findOrgUnitsByName(db, `${township.name.replace(/(街道|镇|乡)$/, '')}派出所`)).find((u) => u.parentId === township.id);
    stations.set(township.id, station ?? brigade);
  }
  const person = (): { name: string; idNumber: string } => {
    const birth = `${String(rnd.int(1965, 2004))}-${String(rnd.int(1, 12)).padStart(2, '0')}-${String(rnd.int(1, 28)).padStart(2, '0')}`;
    return { name: `${rnd.pick(SURNAMES)}${rnd.pick(GIVEN)}${rnd.chance(0.6) ? rnd.pick(GIVEN) : ''}`, idNumber: composeIdNumber('340199', birth, rnd.int(500, 999)) };
  };

  const cases: CaseSeed[] = [];
  const sanctions: SanctionSeed[] = [];
  for (const year of [thisYear - 1, thisYear]) {
    const start = `${String(year)}-01-01`;
    const cutoff = year === thisYear ? addDays(today, -2) : `${String(year)}-12-31`;
    const days = Math.max(0, Math.round((Date.parse(cutoff) - Date.parse(start)) / 86_400_000));
    const share = days / 365;
    const casesPerYear = year === thisYear ? 124 : 112;
    let sequence = 0;
    for (const [t, area] of areas.entries()) {
      const weight = (WEIGHTS[t] ?? 1) / WEIGHTS.reduce((a, b) => a + b, 0);
      const station = stations.get(area.township.id) ?? brigade;
      for (let i = 0; i < Math.round(casesPerYear * weight * share); i++) {
        const type = rnd.weighted(TYPES);
        const roll = rnd.next();
        const level: CaseLevel = roll < 0.025 ? 'extraordinary' : roll < 0.12 ? 'major' : 'ordinary';
        const filedAt = addDays(start, rnd.int(0, days));
        const solvedAt = rnd.chance(0.87) ? addDays(filedAt, rnd.int(0, 45)) : null;
        const solved = solvedAt !== null && solvedAt <= cutoff ? solvedAt : null;
        const prosecutedAt = solved && rnd.chance(0.6) ? addDays(solved, rnd.int(20, 90)) : null;
        const prosecuted = prosecutedAt !== null && prosecutedAt <= cutoff ? prosecutedAt : null;
        const place = rnd.chance(0.85) ? rnd.pick(area.villages) : area.township;
        const withDrugs = ['trafficking', 'possession', 'transport', 'manufacture', 'onlineTrafficking', 'providingPremises'].includes(type);
        const seizedAt = solved ?? filedAt;
        const scale = level === 'extraordinary' ? [1000, 12000] : level === 'major' ? [50, 1000] : [0.2, 45];
        const seizures = withDrugs
          ? Array.from({ length: rnd.chance(0.25) ? 2 : 1 }, () => ({
              drug: rnd.weighted(DRUGS),
              grams: grams(rnd, scale[0] ?? 1, scale[1] ?? 10),
              packets: type === 'trafficking' && level === 'ordinary' && rnd.chance(0.6) ? rnd.int(1, 40) : null,
              seizedAt,
              place: rnd.pick(PLACES),
            }))
          : [];
        const suspects: CaseSeed['suspects'] = Array.from({ length: rnd.int(1, type === 'trafficking' || level !== 'ordinary' ? 3 : 1) }, (_, s) => {
          const fugitive = rnd.chance(0.07);
          const caughtAt = solved ? (fugitive ? (rnd.chance(0.5) ? minDate(addDays(solved, rnd.int(10, 120)), cutoff) : null) : solved) : null;
          const detained = caughtAt && rnd.chance(0.9) ? minDate(addDays(caughtAt, 1), cutoff) : null;
          const arrested = detained && rnd.chance(0.75) && addDays(detained, 30) <= cutoff ? addDays(detained, rnd.int(20, 30)) : null;
          return {
            ...person(),
            idNumber: rnd.chance(0.95) ? person().idNumber : null,
            role: s === 0 ? 'principal' : rnd.chance(0.8) ? 'accomplice' : 'other',
            caughtAt,
            criminalDetentionAt: detained,
            arrestedAt: arrested,
            prosecutedAt: arrested && prosecuted && prosecuted >= arrested ? prosecuted : null,
            wantedLevel: fugitive ? (rnd.chance(0.2) ? 'B' : 'C') : null,
          };
        });
        const assets: CaseSeed['assets'] = solved && (level !== 'ordinary' || rnd.chance(0.12))
          ? [{ kind: rnd.pick<AssetKind>(['seized', 'frozen', 'frozen']), amount: `${String(rnd.int(1, 80) * 1000)}.00`, description: rnd.pick(['现金', '银行账户资金', '车辆', '手机及电子设备']), recordedAt: solved }]
          : [];
        if (prosecuted && assets.length > 0 && rnd.chance(0.5)) assets.push({ kind: 'confiscated', amount: assets[0]?.amount ?? '1000.00', description: '判决没收', recordedAt: prosecuted });
        cases.push({
          caseNumber: `A340199${String(year)}${String(++sequence).padStart(5, '0')}`,
          type,
          level,
          supervision: level !== 'ordinary' && rnd.chance(0.35) ? (rnd.chance(0.3) ? 'ministry' : 'province') : null,
          gang: level !== 'ordinary' ? rnd.chance(0.5) : rnd.chance(0.06),
          network: type === 'onlineTrafficking' || rnd.chance(0.05),
          family: rnd.chance(0.02),
          filedAt,
          solvedAt: solved,
          prosecutedAt: prosecuted,
          place,
          handlingUnitId: level === 'ordinary' && rnd.chance(0.8) ? station.id : brigade.id,
          summary: `${place.name}${rnd.pick(PLACES)}涉毒案`,
          suspects,
          seizures,
          assets,
        });
      }
      for (let i = 0; i < Math.round(330 * weight * share); i++) {
        const kind = rnd.weighted(SANCTIONS);
        sanctions.push({
          ...person(),
          kind,
          decidedAt: addDays(start, rnd.int(0, days)),
          detentionDays: kind === 'administrativeDetention' ? rnd.pick([5, 10, 10, 12, 15]) : null,
          fineAmount: kind === 'fine' ? rnd.pick(['500.00', '1000.00', '2000.00']) : null,
          place: rnd.pick(area.villages),
          handlingUnitId: station.id,
        });
      }
    }
  }

  // This year's targets (任务数) handed down by the office: the district's, and each township's share.
  const DISTRICT_TARGETS: [string, number][] = [
    ['cases.solved', 89], ['cases.major', 8], ['suspects.caught', 150], ['fugitives.caught', 10], ['seizures.grams', 12000],
    ['seizures.grams.methamphetamine', 8000], ['users.found', 320], ['compulsoryIsolation', 40], ['assets.seized', 1000000],
  ];
  const targets: TargetSeed[] = DISTRICT_TARGETS.map(([indicator, value]) => ({ unit: district, year: thisYear, quarter: 0, indicator, value: String(value) }));
  for (const [t, area] of areas.entries()) {
    const weight = (WEIGHTS[t] ?? 1) / WEIGHTS.reduce((a, b) => a + b, 0);
    for (const [indicator, value] of DISTRICT_TARGETS) {
      if (indicator === 'cases.major' || indicator === 'seizures.grams.methamphetamine') continue;
      targets.push({ unit: area.township, year: thisYear, quarter: 0, indicator, value: String(Math.max(1, Math.round(value * weight))) });
    }
  }
  return seedEnforcement(db, keys, at, { cases, sanctions, targets });
}
