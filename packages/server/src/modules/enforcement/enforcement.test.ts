import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import ExcelJS from 'exceljs';
import type { LightMyRequestResponse } from 'fastify';
import type { CaseDetail, CaseListItem, SuspectDto } from '@qingyuan/shared';
import { fakeIdNumber, given } from '../../testing/given.ts';
import { startTestApp, type Agent, type TestApp } from '../../testing/test-app.ts';
import { createdId, enforcementGiven, expectProblem, shape } from '../../testing/enforcement-given.ts';

type CaseList = { items: CaseListItem[]; total: number };

describe('enforcement records: cases, suspects, seizures, assets', () => {
  let app: TestApp;
  let police: Agent;
  let office: Agent;
  let g: ReturnType<typeof enforcementGiven>;

  before(async () => {
    app = await startTestApp();
    police = await app.login('police');
    office = await app.login('office');
    g = enforcementGiven(app);
  });
  after(() => app.close());

  it('police record a case in a village of their area (201 {id}); the register and the case page show it', async () => {
    const brigade = await g.unit('公安分局禁毒大队');
    const village = await g.unit('河畔社区');
    const response = await police.post('/api/cases', {
      caseNumber: 'A3401992026110001',
      type: 'trafficking',
      level: 'major',
      supervision: 'province',
      gang: true,
      filedAt: '2026-10-08',
      solvedAt: '2026-10-20',
      handlingUnitId: brigade.id,
      orgUnitId: village.id,
      summary: '河畔社区出租屋贩毒案',
    });
    const id = createdId(response);
    assert.deepEqual(Object.keys(response.json<object>()), ['id']);

    const list = (await police.get('/api/cases?q=2026110001')).json<CaseList>();
    assert.equal(list.total, 1);
    assert.deepEqual(
      { ...list.items[0], id: undefined },
      {
        id: undefined, caseNumber: 'A3401992026110001', type: 'trafficking', level: 'major', supervision: 'province', status: 'solved',
        filedAt: '2026-10-08', solvedAt: '2026-10-20', prosecutedAt: null, orgUnit: { id: village.id, name: '河畔社区' },
        handlingUnit: { id: brigade.id, name: '公安分局禁毒大队' }, suspectCount: 0, grams: '0.000',
      },
    );
    const detail = await g.detail(police, id);
    assert.equal(detail.gang, true);
    assert.equal(detail.summary, '河畔社区出租屋贩毒案');
    assert.equal(detail.version, 1);
    assert.deepEqual(detail.timeline.map((t) => t.kind), ['filed', 'solved']);

    const audit = await app.platform.db.selectFrom('audit_event').select(['action', 'actor_username', 'changes']).where('entity_id', '=', id).orderBy('seq').execute();
    assert.deepEqual(audit.map((a) => a.action), ['case.created', 'case.viewed']);
    assert.equal(audit[0]?.actor_username, 'police');
    assert.ok(!audit[0]?.changes?.includes('出租屋'), 'the summary is recorded as changed, not its text');
  });

  it('filters the register by number, type, level, status, unit and year (filters are query parameters)', async () => {
    await g.case(police, '白石村', { type: 'possession', level: 'ordinary', filedAt: '2025-05-05' });
    await g.case(police, '白石村', { type: 'transport', level: 'extraordinary', filedAt: '2026-02-02', solvedAt: '2026-02-10', prosecutedAt: '2026-04-01' });
    const baishi = await g.unit('白石镇');
    const under = (await police.get(`/api/cases?orgUnitId=${baishi.id}&pageSize=200`)).json<CaseList>();
    assert.equal(under.total, 2);
    assert.equal((await police.get(`/api/cases?orgUnitId=${baishi.id}&year=2025`)).json<CaseList>().total, 1);
    assert.equal((await police.get(`/api/cases?orgUnitId=${baishi.id}&type=transport`)).json<CaseList>().items[0]?.status, 'prosecuted');
    assert.equal((await police.get(`/api/cases?orgUnitId=${baishi.id}&level=extraordinary`)).json<CaseList>().total, 1);
    assert.equal((await police.get(`/api/cases?orgUnitId=${baishi.id}&status=filed`)).json<CaseList>().total, 1);
    expectProblem(await police.get('/api/cases?type=nonsense'), 400, 'type');
    expectProblem(await police.get(`/api/cases?orgUnitId=${randomUUID()}`), 400, 'orgUnitId');
  });

  it('records two suspects (one registered as a drug user: linked), masked, with an audited reveal that needs a reason', async () => {
    const caseId = await g.case(police, '文昌社区', { filedAt: '2026-09-01' });
    const registered = await given(app).person(office, '文昌社区', { name: '登记人员甲' });
    const first = createdId(await police.post(`/api/cases/${caseId}/suspects`, { name: '张某', idNumber: registered.idNumber, role: 'principal', caughtAt: '2026-09-02', criminalDetentionAt: '2026-09-03' }));
    const otherNumber = fakeIdNumber(901, '1985-05-05');
    const second = createdId(await police.post(`/api/cases/${caseId}/suspects`, { name: '李某', idNumber: otherNumber, role: 'accomplice', wantedLevel: 'B' }));
    const detail = await g.detail(police, caseId);
    const a = detail.suspects.find((s) => s.id === first);
    const b = detail.suspects.find((s) => s.id === second);
    assert.equal(a?.personId, registered.id, 'linked to the registered person by the blind index');
    assert.equal(b?.personId, null);
    assert.equal(b?.wantedLevel, 'B');
    for (const s of detail.suspects) assert.match(s.idNumberMasked ?? '', /^\d{4}\*{10}\d{3}[\dX]$/);
    assert.ok(!JSON.stringify(detail).includes(otherNumber) && !JSON.stringify(detail).includes(registered.idNumber));
    assert.equal(detail.suspectCount, 2);

    expectProblem(await police.post(`/api/cases/${caseId}/suspects/${second}/reveal`, { reason: '短' }), 400, 'reason');
    const reveal = await police.post(`/api/cases/${caseId}/suspects/${second}/reveal`, { reason: '核对逃犯身份信息' });
    assert.equal(reveal.statusCode, 200, reveal.body);
    assert.deepEqual(reveal.json(), { idNumber: otherNumber });
    const rows = await app.platform.db.selectFrom('audit_event').select(['reason', 'changes']).where('action', '=', 'case.suspect_revealed').execute();
    assert.equal(rows.length, 1);
    assert.equal(rows[0]?.reason, '核对逃犯身份信息');
    const searches = await app.platform.db.selectFrom('audit_event').select('entity_id').where('action', '=', 'person.searched').where('actor_username', '=', 'police').execute();
    assert.equal(searches.length, 2, 'looking up the register is a search of it, audited by the persons module');
    // The audit never holds the numbers themselves.
    const text = (await app.platform.db.selectFrom('audit_event').select('changes').execute()).map((r) => r.changes ?? '').join('\n');
    assert.ok(!text.includes(otherNumber) && !text.includes('张某'));
  });

  it('records measures as they happen with row versions: 412 on a stale version, 400 on measures out of order', async () => {
    const caseId = await g.case(police, '新华社区', { filedAt: '2026-08-01' });
    const suspectId = createdId(await police.post(`/api/cases/${caseId}/suspects`, { name: '王某', role: 'principal', wantedLevel: 'A' }));
    const edit = (version: number, body: unknown) => police.request('PATCH', `/api/cases/${caseId}/suspects/${suspectId}`, body, { 'if-match': `"${String(version)}"` });
    const caught = await edit(1, { caughtAt: '2026-11-01', criminalDetentionAt: '2026-11-02' });
    assert.equal(caught.statusCode, 200, caught.body);
    assert.equal(caught.json<SuspectDto>().version, 2);
    expectProblem(await edit(1, { arrestedAt: '2026-11-20' }), 412);
    expectProblem(await edit(2, { arrestedAt: '2026-11-01' }), 400, 'arrestedAt');
    expectProblem(await edit(2, { arrestedAt: '2026-12-01' }), 400, 'arrestedAt');
    expectProblem(await police.request('PATCH', `/api/cases/${caseId}/suspects/${suspectId}`, { arrestedAt: '2026-11-20' }), 428);
    assert.equal((await edit(2, { arrestedAt: '2026-11-20' })).statusCode, 200);
    const timeline = (await g.detail(police, caseId)).timeline.map((t) => t.text);
    assert.deepEqual(timeline, ['立案', '抓获逃犯 王某（主犯）', '刑事拘留 王某（主犯）', '逮捕 王某（主犯）']);
  });

  it('records seizures (grams as exact decimal text), precursor chemicals and drug assets in integer fen', async () => {
    const caseId = await g.case(police, '东门社区', { filedAt: '2026-06-01' });
    createdId(await police.post(`/api/cases/${caseId}/seizures`, { drug: 'methamphetamine', grams: '12.345', seizedAt: '2026-06-01', packets: 30, place: '东门菜市场' }));
    createdId(await police.post(`/api/cases/${caseId}/seizures`, { drug: 'heroin', grams: '0.1', seizedAt: '2026-06-02' }));
    createdId(await police.post(`/api/cases/${caseId}/precursor-seizures`, { chemical: '麻黄碱', kilograms: '2.5', seizedAt: '2026-06-03' }));
    createdId(await police.post(`/api/cases/${caseId}/assets`, { kind: 'frozen', amount: '123456.78', description: '银行账户', recordedAt: '2026-06-04' }));
    const detail = await g.detail(police, caseId);
    assert.deepEqual(detail.seizures.map((s) => [s.drug, s.drugName, s.grams, s.packets]), [['methamphetamine', '甲基苯丙胺（冰毒）', '12.345', 30], ['heroin', '海洛因', '0.100', null]]);
    assert.equal(detail.grams, '12.445');
    assert.equal(detail.precursorSeizures[0]?.kilograms, '2.500');
    assert.equal(detail.assets[0]?.amount, '123456.78');
    const stored = await app.platform.db.selectFrom('drug_asset').select('amount_fen').where('case_id', '=', caseId).executeTakeFirstOrThrow();
    assert.equal(stored.amount_fen, '12345678');
    assert.deepEqual(detail.timeline.map((t) => t.kind), ['filed', 'seizure', 'seizure', 'precursorSeizure', 'asset']);
  });

  it('refuses bad input with 400 naming the field and writes nothing', async () => {
    const caseId = await g.case(police, '书院社区', { filedAt: '2026-05-01' });
    const counts = async () => Promise.all((['drug_case', 'suspect', 'seizure', 'precursor_seizure', 'drug_asset', 'audit_event'] as const).map((t) => g.rowCount(t)));
    const before = await counts();
    const base = { caseNumber: 'B-2026-0001', type: 'possession', level: 'ordinary', filedAt: '2026-05-01', handlingUnitId: (await g.unit('公安分局禁毒大队')).id, orgUnitId: (await g.unit('书院社区')).id };
    const cases: [unknown, string][] = [
      [{ ...base, solvedAt: '2026-04-30' }, 'solvedAt'],
      [{ ...base, prosecutedAt: '2026-06-01' }, 'prosecutedAt'],
      [{ ...base, solvedAt: '2026-05-02', prosecutedAt: '2026-05-01' }, 'prosecutedAt'],
      [{ ...base, filedAt: '2026-11-24' }, 'filedAt'],
      [{ ...base, filedAt: '2025-02-29' }, 'filedAt'],
      [{ ...base, level: '重大' }, 'level'],
      [{ ...base, type: 'unknown' }, 'type'],
      [{ ...base, orgUnitId: randomUUID() }, 'orgUnitId'],
      [{ ...base, orgUnitId: (await g.unit('区教育局')).id }, 'orgUnitId'],
      [{ ...base, handlingUnitId: (await g.unit('清源街道')).id }, 'handlingUnitId'],
      [{ ...base, caseNumber: 'A\u0000B' }, 'caseNumber'],
    ];
    for (const [body, field] of cases) expectProblem(await police.post('/api/cases', body), 400, field);
    const seizures: [unknown, string][] = [
      [{ drug: 'heroin', grams: '-1', seizedAt: '2026-05-01' }, 'grams'],
      [{ drug: 'heroin', grams: '0', seizedAt: '2026-05-01' }, 'grams'],
      [{ drug: 'heroin', grams: 0.1, seizedAt: '2026-05-01' }, 'grams'],
      [{ drug: 'heroin', grams: '1.0001', seizedAt: '2026-05-01' }, 'grams'],
      [{ drug: 'heroin', grams: '1e3', seizedAt: '2026-05-01' }, 'grams'],
      [{ drug: 'unicorn', grams: '1', seizedAt: '2026-05-01' }, 'drug'],
      [{ drug: 'heroin', grams: '1', seizedAt: '2026-05-01', packets: -2 }, 'packets'],
      [{ drug: 'heroin', grams: '1', seizedAt: '2027-01-01' }, 'seizedAt'],
    ];
    for (const [body, field] of seizures) expectProblem(await police.post(`/api/cases/${caseId}/seizures`, body), 400, field);
    expectProblem(await police.post(`/api/cases/${caseId}/suspects`, { name: '某', role: 'principal', idNumber: '340188199001011234' }), 400, 'idNumber');
    expectProblem(await police.post(`/api/cases/${caseId}/suspects`, { name: '某', role: 'principal', caughtAt: '2026-05-02', criminalDetentionAt: '2026-05-01' }), 400, 'criminalDetentionAt');
    expectProblem(await police.post(`/api/cases/${caseId}/assets`, { kind: 'seized', amount: '1.005', description: '现金', recordedAt: '2026-05-01' }), 400, 'amount');
    expectProblem(await police.post(`/api/cases/${caseId}/precursor-seizures`, { chemical: '麻黄碱', kilograms: '-3', seizedAt: '2026-05-01' }), 400, 'kilograms');
    assert.deepEqual(await counts(), before);
  });

  it('answers a duplicate case number with 409 naming caseNumber', async () => {
    await g.case(police, '锦绣社区', { caseNumber: 'DUP-2026-1' });
    expectProblem(await police.post('/api/cases', {
      caseNumber: 'DUP-2026-1', type: 'trafficking', level: 'ordinary', filedAt: '2026-01-01',
      handlingUnitId: (await g.unit('公安分局禁毒大队')).id, orgUnitId: (await g.unit('锦绣社区')).id,
    }), 409, 'caseNumber');
  });

  it('edits a case with If-Match: solving it, moving it to another unit (its records follow), 412 when stale', async () => {
    const caseId = await g.case(police, '望江社区', { filedAt: '2026-07-01' });
    createdId(await police.post(`/api/cases/${caseId}/seizures`, { drug: 'ketamine', grams: '5', seizedAt: '2026-07-01' }));
    const patch = (version: number, body: unknown) => police.request('PATCH', `/api/cases/${caseId}`, body, { 'if-match': `"${String(version)}"` });
    expectProblem(await patch(1, { solvedAt: '2026-06-30' }), 400, 'solvedAt');
    const qingshan = await g.unit('青山村');
    const solved = await patch(1, { solvedAt: '2026-07-15', orgUnitId: qingshan.id });
    assert.equal(solved.statusCode, 200, solved.body);
    assert.equal(solved.headers.etag, '"2"');
    const detail = solved.json<CaseDetail>();
    assert.equal(detail.status, 'solved');
    assert.equal(detail.orgUnit.name, '青山村');
    const paths = await app.platform.db.selectFrom('seizure').select('org_path').where('case_id', '=', caseId).execute();
    assert.ok(paths.every((p) => p.org_path === qingshan.path));
    expectProblem(await patch(1, { level: 'major' }), 412);
    const audit = await app.platform.db.selectFrom('audit_event').select('changes').where('action', '=', 'case.updated').where('entity_id', '=', caseId).executeTakeFirstOrThrow();
    assert.deepEqual(JSON.parse(audit.changes ?? '{}'), { orgUnitId: { from: (await g.unit('望江社区')).id, to: qingshan.id }, solvedAt: { from: null, to: '2026-07-15' } });
  });
});

