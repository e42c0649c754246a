import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { AcceptTransfer, CancelTransfer, CreateTransfer, Created, IdParams, ReturnTransfer, TransferDto, TransferQuery, TransferTarget, listResponse } from '@qingyuan/shared';
import { authed } from '../../platform/http/access-guard.ts';
import type { TransfersService } from './transfers.service.ts';

const TAGS = ['人员移交'];

export function transfersRoutes(transfers: TransfersService): FastifyPluginAsyncZod {
  return async (app) => {
    app.post('/api/persons/:id/transfers', {
      schema: { tags: TAGS, params: IdParams, body: CreateTransfer, response: { 201: Created } },
      config: { permission: 'transfers.write' },
    }, async (req, reply) => reply.status(201).send(await transfers.send(authed(req), req.params.id, req.body)));

    app.get('/api/persons/:id/transfers', {
      schema: { tags: TAGS, params: IdParams, response: { 200: z.object({ items: z.array(TransferDto) }) } },
      config: { permission: 'supervision.read' },
    }, async (req) => ({ items: await transfers.ofPerson(authed(req), req.params.id) }));

    app.get('/api/transfer-targets', {
      schema: { tags: TAGS, response: { 200: z.object({ items: z.array(TransferTarget) }) } },
      config: { permission: 'transfers.write' },
    }, async (req) => ({ items: await transfers.targets(authed(req)) }));

    app.get('/api/transfers', {
      schema: { tags: TAGS, querystring: TransferQuery, response: { 200: listResponse(TransferDto) } },
      config: { permission: 'supervision.read' },
    }, (req) => transfers.list(authed(req), req.query));

    app.post('/api/transfers/:id/accept', {
      schema: { tags: TAGS, params: IdParams, body: AcceptTransfer, response: { 200: TransferDto } },
      config: { permission: 'transfers.write' },
    }, (req) => transfers.accept(authed(req), req.params.id, req.body));

    app.post('/api/transfers/:id/return', {
      schema: { tags: TAGS, params: IdParams, body: ReturnTransfer, response: { 200: TransferDto } },
      config: { permission: 'transfers.write' },
    }, (req) => transfers.giveBack(authed(req), req.params.id, req.body));

    app.post('/api/transfers/:id/cancel', {
      schema: { tags: TAGS, params: IdParams, body: CancelTransfer, response: { 200: TransferDto } },
      config: { permission: 'transfers.write' },
    }, (req) => transfers.cancel(authed(req), req.params.id, req.body));
  };
}
