import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import {
  AbstinenceCandidate,
  AbstinenceCandidateQuery,
  AbstinenceReviewDto,
  AbstinenceReviewQuery,
  ArchiveQuery,
  ArchivedPerson,
  Created,
  DecideAbstinence,
  IdParams,
  Ok,
  ProposeAbstinence,
  RestoreArchivedPerson,
  listResponse,
} from '@qingyuan/shared';
import { authed } from '../../platform/http/access-guard.ts';
import type { AbstinenceService } from './abstinence.service.ts';

const TAGS = ['戒断三年未复吸与限制查阅档案'];

export function abstinenceRoutes(abstinence: AbstinenceService): FastifyPluginAsyncZod {
  return async (app) => {
    app.get('/api/abstinence/candidates', {
      schema: { tags: TAGS, querystring: AbstinenceCandidateQuery, response: { 200: listResponse(AbstinenceCandidate) } },
      config: { permission: 'supervision.read' },
    }, (req) => abstinence.candidates(authed(req), req.query));

    app.post('/api/persons/:id/abstinence-reviews', {
      schema: { tags: TAGS, params: IdParams, body: ProposeAbstinence, response: { 201: Created } },
      config: { permission: 'supervision.write' },
    }, async (req, reply) => reply.status(201).send(await abstinence.propose(authed(req), req.params.id, req.body)));

    app.get('/api/abstinence/reviews', {
      schema: { tags: TAGS, querystring: AbstinenceReviewQuery, response: { 200: listResponse(AbstinenceReviewDto) } },
      config: { permission: 'supervision.read' },
    }, (req) => abstinence.reviews(authed(req), req.query));

    app.post('/api/abstinence/reviews/:id/decision', {
      schema: { tags: TAGS, params: IdParams, body: DecideAbstinence, response: { 200: Ok } },
      config: { permission: 'abstinence.approve' },
    }, (req) => abstinence.decide(authed(req), req.params.id, req.body));

    app.get('/api/archive/persons', {
      schema: { tags: TAGS, querystring: ArchiveQuery, response: { 200: listResponse(ArchivedPerson) } },
      config: { permission: 'archive.read' },
    }, (req) => abstinence.archive(authed(req), req.query));

    app.get('/api/archive/persons/:id', {
      schema: { tags: TAGS, params: IdParams, response: { 200: ArchivedPerson } },
      config: { permission: 'archive.read' },
    }, (req) => abstinence.archived(authed(req), req.params.id));

    // 恢复管控: archive readers only (the office); the service also requires persons.write.
    app.post('/api/archive/persons/:id/restore', {
      schema: { tags: TAGS, params: IdParams, body: RestoreArchivedPerson, response: { 200: Ok } },
      config: { permission: 'archive.read' },
    }, (req) => abstinence.restore(authed(req), req.params.id, req.body));
  };
}
