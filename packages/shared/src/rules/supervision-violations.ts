/**
 * Leave reports and serious violation of the community treatment (rehab) agreement (严重违反社区戒毒协议):
 * 《戒毒条例》第十九条、第二十条. "以上" includes the number, "超过" does not (民法典第一千二百五十九条):
 * 3 evasions or 3 unauthorised absences reach the threshold, 30 days in total do not, 31 do.
 *
 * Absences count calendar days with both the departure and the return day (out on the 1st, back on the 3rd:
 * 3 days). An unreported absence counts as unauthorised (擅自离开) only when it needed a leave report (≥ 3 days).
 */
import { addDays, compareDates, inclusiveDays, isIsoDate, maxDate, minDate } from './calendar-dates.ts';
import type { FieldProblem } from './measure-clocks.ts';

export const LEAVE_REPORT_MIN_DAYS = 3;
export const SERIOUS_TEST_EVASIONS = 3;
export const SERIOUS_ABSENCES = 3;
/** Total unauthorised days must EXCEED this. */
export const SERIOUS_ABSENCE_DAYS = 30;

const REGULATION = '《戒毒条例》';

export interface LeaveRule {
  required: boolean;
  days: number;
  explanation: string;
}

/** Leaving the executing county (市、区) for 3 days or more needs a written leave report (戒毒条例第十九条). */
export function leaveReportRequired(from: string, to: string): LeaveRule {
  const days = inclusiveDays(from, to);
  if (days < 1) throw new RangeError(`leave ends before it starts: ${from} → ${to}`);
  return {
    required: days >= LEAVE_REPORT_MIN_DAYS,
    days,
    explanation: days >= LEAVE_REPORT_MIN_DAYS
      ? `离开执行地所在县（市、区）${days}日（${from}至${to}），3日以上须书面报告（${REGULATION}第十九条）`
      : `离开执行地所在县（市、区）${days}日（${from}至${to}），不足3日，无须书面报告（${REGULATION}第十九条）`,
  };
}

export interface TestEvasion {
  date: string;
  /** refused: present and refused (always counts); missed: did not come (counts only after a recorded notice). */
  kind: 'refused' | 'missed';
  /** A written notice to test was recorded before the missed test. */
  noticed: boolean;
}
export interface CountyAbsence {
  /** Day of departure. */
  from: string;
  /** Day of return; null while still away (counted through today). */
  to: string | null;
  /** A written leave report covers this absence. */
  reported: boolean;
}
export interface SupervisionRecord {
  testEvasions: readonly TestEvasion[];
  absences: readonly CountyAbsence[];
  /** The measure's period: only what happened within it counts (to null: through today). */
  period?: { from: string; to: string | null };
  /** Which agreement is violated; default community treatment. */
  measureKind?: 'communityTreatment' | 'communityRehab';
}

export type ViolationThresholdCode = 'testEvasions' | 'unauthorizedAbsences' | 'unauthorizedDays';
export interface ViolationThreshold {
  code: ViolationThresholdCode;
  count: number;
  /** The day the threshold was reached. */
  reachedOn: string;
  explanation: string;
}
export interface ViolationProposal {
  actions: readonly ['reportToPolice', 'proposeCompulsoryIsolation'];
  explanation: string;
}
export interface SeriousViolationResult {
  serious: boolean;
  reached: ViolationThreshold[];
  counts: { testEvasions: number; uncountedMissedTests: number; unauthorizedAbsences: number; unauthorizedDays: number };
  proposal: ViolationProposal | null;
  /** Why something was not counted, in Chinese (e.g. missed tests without a recorded notice). */
  notes: string[];
  problems: FieldProblem[];
}

function problemsOf(record: SupervisionRecord): FieldProblem[] {
  const problems: FieldProblem[] = [];
  const date = (value: string | null, field: string, label: string): void => {
    if (value !== null && !isIsoDate(value)) problems.push({ field, message: `${label}不是有效日期（格式YYYY-MM-DD）` });
  };
  record.testEvasions.forEach((e, i) => date(e.date, `testEvasions[${i}].date`, '检测日期'));
  record.absences.forEach((a, i) => {
    date(a.from, `absences[${i}].from`, '离开日期');
    date(a.to, `absences[${i}].to`, '返回日期');
    if (a.to && isIsoDate(a.from) && isIsoDate(a.to) && compareDates(a.to, a.from) < 0) {
      problems.push({ field: `absences[${i}].to`, message: '返回日期不能早于离开日期' });
    }
  });
  if (record.period) {
    date(record.period.from, 'period.from', '措施开始日期');
    date(record.period.to, 'period.to', '措施结束日期');
  }
  if (problems.length > 0) return problems;
  const sorted = record.absences.map((a, i) => ({ ...a, i })).sort((a, b) => compareDates(a.from, b.from));
  for (let k = 1; k < sorted.length; k++) {
    const previous = sorted[k - 1];
    const current = sorted[k];
    if (previous && current && (previous.to === null || compareDates(current.from, previous.to) <= 0)) {
      problems.push({ field: `absences[${current.i}].from`, message: '外出记录与另一条外出记录时间重叠' });
    }
  }
  return problems;
}

