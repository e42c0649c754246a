import type { FastifyReply, FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import {
  ChangePasswordRequest,
  LoginRequest,
  LoginResponse,
  Me,
  MfaLoginRequest,
  Ok,
  RecoveryCodes,
  TotpConfirmRequest,
  TotpDisableRequest,
  TotpEnrollment,
} from '@qingyuan/shared';
import { CSRF_COOKIE, SESSION_COOKIE, authed } from '../../platform/http/access-guard.ts';
import { DomainError } from '../../platform/errors.ts';
import type { AccountService } from './account.service.ts';
import { toMe, type AuthService, type LoginOutcome } from './auth.service.ts';

function setSessionCookies(request: FastifyRequest, reply: FastifyReply, token: string, csrfToken: string, expiresAt: Date): void {
  const secure = request.protocol === 'https';
  reply.setCookie(SESSION_COOKIE, token, { httpOnly: true, sameSite: 'strict', secure, path: '/', expires: expiresAt });
  // Readable by the page on purpose: it echoes the value in x-csrf-token (double submit, checked against the session).
  reply.setCookie(CSRF_COOKIE, csrfToken, { httpOnly: false, sameSite: 'strict', secure, path: '/', expires: expiresAt });
}

function loginReply(request: FastifyRequest, reply: FastifyReply, outcome: LoginOutcome): LoginResponse {
  if (outcome.kind === 'mfa') return { status: 'mfa_required', challenge: outcome.challenge };
  setSessionCookies(request, reply, outcome.session.token, outcome.session.csrfToken, outcome.session.expiresAt);
  return { status: 'ok', me: outcome.me };
}

export function authRoutes(auth: AuthService, account: AccountService, loginRateLimitPerMinute: number): FastifyPluginAsyncZod {
  return async (app) => {
    const rateLimit = {
      max: loginRateLimitPerMinute,
      timeWindow: '1 minute',
      errorResponseBuilder: () => new DomainError('rate_limited', 429, '登录请求过于频繁，请稍后再试'),
    };

    app.post('/api/auth/login', {
      schema: { tags: ['认证'], body: LoginRequest, response: { 200: LoginResponse } },
      config: { public: true, rateLimit },
    }, async (req, reply) => loginReply(req, reply, await auth.login(req.ctx, req.body)));

    app.post('/api/auth/login/mfa', {
      schema: { tags: ['认证'], body: MfaLoginRequest, response: { 200: LoginResponse } },
      config: { public: true, rateLimit },
    }, async (req, reply) => loginReply(req, reply, await auth.completeMfa(req.ctx, req.body)));

    app.post('/api/auth/logout', {
      schema: { tags: ['认证'], response: { 200: Ok } },
      config: { permission: 'account.self', allowRestricted: true },
    }, async (req, reply) => {
      await auth.logout(authed(req));
      reply.clearCookie(SESSION_COOKIE, { path: '/' }).clearCookie(CSRF_COOKIE, { path: '/' });
      reply.header('clear-site-data', '"cache", "storage"');
      return { ok: true as const };
    });

    app.get('/api/auth/me', {
      schema: { tags: ['认证'], response: { 200: Me } },
      config: { permission: 'account.self', allowRestricted: true },
    }, async (req) => toMe(authed(req).actor));

    app.post('/api/auth/password', {
      schema: { tags: ['我的账号'], body: ChangePasswordRequest, response: { 200: Ok } },
      config: { permission: 'account.self', allowRestricted: true },
    }, async (req) => {
      await account.changePassword(authed(req), req.body);
      return { ok: true as const };
    });

    app.post('/api/auth/mfa/totp/start', {
      schema: { tags: ['我的账号'], response: { 200: TotpEnrollment } },
      config: { permission: 'account.self', allowRestricted: true },
    }, (req) => account.startTotp(authed(req)));

    app.post('/api/auth/mfa/totp/confirm', {
      schema: { tags: ['我的账号'], body: TotpConfirmRequest, response: { 200: RecoveryCodes } },
      config: { permission: 'account.self', allowRestricted: true },
    }, (req) => account.confirmTotp(authed(req), req.body.code));

    app.post('/api/auth/mfa/totp/disable', {
      schema: { tags: ['我的账号'], body: TotpDisableRequest, response: { 200: Ok } },
      config: { permission: 'account.self' },
    }, async (req) => {
      await account.disableTotp(authed(req), req.body.password);
      return { ok: true as const };
    });
  };
}
