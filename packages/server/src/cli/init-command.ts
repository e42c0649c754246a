import { randomUUID } from 'node:crypto';
import { parseArgs } from 'node:util';
import { ADMIN_ROLES, CreateOrgUnit, ROLE_LABELS, type AdminRole } from '@qingyuan/shared';
import { findRootOrgUnit, insertOrgUnit } from '../modules/orgs/index.ts';
import { insertUser, setUserRoles } from '../modules/users/index.ts';
import { AuditLog } from '../platform/audit/audit-log.ts';
import { generateTemporaryPassword, hashPassword } from '../platform/auth/passwords.ts';
import type { Db } from '../platform/db/database.ts';
import { CliError, UsageError, required, withDatabase, type Command } from './command.ts';
import { cliContext, cliReason } from './operator.ts';

export interface InitOptions {
  districtName: string;
  divisionCode: string | null;
}

export interface InitialAccount {
  id: string;
  username: AdminRole;
  displayName: string;
  temporaryPassword: string;
}

export interface InitResult {
  orgUnitId: string;
  accounts: InitialAccount[];
}

/**
 * Production install on an empty database: the district root and the three separated administrators (三员),
 * each with a one-time password that must be changed at first login. Refuses, writing nothing, when not empty.
 */
export async function initializeInstall(db: Db, audit: AuditLog, options: InitOptions): Promise<InitResult> {
  const name = CreateOrgUnit.shape.name.safeParse(options.districtName);
  if (!name.success) throw new UsageError(`--district-name: ${name.error.issues[0]?.message ?? 'invalid'}`);
  if (options.divisionCode !== null && !/^\d{6}$/.test(options.divisionCode)) {
    throw new UsageError('--division-code: 区县行政区划代码应为6位数字');
  }
  const accounts = ADMIN_ROLES.map((role) => ({ username: role, displayName: ROLE_LABELS[role], temporaryPassword: generateTemporaryPassword() }));
  const hashes = await Promise.all(accounts.map((a) => hashPassword(a.temporaryPassword)));
  const ctx = cliContext('init');
  const reason = cliReason('init');

  return db.transaction().execute(async (trx) => {
    if (await findRootOrgUnit(trx)) throw new CliError('数据库不是空的（已有组织机构），init 只能用于全新安装。');
    const district = await insertOrgUnit(trx, { id: randomUUID(), parent: null, name: name.data, kind: 'district', divisionCode: options.divisionCode });
    await audit.append(trx, ctx, {
      action: 'system.initialized',
      entityType: 'org_unit',
      entityId: district.id,
      reason,
      changes: { name: district.name, kind: district.kind, divisionCode: district.divisionCode, accounts: accounts.map((a) => a.username) },
    });
    const created: InitialAccount[] = [];
    for (const [i, account] of accounts.entries()) {
      const id = await insertUser(trx, {
        username: account.username,
        displayName: account.displayName,
        orgUnitId: district.id,
        passwordHash: hashes[i] ?? '',
        mustChangePassword: true,
      });
      await setUserRoles(trx, id, [account.username]);
      await audit.append(trx, ctx, {
        action: 'user.created',
        entityType: 'user',
        entityId: id,
        reason,
        changes: { username: account.username, displayName: account.displayName, orgUnitId: district.id, roles: [account.username] },
      });
      created.push({ id, ...account });
    }
    return { orgUnitId: district.id, accounts: created };
  });
}

export const initCommand: Command = {
  name: 'init',
  summary: 'Production install: create the district and the three administrators',
  help: `Usage: qingyuan init --district-name <name> [--division-code <6 digits>]

Prepares an empty database for production: creates the root org unit (kind
district) and the three separated administrator accounts sysadmin, secadmin
and auditor (三员分立). Each gets a random temporary password, printed once
here, that must be changed at first login. Refuses when the database already
holds an org unit.

Options:
  --district-name <name>     name of the district or county, e.g. 清源区
  --division-code <code>     its 6-digit administrative division code (optional)`,
  async run(argv, env) {
    const { values } = parseArgs({
      args: argv,
      options: { 'district-name': { type: 'string' }, 'division-code': { type: 'string' } },
      strict: true,
    });
    const options: InitOptions = {
      districtName: required(values['district-name'], 'district-name'),
      divisionCode: values['division-code']?.trim() || null,
    };
    const keys = env.loadKeys();
    const result = await withDatabase(env, (database) => initializeInstall(database.db, new AuditLog(keys.audit, env.clock), options));
    env.out(`已初始化：${options.districtName}${options.divisionCode ? `（${options.divisionCode}）` : ''}`);
    env.out('三员账号的临时密码只显示这一次，请分别交给本人；首次登录必须修改密码：');
    for (const account of result.accounts) {
      env.out(`  ${account.username.padEnd(9)} ${account.displayName}  临时密码：${account.temporaryPassword}`);
    }
    return 0;
  },
};
