import { sql } from 'kysely';
import type {
  AssetKind,
  CaseLevel,
  CaseStatus,
  CaseType,
  SuspectRole,
  Supervision,
  WantedLevel,
} from '@qingyuan/shared';
import { inScope, type Scope } from '../../platform/access/scope.ts';
import type { Db } from '../../platform/db/database.ts';

/** All SQL over cases and what hangs on them: suspects, seizures, precursor seizures and drug assets. */

export interface StoredCase {
  id: string;
  caseNumber: string;
  type: CaseType;
  level: CaseLevel;
  supervision: Supervision | null;
  gang: boolean;
  network: boolean;
  family: boolean;
  filedAt: string;
  solvedAt: string | null;
  prosecutedAt: string | null;
  handlingUnitId: string;
  orgUnitId: string;
  orgPath: string;
  summary: string | null;
  version: number;
  createdAt: Date;
}

const CASE_COLUMNS = [
  'id', 'case_number', 'type', 'level', 'supervision', 'gang', 'network', 'family', 'filed_on', 'solved_on', 'prosecuted_on',
  'handling_unit_id', 'org_unit_id', 'org_path', 'summary', 'version', 'created_at',
] as const;

interface CaseRow {
  id: string;
  case_number: string;
  type: string;
  level: string;
  supervision: string | null;
  gang: boolean;
  network: boolean;
  family: boolean;
  filed_on: string;
  solved_on: string | null;
  prosecuted_on: string | null;
  handling_unit_id: string;
  org_unit_id: string;
  org_path: string;
  summary: string | null;
  version: number;
  created_at: Date;
}

function toCase(row: CaseRow): StoredCase {
  return {
    id: row.id,
    caseNumber: row.case_number,
    type: row.type as CaseType,
    level: row.level as CaseLevel,
    supervision: row.supervision as Supervision | null,
    gang: row.gang,
    network: row.network,
    family: row.family,
    filedAt: row.filed_on,
    solvedAt: row.solved_on,
    prosecutedAt: row.prosecuted_on,
    handlingUnitId: row.handling_unit_id,
    orgUnitId: row.org_unit_id,
    orgPath: row.org_path,
    summary: row.summary,
    version: row.version,
    createdAt: row.created_at,
  };
}

export type CaseFields = Omit<StoredCase, 'id' | 'version' | 'createdAt'>;

function caseColumns(fields: Partial<CaseFields>) {
  return {
    ...(fields.caseNumber !== undefined ? { case_number: fields.caseNumber } : {}),
    ...(fields.type !== undefined ? { type: fields.type } : {}),
    ...(fields.level !== undefined ? { level: fields.level } : {}),
    ...(fields.supervision !== undefined ? { supervision: fields.supervision } : {}),
    ...(fields.gang !== undefined ? { gang: fields.gang } : {}),
    ...(fields.network !== undefined ? { network: fields.network } : {}),
    ...(fields.family !== undefined ? { family: fields.family } : {}),
    ...(fields.filedAt !== undefined ? { filed_on: fields.filedAt } : {}),
    ...(fields.solvedAt !== undefined ? { solved_on: fields.solvedAt } : {}),
    ...(fields.prosecutedAt !== undefined ? { prosecuted_on: fields.prosecutedAt } : {}),
    ...(fields.handlingUnitId !== undefined ? { handling_unit_id: fields.handlingUnitId } : {}),
    ...(fields.orgUnitId !== undefined ? { org_unit_id: fields.orgUnitId } : {}),
    ...(fields.orgPath !== undefined ? { org_path: fields.orgPath } : {}),
    ...(fields.summary !== undefined ? { summary: fields.summary } : {}),
  };
}

export async function insertCases(db: Db, cases: readonly (CaseFields & { id: string; createdBy: string | null })[], at: Date): Promise<void> {
  for (let i = 0; i < cases.length; i += 500) {
    await db
      .insertInto('drug_case')
      .values(cases.slice(i, i + 500).map((c) => ({
        id: c.id,
        case_number: c.caseNumber,
        type: c.type,
        level: c.level,
        supervision: c.supervision,
        gang: c.gang,
        network: c.network,
        family: c.family,
        filed_on: c.filedAt,
        solved_on: c.solvedAt,
        prosecuted_on: c.prosecutedAt,
        handling_unit_id: c.handlingUnitId,
        org_unit_id: c.orgUnitId,
        org_path: c.orgPath,
        summary: c.summary,
        created_by: c.createdBy,
        created_at: at,
        updated_at: at,
      })))
      .execute();
  }
}

