import { sql } from 'kysely';
import type { RiskInstrumentDefinition, RiskLevel, RiskTriggerKind } from '@qingyuan/shared';
import { inScope, type Scope } from '../../platform/access/scope.ts';
import type { Db } from '../../platform/db/database.ts';

/** All SQL over risk instruments, assessments, their triggers and serious-violation tasks. */

export interface StoredInstrument extends RiskInstrumentDefinition {
  id: string;
  version: number;
  createdAt: Date;
}

function toInstrument(r: { id: string; version: number; items: string; thresholds: string; created_at: Date }): StoredInstrument {
  return {
    id: r.id, version: r.version, createdAt: r.created_at,
    items: JSON.parse(r.items) as StoredInstrument['items'], thresholds: JSON.parse(r.thresholds) as StoredInstrument['thresholds'],
  };
}

/** The instrument of a version, or the latest when none is named. */
export async function instrument(db: Db, version?: number): Promise<StoredInstrument | null> {
  let query = db.selectFrom('risk_instrument').select(['id', 'version', 'items', 'thresholds', 'created_at']);
  query = version === undefined ? query.orderBy('version', 'desc').limit(1) : query.where('version', '=', version);
  const row = await query.executeTakeFirst();
  return row ? toInstrument(row) : null;
}

export async function instrumentById(db: Db, id: string): Promise<StoredInstrument | null> {
  const row = await db.selectFrom('risk_instrument').select(['id', 'version', 'items', 'thresholds', 'created_at']).where('id', '=', id).executeTakeFirst();
  return row ? toInstrument(row) : null;
}

/** Serialises instrument saves (a transaction-scoped advisory lock), so versions never collide. */
export async function lockInstrument(db: Db): Promise<void> {
  await sql`select pg_advisory_xact_lock(hashtext('risk_instrument'))`.execute(db);
}

export async function insertInstrument(db: Db, row: { id: string; version: number; def: RiskInstrumentDefinition; createdBy: string | null }, at: Date): Promise<void> {
  await db.insertInto('risk_instrument').values({
    id: row.id, version: row.version, items: JSON.stringify(row.def.items), thresholds: JSON.stringify(row.def.thresholds), created_by: row.createdBy, created_at: at,
  }).execute();
}

export interface StoredAssessment {
  id: string;
  personId: string;
  instrumentId: string;
  instrumentVersion: number;
  assessedOn: string;
  occasion: string;
  answersEnc: string;
  score: number;
  computedLevel: RiskLevel;
  level: RiskLevel;
  overrideReason: string | null;
  assessor: string | null;
  createdAt: Date;
}

export async function assessmentsOf(db: Db, personId: string): Promise<StoredAssessment[]> {
  const rows = await db.selectFrom('risk_assessment as a')
    .innerJoin('risk_instrument as i', 'i.id', 'a.instrument_id')
    .leftJoin('app_user as u', 'u.id', 'a.created_by')
    .select(['a.id', 'a.person_id', 'a.instrument_id', 'i.version', 'a.assessed_on', 'a.occasion', 'a.answers_enc', 'a.score', 'a.computed_level', 'a.level',
      'a.override_reason', 'u.display_name', 'a.created_at'])
    .where('a.person_id', '=', personId)
    .orderBy('a.assessed_on', 'desc').orderBy('a.created_at', 'desc')
    .execute();
  return rows.map((r) => ({
    id: r.id, personId: r.person_id, instrumentId: r.instrument_id, instrumentVersion: r.version, assessedOn: r.assessed_on, occasion: r.occasion,
    answersEnc: r.answers_enc, score: r.score, computedLevel: r.computed_level as RiskLevel, level: r.level as RiskLevel,
    overrideReason: r.override_reason, assessor: r.display_name, createdAt: r.created_at,
  }));
}

/** The person's most recent assessments (newest first): id, day and level only. */
export async function recentLevels(db: Db, personId: string, count: number): Promise<{ id: string; assessedOn: string; level: RiskLevel }[]> {
  const rows = await db.selectFrom('risk_assessment').select(['id', 'assessed_on', 'level'])
    .where('person_id', '=', personId).orderBy('assessed_on', 'desc').orderBy('created_at', 'desc').limit(count).execute();
  return rows.map((r) => ({ id: r.id, assessedOn: r.assessed_on, level: r.level as RiskLevel }));
}

export async function insertAssessment(
  db: Db,
  a: Omit<StoredAssessment, 'instrumentVersion' | 'assessor' | 'createdAt'> & { orgPath: string; createdBy: string | null },
  at: Date,
): Promise<void> {
  await db.insertInto('risk_assessment').values({
    id: a.id, person_id: a.personId, instrument_id: a.instrumentId, assessed_on: a.assessedOn, occasion: a.occasion, answers_enc: a.answersEnc,
    score: a.score, computed_level: a.computedLevel, level: a.level, override_reason: a.overrideReason, org_path: a.orgPath, created_by: a.createdBy,
    created_at: at,
  }).execute();
}

