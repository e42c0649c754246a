import type { FastifyRequest } from 'fastify';
import { invalidField, versionRequired } from '../errors.ts';

/** Optimistic locking over HTTP (SECURITY.md §26): a row's version travels as its ETag and comes back in If-Match. */

/** The row version an edit is based on, from `If-Match: "<version>"` (the ETag of the GET); 428 when absent. */
export function ifMatchVersion(request: FastifyRequest): number {
  const header = request.headers['if-match'];
  if (header === undefined || header === '') throw versionRequired();
  const match = /^(?:W\/)?"?([1-9]\d{0,8})"?$/.exec(header.trim());
  if (!match?.[1]) throw invalidField('if-match', '版本号格式不正确，请刷新后重新编辑');
  return Number(match[1]);
}

export const etag = (version: number): string => `"${String(version)}"`;
