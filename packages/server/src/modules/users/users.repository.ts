import { sql } from 'kysely';
import { ROLES, type Role, type User } from '@qingyuan/shared';
import type { Db } from '../../platform/db/database.ts';
import { inScope, type Scope } from '../../platform/access/scope.ts';

/** All SQL over accounts, roles, password history, recovery codes and login throttling. */

interface UserRow {
  id: string;
  username: string;
  display_name: string;
  org_unit_id: string;
  org_name: string;
  roles: string | null;
  active: boolean;
  must_change_password: boolean;
  mfa_enabled: boolean;
  last_login_at: Date | null;
  created_at: Date;
  locked_until: Date | null;
}

function parseRoles(joined: string | null): Role[] {
  const set = new Set((joined ?? '').split(',').filter(Boolean));
  return ROLES.filter((r) => set.has(r));
}

function toDto(row: UserRow): User {
  return {
    id: row.id,
    username: row.username,
    displayName: row.display_name,
    orgUnitId: row.org_unit_id,
    orgUnitName: row.org_name,
    roles: parseRoles(row.roles),
    active: row.active,
    lockedUntil: row.locked_until ? row.locked_until.toISOString() : null,
    mustChangePassword: row.must_change_password,
    mfaEnabled: row.mfa_enabled,
    lastLoginAt: row.last_login_at ? row.last_login_at.toISOString() : null,
    createdAt: row.created_at.toISOString(),
  };
}

function baseQuery(db: Db, scope: Scope) {
  return db
    .selectFrom('app_user as u')
    .innerJoin('org_unit as o', 'o.id', 'u.org_unit_id')
    .leftJoin('login_throttle as t', (join) => join.on(sql<boolean>`t.username_key = lower(u.username)`))
    .where((eb) => inScope(eb, 'o.path', scope));
}

const SELECT = [
  'u.id', 'u.username', 'u.display_name', 'u.org_unit_id', 'o.name as org_name', 'u.active', 'u.must_change_password',
  'u.mfa_enabled', 'u.last_login_at', 'u.created_at', 't.locked_until',
] as const;

const rolesOf = sql<string | null>`(select string_agg(r.role, ',') from user_role r where r.user_id = u.id)`.as('roles');

export interface UserFilters {
  q?: string;
  orgUnitId?: string;
  role?: Role;
  active?: boolean;
}

