import { z } from 'zod';
import { PageQuery, noteText, plainText } from './common.ts';
import { MEASURE_KINDS } from '../rules/measure-clocks.ts';
import { RISK_LEVELS } from '../rules/test-schedule.ts';
import { TEST_NOTICE_METHODS, TEST_NOTICE_STATUSES } from '../rules/test-notices.ts';

/** Supervision (管控措施): measures with their statutory clocks, report-in, events, drug tests, working lists. */

export const MEASURE_RECORD_STATUSES = ['ordered', 'active', 'suspended', 'ended', 'terminated'] as const;
export type MeasureRecordStatus = (typeof MEASURE_RECORD_STATUSES)[number];

export const MEASURE_EVENT_TYPES = ['suspension', 'escape', 'extension', 'placeChange', 'termination'] as const;
export type MeasureEventType = (typeof MEASURE_EVENT_TYPES)[number];
export const MEASURE_EVENT_LABELS: Record<MeasureEventType, string> = {
  suspension: '中止（拘留、逮捕）', escape: '脱逃', extension: '延长', placeChange: '变更执行地', termination: '终止',
};
export const TERMINATION_REASONS = ['imprisonment', 'compulsoryEducation', 'compulsoryIsolation', 'death', 'other'] as const;

export const TEST_KINDS = ['urine', 'hair', 'saliva'] as const;
export const TEST_KIND_LABELS: Record<(typeof TEST_KINDS)[number], string> = { urine: '尿检', hair: '毛发检测', saliva: '唾液检测' };
export const TEST_SETTINGS = ['field', 'lab'] as const;
export const TEST_SETTING_LABELS: Record<(typeof TEST_SETTINGS)[number], string> = { field: '现场', lab: '实验室' };
export const TEST_RESULTS = ['negative', 'positive', 'refused'] as const;
export type TestResult = (typeof TEST_RESULTS)[number];
export const TEST_RESULT_LABELS: Record<TestResult, string> = { negative: '阴性', positive: '阳性', refused: '拒绝检测' };

/** Working lists computed from the clocks of each open community measure (also the facts of the time-based alert rules). */
export const MEASURE_WORKLISTS = ['due', 'overdue', 'notReportedIn', 'endingSoon'] as const;
export type MeasureWorklist = (typeof MEASURE_WORKLISTS)[number];
/** Working lists about persons beyond the measure clocks: current risk, lost contact, transfers waiting for the caller. */
export const PERSON_WORKLISTS = ['highRisk', 'lostContact', 'transfersWaiting', 'missedNotices'] as const;
export type PersonWorklist = (typeof PERSON_WORKLISTS)[number];
export const WORKLISTS = [...MEASURE_WORKLISTS, ...PERSON_WORKLISTS] as const;
export type Worklist = (typeof WORKLISTS)[number];
export const WORKLIST_LABELS: Record<Worklist, string> = {
  due: '今日应检', overdue: '检测逾期', notReportedIn: '逾期未报到', endingSoon: '30日内期满',
  highRisk: '高风险人员', lostContact: '疑似脱管', transfersWaiting: '待接收移交', missedNotices: '通知未检',
};

const Day = (label: string) => z.iso.date(`${label}格式不正确（YYYY-MM-DD）`);
const Agency = plainText().min(1, '请填写决定机关').max(100, '决定机关最多100个字符');
const Note = noteText().max(1000, '备注最多1000个字符');

export const CreateMeasure = z.object({
  kind: z.enum(MEASURE_KINDS, '措施类型不在允许范围内'),
  decisionDate: Day('决定日期'),
  decisionReceivedDate: Day('收到决定书日期').optional(),
  decidingAgency: Agency,
  executingOrgUnitId: z.uuid('执行单位编号格式不正确'),
  termMonths: z.number('期限应为整数（月）').int('期限应为整数（月）').min(1, '期限至少1个月').max(36, '期限最长36个月').optional(),
});
export type CreateMeasure = z.infer<typeof CreateMeasure>;

export const ReportIn = z.object({
  reportedOn: Day('报到日期'),
  agreementSigned: z.literal(true, '报到时应签订协议'),
  note: Note.optional(),
  justifiedLateReport: z.boolean().optional(),
});
export type ReportIn = z.infer<typeof ReportIn>;

