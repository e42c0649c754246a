import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { LightMyRequestResponse } from 'fastify';
import type { AssistanceDto, LeaveDto, Problem, TeamMemberDto, VisitDto } from '@qingyuan/shared';
import { expectProblem } from '../../testing/expect-problem.ts';
import { given } from '../../testing/given.ts';
import { startTestApp, type Agent, type TestApp } from '../../testing/test-app.ts';

type Table = 'work_team_member' | 'supervision_visit' | 'leave_record' | 'assistance' | 'attachment';

describe('supervision work: work teams, visits, leaves, assistance (today 2026-11-23)', () => {
  let app: TestApp;
  let township: Agent;
  let township2: Agent;
  let workerId: string;
  let policeId: string;

  const count = async (table: Table): Promise<number> =>
    Number((await app.platform.db.selectFrom(table).select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow()).n);
  const audits = (action: string, personId: string) =>
    app.platform.db.selectFrom('audit_event').selectAll().where('action', '=', action).where('entity_id', '=', personId).orderBy('seq').execute();
  const created = (response: LightMyRequestResponse): string => {
    assert.equal(response.statusCode, 201, response.body);
    return response.json<{ id: string }>().id;
  };

  before(async () => {
    app = await startTestApp();
    township = await app.login('township');
    township2 = await app.login('township2');
    workerId = (await given(app).userNamed('worker')).id;
    policeId = (await given(app).userNamed('police')).id;
  });
  after(() => app.close());

  describe('work team (工作小组)', () => {
    it('adds a social worker account, a police officer and a family member (sealed), lists them, ends one; all audited', async () => {
      const person = await given(app).person(township, '河畔社区');
      const url = `/api/persons/${person.id}/work-team`;
      created(await township.post(url, { teamRole: 'socialWorker', accountId: workerId, startedOn: '2026-11-01' }));
      created(await township.post(url, { teamRole: 'policeOfficer', name: '韩警官', phone: '13800001111', startedOn: '2026-11-01' }));
      const family = created(await township.post(url, { teamRole: 'family', name: '林母', relation: '母亲', phone: '13900002222', startedOn: '2026-11-02' }));
      const list = (await township.get(url)).json<{ items: TeamMemberDto[] }>().items;
      assert.deepEqual(list.map((m) => [m.teamRole, m.name, m.relation, m.phoneMasked, m.current]), [
        ['socialWorker', '陈静', null, null, true],
        ['policeOfficer', '韩警官', null, '138****1111', true],
        ['family', '林母', '母亲', '139****2222', true],
      ]);
      assert.equal(list[0]?.account?.username, 'worker');
      const stored = await app.platform.db.selectFrom('work_team_member').select('contact_enc').where('id', '=', family).executeTakeFirstOrThrow();
      assert.ok(stored.contact_enc && !stored.contact_enc.includes('13900002222') && !stored.contact_enc.includes('林母'), 'contact sealed at rest');

      const end = await township.post(`/api/work-team-members/${family}/end`, { endedOn: '2026-11-20' });
      assert.equal(end.statusCode, 200, end.body);
      expectProblem(await township.post(`/api/work-team-members/${family}/end`, { endedOn: '2026-11-21' }), 409, 'endedOn');
      const after = (await township.get(url)).json<{ items: TeamMemberDto[] }>().items;
      assert.equal(after.find((m) => m.id === family)?.current, false);
      assert.equal((await audits('work_team.member_added', person.id)).length, 3);
      assert.equal((await audits('work_team.member_ended', person.id)).length, 1);
      assert.ok((await audits('work_team.listed', person.id)).length >= 2);
    });

    it('refuses bad members with 400 naming the field, a duplicate worker with 409, writing nothing', async () => {
      const person = await given(app).person(township, '河畔社区');
      const url = `/api/persons/${person.id}/work-team`;
      const before = await count('work_team_member');
      expectProblem(await township.post(url, { teamRole: 'socialWorker', startedOn: '2026-11-01' }), 400, 'accountId');
      expectProblem(await township.post(url, { teamRole: 'socialWorker', accountId: policeId, startedOn: '2026-11-01' }), 400, 'accountId');
      expectProblem(await township.post(url, { teamRole: 'family', name: '林父', startedOn: '2026-11-01' }), 400, 'relation');
      expectProblem(await township.post(url, { teamRole: 'gridWorker', startedOn: '2026-11-01' }), 400, 'name');
      expectProblem(await township.post(url, { teamRole: 'gridWorker', name: '网格员甲', startedOn: '2026-12-01' }), 400, 'startedOn');
      expectProblem(await township.post(url, { teamRole: 'gridWorker', name: '网格员甲', phone: '123', startedOn: '2026-11-01' }), 400, 'phone');
      assert.equal(await count('work_team_member'), before);
      const member = created(await township.post(url, { teamRole: 'socialWorker', accountId: workerId, startedOn: '2026-11-01' }));
      expectProblem(await township.post(url, { teamRole: 'socialWorker', accountId: workerId, startedOn: '2026-11-05' }), 409, 'accountId');
      expectProblem(await township.post(`/api/work-team-members/${member}/end`, { endedOn: '2026-10-31' }), 400, 'endedOn');
      assert.equal(await count('work_team_member'), before + 1);
    });
  });

  describe('visits and talks (走访谈话) and the last contact day', () => {
    it('records a visit by the caller or a named colleague, lists it newest first, and counts it as contact', async () => {
      const person = await given(app).person(township, '河畔社区');
      const url = `/api/persons/${person.id}/visits`;
      assert.equal((await township.get(url)).json<{ lastContactDate: string | null }>().lastContactDate, null);
      created(await township.post(url, { visitedOn: '2026-11-10', kind: 'homeVisit', place: '家中', content: '了解近况', findings: '情绪稳定', nextPlan: '月底再访' }));
      created(await township.post(url, { visitedOn: '2026-11-12', kind: 'phone', visitedBy: workerId, content: '电话询问' }));
      const list = (await township.get(url)).json<{ items: VisitDto[]; lastContactDate: string }>();
      assert.deepEqual(list.items.map((v) => [v.visitedOn, v.kind, v.visitedBy.displayName]), [['2026-11-12', 'phone', '陈静'], ['2026-11-10', 'homeVisit', '李晓梅']]);
      assert.equal(list.items[1]?.findings, '情绪稳定');
      assert.equal(list.lastContactDate, '2026-11-12');
      // A later drug test and a report-in count as contact too.
      const test = await township.post(`/api/persons/${person.id}/tests`, { testedOn: '2026-11-15', kind: 'urine', setting: 'field', result: 'negative' });
      assert.equal(test.statusCode, 201, test.body);
      assert.equal((await township.get(url)).json<{ lastContactDate: string }>().lastContactDate, '2026-11-15');
      const community = await given(app).orgNamed('河畔社区');
      const measure = created(await township.post(`/api/persons/${person.id}/measures`, {
        kind: 'communityTreatment', decisionDate: '2026-11-10', decisionReceivedDate: '2026-11-12', decidingAgency: '清源区公安分局', executingOrgUnitId: community.id,
      }));
      assert.equal((await township.post(`/api/measures/${measure}/report-in`, { reportedOn: '2026-11-18', agreementSigned: true })).statusCode, 200);
      assert.equal((await township.get(url)).json<{ lastContactDate: string }>().lastContactDate, '2026-11-18');
      assert.equal((await audits('visit.recorded', person.id)).length, 2);
      assert.ok((await audits('visit.listed', person.id)).length >= 1);
    });

    it('refuses a future date, an unknown kind, an empty summary and an out-of-scope colleague, writing nothing', async () => {
      const person = await given(app).person(township, '河畔社区');
      const url = `/api/persons/${person.id}/visits`;
      const before = await count('supervision_visit');
      const township2Id = (await given(app).userNamed('township2')).id;
      expectProblem(await township.post(url, { visitedOn: '2026-11-24', kind: 'talk', content: '谈话' }), 400, 'visitedOn');
      expectProblem(await township.post(url, { visitedOn: '2026-11-20', kind: 'letter', content: '谈话' }), 400, 'kind');
      expectProblem(await township.post(url, { visitedOn: '2026-11-20', kind: 'talk', content: '  ' }), 400, 'content');
      expectProblem(await township.post(url, { visitedOn: '2026-11-20', kind: 'talk', content: '谈话', visitedBy: township2Id }), 400, 'visitedBy');
      assert.equal(await count('supervision_visit'), before);
    });

    it('lets a worker name a colleague of the person\'s work team from another unit, and nobody else outside her units', async () => {
      const sysadmin = await app.login('sysadmin');
      const secadmin = await app.login('secadmin');
      const street = await given(app).orgNamed('清源街道');
      const account = await sysadmin.post('/api/users', { username: 'streetworker', displayName: '街道社工', orgUnitId: street.id });
      assert.equal(account.statusCode, 201, account.body);
      const colleagueId = account.json<{ id: string }>().id;
      assert.equal((await secadmin.put(`/api/users/${colleagueId}/roles`, { roles: ['worker'] })).statusCode, 200);
      const person = await given(app).person(township, '河畔社区');
      for (const accountId of [workerId, colleagueId]) {
        created(await township.post(`/api/persons/${person.id}/work-team`, { teamRole: 'socialWorker', accountId, startedOn: '2026-11-01' }));
      }
      const worker = await app.login('worker');
      const url = `/api/persons/${person.id}/visits`;
      const township2Id = (await given(app).userNamed('township2')).id;
      expectProblem(await worker.post(url, { visitedOn: '2026-11-20', kind: 'talk', content: '谈话', visitedBy: township2Id }), 400, 'visitedBy');
      created(await worker.post(url, { visitedOn: '2026-11-20', kind: 'talk', content: '谈话', visitedBy: colleagueId }));
      const list = (await worker.get(url)).json<{ items: VisitDto[] }>();
      assert.deepEqual(list.items.map((v) => v.visitedBy.displayName), ['街道社工']);
    });
  });

  describe('leave reports (请假外出) and unauthorised absences (未经批准离开)', () => {
    it('applies the 3-day leave-report rule, computes overdue on read, and records the return', async () => {
      const person = await given(app).person(township, '河畔社区');
      const url = `/api/persons/${person.id}/leaves`;
      const leave = created(await township.post(url, { kind: 'leave', from: '2026-11-10', to: '2026-11-15', destination: '合肥市', reason: '探亲', approvedBy: '李晓梅' }));
      created(await township.post(url, { kind: 'leave', from: '2026-11-20', to: '2026-11-21', destination: '邻县', approvedBy: '李晓梅', returnedOn: '2026-11-21' }));
      created(await township.post(url, { kind: 'absence', from: '2026-10-01', to: '2026-10-05', destination: '不详' }));
      let list = (await township.get(url)).json<{ items: LeaveDto[] }>().items;
      assert.deepEqual(list.map((l) => [l.kind, l.days, l.reportRequired, l.overdue, l.overdueDays]), [
        ['leave', 2, false, false, 0],
        ['leave', 6, true, true, 8],
        ['absence', 5, true, false, 0],
      ]);
      assert.match(list[1]?.rule ?? '', /第十九条/);
      expectProblem(await township.post(`/api/leaves/${leave}/return`, { returnedOn: '2026-11-09' }), 400, 'returnedOn');
      assert.equal((await township.post(`/api/leaves/${leave}/return`, { returnedOn: '2026-11-17' })).statusCode, 200);
      expectProblem(await township.post(`/api/leaves/${leave}/return`, { returnedOn: '2026-11-18' }), 409, 'returnedOn');
      list = (await township.get(url)).json<{ items: LeaveDto[] }>().items;
      assert.deepEqual(list.find((l) => l.id === leave)?.returnedOn, '2026-11-17');
      assert.equal(list.find((l) => l.id === leave)?.overdue, false);
      assert.equal((await audits('leave.recorded', person.id)).length, 3);
      assert.equal((await audits('leave.returned', person.id)).length, 1);
    });

    it('refuses to before from (naming to), a leave without approver and an absence with one, writing nothing', async () => {
      const person = await given(app).person(township, '河畔社区');
      const url = `/api/persons/${person.id}/leaves`;
      const before = await count('leave_record');
      expectProblem(await township.post(url, { kind: 'leave', from: '2026-11-10', to: '2026-11-09', approvedBy: '李晓梅' }), 400, 'to');
      expectProblem(await township.post(url, { kind: 'leave', from: '2026-11-10', to: '2026-11-12' }), 400, 'approvedBy');
      expectProblem(await township.post(url, { kind: 'absence', from: '2026-11-10', to: '2026-11-12', approvedBy: '李晓梅' }), 400, 'approvedBy');
      expectProblem(await township.post(url, { kind: 'absence', from: '2026-11-20', to: '2026-11-25' }), 400, 'to');
      expectProblem(await township.post(url, { kind: 'trip', from: '2026-11-10', to: '2026-11-12' }), 400, 'kind');
      assert.equal(await count('leave_record'), before);
    });
  });

  describe('assistance (帮扶救助)', () => {
    it('records assistance with an optional amount in fen, lists it with its attachments, audited', async () => {
      const person = await given(app).person(township, '河畔社区');
      const url = `/api/persons/${person.id}/assistance`;
      created(await township.post(url, { kind: 'minimumLiving', givenOn: '2026-11-01', provider: '区民政局', amountFen: 68000, notes: '按月发放' }));
      created(await township.post(url, { kind: 'employment', givenOn: '2026-11-05', provider: '阳光工程示范企业' }));
      const list = (await township.get(url)).json<{ items: AssistanceDto[] }>().items;
      assert.deepEqual(list.map((a) => [a.kind, a.provider, a.amountFen, a.attachments.length]), [
        ['employment', '阳光工程示范企业', null, 0],
        ['minimumLiving', '区民政局', 68000, 0],
      ]);
      assert.equal((await audits('assistance.recorded', person.id)).length, 2);
      const before = await count('assistance');
      expectProblem(await township.post(url, { kind: 'minimumLiving', givenOn: '2026-11-01', provider: '区民政局', amountFen: -1 }), 400, 'amountFen');
      expectProblem(await township.post(url, { kind: 'minimumLiving', givenOn: '2026-11-01', provider: '区民政局', amountFen: 1.5 }), 400, 'amountFen');
      expectProblem(await township.post(url, { kind: 'charity', givenOn: '2026-11-01', provider: '区民政局' }), 400, 'kind');
      expectProblem(await township.post(url, { kind: 'medical', givenOn: '2026-11-30', provider: '区医院' }), 400, 'givenOn');
      assert.equal(await count('assistance'), before);
    });
  });

  describe('scope isolation', () => {
    it('gives township2 a 404 for every record of a 清源街道 person, the same as a missing one, and writes nothing', async () => {
      const person = await given(app).person(township, '河畔社区');
      const base = `/api/persons/${person.id}`;
      const member = created(await township.post(`${base}/work-team`, { teamRole: 'gridWorker', name: '网格员乙', startedOn: '2026-11-01' }));
      const leave = created(await township.post(`${base}/leaves`, { kind: 'leave', from: '2026-11-10', to: '2026-11-15', approvedBy: '李晓梅' }));
      created(await township.post(`${base}/visits`, { visitedOn: '2026-11-10', kind: 'talk', content: '谈话' }));
      created(await township.post(`${base}/assistance`, { kind: 'training', givenOn: '2026-11-10', provider: '区人社局' }));
      const before = await Promise.all((['work_team_member', 'supervision_visit', 'leave_record', 'assistance'] as const).map(count));
      for (const path of ['work-team', 'visits', 'leaves', 'assistance']) expectProblem(await township2.get(`${base}/${path}`), 404);
      expectProblem(await township2.post(`${base}/work-team`, { teamRole: 'gridWorker', name: '网格员丙', startedOn: '2026-11-01' }), 404);
      expectProblem(await township2.post(`${base}/visits`, { visitedOn: '2026-11-10', kind: 'talk', content: '谈话' }), 404);
      expectProblem(await township2.post(`${base}/leaves`, { kind: 'absence', from: '2026-11-01', to: '2026-11-03' }), 404);
      expectProblem(await township2.post(`${base}/assistance`, { kind: 'training', givenOn: '2026-11-10', provider: '区人社局' }), 404);
      expectProblem(await township2.post(`/api/work-team-members/${member}/end`, { endedOn: '2026-11-20' }), 404);
      expectProblem(await township2.post(`/api/leaves/${leave}/return`, { returnedOn: '2026-11-20' }), 404);
      const missing = await township.get(`/api/persons/${crypto.randomUUID()}/visits`);
      const foreign = await township2.get(`${base}/visits`);
      assert.equal(foreign.statusCode, missing.statusCode);
      assert.equal(foreign.json<Problem>().title, missing.json<Problem>().title);
      assert.deepEqual(await Promise.all((['work_team_member', 'supervision_visit', 'leave_record', 'assistance'] as const).map(count)), before);
    });
  });
});
