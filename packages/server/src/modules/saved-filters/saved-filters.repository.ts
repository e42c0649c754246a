import { sql } from 'kysely';
import { inScope } from '../../platform/access/scope.ts';
import type { Db } from '../../platform/db/database.ts';

/** All SQL over saved filters (常用筛选). */

export interface StoredSavedFilter {
  id: string;
  ownerId: string;
  ownerName: string;
  orgUnitName: string;
  orgPath: string;
  page: string;
  name: string;
  queryEnc: string;
  shared: boolean;
  updatedAt: Date;
}

function filterQuery(db: Db) {
  return db.selectFrom('saved_filter as f')
    .innerJoin('app_user as u', 'u.id', 'f.owner_id')
    .innerJoin('org_unit as o', 'o.id', 'f.org_unit_id')
    .select(['f.id', 'f.owner_id', 'u.display_name', 'o.name as org_name', 'f.org_path', 'f.page', 'f.name', 'f.query_enc', 'f.shared', 'f.updated_at']);
}
type Row = Awaited<ReturnType<ReturnType<typeof filterQuery>['executeTakeFirstOrThrow']>>;

function toFilter(r: Row): StoredSavedFilter {
  return {
    id: r.id, ownerId: r.owner_id, ownerName: r.display_name, orgUnitName: r.org_name, orgPath: r.org_path, page: r.page, name: r.name,
    queryEnc: r.query_enc, shared: r.shared, updatedAt: r.updated_at,
  };
}

/** `/a/b/c/` → `/a/`, `/a/b/`, `/a/b/c/`: the units whose subtree holds a unit. */
export function ancestorPaths(path: string): string[] {
  const parts = path.split('/').filter((p) => p.length > 0);
  return parts.map((_, i) => `/${parts.slice(0, i + 1).join('/')}/`);
}

/**
 * The filters of a page a caller sees: their own, and the shared ones saved in a unit whose subtree holds the
 * caller's unit — the caller's path is in the scope rooted at the filter's path, i.e. the filter's path is one of
 * the caller's ancestors (an equality list the index answers). Own first, then by name.
 */
export async function visibleFilters(db: Db, viewer: { userId: string; orgPath: string }, page: string): Promise<StoredSavedFilter[]> {
  const rows = await filterQuery(db).where('f.page', '=', page)
    .where((eb) => eb.or([eb('f.owner_id', '=', viewer.userId), eb.and([eb('f.shared', '=', true), eb('f.org_path', 'in', ancestorPaths(viewer.orgPath))])]))
    .orderBy(sql`f.owner_id = ${viewer.userId}`, 'desc').orderBy('f.name').orderBy('f.id')
    .execute();
  return rows.map(toFilter);
}

/** One of the owner's own filters (others answer null: only the owner renames or deletes), locked for the change. */
export async function ownFilter(db: Db, ownerId: string, id: string): Promise<StoredSavedFilter | null> {
  const row = await filterQuery(db).where('f.id', '=', id).where('f.owner_id', '=', ownerId).forUpdate('f').executeTakeFirst();
  return row ? toFilter(row) : null;
}

/** Serialises an owner's writes, so the per-user maximum holds under concurrent saves. */
export async function lockOwner(db: Db, ownerId: string): Promise<void> {
  await sql`select pg_advisory_xact_lock(hashtext(${`saved_filter:${ownerId}`}))`.execute(db);
}

export async function countOwn(db: Db, ownerId: string): Promise<number> {
  const row = await db.selectFrom('saved_filter').select((eb) => eb.fn.countAll<string>().as('n')).where('owner_id', '=', ownerId).executeTakeFirstOrThrow();
  return Number(row.n);
}

export async function insertFilter(
  db: Db,
  f: { id: string; ownerId: string; orgUnitId: string; orgPath: string; page: string; name: string; queryEnc: string; queryKeys: string[]; shared: boolean },
  at: Date,
): Promise<void> {
  await db.insertInto('saved_filter').values({
    id: f.id, owner_id: f.ownerId, org_unit_id: f.orgUnitId, org_path: f.orgPath, page: f.page, name: f.name, query_enc: f.queryEnc,
    query_keys: f.queryKeys, shared: f.shared, created_at: at, updated_at: at,
  }).execute();
}

export async function updateFilter(db: Db, id: string, set: { name?: string; shared?: boolean }, at: Date): Promise<void> {
  await db.updateTable('saved_filter').set({ ...set, updated_at: at }).where('id', '=', id).execute();
}

export async function deleteFilter(db: Db, id: string): Promise<void> {
  await db.deleteFrom('saved_filter').where('id', '=', id).execute();
}

/** Keeps the copied unit paths in step with a moved unit (in the move's transaction). */
export async function rewritePaths(db: Db, oldPath: string, newPath: string): Promise<void> {
  const rewrite = sql<string>`${newPath} || substr(org_path, ${oldPath.length + 1})`;
  await db.updateTable('saved_filter').set({ org_path: rewrite }).where((eb) => inScope(eb, 'org_path', { rootPath: oldPath })).execute();
}
