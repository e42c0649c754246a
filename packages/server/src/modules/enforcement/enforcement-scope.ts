import { scopeOf, type Scope } from '../../platform/access/scope.ts';
import type { Actor } from '../../platform/context.ts';
import type { Db } from '../../platform/db/database.ts';
import { findOrgUnitById } from '../orgs/index.ts';

/**
 * The area whose cases a caller may see. For most callers it is their data scope (the subtree of their unit). A
 * police unit (公安分局禁毒大队, 派出所) is attached to an area and owns no subtree of its own, so its enforcement scope
 * is the area it is attached to: the subtree of its parent unit (PLATFORM.md: police see cases "in their area").
 */
export async function enforcementScope(db: Db, actor: Actor): Promise<Scope> {
  const unit = await findOrgUnitById(db, actor.orgUnitId);
  if (unit?.kind === 'policeStation' && unit.parentId !== null && unit.path.endsWith(`${unit.id}/`)) {
    return { rootPath: unit.path.slice(0, unit.path.length - unit.id.length - 1) };
  }
  return scopeOf(actor);
}

/** The id of the unit at the root of a scope (paths are `/<id>/<id>/…/`). */
export function scopeRootId(scope: Scope): string {
  const parts = scope.rootPath.split('/').filter((p) => p !== '');
  const last = parts[parts.length - 1];
  if (last === undefined) throw new Error('a scope has a root unit');
  return last;
}