/** A case in the scope, optionally row-locked (`update` to edit it, `share` to add records under it). */
export async function findCaseInScope(db: Db, scope: Scope, id: string, lock?: 'update' | 'share'): Promise<StoredCase | null> {
  let query = db.selectFrom('drug_case').select(CASE_COLUMNS).where('id', '=', id).where((eb) => inScope(eb, 'org_path', scope));
  if (lock === 'update') query = query.forUpdate();
  if (lock === 'share') query = query.forShare();
  const row = await query.executeTakeFirst();
  return row ? toCase(row) : null;
}

export async function updateCase(db: Db, id: string, fields: Partial<CaseFields>, at: Date): Promise<StoredCase> {
  const row = await db
    .updateTable('drug_case')
    .set({ ...caseColumns(fields), version: sql<number>`version + 1`, updated_at: at })
    .where('id', '=', id)
    .returning(CASE_COLUMNS)
    .executeTakeFirstOrThrow();
  return toCase(row);
}

/** Everything recorded under a case follows it when its unit changes. */
export async function setCaseChildPaths(db: Db, caseId: string, orgPath: string): Promise<void> {
  for (const table of ['suspect', 'seizure', 'precursor_seizure', 'drug_asset'] as const) {
    await db.updateTable(table).set({ org_path: orgPath }).where('case_id', '=', caseId).execute();
  }
}

/** Rewrites the copied org paths of every enforcement table when a unit moves (inside the move's transaction). */
export async function rewritePaths(db: Db, oldPath: string, newPath: string): Promise<void> {
  const rewrite = sql<string>`${newPath} || substr(org_path, ${oldPath.length + 1})`;
  for (const table of ['drug_case', 'suspect', 'seizure', 'precursor_seizure', 'drug_asset', 'drug_use_sanction', 'enforcement_target'] as const) {
    await db.updateTable(table).set({ org_path: rewrite }).where((eb) => inScope(eb, 'org_path', { rootPath: oldPath })).execute();
  }
}

export interface CaseFilters {
  underPath?: string;
  numberContains?: string;
  type?: CaseType;
  level?: CaseLevel;
  status?: CaseStatus;
  year?: number;
}

export interface CaseListRow extends StoredCase {
  suspectCount: number;
  grams: string;
}

const likeEscape = (text: string): string => text.replace(/[\\%_]/g, (c) => `\\${c}`);

/** A page of the cases in scope, newest filing first, each with its suspect count and seized grams. */
export async function listCases(db: Db, scope: Scope, filters: CaseFilters, page: number, pageSize: number): Promise<{ items: CaseListRow[]; total: number }> {
  let query = db.selectFrom('drug_case as c').where((eb) => inScope(eb, 'c.org_path', scope));
  if (filters.underPath !== undefined) query = query.where((eb) => inScope(eb, 'c.org_path', { rootPath: filters.underPath ?? '' }));
  if (filters.numberContains) query = query.where(sql<boolean>`c.case_number ilike ${`%${likeEscape(filters.numberContains)}%`}`);
  if (filters.type) query = query.where('c.type', '=', filters.type);
  if (filters.level) query = query.where('c.level', '=', filters.level);
  if (filters.status === 'filed') query = query.where('c.solved_on', 'is', null);
  if (filters.status === 'solved') query = query.where('c.solved_on', 'is not', null).where('c.prosecuted_on', 'is', null);
  if (filters.status === 'prosecuted') query = query.where('c.prosecuted_on', 'is not', null);
  if (filters.year !== undefined) query = query.where('c.filed_on', '>=', `${String(filters.year)}-01-01`).where('c.filed_on', '<=', `${String(filters.year)}-12-31`);
  const total = await query.select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow();
  const rows = await query
    .select(CASE_COLUMNS.map((c) => `c.${c}` as const))
    .select((eb) => [
      eb.selectFrom('suspect as s').whereRef('s.case_id', '=', 'c.id').select((e) => e.fn.countAll<string>().as('n')).as('suspect_count'),
      eb.selectFrom('seizure as z').whereRef('z.case_id', '=', 'c.id').select(sql<string>`coalesce(sum(z.grams), 0)`.as('g')).as('grams'),
    ])
    .orderBy('c.filed_on', 'desc')
    .orderBy('c.case_number', 'desc')
    .limit(pageSize)
    .offset((page - 1) * pageSize)
    .execute();
  return {
    items: rows.map((r) => ({ ...toCase(r), suspectCount: Number(r.suspect_count ?? 0), grams: r.grams ?? '0' })),
    total: Number(total.n),
  };
}

