import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { AreaMap, AreaMapQuery, AreaUpload, AreaUploadResult, IdParams, Ok, PutResidents } from '@qingyuan/shared';
import { authed } from '../../platform/http/access-guard.ts';
import type { AreasService } from './areas.service.ts';

const TAGS = ['辖区概况'];

export function areasRoutes(areas: AreasService): FastifyPluginAsyncZod {
  return async (app) => {
    app.get('/api/areas/map', {
      schema: { tags: TAGS, querystring: AreaMapQuery, response: { 200: AreaMap } },
      config: { permission: 'orgs.read' },
    }, (req) => areas.map(authed(req), req.query.orgUnitId));

    // A province's boundaries run to megabytes: this route alone takes a larger body.
    app.put('/api/areas/geometry', {
      bodyLimit: 16 * 1024 * 1024,
      schema: { tags: TAGS, body: AreaUpload, response: { 200: AreaUploadResult } },
      config: { permission: 'areas.configure' },
    }, (req) => areas.upload(authed(req), req.body));

    app.put('/api/areas/:id/residents', {
      schema: { tags: TAGS, params: IdParams, body: PutResidents, response: { 200: Ok } },
      config: { permission: 'areas.configure' },
    }, async (req) => {
      await areas.setResidents(authed(req), req.params.id, req.body.residents);
      return { ok: true as const };
    });
  };
}
