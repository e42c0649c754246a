/**
 * Statutory clocks of a measure (管控措施): report-in deadlines, term ends, earliest release, the three-year mark.
 * Pure: plain data in, plain data out, every computed date with the rule that produced it (docs/rules.md).
 *
 * Conventions (apply to every term here):
 * - A deadline "within N days of X" is X + N days (X is day 0): received on the 1st, on time through the 16th.
 * - A term counts its start day: `termEnd` is the LAST day the measure is in force, the day before the
 *   corresponding day (see `termLastDay`); three years from 2024-03-01 end on 2027-02-28.
 * - Spans of days (`DaySpan`) are half-open: `from` is the first day away/in custody, `to` the day of return,
 *   which counts as served again. Overlapping or touching spans are merged and counted once.
 */
import { addDays, addYears, compareDates, daysBetween, isIsoDate, maxDate, termLastDay } from './calendar-dates.ts';

export const REPORT_IN_DAYS = 15;
export const COMMUNITY_TREATMENT_YEARS = 3;
export const COMPULSORY_ISOLATION_YEARS = 2;
export const EARLY_RELEASE_AFTER_YEARS = 1;
export const COMMUNITY_REHAB_MAX_MONTHS = 36;
export const ABSTINENCE_YEARS = 3;

export const MEASURE_KINDS = ['communityTreatment', 'compulsoryIsolation', 'communityRehab', 'voluntaryTreatment', 'maintenanceTherapy'] as const;
export type MeasureKind = (typeof MEASURE_KINDS)[number];
export const MEASURE_KIND_LABELS: Record<MeasureKind, string> = {
  communityTreatment: '社区戒毒',
  compulsoryIsolation: '强制隔离戒毒',
  communityRehab: '社区康复',
  voluntaryTreatment: '自愿戒毒',
  maintenanceTherapy: '药物维持治疗',
};

/** A computed date and the rule that produced it, explained in Chinese for the person page. */
export interface DatedRule<R extends string = string> {
  date: string;
  rule: R;
  explanation: string;
}
/** The rules that produce the dates of `MeasureClocks` (the UI may map them to labels). */
export type ClockRule =
  | `${'communityTreatment' | 'communityRehab'}.${'reportInDue' | 'agreement' | 'termEnd'}`
  | 'compulsoryIsolation.termEnd'
  | 'compulsoryIsolation.earliestRelease'
  | 'placeChange.reportInDue';
/** A problem with the input, naming the field (e.g. `suspensions[1].to`) so the API can answer 400. */
export interface FieldProblem {
  field: string;
  message: string;
}
/** Half-open span of days: `from` the first day away/in custody, `to` the day back (null while ongoing). */
export interface DaySpan {
  from: string;
  to: string | null;
}
export interface PlaceChange {
  /** 变更执行地之日 */
  date: string;
  /** Report-in at the new executing place (a new agreement is signed that day). */
  reportInDate: string | null;
  justifiedCause?: boolean;
}
export type TerminationReason = 'imprisonment' | 'compulsoryEducation' | 'compulsoryIsolation' | 'death' | 'other';
export interface MeasureTermination {
  date: string;
  reason: TerminationReason;
}

interface CommunityMeasureBase {
  decisionDate: string;
  /** 收到决定书之日; null while not delivered (for community rehab: null means delivered on release). */
  receivedDate: string | null;
  reportInDate: string | null;
  /** 正当理由 recorded by a person for a late report-in: then it is not counted as refusal. */
  justifiedLateReport?: boolean;
  /** 中止: custody (拘留/逮捕) during the measure. */
  suspensions?: readonly DaySpan[];
  placeChanges?: readonly PlaceChange[];
  termination?: MeasureTermination | null;
}
export interface CommunityTreatmentMeasure extends CommunityMeasureBase {
  kind: 'communityTreatment';
}
export interface CommunityRehabMeasure extends CommunityMeasureBase {
  kind: 'communityRehab';
  /** Release from compulsory isolation, on which community rehab is ordered. */
  releaseDate: string;
  /** Term in the decision, 1–36 months. */
  termMonths: number;
}
export interface CompulsoryIsolationMeasure {
  kind: 'compulsoryIsolation';
  decisionDate: string;
  escapes?: readonly DaySpan[];
  /** Extensions approved by the deciding authority, in days; together at most one year. */
  extensions?: readonly { days: number }[];
  /** Actual release (early or on expiry); null while held. */
  releaseDate?: string | null;
  termination?: MeasureTermination | null;
}
export interface OtherMeasure {
  kind: 'voluntaryTreatment' | 'maintenanceTherapy';
  decisionDate: string;
  endDate?: string | null;
}
export type MeasureClockInput = CommunityTreatmentMeasure | CommunityRehabMeasure | CompulsoryIsolationMeasure | OtherMeasure;