/**
 * Whether the record reaches a serious-violation threshold (戒毒条例第二十条) as of `today`, which thresholds,
 * on which day, and the proposal that follows: report to the police, who may decide compulsory isolation.
 */
export function seriousViolation(record: SupervisionRecord, today: string): SeriousViolationResult {
  if (!isIsoDate(today)) throw new RangeError(`today must be YYYY-MM-DD, got ${JSON.stringify(today)}`);
  const counts = { testEvasions: 0, uncountedMissedTests: 0, unauthorizedAbsences: 0, unauthorizedDays: 0 };
  const problems = problemsOf(record);
  if (problems.length > 0) return { serious: false, reached: [], counts, proposal: null, notes: [], problems };

  const periodFrom = record.period?.from ?? '0001-01-01';
  const periodTo = minDate(record.period?.to ?? today, today);
  const inPeriod = (d: string): boolean => compareDates(d, periodFrom) >= 0 && compareDates(d, periodTo) <= 0;
  const reached: ViolationThreshold[] = [];
  const notes: string[] = [];

  const evasions = record.testEvasions.filter((e) => inPeriod(e.date));
  const counted = evasions.filter((e) => e.kind === 'refused' || e.noticed).map((e) => e.date).sort(compareDates);
  counts.testEvasions = counted.length;
  counts.uncountedMissedTests = evasions.length - counted.length;
  if (counts.uncountedMissedTests > 0) notes.push(`${counts.uncountedMissedTests}次未按时检测没有书面通知记录，未计入逃避、拒绝检测次数`);
  const third = counted[SERIOUS_TEST_EVASIONS - 1];
  if (third) {
    reached.push({
      code: 'testEvasions',
      count: counted.length,
      reachedOn: third,
      explanation: `逃避或者拒绝接受检测${counted.length}次（3次以上），第3次为${third}`,
    });
  }

  // Unauthorised absences, clipped to the period; each becomes unauthorised on its third day away.
  const unauthorized = record.absences
    .map((a) => ({ from: a.from, to: a.to ?? today, reported: a.reported }))
    .filter((a) => !a.reported && inclusiveDays(a.from, a.to) >= LEAVE_REPORT_MIN_DAYS)
    .map((a) => ({ ...a, from: maxDate(a.from, periodFrom), to: minDate(a.to, periodTo), unauthorizedOn: addDays(a.from, LEAVE_REPORT_MIN_DAYS - 1) }))
    .filter((a) => compareDates(a.from, a.to) <= 0 && compareDates(a.unauthorizedOn, periodTo) <= 0)
    .sort((a, b) => compareDates(a.from, b.from));
  counts.unauthorizedAbsences = unauthorized.length;
  const thirdAbsence = unauthorized.map((a) => maxDate(a.unauthorizedOn, a.from)).sort(compareDates)[SERIOUS_ABSENCES - 1];
  if (thirdAbsence) {
    reached.push({
      code: 'unauthorizedAbsences',
      count: unauthorized.length,
      reachedOn: thirdAbsence,
      explanation: `擅自离开执行地所在县（市、区）${unauthorized.length}次（3次以上），第3次为${thirdAbsence}`,
    });
  }
  let daysOn: string | null = null;
  for (const a of unauthorized) {
    const days = inclusiveDays(a.from, a.to);
    if (daysOn === null && counts.unauthorizedDays + days > SERIOUS_ABSENCE_DAYS) {
      daysOn = maxDate(addDays(a.from, SERIOUS_ABSENCE_DAYS - counts.unauthorizedDays), a.unauthorizedOn);
    }
    counts.unauthorizedDays += days;
  }
  if (daysOn) {
    reached.push({
      code: 'unauthorizedDays',
      count: counts.unauthorizedDays,
      reachedOn: daysOn,
      explanation: `擅自离开执行地所在县（市、区）累计${counts.unauthorizedDays}日（超过30日），${daysOn}累计达到31日`,
    });
  }

  if (reached.length === 0) return { serious: false, reached, counts, proposal: null, notes, problems };
  const agreement = record.measureKind === 'communityRehab' ? '社区康复协议（参照社区戒毒，《禁毒法》第四十八条）' : '社区戒毒协议';
  return {
    serious: true,
    reached,
    counts,
    proposal: {
      actions: ['reportToPolice', 'proposeCompulsoryIsolation'],
      explanation: `${reached.map((r) => r.explanation).join('；')}，属于严重违反${agreement}（${REGULATION}第二十条）。应当及时向当地公安机关报告（${REGULATION}第二十一条、《禁毒法》第三十五条），并提请依法决定强制隔离戒毒（《禁毒法》第三十八条）`,
    },
    notes,
    problems,
  };
}
