import type { Clock } from '../platform/clock.ts';
import { loadConfig, type Config } from '../platform/config.ts';
import type { Keys } from '../platform/crypto/keys.ts';
import type { DatabaseHandle } from '../platform/db/database.ts';
import type { CliEnv } from './command.ts';

export interface TestCliEnv extends CliEnv {
  /** Everything printed to stdout / stderr since the last `clearOutput()`. */
  stdout(): string;
  stderr(): string;
  clearOutput(): void;
}

/** A CLI environment over a test database (left open for the test to close), fixed keys and a test clock. */
export function testCliEnv(database: DatabaseHandle, keys: Keys, clock: Clock, config: Partial<Config> = {}): TestCliEnv {
  let out: string[] = [];
  let err: string[] = [];
  const fullConfig: Config = { ...loadConfig({}), ...config };
  return {
    out: (line) => out.push(line),
    err: (line) => err.push(line),
    config: () => fullConfig,
    clock,
    openDatabase: async () => ({ ...database, close: async () => undefined }),
    loadKeys: () => keys,
    stdout: () => out.join('\n'),
    stderr: () => err.join('\n'),
    clearOutput: () => {
      out = [];
      err = [];
    },
  };
}
