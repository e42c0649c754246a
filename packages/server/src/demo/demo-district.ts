import { randomUUID } from 'node:crypto';
import { addDays, type OrgKind, type OrgUnit, type Role } from '@qingyuan/shared';
import type { AuditLog, Trx } from '../platform/audit/audit-log.ts';
import { hashPassword } from '../platform/auth/passwords.ts';
import { systemContext } from '../platform/context.ts';
import type { Keys } from '../platform/crypto/keys.ts';
import type { Db } from '../platform/db/database.ts';
import { findRootOrgUnit, insertOrgUnit } from '../modules/orgs/index.ts';
import { insertUser, setUserRoles } from '../modules/users/index.ts';
import { addAccountToTeamsUnder } from '../modules/supervision/index.ts';
import { chinaDate } from '../platform/clock.ts';
import { seedDemoPersons } from './demo-persons.ts';
import { seedDemoEnforcement } from './demo-enforcement.ts';
import { demoAreaProfiles } from '../modules/areas/index.ts';

/** The fictional demo district (示范区). Known password: demo only, never on a production install. */
export const DEMO_PASSWORD = 'Qingyuan#2026';
const DISTRICT_CODE = '340199';

interface TownshipPlan {
  name: string;
  kind: Extract<OrgKind, 'township' | 'street'>;
  villages: string[];
}

const TOWNSHIPS: TownshipPlan[] = [
  { name: '清源街道', kind: 'street', villages: ['河畔社区', '文昌社区', '新华社区', '东门社区', '书院社区', '锦绣社区', '望江社区', '南湖社区'] },
  { name: '明德街道', kind: 'street', villages: ['明德社区', '双桥社区', '金桂社区', '翠竹社区', '阳光社区', '和平社区', '长青社区'] },
  { name: '长宁街道', kind: 'street', villages: ['长宁社区', '青云社区', '花园社区', '滨河社区', '福安社区', '康乐社区', '春晖社区'] },
  { name: '青山镇', kind: 'township', villages: ['青山村', '石桥村', '杨柳村', '枫林村', '黄土村', '大塘村', '青山社区', '松岗村'] },
  { name: '白石镇', kind: 'township', villages: ['白石村', '龙井村', '梅岭村', '新田村', '上湾村', '下湾村', '白石社区'] },
  { name: '柳河镇', kind: 'township', villages: ['柳河村', '沙洲村', '桑园村', '荷塘村', '北岗村', '柳河社区', '东林村', '西林村'] },
  { name: '桃源乡', kind: 'township', villages: ['桃源村', '溪口村', '竹山村', '茶园村', '高坪村', '李家村', '桃源社区'] },
  { name: '云岭乡', kind: 'township', villages: ['云岭村', '雾溪村', '岩前村', '山背村', '坪上村', '马鞍村', '云岭社区', '凤凰村'] },
];

const DEPARTMENTS = ['区教育局', '区卫生健康委', '区民政局', '区人力资源和社会保障局', '区邮政管理局', '区文化旅游体育局', '区市场监督管理局', '区团委'];

interface DemoAccount {
  username: string;
  displayName: string;
  role: Role;
  org: (units: DemoUnits) => OrgUnit;
}

interface DemoUnits {
  district: OrgUnit;
  townships: OrgUnit[];
  villagesOf: Map<string, OrgUnit[]>;
  departments: OrgUnit[];
  brigade: OrgUnit;
}

const first = <T>(list: T[] | undefined, what: string): T => {
  const item = list?.[0];
  if (item === undefined) throw new Error(`demo district has no ${what}`);
  return item;
};

export const DEMO_ACCOUNTS: DemoAccount[] = [
  { username: 'office', displayName: '王建国', role: 'office', org: (u) => u.district },
  { username: 'township', displayName: '李晓梅', role: 'township', org: (u) => first(u.townships, 'township') },
  { username: 'township2', displayName: '赵卫东', role: 'township', org: (u) => first(u.townships.slice(1), 'second township') },
  { username: 'worker', displayName: '陈静', role: 'worker', org: (u) => first(u.villagesOf.get(first(u.townships, 'township').id), 'village') },
  { username: 'police', displayName: '刘强', role: 'police', org: (u) => u.brigade },
  { username: 'department', displayName: '孙丽', role: 'department', org: (u) => first(u.departments, 'department') },
  { username: 'enterprise', displayName: '周海（示范化工有限公司）', role: 'enterprise', org: (u) => u.district },
  { username: 'sysadmin', displayName: '系统管理员', role: 'sysadmin', org: (u) => u.district },
  { username: 'secadmin', displayName: '安全管理员', role: 'secadmin', org: (u) => u.district },
  { username: 'auditor', displayName: '安全审计员', role: 'auditor', org: (u) => u.district },
];

