import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { IndicatorTable } from '@qingyuan/shared';
import { given } from '../../testing/given.ts';
import { startTestApp, type Agent, type TestApp } from '../../testing/test-app.ts';
import { AuditBatch } from './alert-engine.ts';
import { alertIndicatorProvider } from './alert-indicators.ts';

// The test clock stands at 2026-11-23 10:00 China time.

describe('early-warning indicators in the registry (explorer, index component)', () => {
  let app: TestApp;
  let office: Agent;
  let township2: Agent;
  const units: Record<string, { id: string; path: string }> = {};

  before(async () => {
    app = await startTestApp();
    office = await app.login('office');
    const township = await app.login('township');
    township2 = await app.login('township2');
    const raise = async (ruleCode: string, unit: string, subject: string) => {
      const person = await given(app).person(unit === '清源街道' ? township : office, unit, { name: `预警${subject}` });
      units[unit] = { id: person.orgUnit.id, path: person.orgUnit.path };
      await app.platform.db.transaction().execute(async (trx) => {
        const id = await app.alerts.engine.raise(trx, {
          ruleCode, subjectKey: `test:${subject}`, personId: person.id, orgUnitId: person.orgUnit.id, orgPath: person.orgUnit.path, summary: subject, details: {},
        }, new AuditBatch());
        assert.ok(id);
      });
    };
    // 清源街道: a partner-feed alert (medium) and a positive test (high), the latter past its SLA; 云岭乡: one feed alert.
    await raise('partnerFeed', '清源街道', 'A');
    await raise('positiveTest', '清源街道', 'B');
    await raise('partnerFeed', '云岭乡', 'C');
    await app.platform.db.updateTable('alert').set({ overdue: true }).where('subject_key', '=', 'test:B').execute();
  });
  after(() => app.close());

  const table = async (as: Agent, query: string) => as.get(`/api/indicators/values?codes=alerts.raised,alerts.partnerFeed,alerts.high,alerts.overdueRate,alerts.partnerFeedPer10k&${query}`);

  it('counts the alerts raised in the period by the responsible unit, with the overdue rate and the per-10,000 rate', async () => {
    const ids = [units['清源街道']?.id, units['云岭乡']?.id].join(',');
    const response = await table(office, `orgUnitIds=${ids}&year=2026`);
    assert.equal(response.statusCode, 200, response.body);
    const result = response.json<IndicatorTable>();
    const of = (unit: string, code: string) => result.values.find((v) => v.orgUnitId === units[unit]?.id && v.code === code);
    assert.deepEqual(
      ['alerts.raised', 'alerts.partnerFeed', 'alerts.high', 'alerts.overdueRate'].map((c) => of('清源街道', c)?.value),
      ['2', '1', '1', '50.0'],
    );
    assert.deepEqual(['alerts.raised', 'alerts.partnerFeed', 'alerts.high', 'alerts.overdueRate'].map((c) => of('云岭乡', c)?.value), ['1', '1', '0', '0.0']);
    // 1 feed alert ÷ 86,000 residents (demo 清源街道) × 10,000 = 0.116… → 0.1.
    assert.equal(of('清源街道', 'alerts.partnerFeedPer10k')?.value, '0.1');
    // Nothing a year earlier: no base for 同比; no rate without alerts.
    assert.equal(of('清源街道', 'alerts.raised')?.lastYearValue, '0');
    assert.equal(of('清源街道', 'alerts.raised')?.yoyChange, null);
    assert.equal(of('清源街道', 'alerts.overdueRate')?.lastYearValue, null);
  });

  it('counts by the China day the alert was raised: the previous month holds none', async () => {
    const response = await table(office, `orgUnitIds=${units['清源街道']?.id ?? ''}&year=2026&period=month&index=10`);
    assert.equal(response.statusCode, 200, response.body);
    assert.equal(response.json<IndicatorTable>().values.find((v) => v.code === 'alerts.raised')?.value, '0');
  });

  it('counts several units in one pass exactly as each unit alone', async () => {
    const paths = [units['清源街道']?.path ?? '', units['云岭乡']?.path ?? ''];
    const district = (await app.platform.db.selectFrom('org_unit').select('path').where('kind', '=', 'district').executeTakeFirstOrThrow()).path;
    const area = { scope: { rootPath: district }, path: district };
    const range = { from: '2026-01-01', to: '2026-11-23' };
    const together = await alertIndicatorProvider.computeUnits?.(app.platform.db, area, paths, range, '2026-11-23');
    for (const path of paths) {
      const alone = await alertIndicatorProvider.compute(app.platform.db, { ...area, path }, range, '2026-11-23');
      assert.deepEqual(together?.get(path), alone, path);
    }
    assert.equal(together?.get(paths[0] ?? '')?.get('alerts.raised')?.value, '2');
  });

  it('keeps another township out of scope', async () => {
    const response = await table(township2, `orgUnitIds=${units['清源街道']?.id ?? ''}&year=2026`);
    assert.equal(response.statusCode, 400, response.body);
    assert.match(response.body, /orgUnitIds/);
  });

  it('offers partner-feed alerts per 10,000 residents as a default component of the situation index', async () => {
    const config = (await office.get('/api/situation-index/config')).json<{ components: { indicator: string }[] }>();
    assert.ok(config.components.some((c) => c.indicator === 'alerts.partnerFeedPer10k'));
    const index = await office.get('/api/situation-index?year=2026');
    assert.equal(index.statusCode, 200, index.body);
  });
});
