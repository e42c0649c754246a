import { randomInt } from 'node:crypto';
import { passwordProblems, type ChangePasswordRequest, type RecoveryCodes, type TotpEnrollment } from '@qingyuan/shared';
import { hashPassword, verifyPassword } from '../../platform/auth/passwords.ts';
import { mfaRequiredFor, readSecurityPolicy } from '../../platform/auth/security-policy.ts';
import { generateTotpSecret, otpauthUrl, verifyTotp } from '../../platform/auth/totp.ts';
import type { AuthedContext } from '../../platform/context.ts';
import { decrypt, encrypt } from '../../platform/crypto/cipher.ts';
import type { Db } from '../../platform/db/database.ts';
import { conflict, invalidField } from '../../platform/errors.ts';
import type { Platform } from '../../platform/platform.ts';
import { recoveryCodeHash } from './auth.service.ts';
import * as repo from './users.repository.ts';

const RECOVERY_CODE_COUNT = 10;
const RECOVERY_ALPHABET = 'ABCDEFGHJKLMNPQRSTUVWXYZ23456789';

function newRecoveryCode(): string {
  const pick = (): string => RECOVERY_ALPHABET[randomInt(RECOVERY_ALPHABET.length)] ?? 'A';
  const part = (): string => Array.from({ length: 4 }, pick).join('');
  return `${part()}-${part()}`;
}

/** What a signed-in user does to their own account: password change, TOTP enrolment, recovery codes. */
export class AccountService {
  constructor(private readonly platform: Platform) {}

  async changePassword(ctx: AuthedContext, input: ChangePasswordRequest): Promise<void> {
    const { db, clock, audit, sessions } = this.platform;
    await db.transaction().execute(async (trx) => {
      const account = await this.account(trx, ctx);
      if (!(await verifyPassword(account.passwordHash, input.currentPassword))) throw invalidField('currentPassword', '当前密码不正确');
      const policy = await readSecurityPolicy(trx);
      const problems = passwordProblems(input.newPassword, { username: account.username }, { minLength: policy.passwordMinLength, minClasses: 3 });
      if (problems.length > 0) throw invalidField('newPassword', problems.join('；'));
      const history = await repo.recentPasswordHashes(trx, account.id, Math.max(policy.passwordHistory, 1));
      for (const old of history) {
        if (await verifyPassword(old, input.newPassword)) throw invalidField('newPassword', `新密码不能与最近${policy.passwordHistory}次使用过的密码相同`);
      }
      await repo.setPassword(trx, account.id, await hashPassword(input.newPassword), false, clock.now());
      await sessions.destroyForUser(trx, account.id, ctx.actor.sessionIdHash);
      await audit.append(trx, ctx, { action: 'auth.password_changed', entityType: 'user', entityId: account.id, changes: { password: 'changed' } });
    });
  }

  async startTotp(ctx: AuthedContext): Promise<TotpEnrollment> {
    const { db, keys } = this.platform;
    return db.transaction().execute(async (trx) => {
      const account = await this.account(trx, ctx);
      if (account.mfaEnabled) throw conflict('已启用双因素认证', 'code');
      const secret = generateTotpSecret();
      await repo.setMfa(trx, account.id, { secret: encrypt(keys.encryption, secret), enabled: false, lastStep: null });
      return { secret, otpauthUrl: otpauthUrl(secret, account.username) };
    });
  }

  async confirmTotp(ctx: AuthedContext, code: string): Promise<RecoveryCodes> {
    const { db, keys, clock, audit } = this.platform;
    return db.transaction().execute(async (trx) => {
      const account = await this.account(trx, ctx);
      if (account.mfaEnabled) throw conflict('已启用双因素认证', 'code');
      if (!account.mfaSecret) throw invalidField('code', '请先开始绑定动态验证码');
      const step = verifyTotp(decrypt(keys.encryption, account.mfaSecret), code, clock.now(), null);
      if (step === null) throw invalidField('code', '动态验证码不正确，请核对手机时间后重试');
      await repo.setMfa(trx, account.id, { enabled: true, lastStep: step });
      const codes = Array.from({ length: RECOVERY_CODE_COUNT }, newRecoveryCode);
      await repo.replaceRecoveryCodes(trx, account.id, codes.map((c) => recoveryCodeHash(keys.blindIndex, c)));
      await audit.append(trx, ctx, { action: 'auth.mfa_enrolled', entityType: 'user', entityId: account.id });
      return { recoveryCodes: codes };
    });
  }

  async disableTotp(ctx: AuthedContext, password: string): Promise<void> {
    const { db, audit } = this.platform;
    await db.transaction().execute(async (trx) => {
      const account = await this.account(trx, ctx);
      if (!(await verifyPassword(account.passwordHash, password))) throw invalidField('password', '密码不正确');
      if (mfaRequiredFor(account.roles, await readSecurityPolicy(trx))) throw invalidField('password', '您的角色要求必须启用双因素认证，不能停用');
      await repo.setMfa(trx, account.id, { secret: null, enabled: false, lastStep: null });
      await repo.replaceRecoveryCodes(trx, account.id, []);
      await audit.append(trx, ctx, { action: 'auth.mfa_disabled', entityType: 'user', entityId: account.id });
    });
  }

  private async account(db: Db, ctx: AuthedContext): Promise<repo.LoginAccount> {
    const account = await repo.findLoginAccount(db, { id: ctx.actor.userId });
    if (!account) throw invalidField('id', '账号不存在');
    return account;
  }
}
