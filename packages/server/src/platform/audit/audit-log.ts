import { createHmac } from 'node:crypto';
import { sql, type Selectable, type Transaction } from 'kysely';
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

/** Append-only, HMAC-chained audit log: each row's hash covers its fields and the previous row's hash. */
export class AuditLog {
  constructor(
    private readonly key: Buffer,
    private readonly clock: Clock,
  ) {}

  rowHash(prevHash: string, row: ChainedFields): string {
    const body = canonicalJson({ ...row, occurred_at: row.occurred_at.toISOString() });
    return createHmac('sha256', this.key).update(prevHash).update('\n').update(body).digest('hex');
  }

  /** Appends inside the caller's transaction, so the row commits (or not) with the change it records. */
  async append(trx: Trx, ctx: RequestContext, entry: AuditEntry): Promise<void> {
    await sql`select pg_advisory_xact_lock(${AUDIT_LOCK_KEY})`.execute(trx);
    const last = await trx.selectFrom('audit_event').select('hash').orderBy('seq', 'desc').limit(1).executeTakeFirst();
    const anchor = last ? undefined : await trx.selectFrom('audit_anchor').select('hash').executeTakeFirst();
    const prevHash = last?.hash ?? anchor?.hash ?? GENESIS_HASH;
    const actor: AuditSubject | null = entry.subject ?? ctx.actor;
    const row: ChainedFields = {
      occurred_at: this.clock.now(),
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
    await trx
      .insertInto('audit_event')
      .values({ ...row, prev_hash: prevHash, hash: this.rowHash(prevHash, row) })
      .execute();
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
