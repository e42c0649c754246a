import { parseArgs } from 'node:util';
import { CreateUser, ROLES, roleCombinationProblem, Username, type OrgUnit, type Role } from '@qingyuan/shared';
import { findOrgUnitById, findOrgUnitsByName } from '../modules/orgs/index.ts';
import { insertUser, setUserRoles, usernameTaken } from '../modules/users/index.ts';
import { AuditLog } from '../platform/audit/audit-log.ts';
import { generateTemporaryPassword, hashPassword } from '../platform/auth/passwords.ts';
import type { Db } from '../platform/db/database.ts';
import { CliError, UsageError, required, withDatabase, type Command } from './command.ts';
import { cliContext, cliReason } from './operator.ts';

export interface NewAccount {
  username: string;
  displayName: string;
  /** Org unit id, or its exact name when that name is unique. */
  org: string;
  roles: string[];
}

export interface CreatedAccount {
  id: string;
  username: string;
  displayName: string;
  org: OrgUnit;
  roles: Role[];
  temporaryPassword: string;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Creates an account with a one-time password that must be changed at first login. Refusals write nothing. */
export async function createAccount(db: Db, audit: AuditLog, input: NewAccount): Promise<CreatedAccount> {
  const username = Username.safeParse(input.username);
  if (!username.success) throw new UsageError(`--username: ${username.error.issues[0]?.message ?? 'invalid'}`);
  const displayName = CreateUser.shape.displayName.safeParse(input.displayName);
  if (!displayName.success) throw new UsageError(`--name: ${displayName.error.issues[0]?.message ?? 'invalid'}`);
  const roles = parseRoles(input.roles);

  const temporaryPassword = generateTemporaryPassword();
  const passwordHash = await hashPassword(temporaryPassword);
  return db.transaction().execute(async (trx) => {
    const org = await resolveOrg(trx, input.org);
    if (!org.active) throw new CliError(`单位“${org.name}”已停用，不能在其下创建账号。`);
    if (await usernameTaken(trx, username.data)) throw new CliError(`用户名 ${username.data} 已存在（不区分大小写）。`);
    const id = await insertUser(trx, { username: username.data, displayName: displayName.data, orgUnitId: org.id, passwordHash, mustChangePassword: true });
    await setUserRoles(trx, id, roles);
    await audit.append(trx, cliContext('create-user'), {
      action: 'user.created',
      entityType: 'user',
      entityId: id,
      reason: cliReason('create-user'),
      changes: { username: username.data, displayName: displayName.data, orgUnitId: org.id, roles },
    });
    return { id, username: username.data, displayName: displayName.data, org, roles, temporaryPassword };
  });
}

function parseRoles(given: string[]): Role[] {
  if (given.length === 0) throw new UsageError('missing --role (give at least one)');
  const roles: Role[] = [];
  for (const raw of given) {
    const role = ROLES.find((r) => r === raw.trim());
    if (!role) throw new UsageError(`--role: unknown role "${raw}" (one of ${ROLES.join(', ')})`);
    if (!roles.includes(role)) roles.push(role);
  }
  const problem = roleCombinationProblem(roles);
  if (problem) throw new CliError(`角色组合不允许：${problem}`);
  return roles;
}

async function resolveOrg(db: Db, org: string): Promise<OrgUnit> {
  if (UUID.test(org)) {
    const unit = await findOrgUnitById(db, org);
    if (!unit) throw new CliError(`找不到编号为 ${org} 的单位。`);
    return unit;
  }
  const units = await findOrgUnitsByName(db, org);
  const [unit, ...others] = units;
  if (!unit) throw new CliError(`找不到名为“${org}”的单位。`);
  if (others.length > 0) {
    throw new CliError(`有 ${units.length} 个单位名为“${org}”，请改用单位编号：\n${units.map((u) => `  ${u.id}  ${u.path}`).join('\n')}`);
  }
  return unit;
}

export const createUserCommand: Command = {
  name: 'create-user',
  summary: 'Create an account with a one-time password',
  help: `Usage: qingyuan create-user --username <name> --name <display name> --org <org unit> --role <role> [--role <role>…]

Creates an account with a random temporary password, printed once here, that
must be changed at first login. Usernames are unique case-insensitively; an
account holds at most one of sysadmin / secadmin / auditor and no business
role beside it (三员分立).

Options:
  --username <name>    login name: 3–64 letters, digits, . _ -
  --name <text>        display name, e.g. 张三
  --org <org unit>     org unit id, or its exact name when unique
  --role <role>        repeatable; one of ${ROLES.join(', ')}`,
  async run(argv, env) {
    const { values } = parseArgs({
      args: argv,
      options: {
        username: { type: 'string' },
        name: { type: 'string' },
        org: { type: 'string' },
        role: { type: 'string', multiple: true },
      },
      strict: true,
    });
    const input: NewAccount = {
      username: required(values.username, 'username'),
      displayName: required(values.name, 'name'),
      org: required(values.org, 'org'),
      roles: values.role ?? [],
    };
    const keys = env.loadKeys();
    const account = await withDatabase(env, (database) => createAccount(database.db, new AuditLog(keys.audit, env.clock), input));
    env.out(`已创建账号 ${account.username}（${account.displayName}，${account.org.name}，角色：${account.roles.join(', ')}）`);
    env.out(`临时密码：${account.temporaryPassword}`);
    env.out('临时密码只显示这一次；首次登录必须修改密码。');
    return 0;
  },
};
