import { createHmac } from 'node:crypto';
import type { LoginRequest, Me, MfaLoginRequest } from '@qingyuan/shared';
import type { Trx } from '../../platform/audit/audit-log.ts';
import { burnPasswordCheck, verifyPassword } from '../../platform/auth/passwords.ts';
import { readSecurityPolicy } from '../../platform/auth/security-policy.ts';
import { newToken, tokenHash, type NewSession } from '../../platform/auth/sessions.ts';
import { verifyTotp } from '../../platform/auth/totp.ts';
import { DAY, MINUTE } from '../../platform/clock.ts';
import type { Actor, AuthedContext, RequestContext } from '../../platform/context.ts';
import { decrypt } from '../../platform/crypto/cipher.ts';
import { DomainError } from '../../platform/errors.ts';
import type { Platform } from '../../platform/platform.ts';
import * as repo from './users.repository.ts';

const CHALLENGE_MINUTES = 5;
const CHALLENGE_ATTEMPTS = 5;

export type LoginOutcome = { kind: 'session'; session: NewSession; me: Me } | { kind: 'mfa'; challenge: string };

type Attempt =
  | { kind: 'failed' }
  | { kind: 'locked'; minutes: number }
  | { kind: 'dormant' }
  | { kind: 'mfa'; challenge: string }
  | { kind: 'session'; session: NewSession };

interface LoginSubject {
  userId: string;
  username: string;
  orgUnitId: string;
  roles: Actor['roles'];
}

const invalidCredentials = (): DomainError => new DomainError('invalid_credentials', 401, '用户名或密码错误');

export function toMe(actor: Actor): Me {
  return {
    id: actor.userId,
    username: actor.username,
    displayName: actor.displayName,
    orgUnitId: actor.orgUnitId,
    orgUnitName: actor.orgUnitName,
    roles: actor.roles,
    permissions: [...actor.permissions],
    mustChangePassword: actor.mustChangePassword,
    mfaEnabled: actor.mfaEnabled,
    mfaEnrollRequired: actor.mfaEnrollRequired,
    sessionExpiresAt: actor.sessionExpiresAt.toISOString(),
  };
}

/** Recovery codes are stored as keyed hashes: fast to check, useless without the server key. */
export function recoveryCodeHash(key: Buffer, code: string): string {
  return createHmac('sha256', key).update(code.replace(/-/g, '').toUpperCase()).digest('hex');
}

/** Login with lockout, the TOTP second step, and logout. */
export class AuthService {
  constructor(private readonly platform: Platform) {}

  async login(ctx: RequestContext, input: LoginRequest): Promise<LoginOutcome> {
    const { db, clock, audit } = this.platform;
    const key = input.username.trim().toLowerCase();
    const attempt = await db.transaction().execute(async (trx): Promise<Attempt> => {
      const policy = await readSecurityPolicy(trx);
      const now = clock.now();
      // Row lock: parallel attempts on one username queue here, so none slips past the counter.
      const throttle = await repo.lockThrottle(trx, key);
      if (throttle.lockedUntil && throttle.lockedUntil.getTime() > now.getTime()) {
        await audit.append(trx, ctx, { action: 'auth.login_failed', success: false, subject: { userId: null, username: key }, reason: '账号锁定期间尝试登录' });
        return { kind: 'locked', minutes: Math.ceil((throttle.lockedUntil.getTime() - now.getTime()) / MINUTE) };
      }
      const account = await repo.findLoginAccount(trx, { username: key });
      const passwordOk = account ? await verifyPassword(account.passwordHash, input.password) : await burnPasswordCheck(input.password).then(() => false);
      if (!account || !passwordOk || !account.active) {
        const windowOpen = throttle.firstFailedAt !== null && now.getTime() - throttle.firstFailedAt.getTime() < policy.lockoutMinutes * MINUTE;
        const failedCount = windowOpen ? throttle.failedCount + 1 : 1;
        const locked = failedCount >= policy.lockoutThreshold;
        await repo.saveThrottle(trx, key, {
          failedCount: locked ? 0 : failedCount,
          firstFailedAt: locked ? null : windowOpen ? throttle.firstFailedAt : now,
          lockedUntil: locked ? new Date(now.getTime() + policy.lockoutMinutes * MINUTE) : null,
        });
        await audit.append(trx, ctx, {
          action: 'auth.login_failed',
          success: false,
          subject: { userId: account?.id ?? null, username: account?.username ?? key, orgUnitId: account?.orgUnitId ?? null },
          reason: locked ? `连续${policy.lockoutThreshold}次失败，账号锁定${policy.lockoutMinutes}分钟` : '用户名或密码错误',
        });
        return { kind: 'failed' };
      }
      const subject = { userId: account.id, username: account.username, orgUnitId: account.orgUnitId, roles: account.roles };
      await repo.clearThrottle(trx, key);
      if (now.getTime() - account.lastActiveAt.getTime() > policy.inactiveDisableDays * DAY) {
        await repo.update(trx, account.id, { active: false });
        await audit.append(trx, ctx, { action: 'user.auto_disabled', subject, entityType: 'user', entityId: account.id, reason: `连续${policy.inactiveDisableDays}天未登录` });
        return { kind: 'dormant' };
      }
      if (account.mfaEnabled) {
        const challenge = newToken();
        await repo.createMfaChallenge(trx, tokenHash(challenge), account.id, new Date(now.getTime() + CHALLENGE_MINUTES * MINUTE));
        return { kind: 'mfa', challenge };
      }
      return { kind: 'session', session: await this.openSession(trx, ctx, subject, '密码') };
    });
    return this.finish(attempt);
  }

