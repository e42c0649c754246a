import { randomBytes } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';

/** The platform's secret keys. Never in the repository: from QINGYUAN_KEYS (JSON) or a 0600 key file made at first start. */
export interface Keys {
  /** Data encryption key (AES-256-GCM) for personal data and TOTP secrets. */
  encryption: Buffer;
  /** Key of the blind index (HMAC-SHA256) for equality search over encrypted values. */
  blindIndex: Buffer;
  /** Key of the audit hash chain (HMAC-SHA256): rewriting the chain needs this key, not just database access. */
  audit: Buffer;
  /** Key that encrypts backups. */
  backup: Buffer;
}

interface KeyFile {
  version: 1;
  encryption: string;
  blindIndex: string;
  audit: string;
  backup: string;
}

const KEY_NAMES = ['encryption', 'blindIndex', 'audit', 'backup'] as const;

function fromKeyFile(file: KeyFile): Keys {
  const keys = {} as Keys;
  for (const name of KEY_NAMES) {
    const key = Buffer.from(file[name], 'base64');
    if (key.length !== 32) throw new Error(`key "${name}" must be 32 bytes (base64)`);
    keys[name] = key;
  }
  return keys;
}

export function generateKeyFile(): KeyFile {
  const b64 = (): string => randomBytes(32).toString('base64');
  return { version: 1, encryption: b64(), blindIndex: b64(), audit: b64(), backup: b64() };
}

/** Loads keys from the environment or the key file, creating the file (mode 0600) when absent. */
export function loadKeys(keyFile: string, env: NodeJS.ProcessEnv = process.env): Keys {
  if (env.QINGYUAN_KEYS) return fromKeyFile(JSON.parse(env.QINGYUAN_KEYS) as KeyFile);
  if (!existsSync(keyFile)) {
    mkdirSync(dirname(keyFile), { recursive: true });
    writeFileSync(keyFile, JSON.stringify(generateKeyFile(), null, 2), { mode: 0o600, flag: 'wx' });
  }
  const mode = statSync(keyFile).mode & 0o777;
  if (mode & 0o077) chmodSync(keyFile, 0o600);
  return fromKeyFile(JSON.parse(readFileSync(keyFile, 'utf8')) as KeyFile);
}

/** Fresh random keys, for tests. */
export function randomKeys(): Keys {
  return fromKeyFile(generateKeyFile());
}
