import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { SecurityPolicy } from '@qingyuan/shared';
import { authed } from '../../platform/http/access-guard.ts';
import type { PoliciesService } from './policies.service.ts';

export function policiesRoutes(policies: PoliciesService): FastifyPluginAsyncZod {
  return async (app) => {
    app.get('/api/policies/security', {
      schema: { tags: ['安全策略'], response: { 200: SecurityPolicy } },
      config: { permission: 'policies.read' },
    }, () => policies.get());

    app.put('/api/policies/security', {
      schema: { tags: ['安全策略'], body: SecurityPolicy, response: { 200: SecurityPolicy } },
      config: { permission: 'policies.write' },
    }, (req) => policies.update(authed(req), req.body));
  };
}
