import { createHash, randomBytes } from 'node:crypto';
import { permissionsOf, ROLES, type Role } from '@qingyuan/shared';
import type { Clock } from '../clock.ts';
import { DAY, HOUR, MINUTE } from '../clock.ts';
import type { Actor } from '../context.ts';
import type { Db } from '../db/database.ts';
import type { Trx } from '../audit/audit-log.ts';
import { idleMinutesFor, mfaRequiredFor, readSecurityPolicy } from './security-policy.ts';

// Avoids a write per request: last_seen_at is refreshed at most this often.
const TOUCH_EVERY_MS = 30_000;

export function newToken(): string {
  return randomBytes(32).toString('base64url');
}

export function tokenHash(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

export interface NewSession {
  token: string;
  csrfToken: string;
  expiresAt: Date;
}

/**
 * Database-backed sessions (stateless servers). This is the one platform piece that reads accounts,
 * roles and org units directly: resolving the caller must not depend on any module.
 */
export class SessionStore {
  constructor(
    private readonly db: Db,
    private readonly clock: Clock,
  ) {}

  async create(trx: Trx, userId: string, roles: readonly Role[], clientIp: string | null): Promise<NewSession> {
    const policy = await readSecurityPolicy(trx);
    const now = this.clock.now();
    const token = newToken();
    const csrfToken = newToken();
    const expiresAt = new Date(now.getTime() + policy.absoluteHours * HOUR);
    await trx
      .insertInto('user_session')
      .values({
        id_hash: tokenHash(token),
        user_id: userId,
        csrf_token: csrfToken,
        created_at: now,
        last_seen_at: now,
        expires_at: expiresAt,
        idle_minutes: idleMinutesFor(roles, policy),
        client_ip: clientIp,
      })
      .execute();
    return { token, csrfToken, expiresAt };
  }

  /** The actor behind a session token, or null when unknown, idle too long, past its absolute end, or the user is disabled. */
  async resolve(token: string): Promise<Actor | null> {
    const idHash = tokenHash(token);
    const row = await this.db
      .selectFrom('user_session as s')
      .innerJoin('app_user as u', 'u.id', 's.user_id')
      .innerJoin('org_unit as o', 'o.id', 'u.org_unit_id')
      .select([
        's.id_hash', 's.csrf_token', 's.last_seen_at', 's.expires_at', 's.idle_minutes',
        'u.id as user_id', 'u.username', 'u.display_name', 'u.active', 'u.must_change_password',
        'u.password_changed_at', 'u.mfa_enabled', 'o.id as org_id', 'o.name as org_name', 'o.path as org_path',
      ])
      .where('s.id_hash', '=', idHash)
      .executeTakeFirst();
    if (!row) return null;
    const now = this.clock.now();
    const idleDeadline = row.last_seen_at.getTime() + row.idle_minutes * MINUTE;
    if (!row.active || now.getTime() >= row.expires_at.getTime() || now.getTime() >= idleDeadline) {
      await this.destroyByHash(idHash);
      return null;
    }
    const roleRows = await this.db.selectFrom('user_role').select('role').where('user_id', '=', row.user_id).execute();
    const roles = ROLES.filter((r) => roleRows.some((x) => x.role === r));
    const policy = await readSecurityPolicy(this.db);
    if (now.getTime() - row.last_seen_at.getTime() > TOUCH_EVERY_MS) {
      await this.db.updateTable('user_session').set({ last_seen_at: now }).where('id_hash', '=', idHash).execute();
    }
    const passwordExpired = now.getTime() - row.password_changed_at.getTime() > policy.passwordMaxAgeDays * DAY;
    return {
      userId: row.user_id,
      username: row.username,
      displayName: row.display_name,
      orgUnitId: row.org_id,
      orgUnitName: row.org_name,
      orgPath: row.org_path,
      roles,
      // Every signed-in account may see and secure itself, even before a role is granted.
      permissions: new Set(['account.self', ...permissionsOf(roles)]),
      sessionIdHash: idHash,
      csrfToken: row.csrf_token,
      sessionExpiresAt: row.expires_at,
      mustChangePassword: row.must_change_password || passwordExpired,
      mfaEnabled: row.mfa_enabled,
      mfaEnrollRequired: !row.mfa_enabled && mfaRequiredFor(roles, policy),
    };
  }

  async destroyByHash(idHash: string): Promise<void> {
    await this.db.deleteFrom('user_session').where('id_hash', '=', idHash).execute();
  }

  /** Ends every session of a user (disable, role change, password reset). */
  async destroyForUser(trx: Trx | Db, userId: string, exceptHash?: string): Promise<void> {
    let query = trx.deleteFrom('user_session').where('user_id', '=', userId);
    if (exceptHash) query = query.where('id_hash', '!=', exceptHash);
    await query.execute();
  }
}
