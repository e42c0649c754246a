import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { sql } from 'kysely';
import type { Db } from './database.ts';

const MIGRATIONS_DIR = fileURLToPath(new URL('../../db/migrations/', import.meta.url));
// Any constant shared by all instances; serialises concurrent starts.
const MIGRATION_LOCK_KEY = 7_240_001;

export function migrationFiles(): string[] {
  return readdirSync(MIGRATIONS_DIR)
    .filter((f) => /^\d{4}_[a-z0-9_]+\.sql$/.test(f))
    .sort();
}

/** Applies pending forward-only migrations, each in its own transaction. Returns the versions applied. */
export async function migrate(db: Db): Promise<string[]> {
  const applied: string[] = [];
  await db.connection().execute(async (conn) => {
    await sql`select pg_advisory_lock(${MIGRATION_LOCK_KEY})`.execute(conn);
    try {
      await sql.raw(
        'CREATE TABLE IF NOT EXISTS schema_migration (version text PRIMARY KEY, applied_at timestamptz NOT NULL DEFAULT now())',
      ).execute(conn);
      const done = new Set((await conn.selectFrom('schema_migration').select('version').execute()).map((r) => r.version));
      for (const file of migrationFiles()) {
        const version = file.replace(/\.sql$/, '');
        if (done.has(version)) continue;
        const script = readFileSync(MIGRATIONS_DIR + file, 'utf8');
        await sql.raw('BEGIN').execute(conn);
        try {
          await sql.raw(script).execute(conn);
          await conn.insertInto('schema_migration').values({ version }).execute();
          await sql.raw('COMMIT').execute(conn);
        } catch (error) {
          await sql.raw('ROLLBACK').execute(conn);
          throw new Error(`migration ${file} failed: ${(error as Error).message}`, { cause: error });
        }
        applied.push(version);
      }
    } finally {
      await sql`select pg_advisory_unlock(${MIGRATION_LOCK_KEY})`.execute(conn);
    }
  });
  return applied;
}
