import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { LightMyRequestResponse } from 'fastify';
import { DEFAULT_RISK_INSTRUMENT, DEFAULT_TEST_POLICY, type WorklistItem } from '@qingyuan/shared';
import { DAY } from '../../platform/clock.ts';
import { given } from '../../testing/given.ts';
import { startTestApp, type Agent, type TestApp } from '../../testing/test-app.ts';

// The test clock stands at 2026-11-23 (China time). Stored due dates (measure_due) must give exactly the lists the
// live computation gives: compared for every measure list and several callers after each kind of write.

const LISTS = ['due', 'overdue', 'notReportedIn', 'endingSoon'] as const;
const LOWEST = Object.fromEntries(DEFAULT_RISK_INSTRUMENT.items.map((i) => [i.code, i.options[0]?.code ?? '']));
const HIGH = { ...LOWEST, useYears: 'gt5', recentPositive: 'more', missedReport: 'once' };
type Page = { items: WorklistItem[]; total: number };

function createdId(response: LightMyRequestResponse): string {
  assert.equal(response.statusCode, 201, response.body);
  return response.json<{ id: string }>().id;
}
function ok(response: LightMyRequestResponse): void {
  assert.ok(response.statusCode < 300, response.body);
}

describe('stored due dates (measure_due): working lists as index queries', () => {
  let app: TestApp;
  let office: Agent;
  let township: Agent;
  let township2: Agent;
  let worker: Agent;
  let qingyuan: string;
  let mingde: string;
  const people: Record<string, { personId: string; measureId: string }> = {};

  const today = () => new Date(app.clock.now().getTime() + 8 * 3600_000).toISOString().slice(0, 10);
  const page = async (as: Agent, list: string, extra = ''): Promise<Page> => {
    const response = await as.get(`/api/supervision/worklist?list=${list}${extra.includes('pageSize') ? '' : '&pageSize=200'}${extra}`);
    assert.equal(response.statusCode, 200, response.body);
    return response.json<Page>();
  };
  const refreshedDay = async () => (await app.platform.db.selectFrom('measure_due_refresh').select('day').executeTakeFirst())?.day ?? null;
  /** Runs `read` once on the stored rows and once on the live computation (refresh marker moved to another day). */
  async function storedAndLive<T>(read: () => Promise<T>): Promise<{ stored: T; live: T }> {
    const day = await refreshedDay();
    assert.equal(day, today(), 'the stored rows are current');
    const stored = await read();
    await app.platform.db.updateTable('measure_due_refresh').set({ day: '2000-01-01' }).execute();
    try {
      return { stored, live: await read() };
    } finally {
      await app.platform.db.updateTable('measure_due_refresh').set({ day }).execute();
    }
  }
  /** Every measure list, for every caller (and a unit filter, and page 2 of 2-row pages), equal stored and live. */
  async function assertSame(label: string): Promise<Record<string, Page>> {
    const callers: [string, Agent, string][] = [
      ['office', office, ''], ['township', township, ''], ['township2', township2, ''], ['worker', worker, ''],
      ['office under 明德街道', office, `&orgUnitId=${mingde}`], ['office page 2', office, '&pageSize=2&page=2'],
    ];
    const byList: Record<string, Page> = {};
    for (const list of LISTS) {
      for (const [name, as, extra] of callers) {
        const { stored, live } = await storedAndLive(() => page(as, list, extra));
        assert.deepEqual(stored, live, `${label}: ${list} for ${name}`);
        if (name === 'office') byList[list] = stored;
      }
    }
    return byList;
  }
  const names = (p: Page | undefined) => new Set((p?.items ?? []).map((i) => i.personId));
  const row = (measureId: string) => app.platform.db.selectFrom('measure_due').selectAll().where('measure_id', '=', measureId).executeTakeFirst();

  async function supervised(key: string, as: Agent, unit: string, executingOrgUnitId: string, o: {
    kind?: string; decisionDate?: string; received?: string; termMonths?: number; reportedOn?: string | null; lastTest?: string | null; name?: string;
  } = {}): Promise<void> {
    const person = await given(app).person(as, unit, o.name ? { name: o.name } : {});
    // The worker registers (and so joins the team); the township records the measure.
    if (as === worker) as = township;
    const measureId = createdId(await as.post(`/api/persons/${person.id}/measures`, {
      kind: o.kind ?? 'communityTreatment', decisionDate: o.decisionDate ?? '2026-09-01', decisionReceivedDate: o.received ?? '2026-09-02',
      decidingAgency: '清源区公安分局', executingOrgUnitId, ...(o.termMonths ? { termMonths: o.termMonths } : {}),
    }));
    if (o.reportedOn !== null) ok(await as.post(`/api/measures/${measureId}/report-in`, { reportedOn: o.reportedOn ?? '2026-09-10', agreementSigned: true, note: '签订协议' }));
    if (o.lastTest) createdId(await as.post(`/api/persons/${person.id}/tests`, { testedOn: o.lastTest, kind: 'urine', setting: 'field', result: 'negative', tester: '李社工' }));
    people[key] = { personId: person.id, measureId };
  }
  const id = (key: string) => people[key]?.personId ?? '';

  before(async () => {
    app = await startTestApp();
    office = await app.login('office');
    township = await app.login('township');
    township2 = await app.login('township2');
    worker = await app.login('worker');
    qingyuan = (await given(app).orgNamed('清源街道')).id;
    mingde = (await given(app).orgNamed('明德街道')).id;
    // A varied population in two townships.
    await supervised('notReported', township, '河畔社区', qingyuan, { decisionDate: '2026-10-30', received: '2026-11-01', reportedOn: null, name: '未报到甲' });
    await supervised('overdue', township, '河畔社区', qingyuan, { lastTest: '2026-10-10', name: '逾期乙' });
    await supervised('dueToday', township, '河畔社区', qingyuan, { lastTest: '2026-10-23', name: '今日丙' });
    await supervised('upToDate', township, '文昌社区', qingyuan, { lastTest: '2026-11-20', name: '按时丁' });
    await supervised('lateReport', township, '河畔社区', qingyuan, { decisionDate: '2026-10-30', received: '2026-11-01', reportedOn: '2026-11-17', name: '迟报戊' });
    await supervised('endingSoon', township, '文昌社区', qingyuan, {
      kind: 'communityRehab', decisionDate: '2025-12-10', received: '2025-12-11', termMonths: 12, reportedOn: '2025-12-15', lastTest: '2026-11-01', name: '期满己',
    });
    await supervised('ended', township, '文昌社区', qingyuan, {
      kind: 'communityRehab', decisionDate: '2025-09-01', received: '2025-09-02', termMonths: 12, reportedOn: '2025-09-05', lastTest: '2025-12-01', name: '已满庚',
    });
    await supervised('suspended', township, '河畔社区', qingyuan, { lastTest: '2026-10-01', name: '中止辛' });
    ok(await township.post(`/api/measures/${people['suspended']?.measureId ?? ''}/events`, { type: 'suspension', from: '2026-11-05', note: '住院治疗' }));
    // Measure year 2 (two-monthly): high risk halves it, so the test of 2026-10-01 was due again on 2026-11-01.
    await supervised('highRisk', township, '河畔社区', qingyuan, {
      decisionDate: '2025-09-01', received: '2025-09-02', reportedOn: '2025-09-10', lastTest: '2026-10-01', name: '高危壬',
    });
    await supervised('moved', township, '东门社区', qingyuan, { lastTest: '2026-10-12', name: '东门辰' });
    const version = (await township.get('/api/risk/instrument')).json<{ version: number }>().version;
    createdId(await township.post(`/api/persons/${id('highRisk')}/risk-assessments`, { instrumentVersion: version, answers: HIGH, assessedOn: '2026-11-02' }));
    await supervised('other', township2, '明德社区', mingde, { lastTest: '2026-10-10', name: '明德癸' });
    await supervised('otherNotReported', township2, '明德社区', mingde, { decisionDate: '2026-10-30', received: '2026-11-01', reportedOn: null, name: '明德子' });
    // The worker's own registration puts it on the team: its scope sees this one person.
    await supervised('workers', worker, '河畔社区', qingyuan, { lastTest: '2026-10-12', name: '社工丑' });
    const refreshed = await app.measureDue.refresh();
    assert.equal(refreshed?.day, '2026-11-23');
  });
  after(() => app.close());

  it('stores one row per open community measure and gives the same four lists as the live computation, in the same order', async () => {
    const lists = await assertSame('after the refresh');
    assert.ok(names(lists['notReportedIn']).has(id('notReported')));
    for (const key of ['overdue', 'lateReport', 'other', 'workers', 'highRisk']) assert.ok(names(lists['overdue']).has(id(key)), `${key} overdue`);
    assert.ok(names(lists['due']).has(id('dueToday')));
    assert.ok(names(lists['endingSoon']).has(id('endingSoon')));
    for (const list of LISTS) {
      for (const key of ['upToDate', 'ended', 'suspended']) assert.ok(!names(lists[list]).has(id(key)), `${key} is on no ${list} list`);
    }
    const overdue = await row(people['overdue']?.measureId ?? '');
    assert.equal(overdue?.test_state, 'overdue');
    assert.equal(overdue?.next_test_due, '2026-11-10');
    assert.equal(overdue?.next_test_rule, 'testSchedule.nextDue');
    assert.equal(overdue?.computed_on, '2026-11-23');
    assert.equal(await row(people['ended']?.measureId ?? ''), undefined, 'ordered after its term: recorded as ended, not open');
    assert.equal((await row(people['suspended']?.measureId ?? ''))?.status, 'suspended');
  });

  it('reads the stored rows while they are today\'s (a row removed by hand vanishes) and computes live otherwise', async () => {
    const measureId = people['overdue']?.measureId ?? '';
    const saved = await row(measureId);
    assert.ok(saved);
    await app.platform.db.deleteFrom('measure_due').where('measure_id', '=', measureId).execute();
    try {
      const { stored, live } = await storedAndLive(() => page(township, 'overdue'));
      assert.ok(!stored.items.some((i) => i.measureId === measureId), 'the stored read does not compute');
      assert.ok(live.items.some((i) => i.measureId === measureId), 'the fallback computes');
      assert.equal(stored.total + 1, live.total);
    } finally {
      await app.platform.db.insertInto('measure_due').values(saved).execute();
    }
    // The audit row is written either way, with the count of matches.
    const audits = await app.platform.db.selectFrom('audit_event').select('changes').where('action', '=', 'supervision.worklist_viewed').execute();
    assert.ok(audits.length > 0);
  });

  it('keeps the rows current after each kind of write (order, report-in, test, event, termination, risk)', async () => {
    await supervised('fresh', township, '河畔社区', qingyuan, { decisionDate: '2026-10-30', received: '2026-11-01', reportedOn: null, name: '新增寅' });
    assert.ok(names((await page(township, 'notReportedIn'))).has(id('fresh')), 'ordered: on the list without a refresh');
    await assertSame('after ordering');
    ok(await township.post(`/api/measures/${people['fresh']?.measureId ?? ''}/report-in`, { reportedOn: '2026-11-20', agreementSigned: true, note: '签订协议' }));
    let lists = await assertSame('after a late report-in');
    assert.ok(!names(lists['notReportedIn']).has(id('fresh')));
    assert.ok(names(lists['overdue']).has(id('fresh')), 'first test was due on the report-in day');
    createdId(await township.post(`/api/persons/${id('overdue')}/tests`, { testedOn: '2026-11-22', kind: 'urine', setting: 'field', result: 'negative' }));
    lists = await assertSame('after a test');
    assert.ok(!names(lists['overdue']).has(id('overdue')));
    ok(await township.post(`/api/measures/${people['lateReport']?.measureId ?? ''}/events`, { type: 'suspension', from: '2026-11-21' }));
    lists = await assertSame('after a suspension');
    assert.ok(!names(lists['overdue']).has(id('lateReport')));
    ok(await township.post(`/api/measures/${people['lateReport']?.measureId ?? ''}/events`, { type: 'suspension', from: '2026-11-21', to: '2026-11-22' }));
    lists = await assertSame('after the suspension ended');
    assert.ok(names(lists['overdue']).has(id('lateReport')));
    ok(await township.post(`/api/measures/${people['endingSoon']?.measureId ?? ''}/events`, { type: 'termination', from: '2026-11-22', reason: 'other', note: '死亡' }));
    lists = await assertSame('after a termination');
    assert.ok(!names(lists['endingSoon']).has(id('endingSoon')));
    assert.equal(await row(people['endingSoon']?.measureId ?? ''), undefined, 'a closed measure keeps no row');
    // A low assessment of the high-risk person lengthens the interval: from overdue to not yet due.
    const version = (await township.get('/api/risk/instrument')).json<{ version: number }>().version;
    const before = await row(people['highRisk']?.measureId ?? '');
    createdId(await township.post(`/api/persons/${id('highRisk')}/risk-assessments`, { instrumentVersion: version, answers: LOWEST, assessedOn: '2026-11-22' }));
    const afterRisk = await row(people['highRisk']?.measureId ?? '');
    assert.notEqual(afterRisk?.next_test_due, before?.next_test_due);
    lists = await assertSame('after a risk assessment');
    assert.ok(!names(lists['overdue']).has(id('highRisk')));
  });

  it('follows a test policy set and cleared on a township, a transfer accepted, a unit edit and an org move', async () => {
    ok(await office.put(`/api/test-policies/${mingde}`, { ...DEFAULT_TEST_POLICY, riskAdjust: { ...DEFAULT_TEST_POLICY.riskAdjust }, year1MonthsBetween: 3 }));
    let lists = await assertSame('after a policy set');
    assert.ok(!names(lists['overdue']).has(id('other')), 'three-monthly: not yet due');
    ok(await office.request('DELETE', `/api/test-policies/${mingde}`));
    lists = await assertSame('after the policy cleared');
    assert.ok(names(lists['overdue']).has(id('other')));

    // Transfer to 明德社区 and acceptance: the duties and the row move to the receiver.
    const receiving = (await given(app).orgNamed('明德社区')).id;
    const transferId = createdId(await township.post(`/api/persons/${id('dueToday')}/transfers`, { toOrgUnitId: receiving, reason: '长期居住在明德街道' }));
    await assertSame('while the transfer waits');
    ok(await township2.post(`/api/transfers/${transferId}/accept`, { acceptedOn: '2026-11-23' }));
    lists = await assertSame('after the transfer was accepted');
    assert.ok(names(await page(township2, 'due')).has(id('dueToday')));
    assert.ok(!names(await page(township, 'due')).has(id('dueToday')));
    const moved = await row(people['dueToday']?.measureId ?? '');
    const personPath = (await app.platform.db.selectFrom('person').select('org_path').where('id', '=', id('dueToday')).executeTakeFirstOrThrow()).org_path;
    assert.equal(moved?.org_path, personPath);

    // A policy on 长宁街道, then 东门社区 moves there: its persons take that policy.
    assert.ok(names(lists['overdue']).has(id('moved')));
    const changning = (await given(app).orgNamed('长宁街道')).id;
    ok(await office.put(`/api/test-policies/${changning}`, { ...DEFAULT_TEST_POLICY, riskAdjust: { ...DEFAULT_TEST_POLICY.riskAdjust }, year1MonthsBetween: 3 }));
    const dongmen = await given(app).orgNamed('东门社区');
    ok(await office.post(`/api/orgs/${dongmen.id}/move`, { newParentId: changning, divisionCode: null }));
    lists = await assertSame('after the org move');
    assert.ok(names(lists['overdue']).has(id('other')), 'other township unchanged');
    assert.ok(!names(lists['overdue']).has(id('moved')), 'three-monthly under 长宁街道');
    assert.ok(!names(await page(township, 'overdue')).has(id('moved')), 'out of the township\'s scope');
    const path = (await app.platform.db.selectFrom('person').select('org_path').where('id', '=', id('moved')).executeTakeFirstOrThrow()).org_path;
    assert.equal((await row(people['moved']?.measureId ?? ''))?.org_path, path);

    // The responsible unit edited to 文昌社区 (清源街道, default policy): overdue again, back on the township's list.
    const wenchang = (await given(app).orgNamed('文昌社区')).id;
    const version = (await office.get(`/api/persons/${id('moved')}`)).json<{ version: number }>().version;
    const edited = await office.request('PATCH', `/api/persons/${id('moved')}`, { orgUnitId: wenchang }, { 'if-match': `"${String(version)}"` });
    assert.equal(edited.statusCode, 200, edited.body);
    lists = await assertSame('after the unit edit');
    assert.ok(names(lists['overdue']).has(id('moved')));
    assert.ok(names(await page(township, 'overdue')).has(id('moved')));
  });

  it('isolates scopes: another township sees none of these rows, the worker only its team\'s person', async () => {
    const mine = new Set([id('notReported'), id('overdue'), id('lateReport'), id('highRisk'), id('fresh'), id('workers'), id('suspended')]);
    for (const list of LISTS) {
      const other = await page(township2, list);
      assert.ok(![...names(other)].some((p) => mine.has(p)), `township2 ${list}`);
      const workers = await page(worker, list);
      assert.ok([...names(workers)].every((p) => p === id('workers')), `worker ${list}`);
    }
    assert.ok(names(await page(worker, 'overdue')).has(id('workers')));
  });

  it('falls back to the live computation the next day until the refresh has run, then reads the new day\'s rows', async () => {
    await assertSame('before the day change');
    app.clock.advance(DAY);
    // A day later every session has expired.
    office = await app.login('office');
    township = await app.login('township');
    township2 = await app.login('township2');
    worker = await app.login('worker');
    assert.equal(await app.measureDue.isFresh(app.platform.db), false);
    // Stale rows are not read: a test due on 2026-11-24 is "due" now, though yesterday's row says nothing.
    await supervised('dueTomorrow', township, '文昌社区', qingyuan, { lastTest: '2026-10-24', name: '明日卯' });
    const beforeRefresh = await page(township, 'due');
    assert.ok(names(beforeRefresh).has(id('dueTomorrow')));
    const result = await app.measureDue.refresh();
    assert.equal(result?.day, '2026-11-24');
    assert.equal(await refreshedDay(), '2026-11-24');
    const lists = await assertSame('after the next day\'s refresh');
    assert.deepEqual(lists['due'], await page(office, 'due'));
    assert.ok(names(lists['due']).has(id('dueTomorrow')));
    const rows = await app.platform.db.selectFrom('measure_due').select('computed_on').distinct().execute();
    assert.deepEqual(rows.map((r) => r.computed_on), ['2026-11-24']);
  });

  it('moves the rows into the restricted archive with the person (ARCHIVED_TABLES) and back on restore', async () => {
    const { archivePerson, restorePerson } = await import('../abstinence/abstinence.repository.ts');
    const measureId = people['upToDate']?.measureId ?? '';
    await app.platform.db.transaction().execute((trx) => archivePerson(trx, id('upToDate'), app.clock.now()));
    assert.match((await row(measureId))?.org_path ?? '', /^archive:/);
    await assertSame('after archiving');
    await app.platform.db.transaction().execute((trx) => restorePerson(trx, id('upToDate'), app.clock.now()));
    assert.doesNotMatch((await row(measureId))?.org_path ?? '', /^archive:/);
    await assertSame('after restoring');
  });
});
