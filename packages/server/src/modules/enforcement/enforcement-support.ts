import type { OrgUnit } from '@qingyuan/shared';
import type { Scope } from '../../platform/access/scope.ts';
import { chinaDate, type Clock } from '../../platform/clock.ts';
import type { Db } from '../../platform/db/database.ts';
import { invalidField } from '../../platform/errors.ts';
import { findOrgUnitsByIds, type OrgsService } from '../orgs/index.ts';

/** Checks shared by the enforcement services: dates, the units a record names, unit names for display. */

const EARLIEST = '1950-01-01';

export function today(clock: Clock): string {
  return chinaDate(clock.now());
}

/** A 400 naming `field` when a date lies in the future or implausibly far back. */
export function checkDay(field: string, value: string | null | undefined, todayText: string): void {
  if (value === null || value === undefined) return;
  if (value > todayText) throw invalidField(field, '日期不能晚于今天');
  if (value < EARLIEST) throw invalidField(field, '日期过早，请核对');
}

const AREA_KINDS = ['district', 'township', 'street', 'village', 'community', 'grid'];

/** Where something happened: an active area unit (not a department or police unit) in the caller's scope. */
export async function placeUnit(orgs: OrgsService, db: Db, scope: Scope, id: string, field: string): Promise<OrgUnit> {
  const unit = await orgs.requireInScope(db, scope, id, field);
  if (!unit.active) throw invalidField(field, '所选单位已停用');
  if (!AREA_KINDS.includes(unit.kind)) throw invalidField(field, '应选择区、乡镇（街道）、村（社区）或网格');
  return unit;
}

/** Who handled it: an active police unit (禁毒大队, 派出所) in the caller's scope. */
export async function handlingUnit(orgs: OrgsService, db: Db, scope: Scope, id: string, field = 'handlingUnitId'): Promise<OrgUnit> {
  const unit = await orgs.requireInScope(db, scope, id, field);
  if (!unit.active) throw invalidField(field, '所选单位已停用');
  if (unit.kind !== 'policeStation') throw invalidField(field, '办案单位应为公安机关（禁毒大队或派出所）');
  return unit;
}

/** Names of units by id, for showing the units records refer to (whatever their scope). */
export async function unitNames(db: Db, ids: Iterable<string>): Promise<(id: string) => string> {
  const unique = [...new Set(ids)];
  const names = new Map((await findOrgUnitsByIds(db, unique)).map((u) => [u.id, u.name]));
  return (id) => names.get(id) ?? '';
}
