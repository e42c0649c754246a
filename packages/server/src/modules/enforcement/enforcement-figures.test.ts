import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import ExcelJS from 'exceljs';
import type { FigureRecords, SanctionDto, TargetDto } from '@qingyuan/shared';
import { fakeIdNumber, given } from '../../testing/given.ts';
import { startTestApp, type Agent, type TestApp } from '../../testing/test-app.ts';
import { createdId, enforcementGiven, expectProblem, row } from '../../testing/enforcement-given.ts';

// The test clock stands at 2026-11-23 (China time): 2026 is counted to date and compared with 2025-01-01 … 2025-11-23.

describe('figures: values, targets, completion, year-on-year and period-on-period, drill-down', () => {
  let app: TestApp;
  let police: Agent;
  let office: Agent;
  let g: ReturnType<typeof enforcementGiven>;
  let yunling: string;

  before(async () => {
    app = await startTestApp();
    police = await app.login('police');
    office = await app.login('office');
    g = enforcementGiven(app);
    yunling = (await g.unit('云岭乡')).id;
    // 2026: eight cases filed, seven solved (two in the running quarter), three of them major or extraordinary.
    const solved2026: [string, string, 'ordinary' | 'major' | 'extraordinary'][] = [
      ['2026-01-10', '2026-02-01', 'major'], ['2026-03-05', '2026-03-20', 'ordinary'], ['2026-04-01', '2026-05-01', 'extraordinary'],
      ['2026-06-01', '2026-07-20', 'ordinary'], ['2026-08-01', '2026-09-30', 'major'], ['2026-10-02', '2026-10-15', 'ordinary'],
      ['2026-11-01', '2026-11-23', 'ordinary'],
    ];
    const ids: string[] = [];
    for (const [i, [filedAt, solvedAt, level]] of solved2026.entries()) {
      ids.push(await g.case(police, i % 2 === 0 ? '云岭村' : '雾溪村', { filedAt, solvedAt, level, gang: i === 0, ...(i === 2 ? { supervision: 'ministry' as const } : {}) }));
    }
    await g.case(police, '云岭村', { filedAt: '2026-10-01' });
    // 2025: three solved by 23 November, one more in December (outside the same period, inside the whole year).
    for (const solvedAt of ['2025-03-01', '2025-06-01', '2025-11-23', '2025-12-15']) await g.case(police, '岩前村', { filedAt: '2025-01-05', solvedAt });
    // Suspects: three caught in 2026 (one a fugitive), one in 2025.
    const [first, second] = ids;
    assert.ok(first && second);
    createdId(await police.post(`/api/cases/${first}/suspects`, { name: '甲', role: 'principal', caughtAt: '2026-02-01', arrestedAt: '2026-03-01', criminalDetentionAt: '2026-02-02' }));
    createdId(await police.post(`/api/cases/${first}/suspects`, { name: '乙', role: 'accomplice', caughtAt: '2026-02-01' }));
    createdId(await police.post(`/api/cases/${second}/suspects`, { name: '丙', role: 'principal', caughtAt: '2026-11-20', wantedLevel: 'C' }));
    createdId(await police.post(`/api/cases/${second}/suspects`, { name: '丁', role: 'other', caughtAt: '2025-07-01' }));
    // Seizures: 2026 heroin 12.5 g and methamphetamine 100.25 g (40 packets); 2025 heroin 50 g.
    createdId(await police.post(`/api/cases/${first}/seizures`, { drug: 'heroin', grams: '12.5', seizedAt: '2026-02-01' }));
    createdId(await police.post(`/api/cases/${second}/seizures`, { drug: 'methamphetamine', grams: '100.25', packets: 40, seizedAt: '2026-03-20' }));
    createdId(await police.post(`/api/cases/${second}/seizures`, { drug: 'heroin', grams: '50', seizedAt: '2025-05-01' }));
    createdId(await police.post(`/api/cases/${second}/precursor-seizures`, { chemical: '羟亚胺', kilograms: '3.25', seizedAt: '2026-03-20' }));
    for (const [kind, amount] of [['seized', '1000.50'], ['frozen', '200'], ['confiscated', '300']] as const) {
      createdId(await police.post(`/api/cases/${first}/assets`, { kind, amount, description: '现金', recordedAt: '2026-05-01' }));
    }
    // Targets for 2026, set by the office.
    for (const [indicator, value, quarter] of [['cases.solved', 6, null], ['cases.major', 4, null], ['cases.solved', 2, 4], ['seizures.grams', '1000', null], ['seizures.grams.heroin', '10', null]] as const) {
      const put = await office.put('/api/targets', { orgUnitId: yunling, year: 2026, indicator, value, ...(quarter === null ? {} : { quarter }) });
      assert.equal(put.statusCode, 200, put.body);
    }
    for (const [quarter, value] of [[1, 2], [2, 3], [3, 2], [4, 3]] as const) {
      assert.equal((await office.put('/api/targets', { orgUnitId: yunling, year: 2026, indicator: 'suspects.caught', value, quarter })).statusCode, 200);
    }
  });
  after(() => app.close());

  it('computes each figure with its target, completion (116.7 %), same period last year and 同比 (+133.3 %)', async () => {
    const figures = await g.figures(office, `orgUnitId=${yunling}&year=2026`);
    assert.deepEqual(figures.period, { from: '2026-01-01', to: '2026-11-23' });
    assert.equal(figures.partial, true);
    assert.deepEqual(figures.lastYearPeriod, { from: '2025-01-01', to: '2025-11-23' });
    assert.equal(figures.orgUnit.name, '云岭乡');
    assert.deepEqual(row(figures, 'cases.solved'), {
      indicator: 'cases.solved', label: '破获毒品刑事案件', unit: '件', value: '7', target: '6', completion: 116.7,
      lastYearValue: '3', yoyChange: 133.3, previousValue: '3', popChange: 133.3, cumulative: null,
    });
    assert.deepEqual([figures.month, figures.cumulativePeriod, figures.cumulativeLastYearPeriod], [null, null, null], 'a year has no 累计 of its own');
    assert.equal(row(figures, 'cases.filed').value, '8');
    assert.equal(row(figures, 'cases.filed').lastYearValue, '4');
    assert.deepEqual([row(figures, 'cases.major').value, row(figures, 'cases.major').completion], ['3', 75]);
    assert.equal(row(figures, 'cases.supervised').value, '1');
    assert.equal(row(figures, 'cases.gang').value, '1');
    const caught = row(figures, 'suspects.caught');
    assert.deepEqual([caught.value, caught.target, caught.completion, caught.lastYearValue, caught.yoyChange], ['3', '10', 30, '1', 200]);
    assert.equal(row(figures, 'fugitives.caught').value, '1');
    assert.equal(row(figures, 'suspects.arrested').value, '1');
    const grams = row(figures, 'seizures.grams');
    assert.deepEqual([grams.value, grams.target, grams.completion, grams.lastYearValue, grams.yoyChange], ['112.750', '1000.000', 11.3, '50.000', 125.5]);
    const heroin = row(figures, 'seizures.grams.heroin');
    assert.deepEqual([heroin.label, heroin.value, heroin.target, heroin.completion, heroin.lastYearValue, heroin.yoyChange], ['缴获海洛因', '12.500', '10.000', 125, '50.000', -75]);
    assert.deepEqual([row(figures, 'seizures.grams.methamphetamine').value, row(figures, 'seizures.grams.methamphetamine').yoyChange], ['100.250', null]);
    assert.ok(!figures.rows.some((r) => r.indicator === 'seizures.grams.cocaine'), 'drugs never seized and without a target are left out');
    assert.equal(row(figures, 'seizures.packets').value, '40');
    assert.equal(row(figures, 'seizures.precursorKg').value, '3.250');
    assert.equal(row(figures, 'assets.seized').value, '1200.50');
    assert.equal(row(figures, 'assets.confiscated').value, '300.00');
    const noTarget = row(figures, 'cases.filed');
    assert.deepEqual([noTarget.target, noTarget.completion], [null, null]);
  });

  it('compares a whole past year with the whole year before; a future year has nothing and no rates', async () => {
    const y2025 = await g.figures(office, `orgUnitId=${yunling}&year=2025`);
    assert.equal(y2025.partial, false);
    assert.deepEqual([row(y2025, 'cases.solved').value, row(y2025, 'cases.solved').lastYearValue, row(y2025, 'cases.solved').yoyChange], ['4', '0', null]);
    const y2027 = await g.figures(office, `orgUnitId=${yunling}&year=2027`);
    assert.ok(y2027.rows.every((r) => /^0(\.0+)?$/.test(r.value) && r.yoyChange === null && r.completion === null));
  });

  it('computes a quarter to date against its quarter target and the previous quarter to the same day (环比)', async () => {
    const q4 = await g.figures(office, `orgUnitId=${yunling}&year=2026&quarter=4`);
    assert.deepEqual(q4.period, { from: '2026-10-01', to: '2026-11-23' });
    assert.deepEqual(q4.previousPeriod, { from: '2026-07-01', to: '2026-08-23' });
    assert.deepEqual(q4.lastYearPeriod, { from: '2025-10-01', to: '2025-11-23' });
    const solved = row(q4, 'cases.solved');
    assert.deepEqual([solved.value, solved.target, solved.completion, solved.previousValue, solved.popChange, solved.lastYearValue, solved.yoyChange], ['2', '2', 100, '1', 100, '1', 100]);
    assert.deepEqual([row(q4, 'suspects.caught').target, row(q4, 'cases.major').target], ['3', null], 'a yearly target is not split into quarters by itself');
    expectProblem(await office.get(`/api/enforcement/figures?orgUnitId=${yunling}&year=2026&quarter=5`), 400, 'quarter');
    expectProblem(await office.get('/api/enforcement/figures'), 400, 'year');
  });

  it('rolls figures up the org subtree: the district includes 云岭乡; a village only its own', async () => {
    const district = await g.figures(office, 'year=2026');
    assert.equal(district.orgUnit.name, '示范区');
    assert.ok(Number(row(district, 'cases.solved').value) >= 7);
    const village = await g.figures(office, `orgUnitId=${(await g.unit('雾溪村')).id}&year=2026`);
    assert.equal(row(village, 'cases.solved').value, '3');
    const police2026 = await g.figures(police, 'year=2026');
    assert.equal(police2026.orgUnit.name, '示范区', 'the brigade sees the district it is attached to');
  });

  it('drills down from every figure to exactly the records behind it (their amounts add up to the figure)', async () => {
    const figures = await g.figures(office, `orgUnitId=${yunling}&year=2026`);
    for (const figure of figures.rows) {
      const response = await office.get(`/api/enforcement/figures/${figure.indicator}/records?orgUnitId=${yunling}&year=2026&pageSize=200`);
      assert.equal(response.statusCode, 200, response.body);
      const records = response.json<FigureRecords>();
      assert.equal(records.value, figure.value, figure.indicator);
      assert.equal(records.items.length, records.total);
      const scale = figure.value.includes('.') ? (figure.value.split('.')[1] ?? '').length : 0;
      const sum = records.items.reduce((total, r) => total + BigInt(r.amount.replace('.', '')), 0n);
      assert.equal(sum, BigInt(figure.value.replace('.', '')), `${figure.indicator}: records add up (scale ${String(scale)})`);
    }
    const solved = (await office.get(`/api/enforcement/figures/cases.solved/records?orgUnitId=${yunling}&year=2026`)).json<FigureRecords>();
    assert.deepEqual(solved.items.map((r) => r.on), ['2026-11-23', '2026-10-15', '2026-09-30', '2026-07-20', '2026-05-01', '2026-03-20', '2026-02-01']);
    assert.ok(solved.items.every((r) => r.caseNumber && r.kind === 'case' && ['云岭村', '雾溪村'].includes(r.orgUnitName)));
    const lastYear = (await office.get(`/api/enforcement/figures/cases.solved/records?orgUnitId=${yunling}&year=2026&compare=lastYear`)).json<FigureRecords>();
    assert.deepEqual([lastYear.total, lastYear.value, lastYear.period.to], [3, '3', '2025-11-23']);
    const caught = (await office.get(`/api/enforcement/figures/suspects.caught/records?orgUnitId=${yunling}&year=2026`)).json<FigureRecords>();
    assert.deepEqual(caught.items.map((r) => r.description).sort(), ['丙（主犯）', '乙（从犯）', '甲（主犯）']);
    const viewed = await app.platform.db.selectFrom('audit_event').select('changes').where('action', '=', 'enforcement.records_viewed').execute();
    assert.ok(viewed.length >= 1, 'a drill-down naming suspects is audited');
    expectProblem(await office.get(`/api/enforcement/figures/seizures.grams.unicorn/records?year=2026`), 400, 'indicator');
    expectProblem(await office.get(`/api/enforcement/figures/nonsense/records?year=2026`), 400, 'indicator');
  });

  it('exports the figures table to Excel with the same numbers (an audited export)', async () => {
    const response = await office.get(`/api/enforcement/figures/export?orgUnitId=${yunling}&year=2026`);
    assert.equal(response.statusCode, 200, response.body);
    assert.match(String(response.headers['content-type']), /spreadsheetml/);
    assert.match(String(response.headers['content-disposition']), /attachment; .*filename\*=UTF-8''.*\.xlsx/);
    assert.ok(decodeURIComponent(String(response.headers['content-disposition'])).includes('云岭乡2026年缉毒执法任务指标统计.xlsx'));
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(response.rawPayload as unknown as ArrayBuffer);
    const sheet = workbook.getWorksheet('任务指标统计');
    assert.ok(sheet);
    assert.equal(sheet.getCell('A1').value, '云岭乡2026年缉毒执法任务指标统计');
    assert.deepEqual((sheet.getRow(3).values as unknown[]).slice(1), ['指标', '单位', '本期', '任务数', '完成率', '去年同期', '同比', '上期', '环比']);
    const rows = new Map<string, unknown[]>();
    sheet.eachRow((row, n) => { if (n > 3) rows.set(row.getCell(1).text.trim(), (row.values as unknown[]).slice(1)); });
    assert.deepEqual(rows.get('破获毒品刑事案件'), ['破获毒品刑事案件', '件', 7, 6, 1.167, 3, 1.333, 3, 1.333]);
    assert.deepEqual(rows.get('立案毒品刑事案件')?.slice(3, 5), ['—', '无任务数']);
    assert.equal(rows.get('缴获毒品')?.[2], 112.75);
    assert.equal(sheet.getCell('C5').numFmt, '0');
    const audit = await app.platform.db.selectFrom('audit_event').select(['actor_username', 'entity_id']).where('action', '=', 'enforcement.figures_exported').execute();
    assert.deepEqual(audit, [{ actor_username: 'office', entity_id: yunling }]);
  });

  it('keeps targets: set and replaced by the office (audited from → to), listed per subtree, refused when malformed', async () => {
    const put = await office.put('/api/targets', { orgUnitId: yunling, year: 2026, indicator: 'cases.solved', value: 6 });
    assert.equal(put.json<TargetDto>().value, '6');
    const listed = (await office.get(`/api/targets?orgUnitId=${yunling}&year=2026`)).json<{ items: TargetDto[] }>().items;
    assert.equal(listed.length, 9);
    assert.deepEqual(listed.find((t) => t.indicator === 'seizures.grams.heroin'), { ...listed.find((t) => t.indicator === 'seizures.grams.heroin'), label: '缴获海洛因', value: '10.000', quarter: null });
    const replaced = await office.put('/api/targets', { orgUnitId: yunling, year: 2026, indicator: 'cases.major', value: '5' });
    assert.equal(replaced.statusCode, 200);
    const audit = await app.platform.db.selectFrom('audit_event').select('changes').where('action', '=', 'target.set').orderBy('seq', 'desc').limit(1).executeTakeFirstOrThrow();
    assert.deepEqual((JSON.parse(audit.changes ?? '{}') as { value: unknown }).value, { from: '4', to: '5' });
    const before = await g.rowCount('enforcement_target');
    const bad: [unknown, string][] = [
      [{ orgUnitId: yunling, year: 2026, indicator: 'cases.solved', value: 2.5 }, 'value'],
      [{ orgUnitId: yunling, year: 2026, indicator: 'cases.solved', value: -1 }, 'value'],
      [{ orgUnitId: yunling, year: 2026, indicator: 'assets.seized', value: '10.001' }, 'value'],
      [{ orgUnitId: yunling, year: 2026, indicator: 'cases.unknown', value: 1 }, 'indicator'],
      [{ orgUnitId: yunling, year: 2026, indicator: 'seizures.grams.unicorn', value: 1 }, 'indicator'],
      [{ orgUnitId: yunling, year: 1999, indicator: 'cases.solved', value: 1 }, 'year'],
      [{ orgUnitId: yunling, year: 2026, quarter: 0, indicator: 'cases.solved', value: 1 }, 'quarter'],
      [{ orgUnitId: randomUUID(), year: 2026, indicator: 'cases.solved', value: 1 }, 'orgUnitId'],
    ];
    for (const [body, field] of bad) expectProblem(await office.put('/api/targets', body), 400, field);
    assert.equal(await g.rowCount('enforcement_target'), before);
  });

  it('computes a whole month: 同比 with the same month last year, 环比 with June, 1—7月累计 against the YEAR target', async () => {
    const july = await g.figures(office, `orgUnitId=${yunling}&year=2026&month=7`);
    assert.deepEqual([july.year, july.quarter, july.month, july.partial], [2026, null, 7, false]);
    assert.deepEqual(july.period, { from: '2026-07-01', to: '2026-07-31' });
    assert.deepEqual(july.lastYearPeriod, { from: '2025-07-01', to: '2025-07-31' });
    assert.deepEqual(july.previousPeriod, { from: '2026-06-01', to: '2026-06-30' });
    assert.deepEqual(july.cumulativePeriod, { from: '2026-01-01', to: '2026-07-31' });
    assert.deepEqual(july.cumulativeLastYearPeriod, { from: '2025-01-01', to: '2025-07-31' });
    // Solved in July 2026: 07-20 (one); July 2025: none; June 2026: none. 1 Jan–31 Jul 2026: 02-01, 03-20, 05-01, 07-20 = 4
    // against the yearly target 6 → 66.7 %; 1 Jan–31 Jul 2025: 03-01, 06-01 = 2 → +100 %.
    assert.deepEqual(row(july, 'cases.solved'), {
      indicator: 'cases.solved', label: '破获毒品刑事案件', unit: '件', value: '1', target: null, completion: null,
      lastYearValue: '0', yoyChange: null, previousValue: '0', popChange: null,
      cumulative: { value: '4', yearTarget: '6', completion: 66.7, lastYearValue: '2', yoyChange: 100 },
    });
    // No yearly target: 累计 without completion (无任务数).
    assert.deepEqual(row(july, 'cases.filed').cumulative, { value: '4', yearTarget: null, completion: null, lastYearValue: '4', yoyChange: 0 });
  });

  it('counts the running month to date (1–23 November) and measures 1—11月累计 against the sum of the quarter targets', async () => {
    const november = await g.figures(office, `orgUnitId=${yunling}&year=2026&month=11`);
    assert.equal(november.partial, true);
    assert.deepEqual(november.period, { from: '2026-11-01', to: '2026-11-23' });
    assert.deepEqual(november.lastYearPeriod, { from: '2025-11-01', to: '2025-11-23' });
    assert.deepEqual(november.previousPeriod, { from: '2026-10-01', to: '2026-10-23' });
    assert.deepEqual(november.cumulativePeriod, { from: '2026-01-01', to: '2026-11-23' });
    const solved = row(november, 'cases.solved');
    // 11-23 this year and last; 10-15 in October to the 23rd; the Q4 target (2) is not the month's.
    assert.deepEqual([solved.value, solved.target, solved.completion, solved.lastYearValue, solved.yoyChange, solved.previousValue, solved.popChange], ['1', null, null, '1', 0, '1', 0]);
    assert.deepEqual(solved.cumulative, { value: '7', yearTarget: '6', completion: 116.7, lastYearValue: '3', yoyChange: 133.3 });
    // suspects.caught has quarter targets only (2+3+2+3 = 10): 丙 on 11-20 this month; 甲, 乙, 丙 this year → 30 %.
    const caught = row(november, 'suspects.caught');
    assert.deepEqual([caught.value, caught.target, caught.cumulative?.value, caught.cumulative?.yearTarget, caught.cumulative?.completion], ['1', null, '3', '10', 30]);
    // Grams in March: 100.25 g; 1 Jan–31 Mar: 12.5 + 100.25 = 112.750 g of 1000 → 11.275 → 11.3 % (half away from zero).
    const march = await g.figures(office, `orgUnitId=${yunling}&year=2026&month=3`);
    const grams = row(march, 'seizures.grams');
    assert.deepEqual([grams.value, grams.cumulative?.value, grams.cumulative?.yearTarget, grams.cumulative?.completion, grams.cumulative?.lastYearValue, grams.cumulative?.yoyChange], ['100.250', '112.750', '1000.000', 11.3, '0.000', null]);
    assert.deepEqual([row(march, 'seizures.grams.heroin').value, row(march, 'seizures.grams.heroin').cumulative?.value, row(march, 'seizures.grams.heroin').cumulative?.completion], ['0.000', '12.500', 125]);
  });

  it('compares January with the December before (环比 across the year) and counts February of a leap year whole', async () => {
    const january = await g.figures(office, `orgUnitId=${yunling}&year=2026&month=1`);
    assert.deepEqual(january.previousPeriod, { from: '2025-12-01', to: '2025-12-31' });
    const solved = row(january, 'cases.solved');
    // Nothing solved in January 2026; one on 2025-12-15 → 环比 -100 %; 累计 = January: 0 of 6 → 0 %.
    assert.deepEqual([solved.value, solved.previousValue, solved.popChange, solved.cumulative?.value, solved.cumulative?.completion], ['0', '1', -100, '0', 0]);
    const february = await g.figures(office, `orgUnitId=${yunling}&year=2024&month=2`);
    assert.deepEqual(february.period, { from: '2024-02-01', to: '2024-02-29' });
    assert.deepEqual(february.lastYearPeriod, { from: '2023-02-01', to: '2023-02-28' });
  });

  it('drills down from a month and from its 累计 to records that add up to each figure', async () => {
    const july = await g.figures(office, `orgUnitId=${yunling}&year=2026&month=7`);
    const total = (items: FigureRecords['items']): bigint => items.reduce((sum, r) => sum + BigInt(r.amount.replace('.', '')), 0n);
    for (const figure of july.rows) {
      for (const [compare, value] of [['current', figure.value], ['cumulative', figure.cumulative?.value]] as const) {
        assert.ok(value !== undefined);
        const response = await office.get(`/api/enforcement/figures/${figure.indicator}/records?orgUnitId=${yunling}&year=2026&month=7&compare=${compare}&pageSize=200`);
        assert.equal(response.statusCode, 200, response.body);
        const records = response.json<FigureRecords>();
        assert.equal(records.value, value, `${figure.indicator} ${compare}`);
        assert.equal(records.items.length, records.total);
        assert.equal(total(records.items), BigInt(value.replace('.', '')), `${figure.indicator} ${compare}: records add up`);
      }
    }
    const cumulative = (await office.get(`/api/enforcement/figures/cases.solved/records?orgUnitId=${yunling}&year=2026&month=7&compare=cumulative`)).json<FigureRecords>();
    assert.deepEqual([cumulative.period, cumulative.items.map((r) => r.on)], [{ from: '2026-01-01', to: '2026-07-31' }, ['2026-07-20', '2026-05-01', '2026-03-20', '2026-02-01']]);
    const lastYear = (await office.get(`/api/enforcement/figures/cases.solved/records?orgUnitId=${yunling}&year=2026&month=1&compare=previous`)).json<FigureRecords>();
    assert.deepEqual([lastYear.value, lastYear.period], ['1', { from: '2025-12-01', to: '2025-12-31' }]);
  });

  it('exports a month with 1—7月累计 and 完成年度任务 columns', async () => {
    const response = await office.get(`/api/enforcement/figures/export?orgUnitId=${yunling}&year=2026&month=7`);
    assert.equal(response.statusCode, 200, response.body);
    assert.ok(decodeURIComponent(String(response.headers['content-disposition'])).includes('云岭乡2026年7月缉毒执法任务指标统计.xlsx'));
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(response.rawPayload as unknown as ArrayBuffer);
    const sheet = workbook.getWorksheet('任务指标统计');
    assert.ok(sheet);
    assert.equal(sheet.getCell('A1').value, '云岭乡2026年7月缉毒执法任务指标统计');
    assert.deepEqual((sheet.getRow(3).values as unknown[]).slice(1), ['指标', '单位', '本月', '去年同月', '同比', '上月', '环比', '1—7月累计', '年度任务数', '完成年度任务数', '1—7月累计去年同期', '累计同比']);
    const rows = new Map<string, unknown[]>();
    sheet.eachRow((r, n) => { if (n > 3) rows.set(r.getCell(1).text.trim(), (r.values as unknown[]).slice(1)); });
    assert.deepEqual(rows.get('破获毒品刑事案件'), ['破获毒品刑事案件', '件', 1, 0, '无同期数', 0, '无上期数', 4, 6, 0.667, 2, 1]);
    const audit = await app.platform.db.selectFrom('audit_event').select('changes').where('action', '=', 'enforcement.figures_exported').orderBy('seq', 'desc').limit(1).executeTakeFirstOrThrow();
    assert.equal((JSON.parse(audit.changes ?? '{}') as { month: unknown }).month, 7);
  });

  it('refuses a bad month (13, 0, with a quarter) and 累计 without a month with 400 naming the field, and writes nothing', async () => {
    const audits = await g.rowCount('audit_event');
    for (const query of ['month=13', 'month=0', 'month=7.5', 'month=七', 'month=7&quarter=3']) {
      expectProblem(await office.get(`/api/enforcement/figures?orgUnitId=${yunling}&year=2026&${query}`), 400, 'month');
      expectProblem(await office.get(`/api/enforcement/figures/export?orgUnitId=${yunling}&year=2026&${query}`), 400, 'month');
      expectProblem(await office.get(`/api/enforcement/figures/suspects.caught/records?orgUnitId=${yunling}&year=2026&${query}`), 400, 'month');
    }
    const problem = expectProblem(await office.get(`/api/enforcement/figures?orgUnitId=${yunling}&year=2026&month=7&quarter=3`), 400, 'month');
    assert.ok(JSON.stringify(problem).includes('月份与季度只能选择其一'));
    expectProblem(await office.get(`/api/enforcement/figures/suspects.caught/records?orgUnitId=${yunling}&year=2026&compare=cumulative`), 400, 'compare');
    assert.equal(await g.rowCount('audit_event'), audits, 'nothing exported, nothing viewed, nothing audited');
  });
});

