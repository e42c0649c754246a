import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { LightMyRequestResponse } from 'fastify';
import type { PersonTimeline, ViolationTaskDto, ViolationTaskStatus } from '@qingyuan/shared';
import { expectProblem } from '../../testing/expect-problem.ts';
import { given } from '../../testing/given.ts';
import { startTestApp, type Agent, type TestApp } from '../../testing/test-app.ts';

// The test clock stands at 2026-11-23 (China time). township: 清源街道; township2: 明德街道.

function createdId(response: LightMyRequestResponse): string {
  assert.equal(response.statusCode, 201, response.body);
  return response.json<{ id: string }>().id;
}

/** 严重违反任务 after a justified reason (正当理由): withdrawn when the basis no longer holds; a reported one gets a note. */
describe('serious-violation tasks withdrawn after an excuse', () => {
  let app: TestApp;
  let township: Agent;
  let township2: Agent;

  before(async () => {
    app = await startTestApp();
    township = await app.login('township');
    township2 = await app.login('township2');
  });
  after(() => app.close());

  const tasksOf = async (personId: string, status: ViolationTaskStatus, as: Agent = township): Promise<ViolationTaskDto[]> => {
    const response = await as.get(`/api/violation-tasks?status=${status}&pageSize=200`);
    assert.equal(response.statusCode, 200, response.body);
    return response.json<{ items: ViolationTaskDto[] }>().items.filter((t) => t.personId === personId);
  };
  const notify = (personId: string, dueOn: string) => township.post(`/api/persons/${personId}/test-notices`, { notifiedOn: dueOn, dueOn, method: 'phone' });
  const excuse = (noticeId: string, reason = '住院治疗，有医院证明') => township.post(`/api/test-notices/${noticeId}/excuse`, { reason });
  const auditOf = async (personId: string, action: string) =>
    app.platform.db.selectFrom('audit_event').select(['actor_id', 'changes']).where('entity_id', '=', personId).where('action', '=', action).execute();
  /** Community treatment reported in on 2026-10-01 and three missed notices (10-05, 10-15, 10-25): one open task. */
  const withOpenTask = async (name: string) => {
    const person = await given(app).person(township, '河畔社区', { name });
    const measureId = createdId(await township.post(`/api/persons/${person.id}/measures`, {
      kind: 'communityTreatment', decisionDate: '2026-09-20', decisionReceivedDate: '2026-09-22', decidingAgency: '清源区公安分局', executingOrgUnitId: person.orgUnit.id,
    }));
    assert.equal((await township.post(`/api/measures/${measureId}/report-in`, { reportedOn: '2026-10-01', agreementSigned: true })).statusCode, 200);
    const notices = [];
    for (const day of ['2026-10-05', '2026-10-15', '2026-10-25']) notices.push(createdId(await notify(person.id, day)));
    const [task, ...rest] = await tasksOf(person.id, 'open');
    assert.ok(task);
    assert.equal(rest.length, 0);
    assert.equal(task.reachedOn, '2026-10-26');
    return { personId: person.id, notices, task };
  };

  it('withdraws the open task when an excuse takes the count below 3, says why, audits it and shows it on the timeline', async () => {
    const { personId, notices, task } = await withOpenTask('撤销任务甲');
    const excused = await excuse(notices[1] ?? '');
    assert.equal(excused.statusCode, 200, excused.body);

    assert.deepEqual(await tasksOf(personId, 'open'), [], 'no longer on the open list');
    const [withdrawn] = await tasksOf(personId, 'withdrawn');
    assert.ok(withdrawn);
    assert.deepEqual(
      [withdrawn.id, withdrawn.status, withdrawn.withdrawnOn, withdrawn.withdrawnReason],
      [task.id, 'withdrawn', '2026-11-23', '已撤销：登记正当理由后逃避或者拒绝接受检测2次，不足3次'],
    );
    const audit = await auditOf(personId, 'violation_task.withdrawn');
    assert.equal(audit.length, 1);
    assert.equal(audit[0]?.actor_id, (await given(app).userNamed('township')).id, 'in the excuse\'s request, by its author');
    assert.doesNotMatch(JSON.stringify(audit[0]?.changes), /住院/, 'the excuse is not copied into the audit row');

    const timeline = (await township.get(`/api/persons/${personId}/timeline`)).json<PersonTimeline>().items;
    const entry = timeline.find((e) => e.title === '严重违反任务已自动撤销');
    assert.deepEqual([entry?.date, entry?.detail, entry?.recordId], ['2026-11-23', withdrawn.withdrawnReason, task.id]);

    // The township cannot act on a withdrawn task any more.
    expectProblem(await township.post(`/api/violation-tasks/${task.id}/dismiss`, { reason: '重复撤销' }), 409, 'status');

    // A new miss brings the count back to 3: the same task reopens (one task per measure and basis).
    createdId(await notify(personId, '2026-11-05'));
    const [reopened] = await tasksOf(personId, 'open');
    assert.deepEqual([reopened?.id, reopened?.reachedOn, reopened?.withdrawnReason], [task.id, '2026-11-06', null]);
    assert.equal((await auditOf(personId, 'violation_task.reopened')).length, 1);
  });

  it('never touches a task already reported to the police: it stays completed with a note, written once', async () => {
    const { personId, notices, task } = await withOpenTask('撤销任务乙');
    const completed = await township.post(`/api/violation-tasks/${task.id}/complete`, { reportedToPoliceOn: '2026-11-20', policeDecision: 'pending' });
    assert.equal(completed.statusCode, 200, completed.body);
    assert.equal((await excuse(notices[0] ?? '')).statusCode, 200);
    const [kept] = await tasksOf(personId, 'completed');
    assert.deepEqual(
      [kept?.id, kept?.status, kept?.reportedToPoliceOn, kept?.withdrawnReason, kept?.basisNote],
      [task.id, 'completed', '2026-11-20', null, '已报告公安机关后登记正当理由，逃避或者拒绝接受检测2次，不足3次；已报告的任务不作变更'],
    );
    assert.deepEqual(await tasksOf(personId, 'withdrawn'), []);
    assert.equal((await excuse(notices[1] ?? '', '外地务工已报备')).statusCode, 200);
    assert.equal((await tasksOf(personId, 'completed'))[0]?.basisNote, kept?.basisNote, 'the note is written once');
    assert.equal((await auditOf(personId, 'violation_task.basis_noted')).length, 1);
    assert.equal((await auditOf(personId, 'violation_task.withdrawn')).length, 0);
    const timeline = (await township.get(`/api/persons/${personId}/timeline`)).json<PersonTimeline>().items;
    assert.equal(timeline.find((e) => e.recordId === task.id)?.detail, kept?.basisNote);
  });

  it('a task the township dismissed stays dismissed; another township sees none of these tasks', async () => {
    const { personId, notices, task } = await withOpenTask('撤销任务丙');
    assert.equal((await township.post(`/api/violation-tasks/${task.id}/dismiss`, { reason: '经核实通知未送达' })).statusCode, 200);
    assert.equal((await excuse(notices[2] ?? '')).statusCode, 200);
    const [dismissed] = await tasksOf(personId, 'dismissed');
    assert.deepEqual([dismissed?.dismissReason, dismissed?.withdrawnReason, dismissed?.basisNote], ['经核实通知未送达', null, null]);
    for (const status of ['open', 'completed', 'dismissed', 'withdrawn'] as const) assert.deepEqual(await tasksOf(personId, status, township2), [], status);
  });
});
