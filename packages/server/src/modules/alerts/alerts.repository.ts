import { sql } from 'kysely';
import { OPEN_ALERT_STATUSES, type AlertQuery, type RuleSetting } from '@qingyuan/shared';
import { inScope, type Scope } from '../../platform/access/scope.ts';
import type { Db } from '../../platform/db/database.ts';

/** All SQL over alerts, their transitions, rule settings, SLA and the outbox (read side of the dispatcher). */

export interface StoredAlert {
  id: string;
  ruleCode: string;
  subjectKey: string;
  level: string;
  status: string;
  personId: string | null;
  personName: string | null;
  orgUnitId: string;
  orgUnitName: string;
  orgPath: string;
  inboxOrgUnitId: string;
  inboxOrgUnitName: string;
  inboxPath: string;
  summary: string;
  details: Record<string, unknown>;
  raisedAt: Date;
  ackDueAt: Date;
  resolveDueAt: Date;
  overdue: boolean;
  slaBreach: string | null;
  escalations: number;
  assigneeId: string | null;
  assigneeName: string | null;
  outcome: string | null;
  outcomeNote: string | null;
  closedAt: Date | null;
  closedReason: string | null;
  version: number;
}

function alertQuery(db: Db) {
  return db.selectFrom('alert as a')
    .innerJoin('org_unit as o', 'o.id', 'a.org_unit_id')
    .innerJoin('org_unit as i', 'i.id', 'a.inbox_org_unit_id')
    .leftJoin('person as p', 'p.id', 'a.person_id')
    .leftJoin('app_user as u', 'u.id', 'a.assignee_id')
    .select([
      'a.id', 'a.rule_code', 'a.subject_key', 'a.level', 'a.status', 'a.person_id', 'p.name as person_name', 'a.org_unit_id', 'o.name as org_name',
      'a.org_path', 'a.inbox_org_unit_id', 'i.name as inbox_name', 'a.inbox_path', 'a.summary', 'a.details', 'a.raised_at', 'a.ack_due_at',
      'a.resolve_due_at', 'a.overdue', 'a.sla_breach', 'a.escalations', 'a.assignee_id', 'u.display_name as assignee_name', 'a.outcome',
      'a.outcome_note', 'a.closed_at', 'a.closed_reason', 'a.version',
    ]);
}
type AlertRow = Awaited<ReturnType<ReturnType<typeof alertQuery>['executeTakeFirstOrThrow']>>;

function toAlert(r: AlertRow): StoredAlert {
  return {
    id: r.id, ruleCode: r.rule_code, subjectKey: r.subject_key, level: r.level, status: r.status, personId: r.person_id, personName: r.person_name,
    orgUnitId: r.org_unit_id, orgUnitName: r.org_name, orgPath: r.org_path, inboxOrgUnitId: r.inbox_org_unit_id, inboxOrgUnitName: r.inbox_name,
    inboxPath: r.inbox_path, summary: r.summary, details: r.details, raisedAt: r.raised_at, ackDueAt: r.ack_due_at, resolveDueAt: r.resolve_due_at,
    overdue: r.overdue, slaBreach: r.sla_breach, escalations: r.escalations, assigneeId: r.assignee_id, assigneeName: r.assignee_name,
    outcome: r.outcome, outcomeNote: r.outcome_note, closedAt: r.closed_at, closedReason: r.closed_reason, version: r.version,
  };
}

/** One alert in scope (the responsible unit's path; person-bound, so work-team scope applies), locked when asked. */
export async function alertInScope(db: Db, scope: Scope, id: string, lock = false): Promise<StoredAlert | null> {
  let query = alertQuery(db).where('a.id', '=', id).where((eb) => inScope(eb, 'a.org_path', scope, 'a.person_id'));
  if (lock) query = query.forUpdate('a');
  const row = await query.executeTakeFirst();
  return row ? toAlert(row) : null;
}

