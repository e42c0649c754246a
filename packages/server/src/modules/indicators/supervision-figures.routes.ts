import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { SupervisionFigurePersons, SupervisionFigurePersonsParams, SupervisionFigurePersonsQuery, SupervisionFigures, SupervisionFiguresQuery } from '@qingyuan/shared';
import { authed } from '../../platform/http/access-guard.ts';
import type { SupervisionFiguresService } from './supervision-figures.service.ts';

const TAGS = ['管控统计'];

export function supervisionFiguresRoutes(figures: SupervisionFiguresService): FastifyPluginAsyncZod {
  return async (app) => {
    app.get('/api/supervision/figures', {
      schema: { tags: TAGS, querystring: SupervisionFiguresQuery, response: { 200: SupervisionFigures } },
      config: { permission: 'supervision.read' },
    }, (req) => figures.figures(authed(req), req.query));

    app.get('/api/supervision/figures/:indicator/persons', {
      schema: { tags: TAGS, params: SupervisionFigurePersonsParams, querystring: SupervisionFigurePersonsQuery, response: { 200: SupervisionFigurePersons } },
      config: { permission: 'supervision.read' },
    }, (req) => figures.figurePersons(authed(req), req.params.indicator, req.query));
  };
}