export type MeasureStatus =
  | 'invalid' | 'notDelivered' | 'awaitingReportIn' | 'notReportedIn' | 'active' | 'suspended' | 'escaped' | 'ended' | 'terminated';
export type MeasureFlagCode = 'reportInLate' | 'reportInOverdue' | 'refusedToReport' | 'placeChangeReportInLate' | 'placeChangeReportInOverdue';
export interface MeasureFlag {
  code: MeasureFlagCode;
  /** The first day the flag applied. */
  date: string;
  explanation: string;
}
export interface MeasureClocks {
  kind: MeasureKind;
  status: MeasureStatus;
  reportInDue: DatedRule<ClockRule> | null;
  agreementDue: DatedRule<ClockRule> | null;
  termEnd: DatedRule<ClockRule> | null;
  earliestRelease: DatedRule<ClockRule> | null;
  placeChangeReportInDue: DatedRule<ClockRule>[];
  /** Every computed date above in one list, in date order. */
  dates: DatedRule<ClockRule>[];
  flags: MeasureFlag[];
  suspendedDays: number;
  escapedDays: number;
  extensionDays: number;
  /** The term end still moves: a suspension or escape is ongoing and is counted as if it ended today. */
  provisional: boolean;
  problems: FieldProblem[];
}

const LAW = '《禁毒法》';
const REGULATION = '《戒毒条例》';

function emptyClocks(kind: MeasureKind, status: MeasureStatus, problems: FieldProblem[] = []): MeasureClocks {
  return {
    kind, status, reportInDue: null, agreementDue: null, termEnd: null, earliestRelease: null, placeChangeReportInDue: [],
    dates: [], flags: [], suspendedDays: 0, escapedDays: 0, extensionDays: 0, provisional: false, problems,
  };
}

function finish(clocks: MeasureClocks): MeasureClocks {
  const dates = [clocks.reportInDue, clocks.agreementDue, clocks.earliestRelease, clocks.termEnd, ...clocks.placeChangeReportInDue]
    .filter((d): d is DatedRule<ClockRule> => d !== null)
    .sort((a, b) => compareDates(a.date, b.date));
  return { ...clocks, dates };
}

/** Checks that the named dates are real and in order; pushes problems. */
class Checker {
  readonly problems: FieldProblem[] = [];
  date(value: string | null | undefined, field: string, label: string): value is string {
    if (value === null || value === undefined) return false;
    if (isIsoDate(value)) return true;
    this.problems.push({ field, message: `${label}不是有效日期（格式YYYY-MM-DD）` });
    return false;
  }
  notBefore(later: string | null | undefined, earlier: string | null | undefined, field: string, message: string): void {
    if (later && earlier && isIsoDate(later) && isIsoDate(earlier) && compareDates(later, earlier) < 0) this.problems.push({ field, message });
  }
  spans(spans: readonly DaySpan[], field: string, label: string, start: string): void {
    spans.forEach((span, i) => {
      this.date(span.from, `${field}[${i}].from`, `${label}开始日期`);
      this.date(span.to, `${field}[${i}].to`, `${label}结束日期`);
      this.notBefore(span.to, span.from, `${field}[${i}].to`, `${label}结束日期不能早于开始日期`);
      this.notBefore(span.from, start, `${field}[${i}].from`, `${label}开始日期不能早于措施决定日期`);
    });
  }
}

