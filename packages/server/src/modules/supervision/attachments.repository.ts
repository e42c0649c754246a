import { inScope, type Scope } from '../../platform/access/scope.ts';
import type { Db } from '../../platform/db/database.ts';

/** All SQL over the attachment store: files kept in the database (bytea), owned by an assistance record or a measure. */

export type OwnerKind = 'assistance' | 'measure';

export interface StoredAttachment {
  id: string;
  personId: string;
  ownerKind: OwnerKind;
  ownerId: string;
  fileName: string;
  contentType: string;
  sizeBytes: number;
  sha256: string;
  createdAt: Date;
}

const META = ['a.id', 'a.person_id', 'a.owner_kind', 'a.owner_id', 'a.file_name', 'a.content_type', 'a.size_bytes', 'a.sha256', 'a.created_at'] as const;
function toMeta(r: {
  id: string; person_id: string; owner_kind: string; owner_id: string; file_name: string; content_type: string; size_bytes: number; sha256: string; created_at: Date;
}): StoredAttachment {
  return {
    id: r.id, personId: r.person_id, ownerKind: r.owner_kind as OwnerKind, ownerId: r.owner_id, fileName: r.file_name, contentType: r.content_type,
    sizeBytes: r.size_bytes, sha256: r.sha256, createdAt: r.created_at,
  };
}

export async function insertAttachment(
  db: Db,
  a: Omit<StoredAttachment, 'createdAt'> & { content: Uint8Array; orgPath: string; createdBy: string | null },
  at: Date,
): Promise<void> {
  await db.insertInto('attachment').values({
    id: a.id, person_id: a.personId, owner_kind: a.ownerKind, owner_id: a.ownerId, file_name: a.fileName, content_type: a.contentType,
    size_bytes: a.sizeBytes, sha256: a.sha256, content: a.content, org_path: a.orgPath, created_by: a.createdBy, created_at: at,
  }).execute();
}

/** Metadata (never the content) of the attachments of some owners. */
export async function attachmentsOf(db: Db, ownerKind: OwnerKind, ownerIds: readonly string[]): Promise<StoredAttachment[]> {
  if (ownerIds.length === 0) return [];
  const rows = await db.selectFrom('attachment as a').select([...META])
    .where('a.owner_kind', '=', ownerKind).where('a.owner_id', 'in', [...ownerIds]).orderBy('a.created_at').orderBy('a.id').execute();
  return rows.map(toMeta);
}

/** One attachment with its content, scoped like its person. */
export async function attachmentInScope(db: Db, scope: Scope, id: string): Promise<(StoredAttachment & { content: Uint8Array }) | null> {
  const row = await db.selectFrom('attachment as a').innerJoin('person as p', 'p.id', 'a.person_id').select([...META, 'a.content'])
    .where('a.id', '=', id).where((eb) => inScope(eb, 'p.org_path', scope, 'p.id')).executeTakeFirst();
  return row ? { ...toMeta(row), content: row.content } : null;
}
