import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { IdParams, PersonTestPolicyDto } from '@qingyuan/shared';
import { authed } from '../../platform/http/access-guard.ts';
import type { PersonTestPolicyService } from './person-test-policy.service.ts';

const TAGS = ['社区戒毒（康复）管控'];

/** The test schedule in force for one person (检测 tab): whoever reads the person's tests may read it. */
export function personTestPolicyRoutes(service: PersonTestPolicyService): FastifyPluginAsyncZod {
  return async (app) => {
    app.get('/api/persons/:id/test-policy', {
      schema: { tags: TAGS, params: IdParams, response: { 200: PersonTestPolicyDto } },
      config: { permission: 'supervision.read' },
    }, (req) => service.get(authed(req), req.params.id));
  };
}
