import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import ExcelJS from 'exceljs';
import type { LightMyRequestResponse } from 'fastify';
import type { CaseDetail, CaseListItem, ImportJob, ImportResult, PersonListItem } from '@qingyuan/shared';
import { expectProblem } from '../../testing/expect-problem.ts';
import { fakeIdNumber } from '../../testing/given.ts';
import { startTestApp, type Agent, type TestApp } from '../../testing/test-app.ts';
import { XLSX_MIME, cellText } from '../../platform/excel/xlsx.ts';

type Cell = string | number | Date | null;

/** An .xlsx built the way a person would fill one in: a header row, then data rows from Excel row 2. */
async function xlsx(sheets: Record<string, Cell[][]>): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  for (const [name, rows] of Object.entries(sheets)) {
    const ws = workbook.addWorksheet(name);
    rows.forEach((row, i) => (ws.getRow(i + 1).values = row));
  }
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

async function open(response: LightMyRequestResponse): Promise<ExcelJS.Workbook> {
  assert.equal(response.statusCode, 200, response.body);
  assert.equal(response.headers['content-type'], XLSX_MIME);
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(response.rawPayload as unknown as ArrayBuffer);
  return workbook;
}

/** Every cell's text of a sheet (for "is this value anywhere in the file"). */
function texts(ws: ExcelJS.Worksheet): string[] {
  const out: string[] = [];
  ws.eachRow((row) => row.eachCell((cell) => out.push(cellText(cell.value))));
  return out;
}

const upload = (as: Agent, url: string, file: Buffer, contentType = XLSX_MIME) => as.request('POST', url, file, { 'content-type': contentType });

function result(response: LightMyRequestResponse): ImportResult {
  assert.equal(response.statusCode, 200, response.body);
  return response.json<ImportResult>();
}

const CASE_HEADER = ['案件编号', '案件类型', '案件等级', '督办级别', '团伙案件', '立案日期', '破案日期', '办案单位', '发案地', '简要案情'];
const SEIZURE_HEADER = ['案件编号', '毒品种类', '重量（克）', '零包数', '缴获日期', '地点'];
const PERSON_HEADER = ['姓名', '身份证号', '责任单位', '民族', '联系电话', '现居住地址'];
const MEASURE_HEADER = ['身份证号', '措施类型', '决定日期', '收到决定书日期', '决定机关', '执行单位', '期限（月）', '报到日期'];

