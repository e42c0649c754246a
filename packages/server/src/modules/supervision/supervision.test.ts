import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import type { DrugTestDto, MeasureDto, WorklistItem } from '@qingyuan/shared';
import { given } from '../../testing/given.ts';
import { startTestApp, type Agent, type TestApp } from '../../testing/test-app.ts';
import type { LightMyRequestResponse } from 'fastify';
import { expectProblem } from '../../testing/expect-problem.ts';

// The test clock stands at 2026-11-23 (China time).


function createdId(response: LightMyRequestResponse): string {
  assert.equal(response.statusCode, 201, response.body);
  return response.json<{ id: string }>().id;
}
type Worklist = { items: WorklistItem[]; total: number };

describe('supervision: measures with statutory clocks, report-in, tests and working lists', () => {
  let app: TestApp;
  let township: Agent;
  let township2: Agent;
  let executingOrgUnitId: string;

  before(async () => {
    app = await startTestApp();
    township = await app.login('township');
    township2 = await app.login('township2');
    executingOrgUnitId = (await given(app).orgNamed('清源街道')).id;
  });
  after(() => app.close());

  const auditRows = (action: string, entityId?: string) => {
    let query = app.platform.db.selectFrom('audit_event').selectAll().where('action', '=', action);
    if (entityId !== undefined) query = query.where('entity_id', '=', entityId);
    return query.execute();
  };

  const order = (as: Agent, personId: string, body: object = {}) =>
    as.post(`/api/persons/${personId}/measures`, {
      kind: 'communityTreatment', decisionDate: '2026-10-30', decisionReceivedDate: '2026-11-01', decidingAgency: '清源区公安分局', executingOrgUnitId, ...body,
    });
  const measures = async (as: Agent, personId: string): Promise<MeasureDto[]> => {
    const response = await as.get(`/api/persons/${personId}/measures`);
    assert.equal(response.statusCode, 200, response.body);
    return response.json<{ items: MeasureDto[] }>().items;
  };
  const reportIn = (as: Agent, measureId: string, reportedOn: string) =>
    as.post(`/api/measures/${measureId}/report-in`, { reportedOn, agreementSigned: true, note: '签订社区戒毒协议' });
  const test = (as: Agent, personId: string, body: object = {}) =>
    as.post(`/api/persons/${personId}/tests`, { testedOn: '2026-11-20', kind: 'urine', setting: 'field', result: 'negative', tester: '李社工', ...body });
  const worklist = async (as: Agent, list: string): Promise<Worklist> => {
    const response = await as.get(`/api/supervision/worklist?list=${list}&pageSize=200`);
    assert.equal(response.statusCode, 200, response.body);
    return response.json<Worklist>();
  };
  const counts = async () => Promise.all(['measure', 'measure_event', 'drug_test', 'audit_event'].map(async (table) => {
    const row = await app.platform.db.selectFrom(table as 'measure').select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow();
    return Number(row.n);
  }));

  it('orders community treatment and shows report-in due = received + 15 days with its rule and explanation', async () => {
    const person = await given(app).person(township, '河畔社区');
    const id = createdId(await order(township, person.id));
    const [measure] = await measures(township, person.id);
    assert.equal(measure?.id, id);
    assert.equal(measure?.status, 'ordered');
    assert.equal(measure?.clocks.status, 'notReportedIn', 'due 2026-11-16 has passed');
    assert.equal(measure?.clocks.reportInDue?.date, '2026-11-16');
    assert.equal(measure?.clocks.reportInDue?.rule, 'communityTreatment.reportInDue');
    assert.match(measure?.clocks.reportInDue?.explanation ?? '', /15日内报到/);
    const audit = await auditRows('measure.ordered', person.id);
    assert.equal(audit.length, 1);
  });

  it('records a report-in on day 15 as on time and on day 16 as late (still recorded, flag shown); the term runs 3 years from it', async () => {
    const onTime = await given(app).person(township, '河畔社区');
    const onTimeMeasure = createdId(await order(township, onTime.id));
    assert.equal((await reportIn(township, onTimeMeasure, '2026-11-16')).statusCode, 200);
    const [a] = await measures(township, onTime.id);
    assert.equal(a?.status, 'active');
    assert.equal(a?.reportInDate, '2026-11-16');
    assert.equal(a?.agreementSignedDate, '2026-11-16');
    assert.deepEqual(a?.clocks.flags, []);
    assert.equal(a?.clocks.termEnd?.date, '2029-11-15');
    assert.equal(a?.clocks.termEnd?.rule, 'communityTreatment.termEnd');

    const late = await given(app).person(township, '河畔社区');
    const lateMeasure = createdId(await order(township, late.id));
    assert.equal((await reportIn(township, lateMeasure, '2026-11-17')).statusCode, 200);
    const [b] = await measures(township, late.id);
    assert.equal(b?.reportInDate, '2026-11-17');
    assert.deepEqual(b?.clocks.flags.map((f) => f.code), ['reportInLate', 'refusedToReport']);
    expectProblem(await reportIn(township, lateMeasure, '2026-11-18'), 409, 'reportedOn');
    assert.equal((await auditRows('measure.reported_in', late.id)).length, 1);
  });

  it('records a test, seals its result, and computes the next due date from it', async () => {
    const person = await given(app).person(township, '河畔社区');
    const measureId = createdId(await order(township, person.id));
    assert.equal((await reportIn(township, measureId, '2026-11-10')).statusCode, 200);
    let [m] = await measures(township, person.id);
    assert.equal(m?.nextTest?.nextDue?.date, '2026-11-10', 'first test on the report-in day');
    assert.equal(m?.nextTest?.overdue, true);
    const testId = createdId(await test(township, person.id, { testedOn: '2026-11-20' }));
    [m] = await measures(township, person.id);
    assert.equal(m?.nextTest?.nextDue?.date, '2026-12-20');
    assert.equal(m?.nextTest?.nextDue?.rule, 'testSchedule.nextDue');
    assert.equal(m?.nextTest?.overdue, false);
    const tests = (await township.get(`/api/persons/${person.id}/tests`)).json<{ items: DrugTestDto[] }>().items;
    assert.deepEqual(tests.map((t) => [t.id, t.result, t.measureId]), [[testId, 'negative', measureId]]);
    const stored = await app.platform.db.selectFrom('drug_test').select('result_enc').where('id', '=', testId).executeTakeFirstOrThrow();
    assert.doesNotMatch(stored.result_enc, /negative/, 'result sealed at rest');
    const positive = createdId(await test(township, person.id, { testedOn: '2026-11-21', result: 'positive', substances: ['methamphetamine'] }));
    const again = (await township.get(`/api/persons/${person.id}/tests`)).json<{ items: DrugTestDto[] }>().items;
    assert.deepEqual(again[0], { ...again[0], id: positive, result: 'positive', substances: ['methamphetamine'] });
    assert.equal((await auditRows('drug_test.recorded', person.id)).length, 2);
  });

  it('lists a person whose test is overdue and not one who is up to date; not-reported-in lists the missed report-in', async () => {
    const overdue = await given(app).person(township, '河畔社区', { name: '逾期未检' });
    assert.equal((await reportIn(township, createdId(await order(township, overdue.id)), '2026-11-12')).statusCode, 200);
    const upToDate = await given(app).person(township, '河畔社区', { name: '按时检测' });
    assert.equal((await reportIn(township, createdId(await order(township, upToDate.id)), '2026-11-12')).statusCode, 200);
    createdId(await test(township, upToDate.id, { testedOn: '2026-11-12' }));
    const missing = await given(app).person(township, '河畔社区', { name: '未报到' });
    createdId(await order(township, missing.id));

    const list = await worklist(township, 'overdue');
    const row = list.items.find((i) => i.personId === overdue.id);
    assert.ok(row, 'the overdue person is listed');
    assert.deepEqual([row.dueDate, row.overdueDays, row.rule, row.personName], ['2026-11-12', 11, 'testSchedule.firstTest', '逾期未检']);
    assert.ok(!list.items.some((i) => i.personId === upToDate.id), 'the tested person is not');
    const notReported = await worklist(township, 'notReportedIn');
    assert.ok(notReported.items.some((i) => i.personId === missing.id && i.dueDate === '2026-11-16' && i.overdueDays === 7));
    assert.ok(!notReported.items.some((i) => i.personId === overdue.id));
    assert.ok((await auditRows('supervision.worklist_viewed')).length >= 2);
  });

  it('refuses bad input with 400 naming the field, writing nothing', async () => {
    const person = await given(app).person(township, '河畔社区');
    const measureId = createdId(await order(township, person.id, { kind: 'compulsoryIsolation', decisionReceivedDate: undefined }));
    const before = await counts();
    expectProblem(await order(township, person.id, { decisionDate: '2026-02-30' }), 400, 'decisionDate');
    expectProblem(await order(township, person.id, { decisionDate: '2026-11-24' }), 400, 'decisionDate');
    expectProblem(await order(township, person.id, { decisionReceivedDate: '2026-10-29' }), 400, 'decisionReceivedDate');
    expectProblem(await order(township, person.id, { kind: 'communityRehab' }), 400, 'termMonths');
    expectProblem(await order(township, person.id, { kind: 'communityRehab', termMonths: 37 }), 400, 'termMonths');
    expectProblem(await order(township, person.id, { kind: 'exile' }), 400, 'kind');
    expectProblem(await order(township, person.id, { executingOrgUnitId: randomUUID() }), 400, 'executingOrgUnitId');
    expectProblem(await order(township, person.id, { decidingAgency: ' ' }), 400, 'decidingAgency');
    expectProblem(await township.post(`/api/measures/${measureId}/events`, { type: 'escape', from: '2026-11-10', to: '2026-11-01' }), 400, 'to');
    expectProblem(await township.post(`/api/measures/${measureId}/events`, { type: 'extension', from: '2026-11-10', days: 400 }), 400, 'days');
    expectProblem(await township.post(`/api/measures/${measureId}/events`, { type: 'suspension', from: '2026-11-10' }), 400, 'type');
    expectProblem(await township.post(`/api/measures/${measureId}/events`, { type: 'escape', from: '2026-10-01' }), 400, 'from');
    expectProblem(await township.post(`/api/measures/${measureId}/report-in`, { reportedOn: '2026-11-10', agreementSigned: true }), 400, 'reportedOn');
    expectProblem(await test(township, person.id, { result: 'positive' }), 400, 'substances');
    expectProblem(await test(township, person.id, { result: 'positive', substances: ['unobtainium'] }), 400, 'substances');
    expectProblem(await test(township, person.id, { testedOn: '2026-11-24' }), 400, 'testedOn');
    expectProblem(await test(township, person.id, { testedOn: '2026-13-01' }), 400, 'testedOn');
    expectProblem(await test(township, person.id, { kind: 'blood' }), 400, 'kind');
    expectProblem(await test(township, person.id, { measureId: randomUUID() }), 400, 'measureId');
    assert.deepEqual(await counts(), before);
  });

  it('allows one open measure of a kind at a time (409) and records events that move the clock', async () => {
    const person = await given(app).person(township, '河畔社区');
    const measureId = createdId(await order(township, person.id));
    expectProblem(await order(township, person.id), 409, 'kind');
    assert.equal((await reportIn(township, measureId, '2026-11-05')).statusCode, 200);
    createdId(await township.post(`/api/measures/${measureId}/events`, { type: 'suspension', from: '2026-11-10', to: '2026-11-20' }));
    const [m] = await measures(township, person.id);
    assert.equal(m?.clocks.termEnd?.date, '2029-11-14', '2029-11-04 moved by 10 days in custody');
    assert.match(m?.clocks.termEnd?.explanation ?? '', /中止执行10日/);
    createdId(await township.post(`/api/measures/${measureId}/events`, { type: 'termination', from: '2026-11-22', reason: 'imprisonment' }));
    const [ended] = await measures(township, person.id);
    assert.deepEqual([ended?.status, ended?.clocks.status, ended?.endedOn], ['terminated', 'terminated', '2026-11-22']);
    createdId(await order(township, person.id, { decisionDate: '2026-11-22', decisionReceivedDate: '2026-11-22' }));
  });

  it('keeps township2 out: 404 on a township person\'s measures and tests, and not in its worklist; department 403', async () => {
    const person = await given(app).person(township, '河畔社区', { name: '邻街人员' });
    const measureId = createdId(await order(township, person.id));
    const before = await counts();
    expectProblem(await township2.get(`/api/persons/${person.id}/measures`), 404);
    expectProblem(await township2.get(`/api/persons/${person.id}/tests`), 404);
    expectProblem(await order(township2, person.id), 404);
    expectProblem(await test(township2, person.id), 404);
    expectProblem(await reportIn(township2, measureId, '2026-11-05'), 404);
    expectProblem(await township2.post(`/api/measures/${measureId}/events`, { type: 'termination', from: '2026-11-22' }), 404);
    expectProblem(await township2.get(`/api/supervision/worklist?orgUnitId=${executingOrgUnitId}`), 400, 'orgUnitId');
    for (const list of ['due', 'overdue', 'notReportedIn', 'endingSoon']) {
      assert.ok(!(await worklist(township2, list)).items.some((i) => i.personId === person.id), list);
    }
    assert.ok((await worklist(township, 'notReportedIn')).items.some((i) => i.personId === person.id));
    const department = await app.login('department');
    expectProblem(await department.get(`/api/persons/${person.id}/measures`), 403);
    expectProblem(await department.get('/api/supervision/worklist'), 403);
    const police = await app.login('police');
    expectProblem(await police.post(`/api/persons/${person.id}/tests`, { testedOn: '2026-11-20', kind: 'urine', setting: 'field', result: 'negative' }), 403);
    const after = await counts();
    assert.deepEqual(after.slice(0, 3), before.slice(0, 3), 'nothing written');
  });
});
