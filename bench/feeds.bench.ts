// Partner-feed ingestion throughput (POST /api/feeds/events through the full Fastify app via inject, no sockets):
// signed batches of 1,000 events against a registry of FEEDS_BENCH_PERSONS persons (default 1,000,000 on PostgreSQL,
// 50,000 on in-memory PGlite), 1% of events matching a registered person. Baseline in the same run: the same route
// and batches whose events are all refused before matching (a kind the partner may not send) — signature, parsing,
// validation, the day's count and the audit row, but no blind index and no registry lookup.
// The two phases alternate in rounds, so that the machine's load (printed) weighs on both alike.
// Target of issue #4: ≥ 20,000 events/s on 2 cores — printed, not asserted.
//   DATABASE_URL=postgres://postgres@127.0.0.1:5432/postgres node --import tsx bench/feeds.bench.ts
import { randomUUID } from 'node:crypto';
import { availableParallelism, loadavg } from 'node:os';
import { setTimeout as sleep } from 'node:timers/promises';
import { sql } from 'kysely';
import { composeIdNumber } from '@qingyuan/shared';
import { FieldCipher } from '../packages/server/src/platform/crypto/field-cipher.ts';
import { feedSignature } from '../packages/server/src/modules/feeds/index.ts';
import { startTestApp } from '../packages/server/src/testing/test-app.ts';
import { assertLocalDatabase, describeDatabase, heading, printTable, rate, ratio, throughput } from './support/measure.ts';

const BATCH = 1000;
const MATCH_EVERY = 100; // 1 %
const CONCURRENCY = 2;
const PHASE_BUDGET_MS = 10_000;
const BATCHES = 200;
const ROUNDS = 4;
const CHUNK = 50_000;

