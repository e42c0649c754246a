import assert from 'node:assert/strict';
import ExcelJS from 'exceljs';
import { after, before, describe, it } from 'node:test';
import type { AbstinenceCandidate, AbstinenceReviewDto, ArchivedPerson, PersonTimeline } from '@qingyuan/shared';
import type { LightMyRequestResponse } from 'fastify';
import { expectProblem } from '../../testing/expect-problem.ts';
import { given } from '../../testing/given.ts';
import { startTestApp, type Agent, type TestApp } from '../../testing/test-app.ts';

// The test clock stands at 2026-11-23 (China time): three years back is 2023-11-23.

function createdId(response: LightMyRequestResponse): string {
  assert.equal(response.statusCode, 201, response.body);
  return response.json<{ id: string }>().id;
}

describe('戒断三年未复吸: candidates with evidence, proposal, approval/rejection, restricted archive; person timeline', () => {
  let app: TestApp;
  let township: Agent;
  let township2: Agent;
  let office: Agent;
  let executingOrgUnitId: string;

  before(async () => {
    app = await startTestApp();
    township = await app.login('township');
    township2 = await app.login('township2');
    office = await app.login('office');
    executingOrgUnitId = (await given(app).orgNamed('清源街道')).id;
  });
  after(() => app.close());

  const auditRows = (action: string, entityId?: string) => {
    let query = app.platform.db.selectFrom('audit_event').selectAll().where('action', '=', action);
    if (entityId !== undefined) query = query.where('entity_id', '=', entityId);
    return query.execute();
  };
  const detection = async (personId: string, detectedOn: string) => createdId(await township.post(`/api/persons/${personId}/detections`, {
    detectedOn, agency: '清源区公安分局', substances: ['methamphetamine'], outcome: 'administrativeDetention',
  }));
  const test = async (personId: string, testedOn: string, result: 'negative' | 'positive' = 'negative') => createdId(await township.post(`/api/persons/${personId}/tests`, {
    testedOn, kind: 'urine', setting: 'field', result, ...(result === 'positive' ? { substances: ['methamphetamine'] } : {}),
  }));
  /** Voluntary treatment 2021-06-01, ended 2022-03-01; detection 2022-01-10; negative tests since: eligible since 2025-03-01. */
  const eligiblePerson = async (name = '戒断甲') => {
    const person = await given(app).person(township, '河畔社区', { name });
    await detection(person.id, '2022-01-10');
    const measureId = createdId(await township.post(`/api/persons/${person.id}/measures`, {
      kind: 'voluntaryTreatment', decisionDate: '2021-06-01', decidingAgency: '清源区人民医院', executingOrgUnitId,
    }));
    createdId(await township.post(`/api/measures/${measureId}/events`, { type: 'termination', from: '2022-03-01', reason: 'other' }));
    await test(person.id, '2023-05-02');
    await test(person.id, '2024-05-02');
    return person;
  };
  const candidates = async (as: Agent): Promise<AbstinenceCandidate[]> => {
    const response = await as.get('/api/abstinence/candidates?pageSize=200');
    assert.equal(response.statusCode, 200, response.body);
    return response.json<{ items: AbstinenceCandidate[] }>().items;
  };
  const reviews = async (as: Agent, status = 'proposed'): Promise<AbstinenceReviewDto[]> => {
    const response = await as.get(`/api/abstinence/reviews?status=${status}&pageSize=200`);
    assert.equal(response.statusCode, 200, response.body);
    return response.json<{ items: AbstinenceReviewDto[] }>().items;
  };
  const propose = (as: Agent, personId: string, body: object = { note: '社区走访、家属反映，近三年检测均为阴性' }) => as.post(`/api/persons/${personId}/abstinence-reviews`, body);
  const decide = (as: Agent, reviewId: string, body: object) => as.post(`/api/abstinence/reviews/${reviewId}/decision`, body);

  it('lists eligible persons with the rule and its evidence, and refuses a proposal the rule does not support', async () => {
    const eligible = await eligiblePerson();
    const recent = await given(app).person(township, '河畔社区', { name: '戒断乙' });
    await detection(recent.id, '2024-05-01');
    const relapsed = await eligiblePerson();
    await test(relapsed.id, '2025-01-15', 'positive');

    const list = await candidates(township);
    const found = list.find((c) => c.personId === eligible.id);
    assert.ok(found, 'the eligible person is listed');
    assert.equal(found.since, '2022-03-01');
    assert.equal(found.mark.date, '2025-03-01');
    assert.equal(found.mark.rule, 'abstinentThreeYears.mark');
    assert.equal(found.lastDetection, '2022-01-10');
    assert.equal(found.lastMeasureEnd, '2022-03-01');
    assert.equal(found.lastPositiveTest, null);
    assert.equal(found.testsSince, 2);
    assert.match(found.idNumberMasked, /^\d{4}\*{10}\d{3}[\dX]$/);
    assert.ok(found.evidence.some((e) => e.includes('检测2次，均为阴性')), found.evidence.join('；'));
    assert.ok(!list.some((c) => c.personId === recent.id), 'a detection in 2024 is not three years ago');
    assert.ok(!list.some((c) => c.personId === relapsed.id), 'a positive test in 2025 restarts the three years');
    assert.ok(!(await candidates(township2)).some((c) => c.personId === eligible.id), 'another township never sees the person');

    expectProblem(await propose(township, recent.id), 409, 'personId');
    expectProblem(await propose(township2, eligible.id), 404);
    assert.equal((await auditRows('abstinence.proposed', recent.id)).length, 0);
  });

  it('rejects with a reason (none → 400, nothing written) and approves: the person leaves every ordinary list into the restricted archive', async () => {
    const person = await eligiblePerson('归档丙');
    const reviewId = createdId(await propose(township, person.id, { note: '本人申请，社区核实' }));
    expectProblem(await propose(township, person.id), 409, 'personId');
    assert.equal((await candidates(township)).find((c) => c.personId === person.id)?.openReviewId, reviewId);

    // Only the office decides; a rejection needs a reason.
    assert.equal((await decide(township, reviewId, { decision: 'approve' })).statusCode, 403);
    expectProblem(await decide(office, reviewId, { decision: 'reject' }), 400, 'reason');
    assert.equal((await reviews(office)).find((r) => r.id === reviewId)?.status, 'proposed');
    assert.equal((await decide(office, reviewId, { decision: 'reject', reason: '近期走访发现疑似复吸线索，继续管控' })).statusCode, 200);
    expectProblem(await decide(office, reviewId, { decision: 'approve' }), 409, 'decision');
    const rejected = (await reviews(township, 'rejected')).find((r) => r.id === reviewId);
    assert.equal(rejected?.reason, '近期走访发现疑似复吸线索，继续管控');
    assert.equal((await township.get(`/api/persons/${person.id}`)).statusCode, 200, 'a rejected person stays under control');
    assert.equal((await auditRows('abstinence.rejected', person.id)).length, 1);

    // Approved: status, archive, audit.
    const second = createdId(await propose(township, person.id));
    assert.equal((await decide(office, second, { decision: 'approve' })).statusCode, 200);
    const stored = await app.platform.db.selectFrom('person').select(['status', 'org_path']).where('id', '=', person.id).executeTakeFirstOrThrow();
    assert.equal(stored.status, 'abstinent');
    assert.match(stored.org_path, /^archive:\//);
    for (const table of ['detection', 'measure', 'drug_test', 'abstinence_review'] as const) {
      const rows = await app.platform.db.selectFrom(table).select('org_path').where('person_id', '=', person.id).execute();
      assert.ok(rows.length > 0 && rows.every((r) => r.org_path.startsWith('archive:/')), `${table} rows archived`);
    }
    assert.equal((await auditRows('abstinence.approved', person.id)).length, 1);
    // 已批准: the approved review lives in the archive with the person — the office (archive.read) lists it, a township does not.
    assert.ok((await reviews(office, 'approved')).some((r) => r.id === second && r.personName === '归档丙'), 'the office lists approved reviews');
    assert.ok(!(await reviews(township, 'approved')).some((r) => r.id === second), 'a township never lists archived ones');

    // Gone from every ordinary read, for every role (the office included): get, list, search by ID number, timeline, lists.
    for (const as of [township, office]) {
      expectProblem(await as.get(`/api/persons/${person.id}`), 404);
      expectProblem(await as.get(`/api/persons/${person.id}/timeline`), 404);
      expectProblem(await as.get(`/api/persons/${person.id}/tests`), 404);
      const search = await as.get(`/api/persons?q=${person.idNumber}`);
      assert.equal(search.json<{ total: number }>().total, 0, 'search by ID number finds nothing');
      const all = await as.get(`/api/persons?pageSize=200&q=${encodeURIComponent('归档丙')}`);
      assert.ok(!all.json<{ items: { id: string }[] }>().items.some((p) => p.id === person.id));
      assert.ok(!(await candidates(as)).some((c) => c.personId === person.id));
    }
    expectProblem(await propose(township, person.id), 404);
    // Exports go through the same scope: the archived person is not in the register export.
    const exported = await office.get('/api/persons/export');
    assert.equal(exported.statusCode, 200, exported.body);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(exported.rawPayload as unknown as ArrayBuffer);
    const cells: string[] = [];
    workbook.eachSheet((sheet) => { sheet.eachRow((row) => { cells.push(JSON.stringify(row.values)); }); });
    assert.ok(cells.length > 1, 'the export has rows');
    assert.ok(!cells.some((c) => c.includes('归档丙')), 'the archived person is not exported');
    // A second registration of the number is refused without saying where (SECURITY.md §7).
    const again = await township.post('/api/persons', { name: '戒断甲', idNumber: person.idNumber, orgUnitId: person.orgUnit.id });
    assert.equal(again.statusCode, 409);
    assert.equal(again.json<{ existingId?: string }>().existingId, undefined);

    // The restricted archive: the office only, masked, every read audited.
    assert.equal((await township.get(`/api/archive/persons/${person.id}`)).statusCode, 403);
    assert.equal((await township.get('/api/archive/persons')).statusCode, 403);
    const before = (await auditRows('archive.viewed', person.id)).length;
    const archived = await office.get(`/api/archive/persons/${person.id}`);
    assert.equal(archived.statusCode, 200, archived.body);
    const dto = archived.json<ArchivedPerson>();
    assert.equal(dto.archivedOn, '2026-11-23');
    assert.equal(dto.since, '2022-03-01');
    assert.ok(!archived.body.includes(person.idNumber), 'masked');
    assert.match(dto.idNumberMasked, /\*{10}/);
    assert.equal((await auditRows('archive.viewed', person.id)).length, before + 1);
    const search = await office.get(`/api/archive/persons?q=${person.idNumber}`);
    assert.equal(search.json<{ total: number; items: ArchivedPerson[] }>().items[0]?.id, person.id);
    assert.equal((await auditRows('archive.searched', person.id)).length, 1);
  });

  it('refuses an approval while a transfer waits (the receiving side would still see the person)', async () => {
    const person = await eligiblePerson();
    const reviewId = createdId(await propose(township, person.id));
    createdId(await township.post(`/api/persons/${person.id}/transfers`, { toOrgUnitId: (await given(app).orgNamed('明德社区')).id, reason: '迁居' }));
    expectProblem(await decide(office, reviewId, { decision: 'approve' }), 409, 'decision');
    assert.equal((await app.platform.db.selectFrom('person').select('status').where('id', '=', person.id).executeTakeFirstOrThrow()).status, 'active');
  });

  it('refuses an approval when a positive test arrived after the proposal', async () => {
    const person = await eligiblePerson();
    const reviewId = createdId(await propose(township, person.id));
    await test(person.id, '2026-11-20', 'positive');
    expectProblem(await decide(office, reviewId, { decision: 'approve' }), 409, 'decision');
    assert.equal((await app.platform.db.selectFrom('person').select('status').where('id', '=', person.id).executeTakeFirstOrThrow()).status, 'active');
  });

  it('gives the timeline in time order from every source, and 404 outside scope', async () => {
    const person = await given(app).person(township, '河畔社区', { name: '时间轴' });
    await detection(person.id, '2026-10-20');
    const measureId = createdId(await township.post(`/api/persons/${person.id}/measures`, {
      kind: 'communityTreatment', decisionDate: '2026-10-30', decisionReceivedDate: '2026-11-01', decidingAgency: '清源区公安分局', executingOrgUnitId,
    }));
    assert.equal((await township.post(`/api/measures/${measureId}/report-in`, { reportedOn: '2026-11-05', agreementSigned: true })).statusCode, 200);
    await test(person.id, '2026-11-10', 'positive');
    const response = await township.get(`/api/persons/${person.id}/timeline`);
    assert.equal(response.statusCode, 200, response.body);
    const items = response.json<PersonTimeline>().items;
    assert.deepEqual(items.map((e) => [e.date, e.kind]), [
      ['2026-10-20', 'detection'],
      ['2026-10-30', 'measure'],
      ['2026-11-05', 'reportIn'],
      ['2026-11-10', 'drugTest'],
      ['2026-11-23', 'registration'],
    ]);
    assert.equal(items[3]?.title, '尿检：阳性');
    assert.equal(items[3]?.tone, 'danger');
    expectProblem(await township2.get(`/api/persons/${person.id}/timeline`), 404);
    assert.equal((await auditRows('person.timeline_viewed', person.id)).length, 1);
  });
});
