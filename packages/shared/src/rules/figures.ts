/**
 * Pure rules behind every enforcement figure (缉毒执法统计): exact decimal quantities, completion of a target (完成率),
 * year-on-year (同比) and period-on-period (环比) change, and the periods they compare. Written down in
 * docs/enforcement.md; unit-tested in figures.spec.ts.
 *
 * Quantities are exact decimals: grams and kilograms with three decimals, yuan with two. They travel as strings
 * ('100.000') and are added as BigInt counts of the smallest unit (thousandths, fen), never as floats, so the sum of
 * 1,000 seizures of 0.1 g is exactly '100.000'.
 *
 * Rates are rounded once, at the end, from the exact rational: half away from zero to one decimal (四舍五入 on the
 * magnitude: 102.25 → 102.3, -33.05 → -33.1). A zero or missing target gives no completion (null, shown 无任务数); a
 * zero or missing previous value gives no change (null, shown 无同期数 / 无上期数).
 */
import { addDays, addMonths, addYears, daysInMonth } from './calendar-dates.ts';

// ---------------------------------------------------------------- exact decimals

/** Digits allowed before the point: numeric(14,3) holds 11. */
export const MAX_INTEGER_DIGITS = 11;

/** A problem with a decimal quantity typed as text (at most `scale` decimals, not negative), or null when fine. */
export function decimalProblem(text: string, scale: number, options: { positive?: boolean } = {}): string | null {
  const value = text.trim();
  if (value === '') return '请填写数值';
  if (value.startsWith('-')) return '不能为负数';
  const match = /^(\d+)(?:\.(\d+))?$/.exec(value);
  if (!match) return '应为数字（如 12.5）';
  const [, whole = '', fraction = ''] = match;
  if (fraction.length > scale) return scale === 0 ? '应为整数' : `最多${String(scale)}位小数`;
  if (whole.replace(/^0+(?=\d)/, '').length > MAX_INTEGER_DIGITS) return '数值过大';
  if (options.positive && /^[0.]*$/.test(value)) return '应大于0';
  return null;
}

/** A decimal string as a BigInt count of 10^-scale units ('0.1', 3 → 100n). Throws on text `decimalProblem` refuses. */
export function parseScaled(text: string, scale: number): bigint {
  const problem = decimalProblem(text, scale);
  if (problem) throw new RangeError(`not a decimal with at most ${String(scale)} places: ${JSON.stringify(text)} (${problem})`);
  const [whole = '0', fraction = ''] = text.trim().split('.');
  return BigInt(whole) * 10n ** BigInt(scale) + BigInt(fraction.padEnd(scale, '0') || '0');
}

/** A BigInt count of 10^-scale units as a decimal string with exactly `scale` places (100n, 3 → '0.100'). */
export function formatScaled(value: bigint, scale: number): string {
  const negative = value < 0n;
  const magnitude = negative ? -value : value;
  const unit = 10n ** BigInt(scale);
  const whole = (magnitude / unit).toString();
  const fraction = scale === 0 ? '' : `.${(magnitude % unit).toString().padStart(scale, '0')}`;
  return `${negative ? '-' : ''}${whole}${fraction}`;
}

/** The exact sum of decimal strings, with `scale` places. */
export function sumScaled(values: readonly string[], scale: number): string {
  return formatScaled(values.reduce((total, v) => total + parseScaled(v, scale), 0n), scale);
}

/** A decimal string, possibly with more or fewer places (as PostgreSQL returns numeric), rewritten with `scale` places. */
export function normalizeDecimal(text: string, scale: number): string {
  const [whole = '0', fraction = ''] = text.trim().split('.');
  if (fraction.length > scale && /[1-9]/.test(fraction.slice(scale))) throw new RangeError(`${text} has more than ${String(scale)} places`);
  return formatScaled(parseScaled(`${whole}${fraction ? `.${fraction.slice(0, scale)}` : ''}`, scale), scale);
}

export const GRAM_SCALE = 3;
export const YUAN_SCALE = 2;