export const CreateMeasureEvent = z.object({
  type: z.enum(MEASURE_EVENT_TYPES, '事件类型不在允许范围内'),
  from: Day('开始日期'),
  to: Day('结束日期').optional(),
  days: z.number('天数应为正整数').int('天数应为正整数').min(1, '天数应为正整数').max(366, '天数最多366').optional(),
  reason: z.enum(TERMINATION_REASONS, '终止原因不在允许范围内').optional(),
  note: Note.optional(),
});
export type CreateMeasureEvent = z.infer<typeof CreateMeasureEvent>;

export const DatedRuleDto = z.object({ date: z.string(), rule: z.string(), explanation: z.string() });
export type DatedRuleDto = z.infer<typeof DatedRuleDto>;

export const MeasureEventDto = z.object({
  id: z.uuid(),
  type: z.enum(MEASURE_EVENT_TYPES),
  from: z.string(),
  to: z.string().nullable(),
  days: z.number().int().nullable(),
  reason: z.string().nullable(),
  note: z.string().nullable(),
});

export const MeasureDto = z.object({
  id: z.uuid(),
  personId: z.uuid(),
  kind: z.enum(MEASURE_KINDS),
  decisionDate: z.string(),
  decisionReceivedDate: z.string().nullable(),
  decidingAgency: z.string(),
  executingOrgUnit: z.object({ id: z.uuid(), name: z.string() }),
  termMonths: z.number().int().nullable(),
  status: z.enum(MEASURE_RECORD_STATUSES),
  reportInDate: z.string().nullable(),
  agreementSignedDate: z.string().nullable(),
  agreementNote: z.string().nullable(),
  endedOn: z.string().nullable(),
  endReason: z.string().nullable(),
  version: z.number().int(),
  events: z.array(MeasureEventDto),
  clocks: z.object({
    status: z.string(),
    dates: z.array(DatedRuleDto),
    reportInDue: DatedRuleDto.nullable(),
    termEnd: DatedRuleDto.nullable(),
    earliestRelease: DatedRuleDto.nullable(),
    flags: z.array(z.object({ code: z.string(), date: z.string(), explanation: z.string() })),
    provisional: z.boolean(),
    problems: z.array(z.object({ field: z.string(), message: z.string() })),
  }),
  nextTest: z.object({ nextDue: DatedRuleDto.nullable(), due: z.boolean(), overdue: z.boolean(), overdueDays: z.number().int() }).nullable(),
});
export type MeasureDto = z.infer<typeof MeasureDto>;
export const MeasureList = z.object({ items: z.array(MeasureDto) });

export const CreateDrugTest = z.object({
  testedOn: Day('检测日期'),
  kind: z.enum(TEST_KINDS, '检测方式不在允许范围内'),
  setting: z.enum(TEST_SETTINGS, '检测场所类型不在允许范围内'),
  result: z.enum(TEST_RESULTS, '检测结果不在允许范围内'),
  substances: z
    .array(plainText().min(1, '毒品种类不能为空').max(32, '毒品种类不在目录中'))
    .max(10, '最多选择10种毒品')
    .refine((list) => new Set(list).size === list.length, '毒品种类重复')
    .optional(),
  measureId: z.uuid('措施编号格式不正确').optional(),
  tester: plainText().max(50, '检测人最多50个字符').optional(),
  place: plainText().max(100, '检测地点最多100个字符').optional(),
  notes: Note.optional(),
});
export type CreateDrugTest = z.infer<typeof CreateDrugTest>;

export const DrugTestDto = z.object({
  id: z.uuid(),
  measureId: z.uuid().nullable(),
  testedOn: z.string(),
  kind: z.enum(TEST_KINDS),
  setting: z.enum(TEST_SETTINGS),
  result: z.enum(TEST_RESULTS),
  substances: z.array(z.string()),
  tester: z.string().nullable(),
  place: z.string().nullable(),
  notes: z.string().nullable(),
  createdAt: z.string(),
});
export type DrugTestDto = z.infer<typeof DrugTestDto>;
export const DrugTestList = z.object({ items: z.array(DrugTestDto) });