export async function list(db: Db, scope: Scope, filters: UserFilters, page: number, pageSize: number): Promise<{ items: User[]; total: number }> {
  let query = baseQuery(db, scope);
  if (filters.q) {
    const like = `%${filters.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    query = query.where((eb) => eb.or([eb('u.username', 'ilike', like), eb('u.display_name', 'ilike', like)]));
  }
  if (filters.orgUnitId) query = query.where('u.org_unit_id', '=', filters.orgUnitId);
  if (filters.active !== undefined) query = query.where('u.active', '=', filters.active);
  if (filters.role) {
    const role = filters.role;
    query = query.where((eb) => eb.exists(eb.selectFrom('user_role as r').select('r.role').whereRef('r.user_id', '=', 'u.id').where('r.role', '=', role)));
  }
  const total = await query.select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow();
  const rows = await query
    .select(SELECT)
    .select(rolesOf)
    .orderBy('u.username')
    .limit(pageSize)
    .offset((page - 1) * pageSize)
    .execute();
  return { items: rows.map(toDto), total: Number(total.n) };
}

export async function findInScope(db: Db, scope: Scope, id: string): Promise<User | null> {
  const row = await baseQuery(db, scope).select(SELECT).select(rolesOf).where('u.id', '=', id).executeTakeFirst();
  return row ? toDto(row) : null;
}

export async function usernameTaken(db: Db, username: string): Promise<boolean> {
  const row = await db.selectFrom('app_user').select('id').where(sql<string>`lower(username)`, '=', username.toLowerCase()).executeTakeFirst();
  return row !== undefined;
}

export async function insert(
  db: Db,
  user: { username: string; displayName: string; orgUnitId: string; passwordHash: string; mustChangePassword: boolean },
): Promise<string> {
  const row = await db
    .insertInto('app_user')
    .values({
      username: user.username,
      display_name: user.displayName,
      org_unit_id: user.orgUnitId,
      password_hash: user.passwordHash,
      must_change_password: user.mustChangePassword,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  await db.insertInto('password_history').values({ user_id: row.id, password_hash: user.passwordHash }).execute();
  return row.id;
}

export async function update(db: Db, id: string, patch: { displayName?: string; orgUnitId?: string; active?: boolean }): Promise<void> {
  await db
    .updateTable('app_user')
    .set({
      ...(patch.displayName !== undefined ? { display_name: patch.displayName } : {}),
      ...(patch.orgUnitId !== undefined ? { org_unit_id: patch.orgUnitId } : {}),
      ...(patch.active !== undefined ? { active: patch.active } : {}),
      updated_at: new Date(),
    })
    .where('id', '=', id)
    .execute();
}

export async function setRoles(db: Db, id: string, roles: readonly Role[]): Promise<void> {
  await db.deleteFrom('user_role').where('user_id', '=', id).execute();
  if (roles.length > 0) await db.insertInto('user_role').values(roles.map((role) => ({ user_id: id, role }))).execute();
}

export async function setPassword(db: Db, id: string, passwordHash: string, mustChange: boolean, at: Date): Promise<void> {
  await db
    .updateTable('app_user')
    .set({ password_hash: passwordHash, must_change_password: mustChange, password_changed_at: at, updated_at: at })
    .where('id', '=', id)
    .execute();
  await db.insertInto('password_history').values({ user_id: id, password_hash: passwordHash, created_at: at }).execute();
}

export async function recentPasswordHashes(db: Db, id: string, count: number): Promise<string[]> {
  if (count <= 0) return [];
  const rows = await db
    .selectFrom('password_history')
    .select('password_hash')
    .where('user_id', '=', id)
    .orderBy('created_at', 'desc')
    .limit(count)
    .execute();
  return rows.map((r) => r.password_hash);
}

export async function countActiveUsersInOrg(db: Db, orgUnitId: string): Promise<number> {
  const row = await db
    .selectFrom('app_user')
    .select((eb) => eb.fn.countAll<string>().as('n'))
    .where('org_unit_id', '=', orgUnitId)
    .where('active', '=', true)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/** What login needs about an account, found case-insensitively. */
export interface LoginAccount {
  id: string;
  username: string;
  orgUnitId: string;
  passwordHash: string;
  active: boolean;
  lastActiveAt: Date;
  mfaEnabled: boolean;
  mfaSecret: string | null;
  mfaLastStep: number | null;
  roles: Role[];
}

export async function findLoginAccount(db: Db, by: { username: string } | { id: string }): Promise<LoginAccount | null> {
  let query = db
    .selectFrom('app_user as u')
    .select([
      'u.id', 'u.username', 'u.org_unit_id', 'u.password_hash', 'u.active', 'u.last_login_at', 'u.created_at', 'u.mfa_enabled',
      'u.mfa_secret', 'u.mfa_last_step',
    ])
    .select(rolesOf);
  query = 'id' in by ? query.where('u.id', '=', by.id) : query.where(sql<string>`lower(u.username)`, '=', by.username.toLowerCase());
  const row = await query.executeTakeFirst();
  if (!row) return null;
  return {
    id: row.id,
    username: row.username,
    orgUnitId: row.org_unit_id,
    passwordHash: row.password_hash,
    active: row.active,
    lastActiveAt: row.last_login_at ?? row.created_at,
    mfaEnabled: row.mfa_enabled,
    mfaSecret: row.mfa_secret,
    mfaLastStep: row.mfa_last_step === null ? null : Number(row.mfa_last_step),
    roles: parseRoles(row.roles),
  };
}

export async function recordLogin(db: Db, id: string, at: Date): Promise<void> {
  await db.updateTable('app_user').set({ last_login_at: at }).where('id', '=', id).execute();
}

export async function setMfa(db: Db, id: string, patch: { secret?: string | null; enabled?: boolean; lastStep?: number | null }): Promise<void> {
  await db
    .updateTable('app_user')
    .set({
      ...(patch.secret !== undefined ? { mfa_secret: patch.secret } : {}),
      ...(patch.enabled !== undefined ? { mfa_enabled: patch.enabled } : {}),
      ...(patch.lastStep !== undefined ? { mfa_last_step: patch.lastStep === null ? null : String(patch.lastStep) } : {}),
    })
    .where('id', '=', id)
    .execute();
}

export async function replaceRecoveryCodes(db: Db, userId: string, hashes: string[]): Promise<void> {
  await db.deleteFrom('recovery_code').where('user_id', '=', userId).execute();
  if (hashes.length > 0) await db.insertInto('recovery_code').values(hashes.map((code_hash) => ({ user_id: userId, code_hash }))).execute();
}

/** Marks an unused recovery code used; true when one matched. */
export async function consumeRecoveryCode(db: Db, userId: string, hash: string, at: Date): Promise<boolean> {
  const result = await db
    .updateTable('recovery_code')
    .set({ used_at: at })
    .where('user_id', '=', userId)
    .where('code_hash', '=', hash)
    .where('used_at', 'is', null)
    .executeTakeFirst();
  return result.numUpdatedRows > 0n;
}

/** Login throttle row for a typed username, locked FOR UPDATE so parallel attempts queue behind each other. */
export async function lockThrottle(db: Db, key: string): Promise<{ failedCount: number; firstFailedAt: Date | null; lockedUntil: Date | null }> {
  await db.insertInto('login_throttle').values({ username_key: key }).onConflict((oc) => oc.column('username_key').doNothing()).execute();
  const row = await db
    .selectFrom('login_throttle')
    .select(['failed_count', 'first_failed_at', 'locked_until'])
    .where('username_key', '=', key)
    .forUpdate()
    .executeTakeFirstOrThrow();
  return { failedCount: row.failed_count, firstFailedAt: row.first_failed_at, lockedUntil: row.locked_until };
}

export async function saveThrottle(db: Db, key: string, state: { failedCount: number; firstFailedAt: Date | null; lockedUntil: Date | null }): Promise<void> {
  await db
    .updateTable('login_throttle')
    .set({ failed_count: state.failedCount, first_failed_at: state.firstFailedAt, locked_until: state.lockedUntil })
    .where('username_key', '=', key)
    .execute();
}

export async function clearThrottle(db: Db, key: string): Promise<void> {
  await db.deleteFrom('login_throttle').where('username_key', '=', key).execute();
}

export async function createMfaChallenge(db: Db, idHash: string, userId: string, expiresAt: Date): Promise<void> {
  await db.insertInto('mfa_challenge').values({ id_hash: idHash, user_id: userId, expires_at: expiresAt }).execute();
}

/** The user of a live challenge, counting the attempt; null when unknown, expired or tried too often. */
export async function useMfaChallenge(db: Db, idHash: string, now: Date, maxAttempts: number): Promise<string | null> {
  const row = await db
    .updateTable('mfa_challenge')
    .set((eb) => ({ attempts: eb('attempts', '+', 1) }))
    .where('id_hash', '=', idHash)
    .returning(['user_id', 'expires_at', 'attempts'])
    .executeTakeFirst();
  if (!row || row.expires_at.getTime() <= now.getTime() || row.attempts > maxAttempts) return null;
  return row.user_id;
}

export async function deleteMfaChallenge(db: Db, idHash: string): Promise<void> {
  await db.deleteFrom('mfa_challenge').where('id_hash', '=', idHash).execute();
}