/** Overlapping or touching spans merged; an ongoing span is counted up to `today` (as if it ended today). */
export function mergeDaySpans(spans: readonly DaySpan[], today: string): { from: string; to: string }[] {
  const closed = spans
    .map((s) => ({ from: s.from, to: s.to ?? maxDate(s.from, today) }))
    .sort((a, b) => compareDates(a.from, b.from));
  const merged: { from: string; to: string }[] = [];
  for (const span of closed) {
    const last = merged.at(-1);
    if (last && compareDates(span.from, last.to) <= 0) last.to = maxDate(last.to, span.to);
    else merged.push({ ...span });
  }
  return merged;
}

/** Moves `end` later by the days of every span that begins while the term still runs (a later span may then count). */
function extendBySpans(start: string, end: string, spans: readonly DaySpan[], today: string): { end: string; days: number } {
  let days = 0;
  for (const span of mergeDaySpans(spans, today)) {
    const from = maxDate(span.from, start);
    const length = daysBetween(from, span.to);
    if (length <= 0) continue;
    if (compareDates(from, end) > 0) break;
    end = addDays(end, length);
    days += length;
  }
  return { end, days };
}

function within(spans: readonly DaySpan[], day: string): boolean {
  return spans.some((s) => compareDates(s.from, day) <= 0 && (s.to === null || compareDates(day, s.to) < 0));
}

function ongoingAfter(spans: readonly DaySpan[], today: string): boolean {
  return spans.some((s) => s.to === null && compareDates(s.from, today) <= 0);
}

function termText(months: number): string {
  return months % 12 === 0 ? `${months / 12}年` : `${months}个月`;
}

