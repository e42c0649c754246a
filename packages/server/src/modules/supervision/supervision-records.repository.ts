import { sql } from 'kysely';
import { inScope, type Scope } from '../../platform/access/scope.ts';
import type { Db } from '../../platform/db/database.ts';

/** All SQL over visits and talks (走访谈话), leave records (请假外出、未经批准离开) and assistance (帮扶救助). */

export interface StoredVisit {
  id: string;
  visitedOn: string;
  kind: string;
  place: string | null;
  visitedBy: { id: string; displayName: string };
  summary: string;
  findings: string | null;
  nextPlan: string | null;
  createdAt: Date;
}

export async function insertVisit(
  db: Db,
  v: Omit<StoredVisit, 'visitedBy' | 'createdAt'> & { personId: string; visitedBy: string; orgPath: string; createdBy: string | null },
  at: Date,
): Promise<void> {
  await db.insertInto('supervision_visit').values({
    id: v.id, person_id: v.personId, visited_on: v.visitedOn, kind: v.kind, place: v.place, visited_by: v.visitedBy, summary: v.summary,
    findings: v.findings, next_plan: v.nextPlan, org_path: v.orgPath, created_by: v.createdBy, created_at: at,
  }).execute();
}

export async function visitsOf(db: Db, personId: string): Promise<StoredVisit[]> {
  const rows = await db.selectFrom('supervision_visit as v').innerJoin('app_user as u', 'u.id', 'v.visited_by')
    .select(['v.id', 'v.visited_on', 'v.kind', 'v.place', 'v.visited_by', 'u.display_name', 'v.summary', 'v.findings', 'v.next_plan', 'v.created_at'])
    .where('v.person_id', '=', personId).orderBy('v.visited_on', 'desc').orderBy('v.created_at', 'desc').execute();
  return rows.map((r) => ({
    id: r.id, visitedOn: r.visited_on, kind: r.kind, place: r.place, visitedBy: { id: r.visited_by, displayName: r.display_name },
    summary: r.summary, findings: r.findings, nextPlan: r.next_plan, createdAt: r.created_at,
  }));
}

/**
 * The last day the supervisors were in contact with the person: the latest visit or talk, drug test or report-in
 * (the lost-contact rule reads it). Null without any contact.
 */
export async function lastContactDate(db: Db, personId: string): Promise<string | null> {
  const result = await sql<{ last: string | null }>`
    select max(d) as last from (
      select max(visited_on) as d from supervision_visit where person_id = ${personId}
      union all select max(tested_on) from drug_test where person_id = ${personId}
      union all select max(report_in_date) from measure where person_id = ${personId}
    ) contact`.execute(db);
  return result.rows[0]?.last ?? null;
}

export interface StoredLeave {
  id: string;
  personId: string;
  kind: string;
  from: string;
  to: string;
  destination: string | null;
  reason: string | null;
  approvedBy: string | null;
  returnedOn: string | null;
  createdAt: Date;
}

function toLeave(r: {
  id: string; person_id: string; kind: string; from_date: string; to_date: string; destination: string | null; reason: string | null;
  approved_by: string | null; returned_on: string | null; created_at: Date;
}): StoredLeave {
  return {
    id: r.id, personId: r.person_id, kind: r.kind, from: r.from_date, to: r.to_date, destination: r.destination, reason: r.reason,
    approvedBy: r.approved_by, returnedOn: r.returned_on, createdAt: r.created_at,
  };
}

const LEAVE_COLUMNS = ['l.id', 'l.person_id', 'l.kind', 'l.from_date', 'l.to_date', 'l.destination', 'l.reason', 'l.approved_by', 'l.returned_on', 'l.created_at'] as const;

export async function insertLeave(db: Db, l: Omit<StoredLeave, 'createdAt'> & { orgPath: string; createdBy: string | null }, at: Date): Promise<void> {
  await db.insertInto('leave_record').values({
    id: l.id, person_id: l.personId, kind: l.kind, from_date: l.from, to_date: l.to, destination: l.destination, reason: l.reason,
    approved_by: l.approvedBy, returned_on: l.returnedOn, org_path: l.orgPath, created_by: l.createdBy, created_at: at,
  }).execute();
}

