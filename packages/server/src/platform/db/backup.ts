import { createHash } from 'node:crypto';
import { gzipSync } from 'node:zlib';
import { sql, type Transaction } from 'kysely';
import type { Database } from '../../db/schema.ts';
import type { Db } from './database.ts';
import { migrate } from './migrate.ts';
import {
  BACKUP_FORMAT,
  BACKUP_FORMAT_VERSION,
  BackupError,
  ChunkWriter,
  LineReader,
  openSealed,
  parseHeader,
  parseTrailer,
  seal,
  type BackupHeader,
  type BackupTrailer,
  type SequenceState,
  type TableChecksum,
  type TableInfo,
} from './backup-file.ts';

export { BackupError, type TableChecksum } from './backup-file.ts';

/**
 * Logical, encrypted backups that work the same on PGlite and PostgreSQL (SECURITY.md §28): only SQL through
 * Kysely, no pg_dump. The plaintext is line-oriented (one prefix letter per line):
 *   H{header: format, version, createdAt, migrations, tables with their columns}
 *   T{"table": name}        then one line per row: R<row_to_json text>, or S<JSON string> if the text holds a newline
 *   Z{trailer: per-table row count and md5, sequence states}
 * It is gzip-compressed and sealed with AES-256-GCM: MAGIC | format byte | nonce | ciphertext | tag.
 */

const SCHEMA = 'public';
// Its versions travel in the header; its applied_at differs per install, so its rows are not restored.
const MIGRATION_TABLE = 'schema_migration';
// Reference data that migrations insert (the substance catalogue): every migrated database holds it, so it does not
// make a database "non-empty"; a restore replaces it with the backup's rows, which carry any later additions.
const MIGRATION_DATA_TABLES = new Set(['substance', 'risk_instrument', 'alert_sla', 'indicator_data_version']);
const FETCH_ROWS = 2000;
const INSERT_BATCH_CHARS = 4 * 1024 * 1024;


export interface BackupResult {
  /** The encrypted backup file's bytes. */
  file: Buffer;
  createdAt: string;
  migrations: string[];
  tables: TableChecksum[];
}

export interface RestoreReport {
  createdAt: string;
  migrations: string[];
  tables: TableChecksum[];
}

type Trx = Transaction<Database>;

/** Reads every table of the public schema in one consistent snapshot and returns the encrypted backup. */
export async function createBackup(db: Db, key: Buffer, now: Date = new Date()): Promise<BackupResult> {
  return db
    .transaction()
    .setIsolationLevel('repeatable read')
    .execute(async (trx) => {
      await useStableOutput(trx);
      const tables = await dataTables(trx);
      const header: BackupHeader = {
        format: BACKUP_FORMAT,
        version: BACKUP_FORMAT_VERSION,
        createdAt: now.toISOString(),
        migrations: await appliedMigrations(trx),
        tables: tables.map((t) => ({ name: t.name, columns: t.columns.map((c) => c.name) })),
      };
      const out = new ChunkWriter();
      out.line(`H${JSON.stringify(header)}`);
      const checksums: TableChecksum[] = [];
      for (const table of tables) {
        out.line(`T${JSON.stringify({ table: table.name })}`);
        const sum = new TableSum(table.name);
        await forEachRow(trx, table, (text) => {
          sum.add(text);
          out.line(/[\r\n]/.test(text) ? `S${JSON.stringify(text)}` : `R${text}`);
        });
        checksums.push(sum.result());
      }
      const trailer: BackupTrailer = { tables: checksums, sequences: await sequenceStates(trx) };
      out.line(`Z${JSON.stringify(trailer)}`);
      const file = seal(key, gzipSync(out.finish()));
      return { file, createdAt: header.createdAt, migrations: header.migrations, tables: checksums };
    });
}

/** Row count and md5 of every data table, read in one snapshot; equal before backup and after restore. */
export async function databaseChecksums(db: Db): Promise<TableChecksum[]> {
  return db
    .transaction()
    .setIsolationLevel('repeatable read')
    .execute(async (trx) => {
      await useStableOutput(trx);
      return checksumTables(trx, await dataTables(trx));
    });
}

/**
 * Restores a backup into an empty database (after migrating it) in one transaction: any refusal or mismatch
 * writes nothing. Rows go to constraint-free temporary tables first, then each table is copied with one
 * INSERT … SELECT in foreign-key order; a self-reference is checked at the end of that statement, so no row order
 * and no superuser `session_replication_role` is needed.
 */
