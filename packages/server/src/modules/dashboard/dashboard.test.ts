import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import ExcelJS from 'exceljs';
import type { Dashboard, IndexConfigDto, IndicatorTable, SituationIndex, SupervisionFigures } from '@qingyuan/shared';
import { enforcementGiven, row } from '../../testing/enforcement-given.ts';
import { expectProblem } from '../../testing/expect-problem.ts';
import { fakeIdNumber } from '../../testing/given.ts';
import { startTestApp, type Agent, type TestApp } from '../../testing/test-app.ts';

// The test clock stands at 2026-11-23.

describe('dashboard, indicator explorer and drug-situation index', () => {
  let app: TestApp;
  let office: Agent;
  let township: Agent;
  let g: ReturnType<typeof enforcementGiven>;

  before(async () => {
    app = await startTestApp();
    office = await app.login('office');
    township = await app.login('township');
    const police = await app.login('police');
    g = enforcementGiven(app);
    // 云岭乡: three cases filed and solved in 2026 (Feb, May, Nov), one filed in 2025; 清源街道: one in 2026.
    for (const [filedAt, solvedAt] of [['2026-02-01', '2026-02-10'], ['2026-05-01', '2026-05-20'], ['2026-11-02', '2026-11-20']]) {
      await g.case(police, '云岭村', { filedAt, solvedAt });
    }
    await g.case(police, '岩前村', { filedAt: '2025-06-01', solvedAt: '2025-06-30' });
    await g.case(police, '河畔社区', { filedAt: '2026-03-01', solvedAt: '2026-03-02' });
    // Two registered persons in 河畔社区.
    for (const n of [1, 2]) {
      const created = await township.post('/api/persons', { name: `看板测试${String(n)}`, idNumber: fakeIdNumber(900 + n, '1990-01-01'), gender: 'male', orgUnitId: (await g.unit('河畔社区')).id });
      assert.equal(created.statusCode, 201, created.body);
    }
    assert.equal((await office.put('/api/targets', { orgUnitId: (await g.unit('示范区')).id, year: 2026, indicator: 'cases.solved', value: 5 })).statusCode, 200);
  });
  after(() => app.close());

  it('shows the key figures with the same values as the enforcement and supervision figures, with targets', async () => {
    const response = await office.get('/api/dashboard?year=2026');
    assert.equal(response.statusCode, 200, response.body);
    const dashboard = response.json<Dashboard>();
    assert.equal(dashboard.orgUnit.name, '示范区');
    assert.equal(dashboard.period.label, '2026年');
    const enforcement = await g.figures(office, 'year=2026');
    const supervision = (await office.get('/api/supervision/figures?year=2026')).json<SupervisionFigures>();
    const key = (code: string) => dashboard.keyFigures.find((k) => k.code === code);
    assert.equal(key('cases.solved')?.value, row(enforcement, 'cases.solved').value);
    assert.equal(key('cases.solved')?.value, '4');
    assert.equal(key('cases.solved')?.target, '5');
    assert.equal(key('cases.solved')?.completion, 80);
    assert.equal(key('cases.solved')?.yoyChange, 300);
    assert.equal(key('persons.current')?.value, supervision.rows.find((r) => r.indicator === 'persons.current')?.value);
    assert.equal(key('supervision.executionRate')?.changeUnit, '个百分点');
  });

  it('draws a monthly trend that adds up to the period figure, and the townships for the map', async () => {
    const dashboard = (await office.get('/api/dashboard?year=2026')).json<Dashboard>();
    assert.equal(dashboard.trend.months.length, 12);
    assert.equal(dashboard.trend.months.at(-1), '2026-11');
    const solved = dashboard.trend.series.find((s) => s.code === 'cases.solved');
    assert.ok(solved);
    assert.deepEqual(solved.values.slice(-11), [0, 1, 1, 0, 1, 0, 0, 0, 0, 0, 1]);
    assert.equal(dashboard.units.length, 8);
    assert.equal(dashboard.units.find((u) => u.name === '云岭乡')?.values['cases.solved'], '3');
    const qingyuan = (await office.get(`/api/supervision/figures?year=2026&orgUnitId=${(await g.unit('清源街道')).id}`)).json<SupervisionFigures>();
    assert.equal(dashboard.units.find((u) => u.name === '清源街道')?.values['persons.current'], qingyuan.rows.find((r) => r.indicator === 'persons.current')?.value);
  });

  it('gives each township on the district dashboard the key figures of its own dashboard (one pass for all townships)', async () => {
    const district = (await office.get('/api/dashboard?year=2026')).json<Dashboard>();
    assert.equal(district.units.length, 8);
    for (const unit of district.units) {
      const own = (await office.get(`/api/dashboard?year=2026&orgUnitId=${unit.orgUnitId}`)).json<Dashboard>();
      assert.deepEqual(Object.fromEntries(own.keyFigures.map((k) => [k.code, k.value])), unit.values, unit.name);
    }
    const index = (await office.get('/api/situation-index?year=2026')).json<SituationIndex>();
    const yunling = index.units.find((u) => u.name === '云岭乡');
    const alone = (await office.get(`/api/situation-index?year=2026&orgUnitId=${yunling?.orgUnitId ?? ''}`)).json<SituationIndex>();
    assert.deepEqual(alone.area.components, yunling?.components);
  });

  it('gives a township its own dashboard and refuses another unit like a missing one', async () => {
    const own = (await township.get('/api/dashboard?year=2026')).json<Dashboard>();
    assert.equal(own.orgUnit.name, '清源街道');
    assert.equal(own.keyFigures.find((k) => k.code === 'cases.solved')?.value, '1');
    const other = await township.get(`/api/dashboard?year=2026&orgUnitId=${(await g.unit('云岭乡')).id}`);
    const missing = await township.get(`/api/dashboard?year=2026&orgUnitId=${randomUUID()}`);
    expectProblem(other, 400, 'orgUnitId');
    assert.deepEqual(other.json<{ errors: unknown }>().errors, missing.json<{ errors: unknown }>().errors);
  });

  it('answers the explorer for indicators × units × a quarter, with rates per 10,000 residents', async () => {
    const qingyuan = await g.unit('清源街道');
    const yunling = await g.unit('云岭乡');
    const response = await office.get(`/api/indicators/values?codes=cases.solved,persons.current,persons.currentPer10k&orgUnitIds=${qingyuan.id},${yunling.id}&period=quarter&index=4&year=2026`);
    assert.equal(response.statusCode, 200, response.body);
    const table = response.json<IndicatorTable>();
    assert.equal(table.period.label, '2026年第四季度');
    const value = (code: string, unitId: string) => table.values.find((v) => v.code === code && v.orgUnitId === unitId);
    assert.equal(value('cases.solved', yunling.id)?.value, '1');
    const current = Number(value('persons.current', qingyuan.id)?.value);
    assert.ok(current >= 2, 'the demo persons and the two registered here');
    // persons ÷ 86,000 residents (demo 清源街道) × 10,000, to one decimal: 37 → 4.3
    assert.equal(value('persons.currentPer10k', qingyuan.id)?.value, (Math.round((current * 100_000) / 86_000) / 10).toFixed(1));
    const exported = await office.get(`/api/indicators/values/export?codes=cases.solved&orgUnitIds=${yunling.id}&period=quarter&index=4&year=2026`);
    assert.equal(exported.statusCode, 200);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(exported.rawPayload as unknown as ArrayBuffer);
    const sheet = workbook.getWorksheet('指标查询');
    assert.deepEqual([sheet?.getCell('A4').value, sheet?.getCell('B4').value, sheet?.getCell('D4').value], ['云岭乡', '破获毒品刑事案件', '1']);
    const definitions = (await office.get('/api/indicators')).json<{ items: { code: string; module: string }[] }>().items;
    assert.ok(definitions.some((d) => d.code === 'cases.solved' && d.module === 'enforcement'));
    assert.ok(definitions.some((d) => d.code === 'supervision.executionRate' && d.module === 'supervision'));
  });

  it('refuses a bad period or an unknown indicator, naming the field', async () => {
    expectProblem(await office.get('/api/dashboard?year=2026&period=month&index=13'), 400, 'index');
    expectProblem(await office.get('/api/dashboard?year=2026&period=custom&from=2026-05-01&to=2026-04-01'), 400, 'to');
    expectProblem(await office.get('/api/indicators/values?year=2026&codes=cases.solved,nope'), 400, 'codes');
    assert.equal((await app.login('police')).username, 'police');
    assert.equal((await (await app.login('department')).get('/api/dashboard?year=2026')).statusCode, 403);
  });

  it('computes the situation index with the office configuration and explains its change', async () => {
    const config = await office.put('/api/situation-index/config', { components: [{ indicator: 'cases.filed', weight: 10, good: 0, bad: 10 }] });
    assert.equal(config.statusCode, 200, config.body);
    assert.equal(config.json<IndexConfigDto>().version, 1);
    const response = await office.get('/api/situation-index?year=2026');
    assert.equal(response.statusCode, 200, response.body);
    const index = response.json<SituationIndex>();
    assert.equal(index.configVersion, 1);
    // 云岭乡: three cases filed to date in 2026 (30 points) against one in the same period of 2025 (10 points).
    const yunling = index.units.find((u) => u.name === '云岭乡');
    assert.deepEqual([yunling?.index, yunling?.lastYearIndex, yunling?.changePoints, yunling?.changePercent], [30, 10, 20, 200]);
    assert.deepEqual(yunling?.contributions, [{ indicator: 'cases.filed', label: '立案毒品刑事案件', points: 20 }]);
    assert.equal(index.area.index, 40);
  });

  it('refuses an index configuration it cannot compute, writes nothing, and lets only the office configure', async () => {
    const before = (await office.get('/api/situation-index/config')).json<IndexConfigDto>().version;
    expectProblem(await office.put('/api/situation-index/config', { components: [{ indicator: 'cases.filed', weight: 10, good: 5, bad: 5 }] }), 400, 'components.0.bad');
    expectProblem(await office.put('/api/situation-index/config', { components: [{ indicator: 'nope', weight: 10, good: 0, bad: 5 }] }), 400, 'components.0.indicator');
    expectProblem(await office.put('/api/situation-index/config', { components: [] }), 400, 'components');
    assert.equal((await township.put('/api/situation-index/config', { components: [{ indicator: 'cases.filed', weight: 10, good: 0, bad: 10 }] })).statusCode, 403);
    assert.equal((await office.get('/api/situation-index/config')).json<IndexConfigDto>().version, before);
  });

  // Last: it adds a case. The district's figures and its townships come from the same scans (a roll-up row per table).
  it('counts a case recorded at the district itself in the district figure and the trend, in none of its townships', async () => {
    const before = (await office.get('/api/dashboard?year=2026')).json<Dashboard>();
    await g.case(await app.login('police'), '示范区', { filedAt: '2026-04-01', solvedAt: '2026-04-02' });
    const after = (await office.get('/api/dashboard?year=2026')).json<Dashboard>();
    const solved = (d: Dashboard) => Number(d.keyFigures.find((k) => k.code === 'cases.solved')?.value);
    assert.equal(solved(after), solved(before) + 1);
    assert.deepEqual(after.units, before.units);
    const trend = after.trend.series.find((s) => s.code === 'cases.solved')?.values ?? [];
    assert.equal(trend.reduce((a, b) => a + b, 0), solved(after));
    assert.equal(after.keyFigures.find((k) => k.code === 'cases.solved')?.completion, 100);
  });
});
