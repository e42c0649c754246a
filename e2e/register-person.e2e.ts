import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import { after, before, describe, it } from 'node:test';
import { composeIdNumber } from '@qingyuan/shared';
import { signIn, startPlatform, type RunningPlatform } from './support/platform.ts';

const SCREENSHOTS = new URL('../.tmp/screenshots/', import.meta.url).pathname;
// Fictional: the 340188 county exists in no demo data, and the check digit is computed, not real.
const ID_NUMBER = composeIdNumber('340188', '1988-08-18', 123);
const MASKED = `${ID_NUMBER.slice(0, 4)}**********${ID_NUMBER.slice(-4)}`;

describe('乡镇专干 registers a person, sees the masked number in the list, and reveals it with a reason', () => {
  let platform: RunningPlatform;
  before(async () => {
    platform = await startPlatform();
    mkdirSync(SCREENSHOTS, { recursive: true });
  });
  after(() => platform.close());

  it('registers, finds and reveals', async () => {
    const page = await signIn(platform, 'township');
    await page.getByRole('menuitem', { name: '人员管理' }).click();
    await page.getByRole('button', { name: '登记人员' }).click();

    await page.getByLabel('姓名').fill('柯登记');
    await page.getByLabel('身份证号').fill(ID_NUMBER);
    // Birth date and sex are derived from the number, shown read-only.
    await page.waitForFunction(() => (document.querySelector<HTMLInputElement>('input[aria-label="出生日期"]')?.value ?? '') === '1988-08-18');
    assert.equal(await page.getByLabel('性别', { exact: true }).inputValue(), '男');
    await page.getByLabel('责任单位').click();
    await page.getByLabel('责任单位').fill('河畔社区');
    await page.locator('.ant-select-dropdown:visible').getByTitle('河畔社区', { exact: true }).click();
    await page.getByLabel('联系电话1').fill('13800009876');
    await page.screenshot({ path: `${SCREENSHOTS}register-person.png` });
    await page.getByRole('button', { name: '登记', exact: true }).click();

    await page.waitForURL(/\/persons\/[0-9a-f-]{36}$/);
    await page.getByTestId('person-name').getByText('柯登记').waitFor();
    assert.equal(await page.getByTestId('person-id-number').innerText(), MASKED);

    await page.getByRole('menuitem', { name: '人员管理' }).click();
    await page.getByLabel('关键词').fill('柯登记');
    await page.getByRole('button', { name: '查询' }).click();
    const row = page.getByTestId('persons-table').getByRole('row').filter({ hasText: '柯登记' });
    await row.getByText(MASKED).waitFor();
    await row.getByText('138****9876').waitFor();
    assert.ok(!(await page.locator('body').innerText()).includes(ID_NUMBER), 'the list never shows the full number');
    await page.screenshot({ path: `${SCREENSHOTS}persons.png` });

    await row.getByRole('link', { name: '柯登记' }).click();
    await page.getByRole('button', { name: '查看完整信息' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByLabel('身份证号').check();
    await dialog.getByLabel('查看原因').fill('入户走访核对身份');
    await dialog.getByRole('button', { name: '查看' }).click();
    assert.equal(await dialog.getByTestId('revealed-value').innerText(), ID_NUMBER);
    await page.screenshot({ path: `${SCREENSHOTS}person-reveal.png` });
    await dialog.getByRole('button', { name: '取消' }).click();
    assert.equal(await page.getByTestId('revealed-value').count(), 0, 'the full value goes with the dialog');

    // A detection with two substances from the catalogue.
    await page.getByRole('tab', { name: /查获记录/ }).click();
    await page.getByRole('button', { name: '新增查获记录' }).click();
    const form = page.getByRole('dialog');
    await form.getByLabel('查获日期').fill('2026-01-05');
    await form.getByLabel('查获日期').press('Enter');
    await form.getByLabel('查获单位').fill('清源派出所');
    await form.getByLabel('毒品种类').click();
    await page.locator('.ant-select-dropdown:visible').getByText('甲基苯丙胺（冰毒）').click();
    await page.locator('.ant-select-dropdown:visible').getByText('氯胺酮').click();
    await form.getByLabel('毒品种类').press('Escape');
    await form.getByLabel('处理结果').click();
    await page.locator('.ant-select-dropdown:visible').getByText('行政拘留').click();
    await form.getByRole('button', { name: '确定' }).click();
    const detections = page.getByTestId('detections-table');
    await detections.getByText('2026-01-05').waitFor();
    await detections.getByText('氯胺酮').waitFor();
    await page.getByRole('tab', { name: '查获记录（1）' }).waitFor();
    await page.screenshot({ path: `${SCREENSHOTS}person-detections.png` });
    await page.context().close();
  });
});
