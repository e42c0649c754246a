import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { signIn, startPlatform, type RunningPlatform } from './support/platform.ts';

describe('系统管理员 opens an account, 安全管理员 grants its role, the new user must change the password first', () => {
  let platform: RunningPlatform;
  let temporaryPassword = '';
  before(async () => {
    platform = await startPlatform();
  });
  after(() => platform.close());

  it('sysadmin creates an account in 清源街道 and is shown a one-time password', async () => {
    const page = await signIn(platform, 'sysadmin');
    await page.getByRole('menuitem', { name: '账号管理' }).click();
    await page.getByRole('button', { name: '新增账号' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByLabel('用户名').fill('liming');
    await dialog.getByLabel('姓名').fill('黎明');
    await dialog.getByLabel('所属单位').click();
    await dialog.getByLabel('所属单位').fill('清源街道');
    await page.locator('.ant-select-dropdown').getByTitle('清源街道', { exact: true }).click();
    await dialog.getByRole('button', { name: '确定' }).click();
    temporaryPassword = (await page.getByTestId('temporary-password').innerText()).trim();
    assert.ok(temporaryPassword.length >= 10, `temporary password: ${temporaryPassword}`);
    await page.context().close();
  });

  it('secadmin grants the township role', async () => {
    const page = await signIn(platform, 'secadmin');
    await page.getByRole('menuitem', { name: '账号管理' }).click();
    const row = page.getByTestId('users-table').getByRole('row').filter({ hasText: 'liming' });
    await row.getByText('分配角色').click();
    const dialog = page.getByRole('dialog');
    await dialog.getByLabel('乡镇/街道禁毒专干').check();
    await dialog.getByRole('button', { name: '确定' }).click();
    await row.getByText('乡镇/街道禁毒专干').waitFor();
    await page.context().close();
  });

  it('the new user is held on the password page until the password is changed, then sees the township menu', async () => {
    const page = await signIn(platform, 'liming', temporaryPassword);
    await page.waitForURL(/password-change/);
    assert.equal(await page.getByRole('menuitem', { name: '组织机构' }).count(), 0);
    await page.getByLabel('当前密码').fill(temporaryPassword);
    await page.getByLabel('新密码', { exact: true }).fill('Harbor#Street2026');
    await page.getByLabel('确认密码').fill('Harbor#Street2026');
    await page.getByRole('button', { name: '修改密码' }).click();
    await page.getByRole('menuitem', { name: '组织机构' }).click();
    await page.getByTestId('org-tree').getByText('河畔社区').waitFor();
    // Scope: another township's units are not there.
    assert.equal(await page.getByTestId('org-tree').getByText('明德街道').count(), 0);
    await page.context().close();
  });
});
