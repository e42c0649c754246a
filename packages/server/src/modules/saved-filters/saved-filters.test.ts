import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { LightMyRequestResponse } from 'fastify';
import { MAX_SAVED_FILTERS_PER_USER, type SavedFilterDto } from '@qingyuan/shared';
import { expectProblem } from '../../testing/expect-problem.ts';
import { fakeIdNumber, given } from '../../testing/given.ts';
import { startTestApp, type Agent, type TestApp } from '../../testing/test-app.ts';

function createdId(response: LightMyRequestResponse): string {
  assert.equal(response.statusCode, 201, response.body);
  return response.json<{ id: string }>().id;
}

/** 常用筛选: named filter sets of the working-list and persons pages, own or shared down the owner's unit subtree. */
describe('saved filters (常用筛选)', () => {
  let app: TestApp;
  let office: Agent;
  let township: Agent;
  let township2: Agent;
  let worker: Agent;
  let department: Agent;
  let community: string;

  before(async () => {
    app = await startTestApp();
    office = await app.login('office');
    township = await app.login('township');
    township2 = await app.login('township2');
    worker = await app.login('worker');
    department = await app.login('department');
    community = (await given(app).orgNamed('河畔社区')).id;
  });
  after(() => app.close());

  const rows = async (): Promise<number> => Number((await app.platform.db.selectFrom('saved_filter').select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow()).n);
  const audits = async (action: string) => app.platform.db.selectFrom('audit_event').select(['entity_id', 'changes', 'actor_username']).where('action', '=', action).execute();
  const visible = async (as: Agent, page: string): Promise<SavedFilterDto[]> => {
    const response = await as.get(`/api/saved-filters?page=${page}`);
    assert.equal(response.statusCode, 200, response.body);
    return response.json<{ items: SavedFilterDto[] }>().items;
  };
  const save = (as: Agent, body: object) => as.post('/api/saved-filters', body);

  it('saves, lists and applies a filter (the stored query comes back as saved), audited with the keys only', async () => {
    const id = createdId(await save(township, { page: 'worklist', name: '河畔高风险', query: { list: 'highRisk', orgUnitId: community } }));
    const mine = await visible(township, 'worklist');
    const saved = mine.find((f) => f.id === id);
    assert.ok(saved);
    assert.deepEqual(saved.query, { list: 'highRisk', orgUnitId: community });
    assert.equal(saved.own, true);
    assert.equal(saved.shared, false);
    assert.equal(saved.ownerName, '李晓梅');
    // The persons page has its own filters; the same name is free there.
    createdId(await save(township, { page: 'persons', name: '河畔高风险', query: { q: '张', status: 'active' } }));
    assert.ok(!(await visible(township, 'worklist')).some((f) => f.query.q !== undefined));
    const created = (await audits('saved_filter.created')).find((a) => a.entity_id === id);
    assert.ok(created);
    assert.deepEqual(JSON.parse(created.changes ?? '{}'), { page: 'worklist', keys: ['list', 'orgUnitId'], shared: false });
    // The search term is sealed at rest: not in the table's text.
    const raw = await app.platform.db.selectFrom('saved_filter').select(['query_enc']).where('page', '=', 'persons').execute();
    assert.ok(raw.every((r) => !r.query_enc.includes('张')));
  });

  it('refuses bad names, unknown keys, bad values and ID numbers naming the field, writing nothing', async () => {
    const before = await rows();
    expectProblem(await save(township, { page: 'worklist', name: '', query: {} }), 400, 'name');
    expectProblem(await save(township, { page: 'worklist', name: '长'.repeat(41), query: {} }), 400, 'name');
    expectProblem(await save(township, { page: 'worklist', name: '坏\u0000名', query: {} }), 400, 'name');
    const unknown = expectProblem(await save(township, { page: 'worklist', name: '未知条件', query: { list: 'overdue', sort: 'name' } }), 400, 'query.sort');
    assert.match(unknown.errors?.[0]?.message ?? '', /不支持的筛选条件：sort/);
    expectProblem(await save(township, { page: 'persons', name: '跨页条件', query: { list: 'overdue' } }), 400, 'query.list');
    expectProblem(await save(township, { page: 'worklist', name: '坏清单', query: { list: 'everyone' } }), 400, 'query.list');
    expectProblem(await save(township, { page: 'worklist', name: '坏单位', query: { orgUnitId: 'abc' } }), 400, 'query.orgUnitId');
    expectProblem(await save(township, { page: 'persons', name: '证件号', query: { q: fakeIdNumber(4242) } }), 400, 'query.q');
    expectProblem(await save(township, { page: 'reports', name: '坏页面', query: {} }), 400, 'page');
    expectProblem(await save(township, { page: 'worklist', name: '数字值', query: { list: 1 } }), 400);
    const taken = expectProblem(await save(township, { page: 'worklist', name: '河畔高风险', query: { list: 'due' } }), 409, 'name');
    assert.match(taken.title, /名称/);
    assert.equal(await rows(), before);
  });

  it('shares a filter with the accounts of the owner\'s unit subtree only; others neither see nor change it (404)', async () => {
    const shared = createdId(await save(township, { page: 'worklist', name: '街道共享', query: { list: 'lostContact' }, shared: true }));
    const privateId = createdId(await save(township, { page: 'worklist', name: '仅本人', query: { list: 'due' } }));
    const district = createdId(await save(office, { page: 'worklist', name: '全区逾期', query: { list: 'overdue' }, shared: true }));

    const forWorker = await visible(worker, 'worklist');
    const seen = forWorker.find((f) => f.id === shared);
    assert.ok(seen, 'the worker\'s village lies under the township');
    assert.equal(seen.own, false);
    assert.ok(!forWorker.some((f) => f.id === privateId), 'not shared: owner only');
    assert.ok(forWorker.some((f) => f.id === district), 'shared by the district office: everyone below');
    const forTownship2 = await visible(township2, 'worklist');
    assert.ok(!forTownship2.some((f) => f.id === shared || f.id === privateId), 'another township sees nothing of 清源街道');
    assert.ok(forTownship2.some((f) => f.id === district));
    assert.ok(!(await visible(office, 'worklist')).some((f) => f.id === shared), 'sharing goes down the tree, not up');

    // Only the owner renames or deletes; anyone else gets the answer of a missing filter.
    expectProblem(await worker.patch(`/api/saved-filters/${shared}`, { name: '改名' }), 404);
    expectProblem(await worker.request('DELETE', `/api/saved-filters/${shared}`), 404);
    expectProblem(await township2.patch(`/api/saved-filters/${privateId}`, { name: '改名' }), 404);
    expectProblem(await township.patch('/api/saved-filters/00000000-0000-4000-8000-000000000000', { name: '改名' }), 404);
    assert.equal((await visible(township, 'worklist')).find((f) => f.id === shared)?.name, '街道共享');

    // A page the account may not read: 403 (the department has no supervision or persons reading).
    expectProblem(await department.get('/api/saved-filters?page=worklist'), 403);
    expectProblem(await save(department, { page: 'persons', name: '无权', query: {} }), 403);
  });

  it('renames, stops sharing and deletes the owner\'s filter, each audited', async () => {
    const id = createdId(await save(township, { page: 'worklist', name: '待改名', query: { list: 'endingSoon' }, shared: true }));
    assert.equal((await township.patch(`/api/saved-filters/${id}`, { name: '期满提醒', shared: false })).statusCode, 200);
    const renamed = (await visible(township, 'worklist')).find((f) => f.id === id);
    assert.equal(renamed?.name, '期满提醒');
    assert.equal(renamed?.shared, false);
    assert.ok(!(await visible(worker, 'worklist')).some((f) => f.id === id), 'no longer shared');
    expectProblem(await township.patch(`/api/saved-filters/${id}`, { name: '街道共享' }), 409, 'name');
    expectProblem(await township.patch(`/api/saved-filters/${id}`, {}), 400, 'name');
    expectProblem(await township.patch(`/api/saved-filters/${id}`, { name: ' ' }), 400, 'name');
    const updated = (await audits('saved_filter.updated')).filter((a) => a.entity_id === id);
    assert.equal(updated.length, 1);
    assert.deepEqual(JSON.parse(updated[0]?.changes ?? '{}'), { name: 'changed', shared: false });

    assert.equal((await township.request('DELETE', `/api/saved-filters/${id}`)).statusCode, 200);
    assert.ok(!(await visible(township, 'worklist')).some((f) => f.id === id));
    expectProblem(await township.request('DELETE', `/api/saved-filters/${id}`), 404);
    const deleted = (await audits('saved_filter.deleted')).filter((a) => a.entity_id === id);
    assert.equal(deleted.length, 1);
    assert.equal(deleted[0]?.actor_username, 'township');
  });

  it(`keeps at most ${MAX_SAVED_FILTERS_PER_USER} filters per account: the next one is a 409`, async () => {
    const own = async (): Promise<number> => (await visible(township2, 'worklist')).filter((f) => f.own).length
      + (await visible(township2, 'persons')).filter((f) => f.own).length;
    for (let i = await own(); i < MAX_SAVED_FILTERS_PER_USER; i++) {
      createdId(await save(township2, { page: i % 2 === 0 ? 'worklist' : 'persons', name: `筛选${String(i + 1)}`, query: {} }));
    }
    assert.equal(await own(), MAX_SAVED_FILTERS_PER_USER);
    const before = await rows();
    const refused = expectProblem(await save(township2, { page: 'worklist', name: '第51个', query: {} }), 409, 'name');
    assert.match(refused.title, /50/);
    assert.equal(await rows(), before);
    // Another account is not affected.
    createdId(await save(office, { page: 'persons', name: '另一人', query: { status: 'active' } }));
  });
});