export async function listInScope(db: Db, scope: Scope, q: AlertQuery, underPath: string | null, inboxPath: string | null): Promise<{ items: StoredAlert[]; total: number }> {
  let query = alertQuery(db).where((eb) => inScope(eb, 'a.org_path', scope, 'a.person_id'));
  if (q.personId) query = query.where('a.person_id', '=', q.personId);
  if (q.status === 'open') query = query.where('a.status', 'in', [...OPEN_ALERT_STATUSES]);
  else if (q.status) query = query.where('a.status', '=', q.status);
  if (q.level) query = query.where('a.level', '=', q.level);
  if (q.rule) query = query.where('a.rule_code', '=', q.rule);
  if (q.overdue !== undefined) query = query.where('a.overdue', '=', q.overdue);
  if (underPath !== null) query = query.where((eb) => inScope(eb, 'a.org_path', { rootPath: underPath }));
  if (inboxPath !== null) query = query.where('a.inbox_path', '=', inboxPath);
  const total = await query.clearSelect().select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow();
  const rows = await query
    .orderBy(sql`case a.level when 'high' then 0 when 'medium' then 1 else 2 end`)
    .orderBy('a.raised_at', 'desc').orderBy('a.id')
    .limit(q.pageSize).offset((q.page - 1) * q.pageSize).execute();
  return { items: rows.map(toAlert), total: Number(total.n) };
}

export async function openCounts(db: Db, scope: Scope): Promise<{ level: string; status: string; overdue: boolean; n: string }[]> {
  return db.selectFrom('alert as a')
    .select(['a.level', 'a.status', 'a.overdue', (eb) => eb.fn.countAll<string>().as('n')])
    .where('a.status', 'in', [...OPEN_ALERT_STATUSES])
    .where((eb) => inScope(eb, 'a.org_path', scope, 'a.person_id'))
    .groupBy(['a.level', 'a.status', 'a.overdue']).execute();
}

export interface NewAlert {
  id: string;
  ruleCode: string;
  subjectKey: string;
  level: string;
  personId: string | null;
  orgUnitId: string;
  orgPath: string;
  summary: string;
  details: Record<string, unknown>;
  raisedAt: Date;
  ackDueAt: Date;
  resolveDueAt: Date;
}

// First key of the per-rule reconcile locks (second key: the rule code's hash).
const RULE_LOCK_KEY = 7_240_009;

/**
 * Serialises reconciling one rule until the transaction ends. Without it a sweep that read its conditions before an
 * order committed would close the alert the dispatcher had just raised for that order. Callers lock rules in
 * EVALUATORS order, so two transactions never wait on each other in a circle.
 */
export async function lockRule(trx: Db, ruleCode: string): Promise<void> {
  await sql`select pg_advisory_xact_lock(${RULE_LOCK_KEY}, hashtext(${ruleCode}))`.execute(trx);
}

/** Inserts unless an open alert of the rule and subject exists; true when inserted. */
export async function insertAlert(db: Db, a: NewAlert): Promise<boolean> {
  const result = await db.insertInto('alert').values({
    id: a.id, rule_code: a.ruleCode, subject_key: a.subjectKey, level: a.level, person_id: a.personId, org_unit_id: a.orgUnitId,
    org_path: a.orgPath, inbox_org_unit_id: a.orgUnitId, inbox_path: a.orgPath, summary: a.summary, details: JSON.stringify(a.details),
    raised_at: a.raisedAt, ack_due_at: a.ackDueAt, resolve_due_at: a.resolveDueAt,
  // The predicate must be literal for PostgreSQL to infer the partial unique index.
  }).onConflict((oc) => oc.columns(['rule_code', 'subject_key']).where(sql<boolean>`status in ('new', 'acknowledged', 'assigned')`).doNothing()).executeTakeFirst();
  return Number(result.numInsertedOrUpdatedRows ?? 0n) > 0;
}

/** An alert to raise with `raiseAlerts`: its deadlines come from the stored SLA of its level (else `defaultSla`). */
export interface RaisedAlert extends Omit<NewAlert, 'raisedAt' | 'ackDueAt' | 'resolveDueAt'> {
  defaultSla: { ackMinutes: number; resolveMinutes: number };
}

