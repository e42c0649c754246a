import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import {
  CreateDetection,
  CreatePerson,
  CreateRelationship,
  Created,
  IdParams,
  PersonDetail,
  PersonListItem,
  PersonListQuery,
  RevealRequest,
  RevealResult,
  SubstanceList,
  UpdatePerson,
  UploadPersonPhoto,
  listResponse,
} from '@qingyuan/shared';
import { authed } from '../../platform/http/access-guard.ts';
import { etag, ifMatchVersion } from '../../platform/http/row-version.ts';
import type { PersonRecordsService } from './person-records.service.ts';
import type { PersonsService } from './persons.service.ts';

const TAGS = ['人员管理'];
/** A 2 MB photo as base64 JSON is about 2.8 MB: above the default body limit. */
const PHOTO_BODY_LIMIT = 4 * 1024 * 1024;


export function personsRoutes(persons: PersonsService, history: PersonRecordsService): FastifyPluginAsyncZod {
  return async (app) => {
    app.get('/api/substances', {
      schema: { tags: TAGS, response: { 200: SubstanceList } },
      config: { permission: 'persons.read' },
    }, async () => ({ items: await history.substances() }));

    app.get('/api/persons', {
      schema: { tags: TAGS, querystring: PersonListQuery, response: { 200: listResponse(PersonListItem) } },
      config: { permission: 'persons.read' },
    }, (req) => persons.list(authed(req), req.query));

    app.post('/api/persons', {
      schema: { tags: TAGS, body: CreatePerson, response: { 201: Created } },
      config: { permission: 'persons.write' },
    }, async (req, reply) => reply.status(201).send(await persons.register(authed(req), req.body)));

    app.get('/api/persons/:id', {
      schema: { tags: TAGS, params: IdParams, response: { 200: PersonDetail } },
      config: { permission: 'persons.read' },
    }, async (req, reply) => {
      const person = await persons.get(authed(req), req.params.id);
      return reply.header('etag', etag(person.version)).send(person);
    });

    app.patch('/api/persons/:id', {
      schema: { tags: TAGS, params: IdParams, body: UpdatePerson, response: { 200: PersonDetail } },
      config: { permission: 'persons.write' },
    }, async (req, reply) => {
      const person = await persons.update(authed(req), req.params.id, ifMatchVersion(req), req.body);
      return reply.header('etag', etag(person.version)).send(person);
    });

    app.post('/api/persons/:id/reveal', {
      schema: { tags: TAGS, params: IdParams, body: RevealRequest, response: { 200: RevealResult } },
      config: { permission: 'persons.reveal' },
    }, (req) => persons.reveal(authed(req), req.params.id, req.body));

    app.put('/api/persons/:id/photo', {
      bodyLimit: PHOTO_BODY_LIMIT,
      schema: { tags: TAGS, params: IdParams, body: UploadPersonPhoto },
      config: { permission: 'persons.write' },
    }, async (req, reply) => {
      await persons.photos.put(authed(req), req.params.id, req.body);
      return reply.status(204).send();
    });

    app.get('/api/persons/:id/photo', {
      schema: { tags: TAGS, params: IdParams },
      config: { permission: 'persons.read' },
    }, async (req, reply) => {
      const photo = await persons.photos.get(authed(req), req.params.id);
      return reply
        .header('content-type', photo.contentType)
        .header('x-content-type-options', 'nosniff')
        .header('cache-control', 'no-store')
        .header('digest', `sha-256=${Buffer.from(photo.sha256, 'hex').toString('base64')}`)
        .send(photo.content);
    });

    app.delete('/api/persons/:id/photo', {
      schema: { tags: TAGS, params: IdParams },
      config: { permission: 'persons.write' },
    }, async (req, reply) => {
      await persons.photos.remove(authed(req), req.params.id);
      return reply.status(204).send();
    });

    app.post('/api/persons/:id/detections', {
      schema: { tags: TAGS, params: IdParams, body: CreateDetection, response: { 201: Created } },
      config: { permission: 'persons.write' },
    }, async (req, reply) => reply.status(201).send(await history.addDetection(authed(req), req.params.id, req.body)));

    app.post('/api/persons/:id/relationships', {
      schema: { tags: TAGS, params: IdParams, body: CreateRelationship, response: { 201: Created } },
      config: { permission: 'persons.write' },
    }, async (req, reply) => reply.status(201).send(await history.addRelationship(authed(req), req.params.id, req.body)));
  };
}
