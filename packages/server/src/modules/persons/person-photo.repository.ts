import type { Db } from '../../platform/db/database.ts';

/** All SQL over person_photo: one sealed image per person (migration 0014). Scope is checked on the person first. */

export interface StoredPhoto {
  personId: string;
  contentType: string;
  sizeBytes: number;
  sha256: string;
  contentEnc: string;
  createdAt: Date;
}

export async function photoOf(db: Db, personId: string): Promise<StoredPhoto | null> {
  const row = await db.selectFrom('person_photo').select(['person_id', 'content_type', 'size_bytes', 'sha256', 'content_enc', 'created_at'])
    .where('person_id', '=', personId).executeTakeFirst();
  return row
    ? { personId: row.person_id, contentType: row.content_type, sizeBytes: row.size_bytes, sha256: row.sha256, contentEnc: row.content_enc, createdAt: row.created_at }
    : null;
}

export async function hasPhoto(db: Db, personId: string): Promise<boolean> {
  return (await db.selectFrom('person_photo').select('person_id').where('person_id', '=', personId).executeTakeFirst()) !== undefined;
}

/** Inserts the person's photo or replaces the one on file. */
export async function putPhoto(db: Db, photo: Omit<StoredPhoto, 'createdAt'> & { createdBy: string | null }, at: Date): Promise<void> {
  const values = {
    person_id: photo.personId, content_type: photo.contentType, size_bytes: photo.sizeBytes, sha256: photo.sha256, content_enc: photo.contentEnc,
    created_by: photo.createdBy, created_at: at,
  };
  await db.insertInto('person_photo').values(values)
    .onConflict((oc) => oc.column('person_id').doUpdateSet({
      content_type: values.content_type, size_bytes: values.size_bytes, sha256: values.sha256, content_enc: values.content_enc,
      created_by: values.created_by, created_at: values.created_at,
    }))
    .execute();
}

/** The digest of the removed photo, or null when there was none. */
export async function deletePhoto(db: Db, personId: string): Promise<string | null> {
  const row = await db.deleteFrom('person_photo').where('person_id', '=', personId).returning('sha256').executeTakeFirst();
  return row?.sha256 ?? null;
}
