import { parseArgs } from 'node:util';
import { migrate, migrationFiles } from '../platform/db/migrate.ts';
import { withDatabase, type Command } from './command.ts';
import { describeDatabase } from './process-env.ts';

export const migrateCommand: Command = {
  name: 'migrate',
  summary: 'Apply pending database migrations',
  help: `Usage: qingyuan migrate

Applies the pending forward-only migrations to the configured database
(DATABASE_URL, or the embedded PGlite database in QINGYUAN_DATA_DIR) and
prints the versions applied.`,
  async run(argv, env) {
    parseArgs({ args: argv, options: {}, strict: true });
    const applied = await withDatabase(env, (database) => migrate(database.db), { migrate: false });
    env.out(`数据库：${describeDatabase(env.config())}`);
    if (applied.length === 0) {
      const latest = migrationFiles().at(-1)?.replace(/\.sql$/, '') ?? '—';
      env.out(`没有待执行的迁移，数据库已是最新版本（${latest}）。`);
    } else {
      env.out(`已执行 ${applied.length} 个迁移：`);
      for (const version of applied) env.out(`  ${version}`);
    }
    return 0;
  },
};
