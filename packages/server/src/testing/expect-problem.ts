import assert from 'node:assert/strict';
import type { LightMyRequestResponse } from 'fastify';
import type { Problem } from '@qingyuan/shared';

/** Asserts a problem+json answer with `status` and a Chinese title, naming `field` when given; returns the problem. */
export function expectProblem(response: LightMyRequestResponse, status: number, field?: string): Problem {
  assert.equal(response.statusCode, status, response.body);
  assert.match(String(response.headers['content-type']), /^application\/problem\+json/);
  const problem = response.json<Problem>();
  assert.equal(problem.status, status);
  assert.match(problem.title, /[\u4e00-\u9fff]/, 'a Chinese title');
  if (field !== undefined) {
    assert.ok(problem.errors?.some((e) => e.field === field), `expected field ${field}, got ${JSON.stringify(problem.errors)}`);
  }
  return problem;
}
