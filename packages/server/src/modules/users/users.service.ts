import {
  isAdminRole,
  roleCombinationProblem,
  type CreateUser,
  type Role,
  type TemporaryPassword,
  type UpdateUser,
  type User,
} from '@qingyuan/shared';
import { scopeOf } from '../../platform/access/scope.ts';
import type { Trx } from '../../platform/audit/audit-log.ts';
import { generateTemporaryPassword, hashPassword } from '../../platform/auth/passwords.ts';
import type { AuthedContext } from '../../platform/context.ts';
import type { Db } from '../../platform/db/database.ts';
import { uniqueViolation } from '../../platform/db/unique-violation.ts';
import { conflict, forbidden, invalidField, notFound } from '../../platform/errors.ts';
import type { Platform } from '../../platform/platform.ts';
import type { OrgsService, OrgReferenceCheck } from '../orgs/index.ts';
import * as repo from './users.repository.ts';
import type { UserFilters } from './users.repository.ts';

/** Account administration: sysadmin creates and maintains accounts, secadmin grants roles (三员分立). */
export class UsersService {
  constructor(
    private readonly platform: Platform,
    private readonly orgs: OrgsService,
  ) {}

  /** Vetoes deactivating an org unit that still has active accounts. */
  readonly orgReferenceCheck: OrgReferenceCheck = async (db, unit) =>
    (await repo.countActiveUsersInOrg(db, unit.id)) > 0 ? '该单位下仍有启用的账号，请先调整或停用这些账号' : null;

  list(ctx: AuthedContext, filters: UserFilters, page: number, pageSize: number): Promise<{ items: User[]; total: number }> {
    return repo.list(this.platform.db, scopeOf(ctx.actor), filters, page, pageSize);
  }

  async get(ctx: AuthedContext, id: string): Promise<User> {
    return this.find(this.platform.db, ctx, id);
  }

  async create(ctx: AuthedContext, input: CreateUser): Promise<TemporaryPassword> {
    const temporaryPassword = generateTemporaryPassword();
    const passwordHash = await hashPassword(temporaryPassword);
    return this.write(async (trx) => {
      const org = await this.orgs.requireInScope(trx, scopeOf(ctx.actor), input.orgUnitId, 'orgUnitId');
      if (!org.active) throw invalidField('orgUnitId', '所选单位已停用');
      if (await repo.usernameTaken(trx, input.username)) throw conflict('用户名已存在（不区分大小写）', 'username');
      const id = await repo.insert(trx, { ...input, passwordHash, mustChangePassword: true });
      await this.audit(trx, ctx, 'user.created', id, { username: input.username, displayName: input.displayName, orgUnitId: org.id });
      return { id, temporaryPassword };
    });
  }

  async update(ctx: AuthedContext, id: string, input: UpdateUser): Promise<User> {
    return this.platform.db.transaction().execute(async (trx) => {
      const user = await this.find(trx, ctx, id);
      guardOtherDuty(ctx, user);
      if (input.active === false && user.id === ctx.actor.userId) throw invalidField('active', '不能停用本人账号');
      if (input.orgUnitId !== undefined) {
        const org = await this.orgs.requireInScope(trx, scopeOf(ctx.actor), input.orgUnitId, 'orgUnitId');
        if (!org.active) throw invalidField('orgUnitId', '所选单位已停用');
      } else if (input.active === true && !user.active) {
        // Units are deactivated only once their accounts are; re-enabling one there would undo that.
        const org = await this.orgs.requireInScope(trx, scopeOf(ctx.actor), user.orgUnitId, 'active');
        if (!org.active) throw invalidField('active', '所属单位已停用，请先将账号调整到启用的单位');
      }
      await repo.update(trx, id, input);
      // Moving or disabling an account changes what it may see: end its sessions now.
      if (input.active === false || (input.orgUnitId !== undefined && input.orgUnitId !== user.orgUnitId)) {
        await this.platform.sessions.destroyForUser(trx, id);
      }
      const after = await this.find(trx, ctx, id);
      await this.audit(trx, ctx, 'user.updated', id, changedFields(user, after));
      return after;
    });
  }

