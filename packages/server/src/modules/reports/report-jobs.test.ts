import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, describe, it, mock } from 'node:test';
import JSZip from 'jszip';
import type { ReportJobDto, ReportJobList } from '@qingyuan/shared';
import { MINUTE } from '../../platform/clock.ts';
import { expectProblem } from '../../testing/expect-problem.ts';
import { startTestApp, type Agent, type TestApp } from '../../testing/test-app.ts';
import { enforcementGiven } from '../../testing/enforcement-given.ts';

// The test clock stands at 2026-11-23 (China): 2026-Q4 has begun, 2027 and 2026-12 have not.

async function docxText(content: Buffer): Promise<string> {
  const zip = await JSZip.loadAsync(content);
  const xml = (await zip.file('word/document.xml')?.async('string')) ?? '';
  return [...xml.matchAll(/<w:t(?: [^>]*)?>([^<]*)<\/w:t>/g)].map((m) => m[1]).join('');
}

describe('reports: generation jobs (生成任务) and the bulletin contract route', () => {
  let app: TestApp;
  let office: Agent;
  let township: Agent;
  let township2: Agent;
  let qingyuan: string;

  const jobCount = async (): Promise<number> => (await app.platform.db.selectFrom('report_job').select('id').execute()).length;
  const audits = async (action: string) => app.platform.db.selectFrom('audit_event').select(['entity_id', 'changes']).where('action', '=', action).execute();
  const created = async (agent: Agent, body: object): Promise<string> => {
    const response = await agent.post('/api/reports/jobs', body);
    assert.equal(response.statusCode, 202, response.body);
    return response.json<{ id: string }>().id;
  };

  before(async () => {
    app = await startTestApp();
    office = await app.login('office');
    township = await app.login('township');
    township2 = await app.login('township2');
    qingyuan = (await enforcementGiven(app).unit('清源街道')).id;
  });
  after(() => app.close());

  it('runs a job to done with progress 100; the kept file is a Word report of the unit; the list shows it, without the file', async () => {
    const id = await created(township, { kind: 'bulletin', period: '2026-Q3' });
    await app.reportJobs.whenIdle();
    const job = (await township.get(`/api/reports/jobs/${id}`)).json<ReportJobDto>();
    assert.equal(job.status, 'done', JSON.stringify(job));
    assert.equal(job.progress, 100);
    assert.equal(job.step, '已完成');
    assert.equal(job.orgUnitId, qingyuan);
    assert.equal(job.period, '2026-Q3');
    assert.equal(job.error, null);
    assert.equal(job.filename, '清源街道2026年第三季度禁毒工作简报.docx');
    assert.equal(job.finishedAt, app.clock.now().toISOString());

    const file = await township.get(`/api/reports/jobs/${id}/file`);
    assert.equal(file.statusCode, 200, file.body);
    assert.match(String(file.headers['content-type']), /wordprocessingml/);
    assert.equal(file.rawPayload.length, job.size);
    const text = await docxText(file.rawPayload);
    assert.match(text, /清源街道2026年第三季度禁毒工作简报/);
    assert.match(text, /清源街道禁毒委员会办公室/);

    const list = (await township.get('/api/reports/jobs?page=1&pageSize=10')).json<ReportJobList>();
    assert.equal(list.total, 1);
    assert.equal(list.items[0]?.id, id);
    assert.ok(!('file' in (list.items[0] ?? {})), 'no file bytes in the list');
    // The district office sees the township's job too (its subtree), newest first after its own.
    app.clock.advance(MINUTE);
    const own = await created(office, { kind: 'summary', period: '2026' });
    await app.reportJobs.whenIdle();
    const officeList = (await office.get('/api/reports/jobs')).json<ReportJobList>();
    assert.deepEqual(officeList.items.slice(0, 2).map((j) => j.id), [own, id]);
    assert.equal(officeList.items[0]?.status, 'done');

    assert.equal((await audits('report.job_created')).length, 2);
    assert.equal((await audits('report.job_finished')).length, 2);
    assert.deepEqual((await audits('report.job_downloaded')).map((a) => a.entity_id), [id]);
  });

  it('answers 404 to another township on get, file and delete, exactly like a missing job', async () => {
    const id = await created(township, { kind: 'bulletin', period: '2026' });
    await app.reportJobs.whenIdle();
    for (const url of [`/api/reports/jobs/${id}`, `/api/reports/jobs/${id}/file`, `/api/reports/jobs/${randomUUID()}`]) {
      expectProblem(await township2.get(url), 404);
    }
    expectProblem(await township2.request('DELETE', `/api/reports/jobs/${id}`), 404);
    assert.equal((await township2.get('/api/reports/jobs')).json<ReportJobList>().items.some((j) => j.id === id), false);
    assert.equal((await township.get(`/api/reports/jobs/${id}`)).json<ReportJobDto>().status, 'done');
    // Another township's unit cannot be asked for either (the unit is outside the caller's scope).
    expectProblem(await township2.post('/api/reports/jobs', { kind: 'bulletin', orgUnitId: qingyuan, period: '2026' }), 400, 'orgUnitId');
  });

  it('refuses a bad or future period (a month not begun included) naming `period`, and writes nothing', async () => {
    const jobs = await jobCount();
    const auditRows = (await app.platform.db.selectFrom('audit_event').select('seq').execute()).length;
    for (const period of ['2026Q3', 'Q3-2026', '2026-13', '2026-00', '2026-7', '2026-Q5', '26', '', '2027', '2026-12', '1999']) {
      const problem = expectProblem(await township.post('/api/reports/jobs', { kind: 'bulletin', period }), 400, 'period');
      if (period === '2027' || period === '2026-12') assert.ok(problem.errors?.some((e) => e.message.includes('尚未开始')));
    }
    expectProblem(await township.post('/api/reports/jobs', { kind: 'weekly', period: '2026' }), 400, 'kind');
    assert.equal(await jobCount(), jobs);
    assert.equal((await app.platform.db.selectFrom('audit_event').select('seq').execute()).length, auditRows);
  });

  it('ends a job whose build fails as failed with a Chinese error; its file is a 409', async () => {
    const build = mock.method(app.reportJobs.reports, 'docx', () => Promise.reject(new Error('chart renderer crashed')));
    try {
      const id = await created(township, { kind: 'bulletin', period: '2026-Q2' });
      await app.reportJobs.whenIdle();
      const job = (await township.get(`/api/reports/jobs/${id}`)).json<ReportJobDto>();
      assert.equal(job.status, 'failed');
      assert.equal(job.error, '生成报告时发生错误，请稍后重试');
      assert.equal(job.filename, null);
      expectProblem(await township.get(`/api/reports/jobs/${id}/file`), 409);
      assert.deepEqual((await audits('report.job_failed')).map((a) => a.entity_id), [id]);
      assert.equal(build.mock.callCount(), 1);
    } finally {
      build.mock.restore();
    }
  });

  it('fails jobs left running at server start, and those unfinished after 10 minutes', async () => {
    const insert = async (createdAt: Date): Promise<string> => {
      const id = randomUUID();
      const unit = await app.platform.db.selectFrom('org_unit').select(['id', 'path']).where('id', '=', qingyuan).executeTakeFirstOrThrow();
      await app.platform.db.insertInto('report_job').values({ id, kind: 'bulletin', org_unit_id: unit.id, org_path: unit.path, period: '2026', status: 'running', progress: 60, step: '绘制图表', created_at: createdAt }).execute();
      return id;
    };
    const interrupted = await insert(app.clock.now());
    assert.equal(await app.reportJobs.recover(), 1);
    const job = (await township.get(`/api/reports/jobs/${interrupted}`)).json<ReportJobDto>();
    assert.equal(job.status, 'failed');
    assert.match(job.error ?? '', /服务重启/);

    const hung = await insert(app.clock.now());
    assert.equal((await township.get(`/api/reports/jobs/${hung}`)).json<ReportJobDto>().status, 'running');
    app.clock.advance(11 * MINUTE);
    try {
      const later = (await township.get(`/api/reports/jobs/${hung}`)).json<ReportJobDto>();
      assert.equal(later.status, 'failed');
      assert.match(later.error ?? '', /超时/);
    } finally {
      app.clock.advance(-11 * MINUTE);
    }
  });

  it('lets the creator or the office delete a job, audited; others in scope may not', async () => {
    const mine = await created(township, { kind: 'bulletin', period: '2026' });
    const theirs = await created(office, { kind: 'bulletin', orgUnitId: qingyuan, period: '2026' });
    await app.reportJobs.whenIdle();
    expectProblem(await township.request('DELETE', `/api/reports/jobs/${theirs}`), 403);
    assert.equal((await township.request('DELETE', `/api/reports/jobs/${mine}`)).statusCode, 204);
    expectProblem(await township.get(`/api/reports/jobs/${mine}`), 404);
    assert.equal((await office.request('DELETE', `/api/reports/jobs/${theirs}`)).statusCode, 204);
    assert.deepEqual((await audits('report.job_deleted')).map((a) => a.entity_id), [mine, theirs]);
  });

  it('keeps at most 50 finished files per unit, removing the oldest', async () => {
    const unit = await app.platform.db.selectFrom('org_unit').select(['id', 'path']).where('id', '=', qingyuan).executeTakeFirstOrThrow();
    await app.platform.db.deleteFrom('report_job').where('org_unit_id', '=', qingyuan).execute();
    const old = Array.from({ length: 50 }, (_, i) => ({
      id: randomUUID(), kind: 'bulletin', org_unit_id: unit.id, org_path: unit.path, period: '2025', status: 'done', progress: 100, step: '已完成',
      file: Buffer.from('x'), filename: 'old.docx', size: 1, created_at: new Date(app.clock.now().getTime() - (60 - i) * MINUTE),
    }));
    await app.platform.db.insertInto('report_job').values(old).execute();
    const id = await created(township, { kind: 'bulletin', period: '2026-Q4' });
    await app.reportJobs.whenIdle();
    const left = await app.platform.db.selectFrom('report_job').select('id').where('org_unit_id', '=', qingyuan).execute();
    assert.equal(left.length, 50);
    assert.ok(left.some((r) => r.id === id));
    assert.ok(!left.some((r) => r.id === old[0]?.id), 'the oldest file is removed');
  });

  it('answers the contract route GET /api/reports/bulletin.docx for a year, a quarter and a month; a bad period is a 400', async () => {
    for (const [period, title] of [['2026', '示范区2026年1至11月禁毒工作简报'], ['2026-Q3', '示范区2026年第三季度禁毒工作简报'], ['2026-10', '示范区2026年10月禁毒工作简报'], ['2026-11', '示范区2026年11月（1至23日）禁毒工作简报']] as const) {
      const response = await office.get(`/api/reports/bulletin.docx?period=${period}`);
      assert.equal(response.statusCode, 200, response.body);
      assert.match(String(response.headers['content-disposition']), new RegExp(encodeURIComponent(title)));
      assert.match(await docxText(response.rawPayload), new RegExp(title));
    }
    const own = await township.get(`/api/reports/bulletin.docx?orgUnitId=${qingyuan}&period=2026-Q1`);
    assert.equal(own.statusCode, 200, own.body);
    assert.match(await docxText(own.rawPayload), /清源街道2026年第一季度/);
    expectProblem(await office.get('/api/reports/bulletin.docx?period=2026-Q9'), 400, 'period');
    expectProblem(await office.get('/api/reports/bulletin.docx'), 400, 'period');
    expectProblem(await office.get('/api/reports/bulletin.docx?period=2026-12'), 400, 'period');
    expectProblem(await township2.get(`/api/reports/bulletin.docx?orgUnitId=${qingyuan}&period=2026`), 400, 'orgUnitId');
    // The kind route stays.
    assert.equal((await office.get('/api/reports/bulletin/docx?year=2026&quarter=3')).statusCode, 200);
    // A job takes a month too.
    const id = await created(township, { kind: 'bulletin', period: '2026-07' });
    await app.reportJobs.whenIdle();
    const job = (await township.get(`/api/reports/jobs/${id}`)).json<ReportJobDto>();
    assert.deepEqual([job.status, job.period, job.filename], ['done', '2026-07', '清源街道2026年7月禁毒工作简报.docx']);
    assert.match(await docxText((await township.get(`/api/reports/jobs/${id}/file`)).rawPayload), /7月份，/);
  });
});
