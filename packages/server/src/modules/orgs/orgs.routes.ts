import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { CreateOrgUnit, IdParams, MoveOrgUnit, OrgListQuery, OrgUnit, UpdateOrgUnit, listResponse } from '@qingyuan/shared';
import { authed } from '../../platform/http/access-guard.ts';
import type { OrgsService } from './orgs.service.ts';

export function orgsRoutes(orgs: OrgsService): FastifyPluginAsyncZod {
  return async (app) => {
    app.get('/api/orgs', {
      schema: { tags: ['组织机构'], querystring: OrgListQuery, response: { 200: listResponse(OrgUnit) } },
      config: { permission: 'orgs.read' },
    }, async (req) => {
      const items = await orgs.list(authed(req), req.query.includeInactive === 'true');
      return { items, total: items.length };
    });

    app.get('/api/orgs/:id', {
      schema: { tags: ['组织机构'], params: IdParams, response: { 200: OrgUnit } },
      config: { permission: 'orgs.read' },
    }, (req) => orgs.get(authed(req), req.params.id));

    app.post('/api/orgs', {
      schema: { tags: ['组织机构'], body: CreateOrgUnit, response: { 201: OrgUnit } },
      config: { permission: 'orgs.write' },
    }, async (req, reply) => reply.status(201).send(await orgs.create(authed(req), req.body)));

    app.patch('/api/orgs/:id', {
      schema: { tags: ['组织机构'], params: IdParams, body: UpdateOrgUnit, response: { 200: OrgUnit } },
      config: { permission: 'orgs.write' },
    }, (req) => orgs.update(authed(req), req.params.id, req.body));

    app.post('/api/orgs/:id/move', {
      schema: { tags: ['组织机构'], params: IdParams, body: MoveOrgUnit, response: { 200: OrgUnit } },
      config: { permission: 'orgs.write' },
    }, (req) => orgs.move(authed(req), req.params.id, req.body));

    app.post('/api/orgs/:id/deactivate', {
      schema: { tags: ['组织机构'], params: IdParams, response: { 200: OrgUnit } },
      config: { permission: 'orgs.write' },
    }, (req) => orgs.setActive(authed(req), req.params.id, false));

    app.post('/api/orgs/:id/reactivate', {
      schema: { tags: ['组织机构'], params: IdParams, response: { 200: OrgUnit } },
      config: { permission: 'orgs.write' },
    }, (req) => orgs.setActive(authed(req), req.params.id, true));
  };
}
