import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import type { LightMyRequestResponse } from 'fastify';
import { DEFAULT_RISK_INSTRUMENT, type AlertDto, type RuleSettingDto } from '@qingyuan/shared';
import { DAY, HOUR, MINUTE } from '../../platform/clock.ts';
import { expectProblem } from '../../testing/expect-problem.ts';
import { given } from '../../testing/given.ts';
import { startTestApp, type Agent, type TestApp } from '../../testing/test-app.ts';
import { AlertEngine } from './alert-engine.ts';
import type { AlertFacts } from './alert-rule.ts';

// The test clock starts at 2026-11-23 10:00 China time.

function createdId(response: LightMyRequestResponse): string {
  assert.equal(response.statusCode, 201, response.body);
  return response.json<{ id: string }>().id;
}

describe('alerts: rules over supervision data, outbox dispatch, sweep, inbox workflow, SLA escalation', () => {
  let app: TestApp;
  let office: Agent;
  let township: Agent;
  let township2: Agent;
  let executingOrgUnitId: string;

  before(async () => {
    app = await startTestApp();
    office = await app.login('office');
    township = await app.login('township');
    township2 = await app.login('township2');
    executingOrgUnitId = (await given(app).orgNamed('清源街道')).id;
  });
  after(() => app.close());

  const order = (personId: string, body: object = {}) => township.post(`/api/persons/${personId}/measures`, {
    kind: 'communityTreatment', decisionDate: '2026-10-30', decisionReceivedDate: '2026-11-01', decidingAgency: '清源区公安分局', executingOrgUnitId, ...body,
  });
  const reportIn = async (measureId: string, reportedOn: string) => {
    const r = await township.post(`/api/measures/${measureId}/report-in`, { reportedOn, agreementSigned: true });
    assert.equal(r.statusCode, 200, r.body);
  };
  const recordTest = (personId: string, body: object) =>
    township.post(`/api/persons/${personId}/tests`, { testedOn: '2026-11-20', kind: 'urine', setting: 'field', result: 'negative', ...body });
  const alertsOf = async (as: Agent, personId: string, extra = ''): Promise<AlertDto[]> => {
    const r = await as.get(`/api/alerts?personId=${personId}&pageSize=200${extra}`);
    assert.equal(r.statusCode, 200, r.body);
    return r.json<{ items: AlertDto[] }>().items;
  };
  const detail = async (as: Agent, id: string): Promise<AlertDto> => {
    const r = await as.get(`/api/alerts/${id}`);
    assert.equal(r.statusCode, 200, r.body);
    return r.json<AlertDto>();
  };
  const sweep = async () => {
    const r = await office.post('/api/alerts/sweep');
    assert.equal(r.statusCode, 200, r.body);
    return r.json<{ ran: boolean; raised: number; closed: number; escalated: number }>();
  };
  const dispatch = () => app.alerts.engine.dispatch();
  /** After moving the clock by hours the sessions have expired (idle 30 min): sign in again. */
  const relogin = async () => {
    office = await app.login('office');
    township = await app.login('township');
  };
  const overduePerson = async (name: string) => {
    const person = await given(app).person(township, '河畔社区', { name });
    const measureId = createdId(await order(person.id));
    await reportIn(measureId, '2026-11-12'); // first test due that day: 11 days overdue on 2026-11-23
    return { ...person, measureId };
  };

  it('raises 逾期未报到 from the outbox event of the order, once; the sweep adds no duplicate; a report-in closes it as such', async () => {
    const person = await given(app).person(township, '河畔社区');
    const measureId = createdId(await order(person.id));
    assert.deepEqual(await alertsOf(township, person.id), [], 'nothing before the dispatcher ran');
    await dispatch();
    let alerts = await alertsOf(township, person.id);
    assert.equal(alerts.length, 1);
    const [alert] = alerts;
    assert.equal(alert?.rule, 'reportInOverdue');
    assert.equal(alert?.level, 'high');
    assert.equal(alert?.status, 'new');
    assert.equal(alert?.orgUnit.name, '河畔社区');
    assert.match(alert?.summary ?? '', /2026-11-16/);
    await sweep();
    await dispatch();
    assert.equal((await alertsOf(township, person.id)).length, 1, 'one alert per condition, not one per sweep');

    await reportIn(measureId, '2026-11-20');
    await dispatch();
    alerts = await alertsOf(township, person.id);
    assert.equal(alerts.length, 1);
    assert.equal(alerts[0]?.status, 'autoClosed');
    assert.equal(alerts[0]?.closedReason, '预警条件已消除');
    const history = (await detail(township, alert?.id ?? '')).history ?? [];
    assert.deepEqual(history.map((h) => [h.action, h.toStatus, h.actor]), [['raised', 'new', null], ['autoClosed', 'autoClosed', null]]);
    const audit = await app.platform.db.selectFrom('audit_event').select('action').where('entity_id', '=', alert?.id ?? '').orderBy('seq').execute();
    assert.deepEqual(audit.map((a) => a.action), ['alert.raised', 'alert.auto_closed', 'alert.viewed']);
  });

  it('raises 检测阳性 for a positive test and closes it when a later test is negative', async () => {
    const person = await given(app).person(township, '河畔社区');
    await reportIn(createdId(await order(person.id)), '2026-11-12');
    createdId(await recordTest(person.id, { testedOn: '2026-11-18', result: 'positive', substances: ['methamphetamine'] }));
    await dispatch();
    let positive = (await alertsOf(township, person.id, '&rule=positiveTest'));
    assert.equal(positive.length, 1);
    assert.equal(positive[0]?.status, 'new');
    createdId(await recordTest(person.id, { testedOn: '2026-11-21', result: 'negative' }));
    await dispatch();
    positive = await alertsOf(township, person.id, '&rule=positiveTest');
    assert.equal(positive.length, 1);
    assert.equal(positive[0]?.status, 'autoClosed');
  });

  it('raises 严重违反协议 (shared seriousViolation) at the third refused test, not before', async () => {
    const person = await given(app).person(township, '河畔社区');
    await reportIn(createdId(await order(person.id)), '2026-11-12');
    for (const day of ['2026-11-13', '2026-11-16']) createdId(await recordTest(person.id, { testedOn: day, result: 'refused' }));
    await dispatch();
    assert.deepEqual(await alertsOf(township, person.id, '&rule=seriousViolation'), []);
    createdId(await recordTest(person.id, { testedOn: '2026-11-19', result: 'refused' }));
    await dispatch();
    const serious = await alertsOf(township, person.id, '&rule=seriousViolation');
    assert.equal(serious.length, 1);
    assert.equal(serious[0]?.level, 'high');
    assert.match(serious[0]?.summary ?? '', /公安/);
  });

  it('raises 严重违反协议 at the third unauthorised absence too, from the leave event (no test, no sweep)', async () => {
    const person = await given(app).person(township, '河畔社区');
    await reportIn(createdId(await order(person.id)), '2026-11-12');
    const absence = (from: string, to: string) => township.post(`/api/persons/${person.id}/leaves`, { kind: 'absence', from, to });
    createdId(await absence('2026-11-13', '2026-11-15'));
    createdId(await absence('2026-11-16', '2026-11-18'));
    await dispatch();
    assert.deepEqual(await alertsOf(township, person.id, '&rule=seriousViolation'), []);
    createdId(await absence('2026-11-19', '2026-11-21'));
    await dispatch();
    const serious = await alertsOf(township, person.id, '&rule=seriousViolation');
    assert.deepEqual(serious.map((a) => a.status), ['new']);
    assert.match(serious[0]?.summary ?? '', /擅自离开/);
  });

  it('检测逾期 follows the N-days parameter, inherited down the tree with the nearest setting winning, and closes when it no longer holds', async () => {
    const person = await overduePerson('逾期十一天');
    const district = (await given(app).orgNamed('清源街道'));
    const village = await given(app).orgNamed('河畔社区');
    const put = (orgUnitId: string, body: object) => office.put('/api/alert-rules/testOverdue', { orgUnitId, ...body });
    assert.equal((await put(district.id, { params: { days: 12 } })).statusCode, 200);
    await sweep();
    assert.deepEqual(await alertsOf(township, person.id, '&rule=testOverdue'), [], '11 days < 12 set for the street');
    assert.equal((await put(village.id, { params: { days: 5 } })).statusCode, 200);
    await sweep();
    const raised = await alertsOf(township, person.id, '&rule=testOverdue');
    assert.equal(raised.length, 1, 'the community’s own 5 days wins over the street’s 12');
    assert.equal(raised[0]?.level, 'medium');
    const settings = (await office.get(`/api/alert-rules?orgUnitId=${village.id}`)).json<{ items: RuleSettingDto[] }>().items;
    assert.deepEqual(settings.find((s) => s.rule === 'testOverdue')?.effective, { enabled: true, params: { days: 5 } });
    assert.equal((await put(village.id, { enabled: false })).statusCode, 200);
    await sweep();
    const closed = await alertsOf(township, person.id, '&rule=testOverdue');
    assert.equal(closed[0]?.status, 'autoClosed');
    assert.equal(closed[0]?.closedReason, '规则已停用或参数调整，条件不再满足');
    expectProblem(await put(village.id, { params: { days: 0 } }), 400, 'params.days');
    expectProblem(await put(village.id, { params: { weeks: 2 } }), 400, 'params.weeks');
    expectProblem(await township.put('/api/alert-rules/testOverdue', { orgUnitId: village.id, params: { days: 3 } }), 403);
    // Back to the defaults for the other tests.
    assert.equal((await put(village.id, { enabled: true, params: {} })).statusCode, 200);
    assert.equal((await put(district.id, { params: {} })).statusCode, 200);
  });

  it('raises 请假逾期未归 for a leave past its return day and closes it when the return is recorded', async () => {
    const person = await given(app).person(township, '河畔社区');
    await reportIn(createdId(await order(person.id)), '2026-11-12');
    const leaveId = createdId(await township.post(`/api/persons/${person.id}/leaves`, { kind: 'leave', from: '2026-11-14', to: '2026-11-18', approvedBy: '李晓梅' }));
    await sweep();
    let leave = await alertsOf(township, person.id, '&rule=leaveOverdue');
    assert.equal(leave.length, 1);
    assert.match(leave[0]?.summary ?? '', /2026-11-18.*逾期5天/);
    await sweep();
    assert.equal((await alertsOf(township, person.id, '&rule=leaveOverdue')).length, 1, 'no duplicate');
    const returned = await township.post(`/api/leaves/${leaveId}/return`, { returnedOn: '2026-11-20' });
    assert.equal(returned.statusCode, 200, returned.body);
    await sweep();
    leave = await alertsOf(township, person.id, '&rule=leaveOverdue');
    assert.equal(leave[0]?.status, 'autoClosed');
  });

  it('raises 疑似脱管失控 after N days without contact (N per unit) and closes it when contact resumes', async () => {
    const person = await given(app).person(township, '河畔社区');
    await reportIn(createdId(await order(person.id)), '2026-11-12');
    await sweep();
    assert.deepEqual(await alertsOf(township, person.id, '&rule=lostContact'), [], '11 days < 30 by default');
    const village = await given(app).orgNamed('河畔社区');
    assert.equal((await office.put('/api/alert-rules/lostContact', { orgUnitId: village.id, params: { days: 10 } })).statusCode, 200);
    await sweep();
    const lost = await alertsOf(township, person.id, '&rule=lostContact');
    assert.equal(lost.length, 1);
    assert.equal(lost[0]?.level, 'high');
    createdId(await recordTest(person.id, { testedOn: '2026-11-22' }));
    await sweep();
    assert.equal((await alertsOf(township, person.id, '&rule=lostContact'))[0]?.status, 'autoClosed');
    assert.equal((await office.put('/api/alert-rules/lostContact', { orgUnitId: village.id, params: {} })).statusCode, 200);
    await sweep();
  });

  it('raises 风险等级上升 when an assessment is above the one before, and closes it when the next one is not', async () => {
    const person = await given(app).person(township, '河畔社区');
    const version = (await township.get('/api/risk/instrument')).json<{ version: number }>().version;
    const lowest = Object.fromEntries(DEFAULT_RISK_INSTRUMENT.items.map((i) => [i.code, i.options[0]?.code ?? '']));
    const assess = async (assessedOn: string, override?: 'high' | 'medium') => {
      const r = await township.post(`/api/persons/${person.id}/risk-assessments`, {
        instrumentVersion: version, answers: lowest, assessedOn, ...(override ? { override, reason: '专业评估调整' } : {}),
      });
      assert.equal(r.statusCode, 201, r.body);
      await dispatch();
      return alertsOf(township, person.id, '&rule=riskRaised');
    };
    assert.deepEqual(await assess('2026-11-01'), [], 'a first assessment at low raises nothing');
    const raised = await assess('2026-11-10', 'high');
    assert.equal(raised.length, 1);
    assert.equal(raised[0]?.status, 'new');
    assert.match(raised[0]?.summary ?? '', /风险等级由低风险升为高风险（2026-11-10评估）/);
    const after = await assess('2026-11-20', 'medium');
    assert.deepEqual(after.map((a) => a.status), ['autoClosed'], 'high → medium is no raise: the alert closes itself');
    assert.equal(new Set((await alertsOf(township2, person.id, '&rule=riskRaised')).map((a) => a.id)).size, 0, 'township2 sees none');
  });

  it('works the inbox: acknowledge → assign to an account in scope → resolve with an outcome; each step records who and when', async () => {
    const person = await overduePerson('待处置');
    await sweep();
    const [alert] = await alertsOf(township, person.id, '&rule=testOverdue');
    assert.ok(alert);
    const worker = await given(app).userNamed('worker');
    const assignees = (await township.get('/api/alert-assignees')).json<{ items: { id: string }[] }>().items;
    assert.ok(assignees.some((a) => a.id === worker.id), 'the worker of a village below can be assigned');
    const police = await given(app).userNamed('township2');
    assert.equal((await township.post(`/api/alerts/${alert.id}/acknowledge`, {})).statusCode, 200);
    expectProblem(await township.post(`/api/alerts/${alert.id}/acknowledge`, {}), 409, 'status');
    expectProblem(await township.post(`/api/alerts/${alert.id}/assign`, { assigneeId: police.id }), 400, 'assigneeId');
    assert.equal((await township.post(`/api/alerts/${alert.id}/assign`, { assigneeId: worker.id })).statusCode, 200);
    expectProblem(await township.post(`/api/alerts/${alert.id}/resolve`, { outcome: 'other' }), 400, 'note');
    assert.equal((await township.post(`/api/alerts/${alert.id}/resolve`, { outcome: 'verifiedAndTested', note: '已上门核查并现场尿检' })).statusCode, 200);
    expectProblem(await township.post(`/api/alerts/${alert.id}/resolve`, { outcome: 'falseAlarm' }), 409, 'status');
    const done = await detail(township, alert.id);
    assert.equal(done.status, 'resolved');
    assert.equal(done.outcome, 'verifiedAndTested');
    assert.equal(done.assignee?.id, worker.id);
    assert.deepEqual(done.history?.map((h) => [h.action, h.fromStatus, h.toStatus, h.actor?.name ?? null]), [
      ['raised', null, 'new', null],
      ['acknowledged', 'new', 'acknowledged', '李晓梅'],
      ['assigned', 'acknowledged', 'assigned', '李晓梅'],
      ['resolved', 'assigned', 'resolved', '李晓梅'],
    ]);
    const stats = (await township.get('/api/alerts/stats')).json<{ total: number; byStatus: { resolved: number }; medianAckMinutes: number | null; medianResolveMinutes: number | null }>();
    assert.ok(stats.byStatus.resolved >= 1 && stats.total >= stats.byStatus.resolved);
    assert.equal(stats.medianAckMinutes, 0, 'acknowledged at once on the test clock');
    assert.equal(stats.medianResolveMinutes, 0);
    const township2Stats = (await township2.get('/api/alerts/stats')).json<{ byStatus: { resolved: number } }>();
    assert.equal(township2Stats.byStatus.resolved, 0, 'another township’s figures do not include ours');
  });

  it('keeps inboxes apart: township2 sees no 清源街道 alert (404 on get, absent from lists and counts)', async () => {
    const person = await given(app).person(township, '河畔社区');
    createdId(await order(person.id));
    await dispatch();
    const [alert] = await alertsOf(township, person.id);
    assert.ok(alert);
    expectProblem(await township2.get(`/api/alerts/${alert.id}`), 404);
    expectProblem(await township2.post(`/api/alerts/${alert.id}/acknowledge`, {}), 404);
    assert.deepEqual(await alertsOf(township2, person.id), []);
    const counts2 = (await township2.get('/api/alerts/counts')).json<{ open: number }>();
    const all = (await township2.get('/api/alerts?status=open&pageSize=200')).json<{ items: AlertDto[]; total: number }>();
    assert.equal(counts2.open, all.total);
    assert.ok(all.items.every((a) => !a.orgUnit.name.includes('河畔')));
    const bulk = await township2.post('/api/alerts/acknowledge', { ids: [alert.id] });
    assert.deepEqual(bulk.json(), { acknowledged: [], skipped: [alert.id] });
    assert.equal((await detail(township, alert.id)).status, 'new');
    expectProblem(await (await app.login('department')).get('/api/alerts'), 403);
  });

  it('bulk-acknowledges the new alerts in scope and skips the rest', async () => {
    const a = await given(app).person(township, '河畔社区');
    const b = await given(app).person(township, '河畔社区');
    createdId(await order(a.id));
    createdId(await order(b.id));
    await dispatch();
    const ids = [...await alertsOf(township, a.id), ...await alertsOf(township, b.id)].map((x) => x.id);
    assert.equal(ids.length, 2);
    const first = (await township.post('/api/alerts/acknowledge', { ids })).json<{ acknowledged: string[]; skipped: string[] }>();
    assert.deepEqual([first.acknowledged.length, first.skipped.length], [2, 0]);
    const again = (await township.post('/api/alerts/acknowledge', { ids })).json<{ acknowledged: string[]; skipped: string[] }>();
    assert.deepEqual([again.acknowledged.length, again.skipped.length], [0, 2]);
    expectProblem(await township.post('/api/alerts/acknowledge', { ids: [] }), 400, 'ids');
  });

  it('escalates past the SLA: overdue and up to the parent unit’s inbox at the acknowledge deadline, again at the resolve deadline', async () => {
    const person = await given(app).person(township, '河畔社区');
    createdId(await order(person.id));
    await dispatch();
    const [alert] = await alertsOf(township, person.id);
    assert.ok(alert);
    assert.equal(alert.inboxOrgUnit.name, '河畔社区');
    app.clock.advance(2 * HOUR - MINUTE);
    await relogin();
    await sweep();
    assert.equal((await detail(township, alert.id)).overdue, false, 'within 2 h for a red alert');
    app.clock.advance(2 * MINUTE);
    await relogin();
    await sweep();
    let now = await detail(township, alert.id);
    assert.equal(now.overdue, true);
    assert.equal(now.inboxOrgUnit.name, '清源街道');
    assert.equal(now.escalations, 1);
    assert.ok((await alertsOf(township, person.id, '&overdue=true')).some((a) => a.id === alert.id));
    const mine = (await township.get('/api/alerts?mine=true&pageSize=200')).json<{ items: AlertDto[] }>().items;
    assert.ok(mine.some((a) => a.id === alert.id), 'now in the street’s own inbox');
    await sweep();
    assert.equal((await detail(township, alert.id)).escalations, 1, 'one escalation per missed deadline');
    assert.equal((await township.post(`/api/alerts/${alert.id}/acknowledge`, {})).statusCode, 200);
    app.clock.advance(22 * HOUR);
    await relogin();
    await sweep();
    now = await detail(township, alert.id);
    assert.equal(now.escalations, 2);
    assert.notEqual(now.inboxOrgUnit.name, '清源街道', 'climbed to the district');
    assert.deepEqual(now.history?.filter((h) => h.action === 'escalated').map((h) => h.note), ['超过签收时限，升级至清源街道', `超过处置时限，升级至${now.inboxOrgUnit.name}`]);
    app.clock.advance(-(24 * HOUR + MINUTE));
    await relogin();
  });

  it('lets the office configure the SLA per level (validated)', async () => {
    const r = await office.put('/api/alert-sla', { items: [{ level: 'low', ackMinutes: 60, resolveMinutes: 120 }] });
    assert.equal(r.statusCode, 200, r.body);
    assert.deepEqual(r.json<{ items: { level: string; ackMinutes: number }[] }>().items.find((i) => i.level === 'low'), { level: 'low', ackMinutes: 60, resolveMinutes: 120 });
    expectProblem(await office.put('/api/alert-sla', { items: [{ level: 'low', ackMinutes: 60, resolveMinutes: 30 }] }), 400, 'items.0.resolveMinutes');
    expectProblem(await township.put('/api/alert-sla', { items: [{ level: 'low', ackMinutes: 60, resolveMinutes: 120 }] }), 403);
    assert.equal((await office.put('/api/alert-sla', { items: [{ level: 'low', ackMinutes: 4320, resolveMinutes: 10080 }] })).statusCode, 200);
  });

  it('streams the caller’s scoped counts as server-sent events, again after a change', async () => {
    expectProblem(await township.get('/api/alerts/stream'), 400, 'accept');
    expectProblem(await app.anonymous().request('GET', '/api/alerts/stream', undefined, { accept: 'text/event-stream' }), 401);
    const address = await app.server.listen({ port: 0, host: '127.0.0.1' });
    const cookie = Object.entries(township.cookies).map(([k, v]) => `${k}=${v}`).join('; ');
    const controller = new AbortController();
    const response = await fetch(`${address}/api/alerts/stream`, { headers: { accept: 'text/event-stream', cookie }, signal: controller.signal });
    assert.equal(response.status, 200);
    assert.match(response.headers.get('content-type') ?? '', /^text\/event-stream/);
    const reader = response.body?.getReader();
    assert.ok(reader);
    const decoder = new TextDecoder();
    let buffer = '';
    const nextEvent = async (): Promise<{ open: number; new: number }> => {
      while (!buffer.includes('\n\n')) {
        const chunk = await reader.read();
        if (chunk.done) throw new Error('stream ended');
        buffer += decoder.decode(chunk.value as Uint8Array);
      }
      const [event = '', ...rest] = buffer.split('\n\n');
      buffer = rest.join('\n\n');
      const data = event.split('\n').find((l) => l.startsWith('data: '))?.slice(6) ?? '{}';
      assert.match(event, /^event: counts/);
      return JSON.parse(data) as { open: number; new: number };
    };
    const first = await nextEvent();
    const listed = (await township.get('/api/alerts?status=open&pageSize=1')).json<{ total: number }>();
    assert.equal(first.open, listed.total);
    const person = await given(app).person(township, '河畔社区');
    createdId(await order(person.id));
    await sweep();
    let next = await nextEvent();
    while (next.open === first.open) next = await nextEvent();
    assert.equal(next.open, first.open + 1);
    controller.abort();
  });

  it('keeps the alert the dispatcher raised while a sweep was evaluating: stale facts never close it', async () => {
    const person = await given(app).person(township, '河畔社区');
    // A second server's sweep that stops right after reading who has not reported in (before the order below).
    let sweepHasRead!: () => void;
    const hasRead = new Promise<void>((resolve) => (sweepHasRead = resolve));
    let release!: () => void;
    const released = new Promise<void>((resolve) => (release = resolve));
    const facts = app.alerts.engine.facts;
    let paused = false;
    const pausingFacts: AlertFacts = {
      ...facts,
      async worklistItems(db, scope, underPath, list) {
        const items = await facts.worklistItems(db, scope, underPath, list);
        if (list === 'notReportedIn' && !paused) {
          paused = true;
          sweepHasRead();
          await released;
        }
        return items;
      },
    };
    const sweeping = new AlertEngine(app.platform, pausingFacts).sweepRules();
    await hasRead;
    // On PostgreSQL the order commits and the dispatcher runs while the sweep waits; PGlite's one connection queues them.
    const dispatching = order(person.id).then(async (r) => {
      createdId(r);
      await dispatch();
    });
    await Promise.race([dispatching, sleep(500)]);
    release();
    await Promise.all([sweeping, dispatching]);
    const alerts = await alertsOf(township, person.id, '&rule=reportInOverdue');
    assert.deepEqual(alerts.map((a) => [a.status, a.closedReason ?? null]), [['new', null]]);
  });

  it('sweeps on one server at a time: a sweep while another holds the lock does not run', async () => {
    const engine = app.alerts.engine;
    const inner = await engine.exclusive(async () => engine.sweep());
    assert.deepEqual(inner, { ran: false, raised: 0, closed: 0, escalated: 0 });
    assert.equal((await engine.sweep()).ran, true, 'the lock is released afterwards');
  });

  it('announces a raised alert as soon as its transaction commits, also when the sweep dispatched it (live updates)', async () => {
    const engine = app.alerts.engine;
    const person = await given(app).person(township, '河畔社区');
    createdId(await order(person.id));
    // The sweep dispatches the order's event first; the announcement must not wait for the rules and escalation after it.
    let sweepFinished = false;
    const announcements: Promise<{ duringSweep: boolean; rules: string[] }>[] = [];
    const listen = () => {
      const duringSweep = !sweepFinished;
      announcements.push(alertsOf(township, person.id).then((items) => ({ duringSweep, rules: items.map((a) => a.rule) })));
    };
    app.alerts.service.changes.on('changed', listen);
    const swept = await engine.sweep();
    sweepFinished = true;
    app.alerts.service.changes.off('changed', listen);
    assert.equal(swept.ran, true);
    const first = await announcements[0];
    assert.deepEqual(first, { duringSweep: true, rules: ['reportInOverdue'] }, 'announced while the sweep went on, after the alert committed');
    // Nothing changed: nothing announced.
    let quietAnnouncements = 0;
    const count = () => { quietAnnouncements++; };
    app.alerts.service.changes.on('changed', count);
    await engine.dispatch();
    await engine.sweepRules();
    app.alerts.service.changes.off('changed', count);
    assert.equal(quietAnnouncements, 0);
  });

  it('closes 请假逾期未归 right after the return is recorded: the leave events reach the dispatcher (no sweep)', async () => {
    const person = await given(app).person(township, '河畔社区');
    await reportIn(createdId(await order(person.id)), '2026-11-12');
    const leaveId = createdId(await township.post(`/api/persons/${person.id}/leaves`, { kind: 'leave', from: '2026-11-14', to: '2026-11-18', approvedBy: '李晓梅' }));
    await dispatch();
    const raised = await alertsOf(township, person.id, '&rule=leaveOverdue');
    assert.deepEqual(raised.map((a) => a.status), ['new'], 'a leave recorded already past its return day raises at dispatch');
    const returned = await township.post(`/api/leaves/${leaveId}/return`, { returnedOn: '2026-11-20' });
    assert.equal(returned.statusCode, 200, returned.body);
    await dispatch();
    const closed = await alertsOf(township, person.id, '&rule=leaveOverdue');
    assert.deepEqual(closed.map((a) => [a.id, a.status, a.closedReason]), [[raised[0]?.id, 'autoClosed', '预警条件已消除']]);
  });

  it('closes 疑似脱管失控 right after a visit is recorded (no sweep)', async () => {
    const person = await given(app).person(township, '河畔社区');
    await reportIn(createdId(await order(person.id)), '2026-11-12');
    const village = await given(app).orgNamed('河畔社区');
    assert.equal((await office.put('/api/alert-rules/lostContact', { orgUnitId: village.id, params: { days: 10 } })).statusCode, 200);
    await sweep();
    assert.deepEqual((await alertsOf(township, person.id, '&rule=lostContact')).map((a) => a.status), ['new']);
    createdId(await township.post(`/api/persons/${person.id}/visits`, { visitedOn: '2026-11-22', kind: 'homeVisit', content: '入户走访，本人在家，情况稳定' }));
    await dispatch();
    const closed = await alertsOf(township, person.id, '&rule=lostContact');
    assert.deepEqual(closed.map((a) => [a.status, a.closedReason]), [['autoClosed', '预警条件已消除']]);
    assert.equal((await office.put('/api/alert-rules/lostContact', { orgUnitId: village.id, params: {} })).statusCode, 200);
  });

  it('raises 未按时接收移交 on day 8 (not day 7) in the receiving unit’s inbox only, and closes it when accepted or returned', async () => {
    const receiving = (await given(app).orgNamed('明德社区')).id;
    const send = async (personId: string) => createdId(await township.post(`/api/persons/${personId}/transfers`, { toOrgUnitId: receiving, reason: '人员长期居住在明德街道' }));
    const a = await given(app).person(township, '河畔社区');
    const b = await given(app).person(township, '河畔社区');
    const toAccept = await send(a.id);
    const toReturn = await send(b.id);
    const unaccepted = async (as: Agent, personId: string) => alertsOf(as, personId, '&rule=transferUnaccepted');
    const reloginAll = async () => {
      await relogin();
      township2 = await app.login('township2');
    };
    await dispatch();
    assert.deepEqual(await unaccepted(township2, a.id), [], 'nothing when sent');
    app.clock.advance(6 * DAY); // 2026-11-29: the 7th day counting the day it was sent
    await reloginAll();
    await sweep();
    assert.deepEqual(await unaccepted(township2, a.id), [], 'not on day 7');
    app.clock.advance(DAY); // 2026-11-30: day 8, 7 full days passed (transferEscalation)
    await reloginAll();
    await sweep();
    const [alert] = await unaccepted(township2, a.id);
    assert.ok(alert, 'raised on day 8');
    assert.equal(alert.level, 'medium');
    assert.equal(alert.status, 'new');
    assert.equal(alert.orgUnit.name, '明德社区', 'the receiving unit’s alert');
    assert.equal(alert.inboxOrgUnit.name, '明德社区', 'in the receiving unit’s inbox');
    assert.equal(alert.summary, '河畔社区于2026-11-23移交至本单位，已7日未接收（超过7日），请接收或退回');
    assert.ok(!alert.summary.includes('测试人员') && !alert.summary.includes(a.idNumber), 'no identity values in the summary');
    const escalated = (await township2.get('/api/transfers?list=escalated&pageSize=200')).json<{ items: { id: string }[] }>().items.map((t) => t.id);
    assert.ok(escalated.includes(toAccept) && escalated.includes(toReturn), 'the transfers page agrees');
    assert.equal((await unaccepted(township2, b.id)).length, 1);
    // The sending township still sees the person (pending) but not the receiver's alert.
    assert.deepEqual(await unaccepted(township, a.id), []);
    expectProblem(await township.get(`/api/alerts/${alert.id}`), 404);
    const senders = (await township.get('/api/alerts?rule=transferUnaccepted&pageSize=200')).json<{ items: AlertDto[] }>().items;
    assert.ok(!senders.some((x) => x.id === alert.id));
    await sweep();
    assert.equal((await unaccepted(township2, a.id)).length, 1, 'no duplicate');

    const accepted = await township2.post(`/api/transfers/${toAccept}/accept`, { acceptedOn: '2026-11-30' });
    assert.equal(accepted.statusCode, 200, accepted.body);
    await dispatch();
    assert.deepEqual((await unaccepted(township2, a.id)).map((x) => [x.id, x.status, x.closedReason]), [[alert.id, 'autoClosed', '预警条件已消除']]);
    const history = (await detail(township2, alert.id)).history ?? [];
    assert.deepEqual(history.map((h) => [h.action, h.actor]), [['raised', null], ['autoClosed', null]]);
    const returned = await township2.post(`/api/transfers/${toReturn}/return`, { returnReason: '经核实该人员不在本辖区居住' });
    assert.equal(returned.statusCode, 200, returned.body);
    await dispatch();
    assert.deepEqual((await unaccepted(township2, b.id)).map((x) => x.status), ['autoClosed']);
    await sweep();
    assert.equal((await unaccepted(township2, b.id)).length, 1, 'a decided transfer raises nothing again');
    app.clock.advance(-7 * DAY);
    await reloginAll();
  });
});
