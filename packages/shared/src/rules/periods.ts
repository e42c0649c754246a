/**
 * Reporting periods of the indicator layer (统计期间): month, quarter, half-year, year and custom range, each with the
 * period it is compared with a year earlier (同比) and the period before it (环比). Unit-tested in periods.spec.ts;
 * the conventions are written down in docs/indicators.md.
 *
 * - A period that is still running is counted up to today (截至今日) and compared with the same span of the earlier
 *   period, ending on the same day of the month (clamped: 29 February → 28 February).
 * - 环比 compares a month with the previous month, a quarter with the previous quarter, a half-year with the previous
 *   half-year, a year with the previous year, and a custom range with the range of the same number of days just before.
 * - A period that has not started counts nothing (an empty range).
 */
import { addDays, addMonths, addYears, daysInMonth, inclusiveDays, isIsoDate } from './calendar-dates.ts';
import type { DateRange } from './figures.ts';

export const PERIOD_KINDS = ['month', 'quarter', 'half', 'year', 'custom'] as const;
export type PeriodKind = (typeof PERIOD_KINDS)[number];

export interface PeriodSpec {
  kind: PeriodKind;
  year: number;
  /** Month 1–12, quarter 1–4, half 1–2; unused for year and custom. */
  index?: number;
  /** Custom range only. */
  from?: string;
  to?: string;
}

export interface ResolvedPeriod {
  spec: PeriodSpec;
  /** 2026年11月, 2026年第三季度, 2026年上半年, 2026年, 2026年3月1日至5月31日. */
  label: string;
  full: DateRange;
  counted: DateRange;
  partial: boolean;
  lastYear: DateRange;
  previous: DateRange;
}

const pad2 = (n: number): string => String(n).padStart(2, '0');
const QUARTER_NAMES = ['', '第一季度', '第二季度', '第三季度', '第四季度'];
const HALF_NAMES = ['', '上半年', '下半年'];

/** A problem with the spec (Chinese, naming what is wrong), or null. */
export function periodProblem(spec: PeriodSpec): { field: string; message: string } | null {
  if (!Number.isInteger(spec.year) || spec.year < 2000 || spec.year > 2100) return { field: 'year', message: '年度应在2000至2100之间' };
  const max = { month: 12, quarter: 4, half: 2 } as const;
  if (spec.kind === 'month' || spec.kind === 'quarter' || spec.kind === 'half') {
    const index = spec.index ?? 0;
    if (!Number.isInteger(index) || index < 1 || index > max[spec.kind]) return { field: 'index', message: `应为1至${String(max[spec.kind])}` };
  }
  if (spec.kind === 'custom') {
    if (!spec.from || !isIsoDate(spec.from)) return { field: 'from', message: '请填写有效的开始日期' };
    if (!spec.to || !isIsoDate(spec.to)) return { field: 'to', message: '请填写有效的结束日期' };
    if (spec.to < spec.from) return { field: 'to', message: '结束日期不能早于开始日期' };
    if (inclusiveDays(spec.from, spec.to) > 366 * 5) return { field: 'to', message: '自定义期间不能超过5年' };
  }
  return null;
}

function monthsRange(year: number, firstMonth: number, months: number): DateRange {
  const last = firstMonth + months - 1;
  return { from: `${String(year)}-${pad2(firstMonth)}-01`, to: `${String(year)}-${pad2(last)}-${pad2(daysInMonth(year, last))}` };
}

/** The whole period. Throws on a spec `periodProblem` refuses. */
export function fullRange(spec: PeriodSpec): DateRange {
  const problem = periodProblem(spec);
  if (problem) throw new RangeError(`${problem.field}: ${problem.message}`);
  const index = spec.index ?? 1;
  switch (spec.kind) {
    case 'month':
      return monthsRange(spec.year, index, 1);
    case 'quarter':
      return monthsRange(spec.year, index * 3 - 2, 3);
    case 'half':
      return monthsRange(spec.year, index * 6 - 5, 6);
    case 'year':
      return monthsRange(spec.year, 1, 12);
    case 'custom':
      return { from: spec.from ?? '', to: spec.to ?? '' };
  }
}

