import type ExcelJS from 'exceljs';
import {
  CASE_LEVEL_LABELS,
  CASE_TYPE_LABELS,
  CreateCase,
  CreateSeizure,
  SUPERVISION_LABELS,
  caseDatesProblem,
  type ImportRowError,
  type Substance,
} from '@qingyuan/shared';
import type { AuthedContext } from '../../platform/context.ts';
import { invalidField } from '../../platform/errors.ts';
import { sheetRows, type SheetRow } from '../../platform/excel/xlsx.ts';
import type { Platform } from '../../platform/platform.ts';
import { checkDay, enforcementScope, enforcementToday as today, handlingUnit, placeUnit, type EnforcementModule } from '../enforcement/index.ts';
import type { OrgsService } from '../orgs/index.ts';
import { check, contractErrors, rowBody, rowError, serviceErrors, type ImportSheetSpec } from './import-sheet.ts';
import type { ImportTally } from './import-tally.ts';
import * as repo from './imports.repository.ts';
import { UnitResolver } from './unit-resolver.ts';

/** 历史案件及缴获: a sheet of cases and a sheet of seizures that name their case by its number. */

export const MAX_ROWS = 10_000;
const REQUIRED = '必填项，不能为空';

export function caseSheets(substances: readonly Substance[]): { cases: ImportSheetSpec; seizures: ImportSheetSpec } {
  const yesNo = '填“是”或“否”，不填为否';
  const day = (what: string) => `${what}，格式 YYYY-MM-DD（也可 2024/3/5、2024年3月5日），不能晚于今天`;
  const unitRule = '填单位名称路径（如 清源街道/河畔社区）、唯一的单位名称或行政区划代码，须在您的管辖范围内';
  return {
    cases: {
      name: '案件',
      columns: [
        { key: 'caseNumber', header: '案件编号', kind: 'text', required: true, rule: '本单位的案件编号，最多50个字符；已登记的编号不会重复导入', width: 24, example: '清公（禁）立字〔2023〕101号' },
        { key: 'type', header: '案件类型', kind: 'code', required: true, codes: CASE_TYPE_LABELS, rule: '从列表中选择', width: 20, example: '贩卖毒品' },
        { key: 'level', header: '案件等级', kind: 'code', required: true, codes: CASE_LEVEL_LABELS, rule: '从列表中选择', example: '一般' },
        { key: 'supervision', header: '督办级别', kind: 'code', codes: SUPERVISION_LABELS, rule: '部督或省督，无督办不填' },
        { key: 'gang', header: '团伙案件', kind: 'boolean', rule: yesNo, example: '否' },
        { key: 'network', header: '网络案件', kind: 'boolean', rule: yesNo },
        { key: 'family', header: '家族式案件', kind: 'boolean', rule: yesNo },
        { key: 'filedAt', header: '立案日期', kind: 'date', required: true, rule: day('立案日期'), example: '2023-03-01' },
        { key: 'solvedAt', header: '破案日期', kind: 'date', rule: `${day('破案日期')}，不能早于立案日期` , example: '2023-04-10' },
        { key: 'prosecutedAt', header: '起诉日期', kind: 'date', rule: `${day('起诉日期')}，须已破案且不早于破案日期` },
        { key: 'handlingUnitId', header: '办案单位', kind: 'unit', required: true, rule: `公安机关（禁毒大队或派出所）。${unitRule}`, width: 24, example: '公安分局禁毒大队' },
        { key: 'orgUnitId', header: '发案地', kind: 'unit', required: true, rule: `区、乡镇（街道）、村（社区）或网格。${unitRule}`, width: 24, example: '清源街道/河畔社区' },
        { key: 'summary', header: '简要案情', kind: 'text', rule: '最多2000个字符', width: 40 },
      ],
    },
    seizures: {
      name: '缴获',
      columns: [
        { key: 'caseNumber', header: '案件编号', kind: 'text', required: true, rule: '须是“案件”工作表中的案件编号', width: 24, example: '清公（禁）立字〔2023〕101号' },
        { key: 'drug', header: '毒品种类', kind: 'code', required: true, codes: Object.fromEntries(substances.map((s) => [s.code, s.name])), rule: '从毒品目录中选择', width: 16, example: substances[0]?.name ?? '' },
        { key: 'grams', header: '重量（克）', kind: 'decimal', required: true, rule: '大于0，最多三位小数（如 12.5、0.1）；建议按文本填写，系统按填写的数字精确保存，不做四舍五入', example: '0.1' },
        { key: 'packets', header: '零包数', kind: 'integer', rule: '整数，可不填' },
        { key: 'seizedAt', header: '缴获日期', kind: 'date', required: true, rule: day('缴获日期'), example: '2023-04-10' },
        { key: 'place', header: '地点', kind: 'text', rule: '最多100个字符', width: 24 },
      ],
    },
  };
}

