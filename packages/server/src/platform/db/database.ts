import { mkdirSync, openSync, closeSync, writeFileSync, readFileSync, unlinkSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { Kysely, PostgresDialect } from 'kysely';
import pg from 'pg';
import type { Database } from '../../db/schema.ts';
import { PGliteDialect } from './pglite-dialect.ts';

export type Db = Kysely<Database>;

export interface DatabaseHandle {
  db: Db;
  kind: 'pglite' | 'postgres';
  close(): Promise<void>;
}

// Both drivers return the same JS values: int8 and numeric as exact strings, `date` as 'YYYY-MM-DD'.
const INT8 = 20;
const NUMERIC = 1700;
const DATE = 1082;
const keepText = (value: string): string => value;

pg.types.setTypeParser(pg.types.builtins.INT8, keepText);
pg.types.setTypeParser(pg.types.builtins.NUMERIC, keepText);
pg.types.setTypeParser(pg.types.builtins.DATE, keepText);

export function connectPostgres(url: string, poolSize = 10): DatabaseHandle {
  const pool = new pg.Pool({ connectionString: url, max: poolSize });
  // An idle client can be cut by the server (restart, failover); pg then emits on the pool, which must not crash us.
  pool.on('error', (error) => {
    process.emitWarning(`PostgreSQL idle client error: ${error.message}`);
  });
  const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
  return { db, kind: 'postgres', close: () => db.destroy() };
}

/** Opens embedded PostgreSQL; `dataDir` null means in memory (tests). Takes a lockfile: PGlite does not lock its folder. */
export async function openPGlite(dataDir: string | null): Promise<DatabaseHandle> {
  let releaseLock = (): void => undefined;
  if (dataDir) {
    mkdirSync(dataDir, { recursive: true });
    releaseLock = takeLockfile(join(dataDir, 'qingyuan.lock'));
  }
  const parsers = { [INT8]: keepText, [NUMERIC]: keepText, [DATE]: keepText };
  const pglite = new PGlite(dataDir ? join(dataDir, 'pgdata') : undefined, { parsers });
  await pglite.waitReady;
  const db = new Kysely<Database>({ dialect: new PGliteDialect(pglite, parsers) });
  return {
    db,
    kind: 'pglite',
    close: async () => {
      await db.destroy();
      releaseLock();
    },
  };
}

function takeLockfile(path: string): () => void {
  if (existsSync(path)) {
    const pid = Number(readFileSync(path, 'utf8'));
    if (pid && pid !== process.pid && processAlive(pid)) {
      throw new Error(`the data folder is in use by process ${pid} (${path}); stop it first`);
    }
    unlinkSync(path);
  }
  const fd = openSync(path, 'wx');
  writeFileSync(fd, String(process.pid));
  closeSync(fd);
  return () => {
    try {
      unlinkSync(path);
    } catch {
      /* already gone */
    }
  };
}

function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}
