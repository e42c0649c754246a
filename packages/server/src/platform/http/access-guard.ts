import { timingSafeEqual } from 'node:crypto';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Permission } from '@qingyuan/shared';
import type { AuthedContext, RequestContext } from '../context.ts';
import { DomainError, forbidden } from '../errors.ts';
import type { Platform } from '../platform.ts';
import './route-config.ts';

export const SESSION_COOKIE = 'qy_session';
export const CSRF_COOKIE = 'qy_csrf';
export const CSRF_HEADER = 'x-csrf-token';
const MUTATING = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

declare module 'fastify' {
  interface FastifyRequest {
    ctx: RequestContext;
  }
}

export interface RouteAccessEntry {
  method: string;
  url: string;
  permission: Permission | null;
  public: boolean;
}

function sameToken(a: string | undefined, b: string): boolean {
  if (!a) return false;
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

/** The context of a route that declared a permission: the guard has already set its actor. */
export function authed(request: FastifyRequest): AuthedContext {
  const { actor } = request.ctx;
  if (!actor) throw new DomainError('unauthenticated', 401, '未登录或登录已过期，请重新登录');
  return { ...request.ctx, actor };
}

/**
 * Authentication, CSRF, restricted sessions and permissions for every route, before the body is parsed.
 * Also keeps the route × access table and refuses to boot when an /api route declares neither.
 */
export function registerAccessGuard(app: FastifyInstance, platform: Platform): RouteAccessEntry[] {
  const table: RouteAccessEntry[] = [];
  const undeclared: string[] = [];

  app.addHook('onRoute', (route) => {
    if (!route.url.startsWith('/api/') || route.url.startsWith('/api/docs')) return;
    const config = route.config ?? {};
    const methods = Array.isArray(route.method) ? route.method : [route.method];
    for (const method of methods) {
      if (method === 'HEAD' || method === 'OPTIONS') continue;
      if (!config.permission && !config.public) undeclared.push(`${method} ${route.url}`);
      table.push({ method, url: route.url, permission: config.permission ?? null, public: config.public === true });
    }
  });
  app.addHook('onReady', async () => {
    if (undeclared.length > 0) throw new Error(`routes without a permission or public flag: ${undeclared.join(', ')}`);
  });

  app.decorateRequest('ctx', null as unknown as RequestContext);
  app.addHook('onRequest', async (request) => {
    request.ctx = { requestId: request.id, clientIp: request.ip, actor: null };
    const config = request.routeOptions.config;
    if (config.public || !config.permission) return;

    const token = request.cookies[SESSION_COOKIE];
    const actor = token ? await platform.sessions.resolve(token) : null;
    if (!actor) throw new DomainError('unauthenticated', 401, '未登录或登录已过期，请重新登录');
    request.ctx.actor = actor;

    if (MUTATING.has(request.method)) {
      const header = request.headers[CSRF_HEADER];
      const value = Array.isArray(header) ? header[0] : header;
      if (!sameToken(value, actor.csrfToken) || !sameToken(request.cookies[CSRF_COOKIE], actor.csrfToken)) {
        throw new DomainError('csrf', 403, '请求校验失败（CSRF），请刷新页面后重试');
      }
    }
    if (!config.allowRestricted) {
      if (actor.mustChangePassword) throw new DomainError('restricted_session', 403, '请先修改密码后再继续操作');
      if (actor.mfaEnrollRequired) throw new DomainError('restricted_session', 403, '请先启用双因素认证后再继续操作');
    }
    if (!actor.permissions.has(config.permission)) {
      await platform.audit.appendAlone(platform.db, request.ctx, {
        action: 'access.denied',
        success: false,
        entityType: 'route',
        entityId: `${request.method} ${request.routeOptions.url ?? request.url}`,
      });
      throw forbidden();
    }
  });
  return table;
}
