import { z } from 'zod';
import { UploadAttachment } from './supervision-work.ts';

/** A registered person's photo (照片): JPEG or PNG, recognised by its content, at most 2 MB. */

export const PERSON_PHOTO_MAX_BYTES = 2 * 1024 * 1024;
export const PERSON_PHOTO_TYPES = ['image/jpeg', 'image/png'] as const;
export type PersonPhotoType = (typeof PERSON_PHOTO_TYPES)[number];
export const PERSON_PHOTO_MAX_BASE64 = Math.ceil(PERSON_PHOTO_MAX_BYTES / 3) * 4;

/** The attachment upload body (file name, base64 content) with the photo's smaller limit. */
export const UploadPersonPhoto = UploadAttachment.extend({
  contentBase64: z.base64('文件内容应为 base64 文本').min(1, '文件内容不能为空').max(PERSON_PHOTO_MAX_BASE64 + 8, '照片不能超过2MB'),
});
export type UploadPersonPhoto = z.infer<typeof UploadPersonPhoto>;
