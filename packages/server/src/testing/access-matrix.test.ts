import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { after, before, describe, it } from 'node:test';
import { ROLES, ROLE_PERMISSIONS, type Role } from '@qingyuan/shared';
import { renderAccessMatrix } from './access-matrix.ts';
import { startTestApp, type Agent, type TestApp } from './test-app.ts';

const MATRIX_FILE = new URL('../../../../docs/access-matrix.md', import.meta.url);
const MISSING_ID = '00000000-0000-4000-8000-000000000000';
// Walking these would end the session used for the rest of the walk.
const SESSION_ENDING = new Set(['POST /api/auth/logout']);

describe('route × role access matrix', () => {
  let app: TestApp;
  const agents = new Map<Role, Agent>();
  before(async () => {
    app = await startTestApp();
    // Demo accounts are named after their role.
    for (const role of ROLES) agents.set(role, await app.login(role));
  });
  after(() => app.close());

  it('matches the committed docs/access-matrix.md (run `npm run docs:matrix` after changing routes or roles)', () => {
    assert.equal(readFileSync(MATRIX_FILE, 'utf8'), renderAccessMatrix(app.routeAccess));
  });

  it('answers every protected route with 401 for an anonymous caller', async () => {
    for (const route of app.routeAccess.filter((r) => !r.public)) {
      const response = await app.anonymous().request(route.method as 'GET', route.url.replace(':id', MISSING_ID), route.method === 'GET' ? undefined : {});
      assert.equal(response.statusCode, 401, `${route.method} ${route.url}`);
    }
  });

  it('allows exactly the roles the matrix allows, for every route', async () => {
    let walked = 0;
    for (const route of app.routeAccess.filter((r) => !r.public && !SESSION_ENDING.has(`${r.method} ${r.url}`))) {
      for (const role of ROLES) {
        const agent = agents.get(role);
        assert.ok(agent);
        const allowed = route.permission !== null && ROLE_PERMISSIONS[role].includes(route.permission);
        const response = await agent.request(route.method as 'GET', route.url.replace(':id', MISSING_ID), route.method === 'GET' ? undefined : {});
        const label = `${role} → ${route.method} ${route.url}: ${response.statusCode} ${response.body.slice(0, 120)}`;
        if (allowed) {
          assert.ok(response.statusCode !== 401 && response.statusCode !== 403, label);
        } else {
          assert.equal(response.statusCode, 403, label);
          assert.equal(response.json<{ code: string }>().code, 'forbidden', label);
        }
        walked++;
      }
    }
    assert.ok(walked >= 20 * ROLES.length);
  });

  it('audits a denial', async () => {
    const auditor = agents.get('auditor');
    assert.ok(auditor);
    await auditor.get('/api/users');
    const denial = await app.platform.db
      .selectFrom('audit_event')
      .select(['actor_username', 'entity_id', 'success'])
      .where('action', '=', 'access.denied')
      .where('actor_username', '=', 'auditor')
      .where('entity_id', '=', 'GET /api/users')
      .executeTakeFirst();
    assert.ok(denial);
    assert.equal(denial.success, false);
  });
});