/** Grams (or kilograms) as exact text with three decimals: `sumGrams(Array(1000).fill('0.1'))` is '100.000'. */
export const sumGrams = (values: readonly string[]): string => sumScaled(values, GRAM_SCALE);

/** Yuan as integer fen, and back ('1234.5' ↔ 123450n). */
export const yuanToFen = (yuan: string): bigint => parseScaled(yuan, YUAN_SCALE);
export const fenToYuan = (fen: bigint): string => formatScaled(fen, YUAN_SCALE);

// ---------------------------------------------------------------- rates

/**
 * numerator / denominator × 100, rounded half away from zero to one decimal, computed on the exact rational.
 * The denominator must not be zero.
 */
export function percentOf(numerator: bigint, denominator: bigint): number {
  if (denominator === 0n) throw new RangeError('percentOf: zero denominator');
  const negative = numerator < 0n !== denominator < 0n && numerator !== 0n;
  const n = numerator < 0n ? -numerator : numerator;
  const d = denominator < 0n ? -denominator : denominator;
  // tenths of a percent: n × 1000 / d, rounded half up on the magnitude.
  const tenths = (n * 1000n * 2n + d) / (2n * d);
  return (negative ? -Number(tenths) : Number(tenths)) / 10;
}

/** 完成率 in % (91 against 89 → 102.2); null when there is no target or the target is zero (无任务数). */
export function completionRate(value: string, target: string | null, scale = GRAM_SCALE): number | null {
  if (target === null) return null;
  const t = parseScaled(target, scale);
  if (t === 0n) return null;
  return percentOf(parseScaled(value, scale), t);
}

/** 同比 / 环比 change in % (145 against 109 → 33.0; 80 against 100 → -20.0); null when the earlier value is 0 or missing. */
export function changeRate(value: string, earlier: string | null, scale = GRAM_SCALE): number | null {
  if (earlier === null) return null;
  const e = parseScaled(earlier, scale);
  if (e === 0n) return null;
  return percentOf(parseScaled(value, scale) - e, e);
}

/** '102.2%', '+33.0%', '-20.0%' or the Chinese placeholder for a missing rate. */
export function formatRate(rate: number | null, options: { signed?: boolean; missing?: string } = {}): string {
  if (rate === null) return options.missing ?? '—';
  const sign = options.signed && rate > 0 ? '+' : '';
  return `${sign}${rate.toFixed(1)}%`;
}

// ---------------------------------------------------------------- periods

/** An inclusive range of calendar dates; empty when `to` is before `from`. */
export interface DateRange {
  from: string;
  to: string;
}

export interface FigurePeriod {
  /** The calendar year, or one of its quarters (1–4), or one of its months (1–12; never both). */
  year: number;
  quarter: number | null;
  month: number | null;
  /** The whole year, quarter or month. */
  full: DateRange;
  /** What is counted: the whole period, or up to today while it runs (empty before it starts). */
  counted: DateRange;
  /** True while the period runs: the figures are to date (截至今日). */
  partial: boolean;
}

const pad2 = (n: number): string => String(n).padStart(2, '0');

/** The whole year, quarter (1–4) or month (1–12) as dates; a quarter and a month together are refused. */
export function fullPeriod(year: number, quarter: number | null, month: number | null = null): DateRange {
  if (month !== null) {
    if (quarter !== null) throw new RangeError('a period is a quarter or a month, not both');
    if (!Number.isInteger(month) || month < 1 || month > 12) throw new RangeError(`month must be 1–12: ${String(month)}`);
    return { from: `${String(year)}-${pad2(month)}-01`, to: `${String(year)}-${pad2(month)}-${pad2(daysInMonth(year, month))}` };
  }
  if (quarter === null) return { from: `${String(year)}-01-01`, to: `${String(year)}-12-31` };
  if (!Number.isInteger(quarter) || quarter < 1 || quarter > 4) throw new RangeError(`quarter must be 1–4: ${String(quarter)}`);
  const lastMonth = quarter * 3;
  return { from: `${String(year)}-${pad2(lastMonth - 2)}-01`, to: `${String(year)}-${pad2(lastMonth)}-${pad2(daysInMonth(year, lastMonth))}` };
}

