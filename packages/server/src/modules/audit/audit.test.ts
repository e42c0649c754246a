import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { sql } from 'kysely';
import type { AuditEvent, AuditVerification } from '@qingyuan/shared';
import { ConfigError, loadConfig } from '../../platform/config.ts';
import { given } from '../../testing/given.ts';
import { startTestApp, type Agent, type TestApp } from '../../testing/test-app.ts';

type Page = { items: AuditEvent[]; total: number };

describe('audit log', () => {
  let app: TestApp;
  let auditor: Agent;
  before(async () => {
    app = await startTestApp();
    auditor = await app.login('auditor');
  });
  after(() => app.close());

  it('records a write with actor, org, role, entity, request id, IP and changed fields, in the same transaction', async () => {
    const office = await app.login('office');
    const township = await given(app).orgNamed('青山镇');
    const created = await office.post('/api/orgs', { parentId: township.id, name: '审计测试村', kind: 'village' });
    assert.equal(created.statusCode, 201);
    const id = created.json<{ id: string }>().id;
    const page = (await auditor.get(`/api/audit?entityType=org_unit&entityId=${id}`)).json<Page>();
    assert.equal(page.total, 1);
    const row = page.items[0]!;
    assert.equal(row.action, 'org.created');
    assert.equal(row.actorUsername, 'office');
    assert.equal(row.actorOrgName, '示范区');
    assert.deepEqual(row.actorRoles, ['office']);
    assert.equal(row.requestId, created.headers['x-request-id']);
    assert.ok(row.clientIp);
    assert.equal((row.changes as { name: string }).name, '审计测试村');
  });

  it('searches by actor, action and time window, newest first, paginated', async () => {
    const byActor = (await auditor.get('/api/audit?actor=office&pageSize=5')).json<Page>();
    assert.ok(byActor.total >= 1);
    assert.ok(byActor.items.every((e) => e.actorUsername === 'office'));
    const seqs = byActor.items.map((e) => Number(e.seq));
    assert.deepEqual(seqs, [...seqs].sort((a, b) => b - a));
    const future = (await auditor.get(`/api/audit?from=${encodeURIComponent('2030-01-01T00:00:00+08:00')}`)).json<Page>();
    assert.equal(future.total, 0);
    const logins = (await auditor.get('/api/audit?action=auth.login')).json<Page>();
    assert.ok(logins.items.length > 0 && logins.items.every((e) => e.action === 'auth.login'));
    const bad = await auditor.get('/api/audit?from=yesterday');
    assert.equal(bad.statusCode, 400);
    assert.equal(bad.json<{ errors: { field: string }[] }>().errors[0]?.field, 'from');
  });

  it('is append-only: UPDATE, DELETE and TRUNCATE are refused by the database', async () => {
    const db = app.platform.db;
    await assert.rejects(sql`update audit_event set action = 'x'`.execute(db), /append-only/);
    await assert.rejects(sql`delete from audit_event`.execute(db), /append-only/);
    await assert.rejects(sql`truncate audit_event`.execute(db), /append-only/);
  });

  it('fails the action when its audit row cannot be written', async () => {
    const db = app.platform.db;
    const office = await app.login('office');
    const parent = await given(app).orgNamed('白石镇');
    const before = await given(app).rowCount('org_unit');
    await sql.raw(`CREATE FUNCTION qy_test_block_audit() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RAISE EXCEPTION 'audit store down'; END; $$;
      CREATE TRIGGER qy_test_block BEFORE INSERT ON audit_event FOR EACH ROW EXECUTE FUNCTION qy_test_block_audit();`).execute(db);
    try {
      const response = await office.post('/api/orgs', { parentId: parent.id, name: '无审计不落库村', kind: 'village' });
      assert.equal(response.statusCode, 500);
      assert.doesNotMatch(response.body, /audit store down|audit_event/, 'no SQL error text leaks');
      assert.equal(await given(app).rowCount('org_unit'), before, 'the org unit was rolled back with its audit row');
      assert.equal((await app.attemptLogin('police', 'Qingyuan#2026')).statusCode, 500, 'no login without its audit row');
    } finally {
      await sql.raw('DROP TRIGGER qy_test_block ON audit_event; DROP FUNCTION qy_test_block_audit();').execute(db);
    }
  });

  it('verifies the chain, and names the first tampered row', async () => {
    const ok = (await auditor.get('/api/audit/verify')).json<AuditVerification>();
    assert.equal(ok.ok, true);
    assert.ok(ok.checked > 5);
    const db = app.platform.db;
    const target = await db.selectFrom('audit_event').select('seq').where('action', '=', 'org.created').executeTakeFirstOrThrow();
    await sql.raw('ALTER TABLE audit_event DISABLE TRIGGER USER').execute(db);
    try {
      await sql`update audit_event set entity_id = 'forged' where seq = ${target.seq}`.execute(db);
    } finally {
      await sql.raw('ALTER TABLE audit_event ENABLE TRIGGER USER').execute(db);
    }
    const broken = (await auditor.get('/api/audit/verify')).json<AuditVerification>();
    assert.equal(broken.ok, false);
    assert.equal(broken.firstBrokenSeq, target.seq);
    assert.match(broken.reason ?? '', /篡改/);
  });

  it('is readable by the auditor only (sysadmin and office get 403)', async () => {
    for (const role of ['sysadmin', 'secadmin', 'office']) {
      assert.equal((await (await app.login(role)).get('/api/audit')).statusCode, 403, role);
    }
  });
});

describe('audit retention', () => {
  it('refuses to start with less than six months of retention', () => {
    assert.throws(() => loadConfig({ QINGYUAN_AUDIT_RETENTION_DAYS: '90' }), ConfigError);
    assert.throws(() => loadConfig({ QINGYUAN_AUDIT_RETENTION_DAYS: '183' }), /184/);
    assert.equal(loadConfig({ QINGYUAN_AUDIT_RETENTION_DAYS: '184' }).auditRetentionDays, 184);
  });
});
