import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { sql } from 'kysely';
import type { Dashboard, SupervisionFigures } from '@qingyuan/shared';
import { given } from '../../testing/given.ts';
import { startTestApp, type Agent, type TestApp } from '../../testing/test-app.ts';
import { standardRanges } from './indicator-snapshots.ts';

// The test clock stands at 2026-11-23 (China time): the year 2026 is counted 2026-01-01 … 2026-11-23.

describe('indicator snapshots: stored supervision figures are served only while current', () => {
  let app: TestApp;
  let township: Agent;
  let office: Agent;
  let districtId: string;
  let districtPath: string;
  let personId: string;

  before(async () => {
    app = await startTestApp();
    township = await app.login('township');
    office = await app.login('office');
    const district = (await given(app).orgs(office)).find((o) => o.kind === 'district');
    assert.ok(district);
    districtId = district.id;
    districtPath = district.path;
    personId = (await given(app).person(township, '清源街道', { name: '快照测试' })).id;
    const measure = await township.post(`/api/persons/${personId}/measures`, {
      kind: 'communityTreatment', decisionDate: '2026-03-01', decisionReceivedDate: '2026-03-02', decidingAgency: '清源区公安分局',
      executingOrgUnitId: (await given(app).orgNamed('清源街道')).id,
    });
    assert.equal(measure.statusCode, 201, measure.body);
  });
  after(() => app.close());

  const version = async (): Promise<number> =>
    Number((await app.platform.db.selectFrom('indicator_data_version').select('version').where('module', '=', 'supervision').executeTakeFirstOrThrow()).version);
  const figures = async (): Promise<SupervisionFigures> => {
    const response = await office.get(`/api/supervision/figures?orgUnitId=${districtId}&year=2026`);
    assert.equal(response.statusCode, 200, response.body);
    return response.json<SupervisionFigures>();
  };
  const value = (f: SupervisionFigures, code: string) => f.rows.find((r) => r.indicator === code)?.value;
  /** Overwrites one stored figure (the snapshot table has no trigger: the data version stays). */
  const tamper = async (code: string, to: string) => {
    await sql`update indicator_snapshot set figures = jsonb_set(figures, ${`{${code},value}`}::text[], to_jsonb(${to}::text))
      where module = 'supervision' and org_path = ${districtPath}`.execute(app.platform.db);
  };

  it('bumps the data version once per writing transaction, at commit', async () => {
    const before = await version();
    const test = await township.post(`/api/persons/${personId}/tests`, { testedOn: '2026-04-10', kind: 'urine', setting: 'field', result: 'negative' });
    assert.equal(test.statusCode, 201, test.body);
    // The test, its audit row and the person-bound follow-ups are one transaction: one bump.
    assert.equal(await version(), before + 1);
    // A read writes nothing to the figures' tables.
    await figures();
    assert.equal(await version(), before + 1);
  });

  it('stores the district and township figures for the standard ranges, equal to the live ones', async () => {
    const townships = (await given(app).orgs(office)).filter((o) => o.kind === 'township' || o.kind === 'street');
    const units = [{ id: districtId, path: districtPath }, ...townships];
    // Live first (nothing stored yet), for the year and for the third quarter.
    const live = new Map<string, SupervisionFigures>();
    for (const unit of units) {
      for (const q of ['', '&quarter=3']) live.set(`${unit.path}${q}`, (await office.get(`/api/supervision/figures?orgUnitId=${unit.id}&year=2026${q}`)).json<SupervisionFigures>());
    }
    const result = await app.snapshots.refresh(true);
    assert.equal(result.ran, true);
    assert.equal(result.version, String(await version()));
    const stored = await app.platform.db.selectFrom('indicator_snapshot').select(['org_path', 'period_from', 'period_to', 'figures'])
      .where('module', '=', 'supervision').execute();
    assert.equal(stored.length, units.length * standardRanges('2026-11-23').length);
    // Each unit's stored figures (computed once for the district and narrowed by path) are the live ones.
    for (const unit of units) {
      for (const [q, from, to] of [['', '2026-01-01', '2026-11-23'], ['&quarter=3', '2026-07-01', '2026-09-30']] as const) {
        const row = stored.find((r) => r.org_path === unit.path && r.period_from === from && r.period_to === to);
        assert.ok(row, `${unit.path} ${from}…${to} is stored`);
        const figures = row.figures as Record<string, { value: string | null; numerator: number | null; denominator: number | null }>;
        for (const r of live.get(`${unit.path}${q}`)?.rows ?? []) {
          assert.deepEqual(figures[r.indicator], { value: r.value, numerator: r.numerator, denominator: r.denominator }, `${unit.path} ${r.indicator}`);
        }
      }
    }
    assert.deepEqual(await figures(), live.get(districtPath));
  });

  it('serves a stored figure while the data version is unchanged, and the live one after any write', async () => {
    await app.snapshots.refresh(true);
    await tamper('persons.current', '999999');
    // The page and the dashboard read the stored figure (proved by the overwritten value)…
    assert.equal(value(await figures(), 'persons.current'), '999999');
    const dashboard = (await office.get('/api/dashboard?year=2026')).json<Dashboard>();
    assert.equal(dashboard.keyFigures.find((k) => k.code === 'persons.current')?.value, '999999');
    // …until a write commits: then the live figure, which includes the write.
    await given(app).person(township, '清源街道', { name: '快照新增' });
    const live = value(await figures(), 'persons.current');
    assert.notEqual(live, '999999');
    await app.snapshots.refresh(true);
    assert.equal(value(await figures(), 'persons.current'), live);
  });

  it('runs one refresh at a time and skips an unchanged database', async () => {
    const [a, b] = await Promise.all([app.snapshots.refresh(true), app.snapshots.refresh(true)]);
    assert.equal(a, b, 'a second call joins the running refresh');
    const again = await app.snapshots.refresh();
    assert.equal(again.ran, false, 'nothing changed since the last refresh');
  });

  it('never serves stored figures to a work-team scope', async () => {
    await app.snapshots.refresh(true);
    await tamper('persons.current', '999999');
    // Last test: the wrapped stand-in stays registered with the job.
    let computed = 0;
    const provider = app.snapshots.cached({
      module: 'supervision', definitions: [],
      async compute() {
        computed++;
        return new Map([['persons.current', { value: '1', numerator: null, denominator: null }]]);
      },
    });
    const range = { from: '2026-01-01', to: '2026-11-23' };
    const teamScope = { rootPath: districtPath, workTeamAccountId: '00000000-0000-4000-8000-000000000000' };
    const forTeam = await provider.compute(app.platform.db, { scope: teamScope, path: districtPath }, range, '2026-11-23');
    assert.equal(forTeam.get('persons.current')?.value, '1');
    assert.equal(computed, 1);
    const forOffice = await provider.compute(app.platform.db, { scope: { rootPath: districtPath }, path: districtPath }, range, '2026-11-23');
    assert.equal(forOffice.get('persons.current')?.value, '999999');
    assert.equal(computed, 1);
  });
});
