/**
 * Calendar arithmetic on 'YYYY-MM-DD' strings: proleptic Gregorian, no time of day, no time zone, no Date object,
 * no clock. Every statutory clock in Qingyuan is built from these functions (docs/rules.md).
 *
 * Month and year arithmetic clamps to the end of the month when the target month is shorter:
 * 2024-01-31 + 1 month → 2024-02-29; 2024-02-29 + 1 year → 2025-02-28 (the 民法典 第二百零二条 rule "没有对应日的，
 * 月末日为期间的最后一日").
 */
export interface CalendarDate {
  year: number;
  month: number;
  day: number;
}

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

export function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

export function daysInMonth(year: number, month: number): number {
  if (month === 2) return isLeapYear(year) ? 29 : 28;
  return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
}

/** The parts of a valid date, or null (wrong shape, year 0000, month 13, 2023-02-29, …). */
export function parseIsoDate(value: string): CalendarDate | null {
  const match = ISO_DATE.exec(value);
  if (!match) return null;
  const year = Number(match[1]);
  const month = Number(match[2]);
  const day = Number(match[3]);
  if (year < 1 || month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return null;
  return { year, month, day };
}

export function isIsoDate(value: string): boolean {
  return parseIsoDate(value) !== null;
}

// Parsed dates by their text: indicators and working lists compare the same few thousand dates millions of times, and
// parsing dominated their profile. Bounded: cleared when full. Entries are never handed out for mutation.
const PARSED_LIMIT = 50_000;
const parsedDates = new Map<string, { parts: Readonly<CalendarDate>; dayNumber: number }>();

function known(value: string): { parts: Readonly<CalendarDate>; dayNumber: number } {
  let hit = parsedDates.get(value);
  if (!hit) {
    const parsed = parseIsoDate(value);
    if (!parsed) throw new RangeError(`not a calendar date in YYYY-MM-DD: ${JSON.stringify(value)}`);
    if (parsedDates.size >= PARSED_LIMIT) parsedDates.clear();
    hit = { parts: parsed, dayNumber: toDayNumber(parsed) };
    parsedDates.set(value, hit);
  }
  return hit;
}

function parts(value: string): Readonly<CalendarDate> {
  return known(value).parts;
}

function format({ year, month, day }: Readonly<CalendarDate>): string {
  if (year < 1 || year > 9999) throw new RangeError(`date out of range (years 0001–9999): year ${year}`);
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

// Days since 1970-01-01 and back (H. Hinnant's days_from_civil / civil_from_days): exact integer arithmetic.
function toDayNumber({ year, month, day }: Readonly<CalendarDate>): number {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  const doy = Math.floor((153 * (month + (month > 2 ? -3 : 9)) + 2) / 5) + day - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146097 + doe - 719468;
}

function fromDayNumber(dayNumber: number): CalendarDate {
  const z = dayNumber + 719468;
  const era = Math.floor(z / 146097);
  const doe = z - era * 146097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const day = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const month = mp < 10 ? mp + 3 : mp - 9;
  return { year: yoe + era * 400 + (month <= 2 ? 1 : 0), month, day };
}

function wholeNumber(n: number, what: string): number {
  if (!Number.isInteger(n)) throw new RangeError(`${what} must be a whole number, got ${n}`);
  return n;
}

export function addDays(date: string, days: number): string {
  return format(fromDayNumber(known(date).dayNumber + wholeNumber(days, 'days')));
}

/** Same day `months` later (or earlier), clamped to the end of a shorter month: 2024-03-31 + 1 → 2024-04-30. */
export function addMonths(date: string, months: number): string {
  const { year, month, day } = parts(date);
  const index = year * 12 + (month - 1) + wholeNumber(months, 'months');
  const targetYear = Math.floor(index / 12);
  const targetMonth = index - targetYear * 12 + 1;
  return format({ year: targetYear, month: targetMonth, day: Math.min(day, daysInMonth(targetYear, targetMonth)) });
}

/** Same day `years` later, clamped: 2024-02-29 + 1 year → 2025-02-28; + 4 years → 2028-02-29. */
export function addYears(date: string, years: number): string {
  return addMonths(date, wholeNumber(years, 'years') * 12);
}

/** `to − from` in days: 0 for the same day, negative when `to` is earlier. */
export function daysBetween(from: string, to: string): number {
  return known(to).dayNumber - known(from).dayNumber;
}

/** −1, 0 or 1, usable as an Array.prototype.sort comparator. */
export function compareDates(a: string, b: string): -1 | 0 | 1 {
  const diff = daysBetween(b, a);
  return diff < 0 ? -1 : diff > 0 ? 1 : 0;
}

export function maxDate(first: string, ...rest: string[]): string {
  return rest.reduce((max, d) => (compareDates(d, max) > 0 ? d : max), first);
}

export function minDate(first: string, ...rest: string[]): string {
  return rest.reduce((min, d) => (compareDates(d, min) < 0 ? d : min), first);
}

/**
 * The last day of a term that starts on `start` (the start day counts as the first day) and lasts `years` and
 * `months`: the day before the corresponding day, or — when the target month has no corresponding day — the
 * last day of that month. 2024-03-01 + 3 years → 2027-02-28; 2024-02-29 + 1 year → 2025-02-28 (not 02-27,
 * which would make that year one day shorter than the 366 calendar days it spans); 2024-03-31 + 1 month → 04-30.
 */
export function termLastDay(start: string, length: { years?: number; months?: number }): string {
  const months = wholeNumber(length.years ?? 0, 'years') * 12 + wholeNumber(length.months ?? 0, 'months');
  if (months <= 0) throw new RangeError(`a term lasts at least one month, got ${months} months`);
  const corresponding = addMonths(start, months);
  const clamped = parts(corresponding).day !== parts(start).day;
  return clamped ? corresponding : addDays(corresponding, -1);
}

/** Calendar days from `from` to `to`, both counted (a leave from the 1st to the 3rd is 3 days). */
export function inclusiveDays(from: string, to: string): number {
  return daysBetween(from, to) + 1;
}
