import ExcelJS from 'exceljs';
import type { z } from 'zod';
import { FIELD_LABELS, codeCell, dateCell, integerCell, listCell, yesNoCell, type ImportRowError } from '@qingyuan/shared';
import { DomainError } from '../../platform/errors.ts';
import type { SheetRow } from '../../platform/excel/xlsx.ts';

/**
 * The shared import framework: a sheet is a list of columns, each bound to one field of the API's request body. The
 * template, the explanation sheet and the row validation are all derived from that list, so they cannot drift apart.
 */

export type CellKind = 'text' | 'date' | 'decimal' | 'integer' | 'boolean' | 'list' | 'code' | 'unit';

export interface ImportColumn {
  /** The request body field this column fills (errors on that field are reported under this column). */
  key: string;
  header: string;
  kind: CellKind;
  required?: boolean;
  /** The rule shown in the explanation sheet. */
  rule: string;
  /** Allowed values (code → Chinese label) for a `code` column; listed in the explanation sheet and as a drop-down. */
  codes?: Readonly<Record<string, string>>;
  width?: number;
  example?: string;
}

export interface ImportSheetSpec {
  name: string;
  columns: ImportColumn[];
}

/** The cell text of one column, converted to what the request body expects (unconvertible text passed through). */
export function cellValue(column: ImportColumn, text: string | undefined): unknown {
  const t = (text ?? '').trim();
  if (t === '') return undefined;
  switch (column.kind) {
    case 'date':
      return dateCell(t);
    case 'integer':
      return integerCell(t);
    case 'boolean':
      return yesNoCell(t);
    case 'list':
      return listCell(t);
    case 'code':
      return codeCell(t, column.codes ?? {});
    case 'text':
    case 'decimal':
    case 'unit':
      return t;
  }
}

/** The request body of a row (unit columns are left out: they are resolved to ids by the caller). */
export function rowBody(spec: ImportSheetSpec, row: SheetRow): Record<string, unknown> {
  const body: Record<string, unknown> = {};
  for (const column of spec.columns) {
    if (column.kind === 'unit') continue;
    const value = cellValue(column, row.cells[column.header]);
    if (value !== undefined) body[column.key] = value;
  }
  return body;
}

function headerOf(spec: ImportSheetSpec, field: string): string {
  const key = field.split('.')[0] ?? field;
  return spec.columns.find((c) => c.key === key)?.header ?? FIELD_LABELS[key] ?? key;
}

/** A row error naming the column by its Chinese header. */
export function rowError(spec: ImportSheetSpec, row: number, field: string, message: string): ImportRowError {
  return { sheet: spec.name, row, field: headerOf(spec, field), message };
}

/** The contract's issues for a row, one per field (the first message of each), as row errors. */
export function contractErrors(spec: ImportSheetSpec, row: number, result: z.ZodSafeParseResult<unknown>): ImportRowError[] {
  if (result.success) return [];
  const seen = new Set<string>();
  const errors: ImportRowError[] = [];
  for (const issue of result.error.issues) {
    const field = issue.path.map(String).join('.') || spec.columns[0]?.key || '';
    const key = field.split('.')[0] ?? field;
    if (seen.has(key)) continue;
    seen.add(key);
    errors.push(rowError(spec, row, field, issue.message));
  }
  return errors;
}

/** A refusal by a service (DomainError with field errors), or an unexpected failure, as row errors. */
export function serviceErrors(spec: ImportSheetSpec, row: number, error: unknown, fieldMap: Record<string, string> = {}): ImportRowError[] {
  if (error instanceof DomainError) {
    const fields = error.errors && error.errors.length > 0 ? error.errors : [{ field: spec.columns[0]?.key ?? '', message: error.title }];
    return fields.map((f) => rowError(spec, row, fieldMap[f.field] ?? f.field, f.message));
  }
  throw error;
}

