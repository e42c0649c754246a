import { sql } from 'kysely';
import { archivedPath, inScope, type Scope } from '../../platform/access/scope.ts';
import type { Db } from '../../platform/db/database.ts';

/** SQL of 戒断三年未复吸 reviews and the move of a person's records into the restricted archive. */

/**
 * Tables whose rows belong to one person and carry that person's org_path: archived with the person (their paths get
 * the archive prefix). A module adding such a table adds it here, one line.
 */
export const ARCHIVED_TABLES = [
  'person', 'detection', 'measure', 'drug_test', 'abstinence_review',
  // Other modules' person-owned tables (archived when their migration has run).
  'supervision_visit', 'leave_record', 'assistance', 'attachment', 'work_team_member', 'risk_assessment', 'violation_task', 'alert',
  'measure_due',
] as const;

/** The tables of ARCHIVED_TABLES that exist and carry both person_id and org_path (person itself aside). */
async function personOwnedTables(db: Db): Promise<string[]> {
  const { rows } = await sql<{ table_name: string }>`
    select table_name from information_schema.columns
    where table_schema = current_schema() and column_name in ('person_id', 'org_path')
    group by table_name having count(*) = 2`.execute(db);
  const present = new Set(rows.map((r) => r.table_name));
  return ARCHIVED_TABLES.filter((t) => t !== 'person' && present.has(t));
}

export interface StoredReview {
  id: string;
  personId: string;
  orgPath: string;
  since: string;
  markDate: string;
  evidence: string[];
  status: 'proposed' | 'approved' | 'rejected';
  proposedBy: string | null;
  proposedAt: Date;
  decidedAt: Date | null;
  decidedOn: string | null;
  reason: string | null;
  restoredOn: string | null;
  restoreReason: string | null;
}

const COLUMNS = ['r.id', 'r.person_id', 'r.org_path', 'r.since', 'r.mark_date', 'r.evidence', 'r.status', 'r.proposed_by', 'r.proposed_at', 'r.decided_at', 'r.decided_on', 'r.reason',
  'r.restored_on', 'r.restore_reason'] as const;

function parseEvidence(text: string): string[] {
  const value: unknown = JSON.parse(text);
  return Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : [];
}

function toReview(r: {
  id: string; person_id: string; org_path: string; since: string; mark_date: string; evidence: string; status: string; proposed_by: string | null;
  proposed_at: Date; decided_at: Date | null; decided_on: string | null; reason: string | null; restored_on: string | null; restore_reason: string | null;
}): StoredReview {
  return {
    id: r.id, personId: r.person_id, orgPath: r.org_path, since: r.since, markDate: r.mark_date, evidence: parseEvidence(r.evidence),
    status: r.status as StoredReview['status'], proposedBy: r.proposed_by, proposedAt: r.proposed_at, decidedAt: r.decided_at,
    decidedOn: r.decided_on, reason: r.reason, restoredOn: r.restored_on, restoreReason: r.restore_reason,
  };
}

/**
 * Persons in scope who might be eligible: active, with a measure or detection on record, and no measure decided or
 * detection made within the last three years (neither can have ended three years ago). The rule decides the rest.
 */
export async function possibleCandidates(db: Db, scope: Scope, underPath: string | null, threeYearsAgo: string): Promise<string[]> {
  let query = db.selectFrom('person as p').select('p.id')
    .where('p.status', '=', 'active')
    .where((eb) => inScope(eb, 'p.org_path', scope))
    .where((eb) => eb.or([
      eb.exists(eb.selectFrom('measure as m').select('m.id').whereRef('m.person_id', '=', 'p.id')),
      eb.exists(eb.selectFrom('detection as d').select('d.id').whereRef('d.person_id', '=', 'p.id')),
    ]))
    .where((eb) => eb.not(eb.exists(eb.selectFrom('measure as m').select('m.id').whereRef('m.person_id', '=', 'p.id').where('m.decision_date', '>', threeYearsAgo))))
    .where((eb) => eb.not(eb.exists(eb.selectFrom('detection as d').select('d.id').whereRef('d.person_id', '=', 'p.id').where('d.detected_on', '>', threeYearsAgo))));
  if (underPath !== null) query = query.where((eb) => inScope(eb, 'p.org_path', { rootPath: underPath }));
  return (await query.orderBy('p.name').orderBy('p.id').execute()).map((r) => r.id);
}

export async function detectionDates(db: Db, personIds: readonly string[]): Promise<Map<string, string[]>> {
  const out = new Map<string, string[]>();
  for (let i = 0; i < personIds.length; i += 1000) {
    const rows = await db.selectFrom('detection').select(['person_id', 'detected_on']).where('person_id', 'in', personIds.slice(i, i + 1000)).execute();
    for (const r of rows) out.set(r.person_id, [...(out.get(r.person_id) ?? []), r.detected_on]);
  }
  return out;
}

