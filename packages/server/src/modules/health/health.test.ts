import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { startTestApp, type TestApp } from '../../testing/test-app.ts';

describe('health and platform surface', () => {
  let app: TestApp;
  before(async () => {
    app = await startTestApp();
  });
  after(() => app.close());

  it('answers /healthz and /readyz', async () => {
    assert.equal((await app.server.inject('/healthz')).statusCode, 200);
    const ready = await app.server.inject('/readyz');
    assert.equal(ready.statusCode, 200);
    assert.deepEqual(ready.json(), { status: 'ok' });
  });

  it('puts security headers and a request id on every response, errors included', async () => {
    const response = await app.server.inject('/api/nowhere');
    assert.equal(response.statusCode, 404);
    assert.match(String(response.headers['content-type']), /application\/problem\+json/);
    assert.match(String(response.headers['content-security-policy']), /frame-ancestors 'none'/);
    assert.equal(response.headers['x-content-type-options'], 'nosniff');
    assert.ok(response.headers['x-request-id']);
    assert.equal(response.json<{ requestId: string }>().requestId, response.headers['x-request-id']);
    assert.doesNotMatch(response.body, /at .*\.ts:\d+/);
  });

  it('serves the OpenAPI document at /api/docs', async () => {
    const response = await app.server.inject('/api/docs/json');
    assert.equal(response.statusCode, 200);
    const doc = response.json<{ paths: Record<string, unknown> }>();
    assert.ok(doc.paths['/api/auth/login']);
    assert.ok(doc.paths['/api/orgs']);
  });

  it('declares a permission or public flag on every /api route', () => {
    assert.ok(app.routeAccess.length > 10);
    for (const route of app.routeAccess) assert.ok(route.public || route.permission, `${route.method} ${route.url}`);
  });
});