  async resetPassword(ctx: AuthedContext, id: string): Promise<TemporaryPassword> {
    const temporaryPassword = generateTemporaryPassword();
    const passwordHash = await hashPassword(temporaryPassword);
    return this.platform.db.transaction().execute(async (trx) => {
      const user = await this.find(trx, ctx, id);
      guardOtherDuty(ctx, user);
      if (user.id === ctx.actor.userId) throw invalidField('id', '请在“我的账号”中修改本人密码');
      await repo.setPassword(trx, id, passwordHash, true, this.platform.clock.now());
      await this.platform.sessions.destroyForUser(trx, id);
      await this.audit(trx, ctx, 'user.password_reset', id, { password: 'reset' });
      return { id, temporaryPassword };
    });
  }

  async unlock(ctx: AuthedContext, id: string): Promise<User> {
    return this.platform.db.transaction().execute(async (trx) => {
      const user = await this.find(trx, ctx, id);
      await repo.clearThrottle(trx, user.username.toLowerCase());
      await this.audit(trx, ctx, 'user.unlocked', id, {});
      return this.find(trx, ctx, id);
    });
  }

  async setRoles(ctx: AuthedContext, id: string, roles: Role[]): Promise<User> {
    const unique = [...new Set(roles)];
    return this.write(async (trx) => {
      const user = await this.find(trx, ctx, id);
      if (user.id === ctx.actor.userId) throw forbidden('不能修改本人的角色');
      const problem = roleCombinationProblem(unique);
      if (problem) throw invalidField('roles', problem);
      if (unique.some(isAdminRole) && !ctx.actor.roles.includes('secadmin')) throw forbidden('只有安全管理员可以分配三员角色');
      await repo.setRoles(trx, id, unique);
      await this.platform.sessions.destroyForUser(trx, id);
      await this.audit(trx, ctx, 'user.roles_set', id, { roles: { from: user.roles, to: unique } });
      return this.find(trx, ctx, id);
    });
  }

  /**
   * One write transaction. The username check runs before the insert, so a parallel request can still win the race:
   * its unique violation then answers like the check would have (409 naming the field), never 500.
   */
  private async write<T>(work: (trx: Trx) => Promise<T>): Promise<T> {
    try {
      return await this.platform.db.transaction().execute(work);
    } catch (error) {
      const constraint = uniqueViolation(error);
      if (constraint === 'app_user_username_ci') throw conflict('用户名已存在（不区分大小写）', 'username');
      if (constraint === 'user_role_pkey' || constraint === 'user_role_one_admin_duty') {
        throw conflict('该账号的角色正在被同时修改，请刷新后重试', 'roles');
      }
      throw error;
    }
  }

  private async find(db: Db, ctx: AuthedContext, id: string): Promise<User> {
    const user = await repo.findInScope(db, scopeOf(ctx.actor), id);
    if (!user) throw notFound();
    return user;
  }

  private audit(trx: Trx, ctx: AuthedContext, action: string, id: string, changes: Record<string, unknown>): Promise<void> {
    return this.platform.audit.append(trx, ctx, { action, entityType: 'user', entityId: id, changes });
  }
}

/**
 * 三员分立: whoever may reset the password of (or disable, or move) a secadmin's or auditor's account could act as them
 * or silence them. Only an account holding the same duty may be maintained; the secadmin first removes the duty.
 */
function guardOtherDuty(ctx: AuthedContext, user: User): void {
  if (user.roles.some((role) => isAdminRole(role) && !ctx.actor.roles.includes(role))) {
    throw forbidden('不能维护其他三员的账号，请先由安全管理员撤销其三员角色');
  }
}


function changedFields(before: User, after: User): Record<string, unknown> {
  const changes: Record<string, unknown> = {};
  for (const key of ['displayName', 'orgUnitId', 'active'] as const) {
    if (before[key] !== after[key]) changes[key] = { from: before[key], to: after[key] };
  }
  return changes;
}
