import { createHash } from 'node:crypto';
import { PERSON_PHOTO_MAX_BYTES, PERSON_PHOTO_TYPES, sniffAttachmentType, type PersonPhotoType, type UploadPersonPhoto } from '@qingyuan/shared';
import { scopeOf } from '../../platform/access/scope.ts';
import type { AuthedContext } from '../../platform/context.ts';
import type { FieldCipher } from '../../platform/crypto/field-cipher.ts';
import { invalidField, notFound } from '../../platform/errors.ts';
import type { Platform } from '../../platform/platform.ts';
import * as photos from './person-photo.repository.ts';
import * as repo from './persons.repository.ts';

/** Where a sealed photo lives: the associated data its ciphertext is bound to. */
const place = (personId: string) => `person_photo.content_enc:${personId}`;

export interface Photo {
  contentType: PersonPhotoType;
  sha256: string;
  content: Buffer;
}

/**
 * A person's photo (照片): one per person, replaced by a new upload (the audit trail keeps each version's digest).
 * The type comes from the content (JPEG or PNG), at most 2 MB; the image is sealed at rest like the other personal
 * fields; every read is audited; scope follows the person (another unit's person is a 404, as if missing).
 */
export class PersonPhotoService {
  constructor(
    private readonly platform: Platform,
    private readonly cipher: FieldCipher,
  ) {}

  async put(ctx: AuthedContext, personId: string, input: UploadPersonPhoto): Promise<void> {
    const content = Buffer.from(input.contentBase64, 'base64');
    if (content.length === 0) throw invalidField('contentBase64', '文件内容不能为空');
    if (content.length > PERSON_PHOTO_MAX_BYTES) throw invalidField('contentBase64', '照片不能超过2MB');
    const sniffed = sniffAttachmentType(content);
    const contentType = PERSON_PHOTO_TYPES.find((t) => t === sniffed);
    if (!contentType) throw invalidField('contentBase64', '照片仅支持 JPEG、PNG 图片（按文件内容识别）');
    const sha256 = createHash('sha256').update(content).digest('hex');
    await this.platform.db.transaction().execute(async (trx) => {
      const person = await repo.findInScope(trx, scopeOf(ctx.actor), personId, 'update');
      if (!person) throw notFound();
      const previous = await photos.photoOf(trx, person.id);
      await photos.putPhoto(trx, {
        personId: person.id, contentType, sizeBytes: content.length, sha256,
        contentEnc: this.cipher.seal(place(person.id), content.toString('base64')), createdBy: ctx.actor.userId,
      }, this.platform.clock.now());
      await this.platform.audit.append(trx, ctx, {
        action: 'person.photo_uploaded', entityType: 'person', entityId: person.id,
        changes: { contentType, sizeBytes: content.length, sha256, replacedSha256: previous?.sha256 ?? null },
      });
    });
  }

  async get(ctx: AuthedContext, personId: string): Promise<Photo> {
    return this.platform.db.transaction().execute(async (trx) => {
      const person = await repo.findInScope(trx, scopeOf(ctx.actor), personId);
      if (!person) throw notFound();
      const found = await photos.photoOf(trx, person.id);
      if (!found) throw notFound();
      const content = Buffer.from(this.cipher.open(place(person.id), found.contentEnc), 'base64');
      if (createHash('sha256').update(content).digest('hex') !== found.sha256) throw new Error(`photo of ${person.id}: stored digest does not match its content`);
      const contentType = PERSON_PHOTO_TYPES.find((t) => t === found.contentType);
      if (!contentType) throw new Error(`photo of ${person.id}: unexpected content type ${found.contentType}`);
      await this.platform.audit.append(trx, ctx, {
        action: 'person.photo_viewed', entityType: 'person', entityId: person.id, changes: { sha256: found.sha256 },
      });
      return { contentType, sha256: found.sha256, content };
    });
  }

  /** Removes the photo; removing none is a no-op (nothing written, nothing audited). */
  async remove(ctx: AuthedContext, personId: string): Promise<void> {
    await this.platform.db.transaction().execute(async (trx) => {
      const person = await repo.findInScope(trx, scopeOf(ctx.actor), personId, 'update');
      if (!person) throw notFound();
      const removed = await photos.deletePhoto(trx, person.id);
      if (removed === null) return;
      await this.platform.audit.append(trx, ctx, {
        action: 'person.photo_deleted', entityType: 'person', entityId: person.id, changes: { sha256: removed },
      });
    });
  }
}