function communityClocks(m: CommunityTreatmentMeasure | CommunityRehabMeasure, today: string): MeasureClocks {
  const rehab = m.kind === 'communityRehab';
  const name = MEASURE_KIND_LABELS[m.kind];
  const c = new Checker();
  c.date(m.decisionDate, 'decisionDate', '决定日期');
  if (rehab) {
    c.date(m.releaseDate, 'releaseDate', '解除强制隔离戒毒日期');
    if (!Number.isInteger(m.termMonths) || m.termMonths < 1 || m.termMonths > COMMUNITY_REHAB_MAX_MONTHS) {
      c.problems.push({ field: 'termMonths', message: '社区康复期限应为1至36个月（不超过3年）' });
    }
  }
  c.date(m.receivedDate, 'receivedDate', '收到决定书日期');
  c.date(m.reportInDate, 'reportInDate', '报到日期');
  c.notBefore(m.receivedDate, m.decisionDate, 'receivedDate', '收到决定书日期不能早于决定日期');
  const received = rehab ? (m.receivedDate ?? m.releaseDate) : m.receivedDate;
  c.notBefore(m.reportInDate, received, 'reportInDate', rehab ? '报到日期不能早于收到决定书（解除强制隔离戒毒）日期' : '报到日期不能早于收到决定书日期');
  if (m.reportInDate && !received) c.problems.push({ field: 'receivedDate', message: '已报到的，须填写收到决定书日期' });
  c.spans(m.suspensions ?? [], 'suspensions', '中止', m.decisionDate);
  (m.placeChanges ?? []).forEach((p, i) => {
    c.date(p.date, `placeChanges[${i}].date`, '变更执行地日期');
    c.date(p.reportInDate, `placeChanges[${i}].reportInDate`, '新执行地报到日期');
    c.notBefore(p.reportInDate, p.date, `placeChanges[${i}].reportInDate`, '新执行地报到日期不能早于变更执行地日期');
    c.notBefore(p.date, m.reportInDate, `placeChanges[${i}].date`, '变更执行地日期不能早于报到日期');
  });
  if (m.termination) {
    c.date(m.termination.date, 'termination.date', '终止日期');
    c.notBefore(m.termination.date, m.decisionDate, 'termination.date', '终止日期不能早于决定日期');
  }
  if (c.problems.length > 0) return emptyClocks(m.kind, 'invalid', c.problems);

  const clocks = emptyClocks(m.kind, 'active');
  const source = rehab ? `${LAW}第四十八条、${REGULATION}第三十八条` : `${REGULATION}第十四条`;
  if (received) {
    const due = addDays(received, REPORT_IN_DAYS);
    clocks.reportInDue = {
      date: due,
      rule: `${m.kind}.reportInDue`,
      explanation: `应自收到责令${name}决定书之日（${received}${rehab && !m.receivedDate ? '，即解除强制隔离戒毒之日' : ''}）起${REPORT_IN_DAYS}日内报到，最迟${due}（${source}）`,
    };
    const reportedLate = m.reportInDate ? compareDates(m.reportInDate, due) > 0 : compareDates(today, due) > 0;
    if (reportedLate) {
      const firstLateDay = addDays(due, 1);
      clocks.flags.push(m.reportInDate
        ? { code: 'reportInLate', date: firstLateDay, explanation: `${m.reportInDate}报到，超过报到期限（${due}）${daysBetween(due, m.reportInDate)}日` }
        : { code: 'reportInOverdue', date: firstLateDay, explanation: `报到期限${due}已过，至今未报到` });
      if (!m.justifiedLateReport) {
        clocks.flags.push({
          code: 'refusedToReport',
          date: firstLateDay,
          explanation: `无正当理由逾期不报到，视为拒绝接受${name}（${source}${rehab ? '，参照社区戒毒' : ''}；${LAW}第三十八条）`,
        });
      }
    }
  }
  const termination = m.termination && compareDates(m.termination.date, today) <= 0 ? m.termination : null;
  if (!m.reportInDate) {
    clocks.status = termination ? 'terminated' : !received ? 'notDelivered' : clocks.flags.length > 0 ? 'notReportedIn' : 'awaitingReportIn';
    return finish(clocks);
  }

  const start = m.reportInDate;
  clocks.agreementDue = {
    date: start,
    rule: `${m.kind}.agreement`,
    explanation: `报到后应及时签订${name}协议（${rehab ? `${REGULATION}第三十八条` : `${LAW}第三十四条、${REGULATION}第十六条`}）`,
  };
  const months = rehab ? m.termMonths : COMMUNITY_TREATMENT_YEARS * 12;
  const suspensions = m.suspensions ?? [];
  const { end, days } = extendBySpans(start, termLastDay(start, { months }), suspensions, today);
  clocks.suspendedDays = days;
  clocks.provisional = days > 0 && ongoingAfter(suspensions, today);
  const basis = rehab
    ? `社区康复期限${termText(months)}（不超过3年），参照社区戒毒自报到之日（${start}）起计算（${LAW}第四十八条、${REGULATION}第三十七条）`
    : `社区戒毒期限3年，自报到之日（${start}）起计算（${LAW}第三十三条、${REGULATION}第十四条）`;
  const suspended = days > 0
    ? `；被拘留、逮捕期间中止执行${days}日，释放后继续执行、连续计算，期满日相应顺延${clocks.provisional ? '（中止尚未结束，暂按今日恢复执行计算）' : ''}`
    : '';
  clocks.termEnd = { date: end, rule: `${m.kind}.termEnd`, explanation: `${basis}${suspended}；${end}为最后一日` };

  clocks.placeChangeReportInDue = (m.placeChanges ?? []).map((p) => {
    const due = addDays(p.date, REPORT_IN_DAYS);
    const late = p.reportInDate ? compareDates(p.reportInDate, due) > 0 : compareDates(today, due) > 0;
    if (late && !p.justifiedCause) {
      clocks.flags.push(p.reportInDate
        ? { code: 'placeChangeReportInLate', date: addDays(due, 1), explanation: `${p.reportInDate}到新执行地报到，超过期限（${due}）` }
        : { code: 'placeChangeReportInOverdue', date: addDays(due, 1), explanation: `变更执行地后应于${due}前到新执行地报到，至今未报到` });
    }
    return {
      date: due,
      rule: 'placeChange.reportInDue',
      explanation: `自变更执行地之日（${p.date}）起${REPORT_IN_DAYS}日内到新执行地报到并签订新的协议，最迟${due}；${name}期限连续计算，期满日不变（${REGULATION}关于变更执行地的规定）`,
    };
  });

  if (termination) clocks.status = 'terminated';
  else if (compareDates(today, end) > 0) clocks.status = 'ended';
  else if (within(suspensions, today)) clocks.status = 'suspended';
  else if (compareDates(today, start) < 0) clocks.status = 'awaitingReportIn';
  return finish(clocks);
}

/** The most an extension can total: one year after the unextended term end (365 days, 366 across a 29 February). */
export function maxExtensionDays(termEnd: string): number {
  return daysBetween(termEnd, termLastDay(addDays(termEnd, 1), { years: 1 }));
}

