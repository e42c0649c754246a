import { sql } from 'kysely';
import { inScope, ownScope, type Scope } from '../../platform/access/scope.ts';
import type { Db } from '../../platform/db/database.ts';

/** All SQL over measures (管控措施), their events and drug tests. Clocks are computed by the service, never stored. */

export const OPEN_STATUSES = ['ordered', 'active', 'suspended'] as const;

export interface StoredMeasure {
  id: string;
  personId: string;
  kind: string;
  decisionDate: string;
  decisionReceivedDate: string | null;
  decidingAgency: string;
  executingOrgUnitId: string;
  executingOrgUnitName: string;
  orgPath: string;
  termMonths: number | null;
  status: string;
  reportInDate: string | null;
  justifiedLateReport: boolean;
  agreementSignedDate: string | null;
  agreementNote: string | null;
  endedOn: string | null;
  endReason: string | null;
  version: number;
}

export interface StoredEvent {
  id: string;
  measureId: string;
  type: string;
  from: string;
  to: string | null;
  days: number | null;
  reason: string | null;
  note: string | null;
}

function measureQuery(db: Db) {
  return db
    .selectFrom('measure as m')
    .innerJoin('org_unit as o', 'o.id', 'm.executing_org_unit_id')
    .select([
      'm.id', 'm.person_id', 'm.kind', 'm.decision_date', 'm.decision_received_date', 'm.deciding_agency', 'm.executing_org_unit_id',
      'o.name as org_name', 'm.org_path', 'm.term_months', 'm.status', 'm.report_in_date', 'm.justified_late_report',
      'm.agreement_signed_date', 'm.agreement_note', 'm.ended_on', 'm.end_reason', 'm.version',
    ]);
}
type MeasureRow = Awaited<ReturnType<ReturnType<typeof measureQuery>['executeTakeFirstOrThrow']>>;

function toMeasure(r: MeasureRow): StoredMeasure {
  return {
    id: r.id, personId: r.person_id, kind: r.kind, decisionDate: r.decision_date, decisionReceivedDate: r.decision_received_date,
    decidingAgency: r.deciding_agency, executingOrgUnitId: r.executing_org_unit_id, executingOrgUnitName: r.org_name, orgPath: r.org_path,
    termMonths: r.term_months, status: r.status, reportInDate: r.report_in_date, justifiedLateReport: r.justified_late_report,
    agreementSignedDate: r.agreement_signed_date, agreementNote: r.agreement_note, endedOn: r.ended_on, endReason: r.end_reason,
    version: r.version,
  };
}

export async function measuresOf(db: Db, personId: string): Promise<StoredMeasure[]> {
  const rows = await measureQuery(db).where('m.person_id', '=', personId).orderBy('m.decision_date', 'desc').orderBy('m.created_at', 'desc').execute();
  return rows.map(toMeasure);
}

/** A measure whose person lies in scope (the person's current path decides), locked for an update when asked. */
export async function measureInScope(db: Db, scope: Scope, id: string, lock = false): Promise<StoredMeasure | null> {
  let query = measureQuery(db)
    .innerJoin('person as p', 'p.id', 'm.person_id')
    .where('m.id', '=', id)
    .where((eb) => inScope(eb, 'p.org_path', lock ? ownScope(scope) : scope, 'p.id'));
  if (lock) query = query.forUpdate('m');
  const row = await query.executeTakeFirst();
  return row ? toMeasure(row) : null;
}

export async function openMeasureOfKind(db: Db, personId: string, kind: string): Promise<string | null> {
  const row = await db.selectFrom('measure').select('id').where('person_id', '=', personId).where('kind', '=', kind)
    .where('status', 'in', [...OPEN_STATUSES]).executeTakeFirst();
  return row?.id ?? null;
}

export interface NewMeasure {
  id: string;
  personId: string;
  kind: string;
  decisionDate: string;
  decisionReceivedDate: string | null;
  decidingAgency: string;
  executingOrgUnitId: string;
  orgPath: string;
  termMonths: number | null;
  status: string;
  createdBy: string | null;
}

