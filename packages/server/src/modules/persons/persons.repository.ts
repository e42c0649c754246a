import { sql } from 'kysely';
import type { PersonStatus } from '@qingyuan/shared';
import { inScope, ownScope, type Scope } from '../../platform/access/scope.ts';
import type { Db } from '../../platform/db/database.ts';

/** All SQL over persons and their family contacts. Personal fields arrive and leave sealed (see person-codec.ts). */

export interface StoredPerson {
  id: string;
  name: string;
  idNumberEnc: string;
  idHash: string;
  birthDate: string;
  sex: 'male' | 'female';
  ethnicity: string | null;
  phonesEnc: string | null;
  registeredAddressEnc: string | null;
  registeredOrgUnitId: string | null;
  residenceAddressEnc: string | null;
  residenceOrgUnitId: string | null;
  orgUnitId: string;
  orgPath: string;
  employment: string | null;
  notes: string | null;
  status: PersonStatus;
  version: number;
  createdAt: Date;
  updatedAt: Date;
}

export type NewPerson = Omit<StoredPerson, 'status' | 'version' | 'createdAt' | 'updatedAt'> & { status?: PersonStatus };

export interface StoredContact {
  id: string;
  personId: string;
  position: number;
  name: string;
  relation: string;
  phoneEnc: string | null;
}

/** The columns an edit may change; `version` and `updated_at` move with every edit. */
export type PersonPatch = Partial<Omit<StoredPerson, 'id' | 'version' | 'createdAt' | 'updatedAt'>>;

const COLUMNS = [
  'id', 'name', 'id_number_enc', 'id_hash', 'birth_date', 'sex', 'ethnicity', 'phones_enc', 'registered_address_enc',
  'registered_org_unit_id', 'residence_address_enc', 'residence_org_unit_id', 'org_unit_id', 'org_path', 'employment',
  'notes', 'status', 'version', 'created_at', 'updated_at',
] as const;

interface PersonRow {
  id: string;
  name: string;
  id_number_enc: string;
  id_hash: string;
  birth_date: string;
  sex: string;
  ethnicity: string | null;
  phones_enc: string | null;
  registered_address_enc: string | null;
  registered_org_unit_id: string | null;
  residence_address_enc: string | null;
  residence_org_unit_id: string | null;
  org_unit_id: string;
  org_path: string;
  employment: string | null;
  notes: string | null;
  status: string;
  version: number;
  created_at: Date;
  updated_at: Date;
}