const pad3 = (n: number): string => String(n).padStart(3, '0');

async function addUnit(trx: Trx, parent: OrgUnit | null, name: string, kind: OrgKind, divisionCode: string | null = null): Promise<OrgUnit> {
  return insertOrgUnit(trx, { id: randomUUID(), parent, name, kind, divisionCode });
}

export interface DemoOptions {
  /** Also load ~300 fictional persons (sealed with these keys, dated up to `at`). */
  persons?: { keys: Keys; at: Date };
  /** Also load last year's and this year's fictional cases, handling of drug use and this year's targets. */
  enforcement?: { keys: Keys; at: Date };
}

/** Loads the demo district into an empty database. Returns false (and writes nothing) when any org unit exists. */
export async function seedDemoDistrict(db: Db, audit: AuditLog, options: DemoOptions = {}): Promise<boolean> {
  if (await findRootOrgUnit(db)) return false;
  const hashes = await Promise.all(DEMO_ACCOUNTS.map(() => hashPassword(DEMO_PASSWORD)));
  await db.transaction().execute(async (trx) => {
    const district = await addUnit(trx, null, '示范区', 'district', DISTRICT_CODE);
    const units: DemoUnits = { district, townships: [], villagesOf: new Map(), departments: [], brigade: district };
    for (const [t, plan] of TOWNSHIPS.entries()) {
      const townshipCode = `${DISTRICT_CODE}${pad3(t + 1)}000`;
      const township = await addUnit(trx, district, plan.name, plan.kind, townshipCode);
      units.townships.push(township);
      const villages: OrgUnit[] = [];
      for (const [v, name] of plan.villages.entries()) {
        const kind = name.endsWith('社区') ? 'community' : 'village';
        const village = await addUnit(trx, township, name, kind, `${townshipCode.slice(0, 9)}${pad3(v + 1 + (kind === 'community' ? 0 : 200))}`);
        villages.push(village);
        const grids = v % 3 === 0 ? 2 : 1;
        for (let g = 1; g <= grids; g++) await addUnit(trx, village, `第${g}网格`, 'grid');
      }
      units.villagesOf.set(township.id, villages);
      await addUnit(trx, township, `${plan.name.replace(/(街道|镇|乡)$/, '')}派出所`, 'policeStation');
    }
    for (const name of DEPARTMENTS) units.departments.push(await addUnit(trx, district, name, 'department'));
    units.brigade = await addUnit(trx, district, '公安分局禁毒大队', 'policeStation');

    for (const [i, account] of DEMO_ACCOUNTS.entries()) {
      const id = await insertUser(trx, {
        username: account.username,
        displayName: account.displayName,
        orgUnitId: account.org(units).id,
        passwordHash: hashes[i] ?? '',
        mustChangePassword: false,
      });
      await setUserRoles(trx, id, [account.role]);
    }
    const persons = options.persons
      ? await seedDemoPersons(trx, options.persons.keys, options.persons.at, units.townships.map((township) => ({ township, villages: units.villagesOf.get(township.id) ?? [] })))
      : 0;
    // The demo worker (陈静, 河畔社区) is the social worker on the team of every demo person of her community:
    // a worker-only account sees only the persons whose current work team includes it.
    if (options.persons) {
      const worker = DEMO_ACCOUNTS.find((a) => a.username === 'worker');
      const row = await trx.selectFrom('app_user').select('id').where('username', '=', 'worker').executeTakeFirstOrThrow();
      if (worker) await addAccountToTeamsUnder(trx, row.id, worker.org(units).path, addDays(chinaDate(options.persons.at), -180), options.persons.at);
    }
    await demoAreaProfiles(trx, district, units.townships);
    const areas = units.townships.map((township) => ({ township, villages: units.villagesOf.get(township.id) ?? [] }));
    const enforcement = options.enforcement
      ? (await seedDemoEnforcement(trx, options.enforcement.keys, options.enforcement.at, district, units.brigade, areas)).cases
      : 0;
    await audit.append(trx, systemContext(), {
      action: 'system.demo_seeded',
      entityType: 'org_unit',
      entityId: district.id,
      reason: '加载示范区演示数据',
      changes: { accounts: DEMO_ACCOUNTS.map((a) => a.username), persons, ...(options.enforcement ? { cases: enforcement } : {}) },
    });
  });
  return true;
}
