import type { Config } from './config.ts';
import type { Clock } from './clock.ts';
import type { Db } from './db/database.ts';
import type { Keys } from './crypto/keys.ts';
import type { AuditLog } from './audit/audit-log.ts';
import type { SessionStore } from './auth/sessions.ts';

/** The cross-cutting services every module receives at composition time. */
export interface Platform {
  config: Config;
  db: Db;
  dbKind: 'pglite' | 'postgres';
  clock: Clock;
  keys: Keys;
  audit: AuditLog;
  sessions: SessionStore;
}
