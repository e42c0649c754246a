import type { Config } from './platform/config.ts';
import { connectPostgres, openPGlite, type DatabaseHandle } from './platform/db/database.ts';
import { migrate } from './platform/db/migrate.ts';

/** Opens the configured database (PostgreSQL when DATABASE_URL is set, else PGlite in the data folder) and migrates it. */
export async function openDatabase(config: Config): Promise<DatabaseHandle> {
  const handle = config.databaseUrl ? connectPostgres(config.databaseUrl) : await openPGlite(config.dataDir);
  try {
    await migrate(handle.db);
  } catch (error) {
    await handle.close();
    throw error;
  }
  return handle;
}