describe('Excel import and export', () => {
  let app: TestApp;
  let office: Agent;
  let police: Agent;
  let township: Agent;
  let township2: Agent;

  const count = async (table: 'drug_case' | 'seizure' | 'person' | 'measure' | 'import_job'): Promise<number> =>
    Number((await app.platform.db.selectFrom(table).select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow()).n);
  const audits = async (action: string): Promise<number> =>
    Number((await app.platform.db.selectFrom('audit_event').select((eb) => eb.fn.countAll<string>().as('n')).where('action', '=', action).executeTakeFirstOrThrow()).n);

  before(async () => {
    app = await startTestApp();
    office = await app.login('office');
    police = await app.login('police');
    township = await app.login('township');
    township2 = await app.login('township2');
  });
  after(() => app.close());

  it('templates carry Chinese headers, an explanation sheet and the allowed values', async () => {
    const cases = await open(await police.get('/api/imports/cases/template'));
    assert.deepEqual(cases.worksheets.map((w) => w.name).sort(), ['代码表', '填写说明', '案件', '缴获'].sort());
    assert.equal(cases.getWorksheet('代码表')?.state, 'hidden');
    assert.ok(texts(cases.getWorksheet('代码表')!).includes('贩卖毒品'));
    assert.ok(texts(cases.getWorksheet('代码表')!).includes('甲基苯丙胺（冰毒）') || texts(cases.getWorksheet('代码表')!).length > 20);
    assert.ok(texts(cases.getWorksheet('案件')!).includes('*案件编号'));
    const help = texts(cases.getWorksheet('填写说明')!);
    assert.ok(help.some((t) => t.includes('最多三位小数')));
    const persons = await open(await township.get('/api/imports/persons/template'));
    assert.ok(texts(persons.getWorksheet('人员')!).includes('*身份证号'));
    assert.ok(texts(persons.getWorksheet('代码表')!).includes('社区戒毒'));
    // Permissions: a township may not import cases.
    expectProblem(await township.get('/api/imports/cases/template'), 403);
  });

  it('cases: 3 good and 2 bad rows report exactly the bad rows, write nothing for them, and a re-import is idempotent', async () => {
    const rows: Cell[][] = [
      CASE_HEADER,
      ['IMP-2024-001', '贩卖毒品', '一般', '', '否', '2024-03-01', '2024-03-20', '公安分局禁毒大队', '清源街道/河畔社区', '历史案件一'],
      ['IMP-2024-002', '运输毒品', '重大', '省督', '是', '2024/4/2', '', '公安分局禁毒大队', '青山镇', ''],
      ['IMP-2024-003', '走私武器', '一般', '', '', '2024-05-01', '', '公安分局禁毒大队', '清源街道', ''], // row 4: bad type
      ['IMP-2024-004', '非法持有毒品', '一般', '', '', '2024-06-01', '2024-05-01', '公安分局禁毒大队', '清源街道', ''], // row 5: solved before filed
      ['IMP-2024-005', 'possession', 'ordinary', '', '', new Date(Date.UTC(2024, 6, 1)), '', '公安分局禁毒大队', '白石镇/白石村', ''],
    ];
    const seizures: Cell[][] = [SEIZURE_HEADER, ['IMP-2024-001', 'heroin', 12.5, 3, '2024-03-20', '出租屋'], ['IMP-2024-002', 'heroin', '0.001', '', '2024-04-02', '']];
    const file = await xlsx({ 案件: rows, 缴获: seizures });
    const before = { cases: await count('drug_case'), seizures: await count('seizure'), created: await audits('case.created') };

    const dry = result(await upload(police, '/api/imports/cases?dryRun=true', file));
    assert.equal(dry.dryRun, true);
    assert.deepEqual({ total: dry.total, created: dry.created, skipped: dry.skipped, failed: dry.failed }, { total: 7, created: 5, skipped: 0, failed: 2 });
    assert.equal(await count('drug_case'), before.cases, 'a dry run writes no case');

    const done = result(await upload(police, '/api/imports/cases', file));
    assert.deepEqual(done.errors, [
      { sheet: '案件', row: 4, field: '案件类型', message: '案件类型不在允许范围内' },
      { sheet: '案件', row: 5, field: '破案日期', message: '破案日期不能早于立案日期' },
    ]);
    assert.deepEqual(dry.errors, done.errors, 'the dry run reports what the import refuses');
    assert.deepEqual({ created: done.created, failed: done.failed, skipped: done.skipped }, { created: 5, failed: 2, skipped: 0 });
    assert.equal(await count('drug_case'), before.cases + 3);
    assert.equal(await count('seizure'), before.seizures + 2);
    assert.equal(await audits('case.created'), before.created + 3, 'each created case audited by the cases service');
    assert.ok((await audits('import.completed')) >= 1);
    const list = (await police.get('/api/cases?q=IMP-2024&pageSize=50')).json<{ items: CaseListItem[] }>().items;
    assert.deepEqual(list.map((c) => c.caseNumber).sort(), ['IMP-2024-001', 'IMP-2024-002', 'IMP-2024-005']);
    const first = list.find((c) => c.caseNumber === 'IMP-2024-001');
    assert.equal(first?.grams, '12.500');
    assert.equal(list.find((c) => c.caseNumber === 'IMP-2024-005')?.filedAt, '2024-07-01', 'a date cell is read as its calendar day');

    const again = result(await upload(police, '/api/imports/cases', file));
    assert.deepEqual({ created: again.created, skipped: again.skipped, failed: again.failed }, { created: 0, skipped: 5, failed: 2 });
    assert.ok(again.skippedRows.every((r) => r.message.includes('已登记')));
    assert.equal(await count('drug_case'), before.cases + 3, 'a re-import writes nothing');
    assert.equal(await count('seizure'), before.seizures + 2);
  });

  it('a bad seizure holds its case back; a seizure of an unknown case is a row error', async () => {
    const file = await xlsx({
      案件: [CASE_HEADER, ['IMP-S-1', '贩卖毒品', '一般', '', '', '2025-01-05', '', '公安分局禁毒大队', '清源街道', '']],
      缴获: [SEIZURE_HEADER, ['IMP-S-1', 'heroin', '1.5', '', '2025-01-05', ''], ['IMP-S-1', 'heroin', '-2', '', '2025-01-05', ''], ['IMP-S-9', 'heroin', '1', '', '2025-01-05', '']],
    });
    const before = await count('drug_case');
    const done = result(await upload(police, '/api/imports/cases', file));
    assert.equal(done.created, 0);
    assert.deepEqual(done.errors.map((e) => [e.sheet, e.row, e.field]), [
      ['案件', 2, '案件编号'], ['缴获', 2, '案件编号'], ['缴获', 3, '重量（克）'], ['缴获', 4, '案件编号'],
    ]);
    assert.equal(await count('drug_case'), before);
  });

  it('1,000 seizure rows of 0.1 g (numeric cells) add up to exactly 100.000 g', async () => {
    const seizures: Cell[][] = [SEIZURE_HEADER];
    for (let i = 0; i < 1000; i++) seizures.push(['IMP-DEC-1', 'heroin', 0.1, 1, '2025-02-01', '']);
    const file = await xlsx({ 案件: [CASE_HEADER, ['IMP-DEC-1', '贩卖毒品', '一般', '', '', '2025-02-01', '2025-02-01', '公安分局禁毒大队', '清源街道', '']], 缴获: seizures });
    const jobId = randomUUID();
    const done = result(await upload(office, `/api/imports/cases?jobId=${jobId}`, file));
    assert.deepEqual({ created: done.created, failed: done.failed }, { created: 1001, failed: 0 });
    const id = (await office.get('/api/cases?q=IMP-DEC-1')).json<{ items: CaseListItem[] }>().items[0]?.id;
    const detail = (await office.get(`/api/cases/${String(id)}`)).json<CaseDetail>();
    assert.equal(detail.grams, '100.000');
    assert.equal(detail.seizures.length, 1000);
    // The job record the browser polls holds the final counts; another user cannot see it.
    const job = (await office.get(`/api/imports/jobs/${jobId}`)).json<ImportJob>();
    assert.deepEqual({ status: job.status, total: job.total, processed: job.processed, created: job.created }, { status: 'done', total: 1001, processed: 1001, created: 1001 });
    expectProblem(await police.get(`/api/imports/jobs/${jobId}`), 404);
    // A computed value that is not a three-place decimal is refused, never rounded.
    const computed = result(await upload(office, '/api/imports/cases?dryRun=true', await xlsx({
      案件: [CASE_HEADER, ['IMP-DEC-2', '贩卖毒品', '一般', '', '', '2025-02-01', '', '公安分局禁毒大队', '清源街道', '']],
      缴获: [SEIZURE_HEADER, ['IMP-DEC-2', 'heroin', 0.1 + 0.2, '', '2025-02-01', '']],
    })));
    assert.equal(computed.errors.find((e) => e.sheet === '缴获')?.field, '重量（克）');
  });

  it('persons and measures: bad rows reported by row and Chinese field, idempotent on the ID number, out-of-scope units look missing', async () => {
    const ids = [fakeIdNumber(901, '1985-05-05'), fakeIdNumber(902, '1986-06-06'), fakeIdNumber(903, '1987-07-07')];
    const badChecksum = `${ids[0]!.slice(0, 17)}${ids[0]!.endsWith('1') ? '2' : '1'}`;
    const persons: Cell[][] = [
      PERSON_HEADER,
      ['导入甲', ids[0]!, '清源街道/河畔社区', '汉族', '13800001111，0551-6123456', '河畔路1号'],
      ['导入乙', badChecksum, '清源街道/河畔社区', '汉族', '', ''], // row 3
      ['导入丙', ids[1]!, '清源街道', '', '', ''],
      ['导入丁', fakeIdNumber(904, '1988-08-08'), '明德街道/明德社区', '', '', ''], // row 5: another township's unit
      ['导入戊', ids[2]!, '清源街道/文昌社区', '回族', '13900002222', ''],
    ];
    const measures: Cell[][] = [
      MEASURE_HEADER,
      [ids[0]!, '社区戒毒', '2026-10-01', '2026-10-05', '清源分局', '清源街道', '', '2026-10-10'],
      [ids[1]!, '社区康复', '2026-09-01', '', '清源分局', '清源街道', 12, ''],
      [badChecksum, '社区戒毒', '2026-10-01', '', '清源分局', '清源街道', '', ''], // row 4: its person was refused
    ];
    const file = await xlsx({ 人员: persons, 管控措施: measures });
    const before = { persons: await count('person'), measures: await count('measure'), registered: await audits('person.registered') };
    const done = result(await upload(township, '/api/imports/persons', file));
    assert.deepEqual(done.errors.map((e) => [e.sheet, e.row, e.field]), [['人员', 3, '身份证号'], ['人员', 5, '责任单位'], ['管控措施', 4, '身份证号']]);
    assert.equal(done.errors[1]?.message, '单位不存在或不在您的管辖范围内');
    assert.deepEqual({ created: done.created, failed: done.failed, skipped: done.skipped }, { created: 5, failed: 3, skipped: 0 });
    assert.equal(await count('person'), before.persons + 3);
    assert.equal(await count('measure'), before.measures + 2);
    assert.equal(await audits('person.registered'), before.registered + 3);

    // Naming a unit that does not exist gives the very same answer as naming one outside the scope.
    const missing = result(await upload(township, '/api/imports/persons?dryRun=true', await xlsx({ 人员: [PERSON_HEADER, ['导入己', fakeIdNumber(905, '1989-09-09'), '无此街道/无此社区', '', '', '']] })));
    assert.deepEqual(missing.errors[0], { ...done.errors[1], row: 2 });

    const again = result(await upload(township, '/api/imports/persons', file));
    assert.deepEqual({ created: again.created, skipped: again.skipped, failed: again.failed }, { created: 0, skipped: 5, failed: 3 });
    assert.ok(again.skippedRows.some((r) => r.sheet === '人员' && r.message.includes('已登记')));
    assert.equal(await count('person'), before.persons + 3, 're-import updates nothing');
    assert.equal(await count('measure'), before.measures + 2);

    // Registered elsewhere (township2 imports the same number): the neutral message, audited as a refused registration.
    const refused = await audits('person.register_refused');
    const other = result(await upload(township2, '/api/imports/persons', await xlsx({ 人员: [PERSON_HEADER, ['导入甲', ids[0]!, '明德街道/明德社区', '', '', '']] })));
    assert.deepEqual(other.errors, [{ sheet: '人员', row: 2, field: '身份证号', message: '该身份证号已在其他单位登记' }]);
    assert.equal(await audits('person.register_refused'), refused + 1);
  });

  it('refuses what is not an .xlsx file, by its bytes, and writes nothing', async () => {
    const jobs = await count('import_job');
    expectProblem(await upload(township, '/api/imports/persons', Buffer.from('姓名,身份证号\n张三,1\n')), 400, 'file');
    const xls = Buffer.concat([Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]), Buffer.alloc(600)]);
    assert.match(expectProblem(await upload(township, '/api/imports/persons', xls), 400, 'file').title, /xlsx/);
    expectProblem(await upload(township, '/api/imports/persons', Buffer.from('PK\u0003\u0004 not really a zip')), 400, 'file');
    expectProblem(await upload(township, '/api/imports/persons', await xlsx({ 其他: [['a']] })), 400, 'file');
    expectProblem(await upload(township, '/api/imports/persons', Buffer.from('{}'), 'application/json'), 400);
    assert.equal(await count('import_job'), jobs);
  });

  it('exports are masked, in scope only, audited, with a title row and a frozen header', async () => {
    const exported = await audits('persons.exported');
    const own = await open(await township.get('/api/persons/export'));
    const ws = own.worksheets[0]!;
    assert.equal(ws.name, '吸毒人员名单');
    assert.match(cellText(ws.getCell('A1').value), /吸毒人员名单/);
    assert.match(cellText(ws.getCell('A2').value), /导出时间/);
    assert.equal(ws.getCell('B3').value, '身份证号（脱敏）');
    assert.equal(ws.views[0]?.state, 'frozen');
    const cells = texts(ws);
    const full = fakeIdNumber(901, '1985-05-05');
    assert.ok(!cells.some((t) => t.includes(full)), 'no full ID number');
    assert.ok(!cells.some((t) => /\d{17}[\dX]/.test(t) || /1\d{10}/.test(t)), 'no unmasked ID number or mobile number anywhere');
    assert.ok(cells.some((t) => t.startsWith(full.slice(0, 4)) && t.includes('*')), 'the masked ID number is there');
    assert.equal(await audits('persons.exported'), exported + 1);
    const row = await app.platform.db.selectFrom('audit_event').select(['changes']).where('action', '=', 'persons.exported').orderBy('seq', 'desc').executeTakeFirstOrThrow();
    const ownCount = (await township.get('/api/persons?pageSize=200')).json<{ total: number }>().total;
    assert.equal((JSON.parse(row.changes ?? '{}') as { rows: number }).rows, ownCount);
    assert.equal(ws.rowCount, 3 + ownCount);

    // township2 (明德街道) exports no person of 清源街道.
    const qingyuanNames = new Set((await township.get('/api/persons?pageSize=200')).json<{ items: PersonListItem[] }>().items.map((p) => p.name));
    const otherWs = (await open(await township2.get('/api/persons/export'))).worksheets[0]!;
    const units = new Set<string>();
    otherWs.eachRow((r, n) => { if (n > 3) units.add(cellText(r.getCell(6).value)); });
    const townshipUnits = (await township.get('/api/orgs')).json<{ items: { name: string }[] }>().items.map((u) => u.name);
    assert.ok(![...units].some((u) => townshipUnits.includes(u)), `township2 export shows units ${[...units].join(',')}`);
    assert.ok(!texts(otherWs).includes('导入甲'));
    assert.ok(qingyuanNames.has('导入甲'));

    // Cases (with the filter), handled drug users, figure drill-down and working lists export too, each audited.
    const caseBook = await open(await police.get('/api/cases/export?q=IMP-2024'));
    const caseWs = caseBook.worksheets[0]!;
    assert.equal(caseWs.rowCount, 3 + 3);
    assert.match(cellText(caseWs.getCell('A2').value), /编号含：IMP-2024/);
    assert.equal(caseWs.getCell('L4').numFmt, '0.000');
    await open(await police.get('/api/enforcement/sanctions/export'));
    const drill = await open(await office.get('/api/enforcement/figures/seizures.grams/records/export?year=2025'));
    assert.match(cellText(drill.worksheets[0]!.getCell('A2').value), /合计/);
    await open(await township.get('/api/supervision/worklist/export?list=notReportedIn'));
    for (const action of ['cases.exported', 'sanctions.exported', 'figure_records.exported', 'worklist.exported']) assert.ok((await audits(action)) >= 1, action);
    expectProblem(await township.get('/api/cases/export?orgUnitId=00000000-0000-4000-8000-000000000000'), 400);
  });
});
