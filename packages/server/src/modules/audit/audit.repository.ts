import type { AuditEvent, AuditQuery } from '@qingyuan/shared';
import type { Db } from '../../platform/db/database.ts';

/** Read side of the audit log for the auditor's search (writes go through platform/audit only). */
export async function search(db: Db, query: AuditQuery): Promise<{ items: AuditEvent[]; total: number }> {
  let q = db.selectFrom('audit_event as a').leftJoin('org_unit as o', 'o.id', 'a.actor_org_unit_id');
  if (query.actor) q = q.where('a.actor_username', '=', query.actor);
  if (query.action) q = q.where('a.action', '=', query.action);
  if (query.entityType) q = q.where('a.entity_type', '=', query.entityType);
  if (query.entityId) q = q.where('a.entity_id', '=', query.entityId);
  if (query.from) q = q.where('a.occurred_at', '>=', new Date(query.from));
  if (query.to) q = q.where('a.occurred_at', '<=', new Date(query.to));
  const total = await q.select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow();
  const rows = await q
    .selectAll('a')
    .select('o.name as org_name')
    .orderBy('a.seq', 'desc')
    .limit(query.pageSize)
    .offset((query.page - 1) * query.pageSize)
    .execute();
  return {
    total: Number(total.n),
    items: rows.map((r) => ({
      seq: r.seq,
      occurredAt: r.occurred_at.toISOString(),
      actorId: r.actor_id,
      actorUsername: r.actor_username,
      actorOrgUnitId: r.actor_org_unit_id,
      actorOrgName: r.org_name,
      actorRoles: r.actor_roles ? r.actor_roles.split(',') : [],
      action: r.action,
      success: r.success,
      entityType: r.entity_type,
      entityId: r.entity_id,
      requestId: r.request_id,
      clientIp: r.client_ip,
      reason: r.reason,
      changes: r.changes ? (JSON.parse(r.changes) as Record<string, unknown>) : null,
    })),
  };
}
