import { z } from 'zod';
import { PageQuery, noteText, plainText, QuarterParam, YearParam } from './common.ts';
import { GRAM_SCALE, YUAN_SCALE, decimalProblem } from '../rules/figures.ts';

/**
 * 缉毒执法 (enforcement): cases, suspects, seizures, drug assets, administrative handling of drug use, yearly targets
 * and the figures computed from them. Dates are 'YYYY-MM-DD'; grams and kilograms are decimal strings with up to three
 * places, money decimal strings of yuan with up to two (stored as integer fen), never floats.
 */

export const CASE_TYPES = [
  'trafficking', 'transport', 'manufacture', 'smuggling', 'possession', 'providingPremises', 'illegalPlanting',
  'onlineTrafficking', 'precursor', 'inducement', 'forcing', 'harbouring', 'other',
] as const;
export type CaseType = (typeof CASE_TYPES)[number];
export const CASE_TYPE_LABELS: Record<CaseType, string> = {
  trafficking: '贩卖毒品',
  transport: '运输毒品',
  manufacture: '制造毒品',
  smuggling: '走私毒品',
  possession: '非法持有毒品',
  providingPremises: '容留他人吸毒',
  illegalPlanting: '非法种植毒品原植物',
  onlineTrafficking: '网络贩毒',
  precursor: '制毒物品犯罪',
  inducement: '引诱、教唆、欺骗他人吸毒',
  forcing: '强迫他人吸毒',
  harbouring: '包庇毒品犯罪分子、窝藏毒品',
  other: '其他毒品案件',
};

export const CASE_LEVELS = ['ordinary', 'major', 'extraordinary'] as const;
export type CaseLevel = (typeof CASE_LEVELS)[number];
export const CASE_LEVEL_LABELS: Record<CaseLevel, string> = { ordinary: '一般', major: '重大', extraordinary: '特大' };

/** 部督 / 省督: a case supervised by the Ministry of Public Security or the provincial department. */
export const SUPERVISIONS = ['ministry', 'province'] as const;
export type Supervision = (typeof SUPERVISIONS)[number];
export const SUPERVISION_LABELS: Record<Supervision, string> = { ministry: '部督', province: '省督' };

export const SUSPECT_ROLES = ['principal', 'accomplice', 'other'] as const;
export type SuspectRole = (typeof SUSPECT_ROLES)[number];
export const SUSPECT_ROLE_LABELS: Record<SuspectRole, string> = { principal: '主犯', accomplice: '从犯', other: '其他' };

/** 逃犯等级: A (公安部 A 级通缉), B (B 级), C (上网追逃). */
export const WANTED_LEVELS = ['A', 'B', 'C'] as const;
export type WantedLevel = (typeof WANTED_LEVELS)[number];
export const WANTED_LEVEL_LABELS: Record<WantedLevel, string> = { A: 'A级通缉', B: 'B级通缉', C: '网上追逃' };

export const ASSET_KINDS = ['seized', 'frozen', 'confiscated'] as const;
export type AssetKind = (typeof ASSET_KINDS)[number];
export const ASSET_KIND_LABELS: Record<AssetKind, string> = { seized: '查封扣押', frozen: '冻结', confiscated: '没收' };

/** Administrative handling of drug use (查处吸毒): the decision taken on a person found using drugs. */
export const SANCTION_KINDS = ['administrativeDetention', 'fine', 'communityTreatment', 'compulsoryIsolation'] as const;
export type SanctionKind = (typeof SANCTION_KINDS)[number];
export const SANCTION_KIND_LABELS: Record<SanctionKind, string> = {
  administrativeDetention: '行政拘留',
  fine: '罚款',
  communityTreatment: '责令社区戒毒',
  compulsoryIsolation: '强制隔离戒毒',
};

// ---------------------------------------------------------------- shared field schemas

