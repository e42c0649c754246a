import { createHmac } from 'node:crypto';
import { sql, type RawBuilder, type Selectable, type Transaction } from 'kysely';
import type { AuditVerification } from '@qingyuan/shared';
import type { AuditEventTable, Database } from '../../db/schema.ts';
import type { Clock } from '../clock.ts';
import type { RequestContext } from '../context.ts';
import type { Db } from '../db/database.ts';
import { canonicalJson } from './canonical-json.ts';

export type Trx = Transaction<Database>;

export interface AuditEntry {
  action: string;
  success?: boolean;
  entityType?: string;
  entityId?: string | null;
  reason?: string | null;
  /** Field names with non-secret before/after values; personal data fields must be given as `'changed'`. */
  changes?: Record<string, unknown> | null;
  /** The account acted as, when there is no session yet (login); overrides the context's actor. */
  subject?: AuditSubject;
}

export interface AuditSubject {
  userId: string | null;
  username: string;
  orgUnitId?: string | null;
  roles?: readonly string[];
}

export const GENESIS_HASH = '0'.repeat(64);
// Serialises chain appends; held only until the surrounding transaction ends.
const AUDIT_LOCK_KEY = 7_240_002;
const VERIFY_BATCH = 1000;

/** The columns a row's hash covers: all but its position and the hashes themselves. */
type ChainedFields = Omit<Selectable<AuditEventTable>, 'seq' | 'prev_hash' | 'hash'>;

/**
 * The insert of one chained row, after `alongside` statements (as data-modifying CTEs, run once whatever the insert
 * does); `onlyOnHead`: only if `prevHash` is the last row's hash, read by this statement's own snapshot.
 */
function insertRow(row: ChainedFields, prevHash: string, hash: string, alongside: readonly RawBuilder<unknown>[], onlyOnHead: boolean): RawBuilder<{ seq: string }> {
  const ctes = alongside.length === 0 ? sql`` : sql`with ${sql.join(alongside.map((s, i) => sql`${sql.ref(`alongside_${i}`)} as (${s})`))} `;
  return sql<{ seq: string }>`${ctes}
    insert into audit_event (occurred_at, actor_id, actor_username, actor_org_unit_id, actor_roles, action, success, entity_type,
      entity_id, request_id, client_ip, reason, changes, prev_hash, hash)
    select ${row.occurred_at}::timestamptz, ${row.actor_id}::uuid, ${row.actor_username}::text, ${row.actor_org_unit_id}::uuid,
      ${row.actor_roles}::text, ${row.action}::text, ${row.success}::boolean, ${row.entity_type}::text, ${row.entity_id}::text,
      ${row.request_id}::text, ${row.client_ip}::text, ${row.reason}::text, ${row.changes}::text, ${prevHash}::text, ${hash}::text
    ${onlyOnHead ? sql`where (select last.hash from audit_event last order by last.seq desc limit 1) = ${prevHash}::text` : sql``}
    returning seq`;
}

/** Append-only, HMAC-chained audit log: each row's hash covers its fields and the previous row's hash. */
export class AuditLog {
  /** Hash of the last row this process inserted (committed or not): a guess at the chain's head, checked on use. */
  #head: string | null = null;

  constructor(
    private readonly key: Buffer,
    private readonly clock: Clock,
  ) {}

  rowHash(prevHash: string, row: ChainedFields): string {
    const body = canonicalJson({ ...row, occurred_at: row.occurred_at.toISOString() });
    return createHmac('sha256', this.key).update(prevHash).update('\n').update(body).digest('hex');
  }

  /**
   * Appends inside the caller's transaction, so the row commits (or not) with the change it records. Everything but
   * the link is prepared before the chain lock is taken; under it: the time, the previous hash, this row's hash, the
   * insert.
   */
  async append(trx: Trx, ctx: RequestContext, entry: AuditEntry): Promise<void> {
    await this.appendWith(trx, ctx, entry, []);
  }

