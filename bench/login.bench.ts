// Login throughput through the full Fastify app (app.server.inject, no sockets): argon2id verification
// dominates. Baseline measured in the same run: GET /healthz through the same app. Also times argon2id
// verification alone, to show how much of a login it is.
//   node --import tsx bench/login.bench.ts
import { setTimeout as sleep } from 'node:timers/promises';
import { hashPassword, verifyPassword } from '../packages/server/src/platform/auth/passwords.ts';
import { DEMO_PASSWORD } from '../packages/server/src/demo/demo-district.ts';
import { startTestApp } from '../packages/server/src/testing/test-app.ts';
import { assertLocalDatabase, describeDatabase, heading, ms, printTable, rate, ratio, throughput, type Throughput } from './support/measure.ts';

const LOGINS = 60;
const HEALTHZ = 3000;
const VERIFIES = 40;
const PARALLEL = 4;
const PHASE_BUDGET_MS = 10_000;
// Distinct accounts for the parallel case: logins on one username queue on its throttle row by design.
const USERS = ['office', 'township', 'worker', 'police'] as const;

assertLocalDatabase();
const app = await startTestApp();
try {
  const label = await describeDatabase(app.database);

  const login = async (i: number, worker: number): Promise<void> => {
    const username = USERS[(worker + i) % USERS.length] ?? 'office';
    const response = await app.attemptLogin(username, DEMO_PASSWORD);
    if (response.statusCode !== 200) throw new Error(`login as ${username} failed: ${response.statusCode} ${response.body}`);
  };
  const healthz = async (): Promise<void> => {
    const response = await app.server.inject({ method: 'GET', url: '/healthz' });
    if (response.statusCode !== 200) throw new Error(`/healthz answered ${response.statusCode}`);
  };
  const hashed = await hashPassword(DEMO_PASSWORD);
  const verify = async (): Promise<void> => {
    if (!(await verifyPassword(hashed, DEMO_PASSWORD))) throw new Error('argon2 verify failed');
  };

  for (let i = 0; i < 4; i++) await login(i, 0);
  for (let i = 0; i < 200; i++) await healthz();
  await verify();

  const phases: { name: string; concurrency: number; login: Throughput; healthz: Throughput; verify: Throughput }[] = [];
  for (const concurrency of [1, PARALLEL]) {
    const h = await throughput(HEALTHZ, concurrency, PHASE_BUDGET_MS / 4, () => healthz());
    const v = await throughput(VERIFIES, concurrency, PHASE_BUDGET_MS / 2, () => verify());
    const l = await throughput(LOGINS, concurrency, PHASE_BUDGET_MS, (i, w) => login(i, w));
    phases.push({ name: concurrency === 1 ? 'sequential' : `${concurrency} in parallel`, concurrency, login: l, healthz: h, verify: v });
  }

  heading('login: POST /api/auth/login via inject vs GET /healthz', label);
  console.log(`argon2id m=19 MiB t=2 p=1; libuv threadpool ${process.env.UV_THREADPOOL_SIZE ?? '4 (default)'}; logins rotate over ${USERS.join(', ')}`);
  const cut = (t: Throughput): string => (t.cut ? ` (${t.done} in budget)` : '');
  const table: string[][] = [['clients', 'logins', 'login', 'per login', '/healthz', 'healthz/login', 'argon2 verify alone', 'verify/login']];
  for (const p of phases) {
    table.push([
      p.name,
      String(p.login.done),
      `${rate(p.login.perSecond, 'logins')}${cut(p.login)}`,
      ms(1000 / p.login.perSecond),
      `${rate(p.healthz.perSecond, 'req')}${cut(p.healthz)}`,
      ratio(p.healthz.perSecond, p.login.perSecond),
      `${rate(p.verify.perSecond, 'verifies')}${cut(p.verify)}`,
      `${Math.round((100 * p.login.perSecond) / p.verify.perSecond)}% of time`,
    ]);
  }
  printTable(table);
  const [seq, par] = phases;
  if (seq && par) console.log(`parallel speed-up: logins ${ratio(par.login.perSecond, seq.login.perSecond)}, argon2 alone ${ratio(par.verify.perSecond, seq.verify.perSecond)}`);
} finally {
  if (app.database.kind === 'postgres') {
    // See closeDatabase() in support/measure.ts: let the pool's sockets close before the database is dropped.
    await app.database.db.destroy();
    await sleep(200);
  }
  await app.close();
}
