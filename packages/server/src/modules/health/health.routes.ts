import { sql } from 'kysely';
import type { FastifyPluginAsync } from 'fastify';
import type { Db } from '../../platform/db/database.ts';

export function healthRoutes(db: Db): FastifyPluginAsync {
  return async (app) => {
    app.get('/healthz', { config: { public: true } }, async () => ({ status: 'ok' }));
    app.get('/readyz', { config: { public: true } }, async (_req, reply) => {
      try {
        await sql`select 1`.execute(db);
        return { status: 'ok' };
      } catch {
        return reply.status(503).send({ status: 'unavailable' });
      }
    });
  };
}
