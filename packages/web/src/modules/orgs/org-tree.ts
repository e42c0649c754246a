import { ORG_KINDS, allowedParentKinds } from '@qingyuan/shared';
import type { OrgKind, OrgUnit } from '@qingyuan/shared';

export interface OrgNode {
  unit: OrgUnit;
  children: OrgNode[];
}

/** Builds the tree from the flat scope list; roots are units whose parent is null or outside the list. */
export function buildOrgTree(items: readonly OrgUnit[]): OrgNode[] {
  const nodes = new Map<string, OrgNode>();
  for (const unit of items) nodes.set(unit.id, { unit, children: [] });
  const roots: OrgNode[] = [];
  for (const unit of items) {
    const node = nodes.get(unit.id);
    if (!node) continue;
    const parent = unit.parentId === null ? undefined : nodes.get(unit.parentId);
    if (parent) parent.children.push(node);
    else roots.push(node);
  }
  return roots;
}

export function indexById(items: readonly OrgUnit[]): Map<string, OrgUnit> {
  return new Map(items.map((u) => [u.id, u]));
}

/** Ancestors from the top of the caller's scope down to the unit's parent. */
export function ancestorsOf(unit: OrgUnit, byId: ReadonlyMap<string, OrgUnit>): OrgUnit[] {
  const chain: OrgUnit[] = [];
  const seen = new Set<string>([unit.id]);
  let parentId = unit.parentId;
  while (parentId !== null && !seen.has(parentId)) {
    const parent = byId.get(parentId);
    if (!parent) break;
    chain.unshift(parent);
    seen.add(parent.id);
    parentId = parent.parentId;
  }
  return chain;
}

/** The unit and everything below it (a unit cannot move under itself). */
export function subtreeIds(rootId: string, items: readonly OrgUnit[]): Set<string> {
  const ids = new Set<string>([rootId]);
  let grew = true;
  while (grew) {
    grew = false;
    for (const u of items) {
      if (u.parentId !== null && ids.has(u.parentId) && !ids.has(u.id)) {
        ids.add(u.id);
        grew = true;
      }
    }
  }
  return ids;
}

/** Kinds that may hang under a unit of `parentKind`. */
export function childKindsOf(parentKind: OrgKind): OrgKind[] {
  return ORG_KINDS.filter((k) => allowedParentKinds(k).includes(parentKind));
}

/**
 * Keeps nodes whose name contains the keyword, with their ancestors; returns the keys to expand so every
 * match is visible.
 */
export function filterOrgTree(nodes: readonly OrgNode[], keyword: string): { nodes: OrgNode[]; expand: string[] } {
  const needle = keyword.trim().toLowerCase();
  if (!needle) return { nodes: [...nodes], expand: [] };
  const expand: string[] = [];
  const walk = (list: readonly OrgNode[]): OrgNode[] => {
    const kept: OrgNode[] = [];
    for (const node of list) {
      const children = walk(node.children);
      if (children.length > 0) expand.push(node.unit.id);
      if (children.length > 0 || node.unit.name.toLowerCase().includes(needle)) {
        kept.push({ unit: node.unit, children });
      }
    }
    return kept;
  };
  return { nodes: walk(nodes), expand };
}

/** Keys of the first levels, expanded when the page opens. */
export function topLevelKeys(nodes: readonly OrgNode[], depth = 2): string[] {
  if (depth <= 0) return [];
  return nodes.flatMap((n) => (n.children.length > 0 ? [n.unit.id, ...topLevelKeys(n.children, depth - 1)] : []));
}
