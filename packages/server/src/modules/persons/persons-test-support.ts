import assert from 'node:assert/strict';
import type { LightMyRequestResponse } from 'fastify';
import type { PersonDetail, Problem } from '@qingyuan/shared';
import type { Agent, TestApp } from '../../testing/test-app.ts';
export { expectProblem } from '../../testing/expect-problem.ts';

/** Assertions shared by the persons test files. */


export function createdId(response: LightMyRequestResponse): string {
  assert.equal(response.statusCode, 201, response.body);
  return response.json<{ id: string }>().id;
}

export async function detail(as: Agent, id: string): Promise<PersonDetail> {
  const response = await as.get(`/api/persons/${id}`);
  assert.equal(response.statusCode, 200, response.body);
  return response.json<PersonDetail>();
}

/** PATCH with `If-Match` (the version is sent as the ETag form `"3"`). */
export function patch(as: Agent, id: string, version: number | null, body: unknown): Promise<LightMyRequestResponse> {
  return as.request('PATCH', `/api/persons/${id}`, body, version === null ? {} : { 'if-match': `"${String(version)}"` });
}

/** The parts of a problem that must not tell "not yours" from "not there". */
export function shape(response: LightMyRequestResponse): unknown {
  const { requestId: _requestId, ...rest } = response.json<Problem>();
  return { statusCode: response.statusCode, contentType: response.headers['content-type'], ...rest };
}

export async function auditRows(app: TestApp, action: string, entityId?: string) {
  let query = app.platform.db.selectFrom('audit_event').selectAll().where('action', '=', action);
  if (entityId !== undefined) query = query.where('entity_id', '=', entityId);
  return query.orderBy('seq').execute();
}
