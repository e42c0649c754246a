import type ExcelJS from 'exceljs';
import {
  CreateMeasure,
  CreatePerson,
  ETHNICITIES,
  MEASURE_KIND_LABELS,
  ReportIn,
  idNumberProblem,
  normalizeIdNumber,
  personUnitProblem,
  type ImportRowError,
} from '@qingyuan/shared';
import { scopeOf } from '../../platform/access/scope.ts';
import { chinaDate } from '../../platform/clock.ts';
import type { AuthedContext } from '../../platform/context.ts';
import { invalidField } from '../../platform/errors.ts';
import { sheetRows, type SheetRow } from '../../platform/excel/xlsx.ts';
import type { Platform } from '../../platform/platform.ts';
import type { PersonsService } from '../persons/index.ts';
import type { SupervisionService } from '../supervision/index.ts';
import { blankRequired, MAX_ROWS, mergeErrors } from './case-import.ts';
import { contractErrors, rowBody, rowError, serviceErrors, type ImportSheetSpec } from './import-sheet.ts';
import type { ImportTally } from './import-tally.ts';
import * as repo from './imports.repository.ts';
import { UnitResolver } from './unit-resolver.ts';

/** 吸毒人员及管控措施: a sheet of persons and a sheet of measures keyed by the person's ID number. */

const unitRule = '填单位名称路径（如 清源街道/河畔社区）、唯一的单位名称或行政区划代码，须在您的管辖范围内';
const day = (what: string) => `${what}，格式 YYYY-MM-DD（也可 2024/3/5、2024年3月5日），不能晚于今天`;

export const PERSON_SHEET: ImportSheetSpec = {
  name: '人员',
  columns: [
    { key: 'name', header: '姓名', kind: 'text', required: true, rule: '最多50个字符', example: '张某某' },
    { key: 'idNumber', header: '身份证号', kind: 'text', required: true, rule: '18位公民身份号码（校验位、出生日期须正确）；请按文本填写；已登记的号码不会重复导入', width: 22, example: '340188199001010011' },
    { key: 'orgUnitId', header: '责任单位', kind: 'unit', required: true, rule: `乡镇（街道）、村（社区）或网格。${unitRule}`, width: 24, example: '清源街道/河畔社区' },
    { key: 'ethnicity', header: '民族', kind: 'code', codes: Object.fromEntries(ETHNICITIES.map((e) => [e, e])), rule: '从列表中选择', example: '汉族' },
    { key: 'phones', header: '联系电话', kind: 'list', rule: '手机号11位或带区号的固定电话；多个用逗号或顿号分隔，最多5个', width: 20 },
    { key: 'registeredAddress', header: '户籍地址', kind: 'text', rule: '最多200个字符', width: 30 },
    { key: 'registeredOrgUnitId', header: '户籍地单位', kind: 'unit', rule: unitRule, width: 20 },
    { key: 'residence', header: '现居住地址', kind: 'text', rule: '最多200个字符', width: 30 },
    { key: 'residenceOrgUnitId', header: '现居住地单位', kind: 'unit', rule: unitRule, width: 20 },
    { key: 'employment', header: '就业情况', kind: 'text', rule: '最多100个字符' },
    { key: 'notes', header: '备注', kind: 'text', rule: '最多1000个字符', width: 30 },
  ],
};

export const MEASURE_SHEET: ImportSheetSpec = {
  name: '管控措施',
  columns: [
    { key: 'idNumber', header: '身份证号', kind: 'text', required: true, rule: '须是“人员”工作表中或已登记在您管辖范围内的人员', width: 22, example: '340188199001010011' },
    { key: 'kind', header: '措施类型', kind: 'code', required: true, codes: MEASURE_KIND_LABELS, rule: '从列表中选择；同一人同类措施同一决定日期不会重复导入', width: 16, example: '社区戒毒' },
    { key: 'decisionDate', header: '决定日期', kind: 'date', required: true, rule: day('决定日期'), example: '2025-06-01' },
    { key: 'decisionReceivedDate', header: '收到决定书日期', kind: 'date', rule: `${day('收到决定书日期')}；用于计算15日报到期限` },
    { key: 'decidingAgency', header: '决定机关', kind: 'text', required: true, rule: '最多100个字符', width: 24, example: '清源市公安局清源分局' },
    { key: 'executingOrgUnitId', header: '执行单位', kind: 'unit', required: true, rule: unitRule, width: 24, example: '清源街道' },
    { key: 'termMonths', header: '期限（月）', kind: 'integer', rule: '仅社区康复填写，1至36的整数' },
    { key: 'reportedOn', header: '报到日期', kind: 'date', rule: `${day('报到日期')}；填写则同时登记报到（视为已签订协议）` },
  ],
};

