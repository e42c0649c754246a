import type { SanctionKind } from '@qingyuan/shared';
import { inScope, type Scope } from '../../platform/access/scope.ts';
import type { Db } from '../../platform/db/database.ts';

/** All SQL over administrative handling of drug use (查处吸毒). */

export interface StoredSanction {
  id: string;
  name: string;
  idNumberEnc: string;
  personId: string | null;
  kind: SanctionKind;
  decidedAt: string;
  detentionDays: number | null;
  fineFen: bigint | null;
  handlingUnitId: string;
  orgUnitId: string;
  caseId: string | null;
}

export interface NewSanction extends StoredSanction {
  idHash: string;
  orgPath: string;
  notes: string | null;
  createdBy: string | null;
}

export async function insertSanctions(db: Db, sanctions: readonly NewSanction[], at: Date): Promise<void> {
  for (let i = 0; i < sanctions.length; i += 500) {
    await db
      .insertInto('drug_use_sanction')
      .values(sanctions.slice(i, i + 500).map((s) => ({
        id: s.id,
        name: s.name,
        id_number_enc: s.idNumberEnc,
        id_hash: s.idHash,
        person_id: s.personId,
        kind: s.kind,
        decided_on: s.decidedAt,
        detention_days: s.detentionDays,
        fine_fen: s.fineFen === null ? null : s.fineFen.toString(),
        handling_unit_id: s.handlingUnitId,
        org_unit_id: s.orgUnitId,
        org_path: s.orgPath,
        case_id: s.caseId,
        notes: s.notes,
        created_by: s.createdBy,
        created_at: at,
      })))
      .execute();
  }
}

export interface SanctionFilters {
  underPath?: string;
  year?: number;
  kind?: SanctionKind;
}

export async function listSanctions(db: Db, scope: Scope, filters: SanctionFilters, page: number, pageSize: number): Promise<{ items: StoredSanction[]; total: number }> {
  let query = db.selectFrom('drug_use_sanction').where((eb) => inScope(eb, 'org_path', scope));
  if (filters.underPath !== undefined) query = query.where((eb) => inScope(eb, 'org_path', { rootPath: filters.underPath ?? '' }));
  if (filters.kind) query = query.where('kind', '=', filters.kind);
  if (filters.year !== undefined) query = query.where('decided_on', '>=', `${String(filters.year)}-01-01`).where('decided_on', '<=', `${String(filters.year)}-12-31`);
  const total = await query.select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow();
  const rows = await query
    .select(['id', 'name', 'id_number_enc', 'person_id', 'kind', 'decided_on', 'detention_days', 'fine_fen', 'handling_unit_id', 'org_unit_id', 'case_id'])
    .orderBy('decided_on', 'desc')
    .orderBy('created_at', 'desc')
    .limit(pageSize)
    .offset((page - 1) * pageSize)
    .execute();
  return {
    items: rows.map((r) => ({
      id: r.id,
      name: r.name,
      idNumberEnc: r.id_number_enc,
      personId: r.person_id,
      kind: r.kind as SanctionKind,
      decidedAt: r.decided_on,
      detentionDays: r.detention_days,
      fineFen: r.fine_fen === null ? null : BigInt(r.fine_fen),
      handlingUnitId: r.handling_unit_id,
      orgUnitId: r.org_unit_id,
      caseId: r.case_id,
    })),
    total: Number(total.n),
  };
}
