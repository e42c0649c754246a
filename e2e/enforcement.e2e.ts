import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import { after, before, describe, it } from 'node:test';
import type { Locator, Page } from 'playwright-core';
import { addDays, completionRate, composeIdNumber, formatRate } from '@qingyuan/shared';
import { signIn, startPlatform, type RunningPlatform } from './support/platform.ts';

const SCREENSHOTS = new URL('../.tmp/screenshots/', import.meta.url).pathname;
/** Today in China time, as the server and the date pickers see it. */
const TODAY = new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 10);
const CASE_NUMBER = `E2E${String(Date.now() % 1_000_000).padStart(6, '0')}`;
// Fictional: the 340188 county exists in no demo data, and the check digits are computed.
const SUSPECTS = [['郑某甲', composeIdNumber('340188', '1990-04-01', 211)], ['郑某乙', composeIdNumber('340188', '1992-06-02', 212)]] as const;

async function pickDate(scope: Page | Locator, label: string, date: string): Promise<void> {
  await scope.getByLabel(label).fill(date);
  await scope.getByLabel(label).press('Enter');
}

/** The cells of one indicator's row on the figures page: [label, unit, value, target, completion, …]. */
async function figureRow(page: Page, label: string): Promise<string[]> {
  const row = page.getByTestId('figures-table').getByRole('row').filter({ has: page.getByRole('cell', { name: label, exact: true }) });
  await row.waitFor();
  return row.locator('td').allInnerTexts();
}

