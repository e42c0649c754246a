import type { Permission, Role } from '@qingyuan/shared';

/** The authenticated caller, resolved from the session on every request. */
export interface Actor {
  userId: string;
  username: string;
  displayName: string;
  orgUnitId: string;
  orgUnitName: string;
  /** Materialized path of the actor's org unit: the root of their data scope. */
  orgPath: string;
  roles: Role[];
  permissions: ReadonlySet<Permission>;
  sessionIdHash: string;
  csrfToken: string;
  sessionExpiresAt: Date;
  mustChangePassword: boolean;
  mfaEnabled: boolean;
  mfaEnrollRequired: boolean;
}

/** What every service call receives: who asks, and the request facts the audit row needs. */
export interface RequestContext {
  requestId: string;
  clientIp: string | null;
  actor: Actor | null;
}

export interface AuthedContext extends RequestContext {
  actor: Actor;
}

/** A context for work the system does itself (CLI, seed, scheduled jobs). */
export function systemContext(requestId = 'system'): RequestContext {
  return { requestId, clientIp: null, actor: null };
}
