import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import { sql, type KyselyPlugin } from 'kysely';
import { freshDatabase } from '../../testing/test-database.ts';
import { ManualClock } from '../clock.ts';
import { systemContext, type RequestContext } from '../context.ts';
import type { DatabaseHandle, Db } from '../db/database.ts';
import { AuditLog } from './audit-log.ts';

/** Records the kind of every query node run through the wrapped database. */
function recorder(): { plugin: KyselyPlugin; kinds: string[] } {
  const kinds: string[] = [];
  return {
    kinds,
    plugin: {
      transformQuery: (args) => {
        kinds.push(args.node.kind);
        return args.node;
      },
      transformResult: async (args) => args.result,
    },
  };
}

describe('audit log: appends link to the chain head, whoever appended last', () => {
  let database: DatabaseHandle;
  const key = randomBytes(32);
  const clock = new ManualClock(new Date('2026-11-23T02:00:00Z'));
  const ctx: RequestContext = systemContext('audit-log-test');
  const append = (log: AuditLog, db: Db, n: number) =>
    db.transaction().execute((trx) => log.append(trx, ctx, { action: 'test.append', entityType: 'test', entityId: String(n), changes: { n } }));

  before(async () => {
    database = await freshDatabase();
  });
  after(() => database.close());

  it('links each append to the last row: two servers in turn, a rolled-back append, concurrent appends', async () => {
    const db = database.db;
    const a = new AuditLog(key, clock);
    const b = new AuditLog(key, clock);
    await append(a, db, 1);
    await append(a, db, 2);
    await append(b, db, 3); // b's first: reads the head a wrote
    await append(a, db, 4); // a's guess (its row 2) is stale: row 3 is the head
    await append(b, db, 5);
    // a appends, then its transaction rolls back: a's guess names a row that never committed.
    await assert.rejects(db.transaction().execute(async (trx) => {
      await a.append(trx, ctx, { action: 'test.rolled_back' });
      throw new Error('roll back');
    }), /roll back/);
    await append(a, db, 6);
    await Promise.all([7, 8, 9, 10, 11, 12].map((n) => append(n % 2 ? a : b, db, n)));

    const verification = await a.verify(db);
    assert.deepEqual(verification, { ok: true, checked: 12, firstBrokenSeq: null, reason: null });
    const rows = await db.selectFrom('audit_event').select(['action', 'prev_hash', 'hash']).orderBy('seq').execute();
    assert.equal(rows.length, 12);
    assert.ok(!rows.some((r) => r.action === 'test.rolled_back'), 'the rolled-back row is not there');
    rows.forEach((r, i) => {
      if (i > 0) assert.equal(r.prev_hash, rows[i - 1]?.hash, `row ${i + 1} links to row ${i}`);
    });
  });

  it('appendWith runs the caller’s statements exactly once, whichever way the row is linked', async () => {
    const db = database.db;
    await sql`create table audit_log_test_counter (id integer primary key, n integer not null)`.execute(db);
    const bump = () => [sql`insert into audit_log_test_counter (id, n) values (1, 1) on conflict (id) do update set n = audit_log_test_counter.n + 1`];
    const counter = async () => (await sql<{ n: number }>`select n from audit_log_test_counter where id = 1`.execute(db)).rows[0]?.n;
    const withBump = (log: AuditLog) => db.transaction().execute((trx) => log.appendWith(trx, ctx, { action: 'test.counted' }, bump()));
    const a = new AuditLog(key, clock);
    const b = new AuditLog(key, clock);
    await withBump(a); // no guess yet: reads the head
    assert.equal(await counter(), 1);
    await append(b, db, 200);
    await withBump(a); // stale guess: the statements run with the refused insert, not again with the second one
    assert.equal(await counter(), 2);
    await withBump(a); // good guess
    assert.equal(await counter(), 3);
    assert.equal((await a.verify(db)).ok, true);
  });

  it('skips reading the last row when its own previous append is still the head', async () => {
    const { plugin, kinds } = recorder();
    const db = database.db.withPlugin(plugin);
    const log = new AuditLog(key, clock);
    await append(log, db, 100);
    assert.ok(kinds.includes('SelectQueryNode'), 'a fresh log reads the head');
    kinds.length = 0;
    await append(log, db, 101);
    assert.ok(!kinds.includes('SelectQueryNode'), `the next append inserts on its own guess: ${kinds.join(', ')}`);
    assert.equal((await log.verify(database.db)).ok, true);
  });
});
