import ExcelJS from 'exceljs';
import type { FigureRow, Figures, IndicatorUnit } from '@qingyuan/shared';

const QUARTERS = ['', '第一季度', '第二季度', '第三季度', '第四季度'];

/** The Chinese title of a figures table: 示范区2026年（第四季度）缉毒执法任务指标统计, 示范区2026年7月缉毒执法任务指标统计. */
export function figuresTitle(figures: Figures): string {
  if (figures.month !== null) return `${figures.orgUnit.name}${String(figures.year)}年${String(figures.month)}月缉毒执法任务指标统计`;
  return `${figures.orgUnit.name}${String(figures.year)}年${figures.quarter ? `（${QUARTERS[figures.quarter] ?? ''}）` : ''}缉毒执法任务指标统计`;
}

/** 1—7月累计 (1月 alone for January). */
export function cumulativeLabel(month: number): string {
  return month === 1 ? '1月累计' : `1—${String(month)}月累计`;
}

const NUMBER_FORMATS: Record<IndicatorUnit, string> = { 件: '0', 人: '0', 人次: '0', 包: '0', 克: '0.000', 千克: '0.000', 元: '#,##0.00' };

/** A quantity cell: the exact decimal text as an Excel number with a format that shows every place. */
function quantity(cell: ExcelJS.Cell, unit: IndicatorUnit, text: string | null, missing: string): void {
  if (text === null) {
    cell.value = missing;
    return;
  }
  cell.value = Number(text);
  cell.numFmt = NUMBER_FORMATS[unit];
}

function rate(cell: ExcelJS.Cell, value: number | null, missing: string): void {
  if (value === null) {
    cell.value = missing;
    return;
  }
  // The rate is already rounded (half away from zero, one decimal); Excel shows it without re-rounding.
  cell.value = Math.round(value * 10) / 1000;
  cell.numFmt = '+0.0%;-0.0%;0.0%';
}

/** One value column of the table: its heading, width, and how a row fills its cell. */
interface Column {
  title: string;
  width: number;
  write: (cell: ExcelJS.Cell, r: FigureRow) => void;
}

const amount = (title: string, width: number, pick: (r: FigureRow) => string | null, missing = ''): Column =>
  ({ title, width, write: (cell, r) => quantity(cell, r.unit, pick(r), missing) });
const percent = (title: string, width: number, pick: (r: FigureRow) => number | null, missing: string): Column =>
  ({ title, width, write: (cell, r) => rate(cell, pick(r), missing) });

const rowLabel = (r: FigureRow): string => (r.indicator.startsWith('seizures.grams.') ? `  其中：${r.label.replace(/^缴获/, '')}` : r.label);

/**
 * A workbook with one sheet: the title over all columns (row 1), the periods line (row 2), the header (row 3, frozen),
 * a row per indicator (label, unit, then `columns`) and the note under it.
 */
async function figuresWorkbookOf(figures: Figures, periods: string, columns: readonly Column[], note: string): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = '清源禁毒工作平台';
  workbook.created = new Date(0);
  const sheet = workbook.addWorksheet('任务指标统计', { views: [{ state: 'frozen', ySplit: 3 }] });
  sheet.columns = [30, 8, ...columns.map((c) => c.width)].map((width) => ({ width }));
  const last = String.fromCharCode(64 + 2 + columns.length);
  sheet.mergeCells(`A1:${last}1`);
  sheet.getCell('A1').value = figuresTitle(figures);
  sheet.getCell('A1').font = { bold: true, size: 14 };
  sheet.mergeCells(`A2:${last}2`);
  sheet.getCell('A2').value = periods;
  const header = sheet.getRow(3);
  header.values = ['指标', '单位', ...columns.map((c) => c.title)];
  header.font = { bold: true };
  figures.rows.forEach((r, i) => {
    const row = sheet.getRow(4 + i);
    row.getCell(1).value = rowLabel(r);
    row.getCell(2).value = r.unit;
    columns.forEach((c, k) => c.write(row.getCell(3 + k), r));
  });
  sheet.getRow(5 + figures.rows.length).getCell(1).value = note;
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

/** The figures table as an .xlsx workbook (one sheet, the same numbers as the page). */
export async function figuresWorkbook(figures: Figures, generatedAt: string): Promise<Buffer> {
  if (figures.month !== null) return monthlyWorkbook(figures, figures.month, generatedAt);
  return figuresWorkbookOf(
    figures,
    `统计期间 ${figures.period.from} 至 ${figures.period.to}${figures.partial ? '（截至统计日）' : ''}；同期 ${figures.lastYearPeriod.from} 至 ${figures.lastYearPeriod.to}；` +
    `上期 ${figures.previousPeriod.from} 至 ${figures.previousPeriod.to}；导出时间 ${generatedAt}`,
    [
      amount('本期', 16, (r) => r.value),
      amount('任务数', 14, (r) => r.target, '—'),
      percent('完成率', 10, (r) => r.completion, '无任务数'),
      amount('去年同期', 16, (r) => r.lastYearValue),
      percent('同比', 10, (r) => r.yoyChange, '无同期数'),
      amount('上期', 16, (r) => r.previousValue),
      percent('环比', 10, (r) => r.popChange, '无上期数'),
    ],
    '说明：完成率＝本期÷任务数；同比、环比＝（本期−对比期）÷对比期；均按精确值四舍五入保留一位小数。',
  );
}

/** A month's table: the month with 同比 and 环比, then its 1—N月累计 against the year's target (月度无任务数). */
async function monthlyWorkbook(figures: Figures, month: number, generatedAt: string): Promise<Buffer> {
  const cumulative = figures.cumulativePeriod;
  const cumulativeLastYear = figures.cumulativeLastYearPeriod;
  const total = cumulativeLabel(month);
  return figuresWorkbookOf(
    figures,
    `统计期间 ${figures.period.from} 至 ${figures.period.to}${figures.partial ? '（截至统计日）' : ''}；去年同月 ${figures.lastYearPeriod.from} 至 ${figures.lastYearPeriod.to}；` +
    `上月 ${figures.previousPeriod.from} 至 ${figures.previousPeriod.to}；` +
    (cumulative && cumulativeLastYear ? `累计 ${cumulative.from} 至 ${cumulative.to}；累计同期 ${cumulativeLastYear.from} 至 ${cumulativeLastYear.to}；` : '') +
    `导出时间 ${generatedAt}`,
    [
      amount('本月', 16, (r) => r.value),
      amount('去年同月', 16, (r) => r.lastYearValue),
      percent('同比', 10, (r) => r.yoyChange, '无同期数'),
      amount('上月', 16, (r) => r.previousValue),
      percent('环比', 10, (r) => r.popChange, '无上期数'),
      amount(total, 16, (r) => r.cumulative?.value ?? null),
      amount('年度任务数', 14, (r) => r.cumulative?.yearTarget ?? null, '—'),
      percent('完成年度任务数', 14, (r) => r.cumulative?.completion ?? null, '无任务数'),
      amount(`${total}去年同期`, 16, (r) => r.cumulative?.lastYearValue ?? null),
      percent('累计同比', 10, (r) => r.cumulative?.yoyChange ?? null, '无同期数'),
    ],
    '说明：月度不单列任务数；完成年度任务数＝1月1日至本月末（或统计日）累计÷年度任务数；同比、环比＝（本期−对比期）÷对比期；均按精确值四舍五入保留一位小数。',
  );
}
