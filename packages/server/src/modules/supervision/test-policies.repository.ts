import { DEFAULT_TEST_POLICY, type TestPolicy } from '@qingyuan/shared';
import { inScope, type Scope } from '../../platform/access/scope.ts';
import type { Db } from '../../platform/db/database.ts';

/** Area kinds a test policy may be set on (the org tree without member departments and police units). */
export const POLICY_UNIT_KINDS = ['district', 'township', 'street', 'village', 'community', 'grid'] as const;

export interface StoredTestPolicy {
  orgUnitId: string;
  orgUnitName: string;
  orgPath: string;
  policy: TestPolicy;
}

/** Every unit's own policy with the unit's current path (a handful of rows: one query per request or computation). */
export async function testPolicies(db: Db): Promise<StoredTestPolicy[]> {
  const rows = await db.selectFrom('test_policy as t').innerJoin('org_unit as o', 'o.id', 't.org_unit_id')
    .select(['t.org_unit_id', 'o.name', 'o.path', 't.year1_months_between', 't.year2_months_between', 't.year3_months_between',
      't.min_months_between', 't.risk_high', 't.risk_medium', 't.risk_low'])
    .execute();
  return rows.map((r) => ({
    orgUnitId: r.org_unit_id, orgUnitName: r.name, orgPath: r.path,
    policy: {
      year1MonthsBetween: r.year1_months_between, year2MonthsBetween: r.year2_months_between, year3MonthsBetween: r.year3_months_between,
      riskAdjust: { high: r.risk_high, medium: r.risk_medium, low: r.risk_low }, minMonthsBetween: r.min_months_between,
    },
  }));
}

/** The setting that applies at a path: the unit's own, else the nearest ancestor's; null = the default policy. */
export function applicablePolicy(settings: readonly StoredTestPolicy[], orgPath: string): StoredTestPolicy | null {
  let best: StoredTestPolicy | null = null;
  for (const s of settings) if (orgPath.startsWith(s.orgPath) && (!best || s.orgPath.length > best.orgPath.length)) best = s;
  return best;
}

/** Loads the policies once and resolves any path in memory (memoized per path). */
export async function testPolicyResolver(db: Db): Promise<(orgPath: string) => TestPolicy> {
  const settings = await testPolicies(db);
  const memo = new Map<string, TestPolicy>();
  return (orgPath) => {
    let policy = memo.get(orgPath);
    if (!policy) {
      policy = applicablePolicy(settings, orgPath)?.policy ?? DEFAULT_TEST_POLICY;
      memo.set(orgPath, policy);
    }
    return policy;
  };
}

export async function policyUnitsInScope(db: Db, scope: Scope) {
  return db.selectFrom('org_unit').select(['id', 'name', 'kind', 'path', 'depth'])
    .where('kind', 'in', [...POLICY_UNIT_KINDS]).where('active', '=', true)
    .where((eb) => inScope(eb, 'path', { rootPath: scope.rootPath }))
    .orderBy('path').execute();
}

export async function policyUnitInScope(db: Db, scope: Scope, id: string) {
  return db.selectFrom('org_unit').select(['id', 'name', 'path'])
    .where('id', '=', id).where('kind', 'in', [...POLICY_UNIT_KINDS])
    .where((eb) => inScope(eb, 'path', { rootPath: scope.rootPath }))
    .executeTakeFirst();
}

export async function upsertTestPolicy(db: Db, orgUnitId: string, p: TestPolicy, by: string, at: Date): Promise<void> {
  const values = {
    year1_months_between: p.year1MonthsBetween, year2_months_between: p.year2MonthsBetween, year3_months_between: p.year3MonthsBetween,
    min_months_between: p.minMonthsBetween, risk_high: p.riskAdjust.high, risk_medium: p.riskAdjust.medium, risk_low: p.riskAdjust.low,
    updated_by: by, updated_at: at,
  };
  await db.insertInto('test_policy').values({ org_unit_id: orgUnitId, ...values })
    .onConflict((oc) => oc.column('org_unit_id').doUpdateSet(values)).execute();
}

export async function deleteTestPolicy(db: Db, orgUnitId: string): Promise<boolean> {
  const result = await db.deleteFrom('test_policy').where('org_unit_id', '=', orgUnitId).executeTakeFirst();
  return Number(result.numDeletedRows) > 0;
}
