import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { LightMyRequestResponse } from 'fastify';
import { sql } from 'kysely';
import type { LoginResponse, Me, OrgUnit, Problem, Role, TemporaryPassword, User } from '@qingyuan/shared';
import { given } from '../../testing/given.ts';
import { startTestApp, type Agent, type TestApp } from '../../testing/test-app.ts';
import { expectProblem } from '../../testing/expect-problem.ts';

type UserPage = { items: User[]; total: number };

const DEMO = 'Qingyuan#2026';
const NEW_PASSWORD = 'Lanhua#Spring2026';
const MISSING_ID = '00000000-0000-4000-8000-000000000000';


function okUser(response: LightMyRequestResponse): User {
  assert.equal(response.statusCode, 200, response.body);
  return response.json<User>();
}

describe('account administration', () => {
  let app: TestApp;
  let sysadmin: Agent;
  let secadmin: Agent;
  let org: (name: string) => Promise<OrgUnit>;

  /** sysadmin creates, secadmin grants, the user changes the temporary password: a ready agent. */
  async function newAccount(username: string, orgName: string, roles: Role[]): Promise<{ agent: Agent; id: string }> {
    const orgUnit = await org(orgName);
    const response = await sysadmin.post('/api/users', { username, displayName: `测试${username}`, orgUnitId: orgUnit.id });
    assert.equal(response.statusCode, 201, response.body);
    const { id, temporaryPassword } = response.json<TemporaryPassword>();
    okUser(await secadmin.put(`/api/users/${id}/roles`, { roles }));
    const first = await app.login(username, temporaryPassword);
    assert.equal((await first.post('/api/auth/password', { currentPassword: temporaryPassword, newPassword: NEW_PASSWORD })).statusCode, 200);
    return { agent: first, id };
  }

  async function countUsers(where: (db: TestApp['platform']['db']) => Promise<number>): Promise<number> {
    return where(app.platform.db);
  }

  before(async () => {
    app = await startTestApp();
    sysadmin = await app.login('sysadmin');
    secadmin = await app.login('secadmin');
    org = (name) => given(app).orgNamed(name);
  });
  after(() => app.close());

  describe('create', () => {
    it('creates an account with a one-time password that must be changed before anything else', async () => {
      const township = await org('青山镇');
      const response = await sysadmin.post('/api/users', { username: 'zhangwei', displayName: '张伟', orgUnitId: township.id });
      assert.equal(response.statusCode, 201, response.body);
      const { id, temporaryPassword } = response.json<TemporaryPassword>();
      assert.ok(temporaryPassword.length >= 10);

      const user = okUser(await sysadmin.get(`/api/users/${id}`));
      assert.equal(user.username, 'zhangwei');
      assert.equal(user.displayName, '张伟');
      assert.equal(user.orgUnitId, township.id);
      assert.equal(user.orgUnitName, '青山镇');
      assert.deepEqual(user.roles, []);
      assert.equal(user.active, true);
      assert.equal(user.mustChangePassword, true);

      const audit = await app.platform.db.selectFrom('audit_event').select(['action', 'changes']).where('entity_id', '=', id).execute();
      assert.deepEqual(audit.map((a) => a.action), ['user.created']);
      assert.ok(!audit.some((a) => (a.changes ?? '').includes(temporaryPassword)), 'the password never reaches the audit log');
      const stored = await app.platform.db.selectFrom('app_user').select('password_hash').where('id', '=', id).executeTakeFirstOrThrow();
      assert.match(stored.password_hash, /^\$argon2id\$/);

      okUser(await secadmin.put(`/api/users/${id}/roles`, { roles: ['township'] }));
      const login = await app.attemptLogin('zhangwei', temporaryPassword);
      assert.equal(login.statusCode, 200);
      const body = login.json<LoginResponse>();
      assert.ok(body.status === 'ok' && body.me.mustChangePassword);
      const agent = await app.login('zhangwei', temporaryPassword);
      assert.equal((await agent.get('/api/auth/me')).json<Me>().mustChangePassword, true);
      for (const blocked of [await agent.get('/api/orgs'), await agent.post('/api/orgs', { parentId: township.id, name: '抢先村', kind: 'village' })]) {
        assert.equal(expectProblem(blocked, 403).code, 'restricted_session');
      }
      const weak = await agent.post('/api/auth/password', { currentPassword: temporaryPassword, newPassword: 'zhangwei#2026' });
      expectProblem(weak, 400, 'newPassword');
      assert.equal((await agent.post('/api/auth/password', { currentPassword: temporaryPassword, newPassword: NEW_PASSWORD })).statusCode, 200);
      assert.equal((await agent.get('/api/auth/me')).json<Me>().mustChangePassword, false);
      assert.equal((await agent.get('/api/orgs')).statusCode, 200);
      assert.equal((await app.attemptLogin('zhangwei', temporaryPassword)).statusCode, 401, 'the one-time password is gone');
      assert.equal((await app.attemptLogin('zhangwei', NEW_PASSWORD)).statusCode, 200);
    });

    it('refuses a username taken in any letter case (409 username) and writes nothing', async () => {
      const district = await org('示范区');
      const before = await given(app).rowCount('app_user');
      for (const username of ['OFFICE', 'Township2', ' worker ']) {
        const response = await sysadmin.post('/api/users', { username, displayName: '重名', orgUnitId: district.id });
        assert.equal(expectProblem(response, 409, 'username').code, 'conflict');
      }
      assert.equal(await given(app).rowCount('app_user'), before);
    });

    it('answers parallel creates of one username with one 201 and 409s, never 500', async () => {
      const district = await org('示范区');
      const before = await given(app).rowCount('app_user');
      const responses = await Promise.all(
        ['racer', 'RACER', 'Racer'].map((username) => sysadmin.post('/api/users', { username, displayName: '并发', orgUnitId: district.id })),
      );
      assert.deepEqual(responses.map((r) => r.statusCode).sort(), [201, 409, 409], responses.map((r) => r.body).join('\n'));
      assert.equal(await given(app).rowCount('app_user'), before + 1);
    });

    it('refuses a missing, malformed or inactive orgUnitId (400 orgUnitId) and a bad username', async () => {
      const before = await given(app).rowCount('app_user');
      expectProblem(await sysadmin.post('/api/users', { username: 'nobody1', displayName: '无', orgUnitId: MISSING_ID }), 400, 'orgUnitId');
      expectProblem(await sysadmin.post('/api/users', { username: 'nobody1', displayName: '无', orgUnitId: 'x' }), 400, 'orgUnitId');
      const office = await app.login('office');
      const township = await org('柳河镇');
      const unit = (await office.post('/api/orgs', { parentId: township.id, name: '待停用村', kind: 'village' })).json<OrgUnit>();
      assert.equal((await office.post(`/api/orgs/${unit.id}/deactivate`)).statusCode, 200);
      expectProblem(await sysadmin.post('/api/users', { username: 'nobody1', displayName: '无', orgUnitId: unit.id }), 400, 'orgUnitId');
      const district = await org('示范区');
      expectProblem(await sysadmin.post('/api/users', { username: '张三', displayName: '无', orgUnitId: district.id }), 400, 'username');
      expectProblem(await sysadmin.post('/api/users', { username: 'ab', displayName: '无', orgUnitId: district.id }), 400, 'username');
      expectProblem(await sysadmin.post('/api/users', { username: 'nobody1', displayName: '', orgUnitId: district.id }), 400, 'displayName');
      assert.equal(await given(app).rowCount('app_user'), before);
    });

    it('ignores fields the caller may not set (roles, active, mustChangePassword) — no mass assignment', async () => {
      const district = await org('示范区');
      const roles = await given(app).rowCount('user_role');
      const response = await sysadmin.post('/api/users', {
        username: 'sneaky', displayName: '偷渡', orgUnitId: district.id, roles: ['secadmin'], active: false, mustChangePassword: false,
      });
      assert.equal(response.statusCode, 201, response.body);
      const user = okUser(await sysadmin.get(`/api/users/${response.json<TemporaryPassword>().id}`));
      assert.deepEqual(user.roles, []);
      assert.equal(user.active, true);
      assert.equal(user.mustChangePassword, true);
      assert.equal(await given(app).rowCount('user_role'), roles);
      const patched = okUser(await sysadmin.patch(`/api/users/${user.id}`, { displayName: '偷渡2', roles: ['auditor'], username: 'renamed' }));
      assert.deepEqual(patched.roles, []);
      assert.equal(patched.username, 'sneaky');
    });

    it('does not let the secadmin create or edit accounts (users.write)', async () => {
      const district = await org('示范区');
      expectProblem(await secadmin.post('/api/users', { username: 'secmade', displayName: '安全员建', orgUnitId: district.id }), 403);
      const worker = await given(app).userNamed('worker');
      expectProblem(await secadmin.patch(`/api/users/${worker.id}`, { displayName: '改名' }), 403);
      expectProblem(await secadmin.post(`/api/users/${worker.id}/reset-password`), 403);
    });
  });

  describe('roles (三员分立)', () => {
    it('lets the secadmin set roles, audits it and ends the sessions of the account', async () => {
      const { agent, id } = await newAccount('rolechange', '白石镇', ['township']);
      assert.equal((await agent.get('/api/auth/me')).statusCode, 200);
      const user = okUser(await secadmin.put(`/api/users/${id}/roles`, { roles: ['worker', 'township', 'worker'] }));
      assert.deepEqual(user.roles, ['township', 'worker']);
      const audit = await app.platform.db.selectFrom('audit_event').select('changes').where('action', '=', 'user.roles_set').where('entity_id', '=', id).execute();
      assert.equal(audit.length, 2);
      assert.equal(expectProblem(await agent.get('/api/auth/me'), 401).code, 'unauthenticated');
    });

    it('answers parallel role changes of one account with 200 or 409, never 500', async () => {
      const target = await given(app).userNamed('worker');
      const responses = await Promise.all(
        Array.from({ length: 4 }, () => secadmin.put(`/api/users/${target.id}/roles`, { roles: ['worker', 'police'] })),
      );
      for (const response of responses) assert.ok([200, 409].includes(response.statusCode), response.body);
      assert.ok(responses.some((r) => r.statusCode === 200));
      assert.deepEqual((await given(app).userNamed('worker')).roles, ['worker', 'police']);
      okUser(await secadmin.put(`/api/users/${target.id}/roles`, { roles: ['worker'] }));
    });

    it('ends the sessions at once when a role is removed', async () => {
      const department = await app.login('department');
      const user = await given(app).userNamed('department');
      assert.equal((await department.get('/api/orgs')).statusCode, 200);
      okUser(await secadmin.put(`/api/users/${user.id}/roles`, { roles: [] }));
      expectProblem(await department.get('/api/auth/me'), 401);
      expectProblem(await department.get('/api/orgs'), 401);
      okUser(await secadmin.put(`/api/users/${user.id}/roles`, { roles: ['department'] }));
    });

    it('refuses two admin roles, or an admin role beside a business role (400 roles), writing nothing', async () => {
      const target = await given(app).userNamed('police');
      const before = await given(app).rowCount('user_role');
      for (const roles of [['sysadmin', 'auditor'], ['secadmin', 'sysadmin'], ['auditor', 'office']] as Role[][]) {
        const problem = expectProblem(await secadmin.put(`/api/users/${target.id}/roles`, { roles }), 400, 'roles');
        assert.match(problem.title, /三员/);
      }
      expectProblem(await secadmin.put(`/api/users/${target.id}/roles`, { roles: ['superuser'] }), 400, 'roles.0');
      assert.equal(await given(app).rowCount('user_role'), before);
      assert.deepEqual((await given(app).userNamed('police')).roles, ['police']);
    });

    it('has the database refuse a second admin role inserted directly', async () => {
      const sysadminUser = await given(app).userNamed('sysadmin');
      await assert.rejects(
        app.platform.db.insertInto('user_role').values({ user_id: sysadminUser.id, role: 'auditor' }).execute(),
        (error: unknown) => {
          assert.ok(error instanceof Error);
          assert.match(error.message, /user_role_one_admin_duty/);
          assert.equal((error as Error & { code?: string }).code, '23505');
          return true;
        },
      );
      // A business role beside it is stopped by the service only; the index is about the three duties.
      const roles = await app.platform.db.selectFrom('user_role').select('role').where('user_id', '=', sysadminUser.id).execute();
      assert.deepEqual(roles.map((r) => r.role), ['sysadmin']);
    });

    it('lets nobody change their own roles (403)', async () => {
      const me = await given(app).userNamed('secadmin');
      const response = await secadmin.put(`/api/users/${me.id}/roles`, { roles: ['secadmin', 'office'] });
      assert.equal(expectProblem(response, 403).code, 'forbidden');
      const harmless = await secadmin.put(`/api/users/${me.id}/roles`, { roles: ['secadmin'] });
      expectProblem(harmless, 403);
    });

    it('does not let the sysadmin set roles (no users.grant) nor read the audit log', async () => {
      const target = await given(app).userNamed('worker');
      const before = await given(app).rowCount('user_role');
      expectProblem(await sysadmin.put(`/api/users/${target.id}/roles`, { roles: ['office'] }), 403);
      expectProblem(await sysadmin.get('/api/audit'), 403);
      expectProblem(await sysadmin.get('/api/audit/verify'), 403);
      assert.equal(await given(app).rowCount('user_role'), before);
    });

    it("does not let the sysadmin reset, disable or move the secadmin's or auditor's account (it could act as them)", async () => {
      const auditor = await given(app).userNamed('auditor');
      const sec = await given(app).userNamed('secadmin');
      const township = await org('青山镇');
      for (const target of [auditor, sec]) {
        expectProblem(await sysadmin.post(`/api/users/${target.id}/reset-password`), 403);
        expectProblem(await sysadmin.patch(`/api/users/${target.id}`, { active: false }), 403);
        expectProblem(await sysadmin.patch(`/api/users/${target.id}`, { orgUnitId: township.id }), 403);
      }
      assert.equal((await app.attemptLogin('auditor', DEMO)).statusCode, 200, 'the password still works');
      assert.equal((await given(app).userNamed('auditor')).active, true);

      // With the secadmin's part (removing the duty first) the account can be maintained again.
      const { id: second } = await newAccount('auditor2', '示范区', ['auditor']);
      expectProblem(await sysadmin.post(`/api/users/${second}/reset-password`), 403);
      okUser(await secadmin.put(`/api/users/${second}/roles`, { roles: [] }));
      assert.equal((await sysadmin.post(`/api/users/${second}/reset-password`)).statusCode, 200);
      okUser(await secadmin.put(`/api/users/${second}/roles`, { roles: ['auditor'] }));
      // Another sysadmin's account stays maintainable by a sysadmin (same duty).
      const { id: colleague } = await newAccount('secondsys', '示范区', ['sysadmin']);
      assert.equal((await sysadmin.post(`/api/users/${colleague}/reset-password`)).statusCode, 200);
    });

    it('keeps the auditor out of accounts and the org tree', async () => {
      const auditor = await app.login('auditor');
      expectProblem(await auditor.get('/api/users'), 403);
      expectProblem(await auditor.get('/api/orgs'), 403);
      const target = await given(app).userNamed('worker');
      expectProblem(await auditor.get(`/api/users/${target.id}`), 403);
      expectProblem(await auditor.put(`/api/users/${target.id}/roles`, { roles: ['office'] }), 403);
      assert.equal((await auditor.get('/api/audit')).statusCode, 200);
    });

    it('keeps business roles out of account administration', async () => {
      const target = await given(app).userNamed('worker');
      for (const username of ['office', 'township', 'police']) {
        const agent = await app.login(username);
        expectProblem(await agent.get('/api/users'), 403);
        expectProblem(await agent.patch(`/api/users/${target.id}`, { displayName: '越权' }), 403);
        expectProblem(await agent.put(`/api/users/${target.id}/roles`, { roles: ['office'] }), 403);
      }
    });
  });

  describe('disable, reset, unlock', () => {
    it('ends the sessions of a disabled account at once and refuses its logins until re-enabled', async () => {
      const { agent, id } = await newAccount('tobedisabled', '桃源乡', ['township']);
      assert.equal((await agent.get('/api/auth/me')).statusCode, 200);
      const disabled = okUser(await sysadmin.patch(`/api/users/${id}`, { active: false }));
      assert.equal(disabled.active, false);
      expectProblem(await agent.get('/api/auth/me'), 401);
      const sessions = await app.platform.db.selectFrom('user_session').select('id_hash').where('user_id', '=', id).execute();
      assert.equal(sessions.length, 0);
      assert.equal((await app.attemptLogin('tobedisabled', NEW_PASSWORD)).statusCode, 401);
      okUser(await sysadmin.patch(`/api/users/${id}`, { active: true }));
      assert.equal((await app.attemptLogin('tobedisabled', NEW_PASSWORD)).statusCode, 200);
    });

    it('refuses to re-enable an account whose unit has been deactivated, unless it moves too', async () => {
      const office = await app.login('office');
      const township = await org('桃源乡');
      const unit = (await office.post('/api/orgs', { parentId: township.id, name: '撤并测试村', kind: 'village' })).json<OrgUnit>();
      const created = await sysadmin.post('/api/users', { username: 'leftbehind', displayName: '留守', orgUnitId: unit.id });
      const { id } = created.json<TemporaryPassword>();
      expectProblem(await office.post(`/api/orgs/${unit.id}/deactivate`), 400, 'id');
      okUser(await sysadmin.patch(`/api/users/${id}`, { active: false }));
      assert.equal((await office.post(`/api/orgs/${unit.id}/deactivate`)).statusCode, 200);
      expectProblem(await sysadmin.patch(`/api/users/${id}`, { active: true }), 400, 'active');
      assert.equal(okUser(await sysadmin.get(`/api/users/${id}`)).active, false);
      const moved = okUser(await sysadmin.patch(`/api/users/${id}`, { active: true, orgUnitId: township.id }));
      assert.equal(moved.active, true);
      assert.equal(moved.orgUnitId, township.id);
    });

    it('ends the sessions of an account moved to another unit', async () => {
      const { agent, id } = await newAccount('tobemoved', '桃源乡', ['township']);
      const other = await org('云岭乡');
      const moved = okUser(await sysadmin.patch(`/api/users/${id}`, { orgUnitId: other.id }));
      assert.equal(moved.orgUnitName, '云岭乡');
      expectProblem(await agent.get('/api/auth/me'), 401);
      expectProblem(await sysadmin.patch(`/api/users/${id}`, { orgUnitId: MISSING_ID }), 400, 'orgUnitId');
    });

    it('does not let the sysadmin disable their own account', async () => {
      const me = await given(app).userNamed('sysadmin');
      expectProblem(await sysadmin.patch(`/api/users/${me.id}`, { active: false }), 400, 'active');
      assert.equal((await sysadmin.get('/api/auth/me')).statusCode, 200);
    });

    it('resets a password: old password and sessions end, the new one must be changed', async () => {
      const { agent, id } = await newAccount('forgetful', '白石镇', ['worker']);
      const reset = await sysadmin.post(`/api/users/${id}/reset-password`);
      assert.equal(reset.statusCode, 200, reset.body);
      const { temporaryPassword } = reset.json<TemporaryPassword>();
      expectProblem(await agent.get('/api/auth/me'), 401);
      assert.equal((await app.attemptLogin('forgetful', NEW_PASSWORD)).statusCode, 401);
      const fresh = await app.login('forgetful', temporaryPassword);
      assert.equal((await fresh.get('/api/auth/me')).json<Me>().mustChangePassword, true);
      assert.equal(expectProblem(await fresh.get('/api/orgs'), 403).code, 'restricted_session');
      assert.equal(okUser(await sysadmin.get(`/api/users/${id}`)).mustChangePassword, true);
      const me = await given(app).userNamed('sysadmin');
      expectProblem(await sysadmin.post(`/api/users/${me.id}/reset-password`), 400, 'id');
    });

    it('unlocks a locked account: 5 wrong logins → 423, unlock → login works, audited', async () => {
      for (let i = 0; i < 5; i++) assert.equal((await app.attemptLogin('township2', 'Wrong#Guess2026')).statusCode, 401);
      assert.equal((await app.attemptLogin('township2', DEMO)).statusCode, 423);
      const target = await given(app).userNamed('township2');
      assert.ok(target.lockedUntil, 'the account shows as locked');
      const unlocked = okUser(await sysadmin.post(`/api/users/${target.id}/unlock`));
      assert.equal(unlocked.lockedUntil, null);
      assert.equal((await app.attemptLogin('township2', DEMO)).statusCode, 200);
      const audit = await app.platform.db.selectFrom('audit_event').select('actor_username').where('action', '=', 'user.unlocked').where('entity_id', '=', target.id).execute();
      assert.deepEqual(audit.map((a) => a.actor_username), ['sysadmin']);
    });
  });

  describe('list', () => {
    const dbCount = (filter?: { role?: string; active?: boolean }) =>
      countUsers(async (db) => {
        let query = db.selectFrom('app_user as u').select((eb) => eb.fn.countAll<string>().as('n'));
        if (filter?.active !== undefined) query = query.where('u.active', '=', filter.active);
        if (filter?.role) {
          const role = filter.role;
          query = query.where((eb) => eb.exists(eb.selectFrom('user_role as r').select('r.role').whereRef('r.user_id', '=', 'u.id').where('r.role', '=', role)));
        }
        return Number((await query.executeTakeFirstOrThrow()).n);
      });

    it('counts every account for the district-level sysadmin and secadmin (ground truth)', async () => {
      const total = await dbCount();
      assert.equal((await sysadmin.get('/api/users')).json<UserPage>().total, total);
      assert.equal((await secadmin.get('/api/users')).json<UserPage>().total, total);
    });

    it('filters by q on username and display name, case-insensitively, with % and _ taken literally', async () => {
      const byUsername = (await sysadmin.get('/api/users?q=TOWNSHIP')).json<UserPage>();
      assert.deepEqual(byUsername.items.map((u) => u.username).filter((n) => n.startsWith('township')), ['township', 'township2']);
      assert.ok(byUsername.items.every((u) => /township/i.test(u.username) || /township/i.test(u.displayName)));
      assert.equal(byUsername.total, byUsername.items.length);
      const byName = (await sysadmin.get(`/api/users?q=${encodeURIComponent('李晓梅')}`)).json<UserPage>();
      assert.deepEqual(byName.items.map((u) => u.username), ['township']);
      assert.equal((await sysadmin.get(`/api/users?q=${encodeURIComponent('%')}`)).json<UserPage>().total, 0);
      assert.equal((await sysadmin.get(`/api/users?q=${encodeURIComponent('_')}`)).json<UserPage>().total, 0);
      expectProblem(await sysadmin.get(`/api/users?q=${'x'.repeat(65)}`), 400, 'q');
    });

    it('filters by role and by active, matching the database', async () => {
      for (const role of ['township', 'sysadmin', 'worker'] as const) {
        const page = (await sysadmin.get(`/api/users?role=${role}`)).json<UserPage>();
        assert.equal(page.total, await dbCount({ role }), role);
        assert.ok(page.items.every((u) => u.roles.includes(role)));
      }
      const { id } = await newAccount('inactiveone', '青山镇', ['worker']);
      okUser(await sysadmin.patch(`/api/users/${id}`, { active: false }));
      const inactive = (await sysadmin.get('/api/users?active=false&pageSize=200')).json<UserPage>();
      assert.equal(inactive.total, await dbCount({ active: false }));
      assert.ok(inactive.total >= 1);
      assert.ok(inactive.items.some((u) => u.id === id));
      assert.ok(inactive.items.every((u) => !u.active));
      const active = (await sysadmin.get('/api/users?active=true')).json<UserPage>();
      assert.equal(active.total, await dbCount({ active: true }));
      expectProblem(await sysadmin.get('/api/users?role=king'), 400, 'role');
      expectProblem(await sysadmin.get('/api/users?active=yes'), 400, 'active');
    });

    it('paginates in a stable order with a correct total, and refuses pages over 200', async () => {
      const total = await dbCount();
      const seen: string[] = [];
      for (let page = 1; page <= Math.ceil(total / 3); page++) {
        const body = (await sysadmin.get(`/api/users?pageSize=3&page=${page}`)).json<UserPage>();
        assert.equal(body.total, total);
        assert.ok(body.items.length <= 3);
        seen.push(...body.items.map((u) => u.username));
      }
      assert.equal(seen.length, total);
      assert.equal(new Set(seen).size, total, 'no account twice');
      assert.deepEqual(seen, [...seen].sort(), 'ordered by username');
      const beyond = (await sysadmin.get(`/api/users?pageSize=3&page=${Math.ceil(total / 3) + 1}`)).json<UserPage>();
      assert.deepEqual(beyond.items, []);
      assert.equal(beyond.total, total);
      assert.equal((await sysadmin.get('/api/users?pageSize=200')).statusCode, 200);
      expectProblem(await sysadmin.get('/api/users?pageSize=201'), 400, 'pageSize');
      expectProblem(await sysadmin.get('/api/users?pageSize=0'), 400, 'pageSize');
      expectProblem(await sysadmin.get('/api/users?page=0'), 400, 'page');
      expectProblem(await sysadmin.get('/api/users?page=abc'), 400, 'page');
    });

    it('answers 404 for a missing account and 400 for a malformed id', async () => {
      assert.equal(expectProblem(await sysadmin.get(`/api/users/${MISSING_ID}`), 404).code, 'not_found');
      expectProblem(await sysadmin.patch(`/api/users/${MISSING_ID}`, { displayName: '无' }), 404);
      expectProblem(await secadmin.put(`/api/users/${MISSING_ID}/roles`, { roles: ['worker'] }), 404);
      expectProblem(await sysadmin.get('/api/users/123'), 400, 'id');
    });
  });

  describe('a sysadmin scoped to one street', () => {
    let local: Agent;
    before(async () => {
      ({ agent: local } = await newAccount('localadmin', '清源街道', ['sysadmin']));
    });

    it('lists exactly the accounts under its street (ground truth)', async () => {
      const street = await org('清源街道');
      const page = (await local.get('/api/users?pageSize=200')).json<UserPage>();
      const truth = await app.platform.db
        .selectFrom('app_user as u')
        .innerJoin('org_unit as o', 'o.id', 'u.org_unit_id')
        .select('u.username')
        .where('o.path', 'like', `${street.path}%`)
        .orderBy('u.username')
        .execute();
      assert.equal(page.total, truth.length);
      assert.deepEqual(page.items.map((u) => u.username), truth.map((t) => t.username));
      assert.ok(page.items.some((u) => u.username === 'worker'), 'the worker of a community in the street');
      assert.ok(!page.items.some((u) => u.username === 'township2' || u.username === 'office'));
      assert.equal((await local.get('/api/users?q=office')).json<UserPage>().total, 0);
      const office = await org('示范区');
      assert.equal((await local.get(`/api/users?orgUnitId=${office.id}`)).json<UserPage>().total, 0);
    });

    it('gets 404 for accounts outside its street, the same answer as a missing id, and changes nothing', async () => {
      const outside = await given(app).userNamed('township2');
      const missing = await local.get(`/api/users/${MISSING_ID}`);
      const strip = (r: LightMyRequestResponse) => ({ ...r.json<Problem>(), requestId: undefined });
      for (const response of [
        await local.get(`/api/users/${outside.id}`),
        await local.patch(`/api/users/${outside.id}`, { displayName: '越权' }),
        await local.patch(`/api/users/${outside.id}`, { active: false }),
        await local.post(`/api/users/${outside.id}/reset-password`),
        await local.post(`/api/users/${outside.id}/unlock`),
      ]) {
        expectProblem(response, 404);
        assert.deepEqual(strip(response), strip(missing));
        assert.doesNotMatch(response.body, /township2|赵卫东/);
      }
      const after = await given(app).userNamed('township2');
      assert.equal(after.displayName, outside.displayName);
      assert.equal(after.active, true);
      assert.equal(after.mustChangePassword, false);
    });

    it('cannot create or move accounts into units outside its street (400 orgUnitId)', async () => {
      const foreign = await org('明德街道');
      const own = await org('清源街道');
      expectProblem(await local.post('/api/users', { username: 'escapee', displayName: '越界', orgUnitId: foreign.id }), 400, 'orgUnitId');
      const worker = await given(app).userNamed('worker');
      expectProblem(await local.patch(`/api/users/${worker.id}`, { orgUnitId: foreign.id }), 400, 'orgUnitId');
      assert.equal((await given(app).userNamed('worker')).orgUnitId, worker.orgUnitId);
      const made = await local.post('/api/users', { username: 'localmade', displayName: '本街道', orgUnitId: own.id });
      assert.equal(made.statusCode, 201, made.body);
    });
  });

  it('leaves no trace of a refused role change in the raw tables', async () => {
    const rows = await sql<{ n: string }>`select count(*) as n from user_role r join app_user u on u.id = r.user_id where u.username = 'police'`.execute(app.platform.db);
    assert.equal(Number(rows.rows[0]?.n), 1);
  });
});