/**
 * Raises many alerts in one statement: deadlines from `alert_sla` (the level's default when its row is missing), the
 * alerts inserted unless an open alert of the same rule and subject exists (the partial unique index), and a 'raised'
 * transition for each one inserted. Returns the inserted ones' subject keys and ids.
 */
export async function raiseAlerts(db: Db, alerts: readonly RaisedAlert[], at: Date): Promise<Map<string, string>> {
  const inserted = new Map<string, string>();
  if (alerts.length === 0) return inserted;
  const column = <T>(pick: (a: RaisedAlert) => T): T[] => alerts.map(pick);
  // The conflict predicate must be literal for PostgreSQL to infer the partial unique index.
  const { rows } = await sql<{ id: string; subject_key: string }>`
    with input as (
      select * from unnest(
        ${column((a) => a.id)}::uuid[], ${column((a) => a.ruleCode)}::text[], ${column((a) => a.subjectKey)}::text[],
        ${column((a) => a.level)}::text[], ${column((a) => a.personId)}::uuid[], ${column((a) => a.orgUnitId)}::uuid[],
        ${column((a) => a.orgPath)}::text[], ${column((a) => a.summary)}::text[], ${column((a) => JSON.stringify(a.details))}::text[],
        ${column((a) => a.defaultSla.ackMinutes)}::integer[], ${column((a) => a.defaultSla.resolveMinutes)}::integer[]
      ) as t(id, rule_code, subject_key, level, person_id, org_unit_id, org_path, summary, details, ack_default, resolve_default)
    ),
    raised as (
      insert into alert (id, rule_code, subject_key, level, person_id, org_unit_id, org_path, inbox_org_unit_id, inbox_path, summary, details,
        raised_at, ack_due_at, resolve_due_at)
      select i.id, i.rule_code, i.subject_key, i.level, i.person_id, i.org_unit_id, i.org_path, i.org_unit_id, i.org_path, i.summary, i.details::jsonb,
        ${at}::timestamptz,
        ${at}::timestamptz + make_interval(mins => coalesce(s.ack_minutes, i.ack_default)),
        ${at}::timestamptz + make_interval(mins => coalesce(s.resolve_minutes, i.resolve_default))
      from input i left join alert_sla s on s.level = i.level
      on conflict (rule_code, subject_key) where status in ('new', 'acknowledged', 'assigned') do nothing
      returning id, subject_key
    ),
    transitions as (
      insert into alert_transition (alert_id, action, from_status, to_status, actor_id, at, note)
      select id, 'raised', null, 'new', null, ${at}::timestamptz, null from raised
    )
    select id, subject_key from raised`.execute(db);
  for (const r of rows) inserted.set(r.subject_key, r.id);
  return inserted;
}

export async function openAlertsOf(db: Db, ruleCode: string, personId: string | null): Promise<{ id: string; subjectKey: string; status: string }[]> {
  let query = db.selectFrom('alert').select(['id', 'subject_key', 'status']).where('rule_code', '=', ruleCode)
    .where('status', 'in', [...OPEN_ALERT_STATUSES]);
  if (personId !== null) query = query.where('person_id', '=', personId);
  return (await query.execute()).map((r) => ({ id: r.id, subjectKey: r.subject_key, status: r.status }));
}

export async function updateAlert(
  db: Db,
  id: string,
  set: Partial<{
    status: string; assignee_id: string | null; outcome: string; outcome_note: string | null; closed_at: Date; closed_reason: string;
    overdue: boolean; sla_breach: string; inbox_org_unit_id: string; inbox_path: string; summary: string; details: string;
  }>,
): Promise<void> {
  await db.updateTable('alert').set({ ...set, version: sql<number>`version + 1`, ...(set.inbox_path ? { escalations: sql<number>`escalations + 1` } : {}) })
    .where('id', '=', id).execute();
}

export async function insertTransition(
  db: Db,
  t: { alertId: string; action: string; fromStatus: string | null; toStatus: string; actorId: string | null; at: Date; note?: string | null },
): Promise<void> {
  await db.insertInto('alert_transition').values({
    alert_id: t.alertId, action: t.action, from_status: t.fromStatus, to_status: t.toStatus, actor_id: t.actorId, at: t.at, note: t.note ?? null,
  }).execute();
}

