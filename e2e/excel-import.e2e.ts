import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import { after, before, describe, it } from 'node:test';
import ExcelJS from 'exceljs';
import { signIn, startPlatform, type RunningPlatform } from './support/platform.ts';

const SCREENSHOTS = new URL('../.tmp/screenshots/', import.meta.url).pathname;
const NUMBER = `XLS${String(Date.now() % 1_000_000).padStart(6, '0')}`;

/** A case sheet with one good row and one bad row (solved before filed), as a person would fill the template in. */
async function caseFile(): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  const cases = workbook.addWorksheet('案件');
  cases.addRow(['案件编号', '案件类型', '案件等级', '立案日期', '破案日期', '办案单位', '发案地']);
  cases.addRow([NUMBER, '贩卖毒品', '一般', '2024-03-01', '2024-03-10', '公安分局禁毒大队', '清源街道/河畔社区']);
  cases.addRow([`${NUMBER}B`, '贩卖毒品', '一般', '2024-05-01', '2024-04-01', '公安分局禁毒大队', '清源街道']);
  const seizures = workbook.addWorksheet('缴获');
  seizures.addRow(['案件编号', '毒品种类', '重量（克）', '缴获日期']);
  seizures.addRow([NUMBER, 'heroin', 0.1, '2024-03-10']);
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

describe('公安禁毒 imports historical cases from Excel', () => {
  let platform: RunningPlatform;
  before(async () => {
    platform = await startPlatform();
    mkdirSync(SCREENSHOTS, { recursive: true });
  });
  after(() => platform.close());

  it('checks the file, sees the bad row by row/column/reason, imports the good one and finds it in the register', async () => {
    const page = await signIn(platform, 'police');
    await page.getByRole('menuitem', { name: '缉毒执法' }).click();
    await page.getByRole('button', { name: /(^|upload )导\s*入$/ }).click();
    const dialog = page.getByRole('dialog');
    await dialog.locator('input[type=file]').setInputFiles({ name: '历史案件.xlsx', mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', buffer: await caseFile() });
    await dialog.getByRole('button', { name: '校验（不写入）' }).click();
    await dialog.getByText('校验完成').waitFor();
    const errorRow = dialog.getByRole('row').filter({ hasText: '破案日期不能早于立案日期' });
    await errorRow.waitFor();
    const cells = await errorRow.locator('td').allInnerTexts();
    assert.deepEqual(cells, ['案件', '3', '破案日期', '破案日期不能早于立案日期']);
    await page.screenshot({ path: `${SCREENSHOTS}excel-import-check.png` });
    await dialog.getByRole('button', { name: /^导\s*入$/ }).click();
    await dialog.getByText('导入完成').waitFor();
    assert.match(await dialog.getByText('导入完成').innerText(), /已导入 2 行/);
    await dialog.getByRole('button', { name: /关\s*闭/ }).first().click();
    await page.goto(`${platform.baseUrl}/cases?q=${NUMBER}`);
    await page.getByTestId('cases-table').getByText(NUMBER, { exact: true }).waitFor();
    assert.equal(await page.getByTestId('cases-table').getByText(`${NUMBER}B`, { exact: true }).count(), 0, 'the bad row was not written');
  });
});
