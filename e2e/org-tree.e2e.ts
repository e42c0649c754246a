import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import { after, before, describe, it } from 'node:test';
import { signIn, startPlatform, type RunningPlatform } from './support/platform.ts';

const SCREENSHOTS = new URL('../.tmp/screenshots/', import.meta.url).pathname;

describe('禁毒办 adds a village and the auditor finds it', () => {
  let platform: RunningPlatform;
  const villageName = `试点村${Date.now() % 100000}`;
  before(async () => {
    platform = await startPlatform();
    mkdirSync(SCREENSHOTS, { recursive: true });
  });
  after(() => platform.close());

  it('office adds a village under a township and sees it in the tree', async () => {
    const page = await signIn(platform, 'office');
    assert.equal(await page.getAttribute('html', 'lang'), 'zh-CN');
    await page.getByRole('menuitem', { name: '组织机构' }).click();
    const tree = page.getByTestId('org-tree');
    await tree.getByText('青山镇', { exact: true }).click();
    await page.getByRole('button', { name: '新增下级' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByLabel('名称').fill(villageName);
    await dialog.getByLabel('类型').click();
    await page.locator('.ant-select-dropdown').getByText('村', { exact: true }).click();
    await dialog.getByRole('button', { name: /确\s*定/ }).click();
    await tree.getByText(villageName, { exact: true }).waitFor();
    await page.screenshot({ path: `${SCREENSHOTS}org-tree.png` });
    await page.context().close();
  });

  it('auditor searches the audit log and finds that action', async () => {
    const page = await signIn(platform, 'auditor');
    // The auditor's menu shows the audit log and nothing of the business.
    assert.equal(await page.getByRole('menuitem', { name: '组织机构' }).count(), 0);
    await page.getByRole('menuitem', { name: '审计日志' }).click();
    await page.getByLabel('操作人').fill('office');
    await page.getByRole('button', { name: /查\s*询/ }).click();
    const table = page.getByTestId('audit-table');
    await table.getByText('新增组织机构').first().waitFor();
    await page.screenshot({ path: `${SCREENSHOTS}audit.png` });
    // The UI really is Chinese (antd's own strings come from the zh_CN locale).
    const text = await page.locator('body').innerText();
    assert.match(text, /条\/页|共\s*\d+\s*条/);
    await page.context().close();
  });
});
