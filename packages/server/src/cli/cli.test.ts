import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { sql } from 'kysely';
import { AuditLog } from '../platform/audit/audit-log.ts';
import { verifyPassword } from '../platform/auth/passwords.ts';
import { DAY, ManualClock } from '../platform/clock.ts';
import { randomKeys } from '../platform/crypto/keys.ts';
import { databaseChecksums, nonEmptyDataTables } from '../platform/db/backup.ts';
import type { Db, DatabaseHandle } from '../platform/db/database.ts';
import { migrationFiles } from '../platform/db/migrate.ts';
import { freshDatabase } from '../testing/test-database.ts';
import { testCliEnv, type TestCliEnv } from './cli-test-env.ts';
import { processCliEnv } from './process-env.ts';
import { runCli } from './run-cli.ts';

const repoRoot = fileURLToPath(new URL('../../../../', import.meta.url));
const NOW = new Date('2026-11-23T02:00:00Z');

async function accounts(db: Db) {
  return db
    .selectFrom('app_user as u')
    .select(['u.id', 'u.username', 'u.display_name', 'u.password_hash', 'u.must_change_password', 'u.org_unit_id'])
    .select(sql<string>`(select string_agg(r.role, ',' order by r.role) from user_role r where r.user_id = u.id)`.as('roles'))
    .orderBy('u.username')
    .execute();
}

async function auditActions(db: Db): Promise<{ seq: string; action: string; actor_id: string | null }[]> {
  return db.selectFrom('audit_event').select(['seq', 'action', 'actor_id']).orderBy('seq').execute();
}

/** Edits audit rows past the append-only trigger, as a superuser attacker would. */
async function asSuperuser(db: Db, statement: ReturnType<typeof sql>): Promise<void> {
  await db.connection().execute(async (conn) => {
    await sql`ALTER TABLE audit_event DISABLE TRIGGER USER`.execute(conn);
    try {
      await statement.execute(conn);
    } finally {
      await sql`ALTER TABLE audit_event ENABLE TRIGGER USER`.execute(conn);
    }
  });
}

describe('qingyuan CLI: usage', () => {
  it('prints help and rejects unknown commands and options with exit code 2', async () => {
    const env = testCliEnv(null as unknown as DatabaseHandle, randomKeys(), new ManualClock(NOW));
    assert.equal(await runCli(['--help'], env), 0);
    assert.match(env.stdout(), /Usage: qingyuan <command>/);
    for (const name of ['migrate', 'init', 'create-user', 'seed-demo', 'audit verify', 'audit purge', 'backup', 'restore']) {
      assert.match(env.stdout(), new RegExp(`\\n  ${name} `), name);
    }
    env.clearOutput();
    assert.equal(await runCli(['create-user', '--help'], env), 0);
    assert.match(env.stdout(), /--role <role>/);
    assert.equal(await runCli(['frobnicate'], env), 2);
    assert.match(env.stderr(), /unknown command "frobnicate"/);
    assert.equal(await runCli(['audit'], env), 2);
    assert.match(env.stderr(), /qingyuan audit verify \| qingyuan audit purge/);
    env.clearOutput();
    assert.equal(await runCli(['migrate', '--bogus'], env), 2);
    assert.match(env.stderr(), /bogus/);
    assert.equal(await runCli(['init'], env), 2);
    assert.match(env.stderr(), /missing --district-name/);
  });
});

