import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { request as httpRequest } from 'node:http';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { sql } from 'kysely';
import { AuditLog } from './platform/audit/audit-log.ts';
import { systemClock } from './platform/clock.ts';
import { generateKeyFile, loadKeys } from './platform/crypto/keys.ts';
import { connectPostgres, openPGlite, type DatabaseHandle } from './platform/db/database.ts';
import { migrate } from './platform/db/migrate.ts';
import { DEMO_PASSWORD, seedDemoDistrict } from './demo/demo-district.ts';

/**
 * The real server process (SECURITY.md §27): SIGTERM drains in-flight requests; kill -9 during concurrent writes
 * loses nothing committed and leaves no business row without its audit row.
 */
const MAIN = new URL('./main.ts', import.meta.url).pathname;
const keysJson = JSON.stringify(generateKeyFile());

interface Target {
  env: Record<string, string>;
  open(): Promise<DatabaseHandle>;
  dispose(): Promise<void>;
}

async function prepareTarget(): Promise<Target> {
  const dir = mkdtempSync(join(tmpdir(), 'qy-proc-'));
  const url = process.env.DATABASE_URL;
  if (!url) {
    const open = () => openPGlite(dir);
    const seeded = await open();
    await migrate(seeded.db);
    await seedDemoDistrict(seeded.db, new AuditLog(loadKeys('', { QINGYUAN_KEYS: keysJson }).audit, systemClock));
    await seeded.close();
    return { env: { QINGYUAN_DATA_DIR: dir }, open, dispose: async () => rmSync(dir, { recursive: true, force: true }) };
  }
  const name = `qy_proc_${randomBytes(5).toString('hex')}`;
  const admin = connectPostgres(url, 1);
  await sql.raw(`CREATE DATABASE ${name}`).execute(admin.db);
  const target = new URL(url);
  target.pathname = `/${name}`;
  const open = async () => connectPostgres(target.toString(), 2);
  const seeded = await open();
  await migrate(seeded.db);
  await seedDemoDistrict(seeded.db, new AuditLog(loadKeys('', { QINGYUAN_KEYS: keysJson }).audit, systemClock));
  await seeded.close();
  return {
    env: { DATABASE_URL: target.toString(), QINGYUAN_DATA_DIR: dir },
    open,
    dispose: async () => {
      await sql.raw(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`).execute(admin.db);
      await admin.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

const children: ChildProcess[] = [];

interface LogLine {
  msg?: string;
  req?: { url?: string };
}

/** The server's JSON log lines, with a way to wait until they show something. */
function collectLog(child: ChildProcess): { waitFor(seen: (lines: LogLine[]) => boolean): Promise<void> } {
  const lines: LogLine[] = [];
  const waiters: (() => void)[] = [];
  let pending = '';
  child.stdout?.setEncoding('utf8').on('data', (chunk: string) => {
    pending += chunk;
    const complete = pending.split('\n');
    pending = complete.pop() ?? '';
    for (const line of complete) {
      try {
        lines.push(JSON.parse(line) as LogLine);
      } catch {
        /* the banner and other plain lines */
      }
    }
    for (const wake of waiters.splice(0)) wake();
  });
  child.once('exit', () => {
    for (const wake of waiters.splice(0)) wake();
  });
  return {
    async waitFor(seen) {
      while (!seen(lines)) {
        if (child.exitCode !== null) throw new Error('the server exited while the test waited for its log');
        await new Promise<void>((resolve) => waiters.push(resolve));
      }
    },
  };
}

async function startServer(target: Target, port: number, logLevel = 'warn'): Promise<{ child: ChildProcess; log: ReturnType<typeof collectLog> }> {
  // `node --import tsx` runs the server in this one process (the tsx CLI would add a wrapper process).
  const child = spawn(process.execPath, ['--import', 'tsx', MAIN], {
    env: { ...process.env, ...target.env, PORT: String(port), HOST: '127.0.0.1', QINGYUAN_KEYS: keysJson, QINGYUAN_WEB_DIST: '/nonexistent', LOG_LEVEL: logLevel },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  children.push(child);
  const log = collectLog(child);
  for (let i = 0; i < 300; i++) {
    try {
      if ((await fetch(`http://127.0.0.1:${port}/readyz`)).ok) return { child, log };
    } catch {
      /* not listening yet */
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  child.kill('SIGKILL');
  throw new Error('server did not become ready');
}

const exited = (child: ChildProcess) => new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));

async function loginCookies(base: string): Promise<{ cookie: string; csrf: string }> {
  const response = await fetch(`${base}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username: 'office', password: DEMO_PASSWORD }),
  });
  assert.equal(response.status, 200);
  const cookies = response.headers.getSetCookie().map((c) => c.split(';')[0] ?? '');
  const csrf = cookies.find((c) => c.startsWith('qy_csrf='))?.slice('qy_csrf='.length) ?? '';
  return { cookie: cookies.join('; '), csrf };
}

describe('the server process', () => {
  let target: Target;
  // A random high port; the suite runs on 127.0.0.1 only.
  const port = 3400 + Math.floor(Math.random() * 500);
  const base = `http://127.0.0.1:${port}`;
  before(async () => {
    target = await prepareTarget();
  });
  after(async () => {
    // A failed assertion must not leave a server running (it would hold the test process open).
    for (const child of children) if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
    await target.dispose();
  });

  it('drains in-flight requests on SIGTERM and exits 0', { timeout: 60_000 }, async () => {
    const { child, log } = await startServer(target, port, 'info');
    const exit = exited(child);
    // Each login sends its headers and half its body, so the server has the request in hand and cannot finish it
    // until the client sends the rest: the requests are in flight by construction, not by timing.
    const body = JSON.stringify({ username: 'police', password: DEMO_PASSWORD });
    const half = Math.floor(body.length / 2);
    const inFlight = Array.from({ length: 6 }, () => {
      const request = httpRequest(`${base}/api/auth/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'content-length': String(Buffer.byteLength(body)) },
      });
      const status = new Promise<number>((resolve, reject) => {
        request.once('response', (response) => {
          response.resume();
          response.once('end', () => resolve(response.statusCode ?? 0));
        });
        request.once('error', reject);
      });
      request.write(body.slice(0, half));
      return { request, status };
    });
    await log.waitFor((lines) => lines.filter((l) => l.msg === 'incoming request' && l.req?.url === '/api/auth/login').length === inFlight.length);
    child.kill('SIGTERM');
    await log.waitFor((lines) => lines.some((l) => l.msg === 'draining in-flight requests'));
    for (const { request } of inFlight) request.end(body.slice(half));
    const statuses = await Promise.all(inFlight.map((r) => r.status));
    assert.deepEqual(statuses, statuses.map(() => 200), `every in-flight login finished: ${statuses.join(',')}`);
    assert.equal(await exit, 0);
    // Once draining, the server takes no new connection.
    await assert.rejects(fetch(`${base}/readyz`));
  });

  it('after kill -9 during concurrent writes keeps every committed org unit with its audit row, and a valid chain', { timeout: 60_000 }, async () => {
    const { child } = await startServer(target, port);
    const exit = exited(child);
    const { cookie, csrf } = await loginCookies(base);
    const orgs = (await (await fetch(`${base}/api/orgs`, { headers: { cookie } })).json()) as { items: { id: string; name: string }[] };
    const parentId = orgs.items.find((o) => o.name === '柳河镇')?.id ?? '';
    const acknowledged: string[] = [];
    const writes = Array.from({ length: 40 }, (_, i) =>
      fetch(`${base}/api/orgs`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', cookie, 'x-csrf-token': csrf },
        body: JSON.stringify({ parentId, name: `断电测试村${i}`, kind: 'village' }),
      })
        .then(async (r) => {
          if (r.status === 201) acknowledged.push(((await r.json()) as { id: string }).id);
        })
        .catch(() => undefined),
    );
    // Kill once some writes are acknowledged and others are still in flight.
    for (let i = 0; i < 500 && acknowledged.length < 5; i++) await new Promise((resolve) => setTimeout(resolve, 20));
    assert.ok(acknowledged.length >= 5, 'writes were acknowledged before the kill');
    child.kill('SIGKILL');
    await Promise.all(writes);
    await exit;

    const db = await target.open();
    try {
      const rows = await db.db.selectFrom('org_unit').select('id').where('name', 'like', '断电测试村%').execute();
      const ids = new Set(rows.map((r) => r.id));
      for (const id of acknowledged) assert.ok(ids.has(id), `acknowledged write ${id} survived`);
      const audited = await db.db.selectFrom('audit_event').select('entity_id').where('action', '=', 'org.created').execute();
      const auditedIds = new Set(audited.map((a) => a.entity_id));
      for (const id of ids) assert.ok(auditedIds.has(id), `org unit ${id} has its audit row`);
      const verification = await new AuditLog(loadKeys('', { QINGYUAN_KEYS: keysJson }).audit, systemClock).verify(db.db);
      assert.equal(verification.ok, true, JSON.stringify(verification));
    } finally {
      await db.close();
    }
  });
});