export async function openReviews(db: Db, personIds: readonly string[]): Promise<Map<string, string>> {
  const out = new Map<string, string>();
  for (let i = 0; i < personIds.length; i += 1000) {
    const rows = await db.selectFrom('abstinence_review').select(['id', 'person_id']).where('status', '=', 'proposed')
      .where('person_id', 'in', personIds.slice(i, i + 1000)).execute();
    for (const r of rows) out.set(r.person_id, r.id);
  }
  return out;
}

export async function insertReview(db: Db, r: Omit<StoredReview, 'status' | 'decidedAt' | 'decidedOn' | 'reason' | 'restoredOn' | 'restoreReason'>): Promise<void> {
  await db.insertInto('abstinence_review').values({
    id: r.id, person_id: r.personId, org_path: r.orgPath, since: r.since, mark_date: r.markDate, evidence: JSON.stringify(r.evidence),
    proposed_by: r.proposedBy, proposed_at: r.proposedAt,
  }).execute();
}

/** A review whose person lies in scope (ordinary or archive scope), locked for the decision when asked. */
export async function reviewInScope(db: Db, scope: Scope, id: string, lock = false): Promise<StoredReview | null> {
  let query = db.selectFrom('abstinence_review as r').select(COLUMNS).where('r.id', '=', id).where((eb) => inScope(eb, 'r.org_path', scope));
  if (lock) query = query.forUpdate();
  const row = await query.executeTakeFirst();
  return row ? toReview(row) : null;
}

/** Reviews in scope; `alsoScope` adds a second one (the office's 已批准: archived reviews and those of restored persons). */
export async function listReviews(
  db: Db, scope: Scope, status: string | undefined, page: number, pageSize: number, alsoScope?: Scope,
): Promise<{ items: StoredReview[]; total: number }> {
  let query = db.selectFrom('abstinence_review as r')
    .where((eb) => (alsoScope ? eb.or([inScope(eb, 'r.org_path', scope), inScope(eb, 'r.org_path', alsoScope)]) : inScope(eb, 'r.org_path', scope)));
  if (status !== undefined) query = query.where('r.status', '=', status);
  const total = await query.select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow();
  const rows = await query.select(COLUMNS).orderBy('r.proposed_at', 'desc').orderBy('r.id').limit(pageSize).offset((page - 1) * pageSize).execute();
  return { items: rows.map(toReview), total: Number(total.n) };
}

export async function reviewsOfPerson(db: Db, personId: string): Promise<StoredReview[]> {
  const rows = await db.selectFrom('abstinence_review as r').select(COLUMNS).where('r.person_id', '=', personId).orderBy('r.proposed_at').execute();
  return rows.map(toReview);
}

export async function decideReview(db: Db, id: string, set: { status: 'approved' | 'rejected'; decidedBy: string | null; decidedAt: Date; decidedOn: string; reason: string | null }): Promise<void> {
  await db.updateTable('abstinence_review').set({
    status: set.status, decided_by: set.decidedBy, decided_at: set.decidedAt, decided_on: set.decidedOn, reason: set.reason,
    version: sql<number>`version + 1`,
  }).where('id', '=', id).execute();
}

/** Moves a person and every record in ARCHIVED_TABLES out of all ordinary scopes (archive prefix on org_path). */
export async function archivePerson(db: Db, personId: string, at: Date): Promise<void> {
  const prefixed = sql<string>`${archivedPath('')} || org_path`;
  await db.updateTable('person').set({ status: 'abstinent', org_path: prefixed, version: sql<number>`version + 1`, updated_at: at })
    .where('id', '=', personId).where('org_path', 'not like', `${archivedPath('')}%`).execute();
  for (const table of await personOwnedTables(db)) {
    // Every table in the list has person_id and org_path; the cast only picks one of them for the builder's types.
    await db.updateTable(table as 'detection').set({ org_path: prefixed }).where('person_id', '=', personId)
      .where('org_path', 'not like', `${archivedPath('')}%`).execute();
  }
}

/**
 * 恢复管控: the reverse of archivePerson — the prefix comes off the person (status active again) and off every archived
 * row of theirs, so the ordinary scopes find them again.
 */
export async function restorePerson(db: Db, personId: string, at: Date): Promise<void> {
  const prefix = archivedPath('');
  const unprefixed = sql<string>`substr(org_path, ${prefix.length + 1})`;
  await db.updateTable('person').set({ status: 'active', org_path: unprefixed, version: sql<number>`version + 1`, updated_at: at })
    .where('id', '=', personId).where('org_path', 'like', `${prefix}%`).execute();
  for (const table of await personOwnedTables(db)) {
    await db.updateTable(table as 'detection').set({ org_path: unprefixed }).where('person_id', '=', personId).where('org_path', 'like', `${prefix}%`).execute();
  }
}

/** The approved review keeps when, by whom and why the person was restored. */
export async function markRestored(db: Db, reviewId: string, set: { on: string; by: string | null; reason: string }): Promise<void> {
  await db.updateTable('abstinence_review').set({ restored_on: set.on, restored_by: set.by, restore_reason: set.reason, version: sql<number>`version + 1` })
    .where('id', '=', reviewId).execute();
}

