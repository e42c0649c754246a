import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { SUPERVISION_INDICATORS, type Figures, type SupervisionFigurePersons, type SupervisionFigures } from '@qingyuan/shared';
import type { LightMyRequestResponse } from 'fastify';
import { expectProblem } from '../../testing/expect-problem.ts';
import { given } from '../../testing/given.ts';
import { startTestApp, type Agent, type TestApp } from '../../testing/test-app.ts';
import { IndicatorRegistry } from './registry.ts';
import { enforcementProvider } from './enforcement-provider.ts';

// The test clock stands at 2026-11-23 (China time); the year 2026 is counted 2026-01-01 … 2026-11-23.

function createdId(response: LightMyRequestResponse): string {
  assert.equal(response.statusCode, 201, response.body);
  return response.json<{ id: string }>().id;
}

describe('管控统计: person and supervision indicators on a constructed dataset, drill-down adding up, one registry', () => {
  let app: TestApp;
  let township: Agent;
  let township2: Agent;
  let office: Agent;
  let unitId: string;
  let executingOrgUnitId: string;
  const ids: Record<string, string> = {};

  before(async () => {
    app = await startTestApp();
    township = await app.login('township');
    township2 = await app.login('township2');
    office = await app.login('office');
    const street = await given(app).orgNamed('清源街道');
    executingOrgUnitId = street.id;
    // A fresh community: only this test's persons live in it, so every expected number is known.
    const unit = await township.post('/api/orgs', { parentId: street.id, name: '统计测试社区', kind: 'community' });
    assert.equal(unit.statusCode, 201, unit.body);
    unitId = unit.json<{ id: string }>().id;

    const person = async (key: string) => {
      ids[key] = (await given(app).person(township, '统计测试社区', { name: `统计${key}` })).id;
      return ids[key];
    };
    const order = async (personId: string, body: object) => createdId(await township.post(`/api/persons/${personId}/measures`, {
      decidingAgency: '清源区公安分局', executingOrgUnitId, ...body,
    }));
    const reportIn = async (measureId: string, reportedOn: string) =>
      assert.equal((await township.post(`/api/measures/${measureId}/report-in`, { reportedOn, agreementSigned: true })).statusCode, 200);
    const test = async (personId: string, testedOn: string, result: 'negative' | 'positive') => createdId(await township.post(`/api/persons/${personId}/tests`, {
      testedOn, kind: 'urine', setting: 'field', result, ...(result === 'positive' ? { substances: ['heroin'] } : {}),
    }));

    // A: community treatment, on time (due 03-17, reported 03-10); tests 04-10 negative, 06-15 positive.
    await reportIn(await order(await person('A'), { kind: 'communityTreatment', decisionDate: '2026-03-01', decisionReceivedDate: '2026-03-02' }), '2026-03-10');
    await test(ids.A ?? '', '2026-04-10', 'negative');
    await test(ids.A ?? '', '2026-06-15', 'positive');
    // B: community treatment, late without cause (due 05-17, reported 05-30 → refusal); test 07-01 negative.
    await reportIn(await order(await person('B'), { kind: 'communityTreatment', decisionDate: '2026-05-01', decisionReceivedDate: '2026-05-02' }), '2026-05-30');
    await test(ids.B ?? '', '2026-07-01', 'negative');
    // C: community rehabilitation ordered 02-01, never reported (due 02-16).
    await order(await person('C'), { kind: 'communityRehab', decisionDate: '2026-02-01', decisionReceivedDate: '2026-02-01', termMonths: 36 });
    // D: compulsory isolation since 2025-06-01.
    await order(await person('D'), { kind: 'compulsoryIsolation', decisionDate: '2025-06-01' });
    // E: deceased.
    const e = await person('E');
    const version = (await township.get(`/api/persons/${e}`)).json<{ version: number }>().version;
    const dead = await township.request('PATCH', `/api/persons/${e}`, { status: 'deceased' }, { 'if-match': `"${String(version)}"` });
    assert.equal(dead.statusCode, 200, dead.body);
    // F: no measure, tested 08-01 negative.
    await test(await person('F'), '2026-08-01', 'negative');
    // G: three years abstinent, approved today → archived (counted as abstinent, nowhere else).
    const g = await person('G');
    createdId(await township.post(`/api/persons/${g}/detections`, { detectedOn: '2022-01-10', agency: '清源区公安分局', substances: ['heroin'], outcome: 'other' }));
    const review = createdId(await township.post(`/api/persons/${g}/abstinence-reviews`, { note: '社区核实' }));
    assert.equal((await office.post(`/api/abstinence/reviews/${review}/decision`, { decision: 'approve' })).statusCode, 200);
  });
  after(() => app.close());

  const figures = async (as: Agent, query: string): Promise<SupervisionFigures> => {
    const response = await as.get(`/api/supervision/figures?${query}`);
    assert.equal(response.statusCode, 200, response.body);
    return response.json<SupervisionFigures>();
  };

  it('gives the known numbers for the constructed community', async () => {
    const result = await figures(township, `orgUnitId=${unitId}&year=2026`);
    assert.deepEqual(result.period, { from: '2026-01-01', to: '2026-11-23' });
    assert.equal(result.partial, true);
    const values = Object.fromEntries(result.rows.map((r) => [r.indicator, [r.value, r.numerator, r.denominator]]));
    assert.deepEqual(values, {
      'persons.registered': ['6', 6, null],
      'persons.current': ['5', 5, null],
      'measures.communityTreatment': ['2', 2, null],
      'measures.communityRehab': ['0', 0, null],
      'measures.compulsoryIsolation': ['1', 1, null],
      'measures.voluntaryTreatment': ['0', 0, null],
      'measures.maintenanceTherapy': ['0', 0, null],
      'supervision.reportInRate': ['33.3', 1, 3],
      'supervision.executionRate': ['66.7', 2, 3],
      'supervision.testRate': ['100.0', 2, 2],
      'supervision.relapseRate': ['33.3', 1, 3],
      'supervision.seriousViolations': ['2', 2, null],
      'supervision.lostContact': ['3', 3, null],
      'persons.abstinent': ['1', 1, null],
    });
    // Nobody was registered a year earlier: no base for 同比 (无同期数); rates without a denominator are null.
    const registered = result.rows.find((r) => r.indicator === 'persons.registered');
    assert.equal(registered?.lastYearValue, '0');
    assert.equal(registered?.yoyChange, null);
    const relapse = result.rows.find((r) => r.indicator === 'supervision.relapseRate');
    assert.equal(relapse?.lastYearValue, null);
    assert.equal(relapse?.changeUnit, '个百分点');
    assert.ok(result.rows.every((r) => r.definition.length > 10), 'every row carries its Chinese definition');
  });

  it('compares quarters (环比 in percentage points for rates)', async () => {
    // Q2 2026 (04-01 … 06-30) against Q1: tested in Q2 = A (positive) → relapse 100.0; Q1 nobody tested → no base.
    const q2 = await figures(township, `orgUnitId=${unitId}&year=2026&quarter=2`);
    const relapse = q2.rows.find((r) => r.indicator === 'supervision.relapseRate');
    assert.deepEqual([relapse?.value, relapse?.previousValue, relapse?.popChange], ['100.0', null, null]);
    // Q3 (07-01 … 09-30): B and F tested negative → 0.0, against Q2's 100.0 → −100 points.
    const q3 = await figures(township, `orgUnitId=${unitId}&year=2026&quarter=3`);
    const r3 = q3.rows.find((r) => r.indicator === 'supervision.relapseRate');
    assert.deepEqual([r3?.value, r3?.previousValue, r3?.popChange], ['0.0', '100.0', -100]);
  });

  it('drills down to exactly the persons behind each figure (masked), for every indicator', async () => {
    const result = await figures(office, `orgUnitId=${unitId}&year=2026`);
    for (const code of SUPERVISION_INDICATORS) {
      const response = await office.get(`/api/supervision/figures/${code}/persons?orgUnitId=${unitId}&year=2026&pageSize=200`);
      assert.equal(response.statusCode, 200, response.body);
      const drill = response.json<SupervisionFigurePersons>();
      const row = result.rows.find((r) => r.indicator === code);
      assert.equal(drill.items.length, drill.total, code);
      assert.equal(drill.value, row?.value, code);
      if (row?.denominator === null) assert.equal(drill.total, Number(row.value), code);
      else {
        assert.equal(drill.total, row?.denominator, code);
        assert.equal(drill.items.filter((i) => i.inNumerator).length, row?.numerator, code);
      }
      assert.ok(drill.items.every((i) => /\*{10}/.test(i.idNumberMasked)), 'masked');
    }
    const lost = (await office.get(`/api/supervision/figures/supervision.lostContact/persons?orgUnitId=${unitId}&year=2026`)).json<SupervisionFigurePersons>();
    assert.deepEqual(lost.items.map((i) => i.personName).sort(), ['统计A', '统计B', '统计C']);
    const registered = (await office.get(`/api/supervision/figures/persons.registered/persons?orgUnitId=${unitId}&year=2026&pageSize=200`)).json<SupervisionFigurePersons>();
    assert.ok(!registered.items.some((i) => i.personId === ids.G), 'the archived person is in no ordinary figure');
    const abstinent = (await office.get(`/api/supervision/figures/persons.abstinent/persons?orgUnitId=${unitId}&year=2026`)).json<SupervisionFigurePersons>();
    assert.deepEqual(abstinent.items.map((i) => i.personId), [ids.G]);
    // Archived persons are listed only to holders of archive.read.
    assert.equal((await township.get(`/api/supervision/figures/persons.abstinent/persons?orgUnitId=${unitId}&year=2026`)).statusCode, 403);
    const audited = await app.platform.db.selectFrom('audit_event').select('action').where('action', '=', 'supervision.figure_persons_viewed').execute();
    assert.ok(audited.length >= SUPERVISION_INDICATORS.length);
  });

  it('keeps another township out (400 naming orgUnitId) and counts only its own area', async () => {
    expectProblem(await township2.get(`/api/supervision/figures?orgUnitId=${unitId}&year=2026`), 400, 'orgUnitId');
    expectProblem(await township2.get(`/api/supervision/figures/persons.registered/persons?orgUnitId=${unitId}&year=2026`), 400, 'orgUnitId');
    const own = await figures(township2, 'year=2026');
    const drill = (await township2.get('/api/supervision/figures/persons.registered/persons?year=2026&pageSize=200')).json<SupervisionFigurePersons>();
    assert.ok(!drill.items.some((i) => Object.values(ids).includes(i.personId)));
    assert.equal(String(drill.total), own.rows.find((r) => r.indicator === 'persons.registered')?.value);
  });

  it('computes enforcement indicators through the registry exactly as the enforcement figures endpoint does', async () => {
    const registry = new IndicatorRegistry();
    registry.register(enforcementProvider);
    assert.throws(() => registry.register(enforcementProvider), /registered twice/);
    const district = (await office.get('/api/enforcement/figures?year=2026')).json<Figures>();
    const root = await given(app).orgNamed(district.orgUnit.name);
    const values = await registry.compute(app.platform.db, { scope: { rootPath: root.path }, path: root.path }, district.period, '2026-11-23');
    for (const def of registry.definitions('enforcement')) {
      assert.equal(values.get(def.code)?.value, district.rows.find((r) => r.indicator === def.code)?.value, def.code);
    }
  });
});