// ---------------------------------------------------------------- suspects

export interface StoredSuspect {
  id: string;
  caseId: string;
  name: string;
  idNumberEnc: string | null;
  idHash: string | null;
  personId: string | null;
  role: SuspectRole;
  caughtAt: string | null;
  criminalDetentionAt: string | null;
  arrestedAt: string | null;
  prosecutedAt: string | null;
  wantedLevel: WantedLevel | null;
  notes: string | null;
  version: number;
}

const SUSPECT_COLUMNS = [
  'id', 'case_id', 'name', 'id_number_enc', 'id_hash', 'person_id', 'role', 'caught_on', 'criminal_detention_on', 'arrested_on',
  'prosecuted_on', 'wanted_level', 'notes', 'version',
] as const;

interface SuspectRow {
  id: string;
  case_id: string;
  name: string;
  id_number_enc: string | null;
  id_hash: string | null;
  person_id: string | null;
  role: string;
  caught_on: string | null;
  criminal_detention_on: string | null;
  arrested_on: string | null;
  prosecuted_on: string | null;
  wanted_level: string | null;
  notes: string | null;
  version: number;
}

function toSuspect(row: SuspectRow): StoredSuspect {
  return {
    id: row.id,
    caseId: row.case_id,
    name: row.name,
    idNumberEnc: row.id_number_enc,
    idHash: row.id_hash,
    personId: row.person_id,
    role: row.role as SuspectRole,
    caughtAt: row.caught_on,
    criminalDetentionAt: row.criminal_detention_on,
    arrestedAt: row.arrested_on,
    prosecutedAt: row.prosecuted_on,
    wantedLevel: row.wanted_level as WantedLevel | null,
    notes: row.notes,
    version: row.version,
  };
}

export type SuspectMeasures = Pick<StoredSuspect, 'role' | 'caughtAt' | 'criminalDetentionAt' | 'arrestedAt' | 'prosecutedAt' | 'wantedLevel' | 'notes'>;

function measureColumns(m: Partial<SuspectMeasures>) {
  return {
    ...(m.role !== undefined ? { role: m.role } : {}),
    ...(m.caughtAt !== undefined ? { caught_on: m.caughtAt } : {}),
    ...(m.criminalDetentionAt !== undefined ? { criminal_detention_on: m.criminalDetentionAt } : {}),
    ...(m.arrestedAt !== undefined ? { arrested_on: m.arrestedAt } : {}),
    ...(m.prosecutedAt !== undefined ? { prosecuted_on: m.prosecutedAt } : {}),
    ...(m.wantedLevel !== undefined ? { wanted_level: m.wantedLevel } : {}),
    ...(m.notes !== undefined ? { notes: m.notes } : {}),
  };
}

export interface NewSuspect extends SuspectMeasures {
  id: string;
  caseId: string;
  name: string;
  idNumberEnc: string | null;
  idHash: string | null;
  personId: string | null;
  orgPath: string;
  createdBy: string | null;
}

export async function insertSuspects(db: Db, suspects: readonly NewSuspect[], at: Date): Promise<void> {
  for (let i = 0; i < suspects.length; i += 500) {
    await db
      .insertInto('suspect')
      .values(suspects.slice(i, i + 500).map((s) => ({
        id: s.id,
        case_id: s.caseId,
        name: s.name,
        id_number_enc: s.idNumberEnc,
        id_hash: s.idHash,
        person_id: s.personId,
        role: s.role,
        caught_on: s.caughtAt,
        criminal_detention_on: s.criminalDetentionAt,
        arrested_on: s.arrestedAt,
        prosecuted_on: s.prosecutedAt,
        wanted_level: s.wantedLevel,
        notes: s.notes,
        org_path: s.orgPath,
        created_by: s.createdBy,
        created_at: at,
        updated_at: at,
      })))
      .execute();
  }
}

export async function findSuspect(db: Db, caseId: string, suspectId: string, lock?: 'update'): Promise<StoredSuspect | null> {
  let query = db.selectFrom('suspect').select(SUSPECT_COLUMNS).where('id', '=', suspectId).where('case_id', '=', caseId);
  if (lock) query = query.forUpdate();
  const row = await query.executeTakeFirst();
  return row ? toSuspect(row) : null;
}