const day = (label: string) => z.iso.date(`${label}格式不正确（应为 YYYY-MM-DD）`);
const decimalText = (scale: number, label: string) =>
  z
    .string(`${label}应为文本形式的数字（如 "12.5"）`)
    .trim()
    .max(20, `${label}数值过大`)
    .superRefine((value, ctx) => {
      const problem = decimalProblem(value, scale, { positive: true });
      if (problem) ctx.addIssue({ code: 'custom', message: problem });
    });
/** Grams or kilograms as a decimal string with up to three places (never a JSON number: floats are not exact). */
export const Grams = decimalText(GRAM_SCALE, '重量');
export const Yuan = decimalText(YUAN_SCALE, '金额');
const Notes = noteText().max(1000, '备注最多1000个字符');
const Place = plainText().max(100, '地点最多100个字符');
const UnitRef = (label: string) => z.uuid(`${label}编号格式不正确`);
const SuspectName = plainText().min(1, '姓名不能为空').max(50, '姓名最多50个字符');
const IdNumberInput = plainText().min(1, '请输入身份证号').max(32, '身份证号应为18位');

export const CaseNumber = plainText()
  .min(1, '请填写案件编号')
  .max(50, '案件编号最多50个字符')
  .regex(/^[0-9A-Za-z\u4e00-\u9fff()（）〔〕[\]\-_/]+$/, '案件编号只能包含汉字、字母、数字、括号和 - _ /');

// ---------------------------------------------------------------- cases

export const CreateCase = z.object({
  caseNumber: CaseNumber,
  type: z.enum(CASE_TYPES, '案件类型不在允许范围内'),
  level: z.enum(CASE_LEVELS, '案件等级不在允许范围内'),
  supervision: z.enum(SUPERVISIONS, '督办级别不在允许范围内').nullish(),
  gang: z.boolean('应为是或否').optional(),
  network: z.boolean('应为是或否').optional(),
  family: z.boolean('应为是或否').optional(),
  filedAt: day('立案日期'),
  solvedAt: day('破案日期').optional(),
  prosecutedAt: day('起诉日期').optional(),
  handlingUnitId: UnitRef('办案单位'),
  orgUnitId: UnitRef('发案地'),
  summary: noteText().max(2000, '简要案情最多2000个字符').optional(),
});
export type CreateCase = z.infer<typeof CreateCase>;

/** A partial edit with `If-Match: "<version>"`; null clears an optional field. */
export const UpdateCase = z
  .object({
    caseNumber: CaseNumber.optional(),
    type: z.enum(CASE_TYPES, '案件类型不在允许范围内').optional(),
    level: z.enum(CASE_LEVELS, '案件等级不在允许范围内').optional(),
    supervision: z.enum(SUPERVISIONS, '督办级别不在允许范围内').nullish(),
    gang: z.boolean('应为是或否').optional(),
    network: z.boolean('应为是或否').optional(),
    family: z.boolean('应为是或否').optional(),
    filedAt: day('立案日期').optional(),
    solvedAt: day('破案日期').nullish(),
    prosecutedAt: day('起诉日期').nullish(),
    handlingUnitId: UnitRef('办案单位').optional(),
    orgUnitId: UnitRef('发案地').optional(),
    summary: noteText().max(2000, '简要案情最多2000个字符').nullish(),
  })
  .refine((v) => Object.values(v).some((x) => x !== undefined), { message: '没有要修改的内容', path: ['caseNumber'] });
export type UpdateCase = z.infer<typeof UpdateCase>;

/** The dates of a case in order: solved not before filed, prosecuted only once solved and not before. */
export function caseDatesProblem(dates: { filedAt: string; solvedAt: string | null; prosecutedAt: string | null }): { field: string; message: string } | null {
  if (dates.solvedAt !== null && dates.solvedAt < dates.filedAt) return { field: 'solvedAt', message: '破案日期不能早于立案日期' };
  if (dates.prosecutedAt !== null && dates.solvedAt === null) return { field: 'prosecutedAt', message: '案件未破，不能填写起诉日期' };
  if (dates.prosecutedAt !== null && dates.solvedAt !== null && dates.prosecutedAt < dates.solvedAt) {
    return { field: 'prosecutedAt', message: '起诉日期不能早于破案日期' };
  }
  return null;
}