export async function insertMeasure(db: Db, m: NewMeasure, at: Date): Promise<void> {
  await db.insertInto('measure').values({
    id: m.id, person_id: m.personId, kind: m.kind, decision_date: m.decisionDate, decision_received_date: m.decisionReceivedDate,
    deciding_agency: m.decidingAgency, executing_org_unit_id: m.executingOrgUnitId, org_path: m.orgPath, term_months: m.termMonths,
    status: m.status, created_by: m.createdBy, created_at: at, updated_at: at,
  }).execute();
}

export async function updateMeasure(
  db: Db,
  id: string,
  set: Partial<{ status: string; report_in_date: string; justified_late_report: boolean; agreement_signed_date: string; agreement_note: string | null; ended_on: string | null; end_reason: string | null }>,
  at: Date,
): Promise<void> {
  await db.updateTable('measure').set({ ...set, version: sql<number>`version + 1`, updated_at: at }).where('id', '=', id).execute();
}

function toEvent(r: { id: string; measure_id: string; type: string; from_date: string; to_date: string | null; days: number | null; reason: string | null; note: string | null }): StoredEvent {
  return { id: r.id, measureId: r.measure_id, type: r.type, from: r.from_date, to: r.to_date, days: r.days, reason: r.reason, note: r.note };
}

export async function eventsOf(db: Db, measureIds: readonly string[]): Promise<StoredEvent[]> {
  if (measureIds.length === 0) return [];
  const rows = await db.selectFrom('measure_event').select(['id', 'measure_id', 'type', 'from_date', 'to_date', 'days', 'reason', 'note'])
    .where('measure_id', 'in', measureIds).orderBy('from_date').orderBy('created_at').execute();
  return rows.map(toEvent);
}

export async function insertEvent(db: Db, e: StoredEvent, createdBy: string | null, at: Date): Promise<void> {
  await db.insertInto('measure_event').values({
    id: e.id, measure_id: e.measureId, type: e.type, from_date: e.from, to_date: e.to, days: e.days, reason: e.reason, note: e.note,
    created_by: createdBy, created_at: at,
  }).execute();
}

export async function closeEvent(db: Db, id: string, to: string): Promise<void> {
  await db.updateTable('measure_event').set({ to_date: to }).where('id', '=', id).execute();
}

export interface StoredTest {
  id: string;
  personId: string;
  measureId: string | null;
  testedOn: string;
  kind: string;
  setting: string;
  resultEnc: string;
  tester: string | null;
  place: string | null;
  notes: string | null;
  createdAt: Date;
}

export async function insertTest(db: Db, t: Omit<StoredTest, 'createdAt'> & { orgPath: string; createdBy: string | null }, at: Date): Promise<void> {
  await db.insertInto('drug_test').values({
    id: t.id, person_id: t.personId, measure_id: t.measureId, tested_on: t.testedOn, kind: t.kind, setting: t.setting, result_enc: t.resultEnc,
    tester: t.tester, place: t.place, notes: t.notes, org_path: t.orgPath, created_by: t.createdBy, created_at: at,
  }).execute();
}

export async function testsOf(db: Db, personId: string): Promise<StoredTest[]> {
  const rows = await db.selectFrom('drug_test')
    .select(['id', 'person_id', 'measure_id', 'tested_on', 'kind', 'setting', 'result_enc', 'tester', 'place', 'notes', 'created_at'])
    .where('person_id', '=', personId).orderBy('tested_on', 'desc').orderBy('created_at', 'desc').execute();
  return rows.map((r) => ({
    id: r.id, personId: r.person_id, measureId: r.measure_id, testedOn: r.tested_on, kind: r.kind, setting: r.setting, resultEnc: r.result_enc,
    tester: r.tester, place: r.place, notes: r.notes, createdAt: r.created_at,
  }));
}

export interface WorklistRow {
  measure: StoredMeasure;
  personName: string;
}