export async function transitionsOf(db: Db, alertId: string) {
  return db.selectFrom('alert_transition as t').leftJoin('app_user as u', 'u.id', 't.actor_id')
    .select(['t.action', 't.from_status', 't.to_status', 't.actor_id', 'u.display_name as actor_name', 't.at', 't.note'])
    .where('t.alert_id', '=', alertId).orderBy('t.id').execute();
}

/** Open alerts past a deadline whose breach has not been handled yet (the escalation sweep). */
export async function slaCandidates(db: Db, now: Date): Promise<{ id: string; status: string; ackDueAt: Date; resolveDueAt: Date; slaBreach: string | null; inboxOrgUnitId: string }[]> {
  const rows = await db.selectFrom('alert')
    .select(['id', 'status', 'ack_due_at', 'resolve_due_at', 'sla_breach', 'inbox_org_unit_id'])
    .where('status', 'in', [...OPEN_ALERT_STATUSES])
    .where((eb) => eb.or([
      eb.and([eb('status', '=', 'new'), eb('ack_due_at', '<', now), eb('sla_breach', 'is', null)]),
      eb.and([eb('resolve_due_at', '<', now), eb.or([eb('sla_breach', 'is', null), eb('sla_breach', '=', 'ack')])]),
    ]))
    .orderBy('raised_at').execute();
  return rows.map((r) => ({ id: r.id, status: r.status, ackDueAt: r.ack_due_at, resolveDueAt: r.resolve_due_at, slaBreach: r.sla_breach, inboxOrgUnitId: r.inbox_org_unit_id }));
}

// ---- settings ----

/** One rule's stored settings in the shape `resolveRuleSetting` takes (also read by the 疑似脱管 working list). */
export async function ruleSettingsOf(db: Db, ruleCode: string): Promise<RuleSetting[]> {
  return (await ruleSettings(db, ruleCode)).map((s) => ({ orgPath: s.org_path, enabled: s.enabled ?? undefined, params: s.params }));
}

export async function ruleSettings(db: Db, ruleCode?: string) {
  let query = db.selectFrom('alert_rule_setting').select(['rule_code', 'org_unit_id', 'org_path', 'enabled', 'params']);
  if (ruleCode) query = query.where('rule_code', '=', ruleCode);
  return query.execute();
}

export async function upsertRuleSetting(
  db: Db,
  s: { ruleCode: string; orgUnitId: string; orgPath: string; enabled: boolean | null; params: Record<string, number>; by: string; at: Date },
): Promise<void> {
  await db.insertInto('alert_rule_setting').values({
    rule_code: s.ruleCode, org_unit_id: s.orgUnitId, org_path: s.orgPath, enabled: s.enabled, params: JSON.stringify(s.params), updated_by: s.by, updated_at: s.at,
  }).onConflict((oc) => oc.columns(['rule_code', 'org_unit_id']).doUpdateSet({
    enabled: s.enabled, params: JSON.stringify(s.params), org_path: s.orgPath, updated_by: s.by, updated_at: s.at,
  })).execute();
}

export async function slaRows(db: Db) {
  return db.selectFrom('alert_sla').select(['level', 'ack_minutes', 'resolve_minutes']).execute();
}

export async function updateSla(db: Db, level: string, ackMinutes: number, resolveMinutes: number, by: string, at: Date): Promise<void> {
  await db.updateTable('alert_sla').set({ ack_minutes: ackMinutes, resolve_minutes: resolveMinutes, updated_by: by, updated_at: at }).where('level', '=', level).execute();
}

// ---- outbox ----

export async function pendingEvents(db: Db, limit: number): Promise<{ id: string; type: string; personId: string | null }[]> {
  const rows = await db.selectFrom('outbox_event').select(['id', 'type', 'person_id']).where('processed_at', 'is', null)
    .orderBy('id').limit(limit).forUpdate().skipLocked().execute();
  return rows.map((r) => ({ id: r.id, type: r.type, personId: r.person_id }));
}

