import type { Db } from '../../platform/db/database.ts';

export interface AreaRow {
  orgUnitId: string;
  residents: number | null;
  geometry: unknown;
}

export async function profiles(db: Db, orgUnitIds: readonly string[]): Promise<Map<string, AreaRow>> {
  if (orgUnitIds.length === 0) return new Map();
  const rows = await db
    .selectFrom('area_profile')
    .select(['org_unit_id as orgUnitId', 'residents', 'geometry'])
    .where('org_unit_id', 'in', orgUnitIds)
    .execute();
  return new Map(rows.map((r) => [r.orgUnitId, r]));
}

export async function setGeometry(db: Db, orgUnitId: string, geometry: unknown, by: string | null): Promise<void> {
  await db
    .insertInto('area_profile')
    .values({ org_unit_id: orgUnitId, geometry: JSON.stringify(geometry), updated_by: by })
    .onConflict((oc) => oc.column('org_unit_id').doUpdateSet((eb) => ({ geometry: eb.ref('excluded.geometry'), updated_by: eb.ref('excluded.updated_by'), updated_at: new Date() })))
    .execute();
}

export async function setResidents(db: Db, orgUnitId: string, residents: number, by: string | null): Promise<number | null> {
  const before = await db.selectFrom('area_profile').select('residents').where('org_unit_id', '=', orgUnitId).executeTakeFirst();
  await db
    .insertInto('area_profile')
    .values({ org_unit_id: orgUnitId, residents, updated_by: by })
    .onConflict((oc) => oc.column('org_unit_id').doUpdateSet((eb) => ({ residents: eb.ref('excluded.residents'), updated_by: eb.ref('excluded.updated_by'), updated_at: new Date() })))
    .execute();
  return before?.residents ?? null;
}
