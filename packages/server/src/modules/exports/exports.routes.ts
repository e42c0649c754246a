import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { FastifyReply } from 'fastify';
import { CaseListQuery, FigureRecordsParams, IdParams, FigureRecordsQuery, PersonListQuery, SanctionListQuery, WorklistPageQuery } from '@qingyuan/shared';
import { authed } from '../../platform/http/access-guard.ts';
import { XLSX_MIME, attachment } from '../../platform/excel/xlsx.ts';
import type { ExportFile, ExportsService } from './exports.service.ts';

const TAGS = ['导入导出'];

function sendFile(reply: FastifyReply, file: ExportFile, fallback: string): FastifyReply {
  return reply.type(XLSX_MIME).header('content-disposition', attachment(file.filename, fallback)).send(file.content);
}

/** Excel exports of the lists; each answers an .xlsx file, filtered by the list's own query string. */
export function exportsRoutes(exports: ExportsService): FastifyPluginAsyncZod {
  return async (app) => {
    app.get('/api/cases/export', {
      schema: { tags: TAGS, querystring: CaseListQuery },
      config: { permission: 'enforcement.read' },
    }, async (req, reply) => sendFile(reply, await exports.cases(authed(req), req.query), 'cases.xlsx'));

    app.get('/api/cases/:id/export', {
      schema: { tags: TAGS, params: IdParams },
      config: { permission: 'enforcement.read' },
    }, async (req, reply) => sendFile(reply, await exports.caseRecord(authed(req), req.params.id), 'case.xlsx'));

    app.get('/api/enforcement/sanctions/export', {
      schema: { tags: TAGS, querystring: SanctionListQuery },
      config: { permission: 'enforcement.read' },
    }, async (req, reply) => sendFile(reply, await exports.sanctions(authed(req), req.query), 'sanctions.xlsx'));

    app.get('/api/enforcement/figures/:indicator/records/export', {
      schema: { tags: TAGS, params: FigureRecordsParams, querystring: FigureRecordsQuery },
      config: { permission: 'enforcement.read' },
    }, async (req, reply) => sendFile(reply, await exports.figureRecords(authed(req), req.params.indicator, req.query), 'records.xlsx'));

    app.get('/api/persons/export', {
      schema: { tags: TAGS, querystring: PersonListQuery },
      config: { permission: 'persons.read' },
    }, async (req, reply) => sendFile(reply, await exports.persons(authed(req), req.query), 'persons.xlsx'));

    app.get('/api/supervision/worklist/export', {
      schema: { tags: TAGS, querystring: WorklistPageQuery },
      config: { permission: 'supervision.read' },
    }, async (req, reply) => sendFile(reply, await exports.worklist(authed(req), req.query), 'worklist.xlsx'));
  };
}
