import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { CreateTestNotice, Created, ExcuseTestNotice, IdParams, TestNoticeDto, TestNoticeList } from '@qingyuan/shared';
import { authed } from '../../platform/http/access-guard.ts';
import type { TestNoticesService } from './test-notices.service.ts';

const TAGS = ['社区戒毒（康复）管控'];

/** 通知检测: notices to come for a test; missed ones count toward the serious-violation threshold. */
export function testNoticesRoutes(notices: TestNoticesService): FastifyPluginAsyncZod {
  return async (app) => {
    app.post('/api/persons/:id/test-notices', {
      schema: { tags: TAGS, params: IdParams, body: CreateTestNotice, response: { 201: Created } },
      config: { permission: 'supervision.write' },
    }, async (req, reply) => reply.status(201).send(await notices.record(authed(req), req.params.id, req.body)));

    app.get('/api/persons/:id/test-notices', {
      schema: { tags: TAGS, params: IdParams, response: { 200: TestNoticeList } },
      config: { permission: 'supervision.read' },
    }, async (req) => ({ items: await notices.list(authed(req), req.params.id) }));

    app.post('/api/test-notices/:id/excuse', {
      schema: { tags: TAGS, params: IdParams, body: ExcuseTestNotice, response: { 200: TestNoticeDto } },
      config: { permission: 'supervision.write' },
    }, (req) => notices.excuse(authed(req), req.params.id, req.body));
  };
}
