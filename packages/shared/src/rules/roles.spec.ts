// Test-only files need node:test; shared's "no node:*" rule guards runtime code, not its specs.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  ADMIN_ROLES,
  PERMISSIONS,
  ROLES,
  ROLE_PERMISSIONS,
  isAdminRole,
  permissionsOf,
  roleCombinationProblem,
  type Role,
} from './roles.ts';

describe('permissionsOf', () => {
  it('gives nothing to an account without roles', () => {
    assert.deepEqual(permissionsOf([]), []);
  });

  it('unions the permissions of several roles without duplicates, in PERMISSIONS order', () => {
    const union = permissionsOf(['worker', 'township', 'worker']);
    assert.deepEqual(union, ['account.self', 'orgs.read', 'orgs.write', 'persons.read', 'persons.write', 'persons.reveal', 'enforcement.read', 'supervision.read', 'supervision.write', 'transfers.write', 'alerts.read', 'alerts.write', 'reports.read']);
    assert.deepEqual(union, PERMISSIONS.filter((p) => union.includes(p)), 'ordered like PERMISSIONS');
  });

  it('gives the auditor only audit.read and account.self', () => {
    assert.deepEqual([...permissionsOf(['auditor'])].sort(), ['account.self', 'audit.read']);
  });

  it('keeps audit.read and users.grant away from the sysadmin (三员分立)', () => {
    const sysadmin = permissionsOf(['sysadmin']);
    assert.ok(!sysadmin.includes('audit.read'));
    assert.ok(!sysadmin.includes('users.grant'));
    assert.ok(!sysadmin.includes('policies.write'));
    assert.ok(sysadmin.includes('users.write'));
  });

  it('lets the secadmin grant roles and set policies but not maintain accounts or read audit', () => {
    const secadmin = permissionsOf(['secadmin']);
    assert.ok(secadmin.includes('users.grant'));
    assert.ok(secadmin.includes('policies.write'));
    assert.ok(!secadmin.includes('users.write'));
    assert.ok(!secadmin.includes('audit.read'));
  });

  it('gives orgs.write to office, township and sysadmin only', () => {
    const writers = ROLES.filter((r) => permissionsOf([r]).includes('orgs.write'));
    assert.deepEqual(writers, ['office', 'township', 'sysadmin']);
  });

  it('gives orgs.read to every business role but enterprise, and to sysadmin and secadmin', () => {
    const readers = ROLES.filter((r) => permissionsOf([r]).includes('orgs.read'));
    assert.deepEqual(readers, ['office', 'township', 'worker', 'police', 'department', 'sysadmin', 'secadmin']);
  });

  it('gives the registry to office, township, worker and police only, and reveal not to the worker', () => {
    const holders = (p: 'persons.read' | 'persons.write' | 'persons.reveal') => ROLES.filter((r) => permissionsOf([r]).includes(p));
    assert.deepEqual(holders('persons.read'), ['office', 'township', 'worker', 'police']);
    assert.deepEqual(holders('persons.write'), ['office', 'township', 'worker', 'police']);
    assert.deepEqual(holders('persons.reveal'), ['office', 'township', 'police']);
  });

  it('gives enforcement records to police and office, read-only to townships, targets to the office alone', () => {
    const holders = (p: 'enforcement.read' | 'enforcement.write' | 'enforcement.reveal' | 'targets.write') => ROLES.filter((r) => permissionsOf([r]).includes(p));
    assert.deepEqual(holders('enforcement.read'), ['office', 'township', 'police']);
    assert.deepEqual(holders('enforcement.write'), ['office', 'police']);
    assert.deepEqual(holders('enforcement.reveal'), ['office', 'police']);
    assert.deepEqual(holders('targets.write'), ['office']);
  });

  it('gives every role account.self and only known permissions', () => {
    for (const role of ROLES) {
      assert.ok(ROLE_PERMISSIONS[role].includes('account.self'), role);
      for (const p of ROLE_PERMISSIONS[role]) assert.ok(PERMISSIONS.includes(p), `${role}: ${p}`);
    }
  });

  it('gives no business role an administrator permission', () => {
    const adminOnly = ['users.read', 'users.write', 'users.grant', 'policies.read', 'policies.write', 'audit.read'] as const;
    for (const role of ROLES.filter((r) => !isAdminRole(r))) {
      for (const p of adminOnly) assert.ok(!permissionsOf([role]).includes(p), `${role} must not hold ${p}`);
    }
  });
});

describe('roleCombinationProblem', () => {
  it('allows no role, one role, and several business roles', () => {
    assert.equal(roleCombinationProblem([]), null);
    for (const role of ROLES) assert.equal(roleCombinationProblem([role]), null, role);
    assert.equal(roleCombinationProblem(['township', 'worker', 'police']), null);
  });

  it('refuses every pair of admin roles', () => {
    for (const a of ADMIN_ROLES) {
      for (const b of ADMIN_ROLES) {
        if (a === b) continue;
        const problem = roleCombinationProblem([a, b]);
        assert.ok(problem, `${a}+${b}`);
        assert.match(problem, /三员/);
      }
    }
    assert.ok(roleCombinationProblem(['sysadmin', 'secadmin', 'auditor']));
  });

  it('refuses an admin role beside a business role', () => {
    for (const admin of ADMIN_ROLES) {
      for (const business of ROLES.filter((r) => !isAdminRole(r))) {
        const problem = roleCombinationProblem([business, admin]);
        assert.ok(problem, `${business}+${admin}`);
        assert.match(problem, /业务角色/);
      }
    }
  });

  it('judges the set, not the order', () => {
    const roles: Role[] = ['auditor', 'office'];
    assert.equal(roleCombinationProblem(roles), roleCombinationProblem([...roles].reverse()));
  });
});

describe('isAdminRole', () => {
  it('is true exactly for sysadmin, secadmin and auditor', () => {
    assert.deepEqual(ROLES.filter(isAdminRole), ['sysadmin', 'secadmin', 'auditor']);
  });
});