export const CASE_STATUSES = ['filed', 'solved', 'prosecuted'] as const;
export type CaseStatus = (typeof CASE_STATUSES)[number];
export const CASE_STATUS_LABELS: Record<CaseStatus, string> = { filed: '已立案', solved: '已破案', prosecuted: '已起诉' };

export const CaseListQuery = PageQuery.extend({
  /** Part of the case number. */
  q: plainText().max(50, '关键词最多50个字符').optional(),
  type: z.enum(CASE_TYPES).optional(),
  level: z.enum(CASE_LEVELS).optional(),
  status: z.enum(CASE_STATUSES).optional(),
  orgUnitId: z.uuid().optional(),
  year: z.coerce.number().int().min(2000).max(2100).optional(),
});
export type CaseListQuery = z.infer<typeof CaseListQuery>;

const UnitName = z.object({ id: z.uuid(), name: z.string() });

export const CaseListItem = z.object({
  id: z.uuid(),
  caseNumber: z.string(),
  type: z.enum(CASE_TYPES),
  level: z.enum(CASE_LEVELS),
  supervision: z.enum(SUPERVISIONS).nullable(),
  status: z.enum(CASE_STATUSES),
  filedAt: z.string(),
  solvedAt: z.string().nullable(),
  prosecutedAt: z.string().nullable(),
  orgUnit: UnitName,
  handlingUnit: UnitName,
  suspectCount: z.number().int(),
  grams: z.string(),
});
export type CaseListItem = z.infer<typeof CaseListItem>;

// ---------------------------------------------------------------- suspects

const suspectMeasures = {
  role: z.enum(SUSPECT_ROLES, '涉案角色不在允许范围内'),
  caughtAt: day('抓获日期'),
  criminalDetentionAt: day('刑事拘留日期'),
  arrestedAt: day('逮捕日期'),
  prosecutedAt: day('起诉日期'),
  wantedLevel: z.enum(WANTED_LEVELS, '逃犯等级不在允许范围内'),
};

export const CreateSuspect = z.object({
  name: SuspectName,
  /** Checked against GB 11643 by the service; optional for a suspect not yet identified. */
  idNumber: IdNumberInput.optional(),
  role: suspectMeasures.role,
  caughtAt: suspectMeasures.caughtAt.optional(),
  criminalDetentionAt: suspectMeasures.criminalDetentionAt.optional(),
  arrestedAt: suspectMeasures.arrestedAt.optional(),
  prosecutedAt: suspectMeasures.prosecutedAt.optional(),
  wantedLevel: suspectMeasures.wantedLevel.optional(),
  notes: Notes.optional(),
});
export type CreateSuspect = z.infer<typeof CreateSuspect>;

/** Measures as they happen (caught, detained, arrested, prosecuted), with `If-Match`; null clears. */
export const UpdateSuspect = z
  .object({
    role: suspectMeasures.role.optional(),
    caughtAt: suspectMeasures.caughtAt.nullish(),
    criminalDetentionAt: suspectMeasures.criminalDetentionAt.nullish(),
    arrestedAt: suspectMeasures.arrestedAt.nullish(),
    prosecutedAt: suspectMeasures.prosecutedAt.nullish(),
    wantedLevel: suspectMeasures.wantedLevel.nullish(),
    notes: Notes.nullish(),
  })
  .refine((v) => Object.values(v).some((x) => x !== undefined), { message: '没有要修改的内容', path: ['role'] });
export type UpdateSuspect = z.infer<typeof UpdateSuspect>;

