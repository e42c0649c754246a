import ExcelJS from 'exceljs';
import { DomainError, invalidField } from '../errors.ts';

/**
 * Reading uploaded .xlsx files safely and writing list exports. Shared by every import and export so they all refuse
 * the same files, read cells the same exact way and look the same.
 */

export const XLSX_MIME = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
/** The largest upload accepted (also the route's body limit). */
export const MAX_UPLOAD_BYTES = 10 * 1024 * 1024;
/** Zip-bomb guard: the entries of the archive may expand to at most this much, in at most this many entries. */
const MAX_UNCOMPRESSED_BYTES = 120 * 1024 * 1024;
const MAX_ENTRIES = 2000;

const ZIP_LOCAL_HEADER = Buffer.from([0x50, 0x4b, 0x03, 0x04]);
const OLE_HEADER = Buffer.from([0xd0, 0xcf, 0x11, 0xe0]);

const notXlsx = (message: string): DomainError => invalidField('file', message);

/**
 * The sizes an archive declares in its central directory, summed; refuses what is not a zip, or a zip that would
 * expand past the limit (checked before any entry is inflated).
 */
function checkZip(buffer: Buffer): void {
  if (buffer.length < 22 || !buffer.subarray(0, 4).equals(ZIP_LOCAL_HEADER)) {
    if (buffer.subarray(0, 4).equals(OLE_HEADER)) throw notXlsx('不支持旧版 .xls 文件，请在 Excel 中另存为 .xlsx 后上传');
    throw notXlsx('文件不是 Excel（.xlsx）文件');
  }
  // End of central directory: signature 0x06054b50 within the last 64 KiB + 22 bytes.
  let eocd = -1;
  for (let i = buffer.length - 22; i >= Math.max(0, buffer.length - 22 - 0xffff); i--) {
    if (buffer.readUInt32LE(i) === 0x06054b50) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) throw notXlsx('文件已损坏或不是 Excel（.xlsx）文件');
  const entries = buffer.readUInt16LE(eocd + 10);
  let offset = buffer.readUInt32LE(eocd + 16);
  if (entries > MAX_ENTRIES) throw notXlsx('文件结构异常，无法读取');
  let total = 0;
  for (let n = 0; n < entries; n++) {
    if (offset + 46 > buffer.length || buffer.readUInt32LE(offset) !== 0x02014b50) throw notXlsx('文件已损坏或不是 Excel（.xlsx）文件');
    total += buffer.readUInt32LE(offset + 24);
    offset += 46 + buffer.readUInt16LE(offset + 28) + buffer.readUInt16LE(offset + 30) + buffer.readUInt16LE(offset + 32);
  }
  if (total > MAX_UNCOMPRESSED_BYTES) throw notXlsx('文件解压后过大，请拆分后分批导入');
}

/** An uploaded workbook, or a 400 naming `file` (too large, not .xlsx by its first bytes, damaged). */
export async function readWorkbook(buffer: Buffer): Promise<ExcelJS.Workbook> {
  if (buffer.length > MAX_UPLOAD_BYTES) throw new DomainError('validation', 413, '文件过大（最大10MB），请拆分后分批导入', [{ field: 'file', message: '文件过大' }]);
  checkZip(buffer);
  const workbook = new ExcelJS.Workbook();
  try {
    await workbook.xlsx.load(buffer as unknown as ArrayBuffer);
  } catch {
    throw notXlsx('文件已损坏或不是 Excel（.xlsx）文件');
  }
  return workbook;
}

const pad = (n: number, width = 2) => String(n).padStart(width, '0');

/**
 * The text of a cell exactly as a person typed it, for the contracts to validate.
 * - Text stays text (trimmed by the contracts).
 * - A number becomes the shortest decimal that reads back as the same double (ECMAScript Number::toString). Excel
 *   writes a typed number with up to 15 significant digits, so 0.1 typed in a cell is stored as 0.1, read as the
 *   double nearest 0.1 and turned back into exactly "0.1" — never 0.1000000000000000055…. A computed value such as
 *   =0.1+0.2 reads as "0.30000000000000004" and is refused by the decimal rule (more than three places) instead of
 *   being rounded silently. Exponent forms (1e-7) are refused the same way.
 * - A date cell becomes YYYY-MM-DD (exceljs reads Excel's serial days as UTC midnight).
 * - A formula gives its cached result; rich text its plain text; a hyperlink its text; true/false 是/否.
 */
export function cellText(value: ExcelJS.CellValue): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'string') return value;
  if (typeof value === 'number') return String(value);
  if (typeof value === 'boolean') return value ? '是' : '否';
  if (value instanceof Date) return `${String(value.getUTCFullYear())}-${pad(value.getUTCMonth() + 1)}-${pad(value.getUTCDate())}`;
  if ('richText' in value) return value.richText.map((r) => r.text).join('');
  if ('formula' in value || 'sharedFormula' in value) return cellText((value as { result?: ExcelJS.CellValue }).result ?? null);
  if ('hyperlink' in value) return cellText((value as { text: ExcelJS.CellValue }).text);
  if ('error' in value) return '#ERROR';
  return '';
}

