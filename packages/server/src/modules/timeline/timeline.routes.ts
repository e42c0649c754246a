import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { IdParams, PersonTimeline } from '@qingyuan/shared';
import { authed } from '../../platform/http/access-guard.ts';
import type { TimelineService } from './timeline.service.ts';

export function timelineRoutes(timeline: TimelineService): FastifyPluginAsyncZod {
  return async (app) => {
    app.get('/api/persons/:id/timeline', {
      schema: { tags: ['吸毒人员'], params: IdParams, response: { 200: PersonTimeline } },
      config: { permission: 'supervision.read' },
    }, (req) => timeline.timeline(authed(req), req.params.id));
  };
}
