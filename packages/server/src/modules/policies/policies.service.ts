import type { SecurityPolicy } from '@qingyuan/shared';
import { readSecurityPolicy, writeSecurityPolicy } from '../../platform/auth/security-policy.ts';
import type { AuthedContext } from '../../platform/context.ts';
import type { Platform } from '../../platform/platform.ts';

/** secadmin's security settings: password profile, lockout, session timeouts, which roles need TOTP. */
export class PoliciesService {
  constructor(private readonly platform: Platform) {}

  get(): Promise<SecurityPolicy> {
    return readSecurityPolicy(this.platform.db);
  }

  async update(ctx: AuthedContext, next: SecurityPolicy): Promise<SecurityPolicy> {
    return this.platform.db.transaction().execute(async (trx) => {
      const before = await readSecurityPolicy(trx);
      await writeSecurityPolicy(trx, next);
      const changes: Record<string, unknown> = {};
      for (const key of Object.keys(next) as (keyof SecurityPolicy)[]) {
        if (JSON.stringify(before[key]) !== JSON.stringify(next[key])) changes[key] = { from: before[key], to: next[key] };
      }
      await this.platform.audit.append(trx, ctx, { action: 'policy.updated', entityType: 'security_policy', entityId: '1', changes });
      return next;
    });
  }
}
