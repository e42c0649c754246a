import type { OrgUnit } from '@qingyuan/shared';
import { inScope, type Scope } from '../../platform/access/scope.ts';
import type { Db } from '../../platform/db/database.ts';

export const UNIT_NOT_FOUND = '单位不存在或不在您的管辖范围内';

/**
 * Finds a unit named in a cell among the units of the caller's scope only: by division code (6 or 12 digits), by a name
 * path (清源街道/河畔社区, any trailing part of the full path) or by a name unique in the scope. A unit outside the
 * scope is never considered, so a row naming one gets the same message as a row naming no unit at all.
 */
export class UnitResolver {
  private constructor(
    private readonly units: OrgUnit[],
    private readonly namePath: Map<string, string[]>,
  ) {}

  static async load(db: Db, scope: Scope): Promise<UnitResolver> {
    const rows = await db
      .selectFrom('org_unit')
      .select(['id', 'parent_id as parentId', 'name', 'kind', 'division_code as divisionCode', 'path', 'depth', 'active'])
      .where((eb) => inScope(eb, 'path', scope))
      .execute();
    const units = rows as OrgUnit[];
    const all = await db.selectFrom('org_unit').select(['id', 'name']).execute();
    const names = new Map(all.map((u) => [u.id, u.name]));
    const namePath = new Map(units.map((u) => [u.id, u.path.split('/').filter((p) => p !== '').map((id) => names.get(id) ?? '')]));
    return new UnitResolver(units, namePath);
  }

  /** The unit, or a message saying why it cannot be used. */
  resolve(text: string): OrgUnit | { problem: string } {
    const t = text.trim();
    if (/^\d{6}(\d{6})?$/.test(t)) {
      const byCode = this.units.filter((u) => u.divisionCode === t);
      return byCode.length === 1 && byCode[0] ? byCode[0] : { problem: UNIT_NOT_FOUND };
    }
    const parts = t.split(/[/／>＞\\]/).map((p) => p.trim()).filter((p) => p !== '');
    if (parts.length === 0) return { problem: UNIT_NOT_FOUND };
    const matches = this.units.filter((u) => {
      const path = this.namePath.get(u.id) ?? [];
      if (path.length < parts.length) return false;
      return parts.every((p, i) => path[path.length - parts.length + i] === p);
    });
    if (matches.length === 1 && matches[0]) return matches[0];
    if (matches.length > 1) return { problem: '有多个同名单位，请填写上级单位路径（如 清源街道/河畔社区）或行政区划代码' };
    return { problem: UNIT_NOT_FOUND };
  }
}
