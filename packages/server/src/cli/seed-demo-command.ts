import { parseArgs } from 'node:util';
import { DEMO_ACCOUNTS, DEMO_PASSWORD, seedDemoDistrict } from '../demo/demo-district.ts';
import { AuditLog } from '../platform/audit/audit-log.ts';
import { CliError, withDatabase, type Command } from './command.ts';

export const seedDemoCommand: Command = {
  name: 'seed-demo',
  summary: 'Load the demo district (示范区) into an empty database',
  help: `Usage: qingyuan seed-demo

Loads the fictional demo district 示范区 with its demo accounts and about 300
fictional persons into an empty database. The demo accounts share a known password: never use this on a
production install (use \`qingyuan init\` there). Refuses when any org unit
exists.`,
  async run(argv, env) {
    parseArgs({ args: argv, options: {}, strict: true });
    const keys = env.loadKeys();
    return withDatabase(env, async (database) => {
      const seeded = await seedDemoDistrict(database.db, new AuditLog(keys.audit, env.clock), { persons: { keys, at: env.clock.now() }, enforcement: { keys, at: env.clock.now() } });
      if (!seeded) throw new CliError('数据库不是空的（已有组织机构），未加载示范区。');
      env.out('已加载示范区演示数据。');
      env.out(`演示账号（仅供演示）：${DEMO_ACCOUNTS.map((a) => a.username).join(', ')}`);
      env.out(`演示密码：${DEMO_PASSWORD}`);
      if (database.kind === 'postgres') env.out('警告：演示账号的密码是公开的，切勿在生产数据库中保留示范区。');
      return 0;
    });
  },
};
