import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { fakeIdNumber } from '../packages/server/src/testing/given.ts';
import { apiOf, signIn, startPlatform, type RunningPlatform } from './support/platform.ts';

const NAME = '通知未检甲';
/** A China-time day `offset` days from today, as the server sees it. */
const day = (offset: number): string => new Date(Date.now() + 8 * 3_600_000 + offset * 86_400_000).toISOString().slice(0, 10);

describe('乡镇专干 finds a missed test notice on 工作清单 → 通知未检 and on the person’s 时间轴', () => {
  let platform: RunningPlatform;
  before(async () => {
    platform = await startPlatform();
  });
  after(() => platform.close());

  it('lists the missed notice with its days since due, links to the person, and shows 通知检测逾期未检 on the timeline', async () => {
    const page = await signIn(platform, 'township');
    const post = await apiOf(page, platform.baseUrl);
    const orgs = (await (await page.request.get(`${platform.baseUrl}/api/orgs`)).json()) as { items: { id: string; name: string }[] };
    const community = orgs.items.find((o) => o.name === '河畔社区');
    assert.ok(community);
    const person = await post<{ id: string }>('/api/persons', { name: NAME, idNumber: fakeIdNumber(11, '1988-03-09'), gender: 'male', orgUnitId: community.id });
    await post(`/api/persons/${person.id}/test-notices`, { notifiedOn: day(-6), dueOn: day(-4), method: 'written' });

    await page.getByRole('menuitem', { name: '工作清单' }).click();
    await page.getByRole('tab', { name: /通知未检/ }).click();
    await page.waitForURL(/list=missedNotices/);
    const row = page.getByTestId('worklist-table').getByRole('row').filter({ hasText: NAME });
    await row.waitFor();
    await row.getByText('书面', { exact: true }).waitFor();
    await row.getByText(day(-4)).waitFor();
    await row.getByText('4天').waitFor();

    await row.getByRole('link', { name: NAME }).click();
    await page.waitForURL(new RegExp(`/persons/${person.id}$`));
    await page.getByRole('tab', { name: '时间轴' }).click();
    const timeline = page.getByTestId('person-timeline');
    await timeline.getByText('通知检测逾期未检', { exact: true }).waitFor();
    await timeline.getByText(`书面通知（${day(-6)}）`, { exact: false }).waitFor();
    assert.ok(true);
    await page.context().close();
  });
});
