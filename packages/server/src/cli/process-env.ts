import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { systemClock } from '../platform/clock.ts';
import { ConfigError, loadConfig, type Config } from '../platform/config.ts';
import { loadKeys } from '../platform/crypto/keys.ts';
import { connectPostgres, openPGlite, type DatabaseHandle } from '../platform/db/database.ts';
import { openDatabase } from '../runtime.ts';
import { CliError, type CliEnv } from './command.ts';

/** The CLI's environment from process variables: DATABASE_URL / QINGYUAN_DATA_DIR / QINGYUAN_KEY_FILE like the server. */
export function processCliEnv(
  vars: NodeJS.ProcessEnv = process.env,
  write: { out(text: string): void; err(text: string): void } = {
    out: (text) => process.stdout.write(text),
    err: (text) => process.stderr.write(text),
  },
): CliEnv {
  let config: Config | null = null;
  const getConfig = (): Config => {
    try {
      config ??= loadConfig(vars);
    } catch (error) {
      if (error instanceof ConfigError) throw new CliError(`配置错误 / configuration error: ${error.message}`);
      throw error;
    }
    return config;
  };

  return {
    out: (line) => write.out(`${line}\n`),
    err: (line) => write.err(`${line}\n`),
    config: getConfig,
    clock: systemClock,
    async openDatabase(options) {
      const cfg = getConfig();
      try {
        if (options?.migrate === false) return await openUnmigrated(cfg);
        return await openDatabase(cfg);
      } catch (error) {
        throw explainOpenFailure(cfg, error);
      }
    },
    loadKeys(options) {
      const cfg = getConfig();
      if (options?.mustExist && !vars.QINGYUAN_KEYS && !existsSync(cfg.keyFile)) {
        throw new CliError(
          `找不到密钥文件 ${cfg.keyFile}。请把原实例的密钥文件放到这里（或用 QINGYUAN_KEY_FILE 指定）；新生成的密钥无法解开已有的备份和审计链。\n` +
            `Key file not found: ${cfg.keyFile}. Copy the original instance's key file there or set QINGYUAN_KEY_FILE.`,
        );
      }
      return loadKeys(cfg.keyFile, vars);
    },
  };
}

async function openUnmigrated(config: Config): Promise<DatabaseHandle> {
  return config.databaseUrl ? connectPostgres(config.databaseUrl, 2) : openPGlite(config.dataDir);
}

/** A readable description of where the data lives, without credentials. */
export function describeDatabase(config: Config): string {
  if (!config.databaseUrl) return `PGlite（${join(config.dataDir, 'pgdata')}）`;
  try {
    const url = new URL(config.databaseUrl);
    return `PostgreSQL（${url.hostname}${url.port ? `:${url.port}` : ''}${url.pathname}）`;
  } catch {
    return 'PostgreSQL';
  }
}

function explainOpenFailure(config: Config, error: unknown): Error {
  const message = error instanceof Error ? error.message : String(error);
  if (/in use by process/.test(message)) {
    return new CliError(
      `数据目录 ${config.dataDir} 正被另一个进程使用（清源服务是否正在运行？）。请先停止服务再执行此命令。\n${message}`,
    );
  }
  return new CliError(`无法打开数据库 ${describeDatabase(config)}：${message}`);
}
