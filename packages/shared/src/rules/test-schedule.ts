/**
 * Test schedule (检测计划) of a person under community treatment or rehab: how often to test, when the next
 * test is due, whether it is overdue. The legal duty is to test "定期" as the police require (禁毒法第三十五条);
 * the intervals are local policy, configurable per jurisdiction (docs/rules.md).
 *
 * Conventions: the measure year of a date follows the term convention (year 1 runs from the start through
 * `termLastDay(start, 1 year)`); the interval is the one of the measure year in which the last test fell;
 * a risk multiplier scales the interval, rounded UP to whole months, never below `minMonthsBetween`.
 */
import { addMonths, compareDates, daysBetween, isIsoDate, termLastDay } from './calendar-dates.ts';
import type { DatedRule, FieldProblem } from './measure-clocks.ts';

export const RISK_LEVELS = ['high', 'medium', 'low'] as const;
export type RiskLevel = (typeof RISK_LEVELS)[number];
export const RISK_LEVEL_LABELS: Record<RiskLevel, string> = { high: '高', medium: '中', low: '低' };

export interface TestPolicy {
  year1MonthsBetween: number;
  year2MonthsBetween: number;
  /** Year 3 and any later year (a term moved later by suspension). */
  year3MonthsBetween: number;
  /** Multiplier on the interval per risk level: 0.5 halves it (tests twice as often), 1 keeps it. */
  riskAdjust: Record<RiskLevel, number>;
  minMonthsBetween: number;
}

/** Year 1 monthly, year 2 every two months, year 3 quarterly; high risk halves the interval (1, 1, 2 months). */
export const DEFAULT_TEST_POLICY: TestPolicy = {
  year1MonthsBetween: 1,
  year2MonthsBetween: 2,
  year3MonthsBetween: 3,
  riskAdjust: { high: 0.5, medium: 1, low: 1 },
  minMonthsBetween: 1,
};

export type TestScheduleRule = 'testSchedule.firstTest' | 'testSchedule.nextDue';

export interface TestScheduleInput {
  /** Start of the term (report-in date). */
  measureStart: string;
  /** Last test done under this measure (any result); null if none yet. */
  lastTestDate: string | null;
  risk: RiskLevel;
  /** Last day of the term: no test is scheduled after it. */
  termEnd?: string | null;
}

export interface TestDueStatus {
  nextDue: DatedRule<TestScheduleRule> | null;
  /** Today is on or after the due date. */
  due: boolean;
  /** Today is after the due date. */
  overdue: boolean;
  overdueDays: number;
}

/** Chinese problems with a policy, naming the field; empty when usable. */
export function testPolicyProblems(policy: TestPolicy): FieldProblem[] {
  const problems: FieldProblem[] = [];
  const months = (value: number, field: string, label: string): void => {
    if (!Number.isInteger(value) || value < 1 || value > 12) problems.push({ field, message: `${label}应为1至12的整数（月）` });
  };
  months(policy.year1MonthsBetween, 'year1MonthsBetween', '第一年检测间隔');
  months(policy.year2MonthsBetween, 'year2MonthsBetween', '第二年检测间隔');
  months(policy.year3MonthsBetween, 'year3MonthsBetween', '第三年检测间隔');
  months(policy.minMonthsBetween, 'minMonthsBetween', '最短检测间隔');
  for (const risk of RISK_LEVELS) {
    const factor = policy.riskAdjust[risk];
    if (!Number.isFinite(factor) || factor <= 0 || factor > 4) {
      problems.push({ field: `riskAdjust.${risk}`, message: `${RISK_LEVEL_LABELS[risk]}风险人员的间隔系数应大于0且不超过4` });
    }
  }
  return problems;
}

/** 1 for a date in the first year of the measure (or before it), 2 in the second, and so on. */
export function measureYear(measureStart: string, date: string): number {
  let year = 1;
  while (compareDates(date, termLastDay(measureStart, { years: year })) > 0) year++;
  return year;
}

/** Months between tests in a measure year before the risk factor (year 3 and later share the third interval). */
export function baseTestIntervalMonths(year: number, policy: TestPolicy = DEFAULT_TEST_POLICY): number {
  return year <= 1 ? policy.year1MonthsBetween : year === 2 ? policy.year2MonthsBetween : policy.year3MonthsBetween;
}

/** Months between tests in a measure year for a risk level: base × multiplier, rounded up, at least the minimum. */
export function testIntervalMonths(year: number, risk: RiskLevel, policy: TestPolicy = DEFAULT_TEST_POLICY): number {
  // Round to 1e-9 first so float noise (10 × 0.7 = 7.000000000000001) cannot add a month.
  const scaled = Math.ceil(Math.round(baseTestIntervalMonths(year, policy) * policy.riskAdjust[risk] * 1e9) / 1e9);
  return Math.max(policy.minMonthsBetween, scaled);
}

function checkInput(input: TestScheduleInput): void {
  for (const [name, value] of [['measureStart', input.measureStart], ['lastTestDate', input.lastTestDate], ['termEnd', input.termEnd]] as const) {
    if (value !== null && value !== undefined && !isIsoDate(value)) throw new RangeError(`${name} must be YYYY-MM-DD, got ${JSON.stringify(value)}`);
  }
}

/**
 * When the next test is due: on the start day when none has been done under this measure, else the last test
 * plus the interval of the measure year it fell in. Null when that is after the term end.
 */
export function nextTestDue(input: TestScheduleInput, policy: TestPolicy = DEFAULT_TEST_POLICY): DatedRule<TestScheduleRule> | null {
  checkInput(input);
  const { measureStart, lastTestDate, risk, termEnd } = input;
  const last = lastTestDate && compareDates(lastTestDate, measureStart) >= 0 ? lastTestDate : null;
  let due: DatedRule<TestScheduleRule>;
  if (!last) {
    due = { date: measureStart, rule: 'testSchedule.firstTest', explanation: `报到之日（${measureStart}）应进行首次检测` };
  } else {
    const year = measureYear(measureStart, last);
    const months = testIntervalMonths(year, risk, policy);
    const base = baseTestIntervalMonths(year, policy);
    const adjusted = months !== base ? `，${RISK_LEVEL_LABELS[risk]}风险人员调整为每${months}个月` : '';
    const date = addMonths(last, months);
    due = {
      date,
      rule: 'testSchedule.nextDue',
      explanation: `措施第${year}年每${base}个月检测一次${adjusted}；上次检测${last}，下次应于${date}前检测（本辖区检测计划，依据《禁毒法》第三十五条定期检测的规定）`,
    };
  }
  if (termEnd && compareDates(due.date, termEnd) > 0) return null;
  return due;
}

/** Whether a test is due or overdue on `today`, and by how many days. */
export function testStatus(input: TestScheduleInput, today: string, policy: TestPolicy = DEFAULT_TEST_POLICY): TestDueStatus {
  if (!isIsoDate(today)) throw new RangeError(`today must be YYYY-MM-DD, got ${JSON.stringify(today)}`);
  const nextDue = nextTestDue(input, policy);
  if (!nextDue) return { nextDue, due: false, overdue: false, overdueDays: 0 };
  const late = daysBetween(nextDue.date, today);
  return { nextDue, due: late >= 0, overdue: late > 0, overdueDays: Math.max(0, late) };
}
