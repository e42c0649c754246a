import type { IndexComponent } from '@qingyuan/shared';
import { sql } from 'kysely';
import type { Db } from '../../platform/db/database.ts';

export interface SavedIndexConfig {
  version: number;
  components: unknown;
  savedBy: string;
  savedAt: Date;
}

export async function latestConfig(db: Db): Promise<SavedIndexConfig | null> {
  const row = await db
    .selectFrom('situation_index_config as c')
    .innerJoin('app_user as u', 'u.id', 'c.saved_by')
    .select(['c.version', 'c.components', 'u.display_name as savedBy', 'c.saved_at as savedAt'])
    .orderBy('c.version', 'desc')
    .limit(1)
    .executeTakeFirst();
  return row ?? null;
}

/** Inserts the next version; concurrent saves serialise on an advisory lock, so versions never collide. */
export async function insertConfig(db: Db, components: readonly IndexComponent[], savedBy: string): Promise<number> {
  await sql`SELECT pg_advisory_xact_lock(hashtext('situation_index_config'))`.execute(db);
  const last = await db.selectFrom('situation_index_config').select((eb) => eb.fn.max('version').as('v')).executeTakeFirst();
  const version = (last?.v ?? 0) + 1;
  await db.insertInto('situation_index_config').values({ version, components: JSON.stringify(components), saved_by: savedBy }).execute();
  return version;
}
