import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { LoginResponse, Me } from '@qingyuan/shared';
import { MINUTE, HOUR } from '../../platform/clock.ts';
import { totpCode } from '../../platform/auth/totp.ts';
import { cookiesFrom, startTestApp, type TestApp } from '../../testing/test-app.ts';
import { given } from '../../testing/given.ts';

const DEMO = 'Qingyuan#2026';

describe('login and sessions', () => {
  let app: TestApp;
  before(async () => {
    app = await startTestApp();
  });
  after(() => app.close());

  it('logs in with an httpOnly SameSite=Strict session cookie and a readable CSRF cookie', async () => {
    const response = await app.attemptLogin('office', DEMO);
    assert.equal(response.statusCode, 200);
    const body = response.json<LoginResponse>();
    assert.equal(body.status, 'ok');
    const cookies = response.cookies as { name: string; value: string; httpOnly?: boolean; sameSite?: string }[];
    const session = cookies.find((c) => c.name === 'qy_session');
    const csrf = cookies.find((c) => c.name === 'qy_csrf');
    assert.ok(session && csrf);
    assert.equal(session.httpOnly, true);
    assert.equal(session.sameSite, 'Strict');
    assert.notEqual(csrf.httpOnly, true);
    assert.ok(Buffer.from(session.value, 'base64url').length >= 16, 'session id has at least 128 bits');
    // The cookie value is not what the database stores.
    const stored = await app.platform.db.selectFrom('user_session').select('id_hash').execute();
    assert.ok(stored.every((s) => s.id_hash !== session.value));
  });

  it('answers /api/auth/me with user, roles, permissions and orgUnitId', async () => {
    const township = await app.login('township');
    const me = (await township.get('/api/auth/me')).json<Me>();
    assert.equal(me.username, 'township');
    assert.deepEqual(me.roles, ['township']);
    assert.ok(me.permissions.includes('orgs.write'));
    assert.equal(me.orgUnitId, (await given(app).orgNamed('清源街道')).id);
    assert.equal(me.orgUnitName, '清源街道');
  });

  it('gives unknown user and wrong password the same status, body and cookies', async () => {
    const unknown = await app.attemptLogin('nobody-here', 'Wrong#Password1');
    const wrong = await app.attemptLogin('police', 'Wrong#Password1');
    assert.equal(unknown.statusCode, 401);
    assert.equal(wrong.statusCode, 401);
    const strip = (b: string) => ({ ...JSON.parse(b), requestId: undefined }) as unknown;
    assert.deepEqual(strip(unknown.body), strip(wrong.body));
    assert.deepEqual(cookiesFrom(unknown), {});
    assert.deepEqual(cookiesFrom(wrong), {});
    assert.equal(wrong.json<{ title: string }>().title, '用户名或密码错误');
  });

  it('treats usernames case-insensitively', async () => {
    assert.equal((await app.attemptLogin('OFFICE', DEMO)).statusCode, 200);
  });

  it('locks after 5 failures for 15 minutes (423), then lets the right password in', async () => {
    for (let i = 0; i < 5; i++) assert.equal((await app.attemptLogin('worker', 'nope')).statusCode, 401);
    const locked = await app.attemptLogin('worker', DEMO);
    assert.equal(locked.statusCode, 423);
    assert.match(locked.json<{ title: string }>().title, /锁定/);
    app.clock.advance(15 * MINUTE + 1000);
    assert.equal((await app.attemptLogin('worker', DEMO)).statusCode, 200);
  });

  it('locks unknown usernames the same way, so lockout reveals nothing', async () => {
    for (let i = 0; i < 5; i++) assert.equal((await app.attemptLogin('ghost-user', 'nope')).statusCode, 401);
    assert.equal((await app.attemptLogin('ghost-user', 'nope')).statusCode, 423);
  });

  it('lets 50 parallel wrong logins verify at most 5 passwords', async () => {
    const responses = await Promise.all(Array.from({ length: 50 }, () => app.attemptLogin('department', 'Wrong#Guess99')));
    const statuses = responses.map((r) => r.statusCode);
    assert.equal(statuses.filter((s) => s === 401).length, 5, `statuses: ${statuses.join(',')}`);
    assert.equal(statuses.filter((s) => s === 423).length, 45);
    const failures = await app.platform.db
      .selectFrom('audit_event')
      .select('reason')
      .where('action', '=', 'auth.login_failed')
      .where('actor_username', '=', 'department')
      .execute();
    assert.equal(failures.filter((f) => f.reason !== '账号锁定期间尝试登录').length, 5);
    // Even the right password waits out the lock.
    assert.equal((await app.attemptLogin('department', DEMO)).statusCode, 423);
  });

  it('expires a session after 30 idle minutes and after 12 hours in all', async () => {
    const police = await app.login('police');
    app.clock.advance(29 * MINUTE);
    assert.equal((await police.get('/api/auth/me')).statusCode, 200);
    app.clock.advance(29 * MINUTE);
    assert.equal((await police.get('/api/auth/me')).statusCode, 200, 'activity keeps it alive');
    app.clock.advance(31 * MINUTE);
    assert.equal((await police.get('/api/auth/me')).statusCode, 401, 'idle for 31 minutes');

    const busy = await app.login('police');
    for (let elapsed = 0; elapsed < 12 * HOUR; elapsed += 20 * MINUTE) {
      app.clock.advance(20 * MINUTE);
      if (elapsed + 20 * MINUTE < 12 * HOUR) assert.equal((await busy.get('/api/auth/me')).statusCode, 200);
    }
    assert.equal((await busy.get('/api/auth/me')).statusCode, 401, 'past the absolute 12 hours');
  });

  it('gives admin roles a 15-minute idle timeout', async () => {
    const sysadmin = await app.login('sysadmin');
    app.clock.advance(16 * MINUTE);
    assert.equal((await sysadmin.get('/api/auth/me')).statusCode, 401);
  });

  it('kills the session server-side at logout', async () => {
    const office = await app.login('office');
    const before = await given(app).rowCount('user_session');
    const out = await office.post('/api/auth/logout');
    assert.equal(out.statusCode, 200);
    assert.equal(await given(app).rowCount('user_session'), before - 1);
    // Replaying the old cookie gets nothing.
    assert.equal((await office.get('/api/auth/me')).statusCode, 401);
  });

  it('refuses state-changing requests without the CSRF header, with a wrong one, or with a mismatched cookie', async () => {
    const office = await app.login('office');
    const root = await given(app).orgNamed('清源街道');
    const body = { parentId: root.id, name: 'CSRF测试村', kind: 'village' };
    const count = await given(app).rowCount('org_unit');
    const missing = await office.request('POST', '/api/orgs', body, { 'x-csrf-token': '' });
    assert.equal(missing.statusCode, 403);
    assert.equal(missing.json<{ code: string }>().code, 'csrf');
    assert.equal((await office.request('POST', '/api/orgs', body, { 'x-csrf-token': 'forged' })).statusCode, 403);
    const mismatched = await app.server.inject({
      method: 'POST', url: '/api/orgs', payload: body,
      cookies: { qy_session: office.cookies.qy_session ?? '', qy_csrf: 'attacker' }, headers: { 'x-csrf-token': 'attacker' },
    });
    assert.equal(mismatched.statusCode, 403);
    assert.equal(await given(app).rowCount('org_unit'), count, 'nothing written');
    assert.equal((await office.post('/api/orgs', body)).statusCode, 201, 'with the right token it works');
  });

  it('audits logins, failures and logouts', async () => {
    const actions = (await app.platform.db.selectFrom('audit_event').select('action').execute()).map((r) => r.action);
    for (const action of ['auth.login', 'auth.login_failed', 'auth.logout']) assert.ok(actions.includes(action), action);
  });
});

