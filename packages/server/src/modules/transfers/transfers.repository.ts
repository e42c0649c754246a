import { sql } from 'kysely';
import type { TransferStatus } from '@qingyuan/shared';
import { inScope, type Scope } from '../../platform/access/scope.ts';
import type { Db } from '../../platform/db/database.ts';

/** All SQL over transfers (移交). A transfer is in a caller's scope when either its sending or its receiving unit is. */

export interface StoredTransfer {
  id: string;
  personId: string;
  personName: string;
  fromOrgUnitId: string;
  fromOrgUnitName: string;
  fromOrgPath: string;
  toOrgUnitId: string;
  toOrgUnitName: string;
  toOrgPath: string;
  reason: string;
  status: TransferStatus;
  sentOn: string;
  decidedOn: string | null;
  returnReason: string | null;
  note: string | null;
  cancelReason: string | null;
}

function transferQuery(db: Db) {
  return db.selectFrom('person_transfer as t')
    .innerJoin('person as p', 'p.id', 't.person_id')
    .innerJoin('org_unit as f', 'f.id', 't.from_org_unit_id')
    .innerJoin('org_unit as r', 'r.id', 't.to_org_unit_id')
    .select(['t.id', 't.person_id', 'p.name as person_name', 't.from_org_unit_id', 'f.name as from_name', 't.from_org_path', 't.to_org_unit_id',
      'r.name as to_name', 't.to_org_path', 't.reason', 't.status', 't.sent_on', 't.decided_on', 't.return_reason', 't.note', 't.cancel_reason']);
}
type Row = Awaited<ReturnType<ReturnType<typeof transferQuery>['executeTakeFirstOrThrow']>>;

function toTransfer(r: Row): StoredTransfer {
  return {
    id: r.id, personId: r.person_id, personName: r.person_name, fromOrgUnitId: r.from_org_unit_id, fromOrgUnitName: r.from_name, fromOrgPath: r.from_org_path,
    toOrgUnitId: r.to_org_unit_id, toOrgUnitName: r.to_name, toOrgPath: r.to_org_path, reason: r.reason, status: r.status as TransferStatus,
    sentOn: r.sent_on, decidedOn: r.decided_on, returnReason: r.return_reason, note: r.note,
    cancelReason: r.cancel_reason,
  };
}

export type Side = 'incoming' | 'outgoing' | 'either';

/** Transfers on a side of the caller's scope (receiving, sending or either), newest first. */
export async function transfersInScope(db: Db, scope: Scope, side: Side, filters: { status?: TransferStatus; personId?: string }): Promise<StoredTransfer[]> {
  let query = transferQuery(db).where((eb) => {
    const incoming = inScope(eb, 't.to_org_path', scope, 't.person_id');
    const outgoing = inScope(eb, 't.from_org_path', scope, 't.person_id');
    return side === 'incoming' ? incoming : side === 'outgoing' ? outgoing : eb.or([incoming, outgoing]);
  });
  if (filters.status !== undefined) query = query.where('t.status', '=', filters.status);
  if (filters.personId !== undefined) query = query.where('t.person_id', '=', filters.personId);
  const rows = await query.orderBy('t.sent_on', 'desc').orderBy('t.created_at', 'desc').limit(5000).execute();
  return rows.map(toTransfer);
}

/** Pending transfers of one person or, with null, of the whole tree (the alert rule's fact; no scope: a system read). */
export async function pendingTransfers(db: Db, personId: string | null): Promise<StoredTransfer[]> {
  let query = transferQuery(db).where('t.status', '=', 'pending');
  if (personId !== null) query = query.where('t.person_id', '=', personId);
  return (await query.orderBy('t.sent_on').execute()).map(toTransfer);
}

/** One transfer on a side of the scope, locked for the decision. */
export async function transferInScope(db: Db, scope: Scope, side: Side, id: string): Promise<StoredTransfer | null> {
  const rows = await transferQuery(db).where('t.id', '=', id).where((eb) => {
    const incoming = inScope(eb, 't.to_org_path', scope, 't.person_id');
    const outgoing = inScope(eb, 't.from_org_path', scope, 't.person_id');
    return side === 'incoming' ? incoming : side === 'outgoing' ? outgoing : eb.or([incoming, outgoing]);
  }).forUpdate('t').execute();
  const row = rows[0];
  return row ? toTransfer(row) : null;
}

export async function insertTransfer(
  db: Db,
  t: { id: string; personId: string; fromOrgUnitId: string; fromOrgPath: string; toOrgUnitId: string; toOrgPath: string; reason: string; sentOn: string; sentBy: string | null },
  at: Date,
): Promise<void> {
  await db.insertInto('person_transfer').values({
    id: t.id, person_id: t.personId, from_org_unit_id: t.fromOrgUnitId, from_org_path: t.fromOrgPath, to_org_unit_id: t.toOrgUnitId,
    to_org_path: t.toOrgPath, reason: t.reason, status: 'pending', sent_on: t.sentOn, sent_by: t.sentBy, created_at: at, updated_at: at,
  }).execute();
}

export async function decideTransfer(
  db: Db,
  id: string,
  set: { status: 'accepted' | 'returned' | 'cancelled'; decided_on: string; decided_by: string | null; return_reason?: string; note?: string | null; cancel_reason?: string },
  at: Date,
): Promise<void> {
  await db.updateTable('person_transfer').set({ ...set, updated_at: at }).where('id', '=', id).execute();
}

export async function rewritePaths(db: Db, oldPath: string, newPath: string): Promise<void> {
  for (const column of ['from_org_path', 'to_org_path'] as const) {
    const rewrite = sql<string>`${newPath} || substr(${sql.ref(column)}, ${oldPath.length + 1})`;
    await db.updateTable('person_transfer').set({ [column]: rewrite }).where((eb) => inScope(eb, column, { rootPath: oldPath })).execute();
  }
}

/** Pending transfers into a unit (a reason not to deactivate it). */
export async function countPendingTo(db: Db, orgUnitId: string): Promise<number> {
  const row = await db.selectFrom('person_transfer').select((eb) => eb.fn.countAll<string>().as('n'))
    .where('to_org_unit_id', '=', orgUnitId).where('status', '=', 'pending').executeTakeFirstOrThrow();
  return Number(row.n);
}