describe('公安禁毒 records a case with two suspects and a seizure and sees the completion figure change', () => {
  let platform: RunningPlatform;
  before(async () => {
    platform = await startPlatform();
    mkdirSync(SCREENSHOTS, { recursive: true });
  });
  after(() => platform.close());

  it('records the case, its suspects (masked) and a seizure; 破获案件 and 缴获毒品 move against their targets', async () => {
    const page = await signIn(platform, 'police');
    await page.getByRole('menuitem', { name: '任务指标统计' }).click();
    await page.getByTestId('figures-period').waitFor();
    const [, , solvedBefore = '', target = '', completionBefore = ''] = await figureRow(page, '破获毒品刑事案件');
    const [, , gramsBefore = '', gramsTarget = '', gramsCompletionBefore = ''] = await figureRow(page, '缴获毒品');
    assert.match(completionBefore, /^\d+\.\d%$/, 'the demo district has a target for solved cases');
    await page.screenshot({ path: `${SCREENSHOTS}figures-before.png` });

    await page.getByRole('menuitem', { name: '缉毒执法' }).click();
    await page.getByTestId('cases-table').getByRole('row').nth(1).waitFor();
    await page.getByRole('button', { name: '登记案件' }).click();
    await page.waitForURL(/\/cases\/new$/);
    await page.getByRole('button', { name: '保存' }).waitFor();
    await page.getByLabel('案件编号').fill(CASE_NUMBER);
    await pickDate(page, '立案日期', addDays(TODAY, -3));
    await pickDate(page, '破案日期', addDays(TODAY, -1));
    await page.getByLabel('发案地').click();
    await page.getByLabel('发案地').fill('云岭村');
    await page.locator('.ant-select-dropdown:visible').getByTitle('云岭村', { exact: true }).click();
    await page.getByLabel('办案单位').click();
    await page.getByLabel('办案单位').fill('禁毒大队');
    await page.locator('.ant-select-dropdown:visible').getByTitle('公安分局禁毒大队', { exact: true }).click();
    await page.getByLabel('简要案情').fill('云岭村出租屋贩卖毒品案（浏览器测试）');
    await page.screenshot({ path: `${SCREENSHOTS}case-register.png` });
    await page.getByRole('button', { name: '保存' }).click();
    await page.waitForURL(/\/cases\/[0-9a-f-]{36}$/);
    await page.getByTestId('case-number').getByText(CASE_NUMBER).waitFor();

    for (const [name, idNumber] of SUSPECTS) {
      await page.getByRole('button', { name: '添加嫌疑人' }).click();
      const dialog = page.getByRole('dialog', { name: '添加犯罪嫌疑人' });
      await dialog.getByLabel('姓名').fill(name);
      await dialog.getByLabel('身份证号').fill(idNumber);
      await pickDate(dialog, '抓获日期', addDays(TODAY, -1));
      await dialog.getByRole('button', { name: '确定' }).click();
      await dialog.waitFor({ state: 'hidden' });
    }
    await page.getByRole('tab', { name: '犯罪嫌疑人（2）' }).waitFor();
    const suspects = page.getByTestId('suspects-table');
    for (const [name, idNumber] of SUSPECTS) {
      const row = suspects.getByRole('row').filter({ hasText: name });
      await row.getByText(`${idNumber.slice(0, 4)}**********${idNumber.slice(-4)}`).waitFor();
    }
    assert.ok(!(await page.locator('body').innerText()).includes(SUSPECTS[0][1]), 'the page never shows a full ID number');

    await page.getByRole('tab', { name: /^缴获/ }).click();
    await page.getByRole('button', { name: '添加缴获毒品' }).click();
    const seizure = page.getByRole('dialog', { name: '添加缴获毒品' });
    await seizure.getByLabel('毒品种类').click();
    await page.locator('.ant-select-dropdown:visible').getByTitle('海洛因', { exact: true }).click();
    await seizure.getByLabel('重量（克）').fill('250.5');
    await seizure.getByLabel('零包数').fill('12');
    await pickDate(seizure, '缴获日期', addDays(TODAY, -1));
    await seizure.getByRole('button', { name: '确定' }).click();
    await page.getByTestId('seizures-table').getByText('250.500').waitFor();
    await page.getByRole('tab', { name: '办案时间线' }).click();
    await page.getByText('缴获海洛因 250.500 克，零包 12 包').waitFor();
    await page.screenshot({ path: `${SCREENSHOTS}case-page.png` });

    await page.getByRole('menuitem', { name: '任务指标统计' }).click();
    const solvedAfter = String(Number(solvedBefore) + 1);
    const expected = formatRate(completionRate(solvedAfter, target));
    await page.getByTestId('completion-cases.solved').getByText(expected).waitFor();
    const [, , solvedNow, , completionNow] = await figureRow(page, '破获毒品刑事案件');
    assert.equal(solvedNow, solvedAfter);
    assert.notEqual(completionNow, completionBefore);
    const [, , gramsNow = '', , gramsCompletionNow = ''] = await figureRow(page, '缴获毒品');
    assert.equal(gramsNow, (Number(gramsBefore) + 250.5).toFixed(3));
    assert.notEqual(gramsCompletionNow, gramsCompletionBefore, `grams against ${gramsTarget}`);
    await page.screenshot({ path: `${SCREENSHOTS}figures-after.png` });

    // The table goes to Excel with the same numbers.
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: /导出Excel/ }).click()]);
    assert.equal(download.suggestedFilename(), `示范区${TODAY.slice(0, 4)}年缉毒执法任务指标统计.xlsx`);

    // Every figure drills down to its records: the new case is among the solved cases.
    await page.getByRole('button', { name: '破获毒品刑事案件明细', exact: true }).click();
    const drawer = page.getByRole('dialog', { name: /破获毒品刑事案件/ });
    await drawer.getByRole('link', { name: CASE_NUMBER }).waitFor();
    await drawer.getByTestId('figure-records-summary').getByText(solvedAfter, { exact: true }).waitFor();
    await page.screenshot({ path: `${SCREENSHOTS}figure-records.png` });
    const text = await page.locator('body').innerText();
    assert.match(text, /共\s*\d+\s*条/, 'antd speaks Chinese');
    await page.keyboard.press('Escape');
    await drawer.waitFor({ state: 'hidden' });

    // 月度: the month picked in 期间 shows 本月 and 1—N月累计 against the YEAR's target (the same completion as the year
    // to date, since both count 1 January to today).
    const month = Number(TODAY.slice(5, 7));
    await page.getByLabel('期间', { exact: true }).first().click(); // the select itself (its search input sits under the shown value)
    await page.locator('.ant-select-dropdown:visible').getByTitle(`${String(month)}月`, { exact: true }).click();
    await page.waitForURL(new RegExp(`month=${String(month)}(&|$)`));
    const total = month === 1 ? '1月累计' : `1—${String(month)}月累计`;
    await page.getByTestId('figures-table').getByRole('columnheader', { name: total }).waitFor();
    await page.getByTestId('figures-table').getByRole('columnheader', { name: '完成年度任务数' }).waitFor();
    await page.getByTestId('completion-cases.solved').getByText(expected).waitFor();
    await page.getByRole('button', { name: '破获毒品刑事案件累计明细', exact: true }).getByText(solvedAfter, { exact: true }).waitFor();
    await page.getByRole('button', { name: '破获毒品刑事案件累计明细', exact: true }).click();
    const monthDrawer = page.getByRole('dialog', { name: /破获毒品刑事案件/ });
    await monthDrawer.getByRole('link', { name: CASE_NUMBER }).waitFor();
    await monthDrawer.getByTestId('figure-records-summary').getByText(solvedAfter, { exact: true }).waitFor();
    await page.screenshot({ path: `${SCREENSHOTS}figures-month.png` });
    await page.context().close();
  });
});
