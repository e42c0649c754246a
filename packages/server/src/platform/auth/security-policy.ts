import { DEFAULT_SECURITY_POLICY, SecurityPolicy, isAdminRole, type Role } from '@qingyuan/shared';
import type { Db } from '../db/database.ts';

/** The secadmin-tunable security settings (SECURITY.md "default" numbers), one row, read per use so all servers agree. */
export async function readSecurityPolicy(db: Db): Promise<SecurityPolicy> {
  const row = await db.selectFrom('security_policy').select('settings').where('id', '=', 1).executeTakeFirst();
  if (!row) return DEFAULT_SECURITY_POLICY;
  const parsed = SecurityPolicy.safeParse({ ...DEFAULT_SECURITY_POLICY, ...(JSON.parse(row.settings) as object) });
  return parsed.success ? parsed.data : DEFAULT_SECURITY_POLICY;
}

export async function writeSecurityPolicy(db: Db, policy: SecurityPolicy): Promise<void> {
  await db
    .insertInto('security_policy')
    .values({ id: 1, settings: JSON.stringify(policy), updated_at: new Date() })
    .onConflict((oc) => oc.column('id').doUpdateSet({ settings: JSON.stringify(policy), updated_at: new Date() }))
    .execute();
}

export function idleMinutesFor(roles: readonly Role[], policy: SecurityPolicy): number {
  return roles.some(isAdminRole) ? Math.min(policy.adminIdleMinutes, policy.idleMinutes) : policy.idleMinutes;
}

export function mfaRequiredFor(roles: readonly Role[], policy: SecurityPolicy): boolean {
  return roles.some((r) => policy.mfaRequiredRoles.includes(r));
}
