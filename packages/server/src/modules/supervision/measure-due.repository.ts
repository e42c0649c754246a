import { sql } from 'kysely';
import { inScope, ownScope, type Scope } from '../../platform/access/scope.ts';
import type { Db } from '../../platform/db/database.ts';
import type { DueFacts, MeasureList } from './measure-due-rules.ts';
import { OPEN_STATUSES } from './supervision.repository.ts';

/** All SQL over measure_due (stored due dates, 0021) and its refresh marker. */

const COMMUNITY_KINDS = ['communityTreatment', 'communityRehab'];

export interface MeasureDueRow extends DueFacts {
  measureId: string;
  personId: string;
  orgPath: string;
  kind: string;
  computedOn: string;
}

/** Persons with an open community measure or a stored row, in id order after `afterId` (the refresh walks them in batches). */
export async function personsToRefresh(db: Db, afterId: string | null, limit: number): Promise<string[]> {
  const { rows } = await sql<{ person_id: string }>`
    select person_id from (
      select person_id from measure where kind in (${sql.join(COMMUNITY_KINDS)}) and status in (${sql.join([...OPEN_STATUSES])})
      union select person_id from measure_due
    ) p
    where ${afterId === null ? sql`true` : sql`person_id > ${afterId}`}
    order by person_id limit ${limit}`.execute(db);
  return rows.map((r) => r.person_id);
}

/** The persons with a row or an open community measure whose path lies under `path` (a policy change, an org move). */
export async function personsUnder(db: Db, path: string): Promise<string[]> {
  const rows = await db.selectFrom('person').select('id')
    .where((eb) => inScope(eb, 'org_path', { rootPath: path }))
    .where((eb) => eb.or([
      eb.exists(eb.selectFrom('measure_due as d').select('d.measure_id').whereRef('d.person_id', '=', 'person.id')),
      eb.exists(eb.selectFrom('measure as m').select('m.id').whereRef('m.person_id', '=', 'person.id')
        .where('m.kind', 'in', COMMUNITY_KINDS).where('m.status', 'in', [...OPEN_STATUSES])),
    ]))
    .orderBy('id').execute();
  return rows.map((r) => r.id);
}

/** Each person's current path (the scope copy of their rows). */
export async function personPaths(db: Db, personIds: readonly string[]): Promise<Map<string, string>> {
  if (personIds.length === 0) return new Map();
  const rows = await db.selectFrom('person').select(['id', 'org_path']).where('id', 'in', personIds).execute();
  return new Map(rows.map((r) => [r.id, r.org_path]));
}

/** Replaces the stored rows of these persons by `rows` (all of them: a person without an open measure keeps none). */
export async function replaceRows(db: Db, personIds: readonly string[], rows: readonly MeasureDueRow[]): Promise<void> {
  if (personIds.length === 0) return;
  await db.deleteFrom('measure_due').where('person_id', 'in', personIds).execute();
  for (let i = 0; i < rows.length; i += 500) {
    await db.insertInto('measure_due').values(rows.slice(i, i + 500).map((r) => ({
      measure_id: r.measureId, person_id: r.personId, org_path: r.orgPath, kind: r.kind, status: r.status,
      report_in_due: r.reportInDue?.date ?? null, report_in_rule: r.reportInDue?.rule ?? null, report_in_explanation: r.reportInDue?.explanation ?? null,
      term_end: r.termEnd?.date ?? null, term_end_rule: r.termEnd?.rule ?? null, term_end_explanation: r.termEnd?.explanation ?? null,
      next_test_due: r.nextTest?.date ?? null, next_test_rule: r.nextTest?.rule ?? null, next_test_explanation: r.nextTest?.explanation ?? null,
      test_state: r.testState, computed_on: r.computedOn,
    }))).execute();
  }
}

/** Drops rows whose measure is no longer an open community measure (a refresh's first step). */
export async function deleteClosed(db: Db): Promise<void> {
  await db.deleteFrom('measure_due').where((eb) => eb.not(eb.exists(eb.selectFrom('measure as m').select('m.id')
    .whereRef('m.id', '=', 'measure_due.measure_id').where('m.kind', 'in', COMMUNITY_KINDS).where('m.status', 'in', [...OPEN_STATUSES])))).execute();
}