/** Measures in legal order: detention, then arrest, then prosecution; each not before the one it follows. */
export function suspectDatesProblem(dates: {
  caughtAt: string | null;
  criminalDetentionAt: string | null;
  arrestedAt: string | null;
  prosecutedAt: string | null;
}): { field: string; message: string } | null {
  const { caughtAt, criminalDetentionAt, arrestedAt, prosecutedAt } = dates;
  if (criminalDetentionAt !== null && caughtAt !== null && criminalDetentionAt < caughtAt) {
    return { field: 'criminalDetentionAt', message: '刑事拘留日期不能早于抓获日期' };
  }
  if (arrestedAt !== null && criminalDetentionAt !== null && arrestedAt < criminalDetentionAt) {
    return { field: 'arrestedAt', message: '逮捕日期不能早于刑事拘留日期' };
  }
  const before = arrestedAt ?? criminalDetentionAt;
  if (prosecutedAt !== null && before !== null && prosecutedAt < before) return { field: 'prosecutedAt', message: '起诉日期不能早于逮捕或刑事拘留日期' };
  return null;
}

export const SuspectDto = z.object({
  id: z.uuid(),
  name: z.string(),
  idNumberMasked: z.string().nullable(),
  /** The registered person (吸毒人员) with the same ID number, when one is on the register in the caller's area. */
  personId: z.uuid().nullable(),
  role: z.enum(SUSPECT_ROLES),
  caughtAt: z.string().nullable(),
  criminalDetentionAt: z.string().nullable(),
  arrestedAt: z.string().nullable(),
  prosecutedAt: z.string().nullable(),
  wantedLevel: z.enum(WANTED_LEVELS).nullable(),
  notes: z.string().nullable(),
  version: z.number().int(),
});
export type SuspectDto = z.infer<typeof SuspectDto>;

export const SuspectParams = z.object({ id: z.uuid(), suspectId: z.uuid() });

export const SuspectRevealRequest = z.object({
  reason: plainText().min(5, '请填写查看原因（至少5个字）').max(200, '原因最多200个字符'),
});
export type SuspectRevealRequest = z.infer<typeof SuspectRevealRequest>;
export const SuspectRevealResult = z.object({ idNumber: z.string().nullable() });
export type SuspectRevealResult = z.infer<typeof SuspectRevealResult>;

// ---------------------------------------------------------------- seizures and assets

export const CreateSeizure = z.object({
  drug: plainText().min(1, '请选择毒品种类').max(32, '毒品种类不在目录中'),
  grams: Grams,
  packets: z.number('零包数应为整数').int('零包数应为整数').min(0, '零包数不能为负数').max(1_000_000, '零包数过大').optional(),
  seizedAt: day('缴获日期'),
  place: Place.optional(),
});
export type CreateSeizure = z.infer<typeof CreateSeizure>;

export const SeizureDto = z.object({
  id: z.uuid(),
  drug: z.string(),
  drugName: z.string(),
  grams: z.string(),
  packets: z.number().int().nullable(),
  seizedAt: z.string(),
  place: z.string().nullable(),
});
export type SeizureDto = z.infer<typeof SeizureDto>;

export const CreatePrecursorSeizure = z.object({
  chemical: plainText().min(1, '请填写制毒物品名称').max(50, '制毒物品名称最多50个字符'),
  kilograms: Grams,
  seizedAt: day('缴获日期'),
  place: Place.optional(),
});
export type CreatePrecursorSeizure = z.infer<typeof CreatePrecursorSeizure>;

export const PrecursorSeizureDto = z.object({
  id: z.uuid(),
  chemical: z.string(),
  kilograms: z.string(),
  seizedAt: z.string(),
  place: z.string().nullable(),
});
export type PrecursorSeizureDto = z.infer<typeof PrecursorSeizureDto>;

export const CreateAsset = z.object({
  kind: z.enum(ASSET_KINDS, '资产处置类型不在允许范围内'),
  amount: Yuan,
  description: plainText().min(1, '请填写资产说明').max(200, '资产说明最多200个字符'),
  recordedAt: day('登记日期'),
});
export type CreateAsset = z.infer<typeof CreateAsset>;

export const AssetDto = z.object({
  id: z.uuid(),
  kind: z.enum(ASSET_KINDS),
  amount: z.string(),
  description: z.string(),
  recordedAt: z.string(),
});
export type AssetDto = z.infer<typeof AssetDto>;