export async function restoreBackup(db: Db, key: Buffer, file: Buffer): Promise<RestoreReport> {
  const plaintext = openSealed(key, file);
  const lines = new LineReader(plaintext);
  const header = parseHeader(lines.next());
  const trailer = parseTrailer(plaintext);
  await migrate(db);
  const verified = await db.transaction().execute(async (trx) => {
    await useStableOutput(trx);
    const tables = await dataTables(trx);
    // Nobody writes between the emptiness check and the commit.
    await sql`LOCK TABLE ${sql.join(tables.map((t) => qualified(t.name)))} IN ACCESS EXCLUSIVE MODE`.execute(trx);
    const filled = await nonEmptyTables(trx, tables);
    if (filled.length > 0) {
      throw new BackupError(`目标数据库不是空的（${filled.join('、')} 已有数据）；恢复只能写入空数据库`);
    }
    assertSameSchema(header, await appliedMigrations(trx), tables);
    const byName = new Map(tables.map((t) => [t.name, t]));
    // Nothing references the migration's reference rows yet (every other table is empty): make room for the backup's.
    for (const table of [...tables].reverse()) {
      if (MIGRATION_DATA_TABLES.has(table.name)) await sql`DELETE FROM ${qualified(table.name)}`.execute(trx);
    }

    const stages = new Map<string, ReturnType<typeof sql.id>>();
    for (const [i, table] of tables.entries()) {
      const stage = sql.id(`qy_restore_${i}`);
      stages.set(table.name, stage);
      // Same column types, no constraints: rows may arrive in any order.
      const columns = insertableColumns(table);
      await sql`CREATE TEMP TABLE ${stage} ON COMMIT DROP AS SELECT ${columns} FROM ${qualified(table.name)} WITH NO DATA`.execute(trx);
    }
    const fromFile = await stageRows(trx, lines, byName, stages);
    assertSameChecksums(trailer.tables, fromFile, '备份文件内容与其清单不符');

    for (const table of tables) {
      const stage = stages.get(table.name);
      if (!stage) throw new BackupError(`表 ${table.name} 没有暂存表`);
      const columns = insertableColumns(table);
      await sql`INSERT INTO ${qualified(table.name)} (${columns}) OVERRIDING SYSTEM VALUE SELECT ${columns} FROM ${stage}`.execute(trx);
    }
    for (const seq of trailer.sequences) {
      await sql`SELECT setval(format('%I.%I', ${SCHEMA}::text, ${seq.name}::text)::regclass, ${seq.lastValue}::bigint, ${seq.isCalled})`.execute(trx);
    }
    const restored = await checksumTables(trx, tables);
    assertSameChecksums(trailer.tables, restored, '恢复后的数据与备份清单不符，已回滚');
    return restored;
  });
  return { createdAt: header.createdAt, migrations: header.migrations, tables: verified };
}

/** Tables (other than schema_migration and the reference data migrations insert) that hold at least one row. */
export async function nonEmptyDataTables(db: Db): Promise<string[]> {
  return db.transaction().execute(async (trx) => nonEmptyTables(trx, await dataTables(trx)));
}

// ---------------------------------------------------------------------------------------------------------
// Catalog

const qualified = (table: string) => sql.id(SCHEMA, table);

/** Text output that does not depend on the session: JSON of timestamptz follows TimeZone, so pin it. */
async function useStableOutput(trx: Trx): Promise<void> {
  await sql`SET LOCAL TimeZone = 'UTC'`.execute(trx);
  await sql`SET LOCAL IntervalStyle = 'postgres'`.execute(trx);
  await sql`SET LOCAL bytea_output = 'hex'`.execute(trx);
  await sql`SET LOCAL extra_float_digits = 1`.execute(trx);
}

async function appliedMigrations(trx: Trx): Promise<string[]> {
  const rows = await trx.selectFrom('schema_migration').select('version').execute();
  return rows.map((r) => r.version).sort();
}

