import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { gunzipSync } from 'node:zlib';

/** The backup file format: header/trailer lines, line reading and writing, and the AES-256-GCM seal. */
export const BACKUP_FORMAT = 'qingyuan-backup';
export const BACKUP_FORMAT_VERSION = 1;

const MAGIC = Buffer.from('QYBACKUP', 'ascii');
const NONCE_BYTES = 12;
const TAG_BYTES = 16;
const PREFIX_BYTES = MAGIC.length + 1;
const CHUNK_CHARS = 1024 * 1024;

export class BackupError extends Error {}

export interface TableChecksum {
  table: string;
  rows: number;
  /** md5 of the table's row_to_json texts in key order, each followed by a newline. */
  md5: string;
}

export interface ColumnInfo {
  name: string;
  generated: boolean;
  collatable: boolean;
}

export interface TableInfo {
  name: string;
  columns: ColumnInfo[];
  primaryKey: string[];
}

export interface SequenceState {
  name: string;
  lastValue: string;
  isCalled: boolean;
}

export interface BackupHeader {
  format: string;
  version: number;
  createdAt: string;
  migrations: string[];
  tables: { name: string; columns: string[] }[];
}

export interface BackupTrailer {
  tables: TableChecksum[];
  sequences: SequenceState[];
}

export function parseHeader(line: string | null): BackupHeader {
  if (line?.[0] !== 'H') throw new BackupError('备份文件格式错误：缺少文件头');
  const header = JSON.parse(line.slice(1)) as Partial<BackupHeader>;
  if (header.format !== BACKUP_FORMAT || header.version !== BACKUP_FORMAT_VERSION) {
    throw new BackupError(`不支持的备份格式（${String(header.format)} 版本 ${String(header.version)}）`);
  }
  if (!Array.isArray(header.migrations) || !Array.isArray(header.tables) || typeof header.createdAt !== 'string') {
    throw new BackupError('备份文件格式错误：文件头不完整');
  }
  return header as BackupHeader;
}

export function parseTrailer(plaintext: Buffer): BackupTrailer {
  const end = plaintext.length - 1;
  if (end < 1 || plaintext[end] !== 0x0a) throw new BackupError('备份文件不完整：缺少结尾清单');
  const start = plaintext.lastIndexOf(0x0a, end - 1) + 1;
  const line = plaintext.toString('utf8', start, end);
  if (line[0] !== 'Z') throw new BackupError('备份文件不完整：缺少结尾清单');
  const trailer = JSON.parse(line.slice(1)) as Partial<BackupTrailer>;
  if (!Array.isArray(trailer.tables) || !Array.isArray(trailer.sequences)) throw new BackupError('备份文件格式错误：结尾清单不完整');
  return trailer as BackupTrailer;
}

/** Walks the plaintext line by line without turning the whole buffer into one string. */
export class LineReader {
  #offset = 0;
  constructor(private readonly buffer: Buffer) {}
  next(): string | null {
    if (this.#offset >= this.buffer.length) return null;
    let end = this.buffer.indexOf(0x0a, this.#offset);
    if (end < 0) end = this.buffer.length;
    const line = this.buffer.toString('utf8', this.#offset, end);
    this.#offset = end + 1;
    return line;
  }
}

/** Collects lines into ~1 MB buffers (many small strings would cost more than the data). */
export class ChunkWriter {
  readonly #chunks: Buffer[] = [];
  #pending: string[] = [];
  #pendingChars = 0;
  line(text: string): void {
    this.#pending.push(text, '\n');
    this.#pendingChars += text.length + 1;
    if (this.#pendingChars >= CHUNK_CHARS) this.#flush();
  }
  finish(): Buffer {
    this.#flush();
    return Buffer.concat(this.#chunks);
  }
  #flush(): void {
    if (this.#pending.length === 0) return;
    this.#chunks.push(Buffer.from(this.#pending.join(''), 'utf8'));
    this.#pending = [];
    this.#pendingChars = 0;
  }
}

// ---------------------------------------------------------------------------------------------------------
// Encryption

export function seal(key: Buffer, plaintext: Buffer): Buffer {
  const prefix = Buffer.concat([MAGIC, Buffer.from([BACKUP_FORMAT_VERSION])]);
  const nonce = randomBytes(NONCE_BYTES);
  const cipher = createCipheriv('aes-256-gcm', key, nonce);
  cipher.setAAD(prefix);
  const body = Buffer.concat([cipher.update(plaintext), cipher.final()]);
  return Buffer.concat([prefix, nonce, body, cipher.getAuthTag()]);
}

/** Decrypts and decompresses; any flipped byte, truncation or wrong key is refused before the database is touched. */
export function openSealed(key: Buffer, file: Buffer): Buffer {
  if (file.length < PREFIX_BYTES + NONCE_BYTES + TAG_BYTES || !file.subarray(0, MAGIC.length).equals(MAGIC)) {
    throw new BackupError('这不是清源备份文件');
  }
  if (file[MAGIC.length] !== BACKUP_FORMAT_VERSION) throw new BackupError(`不支持的备份文件版本 ${String(file[MAGIC.length])}`);
  const nonce = file.subarray(PREFIX_BYTES, PREFIX_BYTES + NONCE_BYTES);
  const body = file.subarray(PREFIX_BYTES + NONCE_BYTES, file.length - TAG_BYTES);
  const decipher = createDecipheriv('aes-256-gcm', key, nonce);
  decipher.setAAD(file.subarray(0, PREFIX_BYTES));
  decipher.setAuthTag(file.subarray(file.length - TAG_BYTES));
  let compressed: Buffer;
  try {
    compressed = Buffer.concat([decipher.update(body), decipher.final()]);
  } catch {
    throw new BackupError('备份文件校验失败：文件被改动或不完整，或密钥与备份时不同');
  }
  try {
    return gunzipSync(compressed);
  } catch {
    throw new BackupError('备份文件无法解压');
  }
}
