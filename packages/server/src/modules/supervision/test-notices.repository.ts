import type { Db } from '../../platform/db/database.ts';

/** All SQL over test notices (通知检测). Scope is checked on the person (findPersonInScope) before any of these. */

export interface StoredTestNotice {
  id: string;
  personId: string;
  notifiedOn: string;
  method: string;
  dueOn: string;
  note: string | null;
  excuse: string | null;
  excusedOn: string | null;
  createdAt: Date;
}

const COLUMNS = ['id', 'person_id', 'notified_on', 'method', 'due_on', 'note', 'excuse', 'excused_on', 'created_at'] as const;
type Row = { id: string; person_id: string; notified_on: string; method: string; due_on: string; note: string | null; excuse: string | null; excused_on: string | null; created_at: Date };

const toNotice = (r: Row): StoredTestNotice => ({
  id: r.id, personId: r.person_id, notifiedOn: r.notified_on, method: r.method, dueOn: r.due_on, note: r.note, excuse: r.excuse,
  excusedOn: r.excused_on, createdAt: r.created_at,
});

/** A person's notices, latest due first. */
export async function testNoticesOf(db: Db, personId: string): Promise<StoredTestNotice[]> {
  const rows = await db.selectFrom('test_notice').select(COLUMNS).where('person_id', '=', personId)
    .orderBy('due_on', 'desc').orderBy('created_at', 'desc').execute();
  return rows.map(toNotice);
}

/** One notice, locked for a change (the caller then checks the person's scope). */
export async function testNoticeForUpdate(db: Db, id: string): Promise<StoredTestNotice | null> {
  const row = await db.selectFrom('test_notice').select(COLUMNS).where('id', '=', id).forUpdate().executeTakeFirst();
  return row ? toNotice(row) : null;
}

export async function insertTestNotice(
  db: Db,
  n: { id: string; personId: string; notifiedOn: string; method: string; dueOn: string; note: string | null; createdBy: string | null },
  at: Date,
): Promise<void> {
  await db.insertInto('test_notice').values({
    id: n.id, person_id: n.personId, notified_on: n.notifiedOn, method: n.method, due_on: n.dueOn, note: n.note, created_by: n.createdBy, created_at: at,
  }).execute();
}

export async function excuseTestNotice(db: Db, id: string, excuse: string, excusedOn: string, excusedBy: string | null): Promise<void> {
  await db.updateTable('test_notice').set({ excuse, excused_on: excusedOn, excused_by: excusedBy }).where('id', '=', id).execute();
}

/** Persons with a notice due from `from` through `to` and no reason recorded (the daily missed-notice sweep). */
export async function personsWithUnexcusedNoticesDue(db: Db, from: string, to: string): Promise<string[]> {
  const rows = await db.selectFrom('test_notice').select('person_id').distinct()
    .where('excuse', 'is', null).where('due_on', '>=', from).where('due_on', '<=', to).execute();
  return rows.map((r) => r.person_id);
}
