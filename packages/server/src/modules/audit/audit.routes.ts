import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { AuditEvent, AuditQuery, AuditVerification, listResponse } from '@qingyuan/shared';
import { authed } from '../../platform/http/access-guard.ts';
import type { Platform } from '../../platform/platform.ts';
import * as repo from './audit.repository.ts';

/** The auditor's search and chain verification. Searching is itself audited. */
export function auditRoutes(platform: Platform): FastifyPluginAsyncZod {
  return async (app) => {
    app.get('/api/audit', {
      schema: { tags: ['审计日志'], querystring: AuditQuery, response: { 200: listResponse(AuditEvent) } },
      config: { permission: 'audit.read' },
    }, async (req) => {
      const ctx = authed(req);
      const result = await repo.search(platform.db, req.query);
      const { page: _page, pageSize: _size, ...filters } = req.query;
      await platform.audit.appendAlone(platform.db, ctx, { action: 'audit.searched', entityType: 'audit_event', changes: filters });
      return result;
    });

    app.get('/api/audit/verify', {
      schema: { tags: ['审计日志'], response: { 200: AuditVerification } },
      config: { permission: 'audit.read' },
    }, () => platform.audit.verify(platform.db));
  };
}
