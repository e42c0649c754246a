// Cost of the audit hash chain: N business writes, each with an audit row appended in the same transaction
// (AuditLog.append: advisory lock + read of the last hash + HMAC + insert), against the same writes without
// audit, measured in the same run; then AuditLog.verify over every row. 8 concurrent writers on PostgreSQL
// only (PGlite is one connection, so concurrency there is sequential by construction).
//   node --import tsx bench/audit-append.bench.ts
import { randomBytes, randomUUID } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import { sql, type Generated } from 'kysely';
import { AuditLog } from '../packages/server/src/platform/audit/audit-log.ts';
import { systemClock } from '../packages/server/src/platform/clock.ts';
import type { RequestContext } from '../packages/server/src/platform/context.ts';
import { freshDatabase } from '../packages/server/src/testing/test-database.ts';
import { assertLocalDatabase, closeDatabase, describeDatabase, heading, ms, printTable, rate, ratio, throughput, type Throughput } from './support/measure.ts';

const N = 2000;
const WARMUP = 50;
const CONCURRENCY = 8;
const PHASE_BUDGET_MS = 12_000;

/** The scratch "business" table this bench writes to; it lives only in the throwaway database. */
type BenchTables = {
  bench_write: { id: Generated<string>; case_ref: string; note: string; created_at: Generated<Date> };
};

assertLocalDatabase();
const handle = await freshDatabase();
try {
  const { db } = handle;
  const label = await describeDatabase(handle);
  await sql`create table bench_write (
    id bigint generated always as identity primary key,
    case_ref text not null,
    note text not null,
    created_at timestamptz not null default now()
  )`.execute(db);

  const audit = new AuditLog(randomBytes(32), systemClock);
  const subject = { userId: randomUUID(), username: 'bench', orgUnitId: randomUUID(), roles: ['worker'] };
  const ctx = (i: number): RequestContext => ({ requestId: `bench-${i}`, clientIp: '127.0.0.1', actor: null });

  // One business write: a row in its own transaction (what every service call does).
  const plainWrite = (i: number) =>
    db.transaction().execute(async (trx) => {
      await trx.withTables<BenchTables>().insertInto('bench_write').values({ case_ref: `C${i}`, note: '走访记录' }).execute();
    });

  // The same write with its audit row, committed together.
  const auditedWrite = (i: number) =>
    db.transaction().execute(async (trx) => {
      const row = await trx
        .withTables<BenchTables>()
        .insertInto('bench_write')
        .values({ case_ref: `C${i}`, note: '走访记录' })
        .returning('id')
        .executeTakeFirstOrThrow();
      await audit.append(trx, ctx(i), {
        action: 'bench.write',
        subject,
        entityType: 'bench_write',
        entityId: row.id,
        changes: { case_ref: `C${i}`, note: 'changed' },
      });
    });

  for (let i = 0; i < WARMUP; i++) {
    await plainWrite(-i);
    await auditedWrite(-i);
  }

  const results: { name: string; plain: Throughput; audited: Throughput | null }[] = [];
  const seqPlain = await throughput(N, 1, PHASE_BUDGET_MS, (i) => plainWrite(i));
  const seqAudited = await throughput(N, 1, PHASE_BUDGET_MS, (i) => auditedWrite(i));
  results.push({ name: 'sequential', plain: seqPlain, audited: seqAudited });
  if (handle.kind === 'postgres') {
    const parPlain = await throughput(N, CONCURRENCY, PHASE_BUDGET_MS, (i) => plainWrite(N + i));
    const parAudited = await throughput(N, CONCURRENCY, PHASE_BUDGET_MS, (i) => auditedWrite(N + i));
    results.push({ name: `${CONCURRENCY} concurrent`, plain: parPlain, audited: parAudited });
  }

  const chainRows = await db.selectFrom('audit_event').select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow();
  const verifyStart = performance.now();
  const verification = await audit.verify(handle.db);
  const verifyMs = performance.now() - verifyStart;
  if (!verification.ok || String(verification.checked) !== chainRows.n) {
    throw new Error(`chain did not verify: ${JSON.stringify(verification)} over ${chainRows.n} rows`);
  }

  heading('audit append: business write + AuditLog.append vs the same write without audit', label);
  const cell = (t: Throughput): string => `${rate(t.perSecond, 'writes')}${t.cut ? ` (${t.done} in budget)` : ''}`;
  const table: string[][] = [['writers', 'writes', 'plain', 'with audit', 'audited/plain', 'audit cost per write']];
  for (const r of results) {
    const audited = r.audited;
    table.push([
      r.name,
      String(N),
      cell(r.plain),
      audited ? cell(audited) : '—',
      audited ? ratio(audited.perSecond, r.plain.perSecond) : '—',
      audited ? ms(1000 / audited.perSecond - 1000 / r.plain.perSecond) : '—',
    ]);
  }
  if (handle.kind === 'pglite') table.push([`${CONCURRENCY} concurrent`, '—', 'n/a: PGlite is one connection', '', '', '']);
  printTable(table);
  console.log(
    `verify: ${verification.checked} rows in ${ms(verifyMs)} = ${rate((verification.checked * 1000) / verifyMs, 'rows')} (chain ok, batches of 1000)`,
  );
} finally {
  await closeDatabase(handle);
}
