import type { ImportJob, ImportKind } from '@qingyuan/shared';
import type { Db } from '../../platform/db/database.ts';

/** The import job records, and the few look-ups an import needs to stay idempotent. */

export async function insertJob(db: Db, job: { id: string; kind: ImportKind; dryRun: boolean; createdBy: string; at: Date }): Promise<void> {
  await db.insertInto('import_job').values({ id: job.id, kind: job.kind, dry_run: job.dryRun, created_by: job.createdBy, started_at: job.at }).execute();
}

export async function jobExists(db: Db, id: string): Promise<boolean> {
  return (await db.selectFrom('import_job').select('id').where('id', '=', id).executeTakeFirst()) !== undefined;
}

export async function updateJob(
  db: Db,
  id: string,
  counts: { total: number; processed: number; created: number; skipped: number; failed: number },
  finished?: { status: 'done' | 'failed'; at: Date },
): Promise<void> {
  await db
    .updateTable('import_job')
    .set({
      total_rows: counts.total,
      processed: counts.processed,
      created_rows: counts.created,
      skipped_rows: counts.skipped,
      failed_rows: counts.failed,
      ...(finished ? { status: finished.status, finished_at: finished.at } : {}),
    })
    .where('id', '=', id)
    .execute();
}

/** A job of this user (another user's job looks missing). */
export async function findJob(db: Db, id: string, userId: string): Promise<ImportJob | null> {
  const row = await db.selectFrom('import_job').selectAll().where('id', '=', id).where('created_by', '=', userId).executeTakeFirst();
  if (!row) return null;
  return {
    id: row.id,
    kind: row.kind as ImportKind,
    dryRun: row.dry_run,
    status: row.status as ImportJob['status'],
    total: row.total_rows,
    processed: row.processed,
    created: row.created_rows,
    skipped: row.skipped_rows,
    failed: row.failed_rows,
    startedAt: row.started_at.toISOString(),
    finishedAt: row.finished_at?.toISOString() ?? null,
  };
}

/** A case with this number, wherever it is (numbers are unique across the district, as the cases service enforces). */
export async function caseByNumber(db: Db, caseNumber: string): Promise<{ id: string; orgPath: string } | null> {
  const row = await db.selectFrom('drug_case').select(['id', 'org_path as orgPath']).where('case_number', '=', caseNumber).executeTakeFirst();
  return row ?? null;
}

/** The registered person with this blind index, wherever it is. */
export async function personByHash(db: Db, idHash: string): Promise<{ id: string; orgPath: string } | null> {
  const row = await db.selectFrom('person').select(['id', 'org_path as orgPath']).where('id_hash', '=', idHash).executeTakeFirst();
  return row ?? null;
}

/** Whether this person already has a measure of this kind decided on this date (the key of an imported measure). */
export async function measureExists(db: Db, personId: string, kind: string, decisionDate: string): Promise<boolean> {
  const row = await db
    .selectFrom('measure')
    .select('id')
    .where('person_id', '=', personId)
    .where('kind', '=', kind)
    .where('decision_date', '=', decisionDate)
    .executeTakeFirst();
  return row !== undefined;
}