/** The period a figure is asked for (a year, a quarter or a month), counted up to `today` while it runs. */
export function figurePeriod(year: number, quarter: number | null, today: string, month: number | null = null): FigurePeriod {
  const full = fullPeriod(year, quarter, month);
  const base = { year, quarter, month, full };
  if (today >= full.to) return { ...base, counted: full, partial: false };
  if (today < full.from) return { ...base, counted: { from: full.from, to: addDays(full.from, -1) }, partial: true };
  return { ...base, counted: { from: full.from, to: today }, partial: true };
}

/**
 * The comparison period `shift` earlier: a whole period compares with the whole earlier period; a period counted to
 * date compares with the same span of the earlier one, ending on the same day of the month (clamped: a span ending on
 * 29 February compares with one ending on 28 February; one ending on 31 May with one ending on 29 February).
 */
function earlier(period: FigurePeriod, year: number, quarter: number | null, month: number | null, shift: (date: string) => string): DateRange {
  const full = fullPeriod(year, quarter, month);
  if (!period.partial) return full;
  if (period.counted.to < period.counted.from) return { from: full.from, to: addDays(full.from, -1) };
  const to = shift(period.counted.to);
  return { from: full.from, to: to > full.to ? full.to : to };
}

/** 同期: the same period a year earlier (for a month, the same month last year). */
export function samePeriodLastYear(period: FigurePeriod): DateRange {
  return earlier(period, period.year - 1, period.quarter, period.month, (d) => addYears(d, -1));
}

/** 上期 for 环比: the previous month for a month (January → last December), the previous quarter for a quarter, the previous year for a year. */
export function previousPeriod(period: FigurePeriod): DateRange {
  if (period.month !== null) {
    const year = period.month === 1 ? period.year - 1 : period.year;
    const month = period.month === 1 ? 12 : period.month - 1;
    return earlier(period, year, null, month, (d) => addMonths(d, -1));
  }
  if (period.quarter === null) return samePeriodLastYear(period);
  const year = period.quarter === 1 ? period.year - 1 : period.year;
  const quarter = period.quarter === 1 ? 4 : period.quarter - 1;
  return earlier(period, year, quarter, null, (d) => addMonths(d, -3));
}

/**
 * 累计 (1—N月累计): from 1 January to the end of what the period counts (a month to date: to today). Before the period
 * starts it ends the day before it, so it holds the months already over.
 */
export function yearToDate(period: FigurePeriod): DateRange {
  return { from: `${String(period.year)}-01-01`, to: period.counted.to };
}

/**
 * 累计同期: 1 January last year to the end of the period's 同期 (a whole month → the whole month last year, so a whole
 * February 2025 compares 1 Jan–28 Feb 2025 with 1 Jan–29 Feb 2024; to date → the same day last year, clamped).
 */
export function yearToDateLastYear(period: FigurePeriod): DateRange {
  return { from: `${String(period.year - 1)}-01-01`, to: samePeriodLastYear(period).to };
}

// ---------------------------------------------------------------- targets

export interface TargetEntry {
  /** 0 for the whole year, 1–4 for a quarter. */
  quarter: number;
  value: string;
}

/**
 * The target of a period from the targets set for one unit, indicator and year: a quarter's own target; for the year,
 * the yearly target, or else the sum of the quarters' targets when only those were set. Null when none applies.
 */
export function targetFor(entries: readonly TargetEntry[], quarter: number | null, scale = GRAM_SCALE): string | null {
  if (quarter !== null) return entries.find((e) => e.quarter === quarter)?.value ?? null;
  const yearly = entries.find((e) => e.quarter === 0);
  if (yearly) return yearly.value;
  const quarters = entries.filter((e) => e.quarter >= 1 && e.quarter <= 4);
  return quarters.length === 0 ? null : sumScaled(quarters.map((e) => e.value), scale);
}
