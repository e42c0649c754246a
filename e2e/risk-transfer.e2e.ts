import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import { after, before, describe, it } from 'node:test';
import { signIn, startPlatform, type RunningPlatform } from './support/platform.ts';

const SCREENSHOTS = new URL('../.tmp/screenshots/', import.meta.url).pathname;

describe('乡镇专干 assesses a person as high risk and hands them over to another street, which accepts', () => {
  let platform: RunningPlatform;
  before(async () => {
    platform = await startPlatform();
    mkdirSync(SCREENSHOTS, { recursive: true });
  });
  after(() => platform.close());

  it('scores the assessment from the instrument, then transfers the person and the receiver accepts', async () => {
    const page = await signIn(platform, 'township');
    // A person in the register (在册): a deceased or departed one cannot be handed over, and the demo district has both.
    const listed = (await (await page.request.get(`${platform.baseUrl}/api/persons?status=active&pageSize=1`)).json()) as { items: { id: string }[] };
    const person = listed.items[0];
    assert.ok(person);
    await page.getByRole('menuitem', { name: '人员管理' }).click();
    await page.getByTestId('persons-table').getByRole('link').first().waitFor();
    await page.goto(`${platform.baseUrl}/persons/${person.id}`);
    const personUrl = page.url();

    await page.getByRole('tab', { name: '风险评估' }).click();
    await page.getByTestId('risk-current-level').getByText('中风险').waitFor();
    await page.getByRole('button', { name: '新增评估' }).click();
    const dialog = page.getByRole('dialog', { name: /风险分类评估/ });
    const answers: [string, string][] = [
      ['吸毒史年限', '5年以上（4分）'], ['近期检测阳性（近6个月）', '2次以上（6分）'], ['未按时报到或检测', '1次（2分）'],
      ['无固定住所', '有固定住所（0分）'], ['无业', '有稳定工作（0分）'], ['家庭支持', '家庭支持良好（0分）'], ['违法犯罪记录', '无（0分）'],
    ];
    for (const [item, option] of answers) {
      await dialog.locator('.ant-form-item').filter({ has: page.locator(`label[title="${item}"]`) }).getByText(option, { exact: true }).click();
    }
    await dialog.getByTestId('risk-score').getByText('高风险').waitFor();
    await dialog.getByRole('button', { name: '确定' }).click();
    await page.getByTestId('risk-current-level').getByText('高风险').waitFor();
    await page.getByTestId('risk-history').getByRole('cell', { name: '12', exact: true }).waitFor();
    // The header line under the identity shows the latest final level with its date and the next assessment due.
    const headerRisk = page.getByTestId('person-risk-level');
    await headerRisk.getByText('高风险').waitFor();
    const assessedOn = (await page.getByTestId('risk-history').getByRole('row').nth(1).getByRole('cell').first().innerText()).trim();
    assert.match(await headerRisk.innerText(), new RegExp(`${assessedOn}评估`));
    assert.match(await page.getByTestId('person-risk-next-due').innerText(), /^\d{4}-\d{2}-\d{2}$/);

    await page.getByRole('tab', { name: '移交记录' }).click();
    await page.getByRole('button', { name: '移交' }).click();
    const send = page.getByRole('dialog', { name: '移交人员' });
    await send.getByLabel('接收单位').click();
    // Type only once the receiving units have loaded, pick the option, and check the choice took.
    await page.locator('.ant-select-dropdown:visible .ant-select-item-option').first().waitFor();
    await send.getByLabel('接收单位').fill('明德社区');
    await page.locator('.ant-select-dropdown:visible').getByTitle('明德街道 / 明德社区', { exact: true }).click();
    await send.locator('.ant-select-selection-item', { hasText: '明德街道 / 明德社区' }).waitFor();
    await send.getByLabel('移交原因').fill('本人长期居住在明德社区');
    await send.getByRole('button', { name: '确定' }).click();
    // The dialog closes once the transfer is recorded; if it stays open, say what it shows (a field message, a toast).
    await send.waitFor({ state: 'hidden' }).catch(async (error: unknown) => {
      const toast = await page.locator('.ant-message').innerText().catch(() => '');
      throw new Error(`移交人员 dialog stayed open: ${await send.innerText()} ${toast}`, { cause: error });
    });
    await page.getByTestId('person-transfers').getByText('待接收').waitFor();
    await page.screenshot({ path: `${SCREENSHOTS}transfer-sent.png` });
    await page.context().close();

    const receiver = await signIn(platform, 'township2');
    await receiver.getByRole('menuitem', { name: '移交管理' }).click();
    const table = receiver.getByTestId('transfers-table');
    await table.getByText('本人长期居住在明德社区').waitFor();
    await table.getByRole('button', { name: '接收' }).first().click();
    await receiver.getByRole('dialog', { name: /接收移交/ }).getByRole('button', { name: '确定' }).click();
    await table.getByText('本人长期居住在明德社区').waitFor({ state: 'detached' });
    await receiver.goto(personUrl);
    await receiver.getByRole('tab', { name: '移交记录' }).click();
    await receiver.getByTestId('person-transfers').getByText('已接收').waitFor();
    await receiver.screenshot({ path: `${SCREENSHOTS}transfer-accepted.png` });
    assert.ok(true);
    await receiver.context().close();
  });
});