function isolationClocks(m: CompulsoryIsolationMeasure, today: string): MeasureClocks {
  const c = new Checker();
  c.date(m.decisionDate, 'decisionDate', '决定日期');
  c.date(m.releaseDate, 'releaseDate', '解除日期');
  c.notBefore(m.releaseDate, m.decisionDate, 'releaseDate', '解除日期不能早于决定日期');
  c.spans(m.escapes ?? [], 'escapes', '脱逃', m.decisionDate);
  (m.extensions ?? []).forEach((e, i) => {
    if (!Number.isInteger(e.days) || e.days < 1) c.problems.push({ field: `extensions[${i}].days`, message: '延长天数应为正整数' });
  });
  if (m.termination) {
    c.date(m.termination.date, 'termination.date', '终止日期');
    c.notBefore(m.termination.date, m.decisionDate, 'termination.date', '终止日期不能早于决定日期');
  }
  if (c.problems.length > 0) return emptyClocks(m.kind, 'invalid', c.problems);

  const start = m.decisionDate;
  const baseEnd = termLastDay(start, { years: COMPULSORY_ISOLATION_YEARS });
  const extensionDays = (m.extensions ?? []).reduce((sum, e) => sum + e.days, 0);
  const maxExtension = maxExtensionDays(baseEnd);
  if (extensionDays > maxExtension) {
    return emptyClocks(m.kind, 'invalid', [
      { field: 'extensions', message: `强制隔离戒毒的期限最长可以延长一年（本期最多${maxExtension}日），已填写合计${extensionDays}日` },
    ]);
  }
  const escapes = m.escapes ?? [];
  const { end, days } = extendBySpans(start, addDays(baseEnd, extensionDays), escapes, today);
  const earliest = extendBySpans(start, termLastDay(start, { years: EARLY_RELEASE_AFTER_YEARS }), escapes, today);
  const earliestDate = addDays(earliest.end, 1);
  if (m.releaseDate && compareDates(m.releaseDate, earliestDate) < 0) {
    return emptyClocks(m.kind, 'invalid', [
      { field: 'releaseDate', message: `执行强制隔离戒毒满一年后方可提前解除，最早${earliestDate}` },
    ]);
  }
  const clocks = emptyClocks(m.kind, 'active');
  clocks.extensionDays = extensionDays;
  clocks.escapedDays = days;
  clocks.provisional = days > 0 && ongoingAfter(escapes, today);
  const escaped = days > 0 ? `；脱逃${days}日不计入执行期限，相应顺延${clocks.provisional ? '（尚未归案，暂按今日归案计算）' : ''}` : '';
  const extended = extensionDays > 0 ? `；经决定机关批准延长${extensionDays}日（最长可延长一年）` : '';
  clocks.termEnd = {
    date: end,
    rule: 'compulsoryIsolation.termEnd',
    explanation: `强制隔离戒毒期限2年，自决定之日（${start}）起计算（${LAW}第四十七条）${extended}${escaped}；${end}为最后一日`,
  };
  clocks.earliestRelease = {
    date: earliestDate,
    rule: 'compulsoryIsolation.earliestRelease',
    explanation: `执行满1年后，经诊断评估戒毒情况良好的，可提出提前解除意见报决定机关批准，最早${earliestDate}（${LAW}第四十七条）${earliest.days > 0 ? `；脱逃${earliest.days}日不计入` : ''}`,
  };
  const termination = m.termination && compareDates(m.termination.date, today) <= 0;
  if (termination) clocks.status = 'terminated';
  else if (m.releaseDate && compareDates(m.releaseDate, today) <= 0) clocks.status = 'ended';
  else if (compareDates(today, end) > 0) clocks.status = 'ended';
  else if (within(escapes, today)) clocks.status = 'escaped';
  return finish(clocks);
}

