import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import ExcelJS from 'exceljs';
import type { LightMyRequestResponse } from 'fastify';
import { DEFAULT_RISK_INSTRUMENT, type RiskInstrumentDto, type WorklistRow } from '@qingyuan/shared';
import { expectProblem } from '../../testing/expect-problem.ts';
import { given } from '../../testing/given.ts';
import { startTestApp, type Agent, type TestApp } from '../../testing/test-app.ts';

// The test clock stands at 2026-11-23 (China time).
const DAY = 24 * 60 * 60 * 1000;
const LOWEST = Object.fromEntries(DEFAULT_RISK_INSTRUMENT.items.map((i) => [i.code, i.options[0]?.code ?? '']));
const HIGH = { ...LOWEST, useYears: 'gt5', recentPositive: 'more', missedReport: 'once' }; // scores high

function createdId(response: LightMyRequestResponse): string {
  assert.equal(response.statusCode, 201, response.body);
  return response.json<{ id: string }>().id;
}

/** 高风险人员, 疑似脱管, 待接收移交: the working lists about persons beyond the measure clocks. */
describe('person working lists (highRisk, lostContact, transfersWaiting)', () => {
  let app: TestApp;
  let township: Agent;
  let township2: Agent;
  let worker: Agent;
  let community: string;
  const persons: Record<'high' | 'overridden' | 'lost' | 'recent' | 'moving', string> = { high: '', overridden: '', lost: '', recent: '', moving: '' };

  const list = async (as: Agent, name: string, extra = ''): Promise<{ items: WorklistRow[]; total: number }> => {
    const response = await as.get(`/api/supervision/worklist?list=${name}&pageSize=200${extra}`);
    assert.equal(response.statusCode, 200, response.body);
    return response.json<{ items: WorklistRow[]; total: number }>();
  };
  const ids = async (as: Agent, name: string, extra = ''): Promise<string[]> => (await list(as, name, extra)).items.map((i) => i.personId);
  /** A person of 河畔社区 under community treatment reported in on `reportedOn` (received two days after the decision). */
  const underTreatment = async (name: string, decisionDate: string, received: string, reportedOn: string): Promise<string> => {
    const person = await given(app).person(township, '河畔社区', { name });
    const measureId = createdId(await township.post(`/api/persons/${person.id}/measures`, {
      kind: 'communityTreatment', decisionDate, decisionReceivedDate: received, decidingAgency: '清源区公安分局', executingOrgUnitId: community,
    }));
    const reported = await township.post(`/api/measures/${measureId}/report-in`, { reportedOn, agreementSigned: true });
    assert.equal(reported.statusCode, 200, reported.body);
    return person.id;
  };
  const assess = async (personId: string, body: object): Promise<void> => {
    const version = (await township.get('/api/risk/instrument')).json<RiskInstrumentDto>().version;
    createdId(await township.post(`/api/persons/${personId}/risk-assessments`, { instrumentVersion: version, answers: LOWEST, ...body }));
  };

  before(async () => {
    app = await startTestApp();
    township = await app.login('township');
    township2 = await app.login('township2');
    worker = await app.login('worker');
    community = (await given(app).orgNamed('河畔社区')).id;
    persons.high = await underTreatment('清单高风险', '2026-11-10', '2026-11-12', '2026-11-20');
    await assess(persons.high, { answers: LOWEST, assessedOn: '2026-11-20', override: 'high', reason: '近期多次接触吸毒人员' });
    persons.overridden = await underTreatment('清单调低', '2026-11-10', '2026-11-12', '2026-11-20');
    await assess(persons.overridden, { answers: HIGH, assessedOn: '2026-11-21', override: 'low', reason: '已稳定就业，家属监督' });
    persons.lost = await underTreatment('清单脱管', '2026-08-25', '2026-08-27', '2026-09-01');
    await underTreatment('清单久未联系', '2026-08-20', '2026-08-22', '2026-08-28'); // stays lost: the export has rows
    persons.recent = await underTreatment('清单近期', '2026-10-25', '2026-10-27', '2026-11-01');
  });
  after(() => app.close());

  it('高风险人员: the latest final (override-aware) level is high, with the assessment day and the next assessment due', async () => {
    const { items } = await list(township, 'highRisk');
    const row = items.find((i) => i.personId === persons.high);
    assert.ok(row, 'overridden up to high: listed');
    assert.equal(row.riskLevel, 'high');
    assert.equal(row.assessedOn, '2026-11-20');
    assert.equal(row.dueDate, '2027-02-20', 'quarterly after the last assessment');
    assert.equal(row.rule, 'riskAssessment.scheduled');
    assert.equal(row.measureKind, 'communityTreatment');
    assert.ok(!items.some((i) => i.personId === persons.overridden), 'computed high, overridden to low: not listed');
    assert.ok(!items.some((i) => i.personId === persons.lost), 'never assessed counts as medium');
    assert.ok(items.every((i) => i.riskLevel === 'high'));

    // A newer assessment that is not high takes the person off the list.
    await assess(persons.high, { answers: LOWEST, assessedOn: '2026-11-22' });
    assert.ok(!(await ids(township, 'highRisk')).includes(persons.high));
    await assess(persons.high, { answers: HIGH, assessedOn: '2026-11-23' });
    assert.ok((await ids(township, 'highRisk')).includes(persons.high));
  });

  it('疑似脱管: reported in, no visit, test or report-in for 30 days (the lostContact default), with last contact and days since', async () => {
    const { items } = await list(township, 'lostContact');
    const row = items.find((i) => i.personId === persons.lost);
    assert.ok(row, 'last contact 2026-09-01: listed');
    assert.equal(row.lastContactDate, '2026-09-01');
    assert.equal(row.daysSinceContact, 83);
    assert.equal(row.thresholdDays, 30);
    assert.equal(row.dueDate, '2026-10-01');
    assert.ok(!items.some((i) => i.personId === persons.recent), '22 days since the report-in: not yet');
    assert.ok(items.every((i) => (i.daysSinceContact ?? 0) >= (i.thresholdDays ?? 0)));
    const days = items.map((i) => i.daysSinceContact ?? 0);
    assert.deepEqual(days, [...days].sort((a, b) => b - a), 'longest gap first');

    // A home visit is a contact: the person leaves the list.
    createdId(await township.post(`/api/persons/${persons.lost}/visits`, { visitedOn: '2026-11-22', kind: 'homeVisit', content: '入户走访，本人在家' }));
    assert.ok(!(await ids(township, 'lostContact')).includes(persons.lost));
  });

  it('疑似脱管 follows the lostContact days the office set for the unit, as the alert does', async () => {
    const office = await app.login('office');
    assert.equal((await office.put('/api/alert-rules/lostContact', { orgUnitId: community, params: { days: 20 } })).statusCode, 200);
    const row = (await list(township, 'lostContact')).items.find((i) => i.personId === persons.recent);
    assert.ok(row, '22 days since the report-in: listed at 20 days');
    assert.equal(row.thresholdDays, 20);
    assert.equal(row.dueDate, '2026-11-21');
    assert.equal((await office.put('/api/alert-rules/lostContact', { orgUnitId: community, params: { days: 30 } })).statusCode, 200);
    assert.ok(!(await ids(township, 'lostContact')).includes(persons.recent), 'back at 30 days: not listed');
  });

  it('keeps each list in scope: township2 sees none of 清源街道\'s persons, a worker only its team\'s, a unit filter narrows', async () => {
    const ours = new Set([...(await ids(township, 'highRisk')), ...(await ids(township, 'lostContact'))]);
    assert.ok(ours.size > 0);
    for (const name of ['highRisk', 'lostContact', 'transfersWaiting']) {
      const theirs = await ids(township2, name);
      assert.ok(!theirs.some((id) => ours.has(id)), `${name}: township2 sees a person of 清源街道`);
    }
    // The unit filter: a unit of another township is refused like any unit outside the scope.
    const mingde = (await given(app).orgNamed('明德社区')).id;
    expectProblem(await township.get(`/api/supervision/worklist?list=highRisk&orgUnitId=${mingde}`), 400, 'orgUnitId');
    assert.ok((await ids(township, 'highRisk', `&orgUnitId=${community}`)).includes(persons.high));

    // The worker sees the high-risk person only once on its work team.
    assert.ok(!(await ids(worker, 'highRisk')).includes(persons.high));
    const workerId = (await given(app).userNamed('worker')).id;
    createdId(await township.post(`/api/persons/${persons.high}/work-team`, { teamRole: 'socialWorker', accountId: workerId, startedOn: '2026-11-23' }));
    const workerList = await ids(worker, 'highRisk');
    assert.ok(workerList.includes(persons.high));
    const team = await app.platform.db.selectFrom('work_team_member').select('person_id').where('account_id', '=', workerId).where('ended_on', 'is', null).execute();
    const onTeam = new Set(team.map((t) => t.person_id));
    assert.ok(workerList.every((id) => onTeam.has(id)), 'a worker lists only its team');
  });

  it('exports each list to Excel with one row per item, audited with the list and the row count', async () => {
    for (const name of ['highRisk', 'lostContact']) {
      const { total } = await list(township, name);
      const response = await township.get(`/api/supervision/worklist/export?list=${name}`);
      assert.equal(response.statusCode, 200, response.body);
      const workbook = new ExcelJS.Workbook();
      await workbook.xlsx.load(response.rawPayload as unknown as ArrayBuffer);
      const sheet = workbook.worksheets[0];
      assert.ok(sheet);
      assert.equal(sheet.rowCount, 3 + total, `${name}: title, subtitle, header and the rows`);
      assert.ok(total > 0, `${name} has rows to export`);
      const audits = await app.platform.db.selectFrom('audit_event').select('changes').where('action', '=', 'worklist.exported').execute();
      const logged = audits.map((a) => JSON.parse(a.changes ?? '{}') as unknown);
      assert.ok(logged.some((c) => JSON.stringify(c) === JSON.stringify({ filter: { list: name }, rows: total })), `${name}: audited with the row count`);
    }
  });

  it('待接收移交: a pending transfer is on the receiving side\'s list (not the sender\'s), with days waited and escalation after 7 days', async () => {
    const person = await given(app).person(township, '河畔社区', { name: '清单移交' });
    persons.moving = person.id;
    const receiving = (await given(app).orgNamed('明德社区')).id;
    const transferId = createdId(await township.post(`/api/persons/${person.id}/transfers`, { toOrgUnitId: receiving, reason: '居住地变更' }));
    assert.ok(!(await ids(township, 'transfersWaiting')).includes(person.id), 'the sender does not receive');
    let row = (await list(township2, 'transfersWaiting')).items.find((i) => i.personId === person.id);
    assert.ok(row);
    assert.equal(row.transferId, transferId);
    assert.equal(row.fromOrgUnitName, '河畔社区');
    assert.equal(row.toOrgUnitName, '明德社区');
    assert.equal(row.sentOn, '2026-11-23');
    assert.equal(row.pendingDays, 0);
    assert.equal(row.escalated, false);
    assert.equal(row.measureId, null);
    assert.ok((await ids(township2, 'transfersWaiting', `&orgUnitId=${receiving}`)).includes(person.id));

    app.clock.advance(8 * DAY);
    township2 = await app.login('township2');
    row = (await list(township2, 'transfersWaiting')).items.find((i) => i.personId === person.id);
    assert.equal(row?.pendingDays, 8);
    assert.equal(row?.escalated, true);
    const { total } = await list(township2, 'transfersWaiting');
    const response = await township2.get('/api/supervision/worklist/export?list=transfersWaiting');
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(response.rawPayload as unknown as ArrayBuffer);
    assert.equal(workbook.worksheets[0]?.rowCount, 3 + total);

    // Accepted: no longer waiting.
    assert.equal((await township2.post(`/api/transfers/${transferId}/accept`, { acceptedOn: '2026-12-01' })).statusCode, 200);
    assert.ok(!(await ids(township2, 'transfersWaiting')).includes(person.id));
  });

  it('refuses an unknown list naming the parameter', async () => {
    expectProblem(await township2.get('/api/supervision/worklist?list=everyone'), 400, 'list');
  });
});