export const PERSON_NOTES = [
  '1. “人员”工作表每行一名人员；“管控措施”工作表每行一项措施，以身份证号对应到人员。',
  '2. 逐行校验，规则与系统登记页面相同；有误的行不会写入，并在结果中列出行号、列名和原因。',
  '3. 身份证号已登记的人员不会重复导入，也不会修改已有记录（重复导入结果相同）。',
  '4. 性别、出生日期由身份证号自动得出，无需填写。单位只能填写您管辖范围内的单位。',
  '5. 导出的名单中身份证号、电话均为脱敏显示；查看完整信息请在人员页面按规定填写原因查看。',
];

interface PersonPlan {
  row: number;
  body: CreatePerson;
  personId: string | null;
}

function resolveUnits(spec: ImportSheetSpec, row: SheetRow, body: Record<string, unknown>, units: UnitResolver): ImportRowError[] {
  const errors: ImportRowError[] = [];
  for (const column of spec.columns) {
    if (column.kind !== 'unit') continue;
    const text = (row.cells[column.header] ?? '').trim();
    if (text === '') continue;
    const found = units.resolve(text);
    if ('problem' in found) {
      errors.push(rowError(spec, row.row, column.key, found.problem));
      continue;
    }
    if (column.key === 'orgUnitId') {
      const problem = !found.active ? '所选单位已停用' : personUnitProblem(found.kind);
      if (problem) errors.push(rowError(spec, row.row, column.key, problem));
    }
    body[column.key] = found.id;
  }
  return errors;
}

