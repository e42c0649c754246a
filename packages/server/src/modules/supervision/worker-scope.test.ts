import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { PersonListItem } from '@qingyuan/shared';
import { expectProblem } from '../../testing/expect-problem.ts';
import { given } from '../../testing/given.ts';
import { startTestApp, type Agent, type TestApp } from '../../testing/test-app.ts';

/** The work-team scope: an account whose only business role is worker sees only the persons of its current work teams. */
describe('worker scope (工作小组)', () => {
  let app: TestApp;
  let township: Agent;
  let worker: Agent;
  let workerId: string;

  before(async () => {
    app = await startTestApp();
    township = await app.login('township');
    worker = await app.login('worker');
    workerId = (await given(app).userNamed('worker')).id;
  });
  after(() => app.close());

  it('sees exactly the demo persons whose team includes the account (all of 河畔社区 in the demo)', async () => {
    const list = (await worker.get('/api/persons?pageSize=200')).json<{ items: PersonListItem[]; total: number }>();
    const onTeam = await app.platform.db.selectFrom('work_team_member').select('person_id')
      .where('account_id', '=', workerId).where('ended_on', 'is', null).execute();
    assert.ok(list.total > 0);
    assert.equal(list.total, onTeam.length);
    assert.deepEqual(new Set(list.items.map((p) => p.id)), new Set(onTeam.map((r) => r.person_id)));
  });

  it('gets 404 for a person of its community not on its team (person, records, writes), then reads and writes once added', async () => {
    const person = await given(app).person(township, '河畔社区');
    const base = `/api/persons/${person.id}`;
    const visit = { visitedOn: '2026-11-20', kind: 'homeVisit', content: '入户走访' };
    expectProblem(await worker.get(base), 404);
    for (const path of ['visits', 'leaves', 'assistance', 'work-team', 'measures', 'tests']) expectProblem(await worker.get(`${base}/${path}`), 404);
    expectProblem(await worker.post(`${base}/visits`, visit), 404);
    expectProblem(await worker.post(`${base}/tests`, { testedOn: '2026-11-20', kind: 'urine', setting: 'field', result: 'negative' }), 404);
    const listed = (await worker.get('/api/persons?pageSize=200')).json<{ items: PersonListItem[] }>();
    assert.ok(!listed.items.some((p) => p.id === person.id));

    const added = await township.post(`${base}/work-team`, { teamRole: 'socialWorker', accountId: workerId, startedOn: '2026-11-20' });
    assert.equal(added.statusCode, 201, added.body);
    assert.equal((await worker.get(base)).statusCode, 200);
    const recorded = await worker.post(`${base}/visits`, visit);
    assert.equal(recorded.statusCode, 201, recorded.body);
    assert.equal((await worker.get(`${base}/visits`)).statusCode, 200);
    assert.ok((await worker.get('/api/persons?pageSize=200')).json<{ items: PersonListItem[] }>().items.some((p) => p.id === person.id));

    // Leaving the team ends the access.
    const end = await township.post(`/api/work-team-members/${added.json<{ id: string }>().id}/end`, { endedOn: '2026-11-22' });
    assert.equal(end.statusCode, 200, end.body);
    expectProblem(await worker.get(base), 404);
    expectProblem(await worker.get(`${base}/visits`), 404);
  });

  it('puts a worker who registers a person on the person\'s team (else its own scope would hide the person); a township registration adds no one', async () => {
    const mine = await given(app).person(worker, '河畔社区', { name: '社工登记' });
    assert.equal((await worker.get(`/api/persons/${mine.id}`)).statusCode, 200, 'the registering worker sees the person');
    const members = await app.platform.db.selectFrom('work_team_member').select(['account_id', 'role', 'ended_on']).where('person_id', '=', mine.id).execute();
    assert.deepEqual(members, [{ account_id: workerId, role: 'socialWorker', ended_on: null }]);
    const audit = await app.platform.db.selectFrom('audit_event').select('changes').where('action', '=', 'person.registered').where('entity_id', '=', mine.id).executeTakeFirstOrThrow();
    const changes = (typeof audit.changes === 'string' ? JSON.parse(audit.changes) : audit.changes) as Record<string, unknown>;
    assert.equal(changes['workTeam'], 'registeringWorkerJoined');

    const theirs = await given(app).person(township, '河畔社区', { name: '街道登记' });
    assert.equal((await app.platform.db.selectFrom('work_team_member').select('id').where('person_id', '=', theirs.id).execute()).length, 0);
  });

  it('keeps the township account on the subtree scope (no team needed)', async () => {
    const person = await given(app).person(township, '河畔社区');
    assert.equal((await township.get(`/api/persons/${person.id}/visits`)).statusCode, 200);
  });
});
