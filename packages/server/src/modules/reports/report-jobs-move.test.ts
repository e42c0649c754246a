import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import JSZip from 'jszip';
import type { Me, OrgUnit, ReportJobDto, ReportJobList } from '@qingyuan/shared';
import { expectProblem } from '../../testing/expect-problem.ts';
import { given } from '../../testing/given.ts';
import { startTestApp, type Agent, type TestApp } from '../../testing/test-app.ts';

// The reports module registers an org-move listener (ReportJobsService.orgMoveListener → rewritePaths): a unit's kept
// jobs follow the unit when it moves. A township can only hang under the district, so the move between parents that
// the tree allows inside one district is a village's (or community's) from one township to another.

async function docxText(content: Buffer): Promise<string> {
  const zip = await JSZip.loadAsync(content);
  const xml = (await zip.file('word/document.xml')?.async('string')) ?? '';
  return [...xml.matchAll(/<w:t(?: [^>]*)?>([^<]*)<\/w:t>/g)].map((m) => m[1]).join('');
}

describe('reports: generation jobs follow their unit when it moves to another parent', () => {
  let app: TestApp;
  let office: Agent;
  let township: Agent;
  let township2: Agent;
  let units: OrgUnit[];
  const unit = (id: string): OrgUnit => {
    const found = units.find((u) => u.id === id);
    assert.ok(found, id);
    return found;
  };
  const listed = async (agent: Agent): Promise<string[]> => (await agent.get('/api/reports/jobs?page=1&pageSize=100')).json<ReportJobList>().items.map((j) => j.id);
  const job = async (agent: Agent, body: object): Promise<string> => {
    const response = await agent.post('/api/reports/jobs', body);
    assert.equal(response.statusCode, 202, response.body);
    return response.json<{ id: string }>().id;
  };

  before(async () => {
    app = await startTestApp();
    office = await app.login('office');
    township = await app.login('township');
    township2 = await app.login('township2');
    units = await given(app).orgs(office);
  });
  after(() => app.close());

  it('lists and serves a moved village’s finished jobs to its new township, and no longer to the old one', async () => {
    const home = async (agent: Agent): Promise<string> => (await agent.get('/api/auth/me')).json<Me>().orgUnitId;
    const [newHomeId, oldHomeId] = [await home(township), await home(township2)];
    const village = units.find((u) => u.parentId === oldHomeId && (u.kind === 'village' || u.kind === 'community'));
    assert.ok(village, 'a village of the second township');
    // The old township's own job and its village's job, both finished.
    const villageJob = await job(township2, { kind: 'bulletin', orgUnitId: village.id, period: '2026-Q3' });
    const ownJob = await job(township2, { kind: 'summary', period: '2026' });
    const otherJob = await job(township, { kind: 'bulletin', period: '2026' });
    await app.reportJobs.whenIdle();
    assert.equal((await township2.get(`/api/reports/jobs/${villageJob}`)).json<ReportJobDto>().status, 'done');
    assert.deepEqual(new Set(await listed(township2)), new Set([villageJob, ownJob]));
    expectProblem(await township.get(`/api/reports/jobs/${villageJob}`), 404);

    const moved = await office.post(`/api/orgs/${village.id}/move`, { newParentId: newHomeId, divisionCode: null });
    assert.equal(moved.statusCode, 200, moved.body);
    const newPath = moved.json<OrgUnit>().path;
    assert.ok(newPath.startsWith(unit(newHomeId).path), newPath);

    // The new township lists the village's job with its own, gets it and downloads the same Word file.
    assert.deepEqual(new Set(await listed(township)), new Set([villageJob, otherJob]));
    const got = await township.get(`/api/reports/jobs/${villageJob}`);
    assert.equal(got.statusCode, 200, got.body);
    assert.equal(got.json<ReportJobDto>().orgUnitId, village.id);
    const file = await township.get(`/api/reports/jobs/${villageJob}/file`);
    assert.equal(file.statusCode, 200, file.body);
    assert.match(await docxText(file.rawPayload), new RegExp(`${village.name}2026年第三季度禁毒工作简报`));
    // The old township keeps its own job only; the village's answers 404 like a missing one, on get, file and delete.
    assert.deepEqual(await listed(township2), [ownJob]);
    for (const url of [`/api/reports/jobs/${villageJob}`, `/api/reports/jobs/${villageJob}/file`]) expectProblem(await township2.get(url), 404);
    expectProblem(await township2.request('DELETE', `/api/reports/jobs/${villageJob}`), 404);
    // The stored path is the unit's new path; the district office still sees all three.
    const row = await app.platform.db.selectFrom('report_job').select('org_path').where('id', '=', villageJob).executeTakeFirstOrThrow();
    assert.equal(row.org_path, newPath);
    assert.deepEqual(new Set(await listed(office)), new Set([villageJob, ownJob, otherJob]));
  });
});