export async function markProcessed(db: Db, ids: readonly string[], at: Date): Promise<void> {
  if (ids.length === 0) return;
  await db.updateTable('outbox_event').set({ processed_at: at }).where('id', 'in', ids).execute();
}

export async function rewritePaths(db: Db, oldPath: string, newPath: string): Promise<void> {
  const rewrite = (column: string) => sql<string>`${newPath} || substr(${sql.ref(column)}, ${oldPath.length + 1})`;
  await db.updateTable('alert').set({ org_path: rewrite('org_path') }).where((eb) => inScope(eb, 'org_path', { rootPath: oldPath })).execute();
  await db.updateTable('alert').set({ inbox_path: rewrite('inbox_path') }).where((eb) => inScope(eb, 'inbox_path', { rootPath: oldPath })).execute();
  await db.updateTable('alert_rule_setting').set({ org_path: rewrite('org_path') }).where((eb) => inScope(eb, 'org_path', { rootPath: oldPath })).execute();
}

/** An active account whose unit lies in scope (an alert is assigned only to someone in the caller's area). */
export async function accountInScope(db: Db, scope: Scope, id: string): Promise<{ id: string; name: string; orgPath: string } | null> {
  const row = await db.selectFrom('app_user as u').innerJoin('org_unit as o', 'o.id', 'u.org_unit_id')
    .select(['u.id', 'u.display_name', 'o.path']).where('u.id', '=', id).where('u.active', '=', true)
    .where((eb) => inScope(eb, 'o.path', { rootPath: scope.rootPath })).executeTakeFirst();
  return row ? { id: row.id, name: row.display_name, orgPath: row.path } : null;
}

/** Active accounts under the scope's root with their roles (the service keeps those who may work alerts). */
export async function accountsInScope(db: Db, scope: Scope): Promise<{ id: string; name: string; orgUnitName: string; roles: string[] }[]> {
  const rows = await db.selectFrom('app_user as u').innerJoin('org_unit as o', 'o.id', 'u.org_unit_id').innerJoin('user_role as r', 'r.user_id', 'u.id')
    .select(['u.id', 'u.display_name', 'o.name as org_name', 'r.role']).where('u.active', '=', true)
    .where((eb) => inScope(eb, 'o.path', { rootPath: scope.rootPath })).orderBy('o.path').orderBy('u.display_name').execute();
  const byId = new Map<string, { id: string; name: string; orgUnitName: string; roles: string[] }>();
  for (const r of rows) {
    const entry = byId.get(r.id) ?? { id: r.id, name: r.display_name, orgUnitName: r.org_name, roles: [] };
    entry.roles.push(r.role);
    byId.set(r.id, entry);
  }
  return [...byId.values()];
}

/** Counts by level, status and overdue, and median minutes from raising to the first acknowledgement / resolution. */
export async function stats(db: Db, scope: Scope, underPath: string | null) {
  let counts = db.selectFrom('alert as a').select(['a.level', 'a.status', 'a.overdue', (eb) => eb.fn.countAll<string>().as('n')])
    .where((eb) => inScope(eb, 'a.org_path', scope, 'a.person_id')).groupBy(['a.level', 'a.status', 'a.overdue']);
  if (underPath !== null) counts = counts.where((eb) => inScope(eb, 'a.org_path', { rootPath: underPath }));
  const median = async (action: string): Promise<number | null> => {
    let q = db.selectFrom('alert_transition as t').innerJoin('alert as a', 'a.id', 't.alert_id')
      .select(sql<string | null>`percentile_cont(0.5) within group (order by extract(epoch from (t.at - a.raised_at)) / 60)`.as('m'))
      .where('t.action', '=', action).where((eb) => inScope(eb, 'a.org_path', scope, 'a.person_id'));
    if (underPath !== null) q = q.where((eb) => inScope(eb, 'a.org_path', { rootPath: underPath }));
    const row = await q.executeTakeFirst();
    return row?.m === null || row?.m === undefined ? null : Math.round(Number(row.m) * 10) / 10;
  };
  return { rows: await counts.execute(), medianAck: await median('acknowledged'), medianResolve: await median('resolved') };
}