/** The spec of the period before: previous month/quarter/half/year; custom: the same number of days just before. */
function previousSpec(spec: PeriodSpec): PeriodSpec {
  const index = spec.index ?? 1;
  const per = { month: 12, quarter: 4, half: 2 } as const;
  switch (spec.kind) {
    case 'month':
    case 'quarter':
    case 'half':
      return index === 1 ? { kind: spec.kind, year: spec.year - 1, index: per[spec.kind] } : { kind: spec.kind, year: spec.year, index: index - 1 };
    case 'year':
      return { kind: 'year', year: spec.year - 1 };
    case 'custom': {
      const days = inclusiveDays(spec.from ?? '', spec.to ?? '');
      const to = addDays(spec.from ?? '', -1);
      return { kind: 'custom', year: Number(to.slice(0, 4)), from: addDays(to, -(days - 1)), to };
    }
  }
}

/** Moves a date back by one period of this kind (a custom range by its own number of days). */
function shiftBack(kind: PeriodKind, days: number): (date: string) => string {
  switch (kind) {
    case 'month':
      return (d) => addMonths(d, -1);
    case 'quarter':
      return (d) => addMonths(d, -3);
    case 'half':
      return (d) => addMonths(d, -6);
    case 'year':
      return (d) => addYears(d, -1);
    case 'custom':
      return (d) => addDays(d, -days);
  }
}

/** The comparison range: the whole earlier period, or — while this one runs — the same span of it. */
function earlierRange(counted: DateRange, partial: boolean, earlierFull: DateRange, shift: (date: string) => string): DateRange {
  if (!partial) return earlierFull;
  if (counted.to < counted.from) return { from: earlierFull.from, to: addDays(earlierFull.from, -1) };
  const to = shift(counted.to);
  return { from: earlierFull.from, to: to > earlierFull.to ? earlierFull.to : to };
}

function label(spec: PeriodSpec): string {
  const year = `${String(spec.year)}年`;
  switch (spec.kind) {
    case 'month':
      return `${year}${String(spec.index ?? 1)}月`;
    case 'quarter':
      return `${year}${QUARTER_NAMES[spec.index ?? 1] ?? ''}`;
    case 'half':
      return `${year}${HALF_NAMES[spec.index ?? 1] ?? ''}`;
    case 'year':
      return year;
    case 'custom': {
      const [fy, fm, fd] = (spec.from ?? '').split('-').map(Number);
      const [ty, tm, td] = (spec.to ?? '').split('-').map(Number);
      return `${String(fy)}年${String(fm)}月${String(fd)}日至${ty === fy ? '' : `${String(ty)}年`}${String(tm)}月${String(td)}日`;
    }
  }
}

/** The period as counted on `today`, with its 同比 and 环比 ranges. */
export function resolvePeriod(spec: PeriodSpec, today: string): ResolvedPeriod {
  const full = fullRange(spec);
  let counted = full;
  let partial = false;
  if (today < full.to) {
    partial = true;
    counted = today < full.from ? { from: full.from, to: addDays(full.from, -1) } : { from: full.from, to: today };
  }
  const lastYearSpec: PeriodSpec = spec.kind === 'custom' ? { ...spec, year: spec.year - 1, from: addYears(full.from, -1), to: addYears(full.to, -1) } : { ...spec, year: spec.year - 1 };
  const lastYear = earlierRange(counted, partial, fullRange(lastYearSpec), (d) => addYears(d, -1));
  const beforeFull = fullRange(previousSpec(spec));
  const previous = spec.kind === 'year' ? lastYear : earlierRange(counted, partial, beforeFull, shiftBack(spec.kind, inclusiveDays(full.from, full.to)));
  return { spec, label: label(spec), full, counted, partial, lastYear, previous };
}
