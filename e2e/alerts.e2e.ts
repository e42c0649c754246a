import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import { after, before, describe, it } from 'node:test';
import { addDays } from '@qingyuan/shared';
import { signIn, startPlatform, type RunningPlatform } from './support/platform.ts';

const SCREENSHOTS = new URL('../.tmp/screenshots/', import.meta.url).pathname;
const TODAY = new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 10);

describe('乡镇专干 sees a report-in overdue alert arrive in 预警中心 and acknowledges it', () => {
  let platform: RunningPlatform;
  before(async () => {
    platform = await startPlatform();
    mkdirSync(SCREENSHOTS, { recursive: true });
  });
  after(() => platform.close());

  it('raises the alert from the order (dispatcher), shows it live with the badge, and records who acknowledged it', async () => {
    const page = await signIn(platform, 'township');
    const csrf = (await page.context().cookies()).find((c) => c.name === 'qy_csrf')?.value ?? '';
    const api = platform.baseUrl;
    // A person in the register (在册): the rules watch only those, and the demo district also has deceased and departed ones.
    const persons = (await (await page.request.get(`${api}/api/persons?status=active&pageSize=1`)).json()) as { items: { id: string; name: string }[] };
    const person = persons.items[0];
    assert.ok(person);
    const orgs = (await (await page.request.get(`${api}/api/orgs`)).json()) as { items: { id: string; name: string }[] };
    const street = orgs.items.find((o) => o.name === '清源街道');
    assert.ok(street);

    await page.getByRole('menuitem', { name: '预警中心' }).click();
    await page.getByTestId('alerts-table').waitFor();
    // Received 20 days ago: the report-in day (received + 15) has passed.
    const ordered = await page.request.post(`${api}/api/persons/${person.id}/measures`, {
      headers: { 'x-csrf-token': csrf },
      data: { kind: 'communityTreatment', decisionDate: addDays(TODAY, -22), decisionReceivedDate: addDays(TODAY, -20), decidingAgency: '清源区公安分局', executingOrgUnitId: street.id },
    });
    assert.equal(ordered.status(), 201, await ordered.text());

    // The dispatcher (every 5 s) raises it; the stream updates the badge and the list without a reload.
    const row = page.getByTestId('alerts-table').getByRole('row').filter({ hasText: '逾期未报到' }).filter({ hasText: person.name });
    await row.waitFor({ timeout: 20_000 });
    await page.getByTestId('alert-badge').and(page.getByLabel(/未办结预警 [1-9]\d* 条/)).waitFor();
    await row.getByRole('button', { name: '详情' }).click();
    const drawer = page.getByTestId('alert-drawer');
    await drawer.getByText('红色').waitFor();
    await drawer.getByRole('button', { name: '签\u00a0收' }).or(drawer.getByRole('button', { name: '签收' })).click();
    await drawer.getByText(/签收 · 李晓梅/).waitFor();
    await drawer.getByText('已签收').waitFor();
    await page.screenshot({ path: `${SCREENSHOTS}alerts-inbox.png` });
    await page.context().close();
  });
});