export const CASE_NOTES = [
  '1. “案件”工作表每行一起案件；“缴获”工作表每行一次缴获，以案件编号对应到案件。',
  '2. 逐行校验，规则与系统登记页面相同；有误的行不会写入，并在结果中列出行号、列名和原因。',
  '3. 一起案件与其缴获作为整体导入：其中任一行有误，该案件及其缴获均不导入，更正后重新导入即可。',
  '4. 已登记的案件编号不会重复导入，也不会修改已有记录（重复导入结果相同）；已登记案件的缴获请在案件页面补录。',
  '5. 重量按填写的十进制数字精确保存（不经浮点换算），最多三位小数。',
];

interface SeizurePlan {
  row: number;
  body: CreateSeizure;
}

interface CasePlan {
  row: number;
  body: CreateCase;
  seizures: SeizurePlan[];
}

/** Fills a unit column's id into the body, or reports why the cell names no usable unit. */
function resolveUnits(spec: ImportSheetSpec, row: SheetRow, body: Record<string, unknown>, units: UnitResolver): ImportRowError[] {
  const errors: ImportRowError[] = [];
  for (const column of spec.columns) {
    if (column.kind !== 'unit') continue;
    const text = (row.cells[column.header] ?? '').trim();
    if (text === '') continue;
    const found = units.resolve(text);
    if ('problem' in found) errors.push(rowError(spec, row.row, column.key, found.problem));
    else body[column.key] = found.id;
  }
  return errors;
}

/** Required cells left blank, named by column (the contract's own message would name the wrong thing). */
export function blankRequired(spec: ImportSheetSpec, row: SheetRow): ImportRowError[] {
  return spec.columns.filter((c) => c.required && (row.cells[c.header] ?? '').trim() === '').map((c) => rowError(spec, row.row, c.key, REQUIRED));
}

/** Merges errors, one per column (blank and unit problems first, then the contract's). */
export function mergeErrors(...lists: ImportRowError[][]): ImportRowError[] {
  const seen = new Set<string>();
  const out: ImportRowError[] = [];
  for (const e of lists.flat()) {
    if (seen.has(e.field)) continue;
    seen.add(e.field);
    out.push(e);
  }
  return out;
}