assertLocalDatabase();
const app = await startTestApp({ feedRateLimitPerMinute: 1_000_000 });
try {
  const label = await describeDatabase(app.database);
  const persons = Number(process.env.FEEDS_BENCH_PERSONS ?? (app.database.kind === 'postgres' ? 1_000_000 : 50_000));
  const db = app.platform.db;
  const cipher = new FieldCipher(app.platform.keys);
  const unit = await db.selectFrom('org_unit').select(['id', 'path']).where('name', '=', '河畔社区').executeTakeFirstOrThrow();

  // The registry: valid fictional ID numbers (division 340177, unused by the demo), blind index computed here with
  // the app's key exactly as persons do, inserted in chunks with unnest (no ciphertext needed for matching).
  const birth = (k: number): string => new Date(Date.UTC(1960, 0, 1) + k * 86_400_000).toISOString().slice(0, 10);
  const registered = (n: number): string => composeIdNumber('340177', birth(Math.floor(n / 1000)), n % 1000);
  const loadStart = performance.now();
  for (let from = 0; from < persons; from += CHUNK) {
    const n = Math.min(CHUNK, persons - from);
    const ids: string[] = [];
    const hashes: string[] = [];
    const births: string[] = [];
    for (let i = from; i < from + n; i++) {
      const idNumber = registered(i);
      ids.push(randomUUID());
      hashes.push(cipher.index('idNumber', idNumber));
      births.push(birth(Math.floor(i / 1000)));
    }
    await sql`
      insert into person (id, name, id_number_enc, id_hash, birth_date, sex, org_unit_id, org_path)
      select id, '压测人员', 'bench', h, b, 'male', ${unit.id}, ${unit.path}
      from unnest(${ids}::uuid[], ${hashes}::text[], ${births}::date[]) as t(id, h, b)`.execute(db);
  }
  const loadSeconds = (performance.now() - loadStart) / 1000;
  await sql`analyze person`.execute(db);

  const office = await app.login('office');
  const created = await office.post('/api/feeds/partners', { name: '压测旅馆系统', kinds: ['hotel'] });
  if (created.statusCode !== 201) throw new Error(`partner: ${created.body}`);
  const partner = created.json<{ keyId: string; secret: string }>();

  // Unregistered numbers: another birth range of the same division, never in the registry.
  const unregistered = (n: number): string => composeIdNumber('340177', new Date(Date.UTC(1975, 0, 1) + Math.floor(n / 1000) * 86_400_000).toISOString().slice(0, 10), n % 1000);
  let sequence = 0;
  const batch = (kind: string): Buffer => {
    const events = [];
    for (let i = 0; i < BATCH; i++) {
      const n = sequence++;
      const idNumber = n % MATCH_EVERY === 0 ? registered((n * 7919) % persons) : unregistered(n % 200_000);
      events.push({ id: `E-${String(n)}`, kind, time: '2026-11-23T01:30:00+08:00', place: { name: '清源宾馆', address: '河畔路1号' }, idNumber });
    }
    return Buffer.from(JSON.stringify({ events }));
  };
  const post = async (raw: Buffer): Promise<number> => {
    const timestamp = String(Math.floor(app.clock.now().getTime() / 1000));
    const response = await app.server.inject({
      method: 'POST', url: '/api/feeds/events', payload: raw,
      headers: { 'content-type': 'application/json', 'x-qy-key': partner.keyId, 'x-qy-timestamp': timestamp, 'x-qy-signature': feedSignature(partner.secret, timestamp, raw) },
    });
    if (response.statusCode !== 200) throw new Error(`feeds answered ${response.statusCode}: ${response.body.slice(0, 200)}`);
    return response.json<{ results: { status: string }[] }>().results.filter((r) => r.status === 'accepted').length;
  };

  // Bodies are built before timing: the measure is the server's, not JSON.stringify's.
  const warm = [batch('hotel'), batch('logistics')];
  for (const raw of warm) await post(raw);
  const matchingBodies = Array.from({ length: BATCHES }, () => batch('hotel'));
  const baselineBodies = Array.from({ length: BATCHES }, () => batch('logistics'));
  // The phases alternate in rounds (baseline, matching, baseline, …) so that a change in the machine's load during the
  // run weighs on both alike; each phase's figure is its batches over its own time. The load average is printed with them.
  const loadBefore = loadavg()[0] ?? 0;
  let accepted = 0;
  const baseline = { done: 0, elapsedMs: 0 };
  const matching = { done: 0, elapsedMs: 0 };
  const per = BATCHES / ROUNDS;
  for (let round = 0; round < ROUNDS; round++) {
    const b = await throughput(per, CONCURRENCY, PHASE_BUDGET_MS / ROUNDS, async (i) => post(baselineBodies[round * per + i] ?? Buffer.alloc(0)));
    baseline.done += b.done;
    baseline.elapsedMs += b.elapsedMs;
    const m = await throughput(per, CONCURRENCY, PHASE_BUDGET_MS / ROUNDS, async (i) => {
      const n = await post(matchingBodies[round * per + i] ?? Buffer.alloc(0));
      accepted += n; // not `accepted += await …`: that reads the sum before awaiting and loses the other worker's adds
    });
    matching.done += m.done;
    matching.elapsedMs += m.elapsedMs;
  }
  const loadAfter = loadavg()[0] ?? 0;
  const perSecond = (t: { done: number; elapsedMs: number }) => (t.done * 1000) / t.elapsedMs;
  const alerts = await db.selectFrom('alert').select((eb) => eb.fn.countAll<string>().as('n')).where('rule_code', '=', 'partnerFeed').executeTakeFirstOrThrow();

  heading('partner feeds: POST /api/feeds/events, signed batches of 1,000 via inject', label);
  console.log(`registry ${persons.toLocaleString('en')} persons (loaded in ${loadSeconds.toFixed(1)} s); matching share 1%; ${CONCURRENCY} batches in flight; target ≥ 20,000 events/s on 2 cores`);
  console.log(`phases alternating in ${ROUNDS} rounds; load average (1 min) ${loadBefore.toFixed(1)} before, ${loadAfter.toFixed(1)} after, on ${availableParallelism()} cores`);
  const events = (t: { done: number }) => (t.done * BATCH).toLocaleString('en');
  printTable([
    ['phase', 'batches', 'events', 'throughput', 'vs baseline'],
    ['baseline (refused before matching)', String(baseline.done), events(baseline), rate(perSecond(baseline) * BATCH, 'events'), '1×'],
    ['matching 1% (alerts raised)', String(matching.done), events(matching), rate(perSecond(matching) * BATCH, 'events'), ratio(perSecond(matching), perSecond(baseline))],
  ]);
  console.log(`accepted ${accepted.toLocaleString('en')} events; partnerFeed alerts in the database: ${alerts.n}`);
} finally {
  if (app.database.kind === 'postgres') {
    await app.database.db.destroy();
    await sleep(200);
  }
  await app.close();
}
