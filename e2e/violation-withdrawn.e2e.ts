import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { fakeIdNumber } from '../packages/server/src/testing/given.ts';
import { apiOf, signIn, startPlatform, type RunningPlatform } from './support/platform.ts';

const NAME = '自动撤销甲';
/** A China-time day `offset` days from today, as the server sees it. */
const day = (offset: number): string => new Date(Date.now() + 8 * 3_600_000 + offset * 86_400_000).toISOString().slice(0, 10);
const WITHDRAWN = '已撤销：登记正当理由后逃避或者拒绝接受检测2次，不足3次';

describe('乡镇专干 sees a serious-violation task withdrawn by the system (自动撤销) after a 正当理由', () => {
  let platform: RunningPlatform;
  before(async () => {
    platform = await startPlatform();
  });
  after(() => platform.close());

  it('three missed notices open the task under 待办; an excuse moves it to 自动撤销 with its 处理结果', async () => {
    const page = await signIn(platform, 'township');
    const post = await apiOf(page, platform.baseUrl);
    const orgs = (await (await page.request.get(`${platform.baseUrl}/api/orgs`)).json()) as { items: { id: string; name: string }[] };
    const community = orgs.items.find((o) => o.name === '河畔社区');
    assert.ok(community);
    const person = await post<{ id: string }>('/api/persons', { name: NAME, idNumber: fakeIdNumber(31, '1987-08-19'), gender: 'male', orgUnitId: community.id });
    const measure = await post<{ id: string }>(`/api/persons/${person.id}/measures`, {
      kind: 'communityTreatment', decisionDate: day(-60), decisionReceivedDate: day(-58), decidingAgency: '清源区公安分局', executingOrgUnitId: community.id,
    });
    await post(`/api/measures/${measure.id}/report-in`, { reportedOn: day(-50), agreementSigned: true });
    // Three notices, each missed on its due day: the third opens the task (3 evasions).
    const notices: string[] = [];
    for (const offset of [-40, -30, -20]) notices.push((await post<{ id: string }>(`/api/persons/${person.id}/test-notices`, { notifiedOn: day(offset), dueOn: day(offset), method: 'phone' })).id);

    await page.getByRole('menuitem', { name: '严重违反任务' }).click();
    await page.waitForURL(/\/violation-tasks/);
    const table = page.getByTestId('violation-tasks-table');
    const openRow = table.getByRole('row').filter({ hasText: NAME });
    await openRow.waitFor();
    await openRow.getByText(day(-19)).waitFor(); // reached the day after the third missed due day

    // A justified reason for one notice: two evasions remain, the basis no longer holds.
    await post(`/api/test-notices/${notices[1] ?? ''}/excuse`, { reason: '住院治疗，有医院证明' });
    await page.reload();
    await page.getByRole('tab', { name: '自动撤销' }).click();
    await page.waitForURL(/status=withdrawn/);
    const row = table.getByRole('row').filter({ hasText: NAME });
    await row.waitFor();
    await row.getByText(`${day(0)} ${WITHDRAWN}`).waitFor();
    await row.getByText(day(-19)).waitFor();
    // The withdrawn task offers no actions, and it is no longer under 待办.
    assert.equal(await row.getByRole('button').count(), 0);
    await page.getByRole('tab', { name: '待办' }).click();
    await page.waitForURL(/status=open/);
    await page.waitForLoadState('networkidle');
    await table.locator('.ant-spin-spinning').waitFor({ state: 'detached' });
    assert.equal(await table.getByRole('row').filter({ hasText: NAME }).count(), 0, 'no longer under 待办');
    await page.context().close();
  });
});