/** An archived person in the archive scope, locked for a restore. */
export async function archivedPersonForUpdate(db: Db, archive: Scope, id: string): Promise<{ id: string; orgPath: string; birthDate: string } | null> {
  const row = await db.selectFrom('person').select(['id', 'org_path', 'birth_date']).where('id', '=', id).where('status', '=', 'abstinent')
    .where((eb) => inScope(eb, 'org_path', archive)).forUpdate().executeTakeFirst();
  return row ? { id: row.id, orgPath: row.org_path, birthDate: row.birth_date } : null;
}

/** An org move also rewrites the archived copies under the moved unit (their paths are prefixed, so ordinary listeners miss them). */
export async function rewriteArchivedPaths(db: Db, oldPath: string, newPath: string): Promise<void> {
  const oldArchived = archivedPath(oldPath);
  const rewrite = sql<string>`${archivedPath(newPath)} || substr(org_path, ${oldArchived.length + 1})`;
  for (const table of ['person', ...await personOwnedTables(db)]) {
    await db.updateTable(table as 'detection').set({ org_path: rewrite }).where((eb) => inScope(eb, 'org_path', { rootPath: oldArchived })).execute();
  }
  // Open and rejected reviews keep the person's ordinary path.
  await db.updateTable('abstinence_review').set({ org_path: sql<string>`${newPath} || substr(org_path, ${oldPath.length + 1})` })
    .where((eb) => inScope(eb, 'org_path', { rootPath: oldPath })).execute();
}

export interface ArchivedPersonRow {
  id: string;
  name: string;
  idNumberEnc: string;
  orgUnitId: string;
}

export async function listArchived(db: Db, archive: Scope, filters: { idHash?: string; nameContains?: string }, page: number, pageSize: number): Promise<{ items: ArchivedPersonRow[]; total: number }> {
  let query = db.selectFrom('person').where('status', '=', 'abstinent').where((eb) => inScope(eb, 'org_path', archive));
  if (filters.idHash !== undefined) query = query.where('id_hash', '=', filters.idHash);
  if (filters.nameContains !== undefined) query = query.where('name', 'ilike', `%${filters.nameContains.replace(/[\\%_]/g, (c) => `\\${c}`)}%`);
  const total = await query.select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow();
  const rows = await query.select(['id', 'name', 'id_number_enc', 'org_unit_id']).orderBy('name').orderBy('id').limit(pageSize).offset((page - 1) * pageSize).execute();
  return { items: rows.map((r) => ({ id: r.id, name: r.name, idNumberEnc: r.id_number_enc, orgUnitId: r.org_unit_id })), total: Number(total.n) };
}

export async function archivedPerson(db: Db, archive: Scope, id: string): Promise<ArchivedPersonRow | null> {
  const row = await db.selectFrom('person').select(['id', 'name', 'id_number_enc', 'org_unit_id']).where('id', '=', id).where('status', '=', 'abstinent')
    .where((eb) => inScope(eb, 'org_path', archive)).executeTakeFirst();
  return row ? { id: row.id, name: row.name, idNumberEnc: row.id_number_enc, orgUnitId: row.org_unit_id } : null;
}

export interface PersonSummary {
  id: string;
  name: string;
  idNumberEnc: string;
  orgUnitId: string;
  orgPath: string;
}

/** Names and sealed ID numbers of persons already known to be in scope (for masked lists). */
export async function personSummaries(db: Db, personIds: readonly string[]): Promise<Map<string, PersonSummary>> {
  const out = new Map<string, PersonSummary>();
  for (let i = 0; i < personIds.length; i += 1000) {
    const rows = await db.selectFrom('person').select(['id', 'name', 'id_number_enc', 'org_unit_id', 'org_path']).where('id', 'in', personIds.slice(i, i + 1000)).execute();
    for (const r of rows) out.set(r.id, { id: r.id, name: r.name, idNumberEnc: r.id_number_enc, orgUnitId: r.org_unit_id, orgPath: r.org_path });
  }
  return out;
}

export interface SealedTest {
  id: string;
  personId: string;
  testedOn: string;
  resultEnc: string;
}

export async function testsOfPersons(db: Db, personIds: readonly string[]): Promise<SealedTest[]> {
  const out: SealedTest[] = [];
  for (let i = 0; i < personIds.length; i += 1000) {
    const rows = await db.selectFrom('drug_test').select(['id', 'person_id', 'tested_on', 'result_enc']).where('person_id', 'in', personIds.slice(i, i + 1000)).execute();
    out.push(...rows.map((r) => ({ id: r.id, personId: r.person_id, testedOn: r.tested_on, resultEnc: r.result_enc })));
  }
  return out;
}

export async function hasPendingTransfer(db: Db, personId: string): Promise<boolean> {
  const row = await db.selectFrom('person_transfer').select('id').where('person_id', '=', personId).where('status', '=', 'pending').executeTakeFirst();
  return row !== undefined;
}

/** A person's responsible unit changed: open and rejected reviews follow (approved ones are archived, never edited). */
export async function setReviewPaths(db: Db, personId: string, orgPath: string): Promise<void> {
  await db.updateTable('abstinence_review').set({ org_path: orgPath }).where('person_id', '=', personId).where('status', '<>', 'approved').execute();
}
