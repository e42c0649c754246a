import { resolve } from 'node:path';

/** Minimum audit retention: 网络安全法 第二十一条 requires logs kept for at least six months. */
export const MIN_AUDIT_RETENTION_DAYS = 184;

export interface Config {
  port: number;
  host: string;
  /** PostgreSQL connection string; null means embedded PGlite in `dataDir`. */
  databaseUrl: string | null;
  dataDir: string;
  /** Where the key file lives (created with mode 0600 at first start). */
  keyFile: string;
  auditRetentionDays: number;
  /** Serve the built web app from this folder when it exists. */
  webDistDir: string;
  /** Login attempts per client IP per minute before 429. */
  loginRateLimitPerMinute: number;
  /** Signed partner-feed batches per partner key per minute before 429. */
  feedRateLimitPerMinute: number;
  trustProxy: boolean;
  logLevel: string;
  /** How often the indicator snapshot job looks for changed data (docs/indicators.md 规模); default 60 s. */
  indicatorSnapshotSeconds?: number;
}

export class ConfigError extends Error {}

function intFromEnv(env: NodeJS.ProcessEnv, name: string, fallback: number): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value)) throw new ConfigError(`${name} must be an integer, got "${raw}"`);
  return value;
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const dataDir = resolve(env.QINGYUAN_DATA_DIR ?? 'data');
  const config: Config = {
    port: intFromEnv(env, 'PORT', 3000),
    host: env.HOST ?? '0.0.0.0',
    databaseUrl: env.DATABASE_URL || null,
    dataDir,
    keyFile: resolve(env.QINGYUAN_KEY_FILE ?? resolve(dataDir, 'keys.json')),
    auditRetentionDays: intFromEnv(env, 'QINGYUAN_AUDIT_RETENTION_DAYS', 365),
    webDistDir: resolve(env.QINGYUAN_WEB_DIST ?? new URL('../../../web/dist', import.meta.url).pathname),
    loginRateLimitPerMinute: intFromEnv(env, 'QINGYUAN_LOGIN_RATE_LIMIT', 30),
    feedRateLimitPerMinute: intFromEnv(env, 'QINGYUAN_FEED_RATE_LIMIT', 600),
    trustProxy: env.QINGYUAN_TRUST_PROXY === 'true',
    logLevel: env.LOG_LEVEL ?? 'info',
    indicatorSnapshotSeconds: intFromEnv(env, 'QINGYUAN_SNAPSHOT_SECONDS', 60),
  };
  assertConfig(config);
  return config;
}

export function assertConfig(config: Config): void {
  if (config.auditRetentionDays < MIN_AUDIT_RETENTION_DAYS) {
    throw new ConfigError(
      `QINGYUAN_AUDIT_RETENTION_DAYS=${config.auditRetentionDays} is below the legal minimum of ${MIN_AUDIT_RETENTION_DAYS} days (six months); refusing to start`,
    );
  }
}
