import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import {
  AddTeamMember,
  AssistanceList,
  AttachmentList,
  CreateAssistance,
  CreateLeave,
  CreateVisit,
  Created,
  EndTeamMember,
  IdParams,
  LeaveList,
  Ok,
  RecordReturn,
  TeamMemberList,
  UploadAttachment,
  VisitList,
  WorkerAccountList,
} from '@qingyuan/shared';
import { authed } from '../../platform/http/access-guard.ts';
import type { AttachmentsService } from './attachments.service.ts';
import type { SupervisionWorkService } from './supervision-work.service.ts';

const TAGS = ['社区戒毒（康复）工作'];
/** A 10 MB file as base64 is about 13.4 MB of JSON. */
const UPLOAD_BODY_LIMIT = 15 * 1024 * 1024;

/** RFC 6266 / 5987: the (Chinese) file name survives as filename*, an ASCII fallback for old clients. */
function contentDisposition(fileName: string): string {
  const ascii = fileName.replace(/[^\x20-\x7e]|["\\]/g, '_');
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(fileName)}`;
}

export function supervisionWorkRoutes(work: SupervisionWorkService, attachments: AttachmentsService): FastifyPluginAsyncZod {
  return async (app) => {
    app.post('/api/persons/:id/work-team', {
      schema: { tags: TAGS, params: IdParams, body: AddTeamMember, response: { 201: Created } },
      config: { permission: 'supervision.write' },
    }, async (req, reply) => reply.status(201).send(await work.addMember(authed(req), req.params.id, req.body)));

    app.get('/api/persons/:id/work-team', {
      schema: { tags: TAGS, params: IdParams, response: { 200: TeamMemberList } },
      config: { permission: 'supervision.read' },
    }, async (req) => ({ items: await work.members(authed(req), req.params.id) }));

    app.get('/api/work-team/workers', {
      schema: { tags: TAGS, response: { 200: WorkerAccountList } },
      config: { permission: 'supervision.write' },
    }, async (req) => ({ items: await work.workerAccounts(authed(req)) }));

    app.post('/api/work-team-members/:id/end', {
      schema: { tags: TAGS, params: IdParams, body: EndTeamMember, response: { 200: Ok } },
      config: { permission: 'supervision.write' },
    }, (req) => work.endMember(authed(req), req.params.id, req.body));

    app.post('/api/persons/:id/visits', {
      schema: { tags: TAGS, params: IdParams, body: CreateVisit, response: { 201: Created } },
      config: { permission: 'supervision.write' },
    }, async (req, reply) => reply.status(201).send(await work.recordVisit(authed(req), req.params.id, req.body)));

    app.get('/api/persons/:id/visits', {
      schema: { tags: TAGS, params: IdParams, response: { 200: VisitList } },
      config: { permission: 'supervision.read' },
    }, (req) => work.visits(authed(req), req.params.id));

    app.post('/api/persons/:id/leaves', {
      schema: { tags: TAGS, params: IdParams, body: CreateLeave, response: { 201: Created } },
      config: { permission: 'supervision.write' },
    }, async (req, reply) => reply.status(201).send(await work.recordLeave(authed(req), req.params.id, req.body)));

    app.get('/api/persons/:id/leaves', {
      schema: { tags: TAGS, params: IdParams, response: { 200: LeaveList } },
      config: { permission: 'supervision.read' },
    }, async (req) => ({ items: await work.leaves(authed(req), req.params.id) }));

    app.post('/api/leaves/:id/return', {
      schema: { tags: TAGS, params: IdParams, body: RecordReturn, response: { 200: Ok } },
      config: { permission: 'supervision.write' },
    }, (req) => work.recordReturn(authed(req), req.params.id, req.body));

    app.post('/api/persons/:id/assistance', {
      schema: { tags: TAGS, params: IdParams, body: CreateAssistance, response: { 201: Created } },
      config: { permission: 'supervision.write' },
    }, async (req, reply) => reply.status(201).send(await work.recordAssistance(authed(req), req.params.id, req.body)));

    app.get('/api/persons/:id/assistance', {
      schema: { tags: TAGS, params: IdParams, response: { 200: AssistanceList } },
      config: { permission: 'supervision.read' },
    }, async (req) => ({ items: await work.assistance(authed(req), req.params.id) }));

    app.post('/api/assistance/:id/attachments', {
      bodyLimit: UPLOAD_BODY_LIMIT,
      schema: { tags: TAGS, params: IdParams, body: UploadAttachment, response: { 201: Created } },
      config: { permission: 'supervision.write' },
    }, async (req, reply) => reply.status(201).send(await attachments.upload(authed(req), 'assistance', req.params.id, req.body)));

    app.post('/api/measures/:id/attachments', {
      bodyLimit: UPLOAD_BODY_LIMIT,
      schema: { tags: TAGS, params: IdParams, body: UploadAttachment, response: { 201: Created } },
      config: { permission: 'supervision.write' },
    }, async (req, reply) => reply.status(201).send(await attachments.upload(authed(req), 'measure', req.params.id, req.body)));

    app.get('/api/measures/:id/attachments', {
      schema: { tags: TAGS, params: IdParams, response: { 200: AttachmentList } },
      config: { permission: 'supervision.read' },
    }, async (req) => ({ items: await attachments.ofMeasure(authed(req), req.params.id) }));

    app.get('/api/attachments/:id', {
      schema: { tags: TAGS, params: IdParams },
      config: { permission: 'supervision.read' },
    }, async (req, reply) => {
      const file = await attachments.download(authed(req), req.params.id);
      return reply
        .header('content-type', file.contentType)
        .header('content-disposition', contentDisposition(file.fileName))
        .header('x-content-type-options', 'nosniff')
        .header('cache-control', 'no-store')
        .header('digest', `sha-256=${Buffer.from(file.sha256, 'hex').toString('base64')}`)
        .send(file.content);
    });
  };
}