describe('qingyuan init and create-user', () => {
  let database: DatabaseHandle;
  let env: TestCliEnv;
  const keys = randomKeys();
  const clock = new ManualClock(NOW);
  before(async () => {
    database = await freshDatabase();
    env = testCliEnv(database, keys, clock);
  });
  after(() => database.close());

  it('init refuses a bad division code and writes nothing', async () => {
    assert.equal(await runCli(['init', '--district-name', '清源区', '--division-code', '34010'], env), 2);
    assert.match(env.stderr(), /6位数字/);
    // Only the reference data its migrations insert (the substance catalogue).
    assert.deepEqual(await nonEmptyDataTables(database.db), []);
  });

  it('init creates the district and the three administrators with one-time passwords, audited', async () => {
    env.clearOutput();
    assert.equal(await runCli(['init', '--district-name', '清源区', '--division-code', '340102'], env), 0);
    const units = await database.db.selectFrom('org_unit').selectAll().execute();
    assert.equal(units.length, 1);
    assert.equal(units[0]!.kind, 'district');
    assert.equal(units[0]!.name, '清源区');
    assert.equal(units[0]!.division_code, '340102');
    assert.equal(units[0]!.parent_id, null);

    const users = await accounts(database.db);
    assert.deepEqual(users.map((u) => [u.username, u.roles]), [['auditor', 'auditor'], ['secadmin', 'secadmin'], ['sysadmin', 'sysadmin']]);
    for (const user of users) {
      assert.equal(user.must_change_password, true);
      assert.equal(user.org_unit_id, units[0]!.id);
      const printed = new RegExp(`${user.username}\\s+\\S+\\s+临时密码：(\\S+)`).exec(env.stdout())?.[1];
      assert.ok(printed, `password of ${user.username} printed`);
      assert.ok(await verifyPassword(user.password_hash, printed));
    }
    const rows = await auditActions(database.db);
    assert.deepEqual(rows.map((r) => r.action), ['system.initialized', 'user.created', 'user.created', 'user.created']);
    assert.ok(rows.every((r) => r.actor_id === null));
    assert.ok((await new AuditLog(keys.audit, clock).verify(database.db)).ok);
  });

  it('init refuses a database that is not empty, writing nothing', async () => {
    const before = await databaseChecksums(database.db);
    env.clearOutput();
    assert.equal(await runCli(['init', '--district-name', '另一区'], env), 1);
    assert.match(env.stderr(), /不是空的/);
    assert.deepEqual(await databaseChecksums(database.db), before);
  });

  it('create-user creates an account that must change its temporary password, audited', async () => {
    env.clearOutput();
    const code = await runCli(['create-user', '--username', 'Zhang.San', '--name', '张三', '--org', '清源区', '--role', 'office', '--role', 'police'], env);
    assert.equal(code, 0, env.stderr());
    const user = (await accounts(database.db)).find((u) => u.username === 'Zhang.San');
    assert.ok(user);
    assert.equal(user.display_name, '张三');
    assert.equal(user.roles, 'office,police');
    assert.equal(user.must_change_password, true);
    const printed = /临时密码：(\S+)/.exec(env.stdout())?.[1];
    assert.ok(printed && (await verifyPassword(user.password_hash, printed)));
    const last = (await auditActions(database.db)).at(-1);
    assert.equal(last?.action, 'user.created');
  });

  it('create-user accepts the org unit id', async () => {
    const root = await database.db.selectFrom('org_unit').select('id').executeTakeFirstOrThrow();
    assert.equal(await runCli(['create-user', '--username', 'li4', '--name', '李四', '--org', root.id, '--role', 'worker'], env), 0);
  });

  it('create-user refuses duplicates (case-insensitive), bad role combinations, bad input and unknown units, writing nothing', async () => {
    const before = await databaseChecksums(database.db);
    const attempts: [string[], number, RegExp][] = [
      [['--username', 'zhang.san', '--name', '张三', '--org', '清源区', '--role', 'office'], 1, /已存在（不区分大小写）/],
      [['--username', 'LI4', '--name', '李四', '--org', '清源区', '--role', 'office'], 1, /已存在/],
      [['--username', 'wang5', '--name', '王五', '--org', '清源区', '--role', 'sysadmin', '--role', 'auditor'], 1, /三员分立/],
      [['--username', 'wang5', '--name', '王五', '--org', '清源区', '--role', 'secadmin', '--role', 'office'], 1, /不能同时持有业务角色/],
      [['--username', 'wang5', '--name', '王五', '--org', '清源区', '--role', 'king'], 2, /unknown role "king"/],
      [['--username', 'wang5', '--name', '王五', '--org', '清源区'], 2, /missing --role/],
      [['--username', 'wang 5', '--name', '王五', '--org', '清源区', '--role', 'office'], 2, /用户名只能包含/],
      [['--username', 'wang5', '--name', '王五', '--org', '不存在的单位', '--role', 'office'], 1, /找不到名为“不存在的单位”的单位/],
      [['--username', 'wang5', '--name', '王五', '--org', '00000000-0000-4000-8000-000000000000', '--role', 'office'], 1, /找不到编号/],
    ];
    for (const [args, code, message] of attempts) {
      env.clearOutput();
      assert.equal(await runCli(['create-user', ...args], env), code, args.join(' '));
      assert.match(env.stderr(), message, args.join(' '));
      assert.doesNotMatch(env.stdout(), /临时密码/);
    }
    assert.deepEqual(await databaseChecksums(database.db), before);
  });
});

