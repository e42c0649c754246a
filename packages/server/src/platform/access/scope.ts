import { sql, type Expression, type ExpressionBuilder, type RawBuilder, type SqlBool } from 'kysely';
import { isAdminRole } from '@qingyuan/shared';
import type { Actor } from '../context.ts';

/**
 * The data scope of a caller: the subtree under their org unit's materialized path.
 * Every query over scoped rows takes a Scope; there is no "unscoped" value to pass by accident.
 * A narrower kind, `workTeam`, is the scope of an account whose only business role is `worker` (社工/网格员): within
 * the subtree it sees only the persons whose current work team (工作小组) includes the account.
 */
export interface Scope {
  readonly rootPath: string;
  /** Set for the work-team kind: the account whose current team membership person-bound rows need. */
  readonly workTeamAccountId?: string;
  /**
   * Set for writes: only the persons whose responsible unit lies in the subtree. Without it, a person with a pending
   * transfer (移交) to a unit in the subtree is visible too (both sides see them until the receiver accepts).
   */
  readonly ownOnly?: boolean;
}

/** The scope for writing about a person: their own persons only, not those merely being transferred in. */
export function ownScope(scope: Scope): Scope {
  return { ...scope, ownOnly: true };
}

export function scopeOf(actor: Pick<Actor, 'orgPath'> & Partial<Pick<Actor, 'roles' | 'userId'>>): Scope {
  const business = (actor.roles ?? []).filter((r) => !isAdminRole(r));
  if (actor.userId && business.length > 0 && business.every((r) => r === 'worker')) {
    return { rootPath: actor.orgPath, workTeamAccountId: actor.userId };
  }
  return { rootPath: actor.orgPath };
}

export function pathInScope(path: string, scope: Scope): boolean {
  return path.startsWith(scope.rootPath);
}

function likePrefix(path: string): string {
  return `${path.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

/** `<column> LIKE '<path>%'`: rows of the subtree under `path` — a sub-area inside a query already narrowed by scope. */
export function inSubtree(column: string, path: string): RawBuilder<SqlBool> {
  return sql<SqlBool>`${sql.ref(column)} like ${likePrefix(path)}`;
}

/** Whether `path` is a direct child of `parent` (one more segment). */
export function isChildPath(parent: string, path: string): boolean {
  return path.startsWith(parent) && /^[^/]+\/$/.test(path.slice(parent.length));
}

/**
 * The path of the child of `parent` that a row under `parent` lies in, as SQL (to group a subtree's rows by township
 * in one scan); '<parent>/' for a row of `parent` itself, which is no child's path.
 */
export function childPathOf(column: string, parent: string): RawBuilder<string> {
  return sql<string>`${parent} || split_part(substr(${sql.ref(column)}, ${parent.length + 1}), '/', 1) || '/'`;
}

/**
 * `<column> LIKE '<scope root>%'` — the one place scope turns into SQL. Rows bound to a person (the person itself and
 * every record about them) pass the person's id column: a work-team scope then adds `EXISTS` (a current membership
 * of the account in that person's work team). Rows not about a person (org units, accounts) pass only the path.
 */
export function inScope<DB, TB extends keyof DB>(
  eb: ExpressionBuilder<DB, TB>,
  pathColumn: Expression<string> | string,
  scope: Scope,
  personIdColumn?: string,
): Expression<SqlBool> {
  const column = typeof pathColumn === 'string' ? sql.ref(pathColumn) : pathColumn;
  const path = sql<SqlBool>`${column} like ${likePrefix(scope.rootPath)}`;
  if (personIdColumn === undefined) return path;
  if (scope.workTeamAccountId === undefined) {
    if (scope.ownOnly) return path;
    // A pending transfer to a unit in the subtree makes the person visible to the receiving side as well.
    return sql<SqlBool>`(${path} or exists (select 1 from person_transfer pt where pt.person_id = ${sql.ref(personIdColumn)} and pt.status = 'pending' and pt.to_org_path like ${likePrefix(scope.rootPath)}))`;
  }
  return sql<SqlBool>`(${path} and exists (select 1 from work_team_member wtm where wtm.person_id = ${sql.ref(personIdColumn)} and wtm.account_id = ${scope.workTeamAccountId} and wtm.ended_on is null))`;
}

/** Whether the scope is the narrower work-team kind (a worker-only account). */
export function isWorkTeamScope(scope: Scope): boolean {
  return scope.workTeamAccountId !== undefined;
}

/**
 * The restricted archive (SECURITY.md §18): archived rows keep their org path behind this prefix, so no ordinary
 * scope (whose root starts with '/') matches them — every list, search, export and figure drops them by itself.
 */
export const ARCHIVE_PREFIX = 'archive:';

/** The same subtree inside the restricted archive: only for the audited archive routes. */
export function archiveScope(scope: Scope): Scope {
  return { rootPath: `${ARCHIVE_PREFIX}${scope.rootPath}` };
}

export function archivedPath(path: string): string {
  return path.startsWith(ARCHIVE_PREFIX) ? path : `${ARCHIVE_PREFIX}${path}`;
}
