import { z } from 'zod';
import { noteText, plainText } from './common.ts';
import { DatedRuleDto } from './supervision.ts';
import { RISK_TRIGGER_KINDS } from '../rules/risk-assessment.ts';
import { RISK_LEVELS } from '../rules/test-schedule.ts';

/** Risk classification (风险分类评估) and serious-violation tasks (严重违反任务). */

const Code = (label: string) => plainText().min(1, `${label}不能为空`).max(32, `${label}最多32个字符`).regex(/^[A-Za-z][A-Za-z0-9_]*$/, `${label}只能由字母、数字和下划线组成，以字母开头`);
const Label = (label: string) => plainText().min(1, `请填写${label}`).max(50, `${label}最多50个字符`);
const Score = z.number('分值应为整数').int('分值应为整数').min(0, '分值不能为负').max(100, '分值最多100');

export const RiskOptionInput = z.object({ code: Code('选项代码'), label: Label('选项名称'), score: Score });
export const RiskItemInput = z.object({
  code: Code('项目代码'),
  label: Label('项目名称'),
  options: z.array(RiskOptionInput).min(2, '每个评估项目至少2个选项').max(10, '每个评估项目最多10个选项'),
});
export const RiskThresholdsInput = z.object({
  high: z.number('高风险分数线应为整数').int('高风险分数线应为整数').min(1, '高风险分数线应为正整数').max(3000, '高风险分数线过大'),
  medium: z.number('中风险分数线应为整数').int('中风险分数线应为整数').min(1, '中风险分数线应为正整数').max(3000, '中风险分数线过大'),
});

/** PUT /api/risk/instrument: a new version (old assessments keep theirs). */
export const SaveRiskInstrument = z.object({
  items: z.array(RiskItemInput).min(1, '评估项目至少1项').max(30, '评估项目最多30项'),
  thresholds: RiskThresholdsInput,
});
export type SaveRiskInstrument = z.infer<typeof SaveRiskInstrument>;
/** Field names of PUT /api/risk/instrument errors (`code` and `label` mean the item's or the option's). */
export const SAVE_RISK_INSTRUMENT_LABELS = {
  items: '评估项目', 'items.code': '项目代码', 'items.label': '项目名称', 'items.options': '选项',
  'items.options.code': '选项代码', 'items.options.label': '选项名称', 'items.options.score': '分值',
} as const;

export const RiskInstrumentDto = z.object({
  id: z.uuid(),
  version: z.number().int(),
  items: z.array(z.object({ code: z.string(), label: z.string(), options: z.array(z.object({ code: z.string(), label: z.string(), score: z.number().int() })) })),
  thresholds: z.object({ high: z.number().int(), medium: z.number().int() }),
  createdAt: z.string(),
});
export type RiskInstrumentDto = z.infer<typeof RiskInstrumentDto>;

export const RiskInstrumentQuery = z.object({ version: z.coerce.number('版本号应为正整数').int('版本号应为正整数').min(1, '版本号应为正整数').optional() });

export const ASSESSMENT_OCCASIONS = ['registration', 'scheduled', 'triggered'] as const;
export type AssessmentOccasion = (typeof ASSESSMENT_OCCASIONS)[number];
export const ASSESSMENT_OCCASION_LABELS: Record<AssessmentOccasion, string> = { registration: '列管评估', scheduled: '定期评估', triggered: '触发评估' };

/** POST /api/persons/:id/risk-assessments */
export const CreateRiskAssessment = z.object({
  instrumentVersion: z.number('评估表版本应为正整数').int('评估表版本应为正整数').min(1, '评估表版本应为正整数'),
  answers: z.record(plainText().max(32, '项目代码最多32个字符'), plainText().min(1, '请选择选项').max(32, '选项代码最多32个字符'), '评估答案应为对象'),
  assessedOn: z.iso.date('评估日期格式不正确（YYYY-MM-DD）').optional(),
  override: z.enum(RISK_LEVELS, '调整后的风险等级不在允许范围内').optional(),
  reason: noteText().max(500, '调整理由最多500个字符').optional(),
});
export type CreateRiskAssessment = z.infer<typeof CreateRiskAssessment>;

