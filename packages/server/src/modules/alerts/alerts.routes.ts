import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  AcknowledgeAlert,
  AlertCounts,
  AlertDto,
  AlertList,
  AlertQuery,
  AlertStats,
  AlertStatsQuery,
  AssignAlert,
  BulkAcknowledge,
  BulkAcknowledgeResult,
  IdParams,
  Ok,
  PutRuleSetting,
  PutSla,
  PUT_SLA_LABELS,
  ResolveAlert,
  RuleParams,
  RuleSettingDto,
  RuleSettingsQuery,
  SlaDto,
  SweepResult,
} from '@qingyuan/shared';
import { authed } from '../../platform/http/access-guard.ts';
import { invalidField } from '../../platform/errors.ts';
import type { Clock } from '../../platform/clock.ts';
import type { AlertsService } from './alerts.service.ts';

const TAGS = ['预警'];
/** A live stream ends at the session's expiry (at most this long); EventSource reconnects and re-authenticates. */
const STREAM_MAX_MS = 5 * 60_000;
const STREAM_TICK_MS = 30_000;

export function alertsRoutes(alerts: AlertsService, clock: Clock): FastifyPluginAsyncZod {
  return async (app) => {
    app.get('/api/alerts', {
      schema: { tags: TAGS, querystring: AlertQuery, response: { 200: AlertList } },
      config: { permission: 'alerts.read' },
    }, (req) => alerts.list(authed(req), req.query));

    app.get('/api/alerts/counts', {
      schema: { tags: TAGS, response: { 200: AlertCounts } },
      config: { permission: 'alerts.read' },
    }, (req) => alerts.counts(authed(req)));

    app.get('/api/alerts/stats', {
      schema: { tags: TAGS, querystring: AlertStatsQuery, response: { 200: AlertStats } },
      config: { permission: 'alerts.read' },
    }, (req) => alerts.stats(authed(req), req.query.orgUnitId));

    // Server-sent events: the caller's scoped counts, now and after every change (never alert contents).
    app.get('/api/alerts/stream', {
      schema: { tags: TAGS },
      config: { permission: 'alerts.read' },
    }, async (req, reply) => {
      const ctx = authed(req);
      // Only an EventSource (or a client asking like one) gets the never-ending response.
      if (!(req.headers.accept ?? '').includes('text/event-stream')) throw invalidField('accept', '请以 text/event-stream 方式订阅');
      reply.hijack();
      const raw = reply.raw;
      raw.writeHead(200, {
        'content-type': 'text/event-stream; charset=utf-8', 'cache-control': 'no-store', connection: 'keep-alive',
        'x-content-type-options': 'nosniff', 'x-request-id': req.id,
      });
      let closed = false;
      const send = async (): Promise<void> => {
        if (closed) return;
        const counts = await alerts.counts(ctx);
        if (!closed) raw.write(`event: counts\ndata: ${JSON.stringify(counts)}\n\n`);
      };
      const onChange = (): void => void send().catch(() => undefined);
      const tick = setInterval(onChange, STREAM_TICK_MS);
      const lifetime = Math.max(0, Math.min(STREAM_MAX_MS, ctx.actor.sessionExpiresAt.getTime() - clock.now().getTime()));
      const end = setTimeout(() => raw.end(), lifetime);
      const cleanup = (): void => {
        closed = true;
        clearInterval(tick);
        clearTimeout(end);
        alerts.changes.off('changed', onChange);
      };
      raw.on('close', cleanup);
      alerts.changes.on('changed', onChange);
      await send().catch(() => raw.end());
    });

    app.post('/api/alerts/acknowledge', {
      schema: { tags: TAGS, body: BulkAcknowledge, response: { 200: BulkAcknowledgeResult } },
      config: { permission: 'alerts.write' },
    }, (req) => alerts.bulkAcknowledge(authed(req), req.body.ids));

    app.post('/api/alerts/sweep', {
      schema: { tags: TAGS, response: { 200: SweepResult } },
      config: { permission: 'alerts.manage' },
    }, (req) => alerts.sweepNow(authed(req)));

    app.get('/api/alerts/:id', {
      schema: { tags: TAGS, params: IdParams, response: { 200: AlertDto } },
      config: { permission: 'alerts.read' },
    }, (req) => alerts.get(authed(req), req.params.id));

    app.post('/api/alerts/:id/acknowledge', {
      schema: { tags: TAGS, params: IdParams, body: AcknowledgeAlert, response: { 200: Ok } },
      config: { permission: 'alerts.write' },
    }, (req) => alerts.acknowledge(authed(req), req.params.id, req.body.note));

    app.post('/api/alerts/:id/assign', {
      schema: { tags: TAGS, params: IdParams, body: AssignAlert, response: { 200: Ok } },
      config: { permission: 'alerts.write' },
    }, (req) => alerts.assign(authed(req), req.params.id, req.body));

    app.post('/api/alerts/:id/resolve', {
      schema: { tags: TAGS, params: IdParams, body: ResolveAlert, response: { 200: Ok } },
      config: { permission: 'alerts.write' },
    }, (req) => alerts.resolve(authed(req), req.params.id, req.body));

    app.get('/api/alert-assignees', {
      schema: { tags: TAGS, response: { 200: z.object({ items: z.array(z.object({ id: z.string(), name: z.string(), orgUnitName: z.string() })) }) } },
      config: { permission: 'alerts.write' },
    }, async (req) => ({ items: await alerts.assignees(authed(req)) }));

    app.get('/api/alert-rules', {
      schema: { tags: TAGS, querystring: RuleSettingsQuery, response: { 200: z.object({ items: z.array(RuleSettingDto) }) } },
      config: { permission: 'alerts.manage' },
    }, async (req) => ({ items: await alerts.ruleSettings(authed(req), req.query.orgUnitId) }));

    app.put('/api/alert-rules/:rule', {
      schema: { tags: TAGS, params: RuleParams, body: PutRuleSetting, response: { 200: Ok } },
      config: { permission: 'alerts.manage' },
    }, (req) => alerts.putRuleSetting(authed(req), req.params.rule, req.body));

    app.get('/api/alert-sla', {
      schema: { tags: TAGS, response: { 200: z.object({ items: z.array(SlaDto) }) } },
      config: { permission: 'alerts.read' },
    }, async () => ({ items: await alerts.slas() }));

    app.put('/api/alert-sla', {
      schema: { tags: TAGS, body: PutSla, response: { 200: z.object({ items: z.array(SlaDto) }) } },
      config: { permission: 'alerts.manage', fieldLabels: PUT_SLA_LABELS },
    }, async (req) => ({ items: await alerts.putSlas(authed(req), req.body) }));
  };
}
