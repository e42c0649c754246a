import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { signIn, startPlatform, type RunningPlatform } from './support/platform.ts';

describe('禁毒办 sets 清源街道’s test schedule on 检测频次设置 and restores the inherited one', () => {
  let platform: RunningPlatform;
  before(async () => {
    platform = await startPlatform();
  });
  after(() => platform.close());

  it('edits year 1 to every two months: the street shows 本单位设置, its communities inherit it; 恢复继承 brings back the default', async () => {
    const page = await signIn(platform, 'office');
    await page.getByRole('menuitem', { name: '检测频次设置' }).click();
    const street = page.getByRole('row').filter({ hasText: '清源街道' }).filter({ hasText: '街道' }).first();
    await street.getByText('默认').waitFor();
    await street.getByText('1 / 2 / 3 个月').waitFor();

    await street.getByRole('button', { name: /设\s*置/ }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByLabel('第一年间隔（月）').fill('2');
    await dialog.getByRole('button', { name: /确\s*定|OK/ }).click();
    await page.getByText('已保存检测频次').waitFor();
    await street.getByText('本单位设置').waitFor();
    await street.getByText('2 / 2 / 3 个月').waitFor();
    const community = page.getByRole('row').filter({ hasText: '河畔社区' });
    await community.getByText('沿用清源街道').waitFor();
    await community.getByText('2 / 2 / 3 个月').waitFor();
    // Grids sit folded under their community until it is opened.
    const grids = page.getByRole('row').filter({ hasText: '第1网格' });
    assert.equal(await grids.count(), 0);
    await community.getByRole('button', { name: /展开|Expand/ }).click();
    await grids.first().getByText('沿用清源街道').waitFor();

    await street.getByRole('button', { name: '恢复继承' }).click();
    await page.getByRole('button', { name: /恢\s*复/ }).last().click();
    await page.getByText('已恢复继承').waitFor();
    await street.getByText('默认').waitFor();
    await community.getByText('1 / 2 / 3 个月').waitFor();
    await page.context().close();
  });
});