export const RiskAssessmentDto = z.object({
  id: z.uuid(),
  assessedOn: z.string(),
  occasion: z.enum(ASSESSMENT_OCCASIONS),
  instrumentVersion: z.number().int(),
  answers: z.record(z.string(), z.string()),
  score: z.number().int(),
  computedLevel: z.enum(RISK_LEVELS),
  level: z.enum(RISK_LEVELS),
  overridden: z.boolean(),
  overrideReason: z.string().nullable(),
  explanation: z.string(),
  assessor: z.string().nullable(),
  createdAt: z.string(),
});
export type RiskAssessmentDto = z.infer<typeof RiskAssessmentDto>;

export const RiskOverview = z.object({
  currentLevel: z.enum(RISK_LEVELS),
  /** True when no assessment exists and the level is the default (medium). */
  defaulted: z.boolean(),
  nextDue: DatedRuleDto,
  due: z.boolean(),
  overdue: z.boolean(),
  openTriggers: z.array(z.object({ kind: z.enum(RISK_TRIGGER_KINDS), date: z.string() })),
  items: z.array(RiskAssessmentDto),
});
export type RiskOverview = z.infer<typeof RiskOverview>;

// Serious-violation tasks (严重违反: 报告公安机关并建议强制隔离戒毒).
export const VIOLATION_BASES = ['testEvasions', 'unauthorizedAbsences', 'unauthorizedDays'] as const;
export type ViolationBasis = (typeof VIOLATION_BASES)[number];
export const VIOLATION_BASIS_LABELS: Record<ViolationBasis, string> = {
  testEvasions: '逃避、拒绝检测3次以上', unauthorizedAbsences: '擅自离开3次以上', unauthorizedDays: '擅自离开累计超过30日',
};
/** `withdrawn`: by the system, when the basis no longer holds (a justified reason recorded after the task opened). */
export const VIOLATION_TASK_STATUSES = ['open', 'completed', 'dismissed', 'withdrawn'] as const;
export type ViolationTaskStatus = (typeof VIOLATION_TASK_STATUSES)[number];
export const VIOLATION_TASK_STATUS_LABELS: Record<ViolationTaskStatus, string> = { open: '待办', completed: '已报告', dismissed: '已撤销', withdrawn: '自动撤销' };
export const POLICE_DECISIONS = ['pending', 'compulsoryIsolation', 'notIsolated'] as const;
export type PoliceDecision = (typeof POLICE_DECISIONS)[number];
export const POLICE_DECISION_LABELS: Record<PoliceDecision, string> = {
  pending: '公安机关尚未决定', compulsoryIsolation: '决定强制隔离戒毒', notIsolated: '未决定强制隔离戒毒',
};

export const ViolationTaskDto = z.object({
  id: z.uuid(),
  personId: z.uuid(),
  personName: z.string(),
  measureId: z.uuid(),
  basis: z.enum(VIOLATION_BASES),
  reachedOn: z.string(),
  title: z.string(),
  explanation: z.string(),
  status: z.enum(VIOLATION_TASK_STATUSES),
  orgUnit: z.object({ id: z.uuid(), name: z.string() }),
  reportedToPoliceOn: z.string().nullable(),
  policeDecision: z.enum(POLICE_DECISIONS).nullable(),
  outcomeNote: z.string().nullable(),
  dismissReason: z.string().nullable(),
  /** Withdrawn by the system: when and why (e.g. 已撤销：登记正当理由后逃避或者拒绝接受检测2次，不足3次). */
  withdrawnOn: z.string().nullable(),
  withdrawnReason: z.string().nullable(),
  /** On a task already reported to the police whose basis no longer holds: the task stays, this says why. */
  basisNote: z.string().nullable(),
  createdAt: z.string(),
});
export type ViolationTaskDto = z.infer<typeof ViolationTaskDto>;

export const ViolationTaskQuery = z.object({
  status: z.enum(VIOLATION_TASK_STATUSES, '状态不在允许范围内').default('open'),
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(20),
});

/** POST /api/violation-tasks/:id/complete */
export const CompleteViolationTask = z.object({
  reportedToPoliceOn: z.iso.date('报告日期格式不正确（YYYY-MM-DD）'),
  policeDecision: z.enum(POLICE_DECISIONS, '公安机关决定不在允许范围内'),
  note: noteText().max(1000, '备注最多1000个字符').optional(),
});
export type CompleteViolationTask = z.infer<typeof CompleteViolationTask>;

/** POST /api/violation-tasks/:id/dismiss */
export const DismissViolationTask = z.object({ reason: noteText().min(2, '请填写撤销理由').max(500, '撤销理由最多500个字符') });
export type DismissViolationTask = z.infer<typeof DismissViolationTask>;
