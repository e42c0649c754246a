import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { LightMyRequestResponse } from 'fastify';
import { DEFAULT_RISK_INSTRUMENT, type MeasureDto, type RiskInstrumentDto, type RiskOverview, type ViolationTaskDto } from '@qingyuan/shared';
import { expectProblem } from '../../testing/expect-problem.ts';
import { given } from '../../testing/given.ts';
import { startTestApp, type Agent, type TestApp } from '../../testing/test-app.ts';

// The test clock stands at 2026-11-23 (China time).

const LOWEST = Object.fromEntries(DEFAULT_RISK_INSTRUMENT.items.map((i) => [i.code, i.options[0]?.code ?? '']));
const HIGH = { ...LOWEST, useYears: 'gt5', recentPositive: 'more', missedReport: 'once' }; // 4 + 6 + 2 = 12: high

function createdId(response: LightMyRequestResponse): string {
  assert.equal(response.statusCode, 201, response.body);
  return response.json<{ id: string }>().id;
}

describe('risk classification and serious-violation tasks', () => {
  let app: TestApp;
  let office: Agent;
  let township: Agent;
  let township2: Agent;
  let worker: Agent;
  let community: string;

  before(async () => {
    app = await startTestApp();
    office = await app.login('office');
    township = await app.login('township');
    township2 = await app.login('township2');
    worker = await app.login('worker');
    community = (await given(app).orgNamed('河畔社区')).id;
  });
  after(() => app.close());

  const count = async (table: 'risk_instrument' | 'risk_assessment' | 'violation_task' | 'audit_event') =>
    Number((await app.platform.db.selectFrom(table).select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow()).n);
  const overview = async (as: Agent, personId: string): Promise<RiskOverview> => {
    const response = await as.get(`/api/persons/${personId}/risk-assessments`);
    assert.equal(response.statusCode, 200, response.body);
    return response.json<RiskOverview>();
  };
  const latestVersion = async (): Promise<number> => (await township.get('/api/risk/instrument')).json<RiskInstrumentDto>().version;
  const assess = async (as: Agent, personId: string, body: object = {}) =>
    as.post(`/api/persons/${personId}/risk-assessments`, { instrumentVersion: await latestVersion(), answers: LOWEST, ...body });
  /** Community treatment reported in on `reportedOn` (decision 10 days before, received 2 days after it). */
  const underTreatment = async (reportedOn: string, decisionDate: string, received: string) => {
    const person = await given(app).person(township, '河畔社区');
    const measureId = createdId(await township.post(`/api/persons/${person.id}/measures`, {
      kind: 'communityTreatment', decisionDate, decisionReceivedDate: received, decidingAgency: '清源区公安分局', executingOrgUnitId: community,
    }));
    const reported = await township.post(`/api/measures/${measureId}/report-in`, { reportedOn, agreementSigned: true });
    assert.equal(reported.statusCode, 200, reported.body);
    return { personId: person.id, measureId };
  };
  const test = (personId: string, testedOn: string, result = 'negative', extra: object = {}) =>
    township.post(`/api/persons/${personId}/tests`, {
      testedOn, kind: 'urine', setting: 'field', result, ...(result === 'positive' ? { substances: ['heroin'] } : {}), ...extra,
    });

  it('serves the seeded default instrument (version 1) to supervision staff', async () => {
    const response = await worker.get('/api/risk/instrument?version=1');
    assert.equal(response.statusCode, 200, response.body);
    const instrument = response.json<RiskInstrumentDto>();
    assert.equal(instrument.version, 1);
    assert.deepEqual(instrument.thresholds, DEFAULT_RISK_INSTRUMENT.thresholds);
    assert.ok(instrument.items.some((i) => i.label === '吸毒史年限'));
    expectProblem(await worker.get('/api/risk/instrument?version=99'), 404);
    expectProblem(await worker.get('/api/risk/instrument?version=abc'), 400, 'version');
  });

  it('a new person is due for a registration assessment and counts as medium until assessed', async () => {
    const person = await given(app).person(township, '河畔社区');
    const o = await overview(township, person.id);
    assert.equal(o.currentLevel, 'medium');
    assert.equal(o.defaulted, true);
    assert.equal(o.nextDue.rule, 'riskAssessment.onRegistration');
    assert.equal(o.nextDue.date, '2026-11-23');
    assert.equal(o.due, true);
  });

  it('scores an assessment, keeps history, and the next one is due a quarter later', async () => {
    const person = await given(app).person(township, '河畔社区');
    createdId(await assess(township, person.id, { answers: HIGH, assessedOn: '2026-11-20' }));
    const o = await overview(township, person.id);
    assert.equal(o.currentLevel, 'high');
    assert.equal(o.defaulted, false);
    assert.equal(o.items.length, 1);
    assert.equal(o.items[0]?.score, 12);
    assert.equal(o.items[0]?.occasion, 'registration');
    assert.deepEqual(o.items[0]?.answers, HIGH);
    assert.match(o.items[0]?.explanation ?? '', /总分12分/);
    assert.equal(o.nextDue.rule, 'riskAssessment.scheduled');
    assert.equal(o.nextDue.date, '2027-02-20');
    const audit = await app.platform.db.selectFrom('audit_event').select('changes').where('action', '=', 'risk.assessed').where('entity_id', '=', person.id).execute();
    assert.equal(audit.length, 1);
    assert.doesNotMatch(audit[0]?.changes ?? '', /gt5|high/, 'answers and level are not written into the audit row');
    const sealed = await app.platform.db.selectFrom('risk_assessment').select('answers_enc').where('person_id', '=', person.id).executeTakeFirstOrThrow();
    assert.doesNotMatch(sealed.answers_enc, /useYears|gt5/, 'answers are sealed at rest');
  });

  it('a professional override needs a reason; the computed level stays on record', async () => {
    const person = await given(app).person(township, '河畔社区');
    const before = [await count('risk_assessment'), await count('audit_event')];
    expectProblem(await assess(township, person.id, { override: 'high' }), 400, 'reason');
    expectProblem(await assess(township, person.id, { override: 'high', reason: ' ' }), 400, 'reason');
    expectProblem(await assess(township, person.id, { reason: '无调整却填写理由' }), 400, 'override');
    expectProblem(await assess(township, person.id, { override: 'extreme', reason: '理由' }), 400, 'override');
    assert.deepEqual([await count('risk_assessment'), await count('audit_event')], before, 'nothing written');
    createdId(await assess(township, person.id, { override: 'high', reason: '近期与吸毒人员密切接触' }));
    const [item] = (await overview(township, person.id)).items;
    assert.equal(item?.computedLevel, 'low');
    assert.equal(item?.level, 'high');
    assert.equal(item?.overridden, true);
    assert.equal(item?.overrideReason, '近期与吸毒人员密切接触');
  });

  it('the person header line reads the latest final level (override applied), its date and the next assessment due, in scope only', async () => {
    const person = await given(app).person(township, '河畔社区');
    createdId(await assess(township, person.id, { answers: HIGH, assessedOn: '2026-08-20' }));
    createdId(await assess(township, person.id, { assessedOn: '2026-11-20', override: 'medium', reason: '家庭支持改善但仍需关注' }));
    // Entered later but assessed earlier: not the latest.
    createdId(await assess(township, person.id, { answers: HIGH, assessedOn: '2026-09-15' }));
    const o = await overview(township, person.id);
    assert.equal(o.currentLevel, 'medium', 'the final (overridden) level of the latest assessment, not the computed low');
    assert.equal(o.items[0]?.assessedOn, '2026-11-20');
    assert.equal(o.items[0]?.computedLevel, 'low');
    assert.equal(o.nextDue.date, '2027-02-20');
    assert.equal(o.defaulted, false);
    // The header's read goes through the same scope filter: another township and a worker not on the team get 404.
    expectProblem(await township2.get(`/api/persons/${person.id}/risk-assessments`), 404);
    expectProblem(await worker.get(`/api/persons/${person.id}/risk-assessments`), 404);
  });

  it('refuses bad answers, an outdated or unknown version and future dates, naming the field and writing nothing', async () => {
    const person = await given(app).person(township, '河畔社区');
    const before = await count('risk_assessment');
    const { useYears: _missing, ...incomplete } = LOWEST;
    expectProblem(await assess(township, person.id, { answers: incomplete }), 400, 'answers.useYears');
    expectProblem(await assess(township, person.id, { answers: { ...LOWEST, housing: 'castle' } }), 400, 'answers.housing');
    expectProblem(await assess(township, person.id, { answers: { ...LOWEST, shoeSize: '42' } }), 400, 'answers.shoeSize');
    expectProblem(await assess(township, person.id, { answers: 'low' }), 400, 'answers');
    expectProblem(await assess(township, person.id, { instrumentVersion: 999 }), 400, 'instrumentVersion');
    expectProblem(await assess(township, person.id, { instrumentVersion: 0 }), 400, 'instrumentVersion');
    expectProblem(await assess(township, person.id, { assessedOn: '2026-11-24' }), 400, 'assessedOn');
    expectProblem(await assess(township, person.id, { assessedOn: '2026-02-30' }), 400, 'assessedOn');
    assert.equal(await count('risk_assessment'), before);
  });

  it('township2 cannot read or assess a township person (404, the same as a missing id)', async () => {
    const person = await given(app).person(township, '河畔社区');
    const missing = await township2.get('/api/persons/00000000-0000-4000-8000-000000000000/risk-assessments');
    const hidden = await township2.get(`/api/persons/${person.id}/risk-assessments`);
    expectProblem(hidden, 404);
    assert.equal(hidden.json<{ title: string }>().title, missing.json<{ title: string }>().title);
    expectProblem(await assess(township2, person.id), 404);
    expectProblem(await township2.get(`/api/persons/${person.id}/risk-assessments`), 404);
  });

  it('a high-risk assessment makes the test schedule more frequent (year 3: quarterly → every 2 months)', async () => {
    const { personId } = await underTreatment('2024-10-01', '2024-09-20', '2024-09-22');
    assert.equal((await test(personId, '2026-11-10')).statusCode, 201);
    const nextDue = async () => {
      const response = await township.get(`/api/persons/${personId}/measures`);
      assert.equal(response.statusCode, 200, response.body);
      return response.json<{ items: MeasureDto[] }>().items[0]?.nextTest?.nextDue;
    };
    assert.equal((await nextDue())?.date, '2027-02-10', 'medium (never assessed): every 3 months in year 3');
    createdId(await assess(township, personId, { answers: HIGH }));
    const high = await nextDue();
    assert.equal(high?.date, '2027-01-10');
    assert.match(high?.explanation ?? '', /高风险人员调整为每2个月/);
    app.clock.advance(60_000); // a later entry on the same day
    createdId(await assess(township, personId, { answers: LOWEST }));
    assert.equal((await nextDue())?.date, '2027-02-10', 'the latest assessment decides');
  });

  it('a positive test makes a triggered assessment due (a task, not an automatic score)', async () => {
    const { personId } = await underTreatment('2026-11-05', '2026-11-01', '2026-11-02');
    createdId(await assess(township, personId, { assessedOn: '2026-11-05' }));
    assert.equal((await test(personId, '2026-11-20', 'positive')).statusCode, 201);
    const o = await overview(township, personId);
    assert.equal(o.items.length, 1, 'no assessment was made by the system');
    assert.equal(o.nextDue.rule, 'riskAssessment.triggered');
    assert.equal(o.nextDue.date, '2026-11-20');
    assert.equal(o.overdue, true);
    assert.deepEqual(o.openTriggers, [{ kind: 'positiveTest', date: '2026-11-20' }]);
    createdId(await assess(township, personId));
    const after = await overview(township, personId);
    assert.equal(after.items[0]?.occasion, 'triggered');
    assert.deepEqual(after.openTriggers, []);
    assert.equal(after.nextDue.rule, 'riskAssessment.scheduled');
  });

  it('a missed report-in makes a triggered assessment due the day after the report-in deadline', async () => {
    const person = await given(app).person(township, '河畔社区');
    createdId(await assess(township, person.id, { assessedOn: '2026-11-10' }));
    createdId(await township.post(`/api/persons/${person.id}/measures`, {
      kind: 'communityTreatment', decisionDate: '2026-10-30', decisionReceivedDate: '2026-11-01', decidingAgency: '清源区公安分局', executingOrgUnitId: community,
    }));
    const o = await overview(township, person.id);
    assert.equal(o.nextDue.rule, 'riskAssessment.triggered');
    assert.deepEqual(o.openTriggers, [{ kind: 'missedReportIn', date: '2026-11-17' }], 'due 2026-11-16 (received + 15 days) was missed');
  });

  it('only the office saves a new instrument version; old assessments keep theirs; bad instruments write nothing', async () => {
    const person = await given(app).person(township, '河畔社区');
    createdId(await assess(township, person.id, { answers: HIGH }));
    const v = await latestVersion();
    const next = {
      items: [
        { code: 'useYears', label: '吸毒史年限', options: [{ code: 'short', label: '较短', score: 0 }, { code: 'long', label: '较长', score: 10 }] },
        { code: 'family', label: '家庭支持', options: [{ code: 'yes', label: '有', score: 0 }, { code: 'no', label: '无', score: 5 }] },
      ],
      thresholds: { high: 10, medium: 5 },
    };
    expectProblem(await township.put('/api/risk/instrument', next), 403);
    const before = [await count('risk_instrument'), await count('audit_event')];
    expectProblem(await office.put('/api/risk/instrument', { ...next, thresholds: { high: 16, medium: 5 } }), 400, 'thresholds.high');
    expectProblem(await office.put('/api/risk/instrument', { ...next, thresholds: { high: 5, medium: 5 } }), 400, 'thresholds.high');
    expectProblem(await office.put('/api/risk/instrument', { ...next, items: [next.items[0], next.items[0]] }), 400, 'items.1.code');
    expectProblem(await office.put('/api/risk/instrument', { ...next, items: [{ ...next.items[0], options: [{ code: 'x', label: '甲', score: 1.5 }, { code: 'y', label: '乙', score: 1 }] }] }), 400, 'items.0.options.0.score');
    expectProblem(await office.put('/api/risk/instrument', { ...next, items: [] }), 400, 'items');
    // Errors name the instrument's own fields (not the login's 验证码 or the SLA's 时限设置).
    const messageOf = (problem: { errors?: { field: string; message: string }[] }, field: string) => problem.errors?.find((e) => e.field === field)?.message ?? '';
    const badCodes = { ...next, items: [{ ...next.items[0], code: '1x', options: [{ code: '2y', label: '甲', score: 1 }, { code: 'y', label: '乙', score: 1 }] }] };
    const named = expectProblem(await office.put('/api/risk/instrument', badCodes), 400, 'items.0.code');
    assert.match(messageOf(named, 'items.0.code'), /^项目代码：/);
    assert.match(messageOf(named, 'items.0.options.0.code'), /^选项代码：/);
    assert.match(messageOf(expectProblem(await office.put('/api/risk/instrument', { ...next, items: [] }), 400, 'items'), 'items'), /^评估项目：/);
    assert.deepEqual([await count('risk_instrument'), await count('audit_event')], before);
    const saved = await office.put('/api/risk/instrument', next);
    assert.equal(saved.statusCode, 200, saved.body);
    assert.equal(saved.json<RiskInstrumentDto>().version, v + 1);
    assert.equal(await latestVersion(), v + 1);
    const [old] = (await overview(township, person.id)).items;
    assert.equal(old?.instrumentVersion, v);
    assert.equal(old?.score, 12);
    assert.equal(old?.level, 'high');
    expectProblem(await assess(township, person.id, { instrumentVersion: v, answers: HIGH }), 400, 'instrumentVersion');
    app.clock.advance(60_000);
    createdId(await assess(township, person.id, { answers: { useYears: 'long', family: 'no' } }));
    const [fresh] = (await overview(township, person.id)).items;
    assert.equal(fresh?.instrumentVersion, v + 1);
    assert.equal(fresh?.score, 15);
    // Put the default back for the tests after this one.
    assert.equal((await office.put('/api/risk/instrument', DEFAULT_RISK_INSTRUMENT)).statusCode, 200);
  });

  describe('serious violation (3 refused tests) → one task for the township', () => {
    let personId = '';
    let measureId = '';
    const tasks = async (as: Agent, status = 'open') => {
      const response = await as.get(`/api/violation-tasks?status=${status}&pageSize=200`);
      assert.equal(response.statusCode, 200, response.body);
      return response.json<{ items: ViolationTaskDto[]; total: number }>().items.filter((t) => t.personId === personId);
    };

    before(async () => {
      ({ personId, measureId } = await underTreatment('2026-10-01', '2026-09-20', '2026-09-22'));
    });

    it('two refusals open nothing; the third opens one task; a fourth does not open another', async () => {
      assert.equal((await test(personId, '2026-10-05', 'refused')).statusCode, 201);
      assert.equal((await test(personId, '2026-10-15', 'refused')).statusCode, 201);
      assert.equal((await tasks(township)).length, 0);
      assert.equal((await test(personId, '2026-10-25', 'refused')).statusCode, 201);
      const [task, ...rest] = await tasks(township);
      assert.equal(rest.length, 0);
      assert.equal(task?.measureId, measureId);
      assert.equal(task?.basis, 'testEvasions');
      assert.equal(task?.reachedOn, '2026-10-25');
      assert.equal(task?.title, '报告公安机关并建议强制隔离戒毒');
      assert.equal(task?.orgUnit.name, '清源街道');
      assert.match(task?.explanation ?? '', /第二十条/);
      assert.equal((await test(personId, '2026-11-04', 'refused')).statusCode, 201);
      assert.equal((await tasks(township)).length, 1);
      assert.equal(Number((await app.platform.db.selectFrom('violation_task').select((eb) => eb.fn.countAll<string>().as('n')).where('measure_id', '=', measureId).executeTakeFirstOrThrow()).n), 1);
      const o = await overview(township, personId);
      assert.ok(o.openTriggers.some((t) => t.kind === 'violation'), 'the violation calls for a reassessment too');
    });

    it('three unauthorised absences open a task by themselves, with no test written (absences basis)', async () => {
      const { personId: absent, measureId: absentMeasure } = await underTreatment('2026-10-01', '2026-09-20', '2026-09-22');
      const absence = (from: string, to: string) => township.post(`/api/persons/${absent}/leaves`, { kind: 'absence', from, to });
      const absenceTasks = async () => (await township.get('/api/violation-tasks?status=open&pageSize=200')).json<{ items: ViolationTaskDto[] }>().items
        .filter((t) => t.personId === absent);
      // Each absence needed a leave report (3 days or more), so each counts; the third counts from its third day.
      assert.equal((await absence('2026-10-03', '2026-10-05')).statusCode, 201);
      assert.equal((await absence('2026-10-10', '2026-10-12')).statusCode, 201);
      assert.deepEqual(await absenceTasks(), []);
      assert.equal((await absence('2026-10-20', '2026-10-22')).statusCode, 201);
      const found = await absenceTasks();
      assert.deepEqual(found.map((t) => [t.basis, t.measureId, t.reachedOn]), [['unauthorizedAbsences', absentMeasure, '2026-10-22']]);
    });

    it('is hidden from township2 and from the worker of another community; the office sees it', async () => {
      assert.equal((await tasks(township2)).length, 0);
      const [task] = await tasks(township);
      assert.ok(task);
      expectProblem(await township2.post(`/api/violation-tasks/${task.id}/complete`, { reportedToPoliceOn: '2026-11-01', policeDecision: 'pending' }), 404);
      assert.equal((await tasks(office)).length, 1);
    });

    it('completing needs a valid report date and decision (400 naming the field, nothing written), then closes once', async () => {
      const [task] = await tasks(township);
      assert.ok(task);
      const url = `/api/violation-tasks/${task.id}/complete`;
      const before = await count('audit_event');
      expectProblem(await township.post(url, { reportedToPoliceOn: '2026-11-24', policeDecision: 'pending' }), 400, 'reportedToPoliceOn');
      expectProblem(await township.post(url, { reportedToPoliceOn: '2026-10-24', policeDecision: 'pending' }), 400, 'reportedToPoliceOn');
      expectProblem(await township.post(url, { reportedToPoliceOn: '2026-11-01', policeDecision: 'maybe' }), 400, 'policeDecision');
      assert.equal(await count('audit_event'), before);
      const done = await township.post(url, { reportedToPoliceOn: '2026-11-01', policeDecision: 'compulsoryIsolation', note: '已函告清源区公安分局' });
      assert.equal(done.statusCode, 200, done.body);
      assert.equal(done.json<ViolationTaskDto>().status, 'completed');
      assert.equal(done.json<ViolationTaskDto>().policeDecision, 'compulsoryIsolation');
      expectProblem(await township.post(url, { reportedToPoliceOn: '2026-11-01', policeDecision: 'pending' }), 409);
      expectProblem(await township.post(`/api/violation-tasks/${task.id}/dismiss`, { reason: '误报' }), 409);
      assert.equal((await tasks(township)).length, 0);
      assert.equal((await tasks(township, 'completed')).length, 1);
      const audit = await app.platform.db.selectFrom('audit_event').select('action').where('entity_id', '=', personId).where('action', 'like', 'violation_task.%').execute();
      assert.deepEqual(audit.map((a) => a.action).sort(), ['violation_task.completed', 'violation_task.created']);
    });

    it('dismissing needs a reason', async () => {
      const other = await underTreatment('2026-10-01', '2026-09-20', '2026-09-22');
      for (const day of ['2026-10-02', '2026-10-03', '2026-10-04']) assert.equal((await test(other.personId, day, 'refused')).statusCode, 201);
      const [task] = (await township.get('/api/violation-tasks?pageSize=200')).json<{ items: ViolationTaskDto[] }>().items.filter((t) => t.personId === other.personId);
      assert.ok(task);
      expectProblem(await township.post(`/api/violation-tasks/${task.id}/dismiss`, { reason: '' }), 400, 'reason');
      const dismissed = await township.post(`/api/violation-tasks/${task.id}/dismiss`, { reason: '第二次拒检系检测试剂短缺，经核实不属实' });
      assert.equal(dismissed.statusCode, 200, dismissed.body);
      assert.equal(dismissed.json<ViolationTaskDto>().status, 'dismissed');
    });
  });
});
