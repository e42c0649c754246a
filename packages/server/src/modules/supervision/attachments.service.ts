import { createHash, randomUUID } from 'node:crypto';
import { ATTACHMENT_MAX_BYTES, sniffAttachmentType, type AttachmentDto, type Created, type UploadAttachment } from '@qingyuan/shared';
import { scopeOf } from '../../platform/access/scope.ts';
import type { AuthedContext } from '../../platform/context.ts';
import { invalidField, notFound } from '../../platform/errors.ts';
import type { Platform } from '../../platform/platform.ts';
import * as files from './attachments.repository.ts';
import * as records from './supervision-records.repository.ts';
import { measureInScope } from './supervision.repository.ts';

export function attachmentDto(a: files.StoredAttachment): AttachmentDto {
  return { id: a.id, fileName: a.fileName, contentType: a.contentType, sizeBytes: a.sizeBytes, sha256: a.sha256, createdAt: a.createdAt.toISOString() };
}

export interface Download {
  fileName: string;
  contentType: string;
  sha256: string;
  content: Buffer;
}

/**
 * The attachment store: files of assistance records and measure agreements (协议书), kept in the database. The type
 * comes from the content (magic numbers), at most 10 MB; every download is audited; scope follows the person.
 */
export class AttachmentsService {
  constructor(private readonly platform: Platform) {}

  async upload(ctx: AuthedContext, ownerKind: files.OwnerKind, ownerId: string, input: UploadAttachment): Promise<Created> {
    const content = Buffer.from(input.contentBase64, 'base64');
    if (content.length === 0) throw invalidField('contentBase64', '文件内容不能为空');
    if (content.length > ATTACHMENT_MAX_BYTES) throw invalidField('contentBase64', '附件不能超过10MB');
    const contentType = sniffAttachmentType(content);
    if (!contentType) throw invalidField('contentBase64', '仅支持 PDF、JPEG、PNG、DOCX 文件（按文件内容识别）');
    const scope = scopeOf(ctx.actor);
    return this.platform.db.transaction().execute(async (trx) => {
      let owner: { personId: string; orgPath: string } | null = null;
      if (ownerKind === 'assistance') owner = await records.assistanceInScope(trx, scope, ownerId);
      else owner = await measureInScope(trx, scope, ownerId, true);
      if (!owner) throw notFound();
      const id = randomUUID();
      const sha256 = createHash('sha256').update(content).digest('hex');
      await files.insertAttachment(trx, {
        id, personId: owner.personId, ownerKind, ownerId, fileName: input.fileName, contentType, sizeBytes: content.length, sha256, content,
        orgPath: owner.orgPath, createdBy: ctx.actor.userId,
      }, this.platform.clock.now());
      await this.platform.audit.append(trx, ctx, {
        action: 'attachment.uploaded', entityType: 'person', entityId: owner.personId,
        changes: { attachmentId: id, ownerKind, ownerId, contentType, sizeBytes: content.length, sha256 },
      });
      return { id };
    });
  }

  /** The agreement files (协议书) of a measure in scope. */
  async ofMeasure(ctx: AuthedContext, measureId: string): Promise<AttachmentDto[]> {
    return this.platform.db.transaction().execute(async (trx) => {
      const measure = await measureInScope(trx, scopeOf(ctx.actor), measureId);
      if (!measure) throw notFound();
      const list = await files.attachmentsOf(trx, 'measure', [measure.id]);
      await this.platform.audit.append(trx, ctx, {
        action: 'attachment.listed', entityType: 'person', entityId: measure.personId, changes: { ownerKind: 'measure', ownerId: measure.id, count: list.length },
      });
      return list.map(attachmentDto);
    });
  }

  async download(ctx: AuthedContext, id: string): Promise<Download> {
    return this.platform.db.transaction().execute(async (trx) => {
      const found = await files.attachmentInScope(trx, scopeOf(ctx.actor), id);
      if (!found) throw notFound();
      const content = Buffer.from(found.content);
      // The stored digest guards against a damaged row being served as the document.
      if (createHash('sha256').update(content).digest('hex') !== found.sha256) throw new Error(`attachment ${found.id}: stored digest does not match its content`);
      await this.platform.audit.append(trx, ctx, {
        action: 'attachment.downloaded', entityType: 'person', entityId: found.personId,
        changes: { attachmentId: found.id, ownerKind: found.ownerKind, ownerId: found.ownerId, sha256: found.sha256 },
      });
      return { fileName: found.fileName, contentType: found.contentType, sha256: found.sha256, content };
    });
  }
}
