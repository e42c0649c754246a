import { DEFAULT_TEST_POLICY, testPolicyProblems, type TestPolicy, type TestPolicyBody, type TestPolicyUnitDto } from '@qingyuan/shared';
import { scopeOf } from '../../platform/access/scope.ts';
import type { AuthedContext } from '../../platform/context.ts';
import type { Db } from '../../platform/db/database.ts';
import { invalidField, notFound } from '../../platform/errors.ts';
import type { Platform } from '../../platform/platform.ts';
import * as repo from './test-policies.repository.ts';

/** Only the TestPolicy fields, in a fixed order (what is stored and audited). */
function policyOf(body: TestPolicyBody): TestPolicy {
  return {
    year1MonthsBetween: body.year1MonthsBetween, year2MonthsBetween: body.year2MonthsBetween, year3MonthsBetween: body.year3MonthsBetween,
    riskAdjust: { high: body.riskAdjust.high, medium: body.riskAdjust.medium, low: body.riskAdjust.low }, minMonthsBetween: body.minMonthsBetween,
  };
}

/**
 * Test schedule per jurisdiction (检测频次设置): a unit's own policy, inherited by its subtree (nearest wins, else
 * DEFAULT_TEST_POLICY). The office sets it; every test due date the server computes reads it (docs/rules.md 检测频次).
 */
export class TestPoliciesService {
  /** `changed`: called in the write's transaction with the unit's path (its subtree's stored due dates follow). */
  constructor(private readonly platform: Platform, private readonly changed: (trx: Db, path: string) => Promise<void> = () => Promise.resolve()) {}

  async list(ctx: AuthedContext): Promise<TestPolicyUnitDto[]> {
    const scope = scopeOf(ctx.actor);
    return this.platform.db.transaction().execute(async (trx) => {
      const units = await repo.policyUnitsInScope(trx, scope);
      const settings = await repo.testPolicies(trx);
      return units.map((u) => {
        const own = settings.find((s) => s.orgUnitId === u.id) ?? null;
        const applies = repo.applicablePolicy(settings, u.path);
        return {
          orgUnit: { id: u.id, name: u.name, kind: u.kind, depth: u.depth },
          own: own?.policy ?? null,
          effective: applies?.policy ?? DEFAULT_TEST_POLICY,
          inheritedFrom: applies ? { id: applies.orgUnitId, name: applies.orgUnitName } : null,
        };
      });
    });
  }

  async put(ctx: AuthedContext, orgUnitId: string, body: TestPolicyBody): Promise<{ ok: true }> {
    const policy = policyOf(body);
    const problem = testPolicyProblems(policy)[0];
    if (problem) throw invalidField(problem.field, problem.message);
    await this.platform.db.transaction().execute(async (trx) => {
      const unit = await repo.policyUnitInScope(trx, scopeOf(ctx.actor), orgUnitId);
      if (!unit) throw notFound();
      const before = (await repo.testPolicies(trx)).find((s) => s.orgUnitId === unit.id)?.policy ?? null;
      await repo.upsertTestPolicy(trx, unit.id, policy, ctx.actor.userId, this.platform.clock.now());
      await this.changed(trx, unit.path);
      await this.platform.audit.append(trx, ctx, {
        action: 'supervision.test_policy_set', entityType: 'test_policy', entityId: unit.id, changes: { orgUnit: unit.name, from: before, to: policy },
      });
    });
    return { ok: true };
  }

  /** Back to the inherited policy. */
  async clear(ctx: AuthedContext, orgUnitId: string): Promise<{ ok: true }> {
    await this.platform.db.transaction().execute(async (trx) => {
      const unit = await repo.policyUnitInScope(trx, scopeOf(ctx.actor), orgUnitId);
      if (!unit) throw notFound();
      const before = (await repo.testPolicies(trx)).find((s) => s.orgUnitId === unit.id)?.policy ?? null;
      if (!before) return;
      await repo.deleteTestPolicy(trx, unit.id);
      await this.changed(trx, unit.path);
      await this.platform.audit.append(trx, ctx, {
        action: 'supervision.test_policy_cleared', entityType: 'test_policy', entityId: unit.id, changes: { orgUnit: unit.name, from: before, to: null },
      });
    });
    return { ok: true };
  }
}
