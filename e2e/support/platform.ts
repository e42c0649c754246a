import assert from 'node:assert/strict';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser, type Page } from 'playwright-core';
import { buildApp } from '../../packages/server/src/app.ts';
import { AuditLog } from '../../packages/server/src/platform/audit/audit-log.ts';
import { systemClock } from '../../packages/server/src/platform/clock.ts';
import { loadConfig } from '../../packages/server/src/platform/config.ts';
import { randomKeys } from '../../packages/server/src/platform/crypto/keys.ts';
import { DEMO_PASSWORD, seedDemoDistrict } from '../../packages/server/src/demo/demo-district.ts';
import { freshDatabase } from '../../packages/server/src/testing/test-database.ts';

const WEB_DIST = fileURLToPath(new URL('../../packages/web/dist', import.meta.url));

// Debian's chromium, kept off the network (STACK.md); never a downloaded browser.
const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

export interface RunningPlatform {
  baseUrl: string;
  browser: Browser;
  close(): Promise<void>;
}

/** The real server (API + built web app) on a fresh demo database and a random local port, plus headless chromium. */
export async function startPlatform(): Promise<RunningPlatform> {
  const database = await freshDatabase();
  const keys = randomKeys();
  await seedDemoDistrict(database.db, new AuditLog(keys.audit, systemClock), { persons: { keys, at: systemClock.now() }, enforcement: { keys, at: systemClock.now() } });
  const config = { ...loadConfig({}), host: '127.0.0.1', port: 0, webDistDir: WEB_DIST };
  const { server } = await buildApp({ config, database, keys, logger: false });
  await server.listen({ host: '127.0.0.1', port: 0 });
  const address = server.server.address();
  if (!address || typeof address === 'string') throw new Error('server did not bind to a TCP port');
  const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', headless: true, args: CHROMIUM_ARGS });
  return {
    baseUrl: `http://127.0.0.1:${address.port}`,
    browser,
    async close() {
      await browser.close();
      await server.close();
      await database.close();
    },
  };
}

/** Opens a fresh browser context at 1366×768 and signs in through the login page. */
export async function signIn(platform: RunningPlatform, username: string, password = DEMO_PASSWORD): Promise<Page> {
  // The office's browsers run on China time: "today" in a date picker is the server's China date (chinaDate), also
  // when the test machine's clock is on UTC and China has already passed midnight.
  const context = await platform.browser.newContext({ viewport: { width: 1366, height: 768 }, locale: 'zh-CN', timezoneId: 'Asia/Shanghai' });
  const page = await context.newPage();
  await page.goto(`${platform.baseUrl}/login`);
  await page.getByLabel('用户名').fill(username);
  await page.getByLabel('密码').fill(password);
  await page.getByRole('button', { name: /登\s*录/ }).click();
  await page.waitForURL((url) => !url.pathname.startsWith('/login'));
  return page;
}

/** Writes through the API as the signed-in user (CSRF header from the cookie), failing on any refusal. */
export async function apiOf(page: Page, baseUrl: string) {
  const csrf = (await page.context().cookies()).find((c) => c.name === 'qy_csrf')?.value ?? '';
  return async <T>(url: string, data: object): Promise<T> => {
    const response = await page.request.post(`${baseUrl}${url}`, { headers: { 'x-csrf-token': csrf }, data });
    assert.ok(response.ok(), `${url}: ${String(response.status())} ${await response.text()}`);
    return (await response.json()) as T;
  };
}
