import { sql } from 'kysely';
import type { Db } from './database.ts';

/**
 * Runs scheduled work on one server at a time: a session advisory lock on PostgreSQL (pg_try_advisory_lock, released
 * at the end or when the connection dies); PGlite is one process, so an in-process flag per key. Null when another
 * run holds the lock.
 */
export class ExclusiveRunner {
  #running = false;

  constructor(private readonly db: Db, private readonly kind: 'pglite' | 'postgres', private readonly lockKey: number) {}

  async run<T>(work: () => Promise<T>): Promise<T | null> {
    if (this.kind === 'pglite') {
      if (this.#running) return null;
      this.#running = true;
      try {
        return await work();
      } finally {
        this.#running = false;
      }
    }
    return this.db.connection().execute(async (conn) => {
      const { rows } = await sql<{ locked: boolean }>`select pg_try_advisory_lock(${this.lockKey}) as locked`.execute(conn);
      if (!rows[0]?.locked) return null;
      try {
        return await work();
      } finally {
        await sql`select pg_advisory_unlock(${this.lockKey})`.execute(conn);
      }
    });
  }
}
