import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { DEFAULT_RISK_INSTRUMENT, DEFAULT_TEST_POLICY, type MeasureDto, type PersonTestPolicyDto, type RiskInstrumentDto } from '@qingyuan/shared';
import type { LightMyRequestResponse } from 'fastify';
import { expectProblem } from '../../testing/expect-problem.ts';
import { given } from '../../testing/given.ts';
import { startTestApp, type Agent, type TestApp } from '../../testing/test-app.ts';

// The test clock stands at 2026-11-23 (China time). township: 清源街道 (河畔社区 lies under it); township2: 明德街道.

const LOWEST = Object.fromEntries(DEFAULT_RISK_INSTRUMENT.items.map((i) => [i.code, i.options[0]?.code ?? '']));
const HIGH = { ...LOWEST, useYears: 'gt5', recentPositive: 'more', missedReport: 'once' };

function createdId(response: LightMyRequestResponse): string {
  assert.equal(response.statusCode, 201, response.body);
  return response.json<{ id: string }>().id;
}

/** GET /api/persons/:id/test-policy: the test schedule in force for one person, as the 检测 tab shows it. */
describe('the test policy in force for a person (检测 tab)', () => {
  let app: TestApp;
  let office: Agent;
  let township: Agent;
  let township2: Agent;
  let worker: Agent;
  let qingyuan: string;
  let riverside: string;
  let personId: string;

  const policy = (changes: Partial<typeof DEFAULT_TEST_POLICY> = {}) => ({ ...DEFAULT_TEST_POLICY, riskAdjust: { ...DEFAULT_TEST_POLICY.riskAdjust }, ...changes });
  const read = async (as: Agent = township): Promise<PersonTestPolicyDto> => {
    const response = await as.get(`/api/persons/${personId}/test-policy`);
    assert.equal(response.statusCode, 200, response.body);
    return response.json<PersonTestPolicyDto>();
  };
  const months = (p: PersonTestPolicyDto) => p.intervals.map((i) => [i.year, i.baseMonths, i.months]);
  const nextTest = async () => (await township.get(`/api/persons/${personId}/measures`)).json<{ items: MeasureDto[] }>().items[0]?.nextTest?.nextDue;

  before(async () => {
    app = await startTestApp();
    office = await app.login('office');
    township = await app.login('township');
    township2 = await app.login('township2');
    worker = await app.login('worker');
    qingyuan = (await given(app).orgNamed('清源街道')).id;
    riverside = (await given(app).orgNamed('河畔社区')).id;
    personId = (await given(app).person(township, '河畔社区', { name: '检测频次甲' })).id;
    // Reported in 2026-09-10, tested 2026-10-10 (measure year 1): the next test date follows the policy read here.
    const measureId = createdId(await township.post(`/api/persons/${personId}/measures`, {
      kind: 'communityTreatment', decisionDate: '2026-09-01', decisionReceivedDate: '2026-09-02', decidingAgency: '清源区公安分局', executingOrgUnitId: riverside,
    }));
    assert.equal((await township.post(`/api/measures/${measureId}/report-in`, { reportedOn: '2026-09-10', agreementSigned: true })).statusCode, 200);
    createdId(await township.post(`/api/persons/${personId}/tests`, { testedOn: '2026-10-10', kind: 'urine', setting: 'field', result: 'negative' }));
  });
  after(() => app.close());

  it('answers the default policy for an unassessed person (medium), audited; out of scope and a missing id are the same 404', async () => {
    const p = await read();
    assert.deepEqual(
      [p.orgUnit, p.policy, p.source, p.sourceUnit, p.sourceLabel, p.riskLevel, p.riskAssessed, p.riskFactor, p.minMonthsBetween],
      [{ id: riverside, name: '河畔社区' }, DEFAULT_TEST_POLICY, 'default', null, '默认', 'medium', false, 1, 1],
    );
    assert.deepEqual(months(p), [[1, 1, 1], [2, 2, 2], [3, 3, 3]]);
    const audit = await app.platform.db.selectFrom('audit_event').select(['entity_type', 'changes']).where('action', '=', 'measure.test_policy_viewed').where('entity_id', '=', personId).execute();
    assert.equal(audit.length, 1);
    assert.equal(audit[0]?.entity_type, 'person');
    assert.doesNotMatch(audit[0]?.changes ?? '', /medium|high|low/, 'the risk level is not copied into the audit row');

    const missing = expectProblem(await township.get('/api/persons/00000000-0000-4000-8000-000000000000/test-policy'), 404);
    const hidden = expectProblem(await township2.get(`/api/persons/${personId}/test-policy`), 404);
    assert.deepEqual({ ...hidden, requestId: null }, { ...missing, requestId: null }, 'the same body as a missing id');
    // A worker sees only the persons of her teams: not this one yet, then yes once she joins the team.
    expectProblem(await worker.get(`/api/persons/${personId}/test-policy`), 404);
    const workerAccount = await given(app).userNamed('worker');
    createdId(await township.post(`/api/persons/${personId}/work-team`, { teamRole: 'socialWorker', accountId: workerAccount.id, startedOn: '2026-11-01' }));
    assert.equal((await read(worker)).source, 'default');
    // Member departments never read supervision records (purpose-bound): refused by permission.
    assert.equal((await (await app.login('department')).get(`/api/persons/${personId}/test-policy`)).statusCode, 403);
  });

  it('follows a policy change: inherited from 清源街道, then the community\'s own — the same policy the next test date uses', async () => {
    assert.equal((await office.put(`/api/test-policies/${qingyuan}`, policy({ year1MonthsBetween: 2, year2MonthsBetween: 4, year3MonthsBetween: 6 }))).statusCode, 200);
    const inherited = await read();
    assert.deepEqual([inherited.source, inherited.sourceUnit, inherited.sourceLabel], ['inherited', { id: qingyuan, name: '清源街道' }, '沿用清源街道']);
    assert.deepEqual(months(inherited), [[1, 2, 2], [2, 4, 4], [3, 6, 6]]);
    assert.equal((await nextTest())?.date, '2026-12-10', 'the measure read uses the same policy (2 months in year 1)');

    assert.equal((await office.put(`/api/test-policies/${riverside}`, policy({ year1MonthsBetween: 3, minMonthsBetween: 2, riskAdjust: { high: 0.5, medium: 1, low: 1.5 } }))).statusCode, 200);
    const own = await read();
    assert.deepEqual([own.source, own.sourceUnit?.name, own.sourceLabel, own.minMonthsBetween], ['own', '河畔社区', '本单位设置', 2]);
    assert.deepEqual(months(own), [[1, 3, 3], [2, 2, 2], [3, 3, 3]]);
    assert.equal((await nextTest())?.date, '2027-01-10');
  });

  it('applies the factor of the person\'s current risk level: high halves the interval, never below the minimum', async () => {
    const version = (await township.get('/api/risk/instrument')).json<RiskInstrumentDto>().version;
    createdId(await township.post(`/api/persons/${personId}/risk-assessments`, { instrumentVersion: version, answers: HIGH }));
    const high = await read();
    assert.deepEqual([high.riskLevel, high.riskAssessed, high.riskFactor], ['high', true, 0.5]);
    // 3 × 0.5 = 1.5 → 2 (rounded up); 2 × 0.5 = 1 → the minimum 2; 3 × 0.5 → 2.
    assert.deepEqual(months(high), [[1, 3, 2], [2, 2, 2], [3, 3, 2]]);
    assert.equal((await nextTest())?.date, '2026-12-10', 'the next test date agrees (2 months after 2026-10-10)');
    assert.equal((await office.request('DELETE', `/api/test-policies/${riverside}`)).statusCode, 200);
    const back = await read();
    assert.deepEqual([back.source, back.sourceLabel, months(back)], ['inherited', '沿用清源街道', [[1, 2, 1], [2, 4, 2], [3, 6, 3]]]);
  });
});
