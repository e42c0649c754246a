import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { Dashboard, IndexConfigDto, IndicatorDefinitionDto, IndicatorTable, IndicatorTableQuery, PeriodQuery, PutIndexConfig, SituationIndex } from '@qingyuan/shared';
import { authed } from '../../platform/http/access-guard.ts';
import type { DashboardService } from './dashboard.service.ts';
import type { IndicatorTableService } from './indicator-table.service.ts';
import type { IndicatorValues } from './indicator-values.ts';
import type { SituationIndexService } from './situation-index.service.ts';

const TAGS = ['指标与看板'];

export function dashboardRoutes(services: { dashboard: DashboardService; table: IndicatorTableService; index: SituationIndexService; values: IndicatorValues }): FastifyPluginAsyncZod {
  return async (app) => {
    app.get('/api/indicators', {
      schema: { tags: TAGS, response: { 200: z.object({ items: z.array(IndicatorDefinitionDto) }) } },
      config: { permission: 'reports.read' },
    }, () => ({ items: services.values.definitions() }));

    app.get('/api/indicators/values', {
      schema: { tags: TAGS, querystring: IndicatorTableQuery, response: { 200: IndicatorTable } },
      config: { permission: 'reports.read' },
    }, (req) => services.table.table(authed(req), req.query));

    app.get('/api/indicators/values/export', {
      schema: { tags: TAGS, querystring: IndicatorTableQuery },
      config: { permission: 'reports.read' },
    }, async (req, reply) => {
      const { filename, content } = await services.table.export(authed(req), req.query);
      return reply
        .type('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
        .header('content-disposition', `attachment; filename="indicators.xlsx"; filename*=UTF-8''${encodeURIComponent(filename)}`)
        .send(content);
    });

    app.get('/api/dashboard', {
      schema: { tags: TAGS, querystring: PeriodQuery, response: { 200: Dashboard } },
      config: { permission: 'reports.read' },
    }, (req) => services.dashboard.dashboard(authed(req), req.query));

    app.get('/api/situation-index', {
      schema: { tags: TAGS, querystring: PeriodQuery, response: { 200: SituationIndex } },
      config: { permission: 'reports.read' },
    }, (req) => services.index.compute(authed(req), req.query));

    app.get('/api/situation-index/config', {
      schema: { tags: TAGS, response: { 200: IndexConfigDto } },
      config: { permission: 'reports.read' },
    }, () => services.index.config());

    app.put('/api/situation-index/config', {
      schema: { tags: TAGS, body: PutIndexConfig, response: { 200: IndexConfigDto } },
      config: { permission: 'reports.configure' },
    }, (req) => services.index.saveConfig(authed(req), req.body));
  };
}
