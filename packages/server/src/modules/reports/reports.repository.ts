import type { ReportKind, ReportTemplateBody } from '@qingyuan/shared';
import { sql } from 'kysely';
import type { Db } from '../../platform/db/database.ts';

export interface SavedTemplate {
  version: number;
  body: unknown;
  savedBy: string;
  savedAt: Date;
}

export async function latestTemplate(db: Db, kind: ReportKind): Promise<SavedTemplate | null> {
  const row = await db
    .selectFrom('report_template as t')
    .innerJoin('app_user as u', 'u.id', 't.saved_by')
    .select(['t.version', 't.body', 'u.display_name as savedBy', 't.saved_at as savedAt'])
    .where('t.kind', '=', kind)
    .orderBy('t.version', 'desc')
    .limit(1)
    .executeTakeFirst();
  return row ?? null;
}

/** Inserts the next version; concurrent saves serialise on the kind's advisory lock, so versions never collide. */
export async function insertTemplate(db: Db, kind: ReportKind, body: ReportTemplateBody, savedBy: string): Promise<number> {
  await sql`SELECT pg_advisory_xact_lock(hashtext(${`report_template:${kind}`}))`.execute(db);
  const last = await db.selectFrom('report_template').select((eb) => eb.fn.max('version').as('v')).where('kind', '=', kind).executeTakeFirst();
  const version = (last?.v ?? 0) + 1;
  await db.insertInto('report_template').values({ kind, version, body: JSON.stringify(body), saved_by: savedBy }).execute();
  return version;
}
