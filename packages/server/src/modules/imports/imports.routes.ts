import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { IdParams, ImportJob, ImportQuery, ImportResult, type ImportKind, type Permission } from '@qingyuan/shared';
import { authed } from '../../platform/http/access-guard.ts';
import { DomainError } from '../../platform/errors.ts';
import { MAX_UPLOAD_BYTES, XLSX_MIME, attachment } from '../../platform/excel/xlsx.ts';
import type { ImportsService } from './imports.service.ts';

const TAGS = ['导入导出'];

const KINDS: { kind: ImportKind; permission: Permission; fallback: string }[] = [
  { kind: 'cases', permission: 'enforcement.write', fallback: 'cases-template.xlsx' },
  { kind: 'persons', permission: 'persons.write', fallback: 'persons-template.xlsx' },
];

/** Uploads are the raw .xlsx bytes (Content-Type of .xlsx or octet-stream), at most MAX_UPLOAD_BYTES. */
export function importsRoutes(imports: ImportsService): FastifyPluginAsyncZod {
  return async (app) => {
    app.addContentTypeParser([XLSX_MIME, 'application/octet-stream'], { parseAs: 'buffer', bodyLimit: MAX_UPLOAD_BYTES }, (_req, body, done) => {
      done(null, body);
    });

    for (const { kind, permission, fallback } of KINDS) {
      app.get(`/api/imports/${kind}/template`, {
        schema: { tags: TAGS },
        config: { permission },
      }, async (_req, reply) => {
        const { filename, content } = await imports.template(kind);
        return reply.type(XLSX_MIME).header('content-disposition', attachment(filename, fallback)).send(content);
      });

      app.post(`/api/imports/${kind}`, {
        schema: { tags: TAGS, querystring: ImportQuery, response: { 200: ImportResult } },
        config: { permission },
        bodyLimit: MAX_UPLOAD_BYTES,
      }, async (req) => {
        if (!Buffer.isBuffer(req.body)) throw new DomainError('validation', 400, '请上传 Excel（.xlsx）文件', [{ field: 'file', message: '请上传 Excel（.xlsx）文件' }]);
        return imports.run(authed(req), kind, req.body, req.query);
      });
    }

    app.get('/api/imports/jobs/:id', {
      schema: { tags: TAGS, params: IdParams, response: { 200: ImportJob } },
      config: { permission: 'account.self' },
    }, (req) => imports.job(authed(req), req.params.id));
  };
}