/** Each asked person's level from their latest assessment (by day, then by entry); absent when never assessed. */
export async function latestLevels(db: Db, personIds: readonly string[]): Promise<Map<string, RiskLevel>> {
  const levels = new Map<string, RiskLevel>();
  for (let i = 0; i < personIds.length; i += 1000) {
    const batch = personIds.slice(i, i + 1000);
    const rows = await db.selectFrom('risk_assessment').select(['person_id', 'level'])
      .distinctOn('person_id').where('person_id', 'in', batch)
      .orderBy('person_id').orderBy('assessed_on', 'desc').orderBy('created_at', 'desc')
      .execute();
    for (const r of rows) levels.set(r.person_id, r.level as RiskLevel);
  }
  return levels;
}

/** Each asked person's latest assessment (by day, then by entry): final level and day; absent when never assessed. */
export async function latestAssessments(db: Db, personIds: readonly string[]): Promise<Map<string, { level: RiskLevel; assessedOn: string }>> {
  const latest = new Map<string, { level: RiskLevel; assessedOn: string }>();
  for (let i = 0; i < personIds.length; i += 1000) {
    const batch = personIds.slice(i, i + 1000);
    const rows = await db.selectFrom('risk_assessment').select(['person_id', 'level', 'assessed_on'])
      .distinctOn('person_id').where('person_id', 'in', batch)
      .orderBy('person_id').orderBy('assessed_on', 'desc').orderBy('created_at', 'desc')
      .execute();
    for (const r of rows) latest.set(r.person_id, { level: r.level as RiskLevel, assessedOn: r.assessed_on });
  }
  return latest;
}

/** Records a trigger once per source record; true when it is new. */
export async function addTrigger(db: Db, t: { id: string; personId: string; kind: RiskTriggerKind; sourceId: string; occurredOn: string }, at: Date): Promise<boolean> {
  const rows = await db.insertInto('risk_trigger').values({
    id: t.id, person_id: t.personId, kind: t.kind, source_id: t.sourceId, occurred_on: t.occurredOn, created_at: at,
  }).onConflict((oc) => oc.columns(['kind', 'source_id']).doNothing()).returning('id').execute();
  return rows.length > 0;
}

export async function triggersOf(db: Db, personId: string): Promise<{ kind: RiskTriggerKind; date: string }[]> {
  const rows = await db.selectFrom('risk_trigger').select(['kind', 'occurred_on']).where('person_id', '=', personId).orderBy('occurred_on').execute();
  return rows.map((r) => ({ kind: r.kind as RiskTriggerKind, date: r.occurred_on }));
}

export async function setAssessmentPaths(db: Db, personId: string, orgPath: string): Promise<void> {
  await db.updateTable('risk_assessment').set({ org_path: orgPath }).where('person_id', '=', personId).execute();
}

// Serious-violation tasks.

export interface StoredViolationTask {
  id: string;
  personId: string;
  personName: string;
  measureId: string;
  basis: string;
  reachedOn: string;
  explanation: string;
  status: string;
  orgUnitId: string;
  orgUnitName: string;
  reportedToPoliceOn: string | null;
  policeDecision: string | null;
  outcomeNote: string | null;
  dismissReason: string | null;
  withdrawnOn: string | null;
  withdrawnReason: string | null;
  basisNote: string | null;
  createdAt: Date;
}

function taskQuery(db: Db) {
  return db.selectFrom('violation_task as t')
    .innerJoin('person as p', 'p.id', 't.person_id')
    .innerJoin('org_unit as o', 'o.id', 't.org_unit_id')
    .select(['t.id', 't.person_id', 'p.name as person_name', 't.measure_id', 't.basis', 't.reached_on', 't.explanation', 't.status', 't.org_unit_id',
      'o.name as org_name', 't.reported_to_police_on', 't.police_decision', 't.outcome_note', 't.dismiss_reason', 't.created_at',
      't.withdrawn_on', 't.withdrawn_reason', 't.basis_note']);
}
type TaskRow = Awaited<ReturnType<ReturnType<typeof taskQuery>['executeTakeFirstOrThrow']>>;

function toTask(r: TaskRow): StoredViolationTask {
  return {
    id: r.id, personId: r.person_id, personName: r.person_name, measureId: r.measure_id, basis: r.basis, reachedOn: r.reached_on, explanation: r.explanation,
    status: r.status, orgUnitId: r.org_unit_id, orgUnitName: r.org_name, reportedToPoliceOn: r.reported_to_police_on, policeDecision: r.police_decision,
    outcomeNote: r.outcome_note, dismissReason: r.dismiss_reason, withdrawnOn: r.withdrawn_on, withdrawnReason: r.withdrawn_reason, basisNote: r.basis_note,
    createdAt: r.created_at,
  };
}