describe('enforcement scope: township reads its area, township2 cannot reach it, department none', () => {
  let app: TestApp;
  let police: Agent;
  let township: Agent;
  let township2: Agent;
  let g: ReturnType<typeof enforcementGiven>;
  let caseId: string;
  let suspectId: string;
  const seen: string[] = [];
  const record = (response: LightMyRequestResponse): LightMyRequestResponse => {
    seen.push(response.body);
    return response;
  };

  before(async () => {
    app = await startTestApp();
    police = await app.login('police');
    township = await app.login('township');
    township2 = await app.login('township2');
    g = enforcementGiven(app);
    caseId = await g.case(police, '河畔社区', { caseNumber: 'SCOPE-QY-1', filedAt: '2026-04-01', solvedAt: '2026-04-02' });
    suspectId = createdId(await police.post(`/api/cases/${caseId}/suspects`, { name: '邻街嫌疑人', role: 'principal', caughtAt: '2026-04-02', idNumber: fakeIdNumber(777, '1991-01-01') }));
    await g.case(police, '明德社区', { caseNumber: 'SCOPE-MD-1', filedAt: '2026-04-01', solvedAt: '2026-04-03' });
  });
  after(() => app.close());

  it('shows each role exactly the cases of its area: police and office the district, a township its own', async () => {
    const count = async (agent: Agent) => (await agent.get('/api/cases?pageSize=200')).json<CaseList>().total;
    assert.equal(await count(police), 2);
    assert.equal(await count(await app.login('office')), 2);
    assert.deepEqual((await township.get('/api/cases')).json<CaseList>().items.map((c) => c.caseNumber), ['SCOPE-QY-1']);
    assert.deepEqual(record(await township2.get('/api/cases')).json<CaseList>().items.map((c) => c.caseNumber), ['SCOPE-MD-1']);
    assert.equal((await township.get(`/api/cases/${caseId}`)).statusCode, 200, 'a township reads the cases of its area');
  });

  it('exports one case with its suspects (masked), seizures, precursors and assets a sheet each, audited; 404 outside the area', async () => {
    createdId(await police.post(`/api/cases/${caseId}/seizures`, { drug: 'heroin', grams: '12.5', seizedAt: '2026-04-02', packets: 3 }));
    const response = await township.get(`/api/cases/${caseId}/export`);
    assert.equal(response.statusCode, 200, response.body);
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(response.rawPayload as unknown as ArrayBuffer);
    assert.deepEqual(book.worksheets.map((w) => w.name), ['犯罪嫌疑人', '缴获毒品', '缴获制毒物品', '涉毒资产']);
    const suspects = book.getWorksheet('犯罪嫌疑人');
    assert.equal(suspects?.getCell('A4').value, '邻街嫌疑人');
    const masked = suspects?.getCell('B4').text ?? '';
    assert.match(masked, /\*/);
    assert.ok(!masked.includes(fakeIdNumber(777, '1991-01-01')), 'the ID number is masked');
    assert.deepEqual([book.getWorksheet('缴获毒品')?.getCell('B4').value, book.getWorksheet('缴获毒品')?.getCell('B4').numFmt], [12.5, '0.000']);
    const audit = await app.platform.db.selectFrom('audit_event').select('entity_id').where('action', '=', 'case.exported').execute();
    assert.deepEqual(audit.map((a) => a.entity_id), [caseId]);
    const other = await township2.get(`/api/cases/${caseId}/export`);
    expectProblem(other, 404);
    assert.deepEqual(shape(other), shape(await township2.get(`/api/cases/${randomUUID()}/export`)));
  });

  it('answers township2 404 exactly like a missing id for the case; figures and drill-downs of its own area only', async () => {
    const operations: ((id: string) => Promise<LightMyRequestResponse>)[] = [
      (id) => township2.get(`/api/cases/${id}`),
    ];
    for (const operation of operations) {
      const missing = record(await operation(randomUUID()));
      assert.equal(missing.statusCode, 404);
      assert.deepEqual(shape(record(await operation(caseId))), shape(missing));
    }
    const qingyuan = await g.unit('清源街道');
    expectProblem(record(await township2.get(`/api/enforcement/figures?year=2026&orgUnitId=${qingyuan.id}`)), 400, 'orgUnitId');
    const own = record(await township2.get('/api/enforcement/figures?year=2026')).json<{ orgUnit: { name: string }; rows: { indicator: string; value: string }[] }>();
    assert.equal(own.orgUnit.name, '明德街道');
    assert.equal(own.rows.find((r) => r.indicator === 'cases.solved')?.value, '1');
    const drill = record(await township2.get('/api/enforcement/figures/suspects.caught/records?year=2026'));
    assert.equal(drill.json<{ total: number }>().total, 0);
    for (const body of seen) assert.ok(!body.includes('邻街嫌疑人') && !body.includes('SCOPE-QY-1') && !body.includes(caseId), body.slice(0, 200));
  });

  it('lets a township read but never write or reveal (403), and police write in any unit of their area', async () => {
    expectProblem(await township.post(`/api/cases/${caseId}/seizures`, { drug: 'heroin', grams: '1', seizedAt: '2026-04-01' }), 403);
    expectProblem(await township.post(`/api/cases/${caseId}/suspects/${suspectId}/reveal`, { reason: '越权查看测试' }), 403);
    expectProblem(await township.put('/api/targets', { orgUnitId: (await g.unit('清源街道')).id, year: 2026, indicator: 'cases.solved', value: 3 }), 403);
    expectProblem(await police.put('/api/targets', { orgUnitId: (await g.unit('清源街道')).id, year: 2026, indicator: 'cases.solved', value: 3 }), 403);
  });

  for (const username of ['department', 'worker', 'enterprise', 'auditor', 'sysadmin', 'secadmin']) {
    it(`refuses ${username} every enforcement route with 403`, async () => {
      const agent = await app.login(username);
      const routes = app.routeAccess.filter((r) => r.url.startsWith('/api/cases') || r.url.startsWith('/api/enforcement') || r.url.startsWith('/api/targets'));
      assert.equal(routes.length, 22); // 18 + the case register, per-case, 查处吸毒 and drill-down exports
      for (const route of routes) {
        const url = route.url.replace(':id', caseId).replace(':suspectId', suspectId).replace(':indicator', 'cases.solved');
        const response = await agent.request(route.method as 'GET', url, route.method === 'GET' ? undefined : {});
        expectProblem(response, 403);
        assert.ok(!response.body.includes('邻街嫌疑人'));
      }
    });
  }
});
