import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';
import { FIELD_LABELS, type Problem } from '@qingyuan/shared';
import { DomainError, type FieldError } from '../errors.ts';

type Labels = Readonly<Record<string, string>>;

function fieldLabel(field: string, routeLabels: Labels): string {
  const segments = field.split('.').filter((p) => !/^\d+$/.test(p));
  const last = segments.at(-1) ?? field;
  return routeLabels[segments.join('.')] ?? routeLabels[last] ?? FIELD_LABELS[last] ?? field;
}

function validationProblem(fields: FieldError[], routeLabels: Labels = {}): DomainError {
  const named = fields.map((f) => ({ field: f.field, message: `${fieldLabel(f.field, routeLabels)}：${f.message}` }));
  const first = named[0]?.message ?? '请求格式不正确';
  return new DomainError('validation', 400, `输入有误：${first}`, named);
}

function toDomainError(error: FastifyError | DomainError | Error, routeLabels: Labels): DomainError {
  if (error instanceof DomainError) return error;
  if (hasZodFastifySchemaValidationErrors(error)) {
    const context = (error as FastifyError).validationContext ?? 'body';
    return validationProblem(
      error.validation.map((v) => ({
        field: v.instancePath.replace(/^\//, '').replace(/\//g, '.') || context,
        message: v.message ?? '格式不正确',
      })),
      routeLabels,
    );
  }
  const status = (error as FastifyError).statusCode ?? 500;
  if (status === 415) return new DomainError('validation', 415, '不支持的内容类型，请以 JSON 提交');
  if (status === 413) return new DomainError('validation', 413, '请求内容过大');
  if (status === 400) return validationProblem([{ field: 'body', message: '请求内容不是有效的 JSON' }]);
  if (status === 404) return new DomainError('not_found', 404, '记录不存在或无权访问');
  return new DomainError('internal', 500, '服务器内部错误，请稍后重试');
}

/** Renders any error as RFC 9457 problem+json with a Chinese title; never a stack trace or SQL. */
export function sendProblem(error: FastifyError | DomainError | Error, request: FastifyRequest, reply: FastifyReply): FastifyReply {
  const problem = toDomainError(error, (request.routeOptions.config as { fieldLabels?: Labels } | undefined)?.fieldLabels ?? {});
  if (problem.status >= 500) request.log.error({ err: error }, 'request failed');
  const body: Problem = {
    type: `https://qingyuan.invalid/problems/${problem.code}`,
    title: problem.title,
    status: problem.status,
    code: problem.code,
    requestId: request.id,
    ...(problem.errors ? { errors: problem.errors } : {}),
    ...(problem.extensions ?? {}),
  };
  return reply.status(problem.status).type('application/problem+json; charset=utf-8').send(body);
}
