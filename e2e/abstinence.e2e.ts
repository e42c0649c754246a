import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import { after, before, describe, it } from 'node:test';
import { fakeIdNumber } from '../packages/server/src/testing/given.ts';
import { apiOf, signIn, startPlatform, type RunningPlatform } from './support/platform.ts';

const SCREENSHOTS = new URL('../.tmp/screenshots/', import.meta.url).pathname;
const NAME = '戒断测试甲';

describe('乡镇专干 reads a person’s timeline and proposes 戒断三年未复吸; 禁毒办 approves and the person leaves the lists', () => {
  let platform: RunningPlatform;
  before(async () => {
    platform = await startPlatform();
    mkdirSync(SCREENSHOTS, { recursive: true });
  });
  after(() => platform.close());

  it('shows the history on 时间轴, lists the person with evidence, and archives them on approval', async () => {
    const page = await signIn(platform, 'township');
    const post = await apiOf(page, platform.baseUrl);
    const orgs = (await (await page.request.get(`${platform.baseUrl}/api/orgs`)).json()) as { items: { id: string; name: string }[] };
    const community = orgs.items.find((o) => o.name === '河畔社区');
    assert.ok(community);
    // Voluntary treatment ended 2022-03-01, a detection before it and negative tests since: three years clean in 2025.
    const person = await post<{ id: string }>('/api/persons', { name: NAME, idNumber: fakeIdNumber(7, '1985-04-12'), gender: 'male', orgUnitId: community.id });
    await post(`/api/persons/${person.id}/detections`, { detectedOn: '2022-01-10', agency: '清源区公安分局', substances: ['methamphetamine'], outcome: 'administrativeDetention' });
    const measure = await post<{ id: string }>(`/api/persons/${person.id}/measures`, {
      kind: 'voluntaryTreatment', decisionDate: '2021-06-01', decidingAgency: '清源区人民医院', executingOrgUnitId: community.id,
    });
    await post(`/api/measures/${measure.id}/events`, { type: 'termination', from: '2022-03-01', reason: 'other' });
    for (const testedOn of ['2023-05-02', '2024-05-02']) await post(`/api/persons/${person.id}/tests`, { testedOn, kind: 'urine', setting: 'field', result: 'negative' });

    // 时间轴: the detection, the measure, its end and the tests, each with its date.
    await page.goto(`${platform.baseUrl}/persons/${person.id}`);
    await page.getByRole('tab', { name: '时间轴' }).click();
    const timeline = page.getByTestId('person-timeline');
    await timeline.waitFor();
    for (const date of ['2021-06-01', '2022-01-10', '2022-03-01', '2023-05-02', '2024-05-02']) await timeline.getByText(date, { exact: true }).first().waitFor();
    await timeline.getByText('查获', { exact: true }).waitFor();
    assert.ok((await timeline.getByText('尿检：阴性').count()) >= 2, 'both negative tests are on the timeline');

    // 系统提示名单 → 提出申请 with a note.
    await page.getByRole('menuitem', { name: '戒断三年未复吸' }).click();
    const row = page.getByTestId('abstinence-candidates').getByRole('row').filter({ hasText: NAME });
    await row.waitFor();
    await row.getByRole('button', { name: '提出申请' }).click();
    const dialog = page.getByRole('dialog', { name: `提出戒断三年未复吸申请：${NAME}` });
    await dialog.getByRole('button', { name: '提交申请' }).click();
    await dialog.getByText('请填写核实情况说明').waitFor();
    await dialog.getByLabel('核实情况说明').fill('社区走访、家属反映，近三年检测均为阴性');
    await dialog.getByRole('button', { name: '提交申请' }).click();
    await row.getByText('待审核').waitFor();
    await page.context().close();

    // The office approves from 待审核; the person is then in 已批准 and gone from the township's persons list.
    const office = await signIn(platform, 'office');
    await office.getByRole('menuitem', { name: '戒断三年未复吸' }).click();
    await office.getByRole('tab', { name: '待审核' }).click();
    const proposed = office.getByTestId('abstinence-reviews-proposed').getByRole('row').filter({ hasText: NAME });
    await proposed.getByRole('button', { name: '批准' }).click();
    // antd spaces out a two-character button label (批 准).
    const confirm = office.locator('.ant-modal-confirm').filter({ hasText: `批准${NAME}戒断三年未复吸？` });
    await confirm.getByRole('button', { name: /^批\s?准$/ }).click();
    await office.getByText('已批准，人员已解除动态管控并转入限制查阅档案').waitFor();
    await office.getByRole('tab', { name: '已批准' }).click();
    await office.getByTestId('abstinence-reviews-approved').getByRole('row').filter({ hasText: NAME }).waitFor();
    await office.screenshot({ path: `${SCREENSHOTS}abstinence-approved.png` });

    const listed = await office.request.get(`${platform.baseUrl}/api/persons?q=${encodeURIComponent(NAME)}`);
    assert.equal(((await listed.json()) as { total: number }).total, 0, 'archived: outside every ordinary list');
    await office.context().close();
  });
});