export const TIMELINE_KINDS = [
  'filed', 'solved', 'prosecuted', 'caught', 'criminalDetention', 'arrested', 'suspectProsecuted', 'seizure', 'precursorSeizure', 'asset',
] as const;
export const TimelineEntry = z.object({
  on: z.string(),
  kind: z.enum(TIMELINE_KINDS),
  text: z.string(),
});
export type TimelineEntry = z.infer<typeof TimelineEntry>;

export const CaseDetail = CaseListItem.extend({
  gang: z.boolean(),
  network: z.boolean(),
  family: z.boolean(),
  summary: z.string().nullable(),
  version: z.number().int(),
  createdAt: z.string(),
  suspects: z.array(SuspectDto),
  seizures: z.array(SeizureDto),
  precursorSeizures: z.array(PrecursorSeizureDto),
  assets: z.array(AssetDto),
  timeline: z.array(TimelineEntry),
});
export type CaseDetail = z.infer<typeof CaseDetail>;

// ---------------------------------------------------------------- administrative handling of drug use

export const CreateSanction = z.object({
  name: SuspectName,
  idNumber: IdNumberInput,
  kind: z.enum(SANCTION_KINDS, '处理类型不在允许范围内'),
  decidedAt: day('决定日期'),
  orgUnitId: UnitRef('查处地'),
  handlingUnitId: UnitRef('办案单位'),
  /** 行政拘留 days (1–15), only with administrativeDetention. */
  detentionDays: z.number('拘留天数应为整数').int('拘留天数应为整数').min(1, '拘留天数应为1至15天').max(15, '拘留天数应为1至15天').optional(),
  /** 罚款 in yuan, only with fine. */
  fineAmount: Yuan.optional(),
  caseId: z.uuid('关联案件编号格式不正确').optional(),
  notes: Notes.optional(),
});
export type CreateSanction = z.infer<typeof CreateSanction>;

export const SanctionListQuery = PageQuery.extend({
  orgUnitId: z.uuid().optional(),
  year: z.coerce.number().int().min(2000).max(2100).optional(),
  kind: z.enum(SANCTION_KINDS).optional(),
});
export type SanctionListQuery = z.infer<typeof SanctionListQuery>;

export const SanctionDto = z.object({
  id: z.uuid(),
  name: z.string(),
  idNumberMasked: z.string(),
  personId: z.uuid().nullable(),
  kind: z.enum(SANCTION_KINDS),
  decidedAt: z.string(),
  detentionDays: z.number().int().nullable(),
  fineAmount: z.string().nullable(),
  orgUnit: UnitName,
  handlingUnit: UnitName,
  caseId: z.uuid().nullable(),
});
export type SanctionDto = z.infer<typeof SanctionDto>;

// ---------------------------------------------------------------- targets and figures

export const INDICATOR_UNITS = ['件', '人', '人次', '克', '包', '千克', '元'] as const;
export type IndicatorUnit = (typeof INDICATOR_UNITS)[number];

/** Indicators with a fixed code; per-drug seizure indicators are `seizures.grams.<drug code>`. */
export const INDICATORS = {
  'cases.filed': { label: '立案毒品刑事案件', unit: '件' },
  'cases.solved': { label: '破获毒品刑事案件', unit: '件' },
  'cases.major': { label: '破获重特大毒品案件', unit: '件' },
  'cases.supervised': { label: '破获部督、省督案件', unit: '件' },
  'cases.gang': { label: '破获团伙毒品案件', unit: '件' },
  'suspects.caught': { label: '抓获毒品犯罪嫌疑人', unit: '人' },
  'suspects.arrested': { label: '逮捕毒品犯罪嫌疑人', unit: '人' },
  'fugitives.caught': { label: '抓获毒品逃犯', unit: '人' },
  'seizures.grams': { label: '缴获毒品', unit: '克' },
  'seizures.packets': { label: '缴获零包', unit: '包' },
  'seizures.precursorKg': { label: '缴获制毒物品', unit: '千克' },
  'users.found': { label: '查处吸毒人员', unit: '人次' },
  compulsoryIsolation: { label: '强制隔离戒毒', unit: '人' },
  'assets.seized': { label: '查封扣押冻结涉毒资产', unit: '元' },
  'assets.confiscated': { label: '没收涉毒资产', unit: '元' },
} as const satisfies Record<string, { label: string; unit: IndicatorUnit }>;
export type FixedIndicator = keyof typeof INDICATORS;
export const FIXED_INDICATORS = Object.keys(INDICATORS) as FixedIndicator[];
export const DRUG_GRAMS_PREFIX = 'seizures.grams.';

