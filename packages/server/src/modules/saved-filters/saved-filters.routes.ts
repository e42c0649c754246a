import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { CreateSavedFilter, Created, IdParams, Ok, SavedFilterDto, SavedFilterListQuery, UpdateSavedFilter } from '@qingyuan/shared';
import { authed } from '../../platform/http/access-guard.ts';
import type { SavedFiltersService } from './saved-filters.service.ts';

const TAGS = ['常用筛选'];

/**
 * Every signed-in account may keep filters (`account.self`); the service then asks for the permission of the page
 * the filter belongs to (工作清单: supervision.read, 人员列表: persons.read) and answers 403 without it.
 */
export function savedFiltersRoutes(filters: SavedFiltersService): FastifyPluginAsyncZod {
  return async (app) => {
    app.get('/api/saved-filters', {
      schema: { tags: TAGS, querystring: SavedFilterListQuery, response: { 200: z.object({ items: z.array(SavedFilterDto) }) } },
      config: { permission: 'account.self' },
    }, async (req) => ({ items: await filters.list(authed(req), req.query.page) }));

    app.post('/api/saved-filters', {
      schema: { tags: TAGS, body: CreateSavedFilter, response: { 201: Created } },
      config: { permission: 'account.self' },
    }, async (req, reply) => reply.code(201).send(await filters.create(authed(req), req.body)));

    app.patch('/api/saved-filters/:id', {
      schema: { tags: TAGS, params: IdParams, body: UpdateSavedFilter, response: { 200: Ok } },
      config: { permission: 'account.self' },
    }, (req) => filters.update(authed(req), req.params.id, req.body));

    app.delete('/api/saved-filters/:id', {
      schema: { tags: TAGS, params: IdParams, response: { 200: Ok } },
      config: { permission: 'account.self' },
    }, (req) => filters.remove(authed(req), req.params.id));
  };
}
