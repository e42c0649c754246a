import { randomBytes } from 'node:crypto';
import { sql } from 'kysely';
import { connectPostgres, openPGlite, type DatabaseHandle } from '../platform/db/database.ts';
import { migrate } from '../platform/db/migrate.ts';

/**
 * A fresh, migrated database for one test file: in-memory PGlite by default, or a throwaway database
 * on the PostgreSQL server named by DATABASE_URL (created here, dropped on close).
 */
export async function freshDatabase(): Promise<DatabaseHandle> {
  const url = process.env.DATABASE_URL;
  if (!url) {
    const handle = await openPGlite(null);
    await migrate(handle.db);
    return handle;
  }
  const name = `qy_test_${randomBytes(6).toString('hex')}`;
  const admin = connectPostgres(url, 1);
  await sql.raw(`CREATE DATABASE ${name}`).execute(admin.db);
  const target = new URL(url);
  target.pathname = `/${name}`;
  const handle = connectPostgres(target.toString());
  await migrate(handle.db);
  return {
    db: handle.db,
    kind: 'postgres',
    close: async () => {
      await handle.close();
      // pg's Pool.end() resolves before its sockets are gone; give them a moment before forcing.
      for (let attempt = 0; attempt < 20; attempt++) {
        try {
          await sql.raw(`DROP DATABASE IF EXISTS ${name}`).execute(admin.db);
          break;
        } catch {
          await new Promise((resolve) => setTimeout(resolve, 25));
        }
      }
      await sql.raw(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`).execute(admin.db);
      await admin.close();
    },
  };
}
