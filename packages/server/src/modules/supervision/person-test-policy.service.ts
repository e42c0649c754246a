import { DEFAULT_TEST_POLICY, baseTestIntervalMonths, testIntervalMonths, testPolicySourceLabel, type PersonTestPolicyDto, type TestPolicySource } from '@qingyuan/shared';
import { scopeOf } from '../../platform/access/scope.ts';
import type { AuthedContext } from '../../platform/context.ts';
import { notFound } from '../../platform/errors.ts';
import type { Platform } from '../../platform/platform.ts';
import { findOrgUnitById } from '../orgs/index.ts';
import { findPersonInScope } from '../persons/index.ts';
import { DEFAULT_RISK } from './measure-due-rules.ts';
import type { RiskLevelSource } from './supervision.service.ts';
import { applicablePolicy, testPolicies } from './test-policies.repository.ts';

/**
 * The test schedule in force for one person (检测 tab): the same resolution as every next-test date the server
 * computes (the responsible unit's own policy, else the nearest ancestor's, else the default — `applicablePolicy`),
 * with the person's current risk level and the intervals that result.
 */
export class PersonTestPolicyService {
  constructor(private readonly platform: Platform, private readonly riskLevels: RiskLevelSource) {}

  async get(ctx: AuthedContext, personId: string): Promise<PersonTestPolicyDto> {
    return this.platform.db.transaction().execute(async (trx) => {
      const person = await findPersonInScope(trx, scopeOf(ctx.actor), personId);
      if (!person) throw notFound();
      const applies = applicablePolicy(await testPolicies(trx), person.orgPath);
      const policy = applies?.policy ?? DEFAULT_TEST_POLICY;
      const source: TestPolicySource = !applies ? 'default' : applies.orgUnitId === person.orgUnitId ? 'own' : 'inherited';
      const unit = await findOrgUnitById(trx, person.orgUnitId);
      const assessed = (await this.riskLevels(trx, [personId])).get(personId);
      const riskLevel = assessed ?? DEFAULT_RISK;
      // It tells the person's risk level: audited like the other reads of a person's supervision records.
      await this.platform.audit.append(trx, ctx, {
        action: 'measure.test_policy_viewed', entityType: 'person', entityId: personId, changes: { source },
      });
      return {
        orgUnit: { id: person.orgUnitId, name: unit?.name ?? '' },
        policy,
        source,
        sourceUnit: applies ? { id: applies.orgUnitId, name: applies.orgUnitName } : null,
        sourceLabel: testPolicySourceLabel(source, applies?.orgUnitName ?? null),
        riskLevel,
        riskAssessed: assessed !== undefined,
        riskFactor: policy.riskAdjust[riskLevel],
        intervals: [1, 2, 3].map((year) => ({
          year,
          baseMonths: baseTestIntervalMonths(year, policy),
          months: testIntervalMonths(year, riskLevel, policy),
        })),
        minMonthsBetween: policy.minMonthsBetween,
      };
    });
  }
}
