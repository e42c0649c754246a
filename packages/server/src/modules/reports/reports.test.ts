import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import JSZip from 'jszip';
import { formatValueZh, type Figures, type IndicatorTable, type ReportPreview, type SupervisionFigures, type ReportTemplateDto, type ReportTemplateInput } from '@qingyuan/shared';
import { expectProblem } from '../../testing/expect-problem.ts';
import { startTestApp, type Agent, type TestApp } from '../../testing/test-app.ts';
import { createdId, enforcementGiven, row } from '../../testing/enforcement-given.ts';
import { defaultTemplate } from './default-templates.ts';

// The test clock stands at 2026-11-23: the year 2026 is counted to date (1至11月).

/** The text of a .docx: paragraphs joined by newlines, table cells by tabs, plus the media files it holds. */
async function readDocx(content: Buffer): Promise<{ paragraphs: string[]; cells: string[][]; media: string[] }> {
  const zip = await JSZip.loadAsync(content);
  const xml = (await zip.file('word/document.xml')?.async('string')) ?? '';
  const text = (fragment: string): string => [...fragment.matchAll(/<w:t(?: [^>]*)?>([^<]*)<\/w:t>/g)].map((m) => m[1]).join('');
  const body = xml.replace(/<w:tbl>[\s\S]*?<\/w:tbl>/g, '');
  const paragraphs = [...body.matchAll(/<w:p[ >][\s\S]*?<\/w:p>/g)].map((m) => text(m[0])).filter((p) => p !== '');
  const cells = [...xml.matchAll(/<w:tr[ >][\s\S]*?<\/w:tr>/g)].map((r) => [...r[0].matchAll(/<w:tc>[\s\S]*?<\/w:tc>/g)].map((c) => text(c[0])));
  return { paragraphs, cells, media: Object.keys(zip.files).filter((f) => f.startsWith('word/media/')) };
}