/** The clocks of one measure as of `today` (YYYY-MM-DD). Problems (naming fields) leave every date null. */
export function measureClocks(measure: MeasureClockInput, today: string): MeasureClocks {
  if (!isIsoDate(today)) throw new RangeError(`today must be YYYY-MM-DD, got ${JSON.stringify(today)}`);
  switch (measure.kind) {
    case 'communityTreatment':
    case 'communityRehab':
      return communityClocks(measure, today);
    case 'compulsoryIsolation':
      return isolationClocks(measure, today);
    case 'voluntaryTreatment':
    case 'maintenanceTherapy': {
      const c = new Checker();
      c.date(measure.decisionDate, 'decisionDate', '开始日期');
      c.date(measure.endDate, 'endDate', '结束日期');
      c.notBefore(measure.endDate, measure.decisionDate, 'endDate', '结束日期不能早于开始日期');
      if (c.problems.length > 0) return emptyClocks(measure.kind, 'invalid', c.problems);
      const ended = measure.endDate && compareDates(measure.endDate, today) < 0;
      return emptyClocks(measure.kind, ended ? 'ended' : 'active');
    }
  }
}

export interface AbstinenceInput {
  /** `end`: the measure's actual last day (term end, release or termination); null while it runs. */
  measures: readonly { kind: MeasureKind; end: string | null }[];
  tests: readonly { date: string; result: 'negative' | 'positive' }[];
  /** 查获 dates. */
  detections: readonly string[];
}
export interface AbstinenceProposal {
  eligible: boolean;
  /** The later of the last measure's end, the last positive test and the last detection. */
  since: string | null;
  mark: DatedRule<'abstinentThreeYears.mark'> | null;
  evidence: string[];
}

/**
 * 戒断三年未复吸: proposed (for a person to approve) once three years have passed since the end of the last
 * measure or the last positive test or detection, whichever is later, with the evidence in Chinese.
 * Dates come from stored (validated) records: a malformed one throws RangeError.
 */
export function abstinentThreeYears(input: AbstinenceInput, today: string): AbstinenceProposal {
  if (!isIsoDate(today)) throw new RangeError(`today must be YYYY-MM-DD, got ${JSON.stringify(today)}`);
  const evidence: string[] = [];
  const running = input.measures.filter((m) => m.end === null || compareDates(m.end, today) >= 0);
  if (running.length > 0) {
    for (const m of running) evidence.push(`${MEASURE_KIND_LABELS[m.kind]}尚在执行中`);
    return { eligible: false, since: null, mark: null, evidence };
  }
  const latest = <T>(items: readonly T[], date: (item: T) => string): T | null =>
    items.reduce<T | null>((best, item) => (best === null || compareDates(date(item), date(best)) > 0 ? item : best), null);
  const lastMeasure = latest(input.measures, (m) => m.end ?? today);
  const lastPositive = latest(input.tests.filter((t) => t.result === 'positive'), (t) => t.date);
  const lastDetection = latest(input.detections, (d) => d);
  if (lastMeasure?.end) evidence.push(`最后一次管控措施（${MEASURE_KIND_LABELS[lastMeasure.kind]}）于${lastMeasure.end}结束`);
  if (lastPositive) evidence.push(`最后一次阳性检测：${lastPositive.date}`);
  if (lastDetection) evidence.push(`最后一次查获：${lastDetection}`);
  const candidates = [lastMeasure?.end, lastPositive?.date, lastDetection].filter((d): d is string => typeof d === 'string');
  const [first, ...rest] = candidates;
  if (first === undefined) {
    evidence.push('无管控措施、阳性检测或查获记录，无法计算戒断起算日');
    return { eligible: false, since: null, mark: null, evidence };
  }
  const since = maxDate(first, ...rest);
  const markDate = addYears(since, ABSTINENCE_YEARS);
  const negatives = input.tests.filter((t) => t.result === 'negative' && compareDates(t.date, since) > 0 && compareDates(t.date, today) <= 0);
  evidence.push(`自${since}起无阳性检测、无查获记录；期间检测${negatives.length}次，均为阴性`);
  const eligible = compareDates(today, markDate) >= 0;
  evidence.push(eligible ? `已满3年（${markDate}）` : `尚差${daysBetween(today, markDate)}日满3年（${markDate}）`);
  return {
    eligible,
    since,
    mark: {
      date: markDate,
      rule: 'abstinentThreeYears.mark',
      explanation: `自最后一次措施结束、阳性检测或查获之日（${since}，取最晚者）起满3年未复吸，可提出戒断三年未复吸，经人工审核确认`,
    },
    evidence,
  };
}