export async function updateSuspect(db: Db, id: string, measures: Partial<SuspectMeasures>, at: Date): Promise<StoredSuspect> {
  const row = await db
    .updateTable('suspect')
    .set({ ...measureColumns(measures), version: sql<number>`version + 1`, updated_at: at })
    .where('id', '=', id)
    .returning(SUSPECT_COLUMNS)
    .executeTakeFirstOrThrow();
  return toSuspect(row);
}

export async function suspectsOf(db: Db, caseId: string): Promise<StoredSuspect[]> {
  const rows = await db.selectFrom('suspect').select(SUSPECT_COLUMNS).where('case_id', '=', caseId).orderBy('created_at').orderBy('id').execute();
  return rows.map(toSuspect);
}

// ---------------------------------------------------------------- seizures and assets

export interface StoredSeizure {
  id: string;
  drug: string;
  grams: string;
  packets: number | null;
  seizedAt: string;
  place: string | null;
}

export interface NewSeizure extends StoredSeizure {
  caseId: string;
  orgPath: string;
  createdBy: string | null;
}

export async function insertSeizures(db: Db, seizures: readonly NewSeizure[], at: Date): Promise<void> {
  for (let i = 0; i < seizures.length; i += 1000) {
    await db
      .insertInto('seizure')
      .values(seizures.slice(i, i + 1000).map((s) => ({
        id: s.id,
        case_id: s.caseId,
        drug: s.drug,
        grams: s.grams,
        packets: s.packets,
        seized_on: s.seizedAt,
        place: s.place,
        org_path: s.orgPath,
        created_by: s.createdBy,
        created_at: at,
      })))
      .execute();
  }
}

export async function seizuresOf(db: Db, caseId: string): Promise<StoredSeizure[]> {
  const rows = await db
    .selectFrom('seizure')
    .select(['id', 'drug', 'grams', 'packets', 'seized_on', 'place'])
    .where('case_id', '=', caseId)
    .orderBy('seized_on')
    .orderBy('created_at')
    .execute();
  return rows.map((r) => ({ id: r.id, drug: r.drug, grams: r.grams, packets: r.packets, seizedAt: r.seized_on, place: r.place }));
}

export interface StoredPrecursorSeizure {
  id: string;
  chemical: string;
  kilograms: string;
  seizedAt: string;
  place: string | null;
}

export async function insertPrecursorSeizure(db: Db, s: StoredPrecursorSeizure & { caseId: string; orgPath: string; createdBy: string | null }, at: Date): Promise<void> {
  await db
    .insertInto('precursor_seizure')
    .values({
      id: s.id,
      case_id: s.caseId,
      chemical: s.chemical,
      kilograms: s.kilograms,
      seized_on: s.seizedAt,
      place: s.place,
      org_path: s.orgPath,
      created_by: s.createdBy,
      created_at: at,
    })
    .execute();
}

export async function precursorSeizuresOf(db: Db, caseId: string): Promise<StoredPrecursorSeizure[]> {
  const rows = await db
    .selectFrom('precursor_seizure')
    .select(['id', 'chemical', 'kilograms', 'seized_on', 'place'])
    .where('case_id', '=', caseId)
    .orderBy('seized_on')
    .orderBy('created_at')
    .execute();
  return rows.map((r) => ({ id: r.id, chemical: r.chemical, kilograms: r.kilograms, seizedAt: r.seized_on, place: r.place }));
}

export interface StoredAsset {
  id: string;
  kind: AssetKind;
  amountFen: bigint;
  description: string;
  recordedAt: string;
}

export async function insertAssets(db: Db, assets: readonly (StoredAsset & { caseId: string; orgPath: string; createdBy: string | null })[], at: Date): Promise<void> {
  if (assets.length === 0) return;
  await db
    .insertInto('drug_asset')
    .values(assets.map((a) => ({
      id: a.id,
      case_id: a.caseId,
      kind: a.kind,
      amount_fen: a.amountFen.toString(),
      description: a.description,
      recorded_on: a.recordedAt,
      org_path: a.orgPath,
      created_by: a.createdBy,
      created_at: at,
    })))
    .execute();
}

export async function assetsOf(db: Db, caseId: string): Promise<StoredAsset[]> {
  const rows = await db
    .selectFrom('drug_asset')
    .select(['id', 'kind', 'amount_fen', 'description', 'recorded_on'])
    .where('case_id', '=', caseId)
    .orderBy('recorded_on')
    .orderBy('created_at')
    .execute();
  return rows.map((r) => ({ id: r.id, kind: r.kind as AssetKind, amountFen: BigInt(r.amount_fen), description: r.description, recordedAt: r.recorded_on }));
}
