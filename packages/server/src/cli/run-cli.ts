import { auditPurgeCommand, auditVerifyCommand } from './audit-commands.ts';
import { backupCommand, restoreCommand } from './backup-commands.ts';
import { CliError, UsageError, type CliEnv, type Command } from './command.ts';
import { createUserCommand } from './create-user-command.ts';
import { initCommand } from './init-command.ts';
import { migrateCommand } from './migrate-command.ts';
import { seedDemoCommand } from './seed-demo-command.ts';

export const COMMANDS: readonly Command[] = [
  migrateCommand,
  initCommand,
  createUserCommand,
  seedDemoCommand,
  auditVerifyCommand,
  auditPurgeCommand,
  backupCommand,
  restoreCommand,
];

const HELP_FLAGS = new Set(['--help', '-h']);

export function overview(): string {
  const width = Math.max(...COMMANDS.map((c) => c.name.length));
  return `Usage: qingyuan <command> [options]

Administration of a Qingyuan (清源) instance. The database and keys come from
the same environment as the server: DATABASE_URL (PostgreSQL) or
QINGYUAN_DATA_DIR (embedded PGlite, default ./data), QINGYUAN_KEY_FILE
(default <data dir>/keys.json) or QINGYUAN_KEYS. Stop the server before using
a PGlite data folder.

Commands:
${COMMANDS.map((c) => `  ${c.name.padEnd(width)}  ${c.summary}`).join('\n')}

Run "qingyuan <command> --help" for a command's options.`;
}

function findCommand(words: string[]): Command | undefined {
  const [first = '', second = ''] = words;
  return COMMANDS.find((c) => c.name === `${first} ${second}`) ?? COMMANDS.find((c) => c.name === first);
}

/** Runs one command and returns the process exit code: 0 success, 1 failure or refusal, 2 bad usage. */
export async function runCli(argv: string[], env: CliEnv): Promise<number> {
  const [first] = argv;
  if (first === undefined || HELP_FLAGS.has(first) || first === 'help') {
    const topic = first === 'help' ? findCommand(argv.slice(1)) : undefined;
    (first === undefined ? env.err : env.out)(topic ? topic.help : overview());
    return first === undefined ? 2 : 0;
  }
  const command = findCommand(argv);
  if (!command) {
    const group = COMMANDS.filter((c) => c.name.startsWith(`${first} `));
    env.err(group.length > 0 ? `Usage: ${group.map((c) => `qingyuan ${c.name}`).join(' | ')}` : `unknown command "${first}"`);
    env.err('Run "qingyuan --help" for the list of commands.');
    return 2;
  }
  const args = argv.slice(command.name.split(' ').length);
  if (args.some((a) => HELP_FLAGS.has(a))) {
    env.out(command.help);
    return 0;
  }
  try {
    return await command.run(args, env);
  } catch (error) {
    if (error instanceof UsageError || isParseArgsError(error)) {
      env.err(`qingyuan ${command.name}: ${error.message}`);
      env.err(`Run "qingyuan ${command.name} --help" for usage.`);
      return 2;
    }
    if (error instanceof CliError) {
      env.err(error.message);
      return error.exitCode;
    }
    env.err(`qingyuan ${command.name} failed: ${error instanceof Error ? error.message : String(error)}`);
    return 1;
  }
}

function isParseArgsError(error: unknown): error is Error {
  return error instanceof Error && 'code' in error && typeof error.code === 'string' && error.code.startsWith('ERR_PARSE_ARGS');
}
