/**
 * Risk classification (风险分类评估) of a person under supervision: a versioned instrument of scored items with
 * thresholds, the level a set of answers gives, and when the next assessment is due (on registration, quarterly,
 * and after a trigger such as a positive test). Pure: the office configures the instrument as data.
 *
 * Conventions: level = high when the total score ≥ thresholds.high, medium when ≥ thresholds.medium, else low.
 * An assessment made on day D covers every trigger dated on or before D.
 */
import { addMonths, compareDates, daysBetween, isIsoDate } from './calendar-dates.ts';
import type { DatedRule, FieldProblem } from './measure-clocks.ts';
import { RISK_LEVEL_LABELS, type RiskLevel } from './test-schedule.ts';

export interface RiskOption {
  code: string;
  label: string;
  score: number;
}
export interface RiskItem {
  code: string;
  label: string;
  options: RiskOption[];
}
export interface RiskThresholds {
  /** Total score at or above which the level is high. */
  high: number;
  /** Total score at or above which the level is medium (below: low). */
  medium: number;
}
export interface RiskInstrumentDefinition {
  items: RiskItem[];
  thresholds: RiskThresholds;
}

export const MAX_RISK_ITEMS = 30;
export const MAX_RISK_OPTIONS = 10;
export const MAX_OPTION_SCORE = 100;
/** Quarterly reassessment by default. */
export const RISK_REASSESS_MONTHS = 3;

const opts = (...pairs: [string, string, number][]): RiskOption[] => pairs.map(([code, label, score]) => ({ code, label, score }));

/** The instrument a new install starts with (version 1); the office edits it into new versions. */
export const DEFAULT_RISK_INSTRUMENT: RiskInstrumentDefinition = {
  items: [
    { code: 'useYears', label: '吸毒史年限', options: opts(['lt1', '不满1年', 0], ['y1to5', '1至5年', 2], ['gt5', '5年以上', 4]) },
    { code: 'recentPositive', label: '近期检测阳性（近6个月）', options: opts(['no', '无', 0], ['once', '1次', 4], ['more', '2次以上', 6]) },
    { code: 'missedReport', label: '未按时报到或检测', options: opts(['no', '无', 0], ['once', '1次', 2], ['more', '2次以上', 4]) },
    { code: 'housing', label: '无固定住所', options: opts(['stable', '有固定住所', 0], ['none', '无固定住所', 3]) },
    { code: 'employment', label: '无业', options: opts(['employed', '有稳定工作', 0], ['casual', '临时就业', 1], ['none', '无业', 2]) },
    { code: 'family', label: '家庭支持', options: opts(['strong', '家庭支持良好', 0], ['weak', '家庭支持较弱', 1], ['none', '无家庭支持', 3]) },
    { code: 'record', label: '违法犯罪记录', options: opts(['none', '无', 0], ['admin', '有行政处罚', 2], ['criminal', '有刑事处罚', 4]) },
  ],
  thresholds: { high: 12, medium: 6 },
};

export function maxInstrumentScore(def: RiskInstrumentDefinition): number {
  return def.items.reduce((sum, item) => sum + Math.max(0, ...item.options.map((o) => o.score)), 0);
}

/** Chinese problems with an instrument, naming the field (`items[2].options[0].score`); empty when usable. */
export function instrumentProblems(def: RiskInstrumentDefinition): FieldProblem[] {
  const problems: FieldProblem[] = [];
  if (def.items.length === 0) problems.push({ field: 'items', message: '评估项目至少1项' });
  if (def.items.length > MAX_RISK_ITEMS) problems.push({ field: 'items', message: `评估项目最多${MAX_RISK_ITEMS}项` });
  const itemCodes = new Set<string>();
  def.items.forEach((item, i) => {
    if (itemCodes.has(item.code)) problems.push({ field: `items[${i}].code`, message: '评估项目代码重复' });
    itemCodes.add(item.code);
    if (item.options.length < 2) problems.push({ field: `items[${i}].options`, message: '每个评估项目至少2个选项' });
    if (item.options.length > MAX_RISK_OPTIONS) problems.push({ field: `items[${i}].options`, message: `每个评估项目最多${MAX_RISK_OPTIONS}个选项` });
    const optionCodes = new Set<string>();
    item.options.forEach((option, k) => {
      if (optionCodes.has(option.code)) problems.push({ field: `items[${i}].options[${k}].code`, message: '选项代码重复' });
      optionCodes.add(option.code);
      if (!Number.isInteger(option.score) || option.score < 0 || option.score > MAX_OPTION_SCORE) {
        problems.push({ field: `items[${i}].options[${k}].score`, message: `分值应为0至${MAX_OPTION_SCORE}的整数` });
      }
    });
  });
  const { high, medium } = def.thresholds;
  if (!Number.isInteger(medium) || medium < 1) problems.push({ field: 'thresholds.medium', message: '中风险分数线应为正整数' });
  if (!Number.isInteger(high) || high <= medium) problems.push({ field: 'thresholds.high', message: '高风险分数线应为整数且高于中风险分数线' });
  else if (problems.length === 0 && high > maxInstrumentScore(def)) {
    problems.push({ field: 'thresholds.high', message: `高风险分数线不能高于可能的最高总分（${maxInstrumentScore(def)}）` });
  }
  return problems;
}