  /**
   * Like `append`, and runs `statements` — data-modifying SQL without a WITH of their own, exactly once — in the
   * same statement as the audit insert, under the chain lock: for a write every request of a kind makes to one row
   * (a counter), whose row lock serialises those requests anyway, so that it adds no round trip to the serialised
   * part. Lock order for such rows: the chain lock first, then the row, in every transaction that takes both.
   */
  async appendWith(trx: Trx, ctx: RequestContext, entry: AuditEntry, statements: readonly RawBuilder<unknown>[]): Promise<void> {
    const actor: AuditSubject | null = entry.subject ?? ctx.actor;
    const fields: Omit<ChainedFields, 'occurred_at'> = {
      actor_id: actor?.userId ?? null,
      actor_username: actor?.username ?? null,
      actor_org_unit_id: actor?.orgUnitId ?? null,
      actor_roles: actor?.roles?.join(',') ?? '',
      action: entry.action,
      success: entry.success ?? true,
      entity_type: entry.entityType ?? null,
      entity_id: entry.entityId ?? null,
      request_id: ctx.requestId,
      client_ip: ctx.clientIp,
      reason: entry.reason ?? null,
      changes: entry.changes ? canonicalJson(entry.changes) : null,
    };
    await sql`select pg_advisory_xact_lock(${AUDIT_LOCK_KEY})`.execute(trx);
    const row: ChainedFields = { occurred_at: this.clock.now(), ...fields };
    let alongside = statements;
    // Most appends follow this process's own previous one: link to it directly, the insert itself checking (under
    // the lock, with a snapshot taken after it) that it is still the chain's last row. Otherwise — another server
    // appended, that transaction rolled back, a fresh start — read the last row and insert as usual.
    const guess = this.#head;
    if (guess !== null) {
      const hash = this.rowHash(guess, row);
      const { rows } = await insertRow(row, guess, hash, alongside, true).execute(trx);
      if (rows.length === 1) {
        this.#head = hash;
        return;
      }
      alongside = []; // they ran with the statement, inserted row or not
    }
    const last = await trx.selectFrom('audit_event').select('hash').orderBy('seq', 'desc').limit(1).executeTakeFirst();
    const anchor = last ? undefined : await trx.selectFrom('audit_anchor').select('hash').executeTakeFirst();
    const prevHash = last?.hash ?? anchor?.hash ?? GENESIS_HASH;
    const hash = this.rowHash(prevHash, row);
    await insertRow(row, prevHash, hash, alongside, false).execute(trx);
    this.#head = hash;
  }

  /** Appends in a transaction of its own (login failures, denials: events with no business change). */
  async appendAlone(db: Db, ctx: RequestContext, entry: AuditEntry): Promise<void> {
    await db.transaction().execute((trx) => this.append(trx, ctx, entry));
  }

  /** Walks the whole chain and reports the first row whose link or content does not verify. */
  async verify(db: Db): Promise<AuditVerification> {
    const anchor = await db.selectFrom('audit_anchor').selectAll().executeTakeFirst();
    let expectedPrev = anchor?.hash ?? GENESIS_HASH;
    let afterSeq = anchor?.after_seq ?? '0';
    let checked = 0;
    for (;;) {
      const rows = await db
        .selectFrom('audit_event')
        .selectAll()
        .where('seq', '>', afterSeq)
        .orderBy('seq')
        .limit(VERIFY_BATCH)
        .execute();
      for (const row of rows) {
        if (row.prev_hash !== expectedPrev) {
          return { ok: false, checked, firstBrokenSeq: row.seq, reason: '链接断裂：前序记录被删除、插入或改动' };
        }
        const { seq: _seq, prev_hash: _prev, hash, ...fields } = row;
        if (this.rowHash(expectedPrev, fields) !== hash) {
          return { ok: false, checked, firstBrokenSeq: row.seq, reason: '内容校验失败：该记录被篡改' };
        }
        expectedPrev = hash;
        afterSeq = row.seq;
        checked++;
      }
      if (rows.length < VERIFY_BATCH) return { ok: true, checked, firstBrokenSeq: null, reason: null };
    }
  }
}
