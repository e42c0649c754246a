import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { signIn, startPlatform, type RunningPlatform } from './support/platform.ts';

describe('街道 saves the high-risk working list as a 常用筛选 and applies it later', () => {
  let platform: RunningPlatform;
  before(async () => {
    platform = await startPlatform();
  });
  after(() => platform.close());

  it('shows the new tabs with counts, saves the current filter under a name and applies it from the dropdown', async () => {
    const page = await signIn(platform, 'township');
    await page.getByRole('menuitem', { name: '工作清单' }).click();
    for (const tab of ['高风险人员', '疑似脱管', '待接收移交']) await page.getByRole('tab', { name: tab }).waitFor();

    await page.getByRole('tab', { name: '高风险人员' }).click();
    await page.waitForURL(/list=highRisk/);
    await page.getByRole('button', { name: '保存当前筛选' }).click();
    const dialog = page.getByRole('dialog', { name: '保存当前筛选' });
    await dialog.getByLabel('名称').fill('街道高风险');
    await dialog.getByRole('button', { name: '保存' }).click();
    await page.getByText('已保存常用筛选').waitFor();

    await page.getByRole('tab', { name: '检测逾期' }).click();
    await page.waitForURL(/list=overdue/);
    await page.getByRole('button', { name: '常用筛选' }).click();
    await page.getByRole('menuitem', { name: '街道高风险' }).click();
    await page.waitForURL(/list=highRisk/);
    assert.match(page.url(), /list=highRisk/);
  });
});
