import ExcelJS from 'exceljs';
import type { IndicatorTable } from '@qingyuan/shared';

const change = (value: number | null, unit: string): string => (value === null ? '—' : `${value > 0 ? '+' : ''}${value.toFixed(1)}${unit}`);

/** The explorer's table as an .xlsx workbook: one row per unit and indicator, the same values as on screen. */
export async function indicatorTableWorkbook(table: IndicatorTable, generatedAt: string): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = '清源禁毒工作平台';
  workbook.created = new Date(0);
  const sheet = workbook.addWorksheet('指标查询', { views: [{ state: 'frozen', ySplit: 3 }] });
  sheet.columns = [{ width: 18 }, { width: 26 }, { width: 10 }, { width: 14 }, { width: 14 }, { width: 14 }, { width: 14 }, { width: 14 }];
  sheet.mergeCells('A1:H1');
  sheet.getCell('A1').value = `指标查询（${table.period.label}${table.period.partial ? '，截至统计日' : ''}）`;
  sheet.getCell('A1').font = { bold: true, size: 14 };
  sheet.mergeCells('A2:H2');
  sheet.getCell('A2').value = `统计期间 ${table.period.counted.from} 至 ${table.period.counted.to}；同期 ${table.period.lastYear.from} 至 ${table.period.lastYear.to}；上期 ${table.period.previous.from} 至 ${table.period.previous.to}；导出时间 ${generatedAt}`;
  sheet.getRow(3).values = ['单位', '指标', '单位', '本期', '去年同期', '同比', '上期', '环比'];
  sheet.getRow(3).font = { bold: true };
  const units = new Map(table.units.map((u) => [u.id, u.name]));
  const indicators = new Map(table.indicators.map((d) => [d.code, d]));
  table.values.forEach((v, i) => {
    const d = indicators.get(v.code);
    sheet.getRow(4 + i).values = [
      units.get(v.orgUnitId) ?? '', d?.label ?? v.code, d?.unit ?? '', v.value ?? '—', v.lastYearValue ?? '—',
      change(v.yoyChange, v.changeUnit), v.previousValue ?? '—', change(v.popChange, v.changeUnit),
    ];
  });
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
