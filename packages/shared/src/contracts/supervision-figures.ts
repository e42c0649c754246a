import { z } from 'zod';
import { PageQuery, QuarterParam, YearParam } from './common.ts';

/**
 * Person and supervision indicators (管控统计) per org subtree and period, with 同比/环比 and the persons behind each
 * figure. Definitions in Chinese: docs/indicators.md (and `definition` on every row).
 */

export const SUPERVISION_INDICATORS = [
  'persons.registered', 'persons.current',
  'measures.communityTreatment', 'measures.communityRehab', 'measures.compulsoryIsolation', 'measures.voluntaryTreatment', 'measures.maintenanceTherapy',
  'supervision.reportInRate', 'supervision.executionRate', 'supervision.testRate', 'supervision.relapseRate',
  'supervision.seriousViolations', 'supervision.lostContact', 'persons.abstinent',
] as const;
export type SupervisionIndicator = (typeof SUPERVISION_INDICATORS)[number];

const Year = YearParam;
const Quarter = QuarterParam;

export const SupervisionFiguresQuery = z.object({
  orgUnitId: z.uuid('单位编号格式不正确').optional(),
  year: Year,
  quarter: Quarter.optional(),
});
export type SupervisionFiguresQuery = z.infer<typeof SupervisionFiguresQuery>;

const Range = z.object({ from: z.string(), to: z.string() });

export const SupervisionFigureRow = z.object({
  indicator: z.enum(SUPERVISION_INDICATORS),
  label: z.string(),
  /** '人' for counts, '%' for rates. */
  unit: z.enum(['人', '%']),
  definition: z.string(),
  /** Counts as integer text; rates as one-decimal text ('72.0'), or null when nobody is in the denominator. */
  value: z.string().nullable(),
  numerator: z.number().int().nullable(),
  denominator: z.number().int().nullable(),
  lastYearValue: z.string().nullable(),
  /** 同比: % change for counts, percentage points for rates; null without a base (无同期数). */
  yoyChange: z.number().nullable(),
  previousValue: z.string().nullable(),
  popChange: z.number().nullable(),
  /** '%' (counts) or '个百分点' (rates). */
  changeUnit: z.enum(['%', '个百分点']),
});
export type SupervisionFigureRow = z.infer<typeof SupervisionFigureRow>;

export const SupervisionFigures = z.object({
  orgUnit: z.object({ id: z.uuid(), name: z.string() }),
  year: z.number().int(),
  quarter: z.number().int().nullable(),
  period: Range,
  partial: z.boolean(),
  lastYearPeriod: Range,
  previousPeriod: Range,
  rows: z.array(SupervisionFigureRow),
});
export type SupervisionFigures = z.infer<typeof SupervisionFigures>;

export const SupervisionFigurePersonsQuery = PageQuery.extend({
  orgUnitId: z.uuid('单位编号格式不正确').optional(),
  year: Year,
  quarter: Quarter.optional(),
  compare: z.enum(['current', 'lastYear', 'previous'], '对比期不在允许范围内').default('current'),
});
export type SupervisionFigurePersonsQuery = z.infer<typeof SupervisionFigurePersonsQuery>;
export const SupervisionFigurePersonsParams = z.object({ indicator: z.enum(SUPERVISION_INDICATORS, '指标不在指标库中') });

export const SupervisionFigurePerson = z.object({
  personId: z.uuid(),
  personName: z.string(),
  idNumberMasked: z.string(),
  orgUnitName: z.string(),
  /** For a rate: whether the person counts in the numerator (every listed person is in the denominator). */
  inNumerator: z.boolean(),
  note: z.string(),
});
export type SupervisionFigurePerson = z.infer<typeof SupervisionFigurePerson>;

export const SupervisionFigurePersons = z.object({
  indicator: z.enum(SUPERVISION_INDICATORS),
  label: z.string(),
  period: Range,
  value: z.string().nullable(),
  /** Persons counted in the numerator (for a count: equal to `total`). */
  numerator: z.number().int(),
  /** All persons behind the figure (the denominator for a rate). */
  total: z.number().int(),
  items: z.array(SupervisionFigurePerson),
});
export type SupervisionFigurePersons = z.infer<typeof SupervisionFigurePersons>;

export interface SupervisionIndicatorInfo {
  label: string;
  unit: '人' | '%';
  /** The definition in Chinese (docs/indicators.md says the same, with the edge cases). */
  definition: string;
}

/** Labels, units and Chinese definitions; version 1 of each definition. */
export const SUPERVISION_INDICATOR_INFO: Record<SupervisionIndicator, SupervisionIndicatorInfo> = {
  'persons.registered': { label: '登记吸毒人员', unit: '人', definition: '期末在册登记的吸毒人员数（录入登记日期不晚于期末；含已死亡、已迁出；不含已批准戒断三年未复吸、转入限制查阅档案的人员）。' },
  'persons.current': { label: '现有吸毒人员', unit: '人', definition: '登记吸毒人员中状态为“在册”的人数，即不含戒断三年未复吸、已死亡、已迁出人员。' },
  'measures.communityTreatment': { label: '社区戒毒在管', unit: '人', definition: '期末社区戒毒正在执行（已报到执行、中止中）的人数。' },
  'measures.communityRehab': { label: '社区康复在管', unit: '人', definition: '期末社区康复正在执行（已报到执行、中止中）的人数。' },
  'measures.compulsoryIsolation': { label: '强制隔离戒毒在所', unit: '人', definition: '期末强制隔离戒毒正在执行（含脱逃未归）的人数。' },
  'measures.voluntaryTreatment': { label: '自愿戒毒', unit: '人', definition: '期末自愿戒毒正在进行的人数。' },
  'measures.maintenanceTherapy': { label: '维持治疗', unit: '人', definition: '期末药物维持治疗正在进行的人数。' },
  'supervision.reportInRate': { label: '报到率', unit: '%', definition: '报到期限在本期内届满的社区戒毒、社区康复措施中，按期（收到决定书之日起15日内，或有正当理由）报到的比例。' },
  'supervision.executionRate': { label: '执行率', unit: '%', definition: '本期内决定的社区戒毒、社区康复措施中，截至期末已报到执行的比例（已报到人数 ÷ 责令人数）。' },
  'supervision.testRate': { label: '检测率', unit: '%', definition: '期末在执行社区戒毒、社区康复且按检测周期本期内有检测到期的人员中，本期内接受过检测的比例（已检测 ÷ 应检测）。' },
  'supervision.relapseRate': { label: '复吸率', unit: '%', definition: '本期内接受检测的人员中，检测结果为阳性的人员比例（阳性人数 ÷ 检测人数；拒检不计入检测人数）。' },
  'supervision.seriousViolations': { label: '严重违反协议', unit: '人', definition: '本期内出现严重违反社区戒毒（康复）协议情形的人数：无正当理由逾期报到或逾期未报到（视为拒绝报到），或本期生成的严重违反协议任务（拒绝检测、擅自离开县域）。' },
  'supervision.lostContact': { label: '失联人员', unit: '人', definition: '期末失去联系的人数：在执行社区戒毒、社区康复但检测逾期超过30日，报到期限已过30日仍未报到，或强制隔离戒毒脱逃未归。' },
  'persons.abstinent': { label: '戒断三年未复吸', unit: '人', definition: '本期内经禁毒办批准戒断三年未复吸、解除动态管控并转入限制查阅档案的人数。' },
};
