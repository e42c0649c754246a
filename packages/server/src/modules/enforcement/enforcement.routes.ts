import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  CaseDetail,
  CaseListItem,
  CaseListQuery,
  CreateAsset,
  CreateCase,
  CreatePrecursorSeizure,
  CreateSanction,
  CreateSeizure,
  CreateSuspect,
  Created,
  FigureRecords,
  FigureRecordsParams,
  FigureRecordsQuery,
  Figures,
  FiguresQuery,
  IdParams,
  OrgUnit,
  PutTarget,
  SanctionDto,
  SanctionListQuery,
  SuspectDto,
  SuspectParams,
  SuspectRevealRequest,
  SuspectRevealResult,
  TargetDto,
  TargetListQuery,
  UpdateCase,
  UpdateSuspect,
  listResponse,
} from '@qingyuan/shared';
import { authed } from '../../platform/http/access-guard.ts';
import { etag, ifMatchVersion } from '../../platform/http/row-version.ts';
import type { EnforcementModule } from './enforcement.module.ts';

const TAGS = ['缉毒执法'];


export function enforcementRoutes(module: EnforcementModule): FastifyPluginAsyncZod {
  const { cases, records, sanctions, figures } = module;
  return async (app) => {
    app.get('/api/cases', {
      schema: { tags: TAGS, querystring: CaseListQuery, response: { 200: listResponse(CaseListItem) } },
      config: { permission: 'enforcement.read' },
    }, (req) => cases.list(authed(req), req.query));

    app.post('/api/cases', {
      schema: { tags: TAGS, body: CreateCase, response: { 201: Created } },
      config: { permission: 'enforcement.write' },
    }, async (req, reply) => reply.status(201).send(await cases.create(authed(req), req.body)));

    app.get('/api/cases/:id', {
      schema: { tags: TAGS, params: IdParams, response: { 200: CaseDetail } },
      config: { permission: 'enforcement.read' },
    }, async (req, reply) => {
      const detail = await cases.get(authed(req), req.params.id);
      return reply.header('etag', etag(detail.version)).send(detail);
    });

    app.patch('/api/cases/:id', {
      schema: { tags: TAGS, params: IdParams, body: UpdateCase, response: { 200: CaseDetail } },
      config: { permission: 'enforcement.write' },
    }, async (req, reply) => {
      const detail = await cases.update(authed(req), req.params.id, ifMatchVersion(req), req.body);
      return reply.header('etag', etag(detail.version)).send(detail);
    });

    app.post('/api/cases/:id/suspects', {
      schema: { tags: TAGS, params: IdParams, body: CreateSuspect, response: { 201: Created } },
      config: { permission: 'enforcement.write' },
    }, async (req, reply) => reply.status(201).send(await records.addSuspect(authed(req), req.params.id, req.body)));

    app.patch('/api/cases/:id/suspects/:suspectId', {
      schema: { tags: TAGS, params: SuspectParams, body: UpdateSuspect, response: { 200: SuspectDto } },
      config: { permission: 'enforcement.write' },
    }, async (req, reply) => {
      const suspect = await records.updateSuspect(authed(req), req.params.id, req.params.suspectId, ifMatchVersion(req), req.body);
      return reply.header('etag', etag(suspect.version)).send(suspect);
    });

    app.post('/api/cases/:id/suspects/:suspectId/reveal', {
      schema: { tags: TAGS, params: SuspectParams, body: SuspectRevealRequest, response: { 200: SuspectRevealResult } },
      config: { permission: 'enforcement.reveal' },
    }, (req) => records.revealSuspect(authed(req), req.params.id, req.params.suspectId, req.body));

    app.post('/api/cases/:id/seizures', {
      schema: { tags: TAGS, params: IdParams, body: CreateSeizure, response: { 201: Created } },
      config: { permission: 'enforcement.write' },
    }, async (req, reply) => reply.status(201).send(await records.addSeizure(authed(req), req.params.id, req.body)));

    app.post('/api/cases/:id/precursor-seizures', {
      schema: { tags: TAGS, params: IdParams, body: CreatePrecursorSeizure, response: { 201: Created } },
      config: { permission: 'enforcement.write' },
    }, async (req, reply) => reply.status(201).send(await records.addPrecursorSeizure(authed(req), req.params.id, req.body)));

    app.post('/api/cases/:id/assets', {
      schema: { tags: TAGS, params: IdParams, body: CreateAsset, response: { 201: Created } },
      config: { permission: 'enforcement.write' },
    }, async (req, reply) => reply.status(201).send(await records.addAsset(authed(req), req.params.id, req.body)));

    app.get('/api/enforcement/sanctions', {
      schema: { tags: TAGS, querystring: SanctionListQuery, response: { 200: listResponse(SanctionDto) } },
      config: { permission: 'enforcement.read' },
    }, (req) => sanctions.list(authed(req), req.query));

    app.post('/api/enforcement/sanctions', {
      schema: { tags: TAGS, body: CreateSanction, response: { 201: Created } },
      config: { permission: 'enforcement.write' },
    }, async (req, reply) => reply.status(201).send(await sanctions.record(authed(req), req.body)));

    app.get('/api/enforcement/units', {
      schema: { tags: TAGS, response: { 200: listResponse(OrgUnit) } },
      config: { permission: 'enforcement.read' },
    }, (req) => figures.units(authed(req)));

    app.get('/api/targets', {
      schema: { tags: TAGS, querystring: TargetListQuery, response: { 200: z.object({ items: z.array(TargetDto) }) } },
      config: { permission: 'enforcement.read' },
    }, (req) => figures.listTargets(authed(req), req.query));

    app.put('/api/targets', {
      schema: { tags: TAGS, body: PutTarget, response: { 200: TargetDto } },
      config: { permission: 'targets.write' },
    }, (req) => figures.putTarget(authed(req), req.body));

    app.get('/api/enforcement/figures', {
      schema: { tags: TAGS, querystring: FiguresQuery, response: { 200: Figures } },
      config: { permission: 'enforcement.read' },
    }, (req) => figures.figures(authed(req), req.query));

    app.get('/api/enforcement/figures/export', {
      schema: { tags: TAGS, querystring: FiguresQuery },
      config: { permission: 'enforcement.read' },
    }, async (req, reply) => {
      const { filename, content } = await figures.exportFigures(authed(req), req.query);
      return reply
        .type('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
        .header('content-disposition', `attachment; filename="figures.xlsx"; filename*=UTF-8''${encodeURIComponent(filename)}`)
        .send(content);
    });

    app.get('/api/enforcement/figures/:indicator/records', {
      schema: { tags: TAGS, params: FigureRecordsParams, querystring: FigureRecordsQuery, response: { 200: FigureRecords } },
      config: { permission: 'enforcement.read' },
    }, (req) => figures.records(authed(req), req.params.indicator, req.query));
  };
}