export async function importPersons(
  platform: Platform, persons: PersonsService, supervision: SupervisionService,
  ctx: AuthedContext, workbook: ExcelJS.Workbook, dryRun: boolean, tally: ImportTally,
): Promise<void> {
  const personSheet = workbook.getWorksheet(PERSON_SHEET.name);
  if (!personSheet) throw invalidField('file', '缺少工作表“人员”，请使用下载的模板');
  const measureSheet = workbook.getWorksheet(MEASURE_SHEET.name);
  const personRows = sheetRows(personSheet, '姓名', MAX_ROWS).rows;
  const measureRows = measureSheet ? sheetRows(measureSheet, '身份证号', MAX_ROWS).rows : [];
  tally.total = personRows.length + measureRows.length;

  const db = platform.db;
  const scope = scopeOf(ctx.actor);
  const units = await UnitResolver.load(db, scope);
  const today = chinaDate(platform.clock.now());

  // 1. Persons: contract, ID number rules, units, duplicates in the file, already registered (blind index).
  const plans = new Map<string, PersonPlan>();
  const failedIds = new Set<string>();
  const firstRow = new Map<string, number>();
  for (const row of personRows) {
    const spec = PERSON_SHEET;
    const body = rowBody(spec, row);
    const errors = mergeErrors(blankRequired(spec, row), resolveUnits(spec, row, body, units));
    const parsed = CreatePerson.safeParse(body);
    errors.push(...mergeErrors(errors, contractErrors(spec, row.row, parsed)).slice(errors.length));
    const raw = typeof body.idNumber === 'string' ? body.idNumber : '';
    const idNumber = normalizeIdNumber(raw);
    if (raw !== '' && !errors.some((e) => e.field === '身份证号')) {
      const problem = idNumberProblem(raw, today);
      if (problem) errors.push(rowError(spec, row.row, 'idNumber', problem));
    }
    if (errors.length === 0 && idNumber !== '') {
      const earlier = firstRow.get(idNumber);
      if (earlier !== undefined) errors.push(rowError(spec, row.row, 'idNumber', `与第${String(earlier)}行的身份证号重复`));
      else firstRow.set(idNumber, row.row);
    }
    if (errors.length === 0) {
      const existing = await repo.personByHash(db, persons.codec.idHash(idNumber));
      if (existing && existing.orgPath.startsWith(scope.rootPath)) {
        plans.set(idNumber, { row: row.row, body: parsed.data as CreatePerson, personId: existing.id });
        tally.skip(spec.name, row.row, '该身份证号已登记，未重复导入（未作任何修改）');
        continue;
      }
      if (existing) {
        // The same neutral answer as the API, and audited like it: probing numbers is how one would learn who is registered.
        await platform.audit.appendAlone(db, ctx, {
          action: 'person.register_refused', success: false, entityType: 'person', entityId: existing.id,
          changes: { idNumber: 'duplicate', inScope: false, via: 'import' },
        });
        errors.push(rowError(spec, row.row, 'idNumber', '该身份证号已在其他单位登记'));
      }
    }
    if (errors.length > 0 || !parsed.success) {
      tally.fail(errors);
      if (idNumber !== '') failedIds.add(idNumber);
      continue;
    }
    plans.set(idNumber, { row: row.row, body: parsed.data, personId: null });
  }

  // 2. Measures: contract, their person, already on record.
  const measures: { row: number; idNumber: string; body: CreateMeasure; reportedOn: string | null }[] = [];
  const mayOrder = ctx.actor.permissions.has('supervision.write');
  for (const row of measureRows) {
    const spec = MEASURE_SHEET;
    const { idNumber: rawId, reportedOn, ...body } = rowBody(spec, row);
    const errors = mergeErrors(blankRequired(spec, row), resolveUnits(spec, row, body, units));
    const parsed = CreateMeasure.safeParse(body);
    errors.push(...mergeErrors(errors, contractErrors(spec, row.row, parsed)).slice(errors.length));
    const report = reportedOn === undefined ? null : ReportIn.safeParse({ reportedOn, agreementSigned: true });
    if (report && !report.success) errors.push(...contractErrors(spec, row.row, report));
    if (!mayOrder) errors.push(rowError(spec, row.row, 'kind', '您无权登记管控措施'));
    if (parsed.success) {
      const m = parsed.data;
      for (const [field, value] of [['decisionDate', m.decisionDate], ['decisionReceivedDate', m.decisionReceivedDate], ['reportedOn', report?.data?.reportedOn]] as const) {
        if (value && value > today) errors.push(rowError(spec, row.row, field, '日期不能晚于今天'));
      }
      if (m.kind === 'communityRehab' && m.termMonths === undefined) errors.push(rowError(spec, row.row, 'termMonths', '社区康复须填写期限（1至36个月）'));
      if (m.kind !== 'communityRehab' && m.termMonths !== undefined) errors.push(rowError(spec, row.row, 'termMonths', '仅社区康复需填写期限'));
    }
    const idNumber = typeof rawId === 'string' ? normalizeIdNumber(rawId) : '';
    const plan = plans.get(idNumber);
    if (idNumber !== '' && failedIds.has(idNumber)) errors.push(rowError(spec, row.row, 'idNumber', '该人员信息有误，本行未导入'));
    else if (idNumber !== '' && !plan) {
      const existing = errors.length === 0 ? await repo.personByHash(db, persons.codec.idHash(idNumber)) : null;
      if (existing && existing.orgPath.startsWith(scope.rootPath)) plans.set(idNumber, { row: 0, body: {} as CreatePerson, personId: existing.id });
      else if (errors.length === 0) errors.push(rowError(spec, row.row, 'idNumber', '该身份证号不在“人员”工作表中，也未在您的管辖范围内登记'));
    }
    if (errors.length > 0 || !parsed.success) {
      tally.fail(mergeErrors(errors));
      continue;
    }
    const personId = plans.get(idNumber)?.personId ?? null;
    if (personId && (await repo.measureExists(db, personId, parsed.data.kind, parsed.data.decisionDate))) {
      tally.skip(spec.name, row.row, '该人员同类措施（同一决定日期）已登记，未重复导入');
      continue;
    }
    measures.push({ row: row.row, idNumber, body: parsed.data, reportedOn: report?.data?.reportedOn ?? null });
  }
  await tally.advance(tally.skipped + tally.failed);

  // 3. Write: each person through the persons service, each measure (and its report-in) through supervision.
  for (const plan of plans.values()) {
    if (plan.personId !== null || plan.row === 0) continue;
    if (dryRun) {
      tally.create();
      await tally.advance(1);
      continue;
    }
    try {
      plan.personId = (await persons.register(ctx, plan.body)).id;
      tally.create();
    } catch (error) {
      tally.fail(serviceErrors(PERSON_SHEET, plan.row, error));
    }
    await tally.advance(1);
  }
  for (const m of measures) {
    const plan = plans.get(m.idNumber);
    if (dryRun) {
      tally.create();
      await tally.advance(1);
      continue;
    }
    if (!plan?.personId) {
      tally.fail([rowError(MEASURE_SHEET, m.row, 'idNumber', '该人员未导入，本行未导入')]);
      await tally.advance(1);
      continue;
    }
    try {
      const measureId = (await supervision.orderMeasure(ctx, plan.personId, m.body)).id;
      tally.create();
      if (m.reportedOn) {
        try {
          await supervision.reportIn(ctx, measureId, { reportedOn: m.reportedOn, agreementSigned: true });
        } catch (error) {
          const [first] = serviceErrors(MEASURE_SHEET, m.row, error);
          // The measure is on record; only its report-in is not: said as a note, so the row is not counted twice.
          tally.skippedRows.push({ sheet: MEASURE_SHEET.name, row: m.row, message: `措施已登记，但报到未登记：${first?.message ?? ''}，请在人员页面补登报到` });
        }
      }
    } catch (error) {
      tally.fail(serviceErrors(MEASURE_SHEET, m.row, error));
    }
    await tally.advance(1);
  }
}
