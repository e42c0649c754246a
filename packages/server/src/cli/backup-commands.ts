import { existsSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { basename, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { AuditLog } from '../platform/audit/audit-log.ts';
import { BackupError, createBackup, restoreBackup, type TableChecksum } from '../platform/db/backup.ts';
import { CliError, UsageError, withDatabase, type CliEnv, type Command } from './command.ts';
import { cliContext, cliReason } from './operator.ts';
import { describeDatabase } from './process-env.ts';

function onePath(positionals: string[]): string {
  const [file, ...rest] = positionals;
  if (!file) throw new UsageError('missing <file>');
  if (rest.length > 0) throw new UsageError(`unexpected argument: ${rest.join(' ')}`);
  return resolve(file);
}

const totalRows = (tables: TableChecksum[]): number => tables.reduce((n, t) => n + t.rows, 0);

/** Writes through a temporary name and renames, so a failed backup never leaves a truncated file under the real name. */
function writePrivateFile(file: string, data: Buffer): void {
  const temporary = `${file}.partial-${process.pid}`;
  try {
    writeFileSync(temporary, data, { mode: 0o600 });
    renameSync(temporary, file);
  } catch (error) {
    rmSync(temporary, { force: true });
    throw error;
  }
}

function printTables(env: CliEnv, tables: TableChecksum[]): void {
  const width = Math.max(...tables.map((t) => t.table.length), 4);
  for (const t of tables) env.out(`  ${t.table.padEnd(width)}  ${String(t.rows).padStart(8)} 行  md5 ${t.md5}`);
}

/** Turns a backup refusal into an operator message; anything else stays an unexpected error. */
async function explained<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if (error instanceof BackupError) throw new CliError(error.message);
    throw error;
  }
}

export const backupCommand: Command = {
  name: 'backup',
  summary: 'Write an encrypted logical backup of the database',
  help: `Usage: qingyuan backup <file> [--force]

Writes every table of the database (one consistent snapshot) to <file>:
gzip-compressed and encrypted with AES-256-GCM under the backup key of the
key file, with each table's row count and md5 checksum. The file is created
with mode 0600, and the backup is recorded in the audit log. Restoring it
needs the same key file: keep a copy of the key file somewhere else than the
backups.

Options:
  --force    overwrite <file> if it exists`,
  async run(argv, env) {
    const { values, positionals } = parseArgs({ args: argv, options: { force: { type: 'boolean' } }, allowPositionals: true, strict: true });
    const file = onePath(positionals);
    if (existsSync(file) && !values.force) throw new CliError(`${file} 已存在；如需覆盖请加 --force。`);
    const keys = env.loadKeys({ mustExist: true });
    const { backup, tables } = await withDatabase(env, async (database) => {
      const result = await explained(() => createBackup(database.db, keys.backup, env.clock.now()));
      writePrivateFile(file, result.file);
      // A copy of every record leaves the database: that is an export, and it is audited (SECURITY.md §11).
      await new AuditLog(keys.audit, env.clock).appendAlone(database.db, cliContext('backup'), {
        action: 'system.backup_created',
        reason: cliReason('backup'),
        changes: { file: basename(file), bytes: result.file.length, tables: result.tables.length, rows: totalRows(result.tables) },
      });
      return { backup: result.file, tables: result.tables };
    });
    env.out(`已备份 ${describeDatabase(env.config())} → ${file}`);
    env.out(`${tables.length} 张表，${totalRows(tables)} 行，${(backup.length / 1024).toFixed(1)} KiB（已加密）`);
    printTables(env, tables);
    return 0;
  },
};

export const restoreCommand: Command = {
  name: 'restore',
  summary: 'Restore a backup into an empty database',
  help: `Usage: qingyuan restore <file>

Restores a backup made by \`qingyuan backup\` into the configured database,
which must be empty (a fresh QINGYUAN_DATA_DIR, or a new PostgreSQL database).
Migrates it, loads every table in one transaction, then checks each table's
row count and md5 checksum against the backup; any mismatch rolls everything
back; after the check, the restore is recorded in the audit log. Needs the
key file of the instance that made the backup (set QINGYUAN_KEY_FILE, or copy
it to the data folder as keys.json): the same keys also decrypt personal data
and verify the audit chain.`,
  async run(argv, env) {
    const { positionals } = parseArgs({ args: argv, options: {}, allowPositionals: true, strict: true });
    const file = onePath(positionals);
    if (!existsSync(file)) throw new CliError(`找不到备份文件 ${file}`);
    const backup = readFileSync(file);
    const keys = env.loadKeys({ mustExist: true });
    const report = await withDatabase(env, async (database) => {
      const restored = await explained(() => restoreBackup(database.db, keys.backup, backup));
      // Recorded after the verified restore, so the restored tables themselves equal the backup.
      await new AuditLog(keys.audit, env.clock).appendAlone(database.db, cliContext('restore'), {
        action: 'system.restored',
        reason: cliReason('restore'),
        changes: { file: basename(file), backupCreatedAt: restored.createdAt, tables: restored.tables.length, rows: totalRows(restored.tables) },
      });
      return restored;
    });
    env.out(`已从 ${file}（备份于 ${report.createdAt}）恢复到 ${describeDatabase(env.config())}`);
    env.out(`数据库版本：${report.migrations.join(', ')}`);
    env.out('各表行数与校验和均与备份一致：');
    printTables(env, report.tables);
    return 0;
  },
};