export async function importCases(
  platform: Platform, orgs: OrgsService, enforcement: EnforcementModule, substances: readonly Substance[],
  ctx: AuthedContext, workbook: ExcelJS.Workbook, dryRun: boolean, tally: ImportTally,
): Promise<void> {
  const specs = caseSheets(substances);
  const caseSheet = workbook.getWorksheet(specs.cases.name);
  if (!caseSheet) throw invalidField('file', '缺少工作表“案件”，请使用下载的模板');
  const seizureSheet = workbook.getWorksheet(specs.seizures.name);
  const caseRows = sheetRows(caseSheet, '案件编号', MAX_ROWS).rows;
  const seizureRows = seizureSheet ? sheetRows(seizureSheet, '案件编号', MAX_ROWS).rows : [];
  tally.total = caseRows.length + seizureRows.length;

  const db = platform.db;
  const scope = await enforcementScope(db, ctx.actor);
  const units = await UnitResolver.load(db, scope);
  const day = today(platform.clock);
  const known = new Set(substances.map((s) => s.code));

  // 1. Cases: contract, units, dates, duplicates in the file, already registered.
  const plans = new Map<string, CasePlan>();
  const failedNumbers = new Set<string>();
  const registered = new Set<string>();
  const firstRow = new Map<string, number>();
  for (const row of caseRows) {
    const spec = specs.cases;
    const body = rowBody(spec, row);
    const errors = mergeErrors(blankRequired(spec, row), resolveUnits(spec, row, body, units));
    const parsed = CreateCase.safeParse(body);
    errors.push(...mergeErrors(errors, contractErrors(spec, row.row, parsed)).slice(errors.length));
    const number = typeof body.caseNumber === 'string' ? body.caseNumber : '';
    if (parsed.success && errors.length === 0) {
      const input = parsed.data;
      for (const field of ['filedAt', 'solvedAt', 'prosecutedAt'] as const) {
        const problem = await check(() => checkDay(field, input[field], day));
        if (problem) errors.push(rowError(spec, row.row, problem.field, problem.message));
      }
      const dates = caseDatesProblem({ filedAt: input.filedAt, solvedAt: input.solvedAt ?? null, prosecutedAt: input.prosecutedAt ?? null });
      if (dates) errors.push(rowError(spec, row.row, dates.field, dates.message));
      const place = await check(() => placeUnit(orgs, db, scope, input.orgUnitId, 'orgUnitId'));
      if (place) errors.push(rowError(spec, row.row, place.field, place.message));
      const handler = await check(() => handlingUnit(orgs, db, scope, input.handlingUnitId));
      if (handler) errors.push(rowError(spec, row.row, handler.field, handler.message));
    }
    if (number !== '') {
      const earlier = firstRow.get(number);
      if (earlier !== undefined) errors.push(rowError(spec, row.row, 'caseNumber', `与第${String(earlier)}行的案件编号重复`));
      else firstRow.set(number, row.row);
    }
    const existing = errors.length === 0 && number !== '' ? await repo.caseByNumber(db, number) : null;
    if (existing) {
      if (existing.orgPath.startsWith(scope.rootPath)) {
        registered.add(number);
        tally.skip(spec.name, row.row, '该案件编号已登记，未重复导入（未作任何修改）');
        continue;
      }
      errors.push(rowError(spec, row.row, 'caseNumber', '案件编号已存在，请核对'));
    }
    if (errors.length > 0 || !parsed.success) {
      tally.fail(errors);
      if (number !== '') failedNumbers.add(number);
      continue;
    }
    plans.set(number, { row: row.row, body: parsed.data, seizures: [] });
  }

  // 2. Seizures: contract, catalogue, date, their case.
  for (const row of seizureRows) {
    const spec = specs.seizures;
    const { caseNumber, ...body } = rowBody(spec, row);
    const errors = blankRequired(spec, row);
    const parsed = CreateSeizure.safeParse(body);
    errors.push(...mergeErrors(errors, contractErrors(spec, row.row, parsed)).slice(errors.length));
    if (parsed.success) {
      if (!known.has(parsed.data.drug) && !errors.some((e) => e.field === '毒品种类')) errors.push(rowError(spec, row.row, 'drug', '毒品种类不在目录中'));
      const problem = await check(() => checkDay('seizedAt', parsed.data.seizedAt, day));
      if (problem) errors.push(rowError(spec, row.row, problem.field, problem.message));
    }
    const number = typeof caseNumber === 'string' ? caseNumber : '';
    if (number !== '' && registered.has(number)) {
      if (errors.length === 0) {
        tally.skip(spec.name, row.row, '所属案件已登记，缴获未重复导入（如需补录请在案件页面登记）');
        continue;
      }
    } else if (number !== '' && failedNumbers.has(number)) {
      errors.push(rowError(spec, row.row, 'caseNumber', '所属案件填写有误，本行未导入'));
    } else if (number !== '' && !plans.has(number)) {
      errors.push(rowError(spec, row.row, 'caseNumber', '案件编号不在“案件”工作表中'));
    }
    const plan = plans.get(number);
    if (errors.length > 0 || !parsed.success) {
      tally.fail(errors);
      // The case and its seizures go in together: a bad seizure holds its case back too.
      if (plan) {
        plans.delete(number);
        failedNumbers.add(number);
        tally.fail([rowError(specs.cases, plan.row, 'caseNumber', `“缴获”工作表第${String(row.row)}行有误，该案件及其缴获均未导入`)]);
        for (const s of plan.seizures) tally.fail([rowError(spec, s.row, 'caseNumber', '所属案件未导入（同案其他缴获行有误）')]);
      }
      continue;
    }
    plan?.seizures.push({ row: row.row, body: parsed.data });
  }
  await tally.advance(tally.skipped + tally.failed);

  // 3. Write: each case through the cases service, then its seizures (every record audited by its service).
  for (const plan of plans.values()) {
    const rows = 1 + plan.seizures.length;
    if (dryRun) {
      tally.create(rows);
      await tally.advance(rows);
      continue;
    }
    let caseId: string;
    try {
      caseId = (await enforcement.cases.create(ctx, plan.body)).id;
    } catch (error) {
      tally.fail(serviceErrors(specs.cases, plan.row, error));
      for (const s of plan.seizures) tally.fail([rowError(specs.seizures, s.row, 'caseNumber', '所属案件未导入')]);
      await tally.advance(rows);
      continue;
    }
    tally.create();
    for (const s of plan.seizures) {
      try {
        await enforcement.records.addSeizure(ctx, caseId, s.body);
        tally.create();
      } catch (error) {
        tally.fail(serviceErrors(specs.seizures, s.row, error));
      }
    }
    await tally.advance(rows);
  }
}
