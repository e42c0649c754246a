/** Select options shared by the statistics pages: years back from this one, and 全年 / the four quarters. */

const thisYear = new Date().getFullYear();

/** This year and `back` years before it (the figures page also offers next year, for targets). */
export function yearOptions(back = 3, ahead = 0): { value: number; label: string }[] {
  return Array.from({ length: back + ahead + 1 }, (_, i) => thisYear + ahead - i).map((y) => ({ value: y, label: `${String(y)}年` }));
}

/** 0 stands for the whole year. */
export const QUARTER_PERIOD_OPTIONS = [
  { value: 0, label: '全年' },
  { value: 1, label: '第一季度' },
  { value: 2, label: '第二季度' },
  { value: 3, label: '第三季度' },
  { value: 4, label: '第四季度' },
];

/**
 * 全年, the quarters and the months (月度) in one picker, grouped; values 'year', 'q3', 'm7'. Used by the enforcement
 * figures page and the reports page (a month has no target of its own: its 1—N月累计 is measured against the year's).
 */
export const PERIOD_PICKER_OPTIONS = [
  { value: 'year', label: '全年' },
  { label: '季度', options: QUARTER_PERIOD_OPTIONS.slice(1).map((q) => ({ value: `q${String(q.value)}`, label: q.label })) },
  { label: '月度', options: Array.from({ length: 12 }, (_, i) => ({ value: `m${String(i + 1)}`, label: `${String(i + 1)}月` })) },
];

/** The picker value of a period: 'year', 'q1'…'q4' or 'm1'…'m12'. */
export function periodPickerValue(period: { quarter?: number | undefined; month?: number | undefined }): string {
  if (period.month !== undefined) return `m${String(period.month)}`;
  if (period.quarter !== undefined) return `q${String(period.quarter)}`;
  return 'year';
}

/** The quarter or month a picker value names (neither for the whole year). */
export function periodPickerParse(value: string): { quarter: number | undefined; month: number | undefined } {
  const n = Number(value.slice(1));
  if (value.startsWith('m') && n >= 1 && n <= 12) return { quarter: undefined, month: n };
  if (value.startsWith('q') && n >= 1 && n <= 4) return { quarter: n, month: undefined };
  return { quarter: undefined, month: undefined };
}
