import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { after, before, describe, it } from 'node:test';
import type { Page } from 'playwright-core';
import { fakeIdNumber } from '../packages/server/src/testing/given.ts';
import { apiOf, signIn, startPlatform, type RunningPlatform } from './support/platform.ts';

/** A China-time day `offset` days from today, as the server sees it. */
const SCREENSHOTS = new URL('../.tmp/screenshots/', import.meta.url).pathname;
const day = (offset: number): string => new Date(Date.now() + 8 * 3_600_000 + offset * 86_400_000).toISOString().slice(0, 10);
/** A PNG by its signature (the server recognises files by content) and a few bytes after it. */
const PNG = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.from('协议书扫描件', 'utf8')]);

describe('乡镇专干 keeps the 协议书 on 管控措施 and reads the 检测频次 in force on 检测记录', () => {
  let platform: RunningPlatform;
  let page: Page;
  let personId: string;
  let measureId: string;

  before(async () => {
    platform = await startPlatform();
    mkdirSync(SCREENSHOTS, { recursive: true });
    page = await signIn(platform, 'township');
    const post = await apiOf(page, platform.baseUrl);
    const orgs = (await (await page.request.get(`${platform.baseUrl}/api/orgs`)).json()) as { items: { id: string; name: string }[] };
    const community = orgs.items.find((o) => o.name === '河畔社区');
    assert.ok(community);
    personId = (await post<{ id: string }>('/api/persons', { name: '协议书甲', idNumber: fakeIdNumber(21, '1990-05-06'), gender: 'female', orgUnitId: community.id })).id;
    measureId = (await post<{ id: string }>(`/api/persons/${personId}/measures`, {
      kind: 'communityTreatment', decisionDate: day(-40), decisionReceivedDate: day(-38), decidingAgency: '清源区公安分局', executingOrgUnitId: community.id,
    })).id;
    await post(`/api/measures/${measureId}/report-in`, { reportedOn: day(-30), agreementSigned: true });
  });
  after(() => platform.close());

  it('uploads a 协议书 (PNG) in the measure row, lists it and downloads the same bytes; a text file is refused with the reason', async () => {
    await page.goto(`${platform.baseUrl}/persons/${personId}`);
    await page.getByRole('tab', { name: '管控措施' }).click();
    const row = page.getByTestId('measures-table').getByRole('row').filter({ hasText: '社区戒毒' }).first();
    await row.getByRole('button', { name: /展开|Expand/ }).click();
    const files = page.getByTestId(`agreements-${measureId}`);
    await files.getByText('暂无协议书文件').waitFor();

    await files.locator('input[type=file]').setInputFiles({ name: '社区戒毒协议书.png', mimeType: 'image/png', buffer: PNG });
    await page.getByText('已上传协议书').waitFor();
    const link = files.getByRole('link', { name: /社区戒毒协议书\.png/ });
    await link.waitFor();
    assert.equal(await files.getByText('暂无协议书文件').count(), 0);

    const [download] = await Promise.all([page.waitForEvent('download'), link.click()]);
    assert.equal(download.suggestedFilename(), '社区戒毒协议书.png');
    const path = await download.path();
    assert.deepEqual(await readFile(path), PNG, 'the stored file comes back byte for byte');

    // Not a PDF, JPEG, PNG or DOCX by its content: the server's reason is shown, nothing is added.
    await files.locator('input[type=file]').setInputFiles({ name: '说明.pdf', mimeType: 'application/pdf', buffer: Buffer.from('not really a pdf') });
    await page.getByText('上传失败：仅支持 PDF、JPEG、PNG、DOCX 文件（按文件内容识别）', { exact: true }).waitFor();
    const listed = (await (await page.request.get(`${platform.baseUrl}/api/measures/${measureId}/attachments`)).json()) as { items: { fileName: string }[] };
    assert.deepEqual(listed.items.map((f) => f.fileName), ['社区戒毒协议书.png']);
    await page.screenshot({ path: `${SCREENSHOTS}measure-agreement.png` });
  });

  it('shows the policy in force (默认, then 沿用清源街道 after the office sets one) with the risk factor and the intervals', async () => {
    await page.goto(`${platform.baseUrl}/persons/${personId}`);
    await page.getByRole('tab', { name: '检测记录' }).click();
    const summary = page.getByTestId('test-policy-summary');
    await summary.getByTestId('test-policy-source').getByText('默认', { exact: true }).waitFor();
    await summary.getByText('中风险（未评估，按中风险），间隔系数 ×1').waitFor();
    assert.equal((await summary.getByTestId('test-interval-1').innerText()).trim(), '每1个月');
    assert.equal((await summary.getByTestId('test-interval-3').innerText()).trim(), '每3个月');

    const office = await signIn(platform, 'office');
    const csrf = (await office.context().cookies()).find((c) => c.name === 'qy_csrf')?.value ?? '';
    const orgs = (await (await office.request.get(`${platform.baseUrl}/api/orgs`)).json()) as { items: { id: string; name: string }[] };
    const street = orgs.items.find((o) => o.name === '清源街道');
    assert.ok(street);
    const put = await office.request.put(`${platform.baseUrl}/api/test-policies/${street.id}`, {
      headers: { 'x-csrf-token': csrf },
      data: { year1MonthsBetween: 2, year2MonthsBetween: 2, year3MonthsBetween: 4, riskAdjust: { high: 0.5, medium: 1, low: 1 }, minMonthsBetween: 1 },
    });
    assert.ok(put.ok(), await put.text());
    await office.context().close();

    await page.reload();
    await page.getByRole('tab', { name: '检测记录' }).click();
    await summary.getByTestId('test-policy-source').getByText('沿用清源街道', { exact: true }).waitFor();
    await summary.getByText('河畔社区').waitFor();
    assert.equal((await summary.getByTestId('test-interval-1').innerText()).trim(), '每2个月');
    assert.equal((await summary.getByTestId('test-interval-3').innerText()).trim(), '每4个月');
    await page.screenshot({ path: `${SCREENSHOTS}person-test-policy.png` });
  });
});