/** Creates the task unless this measure already has one for this basis; true when it is new. */
export async function addViolationTask(
  db: Db,
  t: { id: string; personId: string; measureId: string; basis: string; reachedOn: string; explanation: string; orgUnitId: string; orgPath: string },
  at: Date,
): Promise<boolean> {
  const rows = await db.insertInto('violation_task').values({
    id: t.id, person_id: t.personId, measure_id: t.measureId, basis: t.basis, reached_on: t.reachedOn, explanation: t.explanation,
    org_unit_id: t.orgUnitId, org_path: t.orgPath, status: 'open', created_at: at,
  }).onConflict((oc) => oc.columns(['measure_id', 'basis']).doNothing()).returning('id').execute();
  return rows.length > 0;
}

/** Tasks in scope (the task's unit path; a worker's scope further narrows to their persons). */
export async function violationTasks(db: Db, scope: Scope, status: string, page: number, pageSize: number): Promise<{ items: StoredViolationTask[]; total: number }> {
  const query = taskQuery(db).where('t.status', '=', status).where((eb) => inScope(eb, 't.org_path', scope, 't.person_id'));
  const total = await db.selectFrom('violation_task as t').select((eb) => eb.fn.countAll<string>().as('n'))
    .where('t.status', '=', status).where((eb) => inScope(eb, 't.org_path', scope, 't.person_id')).executeTakeFirstOrThrow();
  const rows = await query.orderBy('t.reached_on').orderBy('t.id').limit(pageSize).offset((page - 1) * pageSize).execute();
  return { items: rows.map(toTask), total: Number(total.n) };
}

export async function violationTaskInScope(db: Db, scope: Scope, id: string): Promise<StoredViolationTask | null> {
  const row = await taskQuery(db).where('t.id', '=', id).where((eb) => inScope(eb, 't.org_path', scope, 't.person_id')).forUpdate('t').executeTakeFirst();
  return row ? toTask(row) : null;
}

export async function decideViolationTask(
  db: Db,
  id: string,
  set: { status: 'completed' | 'dismissed'; reported_to_police_on?: string; police_decision?: string; outcome_note?: string | null; dismiss_reason?: string },
  by: string | null,
  at: Date,
): Promise<void> {
  await db.updateTable('violation_task').set({ ...set, decided_by: by, decided_at: at }).where('id', '=', id).execute();
}

/** A measure's tasks, locked (the check reviews them after the facts changed). */
export async function tasksOfMeasure(db: Db, measureId: string): Promise<{ id: string; basis: string; status: string; basisNote: string | null }[]> {
  const rows = await db.selectFrom('violation_task').select(['id', 'basis', 'status', 'basis_note']).where('measure_id', '=', measureId)
    .orderBy('id').forUpdate().execute();
  return rows.map((r) => ({ id: r.id, basis: r.basis, status: r.status, basisNote: r.basis_note }));
}

/** Withdrawn by the system (the basis no longer holds); only an open task. */
export async function withdrawViolationTask(db: Db, id: string, reason: string, on: string, at: Date): Promise<void> {
  await db.updateTable('violation_task').set({ status: 'withdrawn', withdrawn_reason: reason, withdrawn_on: on, decided_by: null, decided_at: at })
    .where('id', '=', id).where('status', '=', 'open').execute();
}

/** A withdrawn task whose basis holds again: open once more, with the new day and count. */
export async function reopenViolationTask(db: Db, id: string, reachedOn: string, explanation: string): Promise<void> {
  await db.updateTable('violation_task').set({ status: 'open', reached_on: reachedOn, explanation, withdrawn_reason: null, withdrawn_on: null, decided_by: null, decided_at: null })
    .where('id', '=', id).where('status', '=', 'withdrawn').execute();
}

/** The note on a completed task whose basis no longer holds (written once). */
export async function noteViolationTask(db: Db, id: string, note: string): Promise<void> {
  await db.updateTable('violation_task').set({ basis_note: note }).where('id', '=', id).where('basis_note', 'is', null).execute();
}

export async function rewritePaths(db: Db, oldPath: string, newPath: string): Promise<void> {
  const rewrite = sql<string>`${newPath} || substr(org_path, ${oldPath.length + 1})`;
  await db.updateTable('risk_assessment').set({ org_path: rewrite }).where((eb) => inScope(eb, 'org_path', { rootPath: oldPath })).execute();
  await db.updateTable('violation_task').set({ org_path: rewrite }).where((eb) => inScope(eb, 'org_path', { rootPath: oldPath })).execute();
}
