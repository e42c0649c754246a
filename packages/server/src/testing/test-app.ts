import type { Writable } from 'node:stream';
import type { LightMyRequestResponse } from 'fastify';
import { buildApp, type App } from '../app.ts';
import { AuditLog } from '../platform/audit/audit-log.ts';
import { ManualClock } from '../platform/clock.ts';
import { loadConfig, type Config } from '../platform/config.ts';
import { randomKeys } from '../platform/crypto/keys.ts';
import type { DatabaseHandle } from '../platform/db/database.ts';
import { DEMO_PASSWORD, seedDemoDistrict } from '../demo/demo-district.ts';
import { freshDatabase } from './test-database.ts';

type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

/** A signed-in browser: carries the session and CSRF cookies and echoes the CSRF header. */
export interface Agent {
  username: string;
  cookies: Record<string, string>;
  request(method: Method, url: string, body?: unknown, headers?: Record<string, string>): Promise<LightMyRequestResponse>;
  get(url: string): Promise<LightMyRequestResponse>;
  post(url: string, body?: unknown): Promise<LightMyRequestResponse>;
  put(url: string, body?: unknown): Promise<LightMyRequestResponse>;
  patch(url: string, body?: unknown): Promise<LightMyRequestResponse>;
}

export interface TestApp extends App {
  clock: ManualClock;
  database: DatabaseHandle;
  /** Logs in through the real endpoint; fails the test when login does not succeed. */
  login(username: string, password?: string): Promise<Agent>;
  anonymous(): Agent;
  /** A raw login attempt, for tests about failures. */
  attemptLogin(username: string, password: string, headers?: Record<string, string>): Promise<LightMyRequestResponse>;
  close(): Promise<void>;
}

export function cookiesFrom(response: LightMyRequestResponse): Record<string, string> {
  const jar: Record<string, string> = {};
  for (const c of response.cookies as { name: string; value: string }[]) jar[c.name] = c.value;
  return jar;
}

export async function startTestApp(overrides: Partial<Config> = {}, options: { seed?: boolean; logStream?: Writable } = {}): Promise<TestApp> {
  const database = await freshDatabase();
  const clock = new ManualClock(new Date('2026-11-23T02:00:00Z'));
  const keys = randomKeys();
  const config: Config = { ...loadConfig({}), loginRateLimitPerMinute: 10_000, webDistDir: '/nonexistent', ...overrides };
  if (options.seed !== false) await seedDemoDistrict(database.db, new AuditLog(keys.audit, clock), { persons: { keys, at: clock.now() } });
  const app = await buildApp({ config, database, keys, clock, jobs: false, ...(options.logStream ? { logStream: options.logStream } : { logger: false }) });

  const agentWith = (username: string, cookies: Record<string, string>): Agent => {
    const request = (method: Method, url: string, body?: unknown, headers: Record<string, string> = {}) =>
      app.server.inject({
        method,
        url,
        cookies,
        headers: { ...(cookies.qy_csrf && method !== 'GET' ? { 'x-csrf-token': cookies.qy_csrf } : {}), ...headers },
        ...(body === undefined ? {} : { payload: body as object }),
      });
    return {
      username,
      cookies,
      request,
      get: (url) => request('GET', url),
      post: (url, body) => request('POST', url, body),
      put: (url, body) => request('PUT', url, body),
      patch: (url, body) => request('PATCH', url, body),
    };
  };

  const attemptLogin = (username: string, password: string, headers: Record<string, string> = {}) =>
    app.server.inject({ method: 'POST', url: '/api/auth/login', payload: { username, password }, headers });

  return {
    ...app,
    clock,
    database,
    attemptLogin,
    anonymous: () => agentWith('anonymous', {}),
    async login(username, password = DEMO_PASSWORD) {
      const response = await attemptLogin(username, password);
      if (response.statusCode !== 200) throw new Error(`login as ${username} failed: ${response.statusCode} ${response.body}`);
      return agentWith(username, cookiesFrom(response));
    },
    async close() {
      await app.server.close();
      await database.close();
    },
  };
}