/** One data row of a sheet: its number in Excel (1-based) and the cells by header. */
export interface SheetRow {
  row: number;
  cells: Record<string, string>;
}

/**
 * The rows under a header row, as text by header (unknown headers ignored; wholly blank rows skipped). The header row
 * is the first row whose cells include `firstHeader` (a template has a note row above it).
 */
export function sheetRows(sheet: ExcelJS.Worksheet, firstHeader: string, maxRows: number): { headers: string[]; rows: SheetRow[] } {
  let headerRow = 0;
  for (let r = 1; r <= Math.min(sheet.rowCount, 10) && headerRow === 0; r++) {
    sheet.getRow(r).eachCell((cell) => {
      if (cellText(cell.value).trim().replace(/^\*/, '') === firstHeader) headerRow = r;
    });
  }
  if (headerRow === 0) throw invalidField('file', `工作表“${sheet.name}”缺少表头“${firstHeader}”，请使用下载的模板`);
  const headers = new Map<number, string>();
  sheet.getRow(headerRow).eachCell((cell, col) => {
    const text = cellText(cell.value).trim().replace(/^\*/, '');
    if (text) headers.set(col, text);
  });
  const rows: SheetRow[] = [];
  for (let r = headerRow + 1; r <= sheet.rowCount; r++) {
    const cells: Record<string, string> = {};
    let blank = true;
    sheet.getRow(r).eachCell({ includeEmpty: false }, (cell, col) => {
      const header = headers.get(col);
      if (!header) return;
      const text = cellText(cell.value);
      if (text.trim() !== '') blank = false;
      cells[header] = text;
    });
    if (blank) continue;
    if (rows.length >= maxRows) throw invalidField('file', `工作表“${sheet.name}”超过${String(maxRows)}行，请拆分后分批导入`);
    rows.push({ row: r, cells });
  }
  return { headers: [...headers.values()], rows };
}

// ---------------------------------------------------------------- writing

export interface ExportColumn<T> {
  header: string;
  width: number;
  value: (item: T) => string | number | null;
  /** An Excel number format for numeric cells (e.g. '0.000' for grams). */
  numFmt?: string;
}

export interface ExportSheet<T> {
  name: string;
  title: string;
  /** Unit, period or filter and export time, under the title. */
  subtitle: string;
  columns: ExportColumn<T>[];
  items: readonly T[];
}

/**
 * A list as a worksheet: a bold title row, a subtitle row (unit, filter, export time), the header row frozen under
 * them, set column widths. Quantities are written as numbers with a format that shows every place they have.
 */
export function addListSheet<T>(workbook: ExcelJS.Workbook, sheet: ExportSheet<T>): void {
  const ws = workbook.addWorksheet(sheet.name, { views: [{ state: 'frozen', ySplit: 3 }] });
  ws.columns = sheet.columns.map((c) => ({ width: c.width }));
  const last = ws.getColumn(Math.max(1, sheet.columns.length)).letter;
  ws.mergeCells(`A1:${last}1`);
  ws.getCell('A1').value = sheet.title;
  ws.getCell('A1').font = { bold: true, size: 14 };
  ws.mergeCells(`A2:${last}2`);
  ws.getCell('A2').value = sheet.subtitle;
  const header = ws.getRow(3);
  header.values = sheet.columns.map((c) => c.header);
  header.font = { bold: true };
  header.eachCell((cell) => {
    cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFE8EEF7' } };
  });
  sheet.items.forEach((item, i) => {
    const row = ws.getRow(4 + i);
    sheet.columns.forEach((c, col) => {
      const cell = row.getCell(col + 1);
      cell.value = c.value(item);
      if (c.numFmt && typeof cell.value === 'number') cell.numFmt = c.numFmt;
    });
  });
  ws.autoFilter = { from: { row: 3, column: 1 }, to: { row: 3, column: sheet.columns.length } };
}

/** A workbook of lists, one sheet each (`build` adds them with addListSheet). */
export async function listsWorkbook(build: (workbook: ExcelJS.Workbook) => void): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = '清源禁毒工作平台';
  build(workbook);
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

/** One list as a workbook. */
export function listWorkbook<T>(sheet: ExportSheet<T>): Promise<Buffer> {
  return listsWorkbook((workbook) => { addListSheet(workbook, sheet); });
}

/** `Content-Disposition` for a Chinese file name (ASCII fallback for old clients). */
export function attachment(filename: string, fallback: string): string {
  return `attachment; filename="${fallback}"; filename*=UTF-8''${encodeURIComponent(filename)}`;
}
