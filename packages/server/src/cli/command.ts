import type { Clock } from '../platform/clock.ts';
import type { Config } from '../platform/config.ts';
import type { Keys } from '../platform/crypto/keys.ts';
import type { DatabaseHandle } from '../platform/db/database.ts';

/** What a command may use. The real one reads the environment; tests hand in a test database and capture output. */
export interface CliEnv {
  out: (line: string) => void;
  err: (line: string) => void;
  config(): Config;
  clock: Clock;
  /** Opens the configured database, migrated first unless `migrate` is false. The caller closes it. */
  openDatabase(options?: { migrate?: boolean }): Promise<DatabaseHandle>;
  /** The platform keys; `mustExist` refuses instead of creating a new key file. */
  loadKeys(options?: { mustExist?: boolean }): Keys;
}

export interface Command {
  /** One or two words: `migrate`, `audit verify`. */
  name: string;
  summary: string;
  /** English usage and option text shown by `--help`. */
  help: string;
  run(argv: string[], env: CliEnv): Promise<number>;
}

/** A refusal or failure with a message for the operator; nothing is printed beyond the message. */
export class CliError extends Error {
  constructor(
    message: string,
    readonly exitCode = 1,
  ) {
    super(message);
  }
}

/** Bad arguments: exit code 2, with a pointer to the command's help. */
export class UsageError extends CliError {
  constructor(message: string) {
    super(message, 2);
  }
}

/** Runs `work` with the configured database open and always closes it (PGlite keeps the process alive otherwise). */
export async function withDatabase<T>(env: CliEnv, work: (database: DatabaseHandle) => Promise<T>, options?: { migrate?: boolean }): Promise<T> {
  const database = await env.openDatabase(options);
  try {
    return await work(database);
  } finally {
    await database.close();
  }
}

/** The value of a required string option, trimmed. */
export function required(value: string | undefined, option: string): string {
  const trimmed = value?.trim();
  if (!trimmed) throw new UsageError(`missing --${option}`);
  return trimmed;
}