/** A fixed indicator code or `seizures.grams.<drug>` (the drug is checked against the catalogue by the server). */
export const IndicatorCode = plainText()
  .max(64, '指标代码过长')
  .refine((v) => (FIXED_INDICATORS as string[]).includes(v) || /^seizures\.grams\.[a-z][a-zA-Z0-9]{1,31}$/.test(v), '指标不在指标库中');

export const TargetValue = z
  .union([z.number('任务数应为数字'), z.string('任务数应为数字')], '任务数应为数字')
  .transform((v) => (typeof v === 'number' ? String(v) : v.trim()))
  .superRefine((value, ctx) => {
    const problem = decimalProblem(value, GRAM_SCALE);
    if (problem) ctx.addIssue({ code: 'custom', message: problem });
  });

export const PutTarget = z.object({
  orgUnitId: UnitRef('单位'),
  year: z.number('年度应为整数').int('年度应为整数').min(2000, '年度应在2000至2100之间').max(2100, '年度应在2000至2100之间'),
  /** 1–4 for a quarter's share; left out for the whole year. */
  quarter: z.number('季度应为1至4').int('季度应为1至4').min(1, '季度应为1至4').max(4, '季度应为1至4').nullish(),
  indicator: IndicatorCode,
  value: TargetValue,
});
export type PutTarget = z.infer<typeof PutTarget>;
/** What a client sends (the value as a number or a decimal string). */
export type PutTargetInput = z.input<typeof PutTarget>;

export const TargetDto = z.object({
  orgUnitId: z.uuid(),
  year: z.number().int(),
  quarter: z.number().int().nullable(),
  indicator: z.string(),
  label: z.string(),
  value: z.string(),
  updatedAt: z.string(),
});
export type TargetDto = z.infer<typeof TargetDto>;

const Year = YearParam;
const Quarter = QuarterParam;

export const TargetListQuery = z.object({ orgUnitId: z.uuid('单位编号格式不正确').optional(), year: Year });
export type TargetListQuery = z.infer<typeof TargetListQuery>;

/** A month in a query string (1–12). */
const Month = z.coerce.number('月份应为1至12').int('月份应为1至12').min(1, '月份应为1至12').max(12, '月份应为1至12');

/** A figures period is a year, one of its quarters or one of its months: a quarter and a month together are refused (naming month). */
const oneOfQuarterOrMonth = (v: { quarter?: number | undefined; month?: number | undefined }, ctx: z.RefinementCtx): void => {
  if (v.quarter !== undefined && v.month !== undefined) ctx.addIssue({ code: 'custom', path: ['month'], message: '月份与季度只能选择其一' });
};

export const FiguresQuery = z.object({
  /** The org subtree; the caller's whole area when left out. */
  orgUnitId: z.uuid('单位编号格式不正确').optional(),
  year: Year,
  quarter: Quarter.optional(),
  /** 1–12 for a month (exclusive with quarter): the month's value, 同比 (same month last year), 环比 (previous month) and 累计. */
  month: Month.optional(),
}).superRefine(oneOfQuarterOrMonth);
export type FiguresQuery = z.infer<typeof FiguresQuery>;

const Range = z.object({ from: z.string(), to: z.string() });