/** Keeps the path copies in step with a moved unit (archived rows are rewritten by the archive's own listener). */
export async function rewritePaths(db: Db, oldPath: string, newPath: string): Promise<void> {
  await db.updateTable('measure_due').set({ org_path: sql<string>`${newPath} || substr(org_path, ${oldPath.length + 1})` })
    .where((eb) => inScope(eb, 'org_path', { rootPath: oldPath })).execute();
}

export async function refreshedDay(db: Db): Promise<string | null> {
  const row = await db.selectFrom('measure_due_refresh').select('day').where('id', '=', 1).executeTakeFirst();
  return row?.day ?? null;
}

export async function markRefreshed(db: Db, day: string, rows: number, at: Date): Promise<void> {
  await db.insertInto('measure_due_refresh').values({ id: 1, day, rows, finished_at: at })
    .onConflict((oc) => oc.column('id').doUpdateSet({ day, rows, finished_at: at })).execute();
}

export async function countRows(db: Db): Promise<number> {
  const row = await db.selectFrom('measure_due').select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow();
  return Number(row.n);
}

export interface StoredListItem {
  personId: string;
  personName: string;
  measureId: string;
  measureKind: string;
  dueDate: string;
  rule: string;
  explanation: string;
}

/**
 * A working list over the stored rows of `today`: the same persons as the live list (active persons in own scope,
 * worker scope through the person id, optional unit subtree), the same order (overdue days desc / term end asc, then
 * name in code-point order, then measure id), paged and counted in the database. No page: every row (alert rules).
 */
export async function storedList(
  db: Db, scope: Scope, underPath: string | null, list: MeasureList, today: string, page: { limit: number; offset: number } | null,
): Promise<{ items: StoredListItem[]; total: number }> {
  const columns = {
    notReportedIn: ['d.report_in_due', 'd.report_in_rule', 'd.report_in_explanation'],
    endingSoon: ['d.term_end', 'd.term_end_rule', 'd.term_end_explanation'],
    due: ['d.next_test_due', 'd.next_test_rule', 'd.next_test_explanation'],
    overdue: ['d.next_test_due', 'd.next_test_rule', 'd.next_test_explanation'],
  } as const;
  const [dateCol, ruleCol, explanationCol] = columns[list];
  let query = db.selectFrom('measure_due as d')
    .innerJoin('person as p', 'p.id', 'd.person_id')
    .where('p.status', '=', 'active')
    .where((eb) => inScope(eb, 'd.org_path', ownScope(scope), 'd.person_id'));
  if (underPath !== null) query = query.where((eb) => inScope(eb, 'd.org_path', { rootPath: underPath }));
  switch (list) {
    case 'notReportedIn': query = query.where('d.status', '=', 'notReportedIn').where('d.report_in_due', 'is not', null); break;
    case 'endingSoon': query = query.where('d.status', '=', 'active').where('d.term_end', '<=', sql<string>`(${today}::date + 30)`); break;
    case 'due': query = query.where('d.test_state', '=', 'due'); break;
    case 'overdue': query = query.where('d.test_state', '=', 'overdue'); break;
  }
  const total = page === null ? null : await query.select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow();
  let rows = query.select([
    'd.person_id', 'p.name', 'd.measure_id', 'd.kind', `${dateCol} as due_date`, `${ruleCol} as rule`, `${explanationCol} as explanation`,
  ]);
  rows = list === 'endingSoon'
    ? rows.orderBy(sql.ref(dateCol))
    : rows.orderBy(sql`greatest(0, ${today}::date - ${sql.ref(dateCol)})`, 'desc');
  rows = rows.orderBy(sql`p.name collate "C"`).orderBy('d.measure_id');
  if (page) rows = rows.limit(page.limit).offset(page.offset);
  const items = (await rows.execute()).map((r) => ({
    personId: r.person_id, personName: r.name, measureId: r.measure_id, measureKind: r.kind,
    dueDate: r.due_date ?? '', rule: r.rule ?? '', explanation: r.explanation ?? '',
  }));
  return { items, total: total === null ? items.length : Number(total.n) };
}
