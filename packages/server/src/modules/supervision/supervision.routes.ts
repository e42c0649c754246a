import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import {
  CreateDrugTest,
  CreateMeasure,
  CreateMeasureEvent,
  Created,
  DrugTestList,
  IdParams,
  MeasureList,
  Ok,
  ReportIn,
  WorklistPageQuery,
  WorklistRow,
  listResponse,
} from '@qingyuan/shared';
import { authed } from '../../platform/http/access-guard.ts';
import type { SupervisionService } from './supervision.service.ts';
import { testPoliciesRoutes } from './test-policies.routes.ts';

const TAGS = ['社区戒毒（康复）管控'];

export function supervisionRoutes(supervision: SupervisionService): FastifyPluginAsyncZod {
  return async (app) => {
    await app.register(testPoliciesRoutes(supervision.testPolicies));

    app.post('/api/persons/:id/measures', {
      schema: { tags: TAGS, params: IdParams, body: CreateMeasure, response: { 201: Created } },
      config: { permission: 'supervision.write' },
    }, async (req, reply) => reply.status(201).send(await supervision.orderMeasure(authed(req), req.params.id, req.body)));

    app.get('/api/persons/:id/measures', {
      schema: { tags: TAGS, params: IdParams, response: { 200: MeasureList } },
      config: { permission: 'supervision.read' },
    }, async (req) => ({ items: await supervision.measures(authed(req), req.params.id) }));

    app.post('/api/measures/:id/report-in', {
      schema: { tags: TAGS, params: IdParams, body: ReportIn, response: { 200: Ok } },
      config: { permission: 'supervision.write' },
    }, (req) => supervision.reportIn(authed(req), req.params.id, req.body));

    app.post('/api/measures/:id/events', {
      schema: { tags: TAGS, params: IdParams, body: CreateMeasureEvent, response: { 201: Created } },
      config: { permission: 'supervision.write' },
    }, async (req, reply) => reply.status(201).send(await supervision.addEvent(authed(req), req.params.id, req.body)));

    app.post('/api/persons/:id/tests', {
      schema: { tags: TAGS, params: IdParams, body: CreateDrugTest, response: { 201: Created } },
      config: { permission: 'supervision.write' },
    }, async (req, reply) => reply.status(201).send(await supervision.recordTest(authed(req), req.params.id, req.body)));

    app.get('/api/persons/:id/tests', {
      schema: { tags: TAGS, params: IdParams, response: { 200: DrugTestList } },
      config: { permission: 'supervision.read' },
    }, async (req) => ({ items: await supervision.tests(authed(req), req.params.id) }));

    app.get('/api/supervision/worklist', {
      schema: { tags: TAGS, querystring: WorklistPageQuery, response: { 200: listResponse(WorklistRow) } },
      config: { permission: 'supervision.read' },
    }, (req) => supervision.worklist(authed(req), req.query));
  };
}
