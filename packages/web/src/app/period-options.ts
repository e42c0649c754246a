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