function toStored(row: PersonRow): StoredPerson {
  return {
    id: row.id,
    name: row.name,
    idNumberEnc: row.id_number_enc,
    idHash: row.id_hash,
    birthDate: row.birth_date,
    sex: row.sex === 'female' ? 'female' : 'male',
    ethnicity: row.ethnicity,
    phonesEnc: row.phones_enc,
    registeredAddressEnc: row.registered_address_enc,
    registeredOrgUnitId: row.registered_org_unit_id,
    residenceAddressEnc: row.residence_address_enc,
    residenceOrgUnitId: row.residence_org_unit_id,
    orgUnitId: row.org_unit_id,
    orgPath: row.org_path,
    employment: row.employment,
    notes: row.notes,
    status: row.status as PersonStatus,
    version: row.version,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

function toRow(person: NewPerson) {
  return {
    id: person.id,
    name: person.name,
    id_number_enc: person.idNumberEnc,
    id_hash: person.idHash,
    birth_date: person.birthDate,
    sex: person.sex,
    ethnicity: person.ethnicity,
    phones_enc: person.phonesEnc,
    registered_address_enc: person.registeredAddressEnc,
    registered_org_unit_id: person.registeredOrgUnitId,
    residence_address_enc: person.residenceAddressEnc,
    residence_org_unit_id: person.residenceOrgUnitId,
    org_unit_id: person.orgUnitId,
    org_path: person.orgPath,
    employment: person.employment,
    notes: person.notes,
    ...(person.status ? { status: person.status } : {}),
  };
}

function contactRow(contact: StoredContact) {
  return {
    id: contact.id,
    person_id: contact.personId,
    position: contact.position,
    name: contact.name,
    relation: contact.relation,
    phone_enc: contact.phoneEnc,
  };
}

/** Inserts persons and their contacts, in as few statements as PostgreSQL's parameter limit allows. */
export async function insert(db: Db, persons: readonly NewPerson[], contacts: readonly StoredContact[], at: Date): Promise<void> {
  const stamped = { created_at: at, updated_at: at };
  for (let i = 0; i < persons.length; i += 1000) {
    await db.insertInto('person').values(persons.slice(i, i + 1000).map((p) => ({ ...toRow(p), ...stamped }))).execute();
  }
  for (let i = 0; i < contacts.length; i += 2000) {
    await db.insertInto('person_contact').values(contacts.slice(i, i + 2000).map((c) => ({ ...contactRow(c), created_at: at }))).execute();
  }
}

/** The person holding an ID number (by blind index), in any scope: for refusing a second registration. */
export async function findByHash(db: Db, idHash: string): Promise<{ id: string; orgPath: string } | null> {
  const row = await db.selectFrom('person').select(['id', 'org_path']).where('id_hash', '=', idHash).executeTakeFirst();
  return row ? { id: row.id, orgPath: row.org_path } : null;
}

/** One person in scope (missing and out of scope look the same: null); `lock` holds the row until the caller commits. */
export async function findInScope(db: Db, scope: Scope, id: string, lock?: 'share' | 'update'): Promise<StoredPerson | null> {
  // A locked read is for a write: a person merely being transferred in is not the caller's to change (ownScope).
  const effective = lock ? ownScope(scope) : scope;
  let query = db.selectFrom('person').select(COLUMNS).where('id', '=', id).where((eb) => inScope(eb, 'org_path', effective, 'person.id'));
  if (lock === 'share') query = query.forShare();
  if (lock === 'update') query = query.forUpdate();
  const row = await query.executeTakeFirst();
  return row ? toStored(row) : null;
}

export interface PersonFilters {
  /** Exact ID number, as its blind index. */
  idHash?: string;
  nameContains?: string;
  /** Persons whose responsible unit lies under this path. */
  underPath?: string;
  status?: PersonStatus;
}

export async function list(
  db: Db,
  scope: Scope,
  filters: PersonFilters,
  page: number,
  pageSize: number,
): Promise<{ items: StoredPerson[]; total: number }> {
  let query = db.selectFrom('person').where((eb) => inScope(eb, 'org_path', scope, 'person.id'));
  if (filters.idHash !== undefined) query = query.where('id_hash', '=', filters.idHash);
  if (filters.nameContains !== undefined) {
    query = query.where('name', 'ilike', `%${filters.nameContains.replace(/[\\%_]/g, (c) => `\\${c}`)}%`);
  }
  const underPath = filters.underPath;
  if (underPath !== undefined) query = query.where((eb) => inScope(eb, 'org_path', { rootPath: underPath }));
  if (filters.status !== undefined) query = query.where('status', '=', filters.status);
  const total = await query.select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow();
  const rows = await query
    .select(COLUMNS)
    .orderBy('updated_at', 'desc')
    .orderBy('id')
    .limit(pageSize)
    .offset((page - 1) * pageSize)
    .execute();
  return { items: rows.map(toStored), total: Number(total.n) };
}

/** Applies an edit and moves the row version on; returns the stored row after the edit. */
export async function update(db: Db, id: string, patch: PersonPatch, at: Date): Promise<StoredPerson> {
  const set: Record<string, unknown> = {};
  const columns: Record<keyof PersonPatch, keyof PersonRow> = {
    name: 'name', idNumberEnc: 'id_number_enc', idHash: 'id_hash', birthDate: 'birth_date', sex: 'sex', ethnicity: 'ethnicity',
    phonesEnc: 'phones_enc', registeredAddressEnc: 'registered_address_enc', registeredOrgUnitId: 'registered_org_unit_id',
    residenceAddressEnc: 'residence_address_enc', residenceOrgUnitId: 'residence_org_unit_id', orgUnitId: 'org_unit_id',
    orgPath: 'org_path', employment: 'employment', notes: 'notes', status: 'status',
  };
  for (const [key, value] of Object.entries(patch)) {
    if (value !== undefined) set[columns[key as keyof PersonPatch]] = value;
  }
  const row = await db
    .updateTable('person')
    .set({ ...set, version: sql<number>`version + 1`, updated_at: at })
    .where('id', '=', id)
    .returning(COLUMNS)
    .executeTakeFirstOrThrow();
  return toStored(row);
}

export async function contactsOf(db: Db, personId: string): Promise<StoredContact[]> {
  const rows = await db.selectFrom('person_contact').selectAll().where('person_id', '=', personId).orderBy('position').execute();
  return rows.map((r) => ({ id: r.id, personId: r.person_id, position: r.position, name: r.name, relation: r.relation, phoneEnc: r.phone_enc }));
}

export async function replaceContacts(db: Db, personId: string, contacts: readonly StoredContact[], at: Date): Promise<void> {
  await db.deleteFrom('person_contact').where('person_id', '=', personId).execute();
  if (contacts.length > 0) await db.insertInto('person_contact').values(contacts.map((c) => ({ ...contactRow(c), created_at: at }))).execute();
}

/** Persons who still need supervising with this unit as their responsible unit (a reason not to deactivate it). */
export async function countActiveInOrg(db: Db, orgUnitId: string): Promise<number> {
  const row = await db
    .selectFrom('person')
    .select((eb) => eb.fn.countAll<string>().as('n'))
    .where('org_unit_id', '=', orgUnitId)
    .where('status', '=', 'active')
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/**
 * Rewrites the copied org paths under a moved unit: persons first, then their detections, so a detection recorded while
 * the move waits on its person's row lock is committed before the detection statement starts (and is rewritten too).
 */
export async function rewritePaths(db: Db, oldPath: string, newPath: string): Promise<void> {
  const rewrite = sql<string>`${newPath} || substr(org_path, ${oldPath.length + 1})`;
  await db.updateTable('person').set({ org_path: rewrite }).where((eb) => inScope(eb, 'org_path', { rootPath: oldPath })).execute();
  await db.updateTable('detection').set({ org_path: rewrite }).where((eb) => inScope(eb, 'org_path', { rootPath: oldPath })).execute();
}

/** A person's detections follow them when their responsible unit changes. */
export async function setDetectionPaths(db: Db, personId: string, orgPath: string): Promise<void> {
  await db.updateTable('detection').set({ org_path: orgPath }).where('person_id', '=', personId).execute();
}
