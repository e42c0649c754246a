import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { LightMyRequestResponse } from 'fastify';
import type { AlertDto, TestNoticeDto, ViolationTaskDto } from '@qingyuan/shared';
import { DAY } from '../../platform/clock.ts';
import { expectProblem } from '../../testing/expect-problem.ts';
import { given } from '../../testing/given.ts';
import { startTestApp, type Agent, type TestApp } from '../../testing/test-app.ts';

// The test clock stands at 2026-11-23 (China time). township: 清源街道; township2: 明德街道; worker: 河畔社区 (work-team scope).

function createdId(response: LightMyRequestResponse): string {
  assert.equal(response.statusCode, 201, response.body);
  return response.json<{ id: string }>().id;
}

describe('test notices (通知检测) and missed tests (通知检测未到)', () => {
  let app: TestApp;
  let township: Agent;
  let township2: Agent;
  let worker: Agent;
  let workerId: string;

  before(async () => {
    app = await startTestApp();
    township = await app.login('township');
    township2 = await app.login('township2');
    worker = await app.login('worker');
    workerId = (await given(app).userNamed('worker')).id;
  });
  after(() => app.close());

  const count = async (table: 'test_notice' | 'audit_event' | 'violation_task' | 'outbox_event') =>
    Number((await app.platform.db.selectFrom(table).select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow()).n);
  const notify = (as: Agent, personId: string, body: object = {}) =>
    as.post(`/api/persons/${personId}/test-notices`, { notifiedOn: '2026-11-02', method: 'phone', dueOn: '2026-11-05', ...body });
  const notices = async (as: Agent, personId: string): Promise<TestNoticeDto[]> => {
    const response = await as.get(`/api/persons/${personId}/test-notices`);
    assert.equal(response.statusCode, 200, response.body);
    return response.json<{ items: TestNoticeDto[] }>().items;
  };
  const test = (personId: string, testedOn: string, result = 'negative') =>
    township.post(`/api/persons/${personId}/tests`, { testedOn, kind: 'urine', setting: 'field', result });
  /** Community treatment reported in on 2026-10-01. */
  const underTreatment = async () => {
    const person = await given(app).person(township, '河畔社区', { name: '通知检测' });
    const measureId = createdId(await township.post(`/api/persons/${person.id}/measures`, {
      kind: 'communityTreatment', decisionDate: '2026-09-20', decisionReceivedDate: '2026-09-22', decidingAgency: '清源区公安分局', executingOrgUnitId: person.orgUnit.id,
    }));
    const reported = await township.post(`/api/measures/${measureId}/report-in`, { reportedOn: '2026-10-01', agreementSigned: true });
    assert.equal(reported.statusCode, 200, reported.body);
    return { personId: person.id, measureId };
  };

  it('computes each notice: open until the due day, tested in time, missed, or justified with a reason (audited)', async () => {
    const { personId } = await underTreatment();
    const open = createdId(await notify(township, personId, { notifiedOn: '2026-11-20', dueOn: '2026-11-25', method: 'sms' }));
    const tested = createdId(await notify(township, personId, { notifiedOn: '2026-11-10', dueOn: '2026-11-12', method: 'written', note: '书面通知已签收' }));
    const missed = createdId(await notify(township, personId, { notifiedOn: '2026-11-02', dueOn: '2026-11-05', method: 'inPerson' }));
    assert.equal((await test(personId, '2026-11-12')).statusCode, 201);
    // A test after the due day does not answer the earlier notice.
    assert.equal((await test(personId, '2026-11-06')).statusCode, 201);
    const byId = new Map((await notices(township, personId)).map((n) => [n.id, n]));
    assert.equal(byId.get(open)?.status, 'open');
    assert.deepEqual([byId.get(tested)?.status, byId.get(tested)?.testedOn, byId.get(tested)?.note], ['tested', '2026-11-12', '书面通知已签收']);
    assert.deepEqual([byId.get(missed)?.status, byId.get(missed)?.missedOn, byId.get(missed)?.method], ['missed', '2026-11-06', 'inPerson']);
    assert.match(byId.get(missed)?.explanation ?? '', /逃避检测1次/);

    const excused = await township.post(`/api/test-notices/${missed}/excuse`, { reason: '住院治疗，有医院证明' });
    assert.equal(excused.statusCode, 200, excused.body);
    assert.deepEqual([excused.json<TestNoticeDto>().status, excused.json<TestNoticeDto>().excuse, excused.json<TestNoticeDto>().excusedOn], ['justified', '住院治疗，有医院证明', '2026-11-23']);
    assert.equal((await notices(township, personId)).find((n) => n.id === missed)?.status, 'justified');
    expectProblem(await township.post(`/api/test-notices/${missed}/excuse`, { reason: '再次登记' }), 409, 'reason');
    expectProblem(await township.post(`/api/test-notices/${tested}/excuse`, { reason: '已检测不需理由' }), 409, 'reason');

    const audit = await app.platform.db.selectFrom('audit_event').select(['action', 'changes']).where('entity_id', '=', personId).where('action', 'like', 'test_notice.%').execute();
    assert.deepEqual(audit.map((a) => a.action).sort(), ['test_notice.excused', 'test_notice.listed', 'test_notice.listed', 'test_notice.recorded', 'test_notice.recorded', 'test_notice.recorded']);
    assert.doesNotMatch(audit.map((a) => a.changes).join(' '), /住院|签收/, 'reasons and notes are not copied into audit rows');
  });

  it('three missed notices open one serious-violation task (once), and the 严重违反协议 alert counts the same', async () => {
    const { personId, measureId } = await underTreatment();
    const tasks = async () => (await township.get('/api/violation-tasks?status=open&pageSize=200')).json<{ items: ViolationTaskDto[] }>().items
      .filter((t) => t.personId === personId);
    const alerts = async () => (await township.get(`/api/alerts?personId=${personId}&rule=seriousViolation&pageSize=200`)).json<{ items: AlertDto[] }>().items;
    // Justified: does not count (recorded with its reason before the other misses: a task, once open, is closed by a person).
    const ill = createdId(await notify(township, personId, { notifiedOn: '2026-10-18', dueOn: '2026-10-20' }));
    assert.equal((await township.post(`/api/test-notices/${ill}/excuse`, { reason: '突发疾病住院' })).statusCode, 200);
    createdId(await notify(township, personId, { notifiedOn: '2026-10-02', dueOn: '2026-10-05' }));
    // Answered in time (even late in the window): does not count.
    createdId(await notify(township, personId, { notifiedOn: '2026-10-08', dueOn: '2026-10-10' }));
    assert.equal((await test(personId, '2026-10-10')).statusCode, 201);
    createdId(await notify(township, personId, { notifiedOn: '2026-10-12', dueOn: '2026-10-15' }));
    await app.alerts.engine.dispatch();
    assert.deepEqual(await tasks(), [], 'two missed notices: nothing yet');
    assert.deepEqual(await alerts(), []);

    createdId(await notify(township, personId, { notifiedOn: '2026-10-22', dueOn: '2026-10-25', method: 'written' }));
    const [task, ...rest] = await tasks();
    assert.equal(rest.length, 0);
    assert.deepEqual([task?.basis, task?.measureId, task?.reachedOn], ['testEvasions', measureId, '2026-10-26']);
    await app.alerts.engine.dispatch();
    const [alert] = await alerts();
    assert.ok(alert, 'the alert counts missed notices as the task does');
    assert.equal(alert.details.count, 3);
    assert.equal(alert.details.reachedOn, '2026-10-26');

    createdId(await notify(township, personId, { notifiedOn: '2026-11-01', dueOn: '2026-11-03' }));
    assert.equal((await tasks()).length, 1, 'a fourth miss opens no second task');
    const stored = await app.platform.db.selectFrom('violation_task').select('id').where('measure_id', '=', measureId).execute();
    assert.equal(stored.length, 1);
  });

  it('refuses bad input with 400 naming the field, and writes nothing', async () => {
    const { personId } = await underTreatment();
    const id = createdId(await notify(township, personId));
    const before = [await count('test_notice'), await count('audit_event'), await count('outbox_event')];
    const cases: [object, string][] = [
      [{ notifiedOn: undefined }, 'notifiedOn'],
      [{ notifiedOn: '2026-02-30' }, 'notifiedOn'],
      [{ notifiedOn: '2026-11-24', dueOn: '2026-11-25' }, 'notifiedOn'],
      [{ notifiedOn: '1900-01-01', dueOn: '1900-01-02' }, 'notifiedOn'],
      [{ method: 'email' }, 'method'],
      [{ method: undefined }, 'method'],
      [{ dueOn: undefined }, 'dueOn'],
      [{ dueOn: '2026-11-01' }, 'dueOn'],
      [{ dueOn: '2026-12-03' }, 'dueOn'],
      [{ note: 'a\u0000b' }, 'note'],
      [{ note: 'x'.repeat(501) }, 'note'],
    ];
    for (const [body, field] of cases) {
      const problem = expectProblem(await notify(township, personId, body), 400, field);
      assert.match(problem.errors?.[0]?.message ?? '', /[\u4e00-\u9fff]/, `a Chinese message for ${field}`);
    }
    expectProblem(await township.post(`/api/test-notices/${id}/excuse`, {}), 400, 'reason');
    expectProblem(await township.post(`/api/test-notices/${id}/excuse`, { reason: ' ' }), 400, 'reason');
    assert.deepEqual([await count('test_notice'), await count('audit_event'), await count('outbox_event')], before);
    const [row] = await notices(township, personId);
    assert.equal(row?.excuse, null);
  });

  it('is scoped like drug tests: another township and a worker off the team get 404; the team\'s worker records', async () => {
    const { personId } = await underTreatment();
    const id = createdId(await notify(township, personId));
    const before = await count('test_notice');
    expectProblem(await notify(township2, personId), 404);
    expectProblem(await township2.get(`/api/persons/${personId}/test-notices`), 404);
    expectProblem(await township2.post(`/api/test-notices/${id}/excuse`, { reason: '他乡镇登记理由' }), 404);
    expectProblem(await township.post('/api/test-notices/00000000-0000-4000-8000-000000000000/excuse', { reason: '不存在的通知' }), 404);
    expectProblem(await notify(worker, personId), 404);
    expectProblem(await worker.get(`/api/persons/${personId}/test-notices`), 404);
    expectProblem(await worker.post(`/api/test-notices/${id}/excuse`, { reason: '非本小组社工' }), 404);
    assert.equal(await count('test_notice'), before);
    const joined = await township.post(`/api/persons/${personId}/work-team`, { teamRole: 'socialWorker', accountId: workerId, startedOn: '2026-11-20' });
    assert.equal(joined.statusCode, 201, joined.body);
    createdId(await notify(worker, personId, { notifiedOn: '2026-11-21', dueOn: '2026-11-28', method: 'inPerson' }));
    assert.equal((await notices(worker, personId)).length, 2);
    assert.equal((await township.post(`/api/test-notices/${id}/excuse`, { reason: '外地务工已提前报备' })).statusCode, 200);
  });

  it('a notice missed only by the passing of its due day is counted by the daily sweep (task and alert), once', async () => {
    const { personId } = await underTreatment();
    createdId(await notify(township, personId, { notifiedOn: '2026-10-02', dueOn: '2026-10-05' }));
    createdId(await notify(township, personId, { notifiedOn: '2026-10-12', dueOn: '2026-10-15' }));
    // Due in two days: not missed when recorded, so no write will ever run the check for it.
    const pending = createdId(await notify(township, personId, { notifiedOn: '2026-11-23', dueOn: '2026-11-25' }));
    const taskCount = async () => (await app.platform.db.selectFrom('violation_task').select('id').where('person_id', '=', personId).execute()).length;
    assert.equal(await taskCount(), 0);
    assert.deepEqual(await app.missedNotices.run(), { persons: 0 }, 'nothing due yesterday or before in the last days');
    app.clock.advance(2 * DAY); // 2026-11-25: the due day itself, still open
    await app.missedNotices.run();
    assert.equal(await taskCount(), 0);
    app.clock.advance(DAY); // 2026-11-26: missed
    const checked = await app.missedNotices.run();
    assert.ok(checked.persons >= 1);
    const tasks = await app.platform.db.selectFrom('violation_task').select(['basis', 'reached_on']).where('person_id', '=', personId).execute();
    assert.deepEqual(tasks.map((t) => [t.basis, t.reached_on]), [['testEvasions', '2026-11-26']]);
    await app.alerts.engine.dispatch();
    township = await app.login('township');
    const alerts = (await township.get(`/api/alerts?personId=${personId}&rule=seriousViolation&pageSize=200`)).json<{ items: AlertDto[] }>().items;
    assert.equal(alerts.length, 1, 'the alert follows the sweep (test_notice.missed)');
    await app.missedNotices.run();
    assert.equal(await taskCount(), 1, 'the sweep is idempotent');
    const audit = await app.platform.db.selectFrom('audit_event').select(['action', 'actor_id']).where('entity_id', '=', personId).where('action', '=', 'violation_task.created').execute();
    assert.equal(audit.length, 1);
    assert.equal(audit[0]?.actor_id, null, 'opened by the system');
    assert.equal((await notices(township, personId)).find((n) => n.id === pending)?.status, 'missed');
  });
});