/** The first error of a thrown DomainError-producing check, or null when it passes. */
export async function check(work: () => unknown): Promise<{ field: string; message: string } | null> {
  try {
    await work();
    return null;
  } catch (error) {
    if (error instanceof DomainError) {
      const first = error.errors?.[0];
      return { field: first?.field ?? '', message: first?.message ?? error.title };
    }
    throw error;
  }
}

// ---------------------------------------------------------------- template

const TEMPLATE_ROWS = 1000;

/**
 * The downloadable template: one sheet per spec (a note row, the header row with required columns marked *, an example
 * row to delete, drop-downs on code columns), a 填写说明 sheet listing every column's rule and allowed values, and a
 * hidden 代码表 sheet the drop-downs read from.
 */
export async function templateWorkbook(title: string, specs: ImportSheetSpec[], extraNotes: string[]): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = '清源禁毒工作平台';
  const lists = workbook.addWorksheet('代码表', { state: 'hidden' });
  let listColumn = 0;
  const listRef = new Map<ImportColumn, string>();
  for (const spec of specs) {
    for (const column of spec.columns) {
      if (!column.codes || listRef.has(column)) continue;
      listColumn++;
      const labels = Object.values(column.codes);
      const col = lists.getColumn(listColumn);
      col.header = column.header;
      labels.forEach((label, i) => (lists.getCell(i + 2, listColumn).value = label));
      listRef.set(column, `'代码表'!$${col.letter}$2:$${col.letter}$${String(labels.length + 1)}`);
    }
  }

  for (const spec of specs) {
    const ws = workbook.addWorksheet(spec.name, { views: [{ state: 'frozen', ySplit: 2 }] });
    ws.columns = spec.columns.map((c) => ({ width: c.width ?? Math.max(12, c.header.length * 2 + 4) }));
    const last = ws.getColumn(spec.columns.length).letter;
    ws.mergeCells(`A1:${last}1`);
    ws.getCell('A1').value = `${title}：带 * 的列必填；第3行为示例，导入前请删除；各列要求见“填写说明”工作表。`;
    ws.getCell('A1').font = { color: { argb: 'FF8C8C8C' } };
    const header = ws.getRow(2);
    header.values = spec.columns.map((c) => (c.required ? `*${c.header}` : c.header));
    header.font = { bold: true };
    header.eachCell((cell) => (cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFE8EEF7' } }));
    const example = ws.getRow(3);
    example.values = spec.columns.map((c) => c.example ?? '');
    example.font = { italic: true, color: { argb: 'FF8C8C8C' } };
    spec.columns.forEach((column, i) => {
      const letter = ws.getColumn(i + 1).letter;
      const range = `${letter}3:${letter}${String(TEMPLATE_ROWS + 2)}`;
      // Text format keeps what is typed exactly as typed (ID numbers, grams, leading zeros).
      if (column.kind !== 'date' && column.kind !== 'integer') ws.getColumn(i + 1).numFmt = '@';
      const ref = listRef.get(column);
      if (ref) {
        (ws as unknown as { dataValidations: { add(range: string, v: ExcelJS.DataValidation): void } }).dataValidations.add(range, {
          type: 'list', allowBlank: !column.required, formulae: [ref], showErrorMessage: true, errorTitle: column.header, error: `请从列表中选择${column.header}`,
        });
      }
    });
  }

  const help = workbook.addWorksheet('填写说明');
  help.columns = [{ width: 14 }, { width: 22 }, { width: 8 }, { width: 60 }, { width: 60 }];
  help.getCell('A1').value = `${title}——填写说明`;
  help.getCell('A1').font = { bold: true, size: 14 };
  let r = 2;
  for (const note of extraNotes) help.getCell(r++, 1).value = note;
  r++;
  help.getRow(r).values = ['工作表', '列', '必填', '要求', '可选值'];
  help.getRow(r).font = { bold: true };
  for (const spec of specs) {
    for (const column of spec.columns) {
      r++;
      help.getRow(r).values = [spec.name, column.header, column.required ? '是' : '否', column.rule, column.codes ? Object.values(column.codes).join('、') : ''];
      help.getRow(r).alignment = { wrapText: true, vertical: 'top' };
    }
  }
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
