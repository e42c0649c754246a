import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import { after, before, describe, it } from 'node:test';
import { signIn, startPlatform, type RunningPlatform } from './support/platform.ts';

const SCREENSHOTS = new URL('../.tmp/screenshots/', import.meta.url).pathname;
/** Today in China time, as the server and the date pickers see it. */
const TODAY = new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 10);

describe('社工 (worker scope) records a home visit for a person of her work team', () => {
  let platform: RunningPlatform;
  before(async () => {
    platform = await startPlatform();
    mkdirSync(SCREENSHOTS, { recursive: true });
  });
  after(() => platform.close());

  it('sees her team on the person page, gets a message under the empty summary, records the visit and the last contact day', async () => {
    const page = await signIn(platform, 'worker');
    await page.getByRole('menuitem', { name: '人员管理' }).click();
    const firstLink = page.getByTestId('persons-table').getByRole('link').first();
    await firstLink.waitFor();
    await firstLink.click();
    await page.waitForURL(/\/persons\/[0-9a-f-]{36}$/);

    await page.getByRole('tab', { name: '工作小组' }).click();
    await page.getByTestId('work-team-table').getByText('陈静').waitFor();

    await page.getByRole('tab', { name: '走访谈话' }).click();
    await page.getByRole('button', { name: '登记走访谈话' }).click();
    const dialog = page.getByRole('dialog', { name: '登记走访谈话' });
    await dialog.getByRole('button', { name: '确定' }).click();
    await dialog.getByText('请填写内容摘要').waitFor();
    await dialog.getByLabel('地点').fill('家中');
    await dialog.getByLabel('内容摘要').fill('入户了解近况，情绪稳定');
    await dialog.getByRole('button', { name: '确定' }).click();
    await dialog.waitFor({ state: 'hidden' });
    const visits = page.getByTestId('visits-table');
    await visits.getByText('入户了解近况，情绪稳定').waitFor();
    await visits.getByText('入户走访').waitFor();
    await page.getByTestId('last-contact').getByText(`最后联系日期：${TODAY}`).waitFor();

    await page.getByRole('tab', { name: '请假外出' }).click();
    await page.getByRole('button', { name: '登记请假外出' }).click();
    const leave = page.getByRole('dialog', { name: '登记请假外出' });
    await leave.getByRole('button', { name: '确定' }).click();
    await leave.getByText('请填写批准人').waitFor();
    await leave.getByText('请选择离开和返回日期').waitFor();
    await page.screenshot({ path: `${SCREENSHOTS}supervision-work.png` });
    assert.ok(true);
    await page.context().close();
  });

  it('乡镇专干 records a visit made by the team\'s 社工 (走访人 picker) and the list names her', async () => {
    const page = await signIn(platform, 'township');
    // A person of 河畔社区, whose work team has the demo worker 陈静 as social worker.
    const orgs = (await (await page.request.get(`${platform.baseUrl}/api/orgs`)).json()) as { items: { id: string; name: string }[] };
    const community = orgs.items.find((o) => o.name === '河畔社区');
    assert.ok(community);
    const persons = (await (await page.request.get(`${platform.baseUrl}/api/persons?orgUnitId=${community.id}&pageSize=5`)).json()) as { items: { id: string }[] };
    const personId = persons.items[0]?.id;
    assert.ok(personId, 'a demo person in 河畔社区');
    await page.goto(`${platform.baseUrl}/persons/${personId}`);

    await page.getByRole('tab', { name: '走访谈话' }).click();
    await page.getByRole('button', { name: '登记走访谈话' }).click();
    const dialog = page.getByRole('dialog', { name: '登记走访谈话' });
    // The caller is the default; the team's account holders are offered too.
    await dialog.getByText('李晓梅（本人）').click(); // the shown value covers the select's search input
    await page.locator('.ant-select-dropdown:visible').getByTitle('陈静（社工）', { exact: true }).click();
    await dialog.getByLabel('内容摘要').fill('社工入户走访，了解就业意向');
    await dialog.getByRole('button', { name: '确定' }).click();
    await dialog.waitFor({ state: 'hidden' });
    const row = page.getByTestId('visits-table').getByRole('row').filter({ hasText: '社工入户走访，了解就业意向' });
    await row.getByRole('cell', { name: '陈静', exact: true }).waitFor();

    // And by default the caller is the 走访人.
    await page.getByRole('button', { name: '登记走访谈话' }).click();
    await dialog.getByLabel('内容摘要').fill('乡镇专干电话回访');
    await dialog.getByRole('button', { name: '确定' }).click();
    await dialog.waitFor({ state: 'hidden' });
    const own = page.getByTestId('visits-table').getByRole('row').filter({ hasText: '乡镇专干电话回访' });
    await own.getByRole('cell', { name: '李晓梅', exact: true }).waitFor();
    await page.context().close();
  });
});
