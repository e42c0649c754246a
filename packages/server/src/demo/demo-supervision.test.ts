import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Dashboard, SupervisionFigures } from '@qingyuan/shared';
import { startTestApp, type Agent, type TestApp } from '../testing/test-app.ts';
import { DEMO_PERSON_COUNT } from './demo-persons.ts';
import { seedDemoSupervision, type DemoSupervisionSummary } from './demo-supervision.ts';

// The test clock's China date.
const TODAY = '2026-11-23';

describe('demo supervision histories (npm start): written through the API, so the dashboard, lists and inbox have data', () => {
  let app: TestApp;
  let office: Agent;
  let summary: DemoSupervisionSummary;

  before(async () => {
    app = await startTestApp();
    summary = await seedDemoSupervision(app.server, TODAY);
    office = await app.login('office');
  });
  after(() => app.close());

  it('gives one demo person in four a community measure, and most of them report-ins, tests, visits and an assessment', async () => {
    assert.equal(summary.persons, DEMO_PERSON_COUNT / 4);
    assert.equal(summary.measures, summary.persons);
    assert.ok(summary.assessments > summary.persons / 2 && summary.assessments <= summary.persons, JSON.stringify(summary));
    assert.ok(summary.tests > summary.assessments * 3, JSON.stringify(summary));
    assert.ok(summary.visits > summary.assessments, JSON.stringify(summary));
    const tests = await app.platform.db.selectFrom('drug_test').select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow();
    assert.equal(Number(tests.n), summary.tests, 'every test the summary counts is stored');
  });

  it('makes the district’s supervision rates computable (no — on the demo dashboard)', async () => {
    const r = await office.get('/api/supervision/figures?year=2026');
    assert.equal(r.statusCode, 200, r.body);
    const rows = new Map(r.json<SupervisionFigures>().rows.map((row) => [row.indicator, row]));
    for (const indicator of ['supervision.reportInRate', 'supervision.testRate', 'supervision.relapseRate'] as const) {
      const row = rows.get(indicator);
      assert.ok(row?.value !== null && row?.value !== undefined, `${indicator} has a value`);
      assert.ok((row.denominator ?? 0) > 0, `${indicator} has a denominator`);
    }
  });

  it('gives each township on the dashboard the figures it gets alone (the district\'s facts narrowed, not re-read)', async () => {
    const dashboard = await office.get('/api/dashboard?year=2026');
    assert.equal(dashboard.statusCode, 200, dashboard.body);
    const units = dashboard.json<Dashboard>().units;
    assert.equal(units.length, 8);
    const codes = ['persons.current', 'supervision.executionRate', 'supervision.relapseRate', 'supervision.lostContact'] as const;
    let compared = 0;
    for (const unit of units) {
      const alone = await office.get(`/api/supervision/figures?year=2026&orgUnitId=${unit.orgUnitId}`);
      assert.equal(alone.statusCode, 200, alone.body);
      const rows = new Map(alone.json<SupervisionFigures>().rows.map((r) => [r.indicator, r.value]));
      for (const code of codes) {
        assert.equal(unit.values[code], rows.get(code), `${unit.name} ${code}`);
        if (unit.values[code] !== null && unit.values[code] !== '0') compared++;
      }
    }
    assert.ok(compared >= 16, `most of the compared figures are non-trivial (${String(compared)})`);
  });

  it('feeds the alert inbox through the real outbox: report-in overdue, test overdue and positive tests appear', async () => {
    await app.alerts.engine.dispatch();
    await app.alerts.engine.sweep();
    for (const rule of ['reportInOverdue', 'testOverdue', 'positiveTest']) {
      const r = await office.get(`/api/alerts?rule=${rule}&pageSize=1`);
      assert.equal(r.statusCode, 200, r.body);
      assert.ok(r.json<{ total: number }>().total > 0, `${rule} raised`);
    }
  });
});