describe('qingyuan seed-demo', () => {
  let database: DatabaseHandle;
  let env: TestCliEnv;
  before(async () => {
    database = await freshDatabase();
    env = testCliEnv(database, randomKeys(), new ManualClock(NOW));
  });
  after(() => database.close());

  it('loads the demo district once, then refuses; ambiguous unit names must be given by id', async () => {
    assert.equal(await runCli(['seed-demo'], env), 0);
    assert.match(env.stdout(), /演示密码/);
    const before = await databaseChecksums(database.db);
    assert.equal(await runCli(['seed-demo'], env), 1);
    assert.match(env.stderr(), /不是空的/);
    assert.equal(await runCli(['init', '--district-name', '清源区'], env), 1);
    env.clearOutput();
    assert.equal(await runCli(['create-user', '--username', 'grid1', '--name', '网格员', '--org', '第1网格', '--role', 'worker'], env), 1);
    assert.match(env.stderr(), /个单位名为“第1网格”，请改用单位编号/);
    assert.deepEqual(await databaseChecksums(database.db), before);
  });
});

describe('qingyuan audit verify and audit purge', () => {
  let database: DatabaseHandle;
  let env: TestCliEnv;
  const keys = randomKeys();
  const clock = new ManualClock(new Date(NOW.getTime() - 400 * DAY));
  const audit = new AuditLog(keys.audit, clock);
  const append = (action: string) => audit.appendAlone(database.db, { requestId: 'test', clientIp: null, actor: null }, { action });

  before(async () => {
    database = await freshDatabase();
    env = testCliEnv(database, keys, clock);
  });
  after(() => database.close());

  it('reports an intact chain', async () => {
    for (let i = 1; i <= 5; i++) await append(`test.event_${i}`);
    assert.equal(await runCli(['audit', 'verify'], env), 0);
    assert.equal(env.stdout(), '审计日志完整：共校验 5 条');
  });

  it('reports the seq of a row whose content was changed', async () => {
    const rows = await auditActions(database.db);
    const victim = rows[2]!;
    await asSuperuser(database.db, sql`UPDATE audit_event SET action = 'test.forged' WHERE seq = ${victim.seq}`);
    env.clearOutput();
    assert.equal(await runCli(['audit', 'verify'], env), 1);
    assert.match(env.stderr(), new RegExp(`第 ${victim.seq} 条，内容校验失败`));
    await asSuperuser(database.db, sql`UPDATE audit_event SET action = ${victim.action} WHERE seq = ${victim.seq}`);
    assert.equal(await runCli(['audit', 'verify'], env), 0);
  });

  it('reports the row after a deleted one (broken link), and audit purge then refuses', async () => {
    const rows = await auditActions(database.db);
    await asSuperuser(database.db, sql`DELETE FROM audit_event WHERE seq = ${rows[1]!.seq}`);
    env.clearOutput();
    assert.equal(await runCli(['audit', 'verify'], env), 1);
    assert.match(env.stderr(), new RegExp(`第 ${rows[2]!.seq} 条，链接断裂`));

    clock.advance(400 * DAY);
    const before = await databaseChecksums(database.db);
    assert.equal(await runCli(['audit', 'purge'], env), 1);
    assert.match(env.stderr(), /为保留证据，不执行清理/);
    assert.deepEqual(await databaseChecksums(database.db), before);
  });
});