export function levelForScore(score: number, thresholds: RiskThresholds): RiskLevel {
  if (score >= thresholds.high) return 'high';
  if (score >= thresholds.medium) return 'medium';
  return 'low';
}

export interface RiskScore {
  score: number;
  level: RiskLevel;
  explanation: string;
  problems: FieldProblem[];
}

/** Scores answers (item code → option code): every item answered once with one of its options, nothing else. */
export function scoreAssessment(def: RiskInstrumentDefinition, answers: Readonly<Record<string, string>>): RiskScore {
  const problems: FieldProblem[] = [];
  let score = 0;
  const parts: string[] = [];
  for (const item of def.items) {
    const answer = answers[item.code];
    if (answer === undefined) {
      problems.push({ field: `answers.${item.code}`, message: `请选择“${item.label}”` });
      continue;
    }
    const option = item.options.find((o) => o.code === answer);
    if (!option) {
      problems.push({ field: `answers.${item.code}`, message: `“${item.label}”的选项不在评估表中` });
      continue;
    }
    score += option.score;
    if (option.score > 0) parts.push(`${item.label}：${option.label}（${option.score}分）`);
  }
  for (const code of Object.keys(answers)) {
    if (!def.items.some((item) => item.code === code)) problems.push({ field: `answers.${code}`, message: '评估表中没有此项目' });
  }
  const level = levelForScore(score, def.thresholds);
  const { high, medium } = def.thresholds;
  return {
    score,
    level,
    problems,
    explanation: `总分${score}分（${parts.length > 0 ? parts.join('；') : '各项均为0分'}）；${high}分以上为高风险，${medium}至${high - 1}分为中风险，${medium}分以下为低风险，评定为${RISK_LEVEL_LABELS[level]}风险`,
  };
}

export const RISK_TRIGGER_KINDS = ['positiveTest', 'refusedTest', 'missedReportIn', 'violation'] as const;
export type RiskTriggerKind = (typeof RISK_TRIGGER_KINDS)[number];
export const RISK_TRIGGER_LABELS: Record<RiskTriggerKind, string> = {
  positiveTest: '检测结果阳性', refusedTest: '拒绝检测', missedReportIn: '逾期未报到', violation: '严重违反协议',
};

export type AssessmentRule = 'riskAssessment.onRegistration' | 'riskAssessment.scheduled' | 'riskAssessment.triggered';

export interface AssessmentScheduleInput {
  /** The day the person was registered (the first assessment is due then). */
  registeredOn: string;
  /** Day of the latest assessment; null when never assessed. */
  lastAssessedOn: string | null;
  /** Events calling for a reassessment. */
  triggers: readonly { kind: RiskTriggerKind; date: string }[];
}

export interface AssessmentDueStatus {
  nextDue: DatedRule<AssessmentRule>;
  /** Triggers not yet covered by an assessment. */
  openTriggers: { kind: RiskTriggerKind; date: string }[];
  due: boolean;
  overdue: boolean;
  overdueDays: number;
}

/** When the next risk assessment is due, and why; a trigger after the last assessment makes one due on its day. */
export function nextAssessmentDue(input: AssessmentScheduleInput, intervalMonths = RISK_REASSESS_MONTHS): { nextDue: DatedRule<AssessmentRule>; openTriggers: { kind: RiskTriggerKind; date: string }[] } {
  for (const [name, value] of [['registeredOn', input.registeredOn], ['lastAssessedOn', input.lastAssessedOn]] as const) {
    if (value !== null && !isIsoDate(value)) throw new RangeError(`${name} must be YYYY-MM-DD, got ${JSON.stringify(value)}`);
  }
  const last = input.lastAssessedOn;
  const openTriggers = input.triggers
    .filter((t) => last === null || compareDates(t.date, last) > 0)
    .sort((a, b) => compareDates(a.date, b.date));
  const base: DatedRule<AssessmentRule> = last === null
    ? { date: input.registeredOn, rule: 'riskAssessment.onRegistration', explanation: `列管登记之日（${input.registeredOn}）应进行首次风险评估` }
    : {
      date: addMonths(last, intervalMonths),
      rule: 'riskAssessment.scheduled',
      explanation: `每${intervalMonths}个月评估一次；上次评估${last}，下次应于${addMonths(last, intervalMonths)}前评估`,
    };
  const first = openTriggers[0];
  if (first && compareDates(first.date, base.date) <= 0) {
    return {
      nextDue: {
        date: first.date,
        rule: 'riskAssessment.triggered',
        explanation: `${first.date}${RISK_TRIGGER_LABELS[first.kind]}，应及时重新评估风险等级${openTriggers.length > 1 ? `（共${openTriggers.length}项待评估事由）` : ''}`,
      },
      openTriggers,
    };
  }
  return { nextDue: base, openTriggers };
}

export function assessmentStatus(input: AssessmentScheduleInput, today: string, intervalMonths = RISK_REASSESS_MONTHS): AssessmentDueStatus {
  if (!isIsoDate(today)) throw new RangeError(`today must be YYYY-MM-DD, got ${JSON.stringify(today)}`);
  const { nextDue, openTriggers } = nextAssessmentDue(input, intervalMonths);
  const late = daysBetween(nextDue.date, today);
  return { nextDue, openTriggers, due: late >= 0, overdue: late > 0, overdueDays: Math.max(0, late) };
}
