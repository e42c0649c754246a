import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { chooseOption } from './support/select.ts';
import { signIn, startPlatform, type RunningPlatform } from './support/platform.ts';

describe('乡镇专干 records a test notice (通知检测) and withdraws a transfer (移交撤回)', () => {
  let platform: RunningPlatform;
  before(async () => {
    platform = await startPlatform();
  });
  after(() => platform.close());

  it('records a notice on the 检测记录 tab, then sends and cancels a transfer with a reason', async () => {
    const page = await signIn(platform, 'township');
    // A person in the register (在册): a deceased or departed one cannot be handed over, and the demo district has both.
    const listed = (await (await page.request.get(`${platform.baseUrl}/api/persons?status=active&pageSize=1`)).json()) as { items: { id: string; name: string }[] };
    const person = listed.items[0];
    assert.ok(person);
    await page.getByRole('menuitem', { name: '人员管理' }).click();
    await page.getByTestId('persons-table').getByRole('link').first().waitFor();
    await page.goto(`${platform.baseUrl}/persons/${person.id}`);

    await page.getByRole('tab', { name: '检测记录' }).click();
    await page.getByRole('button', { name: '通知检测', exact: true }).click();
    const notice = page.getByRole('dialog', { name: '通知检测' });
    // The select already shows 电话: open it through its selector box.
    await notice.locator('.ant-form-item').filter({ hasText: '通知方式' }).locator('.ant-select-selector').click();
    await page.locator('.ant-select-dropdown:visible').getByTitle('短信', { exact: true }).click();
    await notice.getByLabel('备注').fill('短信通知本周内到社区检测');
    await notice.getByRole('button', { name: '确定' }).click();
    await notice.waitFor({ state: 'hidden' });
    const notices = page.getByTestId('test-notices-table');
    await notices.getByText('短信通知本周内到社区检测').waitFor();
    await notices.getByText('待检测').waitFor();
    await notices.getByText('短信', { exact: true }).waitFor();

    await page.getByRole('tab', { name: '移交记录' }).click();
    await page.getByRole('button', { name: '移交', exact: true }).click();
    const send = page.getByRole('dialog', { name: '移交人员' });
    await chooseOption(page, send, '接收单位', '明德社区', '明德街道 / 明德社区');
    await send.getByLabel('移交原因').fill('拟移交明德社区');
    await send.getByRole('button', { name: '确定' }).click();
    await send.waitFor({ state: 'hidden' }).catch(async (error: unknown) => {
      // Say what the dialog shows (a field message, a refusal) when it does not close.
      console.error('移交人员 still open:', await send.innerText(), await page.locator('.ant-message').innerText().catch(() => ''));
      throw error;
    });
    const transfers = page.getByTestId('person-transfers');
    await transfers.getByText('待接收').waitFor();

    await transfers.getByRole('button', { name: '撤回' }).click();
    const cancel = page.getByRole('dialog', { name: /撤回移交/ });
    // A reason is required: the dialog names the field.
    await cancel.getByRole('button', { name: '撤回' }).click();
    await cancel.getByText('请填写撤回原因').waitFor();
    await cancel.getByLabel('撤回原因').fill('经核实本人仍在本街道居住');
    await cancel.getByRole('button', { name: '撤回' }).click();
    await cancel.waitFor({ state: 'hidden' });
    await transfers.getByText('已撤回').waitFor();
    await transfers.getByText('经核实本人仍在本街道居住').waitFor();
    // No pending transfer any more: the person may be handed over again.
    await page.getByRole('button', { name: '移交', exact: true }).waitFor();
    assert.equal(await transfers.getByRole('button', { name: '撤回' }).count(), 0);
    await page.context().close();
  });
});
