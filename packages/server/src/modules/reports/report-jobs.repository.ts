import { sql } from 'kysely';
import type { ReportJobDto, ReportJobStatus, ReportKind } from '@qingyuan/shared';
import { inScope, type Scope } from '../../platform/access/scope.ts';
import type { Db } from '../../platform/db/database.ts';

/** Finished files kept per unit; older ones are removed when a job finishes. */
export const KEPT_PER_UNIT = 50;

export interface NewReportJob {
  id: string;
  kind: ReportKind;
  orgUnitId: string;
  orgPath: string;
  period: string;
  createdBy: string;
  createdAt: Date;
}

export async function insertJob(db: Db, job: NewReportJob): Promise<void> {
  await db.insertInto('report_job').values({
    id: job.id, kind: job.kind, org_unit_id: job.orgUnitId, org_path: job.orgPath, period: job.period,
    status: 'queued', progress: 0, step: '排队中', created_by: job.createdBy, created_at: job.createdAt,
  }).execute();
}

function jobs(db: Db, scope: Scope) {
  return db
    .selectFrom('report_job as j')
    .innerJoin('org_unit as o', 'o.id', 'j.org_unit_id')
    .leftJoin('app_user as u', 'u.id', 'j.created_by')
    .where((eb) => inScope(eb, 'j.org_path', scope));
}

const COLUMNS = [
  'j.id', 'j.kind', 'j.org_unit_id as orgUnitId', 'o.name as orgUnitName', 'j.period', 'j.status', 'j.progress', 'j.step',
  'j.filename', 'j.size', 'j.error', 'u.display_name as createdBy', 'j.created_at as createdAt', 'j.finished_at as finishedAt',
] as const;

type JobRow = Omit<ReportJobDto, 'createdAt' | 'finishedAt' | 'kind' | 'status'> & { kind: string; status: string; createdAt: Date; finishedAt: Date | null };

function dto(row: JobRow): ReportJobDto {
  return { ...row, kind: row.kind as ReportKind, status: row.status as ReportJobStatus, createdAt: row.createdAt.toISOString(), finishedAt: row.finishedAt?.toISOString() ?? null };
}

export async function listJobs(db: Db, scope: Scope, page: number, pageSize: number): Promise<{ items: ReportJobDto[]; total: number }> {
  const rows = await jobs(db, scope).select(COLUMNS).orderBy('j.created_at', 'desc').orderBy('j.id', 'desc').limit(pageSize).offset((page - 1) * pageSize).execute();
  const count = await jobs(db, scope).select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow();
  return { items: rows.map(dto), total: Number(count.n) };
}

export async function jobInScope(db: Db, scope: Scope, id: string): Promise<(ReportJobDto & { createdById: string | null }) | null> {
  const row = await jobs(db, scope).select([...COLUMNS, 'j.created_by as createdById']).where('j.id', '=', id).executeTakeFirst();
  return row ? { ...dto(row), createdById: row.createdById } : null;
}

export async function fileInScope(db: Db, scope: Scope, id: string): Promise<{ status: string; filename: string | null; file: Uint8Array | null; orgUnitId: string } | null> {
  const row = await db
    .selectFrom('report_job as j')
    .select(['j.status', 'j.filename', 'j.file', 'j.org_unit_id as orgUnitId'])
    .where('j.id', '=', id)
    .where((eb) => inScope(eb, 'j.org_path', scope))
    .executeTakeFirst();
  return row ?? null;
}

/** Progress of a running job; a job no longer running (deleted, or failed by the stale sweep) is left alone. */
export async function setProgress(db: Db, id: string, progress: number, step: string): Promise<void> {
  await db.updateTable('report_job').set({ status: 'running', progress, step }).where('id', '=', id).where('status', 'in', ['queued', 'running']).execute();
}

/** Stores the finished file; false when the job is gone or no longer running. */
export async function finishJob(db: Db, id: string, file: { filename: string; content: Buffer }, at: Date): Promise<boolean> {
  const result = await db
    .updateTable('report_job')
    .set({ status: 'done', progress: 100, step: '已完成', file: file.content, filename: file.filename, size: file.content.length, finished_at: at })
    .where('id', '=', id)
    .where('status', 'in', ['queued', 'running'])
    .executeTakeFirst();
  return Number(result.numUpdatedRows) > 0;
}

export async function failJob(db: Db, id: string, error: string, at: Date): Promise<boolean> {
  const result = await db
    .updateTable('report_job')
    .set({ status: 'failed', step: '生成失败', error, finished_at: at })
    .where('id', '=', id)
    .where('status', 'in', ['queued', 'running'])
    .executeTakeFirst();
  return Number(result.numUpdatedRows) > 0;
}

/** Marks unfinished jobs failed: all of them (server start) or those created before `before`. Returns their ids. */
export async function failUnfinished(db: Db, error: string, at: Date, before?: Date): Promise<string[]> {
  let query = db.updateTable('report_job').set({ status: 'failed', step: '生成失败', error, finished_at: at }).where('status', 'in', ['queued', 'running']);
  if (before) query = query.where('created_at', '<', before);
  const rows = await query.returning('id').execute();
  return rows.map((r) => r.id);
}

/** Removes the finished jobs of a unit beyond the newest KEPT_PER_UNIT; returns the removed ids. */
export async function pruneUnit(db: Db, orgUnitId: string): Promise<string[]> {
  const rows = await db
    .deleteFrom('report_job')
    .where('id', 'in', (eb) => eb
      .selectFrom('report_job')
      .select('id')
      .where('org_unit_id', '=', orgUnitId)
      .where('status', 'in', ['done', 'failed'])
      .orderBy('created_at', 'desc')
      .orderBy('id', 'desc')
      .offset(KEPT_PER_UNIT))
    .returning('id')
    .execute();
  return rows.map((r) => r.id);
}

export async function deleteJob(db: Db, id: string): Promise<void> {
  await db.deleteFrom('report_job').where('id', '=', id).execute();
}

/** Serialises the finishing writes of one unit (keeping and pruning its files). */
export async function lockUnit(db: Db, orgUnitId: string): Promise<void> {
  await sql`SELECT pg_advisory_xact_lock(hashtext(${`report_job:${orgUnitId}`}))`.execute(db);
}

/** An org unit moved: its jobs (and its descendants') follow it, so they stay in the right scope. */
export async function rewritePaths(db: Db, oldPath: string, newPath: string): Promise<void> {
  const rewrite = sql<string>`${newPath} || substr(org_path, ${oldPath.length + 1})`;
  await db.updateTable('report_job').set({ org_path: rewrite }).where((eb) => inScope(eb, 'org_path', { rootPath: oldPath })).execute();
}
