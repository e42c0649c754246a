import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { fakeIdNumber } from '../packages/server/src/testing/given.ts';
import { apiOf, signIn, startPlatform, type RunningPlatform } from './support/platform.ts';

const NAME = '恢复管控甲';
/** Today in China time, as the server sees it. */
const TODAY = new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 10);

describe('禁毒办 restores a relapsed person from 限制查阅档案 (恢复管控) and the township finds them again', () => {
  let platform: RunningPlatform;
  before(async () => {
    platform = await startPlatform();
  });
  after(() => platform.close());

  it('archives a person (propose + approve), restores with a required reason, and the person is back in the township\'s list', async () => {
    const township = await signIn(platform, 'township');
    const post = await apiOf(township, platform.baseUrl);
    const orgs = (await (await township.request.get(`${platform.baseUrl}/api/orgs`)).json()) as { items: { id: string; name: string }[] };
    const community = orgs.items.find((o) => o.name === '河畔社区');
    assert.ok(community);
    const person = await post<{ id: string }>('/api/persons', { name: NAME, idNumber: fakeIdNumber(12, '1986-02-14'), gender: 'male', orgUnitId: community.id });
    await post(`/api/persons/${person.id}/detections`, { detectedOn: '2022-01-10', agency: '清源区公安分局', substances: ['methamphetamine'], outcome: 'administrativeDetention' });
    const measure = await post<{ id: string }>(`/api/persons/${person.id}/measures`, {
      kind: 'voluntaryTreatment', decisionDate: '2021-06-01', decidingAgency: '清源区人民医院', executingOrgUnitId: community.id,
    });
    await post(`/api/measures/${measure.id}/events`, { type: 'termination', from: '2022-03-01', reason: 'other' });
    await post(`/api/persons/${person.id}/tests`, { testedOn: '2024-05-02', kind: 'urine', setting: 'field', result: 'negative' });
    const review = await post<{ id: string }>(`/api/persons/${person.id}/abstinence-reviews`, { note: '近三年检测均为阴性' });

    const office = await signIn(platform, 'office');
    await (await apiOf(office, platform.baseUrl))(`/api/abstinence/reviews/${review.id}/decision`, { decision: 'approve' });
    await office.getByRole('menuitem', { name: '戒断三年未复吸' }).click();
    await office.getByRole('tab', { name: '限制查阅档案' }).click();
    await office.getByLabel('档案查询').fill(NAME);
    await office.getByRole('button', { name: '查询' }).click();
    const row = office.getByRole('row').filter({ hasText: NAME });
    await row.getByRole('button', { name: '恢复管控' }).click();
    const dialog = office.getByRole('dialog', { name: `恢复管控：${NAME}` });
    await dialog.getByRole('button', { name: '恢复管控' }).click();
    await dialog.getByText('请填写恢复管控理由').waitFor();
    await dialog.getByLabel('恢复理由').fill('再次被查获吸毒，恢复管控');
    await dialog.getByRole('button', { name: '恢复管控' }).click();
    await office.getByText('已恢复管控').waitFor();
    await dialog.waitFor({ state: 'hidden' });
    await office.getByText('无匹配档案').waitFor();

    // 已批准 still lists the review, now marked 已恢复管控 with the day and the reason, and links to the person again.
    await office.getByRole('tab', { name: '已批准' }).click();
    const approved = office.getByTestId('abstinence-reviews-approved').getByRole('row').filter({ hasText: NAME });
    const restored = approved.getByTestId(`review-restored-${review.id}`);
    await restored.getByText('已恢复管控', { exact: true }).waitFor();
    await restored.getByText(TODAY, { exact: false }).waitFor();
    await restored.getByText('（再次被查获吸毒，恢复管控）').waitFor();
    await approved.getByRole('link', { name: NAME }).waitFor();

    const listed = (await (await township.request.get(`${platform.baseUrl}/api/persons?q=${encodeURIComponent(NAME)}`)).json()) as { items: { id: string }[] };
    assert.deepEqual(listed.items.map((p) => p.id), [person.id], 'back in the township\'s list');
    await township.goto(`${platform.baseUrl}/persons/${person.id}`);
    await township.getByRole('tab', { name: '时间轴' }).click();
    await township.getByTestId('person-timeline').getByText('恢复管控（自限制查阅档案恢复）').waitFor();
    assert.ok(true);
  });
});
