import type { Problem } from '@qingyuan/shared';

/** A failed API call, carrying the server's `application/problem+json` body (Chinese `title`). */
export class ApiError extends Error {
  readonly problem: Problem;

  constructor(problem: Problem) {
    super(problem.title);
    this.name = 'ApiError';
    this.problem = problem;
  }

  get status(): number {
    return this.problem.status;
  }
}

export function isApiError(error: unknown): error is ApiError {
  return error instanceof ApiError;
}

/** The Chinese text to show for any error thrown by a query or mutation. */
export function errorTitle(error: unknown): string {
  if (error instanceof ApiError) return error.problem.title;
  return '操作失败，请稍后重试';
}

type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
export type QueryValue = string | number | boolean | null | undefined;

/** Calls that answer 401 for a wrong password or code, not for a missing session: no redirect to the login page. */
const CREDENTIAL_PATHS = new Set([
  '/api/auth/login',
  '/api/auth/login/mfa',
  '/api/auth/password',
  '/api/auth/mfa/totp/disable',
]);

let onUnauthorized: (() => void) | null = null;

/** Registers what happens when the session is gone (a 401 outside the login calls). */
export function setUnauthorizedHandler(handler: () => void): void {
  onUnauthorized = handler;
}

function readCookie(name: string): string | undefined {
  for (const part of document.cookie.split(';')) {
    const [key, ...rest] = part.trim().split('=');
    if (key === name) return decodeURIComponent(rest.join('='));
  }
  return undefined;
}

export function withQuery(path: string, query?: Record<string, QueryValue>): string {
  if (!query) return path;
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    if (value === undefined || value === null || value === '') continue;
    params.set(key, String(value));
  }
  const text = params.toString();
  return text ? `${path}?${text}` : path;
}

function isProblem(body: unknown): body is Problem {
  if (typeof body !== 'object' || body === null) return false;
  return 'title' in body && typeof body.title === 'string' && 'status' in body && typeof body.status === 'number';
}

async function readBody(response: Response): Promise<unknown> {
  const text = await response.text();
  if (!text) return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return text;
  }
}

function fallbackProblem(status: number, body: unknown): Problem {
  const title =
    status === 0
      ? '网络连接失败，请检查网络后重试'
      : status === 401
        ? '未登录或会话已过期，请重新登录'
        : status === 403
          ? '无权执行此操作'
          : status === 404
            ? '请求的内容不存在'
            : status === 429
              ? '操作过于频繁，请稍后再试'
              : status >= 500
                ? '服务器暂时无法处理请求，请稍后重试'
                : `请求失败（${String(status)}）`;
  return {
    type: 'about:blank',
    title,
    status,
    code: 'CLIENT_FALLBACK',
    ...(typeof body === 'string' && body ? { detail: body.slice(0, 200) } : {}),
  };
}

async function request<T>(method: Method, path: string, body?: unknown, extraHeaders: Record<string, string> = {}): Promise<T> {
  const headers: Record<string, string> = { ...extraHeaders, accept: 'application/json, application/problem+json' };
  if (body !== undefined) headers['content-type'] = 'application/json';
  if (method !== 'GET') {
    const csrf = readCookie('qy_csrf');
    if (csrf) headers['x-csrf-token'] = csrf;
  }

  let response: Response;
  try {
    response = await fetch(path, {
      method,
      headers,
      credentials: 'same-origin',
      ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
    });
  } catch {
    throw new ApiError(fallbackProblem(0, undefined));
  }

  const data = await readBody(response);
  if (!response.ok) {
    const problem = isProblem(data) ? data : fallbackProblem(response.status, data);
    const bare = path.split('?')[0] ?? path;
    if (response.status === 401 && !CREDENTIAL_PATHS.has(bare)) onUnauthorized?.();
    throw new ApiError(problem);
  }
  return data as T;
}

/** Thin JSON client: same-origin cookies, CSRF header on writes, problem+json errors thrown as ApiError. */
export const api = {
  get: <T>(path: string, query?: Record<string, QueryValue>) => request<T>('GET', withQuery(path, query)),
  post: <T>(path: string, body?: unknown) => request<T>('POST', path, body),
  put: <T>(path: string, body?: unknown) => request<T>('PUT', path, body),
  /** `headers` e.g. `{ 'if-match': '"3"' }` for edits with row versions. */
  patch: <T>(path: string, body?: unknown, headers?: Record<string, string>) => request<T>('PATCH', path, body, headers),
  delete: <T>(path: string) => request<T>('DELETE', path),
};
