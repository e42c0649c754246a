import { parseArgs } from 'node:util';
import { sql } from 'kysely';
import type { AuditVerification } from '@qingyuan/shared';
import { AuditLog } from '../platform/audit/audit-log.ts';
import { DAY } from '../platform/clock.ts';
import { MIN_AUDIT_RETENTION_DAYS } from '../platform/config.ts';
import type { Db } from '../platform/db/database.ts';
import { CliError, withDatabase, type Command } from './command.ts';
import { cliContext, cliReason } from './operator.ts';

export interface PurgeResult {
  cutoff: Date;
  deleted: number;
  /** The last purged seq, now the anchor verification starts after; null when nothing was old enough. */
  throughSeq: string | null;
}

/**
 * Deletes the oldest audit rows past retention — always a prefix of the chain, so rows older than the cutoff that
 * follow a newer row stay — and moves the anchor to the last purged row, so `verify` still passes. One transaction;
 * refuses on a broken chain, since purging could erase the evidence.
 */
export async function purgeExpiredAudit(db: Db, audit: AuditLog, options: { retentionDays: number; now: Date }): Promise<PurgeResult> {
  if (!Number.isInteger(options.retentionDays) || options.retentionDays < MIN_AUDIT_RETENTION_DAYS) {
    throw new CliError(`审计日志保留期不能少于 ${MIN_AUDIT_RETENTION_DAYS} 天（当前 ${options.retentionDays}）`);
  }
  const cutoff = new Date(options.now.getTime() - options.retentionDays * DAY);
  return db.transaction().execute(async (trx) => {
    const check = await audit.verify(trx);
    if (!check.ok) {
      throw new CliError(`审计链已损坏（第 ${check.firstBrokenSeq ?? '?'} 条：${check.reason ?? ''}），为保留证据，不执行清理。`);
    }
    const keepFrom = await trx
      .selectFrom('audit_event')
      .select((eb) => eb.fn.min('seq').as('seq'))
      .where('occurred_at', '>=', cutoff)
      .executeTakeFirst();
    let lastQuery = trx.selectFrom('audit_event').select(['seq', 'hash']).orderBy('seq', 'desc').limit(1);
    if (keepFrom?.seq != null) lastQuery = lastQuery.where('seq', '<', keepFrom.seq);
    const last = await lastQuery.executeTakeFirst();
    if (!last) return { cutoff, deleted: 0, throughSeq: null };

    // The append-only trigger lets DELETE through only with this flag, and only for this transaction.
    await sql`SET LOCAL qingyuan.audit_purge = 'on'`.execute(trx);
    const deleted = await trx.deleteFrom('audit_event').where('seq', '<=', last.seq).executeTakeFirst();
    await trx
      .insertInto('audit_anchor')
      .values({ id: 1, after_seq: last.seq, hash: last.hash })
      .onConflict((oc) => oc.column('id').doUpdateSet({ after_seq: last.seq, hash: last.hash }))
      .execute();
    const count = Number(deleted.numDeletedRows);
    await audit.append(trx, cliContext('audit purge'), {
      action: 'audit.purged',
      entityType: 'audit_event',
      entityId: last.seq,
      reason: cliReason('audit purge'),
      changes: { deleted: count, throughSeq: last.seq, cutoff: cutoff.toISOString(), retentionDays: options.retentionDays },
    });
    return { cutoff, deleted: count, throughSeq: last.seq };
  });
}

export function describeVerification(result: AuditVerification): string {
  if (result.ok) return `审计日志完整：共校验 ${result.checked} 条`;
  return `审计日志校验失败：第 ${result.firstBrokenSeq ?? '?'} 条，${result.reason ?? '原因不明'}（此前 ${result.checked} 条校验通过）`;
}

export const auditVerifyCommand: Command = {
  name: 'audit verify',
  summary: 'Verify the audit log hash chain',
  help: `Usage: qingyuan audit verify

Walks the whole audit log and checks every row's HMAC and its link to the
previous row (from the purge anchor, if any). Exits 0 when intact; otherwise
prints the first broken seq and the reason and exits 1. Needs the same key
file that wrote the chain.`,
  async run(argv, env) {
    parseArgs({ args: argv, options: {}, strict: true });
    const keys = env.loadKeys({ mustExist: true });
    const result = await withDatabase(env, (database) => new AuditLog(keys.audit, env.clock).verify(database.db));
    (result.ok ? env.out : env.err)(describeVerification(result));
    return result.ok ? 0 : 1;
  },
};

export const auditPurgeCommand: Command = {
  name: 'audit purge',
  summary: 'Delete audit rows past the retention period',
  help: `Usage: qingyuan audit purge

Deletes the audit rows older than QINGYUAN_AUDIT_RETENTION_DAYS (default 365,
never below ${MIN_AUDIT_RETENTION_DAYS} days) in one transaction, moves the chain anchor so
\`qingyuan audit verify\` still passes, and records the purge in the audit log.
Refuses when the chain does not verify.`,
  async run(argv, env) {
    parseArgs({ args: argv, options: {}, strict: true });
    const retentionDays = env.config().auditRetentionDays;
    const keys = env.loadKeys({ mustExist: true });
    const result = await withDatabase(env, (database) =>
      purgeExpiredAudit(database.db, new AuditLog(keys.audit, env.clock), { retentionDays, now: env.clock.now() }),
    );
    const before = result.cutoff.toISOString();
    if (result.deleted === 0) {
      env.out(`没有超过保留期（${retentionDays} 天，早于 ${before}）的审计记录。`);
    } else {
      env.out(`已清理 ${result.deleted} 条超过保留期（${retentionDays} 天，早于 ${before}）的审计记录，至第 ${result.throughSeq ?? '?'} 条；校验锚点已更新。`);
    }
    return 0;
  },
};
