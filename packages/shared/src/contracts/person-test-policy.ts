import { z } from 'zod';
import { RISK_LEVELS } from '../rules/test-schedule.ts';
import { TestPolicyBody } from './test-policies.ts';

/**
 * GET /api/persons/:id/test-policy — the test schedule in force for one person (检测 tab): the policy of the person's
 * responsible unit (its own, inherited from the nearest ancestor, or the default), the risk factor of the person's
 * current level and the intervals that result.
 */
export const TEST_POLICY_SOURCES = ['own', 'inherited', 'default'] as const;
export type TestPolicySource = (typeof TEST_POLICY_SOURCES)[number];

/** 本单位设置 / 沿用<单位> / 默认 — as on the 检测频次设置 page. */
export function testPolicySourceLabel(source: TestPolicySource, unitName: string | null): string {
  switch (source) {
    case 'own':
      return '本单位设置';
    case 'inherited':
      return `沿用${unitName ?? ''}`;
    case 'default':
      return '默认';
  }
}

export const PersonTestPolicyDto = z.object({
  /** The person's responsible unit, whose policy applies. */
  orgUnit: z.object({ id: z.uuid(), name: z.string() }),
  /** The effective policy (TestPolicy fields). */
  policy: TestPolicyBody,
  source: z.enum(TEST_POLICY_SOURCES),
  /** The unit whose setting applies (the responsible unit itself or an ancestor); null for the default. */
  sourceUnit: z.object({ id: z.uuid(), name: z.string() }).nullable(),
  sourceLabel: z.string(),
  /** The person's current risk level (latest assessment); medium while never assessed. */
  riskLevel: z.enum(RISK_LEVELS),
  riskAssessed: z.boolean(),
  riskFactor: z.number(),
  /** Months between tests per measure year after the risk factor and the minimum (year 3 stands for later years too). */
  intervals: z.array(z.object({ year: z.number().int(), baseMonths: z.number().int(), months: z.number().int() })),
  minMonthsBetween: z.number().int(),
});
export type PersonTestPolicyDto = z.infer<typeof PersonTestPolicyDto>;
