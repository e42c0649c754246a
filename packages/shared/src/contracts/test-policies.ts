import { z } from 'zod';

/** Test schedule per jurisdiction (检测频次设置, issue #3): a unit's own policy or the one it inherits. */

/** The TestPolicy fields (rules/test-schedule.ts); ranges are checked by `testPolicyProblems` for its Chinese messages. */
export const TestPolicyBody = z.object({
  year1MonthsBetween: z.number(),
  year2MonthsBetween: z.number(),
  year3MonthsBetween: z.number(),
  riskAdjust: z.object({ high: z.number(), medium: z.number(), low: z.number() }),
  minMonthsBetween: z.number(),
});
export type TestPolicyBody = z.infer<typeof TestPolicyBody>;
/** Field names of PUT /api/test-policies/:orgUnitId errors. */
export const PUT_TEST_POLICY_LABELS = {
  year1MonthsBetween: '第一年检测间隔', year2MonthsBetween: '第二年检测间隔', year3MonthsBetween: '第三年检测间隔',
  minMonthsBetween: '最短检测间隔', riskAdjust: '风险系数', high: '高风险系数', medium: '中风险系数', low: '低风险系数',
} as const;

export const TestPolicyParams = z.object({ orgUnitId: z.uuid() });

export const TestPolicyUnitDto = z.object({
  orgUnit: z.object({ id: z.string(), name: z.string(), kind: z.string(), depth: z.number().int() }),
  /** The unit's own setting, null when it inherits. */
  own: TestPolicyBody.nullable(),
  effective: TestPolicyBody,
  /** The unit whose setting applies (the unit itself or the nearest ancestor); null = the default policy. */
  inheritedFrom: z.object({ id: z.string(), name: z.string() }).nullable(),
});
export type TestPolicyUnitDto = z.infer<typeof TestPolicyUnitDto>;
export const TestPolicyList = z.object({ items: z.array(TestPolicyUnitDto) });
export type TestPolicyList = z.infer<typeof TestPolicyList>;
