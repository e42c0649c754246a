import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import { after, before, describe, it } from 'node:test';
import { addDays, addMonths } from '@qingyuan/shared';
import { signIn, startPlatform, type RunningPlatform } from './support/platform.ts';

const SCREENSHOTS = new URL('../.tmp/screenshots/', import.meta.url).pathname;
/** Today in China time, as the server and the date pickers see it. */
const TODAY = new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 10);

describe('社工 records a negative urine test and sees the next due date', () => {
  let platform: RunningPlatform;
  before(async () => {
    platform = await startPlatform();
    mkdirSync(SCREENSHOTS, { recursive: true });
  });
  after(() => platform.close());

  it('orders community treatment, records report-in and a test, and shows the next test due with its rule', async () => {
    const page = await signIn(platform, 'township');
    await page.getByRole('menuitem', { name: '人员管理' }).click();
    const firstLink = page.getByTestId('persons-table').getByRole('link').first();
    await firstLink.waitFor();
    await firstLink.click();
    await page.waitForURL(/\/persons\/[0-9a-f-]{36}$/);

    await page.getByRole('tab', { name: '管控措施' }).click();
    await page.getByRole('button', { name: '登记管控措施' }).click();
    const order = page.getByRole('dialog', { name: '登记管控措施' });
    const pick = async (label: string, date: string) => {
      await order.getByLabel(label).fill(date);
      await order.getByLabel(label).press('Enter');
    };
    await pick('决定日期', addDays(TODAY, -5));
    await pick('收到决定书日期', addDays(TODAY, -3));
    await order.getByLabel('决定机关').fill('清源区公安分局');
    await order.getByLabel('执行单位').click();
    await order.getByLabel('执行单位').fill('清源街道');
    await page.locator('.ant-select-dropdown:visible').getByTitle('清源街道', { exact: true }).click();
    await order.getByRole('button', { name: '确定' }).click();
    const measures = page.getByTestId('measures-table');
    await measures.getByText(`报到期限：${addDays(TODAY, 12)}`).waitFor();

    await measures.getByRole('button', { name: '登记报到' }).click();
    const report = page.getByRole('dialog', { name: '登记报到' });
    await report.getByLabel('报到日期').fill(addDays(TODAY, -2));
    // Enter in the date picker may already submit the form; otherwise confirm.
    await report.getByLabel('报到日期').press('Enter');
    await report.waitFor({ state: 'hidden', timeout: 3000 }).catch(() => report.getByRole('button', { name: '确定' }).click());
    await measures.getByText(`期满日：${addDays(addMonths(addDays(TODAY, -2), 36), -1)}`).waitFor();

    await page.getByRole('tab', { name: '检测记录' }).click();
    await page.getByRole('button', { name: '登记检测' }).click();
    const test = page.getByRole('dialog', { name: '登记检测' });
    await test.getByLabel('检测人').fill('李社工');
    await test.getByRole('button', { name: '确定' }).click();
    const tests = page.getByTestId('tests-table');
    await tests.getByText('阴性').waitFor();
    await tests.getByText('尿检').waitFor();
    const next = page.getByTestId('tests-next-due');
    await next.getByText(`下次检测：${addMonths(TODAY, 1)}`).waitFor();
    await next.hover();
    await page.getByRole('tooltip').getByText(/措施第1年每1个月检测一次/).waitFor();
    await page.screenshot({ path: `${SCREENSHOTS}supervision-tests.png` });
    assert.ok(true);
    await page.context().close();
  });
});
