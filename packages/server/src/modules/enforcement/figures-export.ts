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

/** A workbook with one sheet: the title over all columns (row 1), the periods line (row 2), header row 3 frozen. */
function figuresSheet(figures: Figures, widths: readonly number[], periods: string) {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = '清源禁毒工作平台';
  workbook.created = new Date(0);
  const sheet = workbook.addWorksheet('任务指标统计', { views: [{ state: 'frozen', ySplit: 3 }] });
  sheet.columns = widths.map((width) => ({ width }));
  const last = String.fromCharCode(64 + widths.length);
  sheet.mergeCells(`A1:${last}1`);
  sheet.getCell('A1').value = figuresTitle(figures);
  sheet.getCell('A1').font = { bold: true, size: 14 };
  sheet.mergeCells(`A2:${last}2`);
  sheet.getCell('A2').value = periods;
  return { workbook, sheet };
}

/** The figures table as an .xlsx workbook (one sheet, the same numbers as the page). */
export async function figuresWorkbook(figures: Figures, generatedAt: string): Promise<Buffer> {
  if (figures.month !== null) return monthlyWorkbook(figures, figures.month, generatedAt);
  const { workbook, sheet } = figuresSheet(figures, [30, 8, 16, 14, 10, 16, 10, 16, 10],
    `统计期间 ${figures.period.from} 至 ${figures.period.to}${figures.partial ? '（截至统计日）' : ''}；同期 ${figures.lastYearPeriod.from} 至 ${figures.lastYearPeriod.to}；` +
    `上期 ${figures.previousPeriod.from} 至 ${figures.previousPeriod.to}；导出时间 ${generatedAt}`);
  const header = sheet.getRow(3);
  header.values = ['指标', '单位', '本期', '任务数', '完成率', '去年同期', '同比', '上期', '环比'];
  header.font = { bold: true };
  figures.rows.forEach((r: FigureRow, i) => {
    const row = sheet.getRow(4 + i);
    row.getCell(1).value = rowLabel(r);
    row.getCell(2).value = r.unit;
    quantity(row.getCell(3), r.unit, r.value, '');
    quantity(row.getCell(4), r.unit, r.target, '—');
    rate(row.getCell(5), r.completion, '无任务数');
    quantity(row.getCell(6), r.unit, r.lastYearValue, '');
    rate(row.getCell(7), r.yoyChange, '无同期数');
    quantity(row.getCell(8), r.unit, r.previousValue, '');
    rate(row.getCell(9), r.popChange, '无上期数');
  });
  const note = sheet.getRow(5 + figures.rows.length);
  note.getCell(1).value = '说明：完成率＝本期÷任务数；同比、环比＝（本期−对比期）÷对比期；均按精确值四舍五入保留一位小数。';
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

const rowLabel = (r: FigureRow): string => (r.indicator.startsWith('seizures.grams.') ? `  其中：${r.label.replace(/^缴获/, '')}` : r.label);

/** A month's table: the month with 同比 and 环比, then its 1—N月累计 against the year's target (月度无任务数). */
async function monthlyWorkbook(figures: Figures, month: number, generatedAt: string): Promise<Buffer> {
  const cumulative = figures.cumulativePeriod;
  const cumulativeLastYear = figures.cumulativeLastYearPeriod;
  const { workbook, sheet } = figuresSheet(figures, [30, 8, 16, 16, 10, 16, 10, 16, 14, 14, 16, 10],
    `统计期间 ${figures.period.from} 至 ${figures.period.to}${figures.partial ? '（截至统计日）' : ''}；去年同月 ${figures.lastYearPeriod.from} 至 ${figures.lastYearPeriod.to}；` +
    `上月 ${figures.previousPeriod.from} 至 ${figures.previousPeriod.to}；` +
    (cumulative && cumulativeLastYear ? `累计 ${cumulative.from} 至 ${cumulative.to}；累计同期 ${cumulativeLastYear.from} 至 ${cumulativeLastYear.to}；` : '') +
    `导出时间 ${generatedAt}`);
  const header = sheet.getRow(3);
  const total = cumulativeLabel(month);
  header.values = ['指标', '单位', '本月', '去年同月', '同比', '上月', '环比', total, '年度任务数', '完成年度任务', `${total}去年同期`, '累计同比'];
  header.font = { bold: true };
  figures.rows.forEach((r: FigureRow, i) => {
    const row = sheet.getRow(4 + i);
    row.getCell(1).value = rowLabel(r);
    row.getCell(2).value = r.unit;
    quantity(row.getCell(3), r.unit, r.value, '');
    quantity(row.getCell(4), r.unit, r.lastYearValue, '');
    rate(row.getCell(5), r.yoyChange, '无同期数');
    quantity(row.getCell(6), r.unit, r.previousValue, '');
    rate(row.getCell(7), r.popChange, '无上期数');
    quantity(row.getCell(8), r.unit, r.cumulative?.value ?? null, '');
    quantity(row.getCell(9), r.unit, r.cumulative?.yearTarget ?? null, '—');
    rate(row.getCell(10), r.cumulative?.completion ?? null, '无任务数');
    quantity(row.getCell(11), r.unit, r.cumulative?.lastYearValue ?? null, '');
    rate(row.getCell(12), r.cumulative?.yoyChange ?? null, '无同期数');
  });
  const note = sheet.getRow(5 + figures.rows.length);
  note.getCell(1).value =
    '说明：月度不单列任务数；完成年度任务＝1月1日至本月末（或统计日）累计÷年度任务数；同比、环比＝（本期−对比期）÷对比期；均按精确值四舍五入保留一位小数。';
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
