import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Page } from 'playwright-core';
import { formatRate, type Figures } from '@qingyuan/shared';
import { signIn, startPlatform, type RunningPlatform } from './support/platform.ts';

/** The cells of one indicator's row in the figures table. */
async function figureRow(page: Page, label: string): Promise<string[]> {
  const row = page.getByTestId('figures-table').getByRole('row').filter({ has: page.getByRole('cell', { name: label, exact: true }) });
  await row.waitFor();
  return row.locator('td').allInnerTexts();
}

describe('禁毒办 switches 任务指标统计 to a month (月度) and reads the month, its 1—N月累计 and the year’s completion', () => {
  let platform: RunningPlatform;
  let page: Page;
  const now = new Date();
  const year = now.getFullYear();
  // The last full month (January of this year when the year has just begun: then it runs to date).
  const month = now.getMonth() === 0 ? 1 : now.getMonth();

  before(async () => {
    platform = await startPlatform();
    page = await signIn(platform, 'office');
  });
  after(async () => {
    await platform.close();
  });

  it('shows the month columns with the API’s figures, and 全年 brings the target columns back', async () => {
    await page.getByRole('menuitem', { name: '任务指标统计' }).click();
    await page.waitForURL(/\/enforcement\/figures/);
    const table = page.getByTestId('figures-table');
    await table.getByRole('columnheader', { name: '任务数', exact: true }).waitFor();

    await page.getByLabel('期间', { exact: true }).first().click();
    await page.locator('.ant-select-dropdown:visible').getByTitle(`${String(month)}月`, { exact: true }).click();
    await page.waitForURL(new RegExp(`month=${String(month)}(&|$)`));
    const total = month === 1 ? '1月累计' : `1—${String(month)}月累计`;
    for (const name of ['本月', '去年同月', '同比', '上月', '环比', total, '年度任务数', '完成年度任务数', '累计同比']) {
      await table.getByRole('columnheader', { name, exact: true }).waitFor();
    }
    assert.equal(await table.getByRole('columnheader', { name: '任务数', exact: true }).count(), 0, 'a month has no target of its own');
    const mm = String(month).padStart(2, '0');
    await page.getByTestId('figures-period').getByText(new RegExp(`累计 ${String(year)}-01-01 至 ${String(year)}-${mm}-\\d\\d`)).waitFor();

    // Each figure as the API counts the month: 本月, 去年同月, 上月, then 1—N月累计 against the year's target.
    const api = (await (await page.request.get(`${platform.baseUrl}/api/enforcement/figures?year=${String(year)}&month=${String(month)}`)).json()) as Figures;
    assert.equal(api.month, month);
    const solved = api.rows.find((r) => r.indicator === 'cases.solved');
    assert.ok(solved?.cumulative?.yearTarget, 'the demo district has a year target for solved cases');
    assert.ok(Number(solved.cumulative.value) > 0, 'solved cases by the end of the month');
    for (const row of api.rows.filter((r) => ['cases.solved', 'cases.filed', 'suspects.caught', 'seizures.grams'].includes(r.indicator))) {
      const cells = await figureRow(page, row.label);
      assert.deepEqual(
        cells.slice(2, 10).map((c) => c.trim()),
        [
          row.value,
          row.lastYearValue,
          formatRate(row.yoyChange, { signed: true, missing: '无同期数' }),
          row.previousValue,
          formatRate(row.popChange, { signed: true, missing: '无上期数' }),
          row.cumulative?.value ?? '—',
          row.cumulative?.yearTarget ?? '—',
          formatRate(row.cumulative?.completion ?? null, { missing: '无任务数' }),
        ],
        row.label,
      );
    }
    // The 累计 figure drills down to exactly that many records.
    await page.getByRole('button', { name: '破获毒品刑事案件累计明细', exact: true }).click();
    const drawer = page.getByRole('dialog', { name: /破获毒品刑事案件/ });
    await drawer.getByTestId('figure-records-summary').getByText(new RegExp(`共 ${solved.cumulative.value} 条记录`)).waitFor();
    await page.keyboard.press('Escape');
    await drawer.waitFor({ state: 'hidden' });

    // Back to 全年: the target columns return, the month's are gone.
    await page.getByLabel('期间', { exact: true }).first().click();
    await page.locator('.ant-select-dropdown:visible').getByTitle('全年', { exact: true }).click();
    await table.getByRole('columnheader', { name: '任务数', exact: true }).waitFor();
    assert.equal(await table.getByRole('columnheader', { name: total, exact: true }).count(), 0);
    assert.doesNotMatch(page.url(), /month=/);
  });
});