/** The public schema's tables with their columns and primary keys, parents before children. */
async function dataTables(trx: Trx): Promise<TableInfo[]> {
  const names = (
    await sql<{ table_name: string }>`
      SELECT table_name FROM information_schema.tables
      WHERE table_schema = ${SCHEMA} AND table_type = 'BASE TABLE'`.execute(trx)
  ).rows
    .map((r) => r.table_name)
    .filter((n) => n !== MIGRATION_TABLE);

  const columns = await sql<{ table_name: string; column_name: string; generated: boolean; collatable: boolean }>`
    SELECT c.relname AS table_name, a.attname AS column_name, a.attgenerated <> '' AS generated, a.attcollation <> 0 AS collatable
    FROM pg_attribute a
    JOIN pg_class c ON c.oid = a.attrelid
    JOIN pg_namespace n ON n.oid = c.relnamespace
    WHERE n.nspname = ${SCHEMA} AND c.relkind = 'r' AND a.attnum > 0 AND NOT a.attisdropped
    ORDER BY c.relname, a.attnum`.execute(trx);

  const keys = await sql<{ table_name: string; column_name: string }>`
    SELECT c.relname AS table_name, a.attname AS column_name
    FROM pg_index i
    JOIN pg_class c ON c.oid = i.indrelid
    JOIN pg_namespace n ON n.oid = c.relnamespace
    CROSS JOIN LATERAL unnest(i.indkey::int2[]) WITH ORDINALITY AS k(attnum, position)
    JOIN pg_attribute a ON a.attrelid = c.oid AND a.attnum = k.attnum
    WHERE n.nspname = ${SCHEMA} AND i.indisprimary
    ORDER BY c.relname, k.position`.execute(trx);

  const references = await sql<{ child: string; parent: string }>`
    SELECT child.relname AS child, parent.relname AS parent
    FROM pg_constraint f
    JOIN pg_class child ON child.oid = f.conrelid
    JOIN pg_class parent ON parent.oid = f.confrelid
    JOIN pg_namespace n ON n.oid = child.relnamespace
    WHERE f.contype = 'f' AND n.nspname = ${SCHEMA}`.execute(trx);

  const tables = new Map<string, TableInfo>(names.map((name) => [name, { name, columns: [], primaryKey: [] }]));
  for (const c of columns.rows) {
    tables.get(c.table_name)?.columns.push({ name: c.column_name, generated: c.generated, collatable: c.collatable });
  }
  for (const k of keys.rows) tables.get(k.table_name)?.primaryKey.push(k.column_name);
  return inDependencyOrder([...tables.values()], references.rows);
}

/** Kahn's algorithm, alphabetical among equals; a self-reference is fine (one INSERT … SELECT checks it at the end). */
export function inDependencyOrder<T extends { name: string }>(tables: T[], references: { child: string; parent: string }[]): T[] {
  const pending = new Map(tables.map((t) => [t.name, t]));
  const parentsOf = new Map<string, Set<string>>(tables.map((t) => [t.name, new Set<string>()]));
  for (const { child, parent } of references) {
    if (child !== parent && pending.has(parent)) parentsOf.get(child)?.add(parent);
  }
  const ordered: T[] = [];
  while (pending.size > 0) {
    const ready = [...pending.keys()].filter((name) => [...(parentsOf.get(name) ?? [])].every((p) => !pending.has(p))).sort();
    const next = ready[0];
    if (next === undefined) throw new BackupError(`外键存在环，无法确定表的顺序：${[...pending.keys()].join(', ')}`);
    const table = pending.get(next);
    if (table) ordered.push(table);
    pending.delete(next);
  }
  return ordered;
}

async function sequenceStates(trx: Trx): Promise<SequenceState[]> {
  const names = await sql<{ name: string }>`
    SELECT c.relname AS name FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
    WHERE n.nspname = ${SCHEMA} AND c.relkind = 'S' ORDER BY c.relname`.execute(trx);
  const states: SequenceState[] = [];
  for (const { name } of names.rows) {
    const state = await sql<{ last_value: string; is_called: boolean }>`
      SELECT last_value::text AS last_value, is_called FROM ${qualified(name)}`.execute(trx);
    const row = state.rows[0];
    if (row) states.push({ name, lastValue: row.last_value, isCalled: row.is_called });
  }
  return states;
}

async function nonEmptyTables(trx: Trx, tables: TableInfo[]): Promise<string[]> {
  const filled: string[] = [];
  for (const table of tables.filter((t) => !MIGRATION_DATA_TABLES.has(t.name))) {
    const result = await sql<{ filled: boolean }>`SELECT EXISTS (SELECT 1 FROM ${qualified(table.name)}) AS filled`.execute(trx);
    if (result.rows[0]?.filled) filled.push(table.name);
  }
  return filled;
}

const insertableColumns = (table: TableInfo) => sql.join(table.columns.filter((c) => !c.generated).map((c) => sql.id(c.name)));

/** A collation-independent order, so PGlite and PostgreSQL (any locale) give the same checksum. */
function stableOrder(table: TableInfo) {
  const byColumn = new Map(table.columns.map((c) => [c.name, c]));
  if (table.primaryKey.length === 0) return sql`row_to_json(t)::text COLLATE "C"`;
  return sql.join(
    table.primaryKey.map((name) => (byColumn.get(name)?.collatable ? sql`${sql.id('t', name)} COLLATE "C"` : sql.id('t', name))),
  );
}

/** Streams a table's rows as row_to_json text through a cursor, so memory stays flat for big tables. */
async function forEachRow(trx: Trx, table: TableInfo, onRow: (text: string) => void): Promise<void> {
  const cursor = sql.id('qy_backup_cursor');
  await sql`DECLARE ${cursor} NO SCROLL CURSOR FOR
    SELECT row_to_json(t)::text AS j FROM ${qualified(table.name)} AS t ORDER BY ${stableOrder(table)}`.execute(trx);
  for (;;) {
    const { rows } = await sql<{ j: string }>`FETCH FORWARD ${sql.raw(String(FETCH_ROWS))} FROM ${cursor}`.execute(trx);
    for (const row of rows) onRow(row.j);
    if (rows.length < FETCH_ROWS) break;
  }
  await sql`CLOSE ${cursor}`.execute(trx);
}

