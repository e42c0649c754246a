import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { BulletinQuery, CreateReportJob, ReportJobCreated, ReportJobDto, ReportJobList, ReportJobParams, ReportJobQuery, ReportKindParams, ReportPreview, ReportQuery, ReportTemplateBody, ReportTemplateDto } from '@qingyuan/shared';
import type { FastifyReply } from 'fastify';
import { authed } from '../../platform/http/access-guard.ts';
import type { ReportJobsService } from './report-jobs.service.ts';
import type { ReportsService } from './reports.service.ts';

const TAGS = ['工作简报'];

const DOCX = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';

function sendDocx(reply: FastifyReply, file: { filename: string; content: Buffer }): FastifyReply {
  return reply
    .type(DOCX)
    .header('content-disposition', `attachment; filename="report.docx"; filename*=UTF-8''${encodeURIComponent(file.filename)}`)
    .send(file.content);
}

export function reportsRoutes(reports: ReportsService, jobs: ReportJobsService): FastifyPluginAsyncZod {
  return async (app) => {
    app.get('/api/reports/templates/:kind', {
      schema: { tags: TAGS, params: ReportKindParams, response: { 200: ReportTemplateDto } },
      config: { permission: 'reports.read' },
    }, (req) => reports.template(req.params.kind));

    app.put('/api/reports/templates/:kind', {
      schema: { tags: TAGS, params: ReportKindParams, body: ReportTemplateBody, response: { 200: ReportTemplateDto } },
      config: { permission: 'reports.configure' },
    }, (req) => reports.saveTemplate(authed(req), req.params.kind, req.body));

    app.get('/api/reports/:kind/preview', {
      schema: { tags: TAGS, params: ReportKindParams, querystring: ReportQuery, response: { 200: ReportPreview } },
      config: { permission: 'reports.read' },
    }, (req) => reports.preview(authed(req), req.params.kind, req.query));

    app.get('/api/reports/:kind/docx', {
      schema: { tags: TAGS, params: ReportKindParams, querystring: ReportQuery },
      config: { permission: 'reports.read' },
    }, async (req, reply) => sendDocx(reply, await reports.docx(authed(req), req.params.kind, req.query)));

    // The contract route: the bulletin of a unit for a year, quarter or month, answered directly.
    app.get('/api/reports/bulletin.docx', {
      schema: { tags: TAGS, querystring: BulletinQuery },
      config: { permission: 'reports.read' },
    }, async (req, reply) => {
      const query = reports.periodQuery(req.query.period);
      const unit = await reports.reportUnit(authed(req), req.query.orgUnitId);
      return sendDocx(reply, await reports.docx(authed(req), 'bulletin', { ...query, orgUnitId: unit.id }));
    });

    // 生成任务: reports generated in the background; finished files kept and listed.
    app.post('/api/reports/jobs', {
      schema: { tags: TAGS, body: CreateReportJob, response: { 202: ReportJobCreated } },
      config: { permission: 'reports.read' },
    }, async (req, reply) => reply.code(202).send(await jobs.create(authed(req), req.body)));

    app.get('/api/reports/jobs', {
      schema: { tags: TAGS, querystring: ReportJobQuery, response: { 200: ReportJobList } },
      config: { permission: 'reports.read' },
    }, (req) => jobs.list(authed(req), req.query.page, req.query.pageSize));

    app.get('/api/reports/jobs/:id', {
      schema: { tags: TAGS, params: ReportJobParams, response: { 200: ReportJobDto } },
      config: { permission: 'reports.read' },
    }, (req) => jobs.get(authed(req), req.params.id));

    app.get('/api/reports/jobs/:id/file', {
      schema: { tags: TAGS, params: ReportJobParams },
      config: { permission: 'reports.read' },
    }, async (req, reply) => sendDocx(reply, await jobs.file(authed(req), req.params.id)));

    app.delete('/api/reports/jobs/:id', {
      schema: { tags: TAGS, params: ReportJobParams },
      config: { permission: 'reports.read' },
    }, async (req, reply) => {
      await jobs.delete(authed(req), req.params.id);
      return reply.code(204).send();
    });
  };
}
