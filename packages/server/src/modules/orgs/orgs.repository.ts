import { sql } from 'kysely';
import type { OrgKind, OrgUnit } from '@qingyuan/shared';
import type { Db } from '../../platform/db/database.ts';
import { inScope, type Scope } from '../../platform/access/scope.ts';

const COLUMNS = ['id', 'parent_id', 'name', 'kind', 'division_code', 'path', 'depth', 'active'] as const;

interface OrgRow {
  id: string;
  parent_id: string | null;
  name: string;
  kind: string;
  division_code: string | null;
  path: string;
  depth: number;
  active: boolean;
}

function toDto(row: OrgRow): OrgUnit {
  return {
    id: row.id,
    parentId: row.parent_id,
    name: row.name,
    kind: row.kind as OrgKind,
    divisionCode: row.division_code,
    path: row.path,
    depth: row.depth,
    active: row.active,
  };
}

// Serialises changes to the tree: a move rewrites the paths of a whole subtree, so nothing may read a path it is about
// to change. Tree writes take it exclusively, writes elsewhere that reference a unit take it shared.
const TREE_LOCK_KEY = 7_240_101;

export async function lockTree(db: Db, mode: 'exclusive' | 'shared'): Promise<void> {
  if (mode === 'exclusive') await sql`select pg_advisory_xact_lock(${TREE_LOCK_KEY})`.execute(db);
  else await sql`select pg_advisory_xact_lock_shared(${TREE_LOCK_KEY})`.execute(db);
}

export async function listInScope(db: Db, scope: Scope, includeInactive: boolean): Promise<OrgUnit[]> {
  let query = db.selectFrom('org_unit').select(COLUMNS).where((eb) => inScope(eb, 'path', scope));
  if (!includeInactive) query = query.where('active', '=', true);
  return (await query.orderBy('depth').orderBy('name').execute()).map(toDto);
}

/** One unit if it exists and lies in scope; out-of-scope and missing look the same (null). */
export async function findInScope(db: Db, scope: Scope, id: string): Promise<OrgUnit | null> {
  const row = await db
    .selectFrom('org_unit')
    .select(COLUMNS)
    .where('id', '=', id)
    .where((eb) => inScope(eb, 'path', scope))
    .executeTakeFirst();
  return row ? toDto(row) : null;
}

export async function findById(db: Db, id: string): Promise<OrgUnit | null> {
  const row = await db.selectFrom('org_unit').select(COLUMNS).where('id', '=', id).executeTakeFirst();
  return row ? toDto(row) : null;
}

/** The units with these ids (any scope, active or not): for showing the names of units a record refers to. */
export async function findByIds(db: Db, ids: readonly string[]): Promise<OrgUnit[]> {
  if (ids.length === 0) return [];
  return (await db.selectFrom('org_unit').select(COLUMNS).where('id', 'in', ids).execute()).map(toDto);
}

/** Every unit with exactly this name (names are unique only among siblings), in tree order. */
export async function findByName(db: Db, name: string): Promise<OrgUnit[]> {
  return (await db.selectFrom('org_unit').select(COLUMNS).where('name', '=', name).orderBy('path').execute()).map(toDto);
}

export async function findRoot(db: Db): Promise<OrgUnit | null> {
  const row = await db.selectFrom('org_unit').select(COLUMNS).where('parent_id', 'is', null).orderBy('created_at').executeTakeFirst();
  return row ? toDto(row) : null;
}

export async function siblingNameTaken(db: Db, parentId: string | null, name: string, exceptId?: string): Promise<boolean> {
  let query = db.selectFrom('org_unit').select('id').where('name', '=', name);
  query = parentId === null ? query.where('parent_id', 'is', null) : query.where('parent_id', '=', parentId);
  if (exceptId) query = query.where('id', '!=', exceptId);
  return (await query.executeTakeFirst()) !== undefined;
}

export async function divisionCodeTaken(db: Db, code: string, exceptId?: string): Promise<boolean> {
  let query = db.selectFrom('org_unit').select('id').where('division_code', '=', code);
  if (exceptId) query = query.where('id', '!=', exceptId);
  return (await query.executeTakeFirst()) !== undefined;
}

export interface NewOrgUnit {
  id: string;
  parent: OrgUnit | null;
  name: string;
  kind: OrgKind;
  divisionCode: string | null;
}

export async function insert(db: Db, unit: NewOrgUnit): Promise<OrgUnit> {
  const row = await db
    .insertInto('org_unit')
    .values({
      id: unit.id,
      parent_id: unit.parent?.id ?? null,
      name: unit.name,
      kind: unit.kind,
      division_code: unit.divisionCode,
      path: `${unit.parent?.path ?? '/'}${unit.id}/`,
      depth: unit.parent ? unit.parent.depth + 1 : 0,
    })
    .returning(COLUMNS)
    .executeTakeFirstOrThrow();
  return toDto(row);
}

export async function update(
  db: Db,
  id: string,
  patch: { name?: string; divisionCode?: string | null; active?: boolean },
): Promise<OrgUnit> {
  const row = await db
    .updateTable('org_unit')
    .set({
      ...(patch.name !== undefined ? { name: patch.name } : {}),
      ...(patch.divisionCode !== undefined ? { division_code: patch.divisionCode } : {}),
      ...(patch.active !== undefined ? { active: patch.active } : {}),
      updated_at: new Date(),
    })
    .where('id', '=', id)
    .returning(COLUMNS)
    .executeTakeFirstOrThrow();
  return toDto(row);
}

/** Rewrites the path and depth of a unit and its whole subtree under a new parent, in one statement. */
export async function moveSubtree(db: Db, unit: OrgUnit, newParent: OrgUnit): Promise<OrgUnit> {
  const newPath = `${newParent.path}${unit.id}/`;
  const depthDelta = newParent.depth + 1 - unit.depth;
  await db
    .updateTable('org_unit')
    .set({
      path: sql<string>`${newPath} || substr(path, ${unit.path.length + 1})`,
      depth: sql<number>`depth + ${depthDelta}::int`,
      updated_at: new Date(),
    })
    .where((eb) => inScope(eb, 'path', { rootPath: unit.path }))
    .execute();
  await db.updateTable('org_unit').set({ parent_id: newParent.id }).where('id', '=', unit.id).execute();
  const moved = await findById(db, unit.id);
  if (!moved) throw new Error('moved unit vanished');
  return moved;
}

/** Direct children that carry a division code (their codes must agree with their parent's). */
export async function childrenWithCodes(db: Db, unit: OrgUnit): Promise<OrgUnit[]> {
  const rows = await db.selectFrom('org_unit').select(COLUMNS).where('parent_id', '=', unit.id).where('division_code', 'is not', null).execute();
  return rows.map(toDto);
}

export async function countActiveDescendants(db: Db, unit: OrgUnit): Promise<number> {
  const row = await db
    .selectFrom('org_unit')
    .select((eb) => eb.fn.countAll<string>().as('n'))
    .where((eb) => inScope(eb, 'path', { rootPath: unit.path }))
    .where('id', '!=', unit.id)
    .where('active', '=', true)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}
