import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import type { LightMyRequestResponse } from 'fastify';
import type { OrgUnit, PersonListItem } from '@qingyuan/shared';
import { given } from '../../testing/given.ts';
import { startTestApp, type Agent, type TestApp } from '../../testing/test-app.ts';
import { detail, expectProblem, patch, shape } from './persons-test-support.ts';

type PersonList = { items: PersonListItem[]; total: number };

describe('person scope: township2 cannot reach a township person; departments and enterprises see no persons', () => {
  let app: TestApp;
  let township: Agent;
  let township2: Agent;
  let units: OrgUnit[];
  let target: { id: string; idNumber: string };
  let own: { id: string; idNumber: string };
  const seen: string[] = [];
  const record = (response: LightMyRequestResponse): LightMyRequestResponse => {
    seen.push(response.body);
    return response;
  };

  before(async () => {
    app = await startTestApp();
    township = await app.login('township');
    township2 = await app.login('township2');
    units = await given(app).orgs(await app.login('office'));
    target = await given(app).person(township, '河畔社区', { name: '邻街目标', phones: ['13800005551'] });
    own = await given(app).person(township2, '明德社区', { name: '本街人员' });
  });
  after(() => app.close());

  const truth = async (rootPath: string): Promise<number> => {
    const row = await app.platform.db
      .selectFrom('person')
      .select((eb) => eb.fn.countAll<string>().as('n'))
      .where('org_path', 'like', `${rootPath}%`)
      .executeTakeFirstOrThrow();
    return Number(row.n);
  };

  const onTeamOf = async (accountId: string): Promise<number> => {
    const row = await app.platform.db.selectFrom('work_team_member').select((eb) => eb.fn.countAll<string>().as('n'))
      .where('account_id', '=', accountId).where('ended_on', 'is', null).executeTakeFirstOrThrow();
    return Number(row.n);
  };

  it('lists exactly the persons of each role\'s subtree (counts equal the ground truth; the worker sees its community)', async () => {
    for (const username of ['office', 'township', 'township2', 'worker', 'police']) {
      const me = await given(app).userNamed(username);
      const unit = units.find((u) => u.id === me.orgUnitId);
      assert.ok(unit);
      const agent = await app.login(username);
      const list = (await agent.get('/api/persons?pageSize=200')).json<PersonList>();
      // A worker-only account sees the persons of its current work teams only (modules/supervision, worker scope).
      assert.equal(list.total, username === 'worker' ? await onTeamOf(me.id) : await truth(unit.path), username);
      const inScope = new Set(units.filter((u) => u.path.startsWith(unit.path)).map((u) => u.id));
      assert.ok(list.items.every((p) => inScope.has(p.orgUnitId)), username);
    }
    const worker = (await (await app.login('worker')).get('/api/persons?pageSize=200')).json<PersonList>();
    assert.ok(worker.total > 0 && worker.total < (await truth(units.find((u) => u.name === '清源街道')?.path ?? '')));
  });

  it('keeps the target out of township2\'s list and ID-number search', async () => {
    let page = 1;
    for (;;) {
      const list = record(await township2.get(`/api/persons?pageSize=200&page=${page}`)).json<PersonList>();
      assert.ok(!list.items.some((p) => p.id === target.id));
      if (page * 200 >= list.total) break;
      page++;
    }
    assert.equal(record(await township2.get(`/api/persons?q=${target.idNumber}`)).json<PersonList>().total, 0);
    assert.equal(record(await township2.get(`/api/persons?q=${encodeURIComponent('邻街目标')}`)).json<PersonList>().total, 0);
    assert.equal(record(await township2.get(`/api/persons?q=${own.idNumber}`)).json<PersonList>().total, 1, 'its own person is found');
  });

  it('answers 404 exactly like a missing id to get, patch, reveal, detections and relationships, changing nothing', async () => {
    const before = await detail(township, target.id);
    const counts = async () => Promise.all((['detection', 'person_relationship'] as const).map((t) => given(app).rowCount(t)));
    const countsBefore = await counts();
    const operations: ((id: string) => Promise<LightMyRequestResponse>)[] = [
      (id) => township2.get(`/api/persons/${id}`),
      (id) => patch(township2, id, before.version, { name: '越权改名' }),
      (id) => township2.post(`/api/persons/${id}/reveal`, { field: 'idNumber', reason: '越权查看测试' }),
      (id) => township2.post(`/api/persons/${id}/reveal`, { field: 'phones', reason: '越权查看测试' }),
      (id) => township2.post(`/api/persons/${id}/detections`, { detectedOn: '2025-01-01', agency: '明德派出所', substances: ['heroin'], outcome: 'fine' }),
      (id) => township2.post(`/api/persons/${id}/relationships`, { relatedPersonId: own.id, kind: 'coUser' }),
    ];
    for (const operation of operations) {
      const missing = record(await operation(randomUUID()));
      assert.equal(missing.statusCode, 404, missing.body);
      assert.deepEqual(shape(record(await operation(target.id))), shape(missing));
    }
    // Guessing the target as the other end of a relationship gets the same 400 as a missing person.
    const guess = record(await township2.post(`/api/persons/${own.id}/relationships`, { relatedPersonId: target.id, kind: 'coUser' }));
    const nobody = record(await township2.post(`/api/persons/${own.id}/relationships`, { relatedPersonId: randomUUID(), kind: 'coUser' }));
    expectProblem(guess, 400, 'relatedPersonId');
    assert.deepEqual(shape(guess), shape(nobody));

    const after = await detail(township, target.id);
    assert.equal(after.name, '邻街目标');
    assert.equal(after.version, before.version);
    assert.deepEqual(await counts(), countsBefore);
    const reveals = await app.platform.db.selectFrom('audit_event').select('seq').where('action', '=', 'person.revealed').where('actor_username', '=', 'township2').execute();
    assert.equal(reveals.length, 0);
  });

  it('never shows township2 the target\'s name, id or numbers in any response', () => {
    assert.ok(seen.length >= 15);
    for (const body of seen) {
      for (const leak of [target.id, target.idNumber, '邻街目标', '13800005551']) {
        assert.ok(!body.includes(leak), `${leak} leaked: ${body.slice(0, 200)}`);
      }
    }
  });

  for (const username of ['department', 'enterprise', 'auditor', 'sysadmin', 'secadmin']) {
    it(`refuses ${username} every persons route with 403`, async () => {
      const agent = await app.login(username);
      const routes = app.routeAccess.filter((r) => r.url.startsWith('/api/persons') || r.url === '/api/substances');
      assert.ok(routes.length >= 12, '8 registry routes and at least 4 of supervision (measures, tests, work records) under /api/persons');
      for (const route of routes) {
        const response = await agent.request(route.method as 'GET', route.url.replace(':id', target.id), route.method === 'GET' ? undefined : {});
        expectProblem(response, 403);
        assert.ok(!response.body.includes('邻街目标'));
      }
    });
  }
});
