import { z } from 'zod';
import { periodProblem, PERIOD_KINDS, type PeriodSpec } from '../rules/periods.ts';
import { plainText } from './common.ts';

/**
 * The indicator layer's read side (issue #6): indicator definitions, values for units × periods with 同比/环比,
 * the office dashboard, and the drug-situation index (毒情测评) configuration.
 */

const Year = z.coerce.number('年度应为整数').int('年度应为整数');
const Index = z.coerce.number('期间序号应为整数').int('期间序号应为整数').optional();
const Day = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, '日期格式应为 YYYY-MM-DD').optional();

/** period=month|quarter|half|year|custom, year, index (month 1–12, quarter 1–4, half 1–2), from/to for custom. */
const PeriodFields = z.object({ period: z.enum(PERIOD_KINDS, '统计期间类型不在允许范围内').default('year'), year: Year, index: Index, from: Day, to: Day });

/** The period a query names, as the rules take it. */
export function periodSpecOf(q: z.infer<typeof PeriodFields>): PeriodSpec {
  return { kind: q.period, year: q.year, ...(q.index === undefined ? {} : { index: q.index }), ...(q.from ? { from: q.from } : {}), ...(q.to ? { to: q.to } : {}) };
}

function checkPeriod(q: z.infer<typeof PeriodFields>, ctx: z.RefinementCtx): void {
  const problem = periodProblem(periodSpecOf(q));
  if (problem) ctx.addIssue({ code: 'custom', path: [problem.field], message: problem.message });
}

export const PeriodQuery = PeriodFields.extend({ orgUnitId: z.uuid('单位编号格式不正确').optional() }).superRefine(checkPeriod);
export type PeriodQuery = z.infer<typeof PeriodQuery>;

const Range = z.object({ from: z.string(), to: z.string() });
export const PeriodDto = z.object({ label: z.string(), counted: Range, partial: z.boolean(), lastYear: Range, previous: Range });
export type PeriodDto = z.infer<typeof PeriodDto>;

export const IndicatorDefinitionDto = z.object({
  code: z.string(),
  label: z.string(),
  unit: z.string(),
  module: z.string(),
  definition: z.string(),
  aggregation: z.enum(['sum', 'ratio']),
  target: z.boolean(),
  version: z.number().int(),
});
export type IndicatorDefinitionDto = z.infer<typeof IndicatorDefinitionDto>;

/** One indicator for one unit and period, with the same period last year and the period before. */
export const IndicatorValue = z.object({
  code: z.string(),
  orgUnitId: z.uuid(),
  /** Exact decimal text, or null for a rate with nobody in its denominator. */
  value: z.string().nullable(),
  lastYearValue: z.string().nullable(),
  previousValue: z.string().nullable(),
  /** % for counts and amounts; percentage points for rates (see changeUnit). */
  yoyChange: z.number().nullable(),
  popChange: z.number().nullable(),
  changeUnit: z.enum(['%', '个百分点']),
});
export type IndicatorValue = z.infer<typeof IndicatorValue>;

export const IndicatorTableQuery = PeriodFields.extend({
  /** Comma-separated indicator codes. */
  codes: plainText().min(1, '请选择指标').max(2000, '指标过多'),
  /** Comma-separated org unit ids; the caller's own unit when left out. */
  orgUnitIds: plainText().max(4000, '单位过多').optional(),
}).superRefine(checkPeriod);
export type IndicatorTableQuery = z.infer<typeof IndicatorTableQuery>;

export const IndicatorTable = z.object({
  period: PeriodDto,
  indicators: z.array(IndicatorDefinitionDto),
  units: z.array(z.object({ id: z.uuid(), name: z.string() })),
  values: z.array(IndicatorValue),
});
export type IndicatorTable = z.infer<typeof IndicatorTable>;

// ---------------------------------------------------------------- drug-situation index

export const IndexComponentInput = z.object({
  indicator: plainText().min(1, '请选择指标').max(64, '指标代码过长'),
  weight: z.number('权重应为数字').gt(0, '权重应大于0').max(100, '权重不能超过100'),
  good: z.number('参考值应为数字'),
  bad: z.number('参考值应为数字'),
});
export const PutIndexConfig = z.object({ components: z.array(IndexComponentInput).min(1, '至少选择一个指标').max(12, '最多12个指标') });
export type PutIndexConfig = z.infer<typeof PutIndexConfig>;

export const IndexConfigDto = PutIndexConfig.extend({ version: z.number().int(), savedBy: z.string().nullable(), savedAt: z.string().nullable() });
export type IndexConfigDto = z.infer<typeof IndexConfigDto>;

export const UnitIndex = z.object({
  orgUnitId: z.uuid(),
  name: z.string(),
  index: z.number().nullable(),
  lastYearIndex: z.number().nullable(),
  changePoints: z.number().nullable(),
  changePercent: z.number().nullable(),
  components: z.array(z.object({ indicator: z.string(), label: z.string(), value: z.number().nullable(), score: z.number().nullable(), weight: z.number() })),
  contributions: z.array(z.object({ indicator: z.string(), label: z.string(), points: z.number() })),
});
export type UnitIndex = z.infer<typeof UnitIndex>;

export const SituationIndex = z.object({
  period: PeriodDto,
  configVersion: z.number().int(),
  area: UnitIndex,
  units: z.array(UnitIndex),
});
export type SituationIndex = z.infer<typeof SituationIndex>;


// ---------------------------------------------------------------- dashboard

export const KeyFigure = IndicatorValue.extend({
  label: z.string(),
  unit: z.string(),
  /** 任务数 and 完成率 where the office set a target for the period (year or quarter). */
  target: z.string().nullable(),
  completion: z.number().nullable(),
});
export type KeyFigure = z.infer<typeof KeyFigure>;

export const Dashboard = z.object({
  orgUnit: z.object({ id: z.uuid(), name: z.string() }),
  period: PeriodDto,
  keyFigures: z.array(KeyFigure),
  /** Monthly values of the last twelve months (to the period's end) for the trend chart. */
  trend: z.object({ months: z.array(z.string()), series: z.array(z.object({ code: z.string(), label: z.string(), values: z.array(z.number()) })) }),
  /** The area children with the key figures' values, for the map and the ranking. */
  units: z.array(z.object({ orgUnitId: z.uuid(), name: z.string(), values: z.record(z.string(), z.string().nullable()) })),
});
export type Dashboard = z.infer<typeof Dashboard>;
