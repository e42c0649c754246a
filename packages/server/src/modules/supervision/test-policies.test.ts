import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { LightMyRequestResponse } from 'fastify';
import { DEFAULT_TEST_POLICY, type MeasureDto, type TemporaryPassword, type TestPolicyUnitDto, type WorklistItem } from '@qingyuan/shared';
import { expectProblem } from '../../testing/expect-problem.ts';
import { given } from '../../testing/given.ts';
import { startTestApp, type Agent, type TestApp } from '../../testing/test-app.ts';

// The test clock stands at 2026-11-23 (China time). Both persons reported in on 2026-09-10 and were last tested on
// 2026-10-10 (measure year 1): by the default policy (monthly) the next test was due 2026-11-10, now 13 days overdue.

const NEW_PASSWORD = 'Lanhua#Autumn2026';

function createdId(response: LightMyRequestResponse): string {
  assert.equal(response.statusCode, 201, response.body);
  return response.json<{ id: string }>().id;
}

describe('test schedule per jurisdiction (检测频次设置)', () => {
  let app: TestApp;
  let office: Agent;
  let township: Agent;
  let township2: Agent;
  let worker: Agent;
  let qingyuan: string;
  let mingde: string;
  let district: string;
  let local: string;
  let other: string;

  const policy = (changes: Partial<typeof DEFAULT_TEST_POLICY> = {}) => ({ ...DEFAULT_TEST_POLICY, riskAdjust: { ...DEFAULT_TEST_POLICY.riskAdjust }, ...changes });

  async function supervisedPerson(as: Agent, unit: string, executingOrgUnitId: string): Promise<string> {
    const person = await given(app).person(as, unit);
    const measureId = createdId(await as.post(`/api/persons/${person.id}/measures`, {
      kind: 'communityTreatment', decisionDate: '2026-09-01', decisionReceivedDate: '2026-09-02', decidingAgency: '清源区公安分局', executingOrgUnitId,
    }));
    const reported = await as.post(`/api/measures/${measureId}/report-in`, { reportedOn: '2026-09-10', agreementSigned: true, note: '签订社区戒毒协议' });
    assert.equal(reported.statusCode, 200, reported.body);
    createdId(await as.post(`/api/persons/${person.id}/tests`, { testedOn: '2026-10-10', kind: 'urine', setting: 'field', result: 'negative', tester: '李社工' }));
    return person.id;
  }
  async function nextTest(as: Agent, personId: string): Promise<string | undefined> {
    const response = await as.get(`/api/persons/${personId}/measures`);
    assert.equal(response.statusCode, 200, response.body);
    return response.json<{ items: MeasureDto[] }>().items[0]?.nextTest?.nextDue?.date;
  }
  async function overdue(): Promise<Set<string>> {
    const response = await office.get('/api/supervision/worklist?list=overdue&pageSize=200');
    assert.equal(response.statusCode, 200, response.body);
    return new Set(response.json<{ items: WorklistItem[] }>().items.map((i) => i.personId));
  }
  async function units(as: Agent = office): Promise<TestPolicyUnitDto[]> {
    const response = await as.get('/api/test-policies');
    assert.equal(response.statusCode, 200, response.body);
    return response.json<{ items: TestPolicyUnitDto[] }>().items;
  }
  const unit = async (id: string) => (await units()).find((u) => u.orgUnit.id === id);
  const rows = async () => app.platform.db.selectFrom('test_policy').selectAll().orderBy('org_unit_id').execute();
  const audits = async (action: string) => (await app.platform.db.selectFrom('audit_event').selectAll().where('action', '=', action).execute())
    .map((r) => ({ ...r, changes: JSON.parse(r.changes ?? 'null') as unknown }));

  before(async () => {
    app = await startTestApp();
    office = await app.login('office');
    township = await app.login('township');
    township2 = await app.login('township2');
    worker = await app.login('worker');
    qingyuan = (await given(app).orgNamed('清源街道')).id;
    mingde = (await given(app).orgNamed('明德街道')).id;
    district = (await given(app).orgNamed('清源街道')).parentId ?? '';
    assert.ok(district);
    local = await supervisedPerson(township, '河畔社区', qingyuan);
    other = await supervisedPerson(township2, '明德社区', mingde);
  });
  after(() => app.close());

  it('applies the default policy while no unit has a setting', async () => {
    assert.deepEqual(await rows(), []);
    assert.equal(await nextTest(township, local), '2026-11-10');
    assert.equal(await nextTest(township2, other), '2026-11-10');
    const late = await overdue();
    assert.ok(late.has(local) && late.has(other));
    const own = await unit(qingyuan);
    assert.deepEqual([own?.own, own?.effective, own?.inheritedFrom], [null, DEFAULT_TEST_POLICY, null]);
    assert.ok((await units()).some((u) => u.orgUnit.id === district), 'the office sees its own unit');
  });

  it('清源街道 year 1 every two months moves its person\'s next test and the overdue list; 明德街道 keeps the default', async () => {
    const response = await office.put(`/api/test-policies/${qingyuan}`, policy({ year1MonthsBetween: 2 }));
    assert.equal(response.statusCode, 200, response.body);
    assert.equal(await nextTest(township, local), '2026-12-10');
    assert.equal(await nextTest(township2, other), '2026-11-10');
    const late = await overdue();
    assert.ok(!late.has(local), 'no longer overdue');
    assert.ok(late.has(other), 'the other township keeps the default');
    const own = await unit(qingyuan);
    assert.deepEqual(own?.own, policy({ year1MonthsBetween: 2 }), 'read back exactly, risk factors as numbers');
    assert.equal(own?.inheritedFrom?.id, qingyuan);
    const community = (await units()).find((u) => u.orgUnit.name === '河畔社区');
    assert.deepEqual([community?.own, community?.effective.year1MonthsBetween, community?.inheritedFrom?.name], [null, 2, '清源街道']);
    const [audit] = await audits('supervision.test_policy_set');
    assert.equal(audit?.entity_id, qingyuan);
    assert.deepEqual((audit?.changes as { from: unknown; to: { year1MonthsBetween: number } }).from, null);
    assert.equal((audit?.changes as { to: { year1MonthsBetween: number } }).to.year1MonthsBetween, 2);
  });

  it('inherits from the district where a unit has no setting; the nearer setting wins', async () => {
    assert.equal((await office.put(`/api/test-policies/${district}`, policy({ year1MonthsBetween: 3 }))).statusCode, 200);
    assert.equal(await nextTest(township2, other), '2027-01-10', '明德街道 inherits the district\'s 3 months');
    assert.equal(await nextTest(township, local), '2026-12-10', '清源街道 keeps its own 2 months');
    assert.equal((await unit(mingde))?.inheritedFrom?.id, district);
    assert.ok(!(await overdue()).has(other));
  });

  it('DELETE restores the inherited policy, and the default once nothing is set; audited with the old policy', async () => {
    assert.equal((await office.request('DELETE', `/api/test-policies/${qingyuan}`)).statusCode, 200);
    assert.equal(await nextTest(township, local), '2027-01-10', 'back to the district\'s setting');
    assert.equal((await unit(qingyuan))?.own, null);
    const [cleared] = await audits('supervision.test_policy_cleared');
    assert.equal(cleared?.entity_id, qingyuan);
    assert.equal((cleared?.changes as { from: { year1MonthsBetween: number } }).from.year1MonthsBetween, 2);
    assert.equal((await office.request('DELETE', `/api/test-policies/${district}`)).statusCode, 200);
    assert.deepEqual(await rows(), []);
    assert.equal(await nextTest(township, local), '2026-11-10');
    const late = await overdue();
    assert.ok(late.has(local) && late.has(other));
  });

  it('only the office sets policies (403 for other roles); a unit outside its scope or not an area is 404', async () => {
    for (const as of [township, township2, worker]) {
      expectProblem(await as.put(`/api/test-policies/${qingyuan}`, policy({ year1MonthsBetween: 2 })), 403);
      expectProblem(await as.request('DELETE', `/api/test-policies/${qingyuan}`), 403);
      expectProblem(await as.get('/api/test-policies'), 403);
    }
    expectProblem(await office.put('/api/test-policies/00000000-0000-4000-8000-000000000000', policy()), 404);
    const station = (await given(app).orgs(office)).find((u) => u.kind === 'policeStation');
    assert.ok(station);
    expectProblem(await office.put(`/api/test-policies/${station.id}`, policy()), 404);

    // An office account of 明德街道 sees its own subtree only: 清源街道 reads as missing.
    const sysadmin = await app.login('sysadmin');
    const secadmin = await app.login('secadmin');
    const created = await sysadmin.post('/api/users', { username: 'mdoffice', displayName: '测试明德办公室', orgUnitId: mingde });
    assert.equal(created.statusCode, 201, created.body);
    const { id, temporaryPassword } = created.json<TemporaryPassword>();
    assert.equal((await secadmin.put(`/api/users/${id}/roles`, { roles: ['office'] })).statusCode, 200);
    const first = await app.login('mdoffice', temporaryPassword);
    assert.equal((await first.post('/api/auth/password', { currentPassword: temporaryPassword, newPassword: NEW_PASSWORD })).statusCode, 200);
    expectProblem(await first.put(`/api/test-policies/${qingyuan}`, policy({ year1MonthsBetween: 2 })), 404);
    expectProblem(await first.request('DELETE', `/api/test-policies/${qingyuan}`), 404);
    const seen = await units(first);
    assert.ok(seen.some((u) => u.orgUnit.id === mingde) && !seen.some((u) => u.orgUnit.id === qingyuan || u.orgUnit.id === district));
    assert.deepEqual(await rows(), []);
  });

  it('refuses bad values with 400 naming the field in Chinese, writing nothing', async () => {
    const before = (await audits('supervision.test_policy_set')).length;
    const zero = expectProblem(await office.put(`/api/test-policies/${qingyuan}`, policy({ year1MonthsBetween: 0 })), 400, 'year1MonthsBetween');
    assert.match(zero.errors?.[0]?.message ?? '', /第一年检测间隔应为1至12的整数/);
    const risk = expectProblem(await office.put(`/api/test-policies/${qingyuan}`, policy({ riskAdjust: { high: 5, medium: 1, low: 1 } })), 400, 'riskAdjust.high');
    assert.match(risk.errors?.[0]?.message ?? '', /高风险人员的间隔系数/);
    expectProblem(await office.put(`/api/test-policies/${qingyuan}`, policy({ minMonthsBetween: 1.5 })), 400, 'minMonthsBetween');
    expectProblem(await office.put(`/api/test-policies/${qingyuan}`, { ...policy(), year2MonthsBetween: '2' }), 400, 'year2MonthsBetween');
    expectProblem(await office.put('/api/test-policies/not-a-unit', policy()), 400, 'orgUnitId');
    assert.deepEqual(await rows(), []);
    assert.equal((await audits('supervision.test_policy_set')).length, before);
    assert.equal(await nextTest(township, local), '2026-11-10');
  });
});