describe('login rate limit', () => {
  let app: TestApp;
  before(async () => {
    app = await startTestApp({ loginRateLimitPerMinute: 3 });
  });
  after(() => app.close());

  it('answers 429 with Retry-After past the per-minute limit', async () => {
    const statuses: number[] = [];
    let retryAfter: unknown;
    for (let i = 0; i < 5; i++) {
      const response = await app.attemptLogin('office', 'wrong');
      statuses.push(response.statusCode);
      if (response.statusCode === 429) retryAfter = response.headers['retry-after'];
    }
    assert.deepEqual(statuses, [401, 401, 401, 429, 429]);
    assert.ok(retryAfter);
  });
});

describe('passwords', () => {
  let app: TestApp;
  before(async () => {
    app = await startTestApp();
  });
  after(() => app.close());

  it('rejects a new password that breaks the policy, naming the field, and keeps the old one', async () => {
    const worker = await app.login('worker');
    for (const bad of ['short1A!', 'alllowercaseletters', 'Worker#Password1', 'Qingyuan#2027x']) {
      const response = await worker.post('/api/auth/password', { currentPassword: DEMO, newPassword: bad });
      assert.equal(response.statusCode, 400, bad);
      assert.equal(response.json<{ errors: { field: string }[] }>().errors[0]?.field, 'newPassword');
    }
    assert.equal((await app.attemptLogin('worker', DEMO)).statusCode, 200);
  });

  it('rejects a wrong current password and a reused one', async () => {
    const police = await app.login('police');
    const wrong = await police.post('/api/auth/password', { currentPassword: 'nope', newPassword: 'Fresh#Secret2026' });
    assert.equal(wrong.json<{ errors: { field: string }[] }>().errors[0]?.field, 'currentPassword');
    const reuse = await police.post('/api/auth/password', { currentPassword: DEMO, newPassword: DEMO });
    assert.equal(reuse.statusCode, 400);
  });

  it('changes the password, ends the other sessions and keeps this one', async () => {
    const first = await app.login('department');
    const second = await app.login('department');
    const response = await first.post('/api/auth/password', { currentPassword: DEMO, newPassword: 'Brand#NewPass2026' });
    assert.equal(response.statusCode, 200);
    assert.equal((await first.get('/api/auth/me')).statusCode, 200);
    assert.equal((await second.get('/api/auth/me')).statusCode, 401);
    assert.equal((await app.attemptLogin('department', DEMO)).statusCode, 401);
    assert.equal((await app.attemptLogin('department', 'Brand#NewPass2026')).statusCode, 200);
  });

  it('stores argon2id hashes, different for the same password', async () => {
    const rows = await app.platform.db.selectFrom('app_user').select('password_hash').where('username', 'in', ['office', 'police']).execute();
    assert.equal(rows.length, 2);
    for (const r of rows) assert.match(r.password_hash, /^\$argon2id\$/);
    assert.notEqual(rows[0]?.password_hash, rows[1]?.password_hash);
  });

  it('forces a change after an admin reset and allows nothing else until then', async () => {
    const sysadmin = await app.login('sysadmin');
    const target = await given(app).userNamed('township2');
    const reset = await sysadmin.post(`/api/users/${target.id}/reset-password`);
    assert.equal(reset.statusCode, 200);
    const temporary = reset.json<{ temporaryPassword: string }>().temporaryPassword;
    const township2 = await app.login('township2', temporary);
    const me = (await township2.get('/api/auth/me')).json<Me>();
    assert.equal(me.mustChangePassword, true);
    const blocked = await township2.get('/api/orgs');
    assert.equal(blocked.statusCode, 403);
    assert.equal(blocked.json<{ code: string }>().code, 'restricted_session');
    assert.equal((await township2.post('/api/auth/password', { currentPassword: temporary, newPassword: 'Mingde#Street2026' })).statusCode, 200);
    assert.equal((await township2.get('/api/orgs')).statusCode, 200);
  });
});

