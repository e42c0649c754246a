import { sql } from 'kysely';
import { inScope, type Scope } from '../../platform/access/scope.ts';
import type { Db } from '../../platform/db/database.ts';

/** All SQL over work teams (工作小组). A member either is an account (social worker) or has a sealed contact. */

export interface StoredMember {
  id: string;
  personId: string;
  role: string;
  account: { id: string; displayName: string; username: string } | null;
  contactEnc: string | null;
  startedOn: string;
  endedOn: string | null;
}

export async function membersOf(db: Db, personId: string): Promise<StoredMember[]> {
  const rows = await db.selectFrom('work_team_member as w')
    .leftJoin('app_user as u', 'u.id', 'w.account_id')
    .select(['w.id', 'w.person_id', 'w.role', 'w.account_id', 'u.display_name', 'u.username', 'w.contact_enc', 'w.started_on', 'w.ended_on'])
    .where('w.person_id', '=', personId)
    .orderBy('w.ended_on', (ob) => ob.desc().nullsFirst())
    .orderBy('w.started_on')
    .orderBy('w.created_at')
    .execute();
  return rows.map((r) => ({
    id: r.id, personId: r.person_id, role: r.role,
    account: r.account_id ? { id: r.account_id, displayName: r.display_name ?? '', username: r.username ?? '' } : null,
    contactEnc: r.contact_enc, startedOn: r.started_on, endedOn: r.ended_on,
  }));
}

/** A membership whose person lies in scope, locked for the update that ends it. */
export async function memberInScope(db: Db, scope: Scope, id: string): Promise<{ id: string; personId: string; startedOn: string; endedOn: string | null } | null> {
  const row = await db.selectFrom('work_team_member as w')
    .innerJoin('person as p', 'p.id', 'w.person_id')
    .select(['w.id', 'w.person_id', 'w.started_on', 'w.ended_on'])
    .where('w.id', '=', id)
    .where((eb) => inScope(eb, 'p.org_path', scope, 'p.id'))
    .forUpdate('w')
    .executeTakeFirst();
  return row ? { id: row.id, personId: row.person_id, startedOn: row.started_on, endedOn: row.ended_on } : null;
}

export interface NewMember {
  id: string;
  personId: string;
  role: string;
  accountId: string | null;
  contactEnc: string | null;
  startedOn: string;
  orgPath: string;
  createdBy: string | null;
}

export async function insertMember(db: Db, m: NewMember, at: Date): Promise<void> {
  await db.insertInto('work_team_member').values({
    id: m.id, person_id: m.personId, role: m.role, account_id: m.accountId, contact_enc: m.contactEnc, started_on: m.startedOn,
    ended_on: null, org_path: m.orgPath, created_by: m.createdBy, created_at: at,
  }).execute();
}

export async function endMember(db: Db, id: string, endedOn: string): Promise<void> {
  await db.updateTable('work_team_member').set({ ended_on: endedOn }).where('id', '=', id).execute();
}

export async function currentAccountMember(db: Db, personId: string, accountId: string): Promise<boolean> {
  const row = await db.selectFrom('work_team_member').select('id').where('person_id', '=', personId).where('account_id', '=', accountId)
    .where('ended_on', 'is', null).executeTakeFirst();
  return row !== undefined;
}

/** An active account on the person's current work team (a colleague the caller may name, wherever their unit is). */
export async function activeTeamAccount(db: Db, personId: string, accountId: string): Promise<boolean> {
  const row = await db.selectFrom('work_team_member as m').innerJoin('app_user as u', 'u.id', 'm.account_id').select('m.id')
    .where('m.person_id', '=', personId).where('m.account_id', '=', accountId).where('m.ended_on', 'is', null).where('u.active', '=', true)
    .executeTakeFirst();
  return row !== undefined;
}

/** An active account holding the worker role whose unit lies in the caller's subtree (accounts are not person-bound). */
export async function workerAccountInScope(db: Db, scope: Scope, id: string): Promise<boolean> {
  const row = await db.selectFrom('app_user as u')
    .innerJoin('org_unit as o', 'o.id', 'u.org_unit_id')
    .innerJoin('user_role as r', 'r.user_id', 'u.id')
    .select('u.id')
    .where('u.id', '=', id).where('u.active', '=', true).where('r.role', '=', 'worker')
    .where((eb) => inScope(eb, 'o.path', { rootPath: scope.rootPath }))
    .executeTakeFirst();
  return row !== undefined;
}

/** Active worker accounts in the caller's subtree, by name: the choices for a social worker member. */
export async function workerAccountsInScope(db: Db, scope: Scope): Promise<{ id: string; displayName: string; username: string; orgUnitName: string }[]> {
  const rows = await db.selectFrom('app_user as u')
    .innerJoin('org_unit as o', 'o.id', 'u.org_unit_id')
    .innerJoin('user_role as r', 'r.user_id', 'u.id')
    .select(['u.id', 'u.display_name', 'u.username', 'o.name as org_name'])
    .where('u.active', '=', true).where('r.role', '=', 'worker')
    .where((eb) => inScope(eb, 'o.path', { rootPath: scope.rootPath }))
    .orderBy('o.path').orderBy('u.display_name').limit(500)
    .execute();
  return rows.map((r) => ({ id: r.id, displayName: r.display_name, username: r.username, orgUnitName: r.org_name }));
}

/** An active account whose unit lies in the caller's subtree, with its name (e.g. who made a visit). */
export async function accountInScope(db: Db, scope: Scope, id: string): Promise<{ id: string; displayName: string } | null> {
  const row = await db.selectFrom('app_user as u')
    .innerJoin('org_unit as o', 'o.id', 'u.org_unit_id')
    .select(['u.id', 'u.display_name'])
    .where('u.id', '=', id).where('u.active', '=', true)
    .where((eb) => inScope(eb, 'o.path', { rootPath: scope.rootPath }))
    .executeTakeFirst();
  return row ? { id: row.id, displayName: row.display_name } : null;
}

/** Seeds: puts an account on the work team of every active person under a path (demo data). Returns how many. */
export async function addAccountToTeamsUnder(db: Db, accountId: string, path: string, startedOn: string, at: Date): Promise<number> {
  const persons = await db.selectFrom('person').select(['id', 'org_path'])
    .where((eb) => inScope(eb, 'org_path', { rootPath: path })).execute();
  for (const p of persons) {
    await db.insertInto('work_team_member').values({
      id: crypto.randomUUID(), person_id: p.id, role: 'socialWorker', account_id: accountId, contact_enc: null, started_on: startedOn,
      ended_on: null, org_path: p.org_path, created_by: null, created_at: at,
    }).execute();
  }
  return persons.length;
}

export async function rewriteTeamPaths(db: Db, oldPath: string, newPath: string): Promise<void> {
  const rewrite = sql<string>`${newPath} || substr(org_path, ${oldPath.length + 1})`;
  await db.updateTable('work_team_member').set({ org_path: rewrite }).where((eb) => inScope(eb, 'org_path', { rootPath: oldPath })).execute();
}
