import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Page } from 'playwright-core';
import type { Dashboard, Figures } from '@qingyuan/shared';
import { signIn, startPlatform, type RunningPlatform } from './support/platform.ts';

describe('禁毒办 opens the dashboard, sees the township map, and clicks a figure through to its records', () => {
  let platform: RunningPlatform;
  let page: Page;

  before(async () => {
    platform = await startPlatform();
    page = await signIn(platform, 'office');
  });
  after(async () => {
    await platform.close();
  });

  it('shows the key figures of the API, the map of eight townships and the index', async () => {
    const year = new Date().getFullYear();
    await page.getByRole('menuitem', { name: '数据看板' }).click();
    await page.waitForURL(/\/dashboard/);
    const card = page.getByTestId('key-cases.solved');
    await card.waitFor();
    // The same number as the API gives for the district and year.
    const api = (await (await page.request.get(`${platform.baseUrl}/api/dashboard?year=${String(year)}`)).json()) as Dashboard;
    const solved = api.keyFigures.find((k) => k.code === 'cases.solved');
    assert.ok(solved?.value);
    assert.match(await card.innerText(), new RegExp(`破获毒品刑事案件\\s*${solved.value.replace(/\B(?=(\d{3})+(?!\d))/g, ',')}\\s*件`));
    // The map draws one area per township, each labelled with its name.
    const map = page.locator('.ant-card', { hasText: '下级单位分布' });
    await map.locator('svg').first().waitFor();
    for (const name of ['清源街道', '云岭乡', '青山镇']) await map.getByText(name, { exact: true }).first().waitFor();
    assert.equal(await map.locator('svg path[fill]').count() >= 8, true, 'eight township areas are drawn');
    await page.getByTestId('area-index').waitFor();
    assert.match(await page.getByTestId('area-index').innerText(), /^\d+(\.\d)?$/);
    // The district's own targets: each indicator with a 任务数, its completion as the figures API gives it.
    const figures = (await (await page.request.get(`${platform.baseUrl}/api/enforcement/figures?year=${String(year)}`)).json()) as Figures;
    const targeted = figures.rows.find((r) => r.indicator === 'cases.solved');
    assert.ok(targeted?.target && targeted.completion !== null, 'the demo district has a target for solved cases');
    const progress = page.getByTestId('target-progress');
    const row = progress.locator('tr', { hasText: '破获毒品刑事案件' }).first();
    await row.waitFor();
    assert.match(await row.innerText(), new RegExp(`${targeted.value}件[\\s\\S]*${targeted.target}件[\\s\\S]*${targeted.completion.toFixed(1)}%`));
  });

  it('lands on the records behind a figure when the figure is clicked', async () => {
    await page.getByTestId('key-cases.solved').click();
    await page.waitForURL(/\/enforcement\/figures\?.*drill=cases\.solved/);
    const summary = page.getByTestId('figure-records-summary');
    await summary.waitFor();
    const api = (await (await page.request.get(`${platform.baseUrl}/api/dashboard?year=${String(new Date().getFullYear())}`)).json()) as Dashboard;
    const solved = api.keyFigures.find((k) => k.code === 'cases.solved')?.value ?? '';
    assert.match(await summary.innerText(), new RegExp(`合计 ${solved} 件，共 ${solved} 条记录`));
    assert.ok((await page.getByTestId('figure-records').locator('tbody tr').count()) > 0);
  });
});