/** Open measures of persons in scope (optionally under a unit's path), with the person's name. */
export async function openMeasuresInScope(db: Db, scope: Scope, underPath: string | null): Promise<WorklistRow[]> {
  let query = measureQuery(db)
    .innerJoin('person as p', 'p.id', 'm.person_id')
    .select('p.name as person_name')
    .where('m.status', 'in', [...OPEN_STATUSES])
    .where('p.status', '=', 'active')
    // Duties stay with the responsible side: a person merely being transferred in is not on the receiver's lists yet.
    .where((eb) => inScope(eb, 'p.org_path', ownScope(scope), 'p.id'));
  if (underPath !== null) query = query.where((eb) => inScope(eb, 'p.org_path', { rootPath: underPath }));
  const rows = await query.execute();
  return rows.map((r) => ({ measure: toMeasure(r), personName: r.person_name }));
}

/** Each person's last test date (any result counts for the schedule, docs/rules.md). */
export async function lastTestDates(db: Db, personIds: readonly string[]): Promise<Map<string, string>> {
  const last = new Map<string, string>();
  for (let i = 0; i < personIds.length; i += 1000) {
    const batch = personIds.slice(i, i + 1000);
    const rows = await db.selectFrom('drug_test').select(['person_id', (eb) => eb.fn.max('tested_on').as('last')])
      .where('person_id', 'in', batch).groupBy('person_id').execute();
    for (const r of rows) last.set(r.person_id, r.last);
  }
  return last;
}

export async function rewritePaths(db: Db, oldPath: string, newPath: string): Promise<void> {
  const rewrite = sql<string>`${newPath} || substr(org_path, ${oldPath.length + 1})`;
  await db.updateTable('measure').set({ org_path: rewrite }).where((eb) => inScope(eb, 'org_path', { rootPath: oldPath })).execute();
  await db.updateTable('drug_test').set({ org_path: rewrite }).where((eb) => inScope(eb, 'org_path', { rootPath: oldPath })).execute();
}

/** The measures of many persons at once (batched), for rules over a whole list (abstinence, indicators). */
export async function measuresOfPersons(db: Db, personIds: readonly string[]): Promise<StoredMeasure[]> {
  const out: StoredMeasure[] = [];
  for (let i = 0; i < personIds.length; i += 1000) {
    const rows = await measureQuery(db).where('m.person_id', 'in', personIds.slice(i, i + 1000)).orderBy('m.decision_date', 'desc').execute();
    out.push(...rows.map(toMeasure));
  }
  return out;
}

/** A person's open measures follow them to a new responsible unit (their org_path copy is the person's path). */
export async function setOpenMeasurePaths(db: Db, personId: string, orgPath: string): Promise<void> {
  await db.updateTable('measure').set({ org_path: orgPath }).where('person_id', '=', personId).where('status', 'in', [...OPEN_STATUSES]).execute();
}

/** Measures whose copied org path lies in scope (and under a subtree), decided on or before `until` (indicators, alerts). */
export async function measuresInArea(db: Db, scope: Scope, underPath: string, until: string): Promise<StoredMeasure[]> {
  const rows = await measureQuery(db)
    .where((eb) => inScope(eb, 'm.org_path', scope))
    .where((eb) => inScope(eb, 'm.org_path', { rootPath: underPath }))
    .where('m.decision_date', '<=', until)
    .execute();
  return rows.map(toMeasure);
}

/** The open community measures of these persons (batched), for the stored due dates (measure-due.ts). */
export async function openCommunityMeasuresOf(db: Db, personIds: readonly string[]): Promise<StoredMeasure[]> {
  const out: StoredMeasure[] = [];
  for (let i = 0; i < personIds.length; i += 1000) {
    const rows = await measureQuery(db).where('m.person_id', 'in', personIds.slice(i, i + 1000))
      .where('m.kind', 'in', ['communityTreatment', 'communityRehab']).where('m.status', 'in', [...OPEN_STATUSES]).execute();
    out.push(...rows.map(toMeasure));
  }
  return out;
}