  async completeMfa(ctx: RequestContext, input: MfaLoginRequest): Promise<LoginOutcome> {
    const { db, clock, audit, keys } = this.platform;
    const attempt = await db.transaction().execute(async (trx): Promise<Attempt> => {
      const now = clock.now();
      const userId = await repo.useMfaChallenge(trx, tokenHash(input.challenge), now, CHALLENGE_ATTEMPTS);
      const account = userId ? await repo.findLoginAccount(trx, { id: userId }) : null;
      if (!account || !account.active || !account.mfaSecret) return { kind: 'failed' };
      const subject = { userId: account.id, username: account.username, orgUnitId: account.orgUnitId, roles: account.roles };
      let method: string | null = null;
      if (/^\d{6}$/.test(input.code)) {
        const step = verifyTotp(decrypt(keys.encryption, account.mfaSecret), input.code, now, account.mfaLastStep);
        if (step !== null) {
          await repo.setMfa(trx, account.id, { lastStep: step });
          method = '密码+动态验证码';
        }
      } else if (await repo.consumeRecoveryCode(trx, account.id, recoveryCodeHash(keys.blindIndex, input.code), now)) {
        method = '密码+恢复码';
      }
      if (!method) {
        await audit.append(trx, ctx, { action: 'auth.login_failed', success: false, subject, reason: '动态验证码错误' });
        return { kind: 'failed' };
      }
      await repo.deleteMfaChallenge(trx, tokenHash(input.challenge));
      return { kind: 'session', session: await this.openSession(trx, ctx, subject, method) };
    });
    if (attempt.kind === 'failed') throw new DomainError('invalid_credentials', 401, '验证码错误或已失效，请重试或重新登录');
    return this.finish(attempt);
  }

  async logout(ctx: AuthedContext): Promise<void> {
    await this.platform.db.transaction().execute(async (trx) => {
      await trx.deleteFrom('user_session').where('id_hash', '=', ctx.actor.sessionIdHash).execute();
      await this.platform.audit.append(trx, ctx, { action: 'auth.logout' });
    });
  }

  private async openSession(trx: Trx, ctx: RequestContext, subject: LoginSubject, method: string): Promise<NewSession> {
    const session = await this.platform.sessions.create(trx, subject.userId, subject.roles, ctx.clientIp);
    await repo.recordLogin(trx, subject.userId, this.platform.clock.now());
    await this.platform.audit.append(trx, ctx, { action: 'auth.login', subject, reason: method });
    return session;
  }

  private async finish(attempt: Attempt): Promise<LoginOutcome> {
    switch (attempt.kind) {
      case 'failed':
        throw invalidCredentials();
      case 'locked':
        throw new DomainError('account_locked', 423, `登录失败次数过多，账号已锁定，请${attempt.minutes}分钟后再试或联系管理员解锁`);
      case 'dormant':
        throw new DomainError('forbidden', 403, '账号长期未使用已被停用，请联系系统管理员');
      case 'mfa':
        return { kind: 'mfa', challenge: attempt.challenge };
      case 'session': {
        const actor = await this.platform.sessions.resolve(attempt.session.token);
        if (!actor) throw invalidCredentials();
        return { kind: 'session', session: attempt.session, me: toMe(actor) };
      }
    }
  }
}