describe('figures: exact decimals, administrative handling of drug use, units that move', () => {
  let app: TestApp;
  let police: Agent;
  let office: Agent;
  let g: ReturnType<typeof enforcementGiven>;

  before(async () => {
    app = await startTestApp();
    police = await app.login('police');
    office = await app.login('office');
    g = enforcementGiven(app);
  });
  after(() => app.close());

  it('adds 1,000 seizures of "0.1" g to exactly "100.000" g (100.0 g), in the figure and in its drill-down', async () => {
    const caseId = await g.case(police, '桃源村', { filedAt: '2026-01-02' });
    for (let i = 0; i < 1000; i++) {
      const response = await police.post(`/api/cases/${caseId}/seizures`, { drug: 'ketamine', grams: '0.1', seizedAt: '2026-01-02' });
      assert.equal(response.statusCode, 201, response.body);
    }
    const taoyuan = (await g.unit('桃源乡')).id;
    const figures = await g.figures(office, `orgUnitId=${taoyuan}&year=2026`);
    assert.equal(row(figures, 'seizures.grams').value, '100.000');
    assert.equal(row(figures, 'seizures.grams.ketamine').value, '100.000');
    assert.equal(Number(row(figures, 'seizures.grams').value).toFixed(1), '100.0');
    assert.equal((await g.detail(police, caseId)).grams, '100.000');
    const drill = (await office.get(`/api/enforcement/figures/seizures.grams/records?orgUnitId=${taoyuan}&year=2026&pageSize=200`)).json<FigureRecords>();
    assert.deepEqual([drill.value, drill.total, drill.items.length], ['100.000', 1000, 200]);
    assert.equal((await office.put('/api/targets', { orgUnitId: taoyuan, year: 2026, indicator: 'seizures.grams', value: '80' })).statusCode, 200);
    assert.equal(row(await g.figures(office, `orgUnitId=${taoyuan}&year=2026`), 'seizures.grams').completion, 125);
  });

  it('counts administrative handling of drug use: 查处吸毒人员 and 强制隔离戒毒, linked to the register, masked, audited', async () => {
    const units = { orgUnitId: (await g.unit('山背村')).id, handlingUnitId: (await g.unit('云岭派出所')).id };
    const person = await given(app).person(office, '山背村', { name: '在册人员乙' });
    const records: [string, object][] = [
      [person.idNumber, { kind: 'administrativeDetention', detentionDays: 10, decidedAt: '2026-03-01' }],
      [fakeIdNumber(611, '1980-02-02'), { kind: 'compulsoryIsolation', decidedAt: '2026-04-01' }],
      [fakeIdNumber(612, '1982-02-02'), { kind: 'fine', fineAmount: '500', decidedAt: '2026-05-01' }],
      [fakeIdNumber(613, '1983-02-02'), { kind: 'communityTreatment', decidedAt: '2025-05-01' }],
    ];
    for (const [idNumber, fields] of records) createdId(await police.post('/api/enforcement/sanctions', { name: '查处对象', idNumber, ...units, ...fields }));
    const yunling = (await g.unit('云岭乡')).id;
    const figures = await g.figures(office, `orgUnitId=${yunling}&year=2026`);
    assert.deepEqual([row(figures, 'users.found').value, row(figures, 'users.found').unit, row(figures, 'users.found').lastYearValue, row(figures, 'users.found').yoyChange], ['3', '人次', '1', 200]);
    assert.equal(row(figures, 'compulsoryIsolation').value, '1');
    const list = (await office.get(`/api/enforcement/sanctions?orgUnitId=${yunling}&year=2026`)).json<{ items: SanctionDto[]; total: number }>();
    assert.equal(list.total, 3);
    assert.equal(list.items.find((s) => s.kind === 'administrativeDetention')?.personId, person.id);
    assert.equal(list.items.find((s) => s.kind === 'fine')?.fineAmount, '500.00');
    assert.ok(list.items.every((s) => /^\d{4}\*{10}\d{3}[\dX]$/.test(s.idNumberMasked)));
    assert.ok(!JSON.stringify(list).includes(person.idNumber));
    assert.equal((await app.platform.db.selectFrom('audit_event').select('seq').where('action', '=', 'sanction.listed').execute()).length, 1);
    const before = await g.rowCount('drug_use_sanction');
    const base = { name: '查处对象', idNumber: fakeIdNumber(614, '1984-02-02'), ...units, decidedAt: '2026-05-01' };
    expectProblem(await police.post('/api/enforcement/sanctions', { ...base, kind: 'administrativeDetention' }), 400, 'detentionDays');
    expectProblem(await police.post('/api/enforcement/sanctions', { ...base, kind: 'administrativeDetention', detentionDays: 16 }), 400, 'detentionDays');
    expectProblem(await police.post('/api/enforcement/sanctions', { ...base, kind: 'fine', detentionDays: 5, fineAmount: '100' }), 400, 'detentionDays');
    expectProblem(await police.post('/api/enforcement/sanctions', { ...base, kind: 'fine' }), 400, 'fineAmount');
    expectProblem(await police.post('/api/enforcement/sanctions', { ...base, kind: 'compulsoryIsolation', orgUnitId: randomUUID() }), 400, 'orgUnitId');
    expectProblem(await police.post('/api/enforcement/sanctions', { ...base, kind: 'compulsoryIsolation', caseId: randomUUID() }), 400, 'caseId');
    assert.equal(await g.rowCount('drug_use_sanction'), before);
  });

  it('moves figures with a moved unit: a village moved to another township takes its cases and seizures along', async () => {
    const village = await g.unit('柳河村');
    const caseId = await g.case(police, '柳河村', { filedAt: '2026-02-01', solvedAt: '2026-02-02' });
    createdId(await police.post(`/api/cases/${caseId}/seizures`, { drug: 'heroin', grams: '3', seizedAt: '2026-02-01' }));
    const liuhe = (await g.unit('柳河镇')).id;
    const baishi = await g.unit('白石镇');
    assert.equal(row(await g.figures(office, `orgUnitId=${liuhe}&year=2026`), 'cases.solved').value, '1');
    const moved = await office.post(`/api/orgs/${village.id}/move`, { newParentId: baishi.id, divisionCode: null });
    assert.equal(moved.statusCode, 200, moved.body);
    assert.equal(row(await g.figures(office, `orgUnitId=${liuhe}&year=2026`), 'cases.solved').value, '0');
    const after = await g.figures(office, `orgUnitId=${baishi.id}&year=2026`);
    assert.deepEqual([row(after, 'cases.solved').value, row(after, 'seizures.grams').value], ['1', '3.000']);
  });
});