async function checksumTables(trx: Trx, tables: TableInfo[]): Promise<TableChecksum[]> {
  const sums: TableChecksum[] = [];
  for (const table of tables) {
    const sum = new TableSum(table.name);
    await forEachRow(trx, table, (text) => sum.add(text));
    sums.push(sum.result());
  }
  return sums;
}

class TableSum {
  readonly #hash = createHash('md5');
  #rows = 0;
  constructor(readonly table: string) {}
  add(text: string): void {
    this.#hash.update(text, 'utf8').update('\n');
    this.#rows++;
  }
  result(): TableChecksum {
    return { table: this.table, rows: this.#rows, md5: this.#hash.digest('hex') };
  }
}

// ---------------------------------------------------------------------------------------------------------
// Restore helpers

function assertSameSchema(header: BackupHeader, migrations: string[], tables: TableInfo[]): void {
  if (header.migrations.join(',') !== migrations.join(',')) {
    throw new BackupError(
      `备份的数据库版本（迁移 ${header.migrations.join(', ') || '无'}）与当前程序（${migrations.join(', ')}）不一致；请用与备份时相同版本的清源恢复`,
    );
  }
  const inFile = new Map(header.tables.map((t) => [t.name, t.columns.join(',')]));
  const missing = tables.filter((t) => !inFile.has(t.name)).map((t) => t.name);
  const extra = header.tables.filter((t) => !tables.some((x) => x.name === t.name)).map((t) => t.name);
  if (missing.length > 0 || extra.length > 0) {
    throw new BackupError(`备份中的表与数据库不一致（缺少：${missing.join(', ') || '无'}；多出：${extra.join(', ') || '无'}）`);
  }
  for (const table of tables) {
    if (inFile.get(table.name) !== table.columns.map((c) => c.name).join(',')) {
      throw new BackupError(`表 ${table.name} 的列与备份不一致`);
    }
  }
}

async function stageRows(
  trx: Trx,
  lines: LineReader,
  tables: Map<string, TableInfo>,
  stages: Map<string, ReturnType<typeof sql.id>>,
): Promise<TableChecksum[]> {
  const sums: TableChecksum[] = [];
  let current: { table: TableInfo; sum: TableSum } | null = null;
  let batch: string[] = [];
  let batchChars = 0;

  const flush = async (): Promise<void> => {
    if (!current || batch.length === 0) return;
    const stage = stages.get(current.table.name);
    if (!stage) throw new BackupError(`表 ${current.table.name} 没有暂存表`);
    const columns = insertableColumns(current.table);
    const json = `[${batch.join(',')}]`;
    await sql`INSERT INTO ${stage}
      SELECT ${columns} FROM json_populate_recordset(NULL::${qualified(current.table.name)}, ${json}::json)`.execute(trx);
    batch = [];
    batchChars = 0;
  };

  for (let line = lines.next(); line !== null; line = lines.next()) {
    const kind = line[0];
    if (kind === 'R' || kind === 'S') {
      if (!current) throw new BackupError('备份文件格式错误：数据行出现在表之前');
      const text = kind === 'R' ? line.slice(1) : (JSON.parse(line.slice(1)) as string);
      current.sum.add(text);
      batch.push(text);
      batchChars += text.length;
      if (batchChars >= INSERT_BATCH_CHARS) await flush();
    } else if (kind === 'T' || kind === 'Z') {
      await flush();
      if (current) sums.push(current.sum.result());
      current = null;
      if (kind === 'Z') return sums;
      const name = (JSON.parse(line.slice(1)) as { table: string }).table;
      const table = tables.get(name);
      if (!table) throw new BackupError(`备份文件中的表 ${name} 不在数据库中`);
      current = { table, sum: new TableSum(name) };
    } else {
      throw new BackupError('备份文件格式错误：无法识别的行');
    }
  }
  throw new BackupError('备份文件不完整：缺少结尾清单');
}

function assertSameChecksums(expected: TableChecksum[], actual: TableChecksum[], message: string): void {
  const got = new Map(actual.map((t) => [t.table, t]));
  const wrong = expected.filter((e) => {
    const a = got.get(e.table);
    return !a || a.rows !== e.rows || a.md5 !== e.md5;
  });
  if (wrong.length > 0 || expected.length !== actual.length) {
    const names = wrong.map((w) => w.table).join(', ') || '表的数量';
    throw new BackupError(`${message}（${names}）`);
  }
}