describe('TOTP second factor', () => {
  let app: TestApp;
  before(async () => {
    app = await startTestApp();
  });
  after(() => app.close());

  async function enrol(username: string): Promise<{ secret: string; recoveryCodes: string[] }> {
    const agent = await app.login(username);
    const start = await agent.post('/api/auth/mfa/totp/start');
    assert.equal(start.statusCode, 200);
    const { secret, otpauthUrl } = start.json<{ secret: string; otpauthUrl: string }>();
    assert.match(otpauthUrl, /^otpauth:\/\/totp\//);
    const wrong = await agent.post('/api/auth/mfa/totp/confirm', { code: '000000' === totpCode(secret, app.clock.now()) ? '111111' : '000000' });
    assert.equal(wrong.statusCode, 400);
    const confirm = await agent.post('/api/auth/mfa/totp/confirm', { code: totpCode(secret, app.clock.now()) });
    assert.equal(confirm.statusCode, 200);
    return { secret, recoveryCodes: confirm.json<{ recoveryCodes: string[] }>().recoveryCodes };
  }

  it('asks for the code after a correct password and creates no session until it is given', async () => {
    const { secret } = await enrol('police');
    app.clock.advance(60_000);
    const sessions = await given(app).rowCount('user_session');
    const first = await app.attemptLogin('police', DEMO);
    assert.equal(first.statusCode, 200);
    const body = first.json<LoginResponse>();
    assert.equal(body.status, 'mfa_required');
    assert.deepEqual(cookiesFrom(first), {});
    assert.equal(await given(app).rowCount('user_session'), sessions);
    if (body.status !== 'mfa_required') return;
    const bad = await app.server.inject({ method: 'POST', url: '/api/auth/login/mfa', payload: { challenge: body.challenge, code: '123456' === totpCode(secret, app.clock.now()) ? '654321' : '123456' } });
    assert.equal(bad.statusCode, 401);
    const code = totpCode(secret, app.clock.now());
    const good = await app.server.inject({ method: 'POST', url: '/api/auth/login/mfa', payload: { challenge: body.challenge, code } });
    assert.equal(good.statusCode, 200);
    assert.ok(cookiesFrom(good).qy_session);

    // The same code cannot be used twice.
    const again = (await app.attemptLogin('police', DEMO)).json<LoginResponse>();
    assert.equal(again.status, 'mfa_required');
    if (again.status !== 'mfa_required') return;
    const replay = await app.server.inject({ method: 'POST', url: '/api/auth/login/mfa', payload: { challenge: again.challenge, code } });
    assert.equal(replay.statusCode, 401);
  });

  it('accepts each recovery code once', async () => {
    const { recoveryCodes } = await enrol('worker');
    assert.equal(recoveryCodes.length, 10);
    const code = recoveryCodes[0]!;
    for (const expected of [200, 401]) {
      const step = (await app.attemptLogin('worker', DEMO)).json<LoginResponse>();
      if (step.status !== 'mfa_required') assert.fail('expected the second step');
      const response = await app.server.inject({ method: 'POST', url: '/api/auth/login/mfa', payload: { challenge: step.challenge, code } });
      assert.equal(response.statusCode, expected);
    }
  });

  it('lets secadmin require TOTP per role: such users must enrol before anything else', async () => {
    const secadmin = await app.login('secadmin');
    const policy = (await secadmin.get('/api/policies/security')).json<Record<string, unknown>>();
    const saved = await secadmin.put('/api/policies/security', { ...policy, mfaRequiredRoles: ['office'] });
    assert.equal(saved.statusCode, 200);
    const office = await app.login('office');
    const me = (await office.get('/api/auth/me')).json<Me>();
    assert.equal(me.mfaEnrollRequired, true);
    assert.equal((await office.get('/api/orgs')).statusCode, 403);
    const start = (await office.post('/api/auth/mfa/totp/start')).json<{ secret: string }>();
    assert.equal((await office.post('/api/auth/mfa/totp/confirm', { code: totpCode(start.secret, app.clock.now()) })).statusCode, 200);
    assert.equal((await office.get('/api/orgs')).statusCode, 200);
    // A required factor cannot be switched off.
    const disable = await office.post('/api/auth/mfa/totp/disable', { password: DEMO });
    assert.equal(disable.statusCode, 400);
  });
});