/** POST /api/persons/:id/test-notices: a recorded notice to come for a test (通知检测) by `dueOn` (inclusive). */
export const CreateTestNotice = z.object({
  notifiedOn: Day('通知日期'),
  method: z.enum(TEST_NOTICE_METHODS, '通知方式不在允许范围内'),
  dueOn: Day('应检测日期'),
  note: noteText().max(500, '备注最多500个字符').optional(),
});
export type CreateTestNotice = z.infer<typeof CreateTestNotice>;

/** POST /api/test-notices/:id/excuse: the justified reason the person did not come (正当理由); the notice then never counts. */
export const ExcuseTestNotice = z.object({ reason: noteText().min(2, '请填写正当理由').max(500, '正当理由最多500个字符') });
export type ExcuseTestNotice = z.infer<typeof ExcuseTestNotice>;

export const TestNoticeDto = z.object({
  id: z.uuid(),
  notifiedOn: z.string(),
  method: z.enum(TEST_NOTICE_METHODS),
  dueOn: z.string(),
  note: z.string().nullable(),
  excuse: z.string().nullable(),
  excusedOn: z.string().nullable(),
  /** Computed on read (shared `testNoticeStatus`): open, tested in time, missed, or justified. */
  status: z.enum(TEST_NOTICE_STATUSES),
  testedOn: z.string().nullable(),
  missedOn: z.string().nullable(),
  explanation: z.string(),
  createdAt: z.string(),
});
export type TestNoticeDto = z.infer<typeof TestNoticeDto>;
export const TestNoticeList = z.object({ items: z.array(TestNoticeDto) });

/** The query of `GET /api/supervision/worklist` (and its export): any working list. */
export const WorklistPageQuery = PageQuery.extend({
  list: z.enum(WORKLISTS, '清单类型不在允许范围内').default('overdue'),
  orgUnitId: z.uuid('单位编号格式不正确').optional(),
});
export type WorklistPageQuery = z.infer<typeof WorklistPageQuery>;
/** A measure working list (`SupervisionService.worklistItems`, the alert rules' facts). */
export const WorklistQuery = WorklistPageQuery.extend({
  list: z.enum(MEASURE_WORKLISTS, '清单类型不在允许范围内').default('overdue'),
});
export type WorklistQuery = z.infer<typeof WorklistQuery>;

export const WorklistItem = z.object({
  personId: z.uuid(),
  personName: z.string(),
  measureId: z.uuid(),
  measureKind: z.enum(MEASURE_KINDS),
  dueDate: z.string(),
  overdueDays: z.number().int(),
  rule: z.string(),
  explanation: z.string(),
});
export type WorklistItem = z.infer<typeof WorklistItem>;

/**
 * One row of any working list. Measure lists fill the measure; the person lists add their own facts — highRisk:
 * `riskLevel`, `assessedOn` (dueDate = next assessment due); lostContact: `lastContactDate`, `daysSinceContact`,
 * `thresholdDays` (dueDate = the day the gap reached the threshold); transfersWaiting: `transferId`,
 * `fromOrgUnitName`, `toOrgUnitName`, `sentOn`, `pendingDays`, `escalated` (dueDate = the day it escalates);
 * missedNotices (one row per unexcused missed notice): `noticeId`, `notifiedOn`, `noticeMethod`, `daysSinceDue`
 * (dueDate = the notice's last day to come).
 */
export const WorklistRow = WorklistItem.extend({
  measureId: z.uuid().nullable(),
  measureKind: z.enum(MEASURE_KINDS).nullable(),
  riskLevel: z.enum(RISK_LEVELS).optional(),
  assessedOn: z.string().optional(),
  lastContactDate: z.string().optional(),
  daysSinceContact: z.number().int().optional(),
  thresholdDays: z.number().int().optional(),
  transferId: z.uuid().optional(),
  fromOrgUnitName: z.string().optional(),
  toOrgUnitName: z.string().optional(),
  sentOn: z.string().optional(),
  pendingDays: z.number().int().optional(),
  escalated: z.boolean().optional(),
  noticeId: z.uuid().optional(),
  notifiedOn: z.string().optional(),
  noticeMethod: z.enum(TEST_NOTICE_METHODS).optional(),
  daysSinceDue: z.number().int().optional(),
});
export type WorklistRow = z.infer<typeof WorklistRow>;