describe('reports: bulletins written from the indicator layer, in Word', () => {
  let app: TestApp;
  let office: Agent;
  let police: Agent;
  let township: Agent;
  let g: ReturnType<typeof enforcementGiven>;

  before(async () => {
    app = await startTestApp();
    office = await app.login('office');
    police = await app.login('police');
    township = await app.login('township');
    g = enforcementGiven(app);
    // 2026: three solved cases (one major) in 云岭乡, one in 清源街道; 2025: two by this date.
    for (const [place, level] of [['云岭村', 'major'], ['雾溪村', 'ordinary'], ['云岭村', 'ordinary']] as const) {
      await g.case(police, place, { filedAt: '2026-02-01', solvedAt: '2026-03-01', level });
    }
    const qingyuan = await g.case(police, '河畔社区', { filedAt: '2026-04-01', solvedAt: '2026-05-01' });
    for (const solvedAt of ['2025-03-01', '2025-06-01']) await g.case(police, '岩前村', { filedAt: '2025-01-05', solvedAt });
    createdId(await police.post(`/api/cases/${qingyuan}/seizures`, { drug: 'methamphetamine', grams: '2620', seizedAt: '2026-05-01' }));
    const district = (await g.unit('示范区')).id;
    assert.equal((await office.put('/api/targets', { orgUnitId: district, year: 2026, indicator: 'cases.solved', value: 4 })).statusCode, 200);
    assert.equal((await office.put('/api/targets', { orgUnitId: district, year: 2026, indicator: 'seizures.grams', value: '2000' })).statusCode, 200);
  });
  after(() => app.close());

  it('writes the enforcement sentence with the same numbers as the figures API', async () => {
    const figures = await g.figures(office, 'year=2026');
    const response = await office.get('/api/reports/bulletin/preview?year=2026');
    assert.equal(response.statusCode, 200, response.body);
    const preview = response.json<ReportPreview>();
    assert.equal(preview.title, '示范区2026年1至11月禁毒工作简报');
    assert.equal(preview.templateVersion, 0);
    const [first] = preview.sections[0]?.paragraphs ?? [];
    const solved = row(figures, 'cases.solved');
    assert.equal(solved.value, '4');
    assert.equal(solved.completion, 100);
    assert.equal(
      first,
      `1至11月共破获毒品刑事案件4起，其中重特大毒品案件1起，完成任务数的100%；缴获毒品2620克，完成任务数的131%；未抓获毒品犯罪嫌疑人。`,
    );
    // The table carries every library indicator with the API's value.
    const table = preview.sections.find((s) => s.table)?.table;
    assert.ok(table);
    for (const r of figures.rows.filter((x) => !x.indicator.startsWith('seizures.grams.'))) {
      const line: string[] | undefined = table.rows.find((cells) => cells[0] === r.label);
      assert.ok(line, `table row ${r.label}`);
      assert.equal(line[1], tableValue(r.unit, r.value));
    }
  });

  it('produces a .docx whose every number equals the API figure, with the township chart as a picture, audited', async () => {
    const figures = await g.figures(office, 'year=2026');
    const preview = (await office.get('/api/reports/bulletin/preview?year=2026')).json<ReportPreview>();
    const response = await office.get('/api/reports/bulletin/docx?year=2026');
    assert.equal(response.statusCode, 200, response.body);
    assert.match(String(response.headers['content-type']), /wordprocessingml/);
    assert.match(String(response.headers['content-disposition']), /filename\*=UTF-8''/);
    const docx = await readDocx(response.rawPayload);
    assert.equal(docx.paragraphs[0], preview.title);
    for (const section of preview.sections) for (const p of section.paragraphs) assert.ok(docx.paragraphs.includes(p), `paragraph in the Word file: ${p}`);
    // Every number in the prose is an API figure: solved cases, major cases, grams and the completions.
    const prose = docx.paragraphs.join('\n');
    assert.equal(/破获毒品刑事案件(\d+)起/.exec(prose)?.[1], row(figures, 'cases.solved').value);
    assert.equal(/重特大毒品案件(\d+)起/.exec(prose)?.[1], row(figures, 'cases.major').value);
    assert.equal(/缴获毒品(\d+)克/.exec(prose)?.[1], String(Number(row(figures, 'seizures.grams').value)));
    assert.deepEqual([...prose.matchAll(/完成任务数的([\d.]+)%/g)].map((m) => Number(m[1])), [row(figures, 'cases.solved').completion, row(figures, 'seizures.grams').completion]);
    // Table cells: label, value, target, completion, last year, 同比 — the API's values, worded.
    for (const r of figures.rows.filter((x) => !x.indicator.startsWith('seizures.grams.'))) {
      const cells = docx.cells.find((c) => c[0] === r.label);
      assert.ok(cells, `Word table row ${r.label}`);
      assert.equal(cells[1], tableValue(r.unit, r.value));
      assert.equal(cells[4], tableValue(r.unit, r.lastYearValue));
    }
    assert.equal(docx.media.length, 1, 'the chart of solved cases by township is embedded');
    const audit = await app.platform.db.selectFrom('audit_event').select(['action', 'changes']).where('action', '=', 'report.generated').execute();
    assert.equal(audit.length, 1);
  });

  it('lets the office save a new template version that the next report follows; others may not', async () => {
    const current = (await office.get('/api/reports/templates/bulletin')).json<ReportTemplateDto>();
    assert.equal(current.version, 0);
    const body: ReportTemplateInput = {
      title: '{单位}{期间}禁毒工作情况通报',
      sections: [
        { heading: '缴毒情况', sentences: [{ clauses: [{ indicator: 'seizures.grams.heroin' }, { indicator: 'seizures.grams' }] }] },
        { heading: '办案情况', intro: '本期各单位认真开展禁毒严打。', sentences: [{ clauses: [{ indicator: 'cases.solved', completion: false, yoy: true }] }] },
      ],
    };
    const saved = await office.put('/api/reports/templates/bulletin', body);
    assert.equal(saved.statusCode, 200, saved.body);
    assert.equal(saved.json<ReportTemplateDto>().version, 1);
    assert.equal((await office.put('/api/reports/templates/bulletin', body)).json<ReportTemplateDto>().version, 2);

    const preview = (await office.get('/api/reports/bulletin/preview?year=2026')).json<ReportPreview>();
    assert.equal(preview.title, '示范区2026年1至11月禁毒工作情况通报');
    assert.equal(preview.templateVersion, 2);
    assert.deepEqual(preview.sections.map((s) => s.heading), ['缴毒情况', '办案情况']);
    // A drug not seized is worded as such; a change from last year's 2 cases to 4 is 上升100%.
    assert.equal(preview.sections[0]?.paragraphs[0], '1至11月未缴获海洛因；缴获毒品2620克，完成任务数的131%，去年同期为零。');
    assert.deepEqual(preview.sections[1]?.paragraphs, ['本期各单位认真开展禁毒严打。', '1至11月共破获毒品刑事案件4起，同比上升100%。']);

    assert.equal((await township.put('/api/reports/templates/bulletin', body)).statusCode, 403);
    assert.equal((await police.get('/api/reports/bulletin/preview?year=2026')).statusCode, 403);
  });

  it('refuses an indicator outside the library, naming the field, and writes nothing', async () => {
    const before = await app.platform.db.selectFrom('report_template').select('version').execute();
    const bad = await office.put('/api/reports/templates/summary', {
      title: '总结',
      sections: [{ heading: '一', sentences: [{ clauses: [{ indicator: 'cases.solved' }, { indicator: 'seizures.grams.unobtainium' }] }] }],
    });
    expectProblem(bad, 400, 'sections.0.sentences.0.clauses.1.indicator');
    expectProblem(await office.put('/api/reports/templates/summary', { title: '', sections: [] }), 400, 'title');
    const after = await app.platform.db.selectFrom('report_template').select('version').execute();
    assert.equal(after.length, before.length);
  });

  it('words the supervision figures of the registry with the same numbers as the supervision figures API', async () => {
    const supervision = (await office.get('/api/supervision/figures?year=2026')).json<SupervisionFigures>();
    const current = supervision.rows.find((r) => r.indicator === 'persons.current')?.value;
    assert.ok(current);
    const preview = (await office.get('/api/reports/summary/preview?year=2026')).json<ReportPreview>();
    const section = preview.sections.find((s) => s.heading === '吸毒人员查处和社区戒毒（康复）');
    assert.ok(section);
    assert.ok(section.paragraphs.some((p) => p.includes(`现有吸毒人员${current}人`)), JSON.stringify(section));
    const execution = supervision.rows.find((r) => r.indicator === 'supervision.executionRate')?.value ?? null;
    const phrase = execution === null ? '执行率暂无数据' : `执行率为${String(Number(execution))}%`;
    assert.ok(section.paragraphs.some((p) => p.includes(phrase)), `${phrase} in ${JSON.stringify(section.paragraphs)}`);
    const table = preview.sections.find((s) => s.heading === '毒情形势')?.table;
    assert.equal(table?.rows.find((r) => r[0] === '现有吸毒人员')?.[1], `${current}人`);
  });

  it('writes a township report for its own subtree; another township is refused exactly like a missing unit', async () => {
    const qingyuan = (await g.unit('清源街道')).id;
    const own = await township.get(`/api/reports/bulletin/preview?year=2026&orgUnitId=${qingyuan}`);
    assert.equal(own.statusCode, 200, own.body);
    const figures: Figures = await g.figures(township, `year=2026&orgUnitId=${qingyuan}`);
    assert.match(own.json<ReportPreview>().title, /^清源街道2026年/);
    assert.match(own.json<ReportPreview>().sections[1]?.paragraphs[1] ?? '', new RegExp(`破获毒品刑事案件${row(figures, 'cases.solved').value}起`));
    const township2 = await app.login('township2');
    const other = await township2.get(`/api/reports/bulletin/preview?year=2026&orgUnitId=${qingyuan}`);
    const missing = await township2.get(`/api/reports/bulletin/preview?year=2026&orgUnitId=${randomUUID()}`);
    expectProblem(other, 400, 'orgUnitId');
    assert.deepEqual(other.json<{ errors: unknown }>().errors, missing.json<{ errors: unknown }>().errors);
    assert.equal((await township2.get(`/api/reports/bulletin/docx?year=2026&orgUnitId=${qingyuan}`)).statusCode, 400);
  });

  // Runs last: it adds a July case and puts the built-in bulletin template back (as a new version).
  it('writes the monthly bulletin (GET /api/reports/bulletin.docx?period=2026-07): the month, 同比, 1—7月累计 and the year completion', async () => {
    const restored = await office.put('/api/reports/templates/bulletin', defaultTemplate('bulletin'));
    assert.equal(restored.statusCode, 200, restored.body);
    const july = await g.case(police, '云岭村', { filedAt: '2026-07-01', solvedAt: '2026-07-10' });
    createdId(await police.post(`/api/cases/${july}/seizures`, { drug: 'heroin', grams: '12.5', seizedAt: '2026-07-10' }));
    // July 2026: one case solved, 12.5 g; July 2025: nothing. 1—7月: 4 + 1 = 5 cases of the year's 4 → 125 %;
    // 2620 + 12.5 = 2632.5 g of 2000 g → 131.625 → 131.6 %.
    const figures = await g.figures(office, 'year=2026&month=7');
    assert.deepEqual([row(figures, 'cases.solved').value, row(figures, 'cases.solved').cumulative], ['1', { value: '5', yearTarget: '4', completion: 125, lastYearValue: '2', yoyChange: 150 }]);
    assert.deepEqual([row(figures, 'seizures.grams').value, row(figures, 'seizures.grams').cumulative?.value, row(figures, 'seizures.grams').cumulative?.completion], ['12.500', '2632.500', 131.6]);

    const preview = (await office.get('/api/reports/bulletin/preview?year=2026&month=7')).json<ReportPreview>();
    assert.equal(preview.title, '示范区2026年7月禁毒工作简报');
    assert.equal(
      preview.sections[0]?.paragraphs[0],
      '7月份，共破获毒品刑事案件1起，1—7月累计破获毒品刑事案件5起，完成年度任务数的125%；缴获毒品12.5克，1—7月累计缴获毒品2632.5克，完成年度任务数的131.6%；未抓获毒品犯罪嫌疑人，1—7月累计为0人。',
    );
    const table = preview.sections.find((s) => s.table)?.table;
    assert.deepEqual(table?.columns, ['指标', '本月', '去年同月', '同比', '1—7月累计', '年度任务数', '完成年度任务数']);
    assert.deepEqual(table?.rows.find((r) => r[0] === '破获毒品刑事案件'), ['破获毒品刑事案件', '1起', '0起', '无同期数', '5起', '4起', '125%']);

    const response = await office.get('/api/reports/bulletin.docx?period=2026-07');
    assert.equal(response.statusCode, 200, response.body);
    assert.ok(decodeURIComponent(String(response.headers['content-disposition'])).includes('示范区2026年7月禁毒工作简报.docx'));
    const docx = await readDocx(response.rawPayload);
    assert.equal(docx.paragraphs[0], '示范区2026年7月禁毒工作简报');
    const prose = docx.paragraphs.join('\n');
    // Every number of the sentence is the API's figure for July and for 1—7月.
    assert.equal(/7月份，共破获毒品刑事案件(\d+)起/.exec(prose)?.[1], row(figures, 'cases.solved').value);
    assert.equal(/1—7月累计破获毒品刑事案件(\d+)起/.exec(prose)?.[1], row(figures, 'cases.solved').cumulative?.value);
    assert.equal(/缴获毒品([\d.]+)克，1—7月/.exec(prose)?.[1], String(Number(row(figures, 'seizures.grams').value)));
    assert.equal(/1—7月累计缴获毒品([\d.]+)克/.exec(prose)?.[1], String(Number(row(figures, 'seizures.grams').cumulative?.value)));
    assert.deepEqual([...prose.matchAll(/完成年度任务数的([\d.]+)%/g)].map((m) => Number(m[1])), [row(figures, 'cases.solved').cumulative?.completion, row(figures, 'seizures.grams').cumulative?.completion]);
    assert.ok(!prose.includes('完成任务数的'), 'a month has no target of its own');
    for (const r of figures.rows.filter((x) => !x.indicator.startsWith('seizures.grams.'))) {
      const cells = docx.cells.find((c) => c[0] === r.label);
      assert.ok(cells, `Word table row ${r.label}`);
      assert.deepEqual([cells[1], cells[2], cells[4]], [tableValue(r.unit, r.value), tableValue(r.unit, r.lastYearValue), tableValue(r.unit, r.cumulative?.value ?? '')], r.label);
      const yearTarget = r.cumulative?.yearTarget ?? null;
      assert.equal(cells[5], yearTarget === null ? '—' : tableValue(r.unit, yearTarget));
    }
    // The registry's figures are the same month's: 现有吸毒人员 as the indicator values API gives it for July.
    const values = (await office.get('/api/indicators/values?period=month&year=2026&index=7&codes=persons.current')).json<IndicatorTable>();
    const current = values.values[0]?.value;
    assert.ok(current !== undefined && current !== null);
    const worded = current === '0' ? '现有吸毒人员为0人' : `现有吸毒人员${current}人`;
    assert.ok(preview.sections[1]?.paragraphs.some((p) => p.includes(worded)), JSON.stringify(preview.sections[1]));
    const audit = await app.platform.db.selectFrom('audit_event').select('changes').where('action', '=', 'report.generated').orderBy('seq', 'desc').limit(1).executeTakeFirstOrThrow();
    assert.equal((JSON.parse(audit.changes ?? '{}') as { month: unknown }).month, 7);
  });

  it('refuses a month that has not begun, a month with a quarter and month 13, naming the field, and writes nothing', async () => {
    const audits = await app.platform.db.selectFrom('audit_event').select('seq').execute();
    expectProblem(await office.get('/api/reports/bulletin.docx?period=2026-12'), 400, 'period');
    expectProblem(await office.get('/api/reports/bulletin.docx?period=2026-13'), 400, 'period');
    expectProblem(await office.get('/api/reports/bulletin.docx?period=2026-7'), 400, 'period');
    expectProblem(await office.get('/api/reports/bulletin/preview?year=2026&month=7&quarter=3'), 400, 'month');
    expectProblem(await office.get('/api/reports/bulletin/docx?year=2026&month=13'), 400, 'month');
    const jobs = await app.platform.db.selectFrom('report_job').select('id').execute();
    expectProblem(await office.post('/api/reports/jobs', { kind: 'bulletin', period: '2026-12' }), 400, 'period');
    assert.equal((await app.platform.db.selectFrom('report_job').select('id').execute()).length, jobs.length);
    assert.equal((await app.platform.db.selectFrom('audit_event').select('seq').execute()).length, audits.length);
  });
});

function tableValue(unit: Figures['rows'][number]['unit'], value: string): string {
  const kinds = { 件: ['count', '起'], 人: ['count', '人'], 人次: ['count', '人次'], 包: ['count', '包'], 克: ['grams', ''], 千克: ['kilograms', ''], 元: ['money', ''] } as const;
  const [kind, u] = kinds[unit];
  return formatValueZh({ kind, unit: u }, value);
}
