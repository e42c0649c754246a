import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Page } from 'playwright-core';
import type { AreaMap, IndicatorTable, OrgUnit } from '@qingyuan/shared';
import { signIn, startPlatform, type RunningPlatform } from './support/platform.ts';

describe('禁毒办 enters the residents of a street that has no map boundary yet, and its per-10,000 rate gets a value', () => {
  let platform: RunningPlatform;
  let page: Page;

  before(async () => {
    platform = await startPlatform();
    page = await signIn(platform, 'office');
  });
  after(async () => {
    await platform.close();
  });

  it('lists the unmapped street in 辖区概况 as 未上传, saves its residents, and the rate follows', async () => {
    const csrf = (await page.context().cookies()).find((c) => c.name === 'qy_csrf')?.value ?? '';
    const district = ((await (await page.request.get(`${platform.baseUrl}/api/orgs`)).json()) as { items: OrgUnit[] }).items.find((u) => u.kind === 'district');
    assert.ok(district);
    const created = await page.request.post(`${platform.baseUrl}/api/orgs`, { headers: { 'x-csrf-token': csrf }, data: { parentId: district.id, name: '新城街道', kind: 'street' } });
    assert.equal(created.status(), 201, await created.text());
    const street = ((await created.json()) as { id: string }).id;
    const rate = async (): Promise<string | null> => {
      const response = await page.request.get(`${platform.baseUrl}/api/indicators/values?period=year&year=${String(new Date().getFullYear())}&codes=persons.currentPer10k&orgUnitIds=${street}`);
      assert.equal(response.status(), 200);
      return ((await response.json()) as IndicatorTable).values[0]?.value ?? null;
    };
    assert.equal(await rate(), null);

    await page.getByRole('menuitem', { name: '数据看板' }).click();
    await page.waitForURL(/\/dashboard/);
    await page.getByRole('button', { name: /辖区概况/ }).click();
    const list = page.getByTestId('area-residents');
    const row = list.locator('tr', { hasText: '新城街道' });
    await row.waitFor();
    assert.match(await row.innerText(), /街道[\s\S]*未上传/);
    // The eight demo townships have their boundaries.
    assert.equal(await list.locator('tr', { hasText: '已上传' }).count(), 8);
    await row.getByRole('spinbutton', { name: '新城街道常住人口' }).fill('25000');
    await row.getByRole('button', { name: '保存新城街道常住人口' }).click();
    await page.getByText('常住人口已保存').waitFor();

    const map = (await (await page.request.get(`${platform.baseUrl}/api/areas/map`)).json()) as AreaMap;
    assert.equal(map.units.find((u) => u.orgUnitId === street)?.residents, 25000);
    assert.equal(await rate(), '0.0', 'no persons in the new street: 0 per 10,000 residents, no longer 暂无数据');
  });
});
