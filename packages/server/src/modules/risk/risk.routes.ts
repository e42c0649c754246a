import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import {
  CompleteViolationTask,
  CreateRiskAssessment,
  Created,
  DismissViolationTask,
  IdParams,
  RiskInstrumentDto,
  RiskInstrumentQuery,
  RiskOverview,
  SaveRiskInstrument,
  SAVE_RISK_INSTRUMENT_LABELS,
  ViolationTaskDto,
  ViolationTaskQuery,
  listResponse,
} from '@qingyuan/shared';
import { authed } from '../../platform/http/access-guard.ts';
import type { RiskService } from './risk.service.ts';
import type { ViolationTasksService } from './violation-tasks.service.ts';

const TAGS = ['风险分类评估与严重违反'];

export function riskRoutes(risk: RiskService, violations: ViolationTasksService): FastifyPluginAsyncZod {
  return async (app) => {
    app.get('/api/risk/instrument', {
      schema: { tags: TAGS, querystring: RiskInstrumentQuery, response: { 200: RiskInstrumentDto } },
      config: { permission: 'supervision.read' },
    }, (req) => risk.instrument(req.query.version));

    app.put('/api/risk/instrument', {
      schema: { tags: TAGS, body: SaveRiskInstrument, response: { 200: RiskInstrumentDto } },
      config: { permission: 'risk.configure', fieldLabels: SAVE_RISK_INSTRUMENT_LABELS },
    }, (req) => risk.saveInstrument(authed(req), req.body));

    app.get('/api/persons/:id/risk-assessments', {
      schema: { tags: TAGS, params: IdParams, response: { 200: RiskOverview } },
      config: { permission: 'supervision.read' },
    }, (req) => risk.overview(authed(req), req.params.id));

    app.post('/api/persons/:id/risk-assessments', {
      schema: { tags: TAGS, params: IdParams, body: CreateRiskAssessment, response: { 201: Created } },
      config: { permission: 'supervision.write' },
    }, async (req, reply) => reply.status(201).send(await risk.assess(authed(req), req.params.id, req.body)));

    app.get('/api/violation-tasks', {
      schema: { tags: TAGS, querystring: ViolationTaskQuery, response: { 200: listResponse(ViolationTaskDto) } },
      config: { permission: 'supervision.read' },
    }, (req) => violations.list(authed(req), req.query.status, req.query.page, req.query.pageSize));

    app.post('/api/violation-tasks/:id/complete', {
      schema: { tags: TAGS, params: IdParams, body: CompleteViolationTask, response: { 200: ViolationTaskDto } },
      config: { permission: 'supervision.write' },
    }, (req) => violations.complete(authed(req), req.params.id, req.body));

    app.post('/api/violation-tasks/:id/dismiss', {
      schema: { tags: TAGS, params: IdParams, body: DismissViolationTask, response: { 200: ViolationTaskDto } },
      config: { permission: 'supervision.write' },
    }, (req) => violations.dismiss(authed(req), req.params.id, req.body));
  };
}