export const FigureRow = z.object({
  indicator: z.string(),
  label: z.string(),
  unit: z.enum(INDICATOR_UNITS),
  /** Exact decimal text: '91' for counts, '100.000' for grams, '1234.50' for yuan. */
  value: z.string(),
  target: z.string().nullable(),
  /** % rounded half away from zero to one decimal; null without a target (无任务数). */
  completion: z.number().nullable(),
  lastYearValue: z.string(),
  /** 同比 %; null when last year's value is 0 (无同期数). */
  yoyChange: z.number().nullable(),
  previousValue: z.string(),
  /** 环比 %; null when the previous period's value is 0. */
  popChange: z.number().nullable(),
  /**
   * 1—N月累计, for a month only (null for a year or a quarter): the value from 1 January to the end of the month counted,
   * the YEAR's target and the completion of it (完成年度任务数的…%), and its 同比 against the same span last year. For a
   * month, `target` and `completion` above are null: a month has no target of its own (targets are yearly or quarterly).
   */
  cumulative: z.object({
    value: z.string(),
    yearTarget: z.string().nullable(),
    /** % of the year's target; null without one (无任务数). */
    completion: z.number().nullable(),
    lastYearValue: z.string(),
    yoyChange: z.number().nullable(),
  }).nullable(),
});
export type FigureRow = z.infer<typeof FigureRow>;

export const Figures = z.object({
  orgUnit: UnitName,
  year: z.number().int(),
  quarter: z.number().int().nullable(),
  /** 1–12 when the figures are a month's; null for a year or a quarter. */
  month: z.number().int().nullable(),
  period: Range,
  partial: z.boolean(),
  lastYearPeriod: Range,
  previousPeriod: Range,
  /** For a month: 1 January to the end of the month counted (累计), and the same span last year; null otherwise. */
  cumulativePeriod: Range.nullable(),
  cumulativeLastYearPeriod: Range.nullable(),
  rows: z.array(FigureRow),
});
export type Figures = z.infer<typeof Figures>;

export const FIGURE_COMPARISONS = ['current', 'lastYear', 'previous'] as const;
export type FigureComparison = (typeof FIGURE_COMPARISONS)[number];
/** The enforcement drill-down also lists a month's 累计 (1 January to the end of the month). */
export const ENFORCEMENT_FIGURE_COMPARISONS = [...FIGURE_COMPARISONS, 'cumulative'] as const;
export type EnforcementFigureComparison = (typeof ENFORCEMENT_FIGURE_COMPARISONS)[number];

export const FigureRecordsQuery = PageQuery.extend({
  orgUnitId: z.uuid('单位编号格式不正确').optional(),
  year: Year,
  quarter: Quarter.optional(),
  month: Month.optional(),
  /** `cumulative` (1—N月累计, a month only) lists the records from 1 January to the end of the month. */
  compare: z.enum(ENFORCEMENT_FIGURE_COMPARISONS, '对比期不在允许范围内').default('current'),
}).superRefine(oneOfQuarterOrMonth);
export type FigureRecordsQuery = z.infer<typeof FigureRecordsQuery>;
export const FigureRecordsParams = z.object({ indicator: IndicatorCode });

export const FIGURE_RECORD_KINDS = ['case', 'suspect', 'seizure', 'precursorSeizure', 'sanction', 'asset'] as const;
export const FigureRecord = z.object({
  kind: z.enum(FIGURE_RECORD_KINDS),
  id: z.uuid(),
  caseId: z.uuid().nullable(),
  caseNumber: z.string().nullable(),
  on: z.string(),
  description: z.string(),
  /** What this record adds to the figure ('1' for a counted record, grams, packets or yuan otherwise). */
  amount: z.string(),
  orgUnitName: z.string(),
});
export type FigureRecord = z.infer<typeof FigureRecord>;

export const FigureRecords = z.object({
  indicator: z.string(),
  label: z.string(),
  unit: z.enum(INDICATOR_UNITS),
  period: Range,
  /** The figure these records add up to (equals the row's value for the same period). */
  value: z.string(),
  items: z.array(FigureRecord),
  total: z.number().int(),
});
export type FigureRecords = z.infer<typeof FigureRecords>;