describe('qingyuan audit purge', () => {
  let database: DatabaseHandle;
  let env: TestCliEnv;
  const keys = randomKeys();
  const clock = new ManualClock(new Date(NOW.getTime() - 400 * DAY));
  const audit = new AuditLog(keys.audit, clock);
  const append = (action: string) => audit.appendAlone(database.db, { requestId: 'test', clientIp: null, actor: null }, { action });

  before(async () => {
    database = await freshDatabase();
    env = testCliEnv(database, keys, clock);
  });
  after(() => database.close());

  it('deletes the expired prefix of the chain, anchors it, and verify still passes', async () => {
    for (let i = 1; i <= 3; i++) await append(`test.old_${i}`);
    clock.advance(300 * DAY);
    await append('test.recent_1');
    // A row stamped older than its predecessor (clock step back) stays: only a prefix of the chain may go.
    clock.advance(-200 * DAY);
    await append('test.old_after_recent');
    clock.advance(300 * DAY);
    await append('test.recent_2');
    const all = await auditActions(database.db);
    clock.advance(100 * DAY);

    assert.equal(await runCli(['audit', 'purge'], env), 0, env.stderr());
    assert.match(env.stdout(), new RegExp(`已清理 3 条.*至第 ${all[2]!.seq} 条`));
    const left = await auditActions(database.db);
    assert.deepEqual(left.map((r) => r.action), ['test.recent_1', 'test.old_after_recent', 'test.recent_2', 'audit.purged']);
    const anchor = await database.db.selectFrom('audit_anchor').selectAll().executeTakeFirstOrThrow();
    const lastPurged = all[2]!;
    assert.equal(anchor.after_seq, lastPurged.seq);
    const firstLeft = await database.db.selectFrom('audit_event').select('prev_hash').where('seq', '=', all[3]!.seq).executeTakeFirstOrThrow();
    assert.equal(anchor.hash, firstLeft.prev_hash);

    env.clearOutput();
    assert.equal(await runCli(['audit', 'verify'], env), 0);
    assert.equal(env.stdout(), '审计日志完整：共校验 4 条');
  });

  it('finds nothing to purge the second time and never goes below 184 days', async () => {
    env.clearOutput();
    assert.equal(await runCli(['audit', 'purge'], env), 0);
    assert.match(env.stdout(), /没有超过保留期/);
    const short = testCliEnv(database, keys, clock, { auditRetentionDays: 100 });
    assert.equal(await runCli(['audit', 'purge'], short), 1);
    assert.match(short.stderr(), /不能少于 184 天/);
  });

  it('refuses to delete audit rows outside the purge command', async () => {
    await assert.rejects(sql`DELETE FROM audit_event`.execute(database.db), /append-only/);
  });
});

describe('the qingyuan executable', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'qy-cli-'));
  after(() => rmSync(dataDir, { recursive: true, force: true }));

  it('runs `qingyuan migrate` on an embedded data folder end to end', () => {
    const { DATABASE_URL: _url, QINGYUAN_KEYS: _keys, ...inherited } = process.env;
    const result = spawnSync(process.execPath, [join(repoRoot, 'packages/server/bin/qingyuan.mjs'), 'migrate'], {
      cwd: repoRoot,
      env: { ...inherited, QINGYUAN_DATA_DIR: dataDir },
      encoding: 'utf8',
      timeout: 120_000,
    });
    assert.equal(result.status, 0, result.stderr);
    assert.match(result.stdout, new RegExp(`已执行 ${String(migrationFiles().length)} 个迁移`));
    assert.match(result.stdout, /0001_foundation/);
  });

  it('explains that the data folder is in use by a running server', async () => {
    // A live process other than this one holds the lock: our parent (the test runner).
    writeFileSync(join(dataDir, 'qingyuan.lock'), String(process.ppid));
    const printed: string[] = [];
    const env = processCliEnv({ QINGYUAN_DATA_DIR: dataDir }, { out: (t) => printed.push(t), err: (t) => printed.push(t) });
    assert.equal(await runCli(['migrate'], env), 1);
    assert.match(printed.join(''), /正被另一个进程使用（清源服务是否正在运行？）/);
  });

  it('refuses to restore without the original key file instead of making a new one', async () => {
    const emptyDir = mkdtempSync(join(tmpdir(), 'qy-cli-'));
    const file = join(emptyDir, 'some.qyb');
    writeFileSync(file, 'not a backup');
    const printed: string[] = [];
    const env = processCliEnv({ QINGYUAN_DATA_DIR: join(emptyDir, 'data') }, { out: (t) => printed.push(t), err: (t) => printed.push(t) });
    assert.equal(await runCli(['restore', file], env), 1);
    assert.match(printed.join(''), /找不到密钥文件/);
    rmSync(emptyDir, { recursive: true, force: true });
  });
});
