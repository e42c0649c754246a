import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { CreatePartner, FeedResults, IdParams, Ok, PartnerDto, PartnerSecret } from '@qingyuan/shared';
import { authed } from '../../platform/http/access-guard.ts';
import { DomainError } from '../../platform/errors.ts';
import type { FeedsService } from './feeds.service.ts';

const TAGS = ['特殊行业联网'];
/** 1,000 events of ~300 bytes; well under the platform's 1 MB. */
const FEED_BODY_LIMIT = 1024 * 1024;

const header = (value: string | string[] | undefined): string | undefined => (Array.isArray(value) ? value[0] : value);

/** Partner management (office) and the signed ingestion route. */
export function feedsRoutes(feeds: FeedsService, ratePerMinute: number): FastifyPluginAsyncZod {
  return async (app) => {
    app.post('/api/feeds/partners', {
      schema: { tags: TAGS, body: CreatePartner, response: { 201: PartnerSecret } },
      config: { permission: 'alerts.manage' },
    }, async (req, reply) => reply.status(201).send(await feeds.createPartner(authed(req), req.body)));

    app.get('/api/feeds/partners', {
      schema: { tags: TAGS, response: { 200: z.object({ items: z.array(PartnerDto) }) } },
      config: { permission: 'alerts.manage' },
    }, async () => ({ items: await feeds.listPartners() }));

    app.post('/api/feeds/partners/:id/rotate', {
      schema: { tags: TAGS, params: IdParams, response: { 200: PartnerSecret } },
      config: { permission: 'alerts.manage' },
    }, (req) => feeds.rotate(authed(req), req.params.id));

    app.post('/api/feeds/partners/:id/revoke', {
      schema: { tags: TAGS, params: IdParams, response: { 200: Ok } },
      config: { permission: 'alerts.manage' },
    }, (req) => feeds.revoke(authed(req), req.params.id));

    // The signed route lives in its own encapsulated plugin: its JSON parser keeps the raw bytes (the HMAC covers
    // them) and applies nowhere else. The body is never logged (the request logger writes the path only).
    await app.register(async (signed) => {
      signed.removeContentTypeParser('application/json');
      signed.addContentTypeParser('application/json', { parseAs: 'buffer', bodyLimit: FEED_BODY_LIMIT }, (_req, body, done) => done(null, body));

      signed.post('/api/feeds/events', {
        schema: { tags: TAGS, response: { 200: FeedResults } },
        // The schema documents the answer; the 1,000 results the service builds (typed as FeedEventResult) are written
        // as they are, without zod encoding each one again on the hot path (≈1–2 ms of a batch).
        serializerCompiler: () => (data) => JSON.stringify(data),
        // Authenticated by the partner's signature, not a session: the guard lets it through, the handler verifies.
        config: {
          public: true,
          rateLimit: {
            max: ratePerMinute,
            timeWindow: '1 minute',
            keyGenerator: (req) => `feed:${header(req.headers['x-qy-key']) ?? req.ip}`,
            errorResponseBuilder: () => new DomainError('rate_limited', 429, '报送过于频繁，请稍后再试'),
          },
        },
      }, async (req) => {
        const rawBody = Buffer.isBuffer(req.body) ? req.body : Buffer.alloc(0);
        const verified = await feeds.authenticate(req.ctx, {
          keyId: header(req.headers['x-qy-key']), timestamp: header(req.headers['x-qy-timestamp']), signature: header(req.headers['x-qy-signature']), rawBody,
        });
        return feeds.ingest(req.ctx, verified, rawBody);
      });
    });
  };
}