export async function leavesOf(db: Db, personId: string): Promise<StoredLeave[]> {
  const rows = await db.selectFrom('leave_record as l').select([...LEAVE_COLUMNS])
    .where('l.person_id', '=', personId).orderBy('l.from_date', 'desc').orderBy('l.created_at', 'desc').execute();
  return rows.map(toLeave);
}

/** A leave record whose person lies in scope, locked for the update that records the return. */
export async function leaveInScope(db: Db, scope: Scope, id: string): Promise<StoredLeave | null> {
  const row = await db.selectFrom('leave_record as l').innerJoin('person as p', 'p.id', 'l.person_id').select([...LEAVE_COLUMNS])
    .where('l.id', '=', id).where((eb) => inScope(eb, 'p.org_path', scope, 'p.id')).forUpdate('l').executeTakeFirst();
  return row ? toLeave(row) : null;
}

export async function setReturned(db: Db, id: string, returnedOn: string): Promise<void> {
  await db.updateTable('leave_record').set({ returned_on: returnedOn }).where('id', '=', id).execute();
}

export interface StoredAssistance {
  id: string;
  personId: string;
  kind: string;
  givenOn: string;
  provider: string;
  amountFen: number | null;
  notes: string | null;
  orgPath: string;
  createdAt: Date;
}

export async function insertAssistance(db: Db, a: Omit<StoredAssistance, 'createdAt'> & { createdBy: string | null }, at: Date): Promise<void> {
  await db.insertInto('assistance').values({
    id: a.id, person_id: a.personId, kind: a.kind, given_on: a.givenOn, provider: a.provider, amount_fen: a.amountFen, notes: a.notes,
    org_path: a.orgPath, created_by: a.createdBy, created_at: at,
  }).execute();
}

const ASSISTANCE_COLUMNS = ['a.id', 'a.person_id', 'a.kind', 'a.given_on', 'a.provider', 'a.amount_fen', 'a.notes', 'a.org_path', 'a.created_at'] as const;
function toAssistance(r: {
  id: string; person_id: string; kind: string; given_on: string; provider: string; amount_fen: number | null; notes: string | null; org_path: string; created_at: Date;
}): StoredAssistance {
  return {
    id: r.id, personId: r.person_id, kind: r.kind, givenOn: r.given_on, provider: r.provider, amountFen: r.amount_fen, notes: r.notes,
    orgPath: r.org_path, createdAt: r.created_at,
  };
}

export async function assistanceOf(db: Db, personId: string): Promise<StoredAssistance[]> {
  const rows = await db.selectFrom('assistance as a').select([...ASSISTANCE_COLUMNS])
    .where('a.person_id', '=', personId).orderBy('a.given_on', 'desc').orderBy('a.created_at', 'desc').execute();
  return rows.map(toAssistance);
}

/** An assistance record whose person lies in scope (the attachment owner check). */
export async function assistanceInScope(db: Db, scope: Scope, id: string): Promise<StoredAssistance | null> {
  const row = await db.selectFrom('assistance as a').innerJoin('person as p', 'p.id', 'a.person_id').select([...ASSISTANCE_COLUMNS])
    .where('a.id', '=', id).where((eb) => inScope(eb, 'p.org_path', scope, 'p.id')).forShare('a').executeTakeFirst();
  return row ? toAssistance(row) : null;
}

export async function rewriteRecordPaths(db: Db, oldPath: string, newPath: string): Promise<void> {
  const rewrite = sql<string>`${newPath} || substr(org_path, ${oldPath.length + 1})`;
  for (const table of ['supervision_visit', 'leave_record', 'assistance', 'attachment'] as const) {
    await db.updateTable(table).set({ org_path: rewrite }).where((eb) => inScope(eb, 'org_path', { rootPath: oldPath })).execute();
  }
}
