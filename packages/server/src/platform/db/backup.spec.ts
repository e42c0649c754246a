import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { BackupError, inDependencyOrder } from './backup.ts';

const tables = (...names: string[]) => names.map((name) => ({ name }));
const names = (list: { name: string }[]) => list.map((t) => t.name);

describe('inDependencyOrder', () => {
  it('puts referenced tables first, alphabetically among equals', () => {
    const ordered = inDependencyOrder(tables('user_role', 'app_user', 'org_unit', 'audit_event'), [
      { child: 'user_role', parent: 'app_user' },
      { child: 'app_user', parent: 'org_unit' },
    ]);
    assert.deepEqual(names(ordered), ['audit_event', 'org_unit', 'app_user', 'user_role']);
  });

  it('accepts self-references and references to tables outside the list', () => {
    const ordered = inDependencyOrder(tables('org_unit', 'b'), [
      { child: 'org_unit', parent: 'org_unit' },
      { child: 'b', parent: 'elsewhere' },
    ]);
    assert.deepEqual(names(ordered), ['b', 'org_unit']);
  });

  it('refuses a cycle between tables', () => {
    assert.throws(
      () => inDependencyOrder(tables('a', 'b', 'c'), [{ child: 'a', parent: 'b' }, { child: 'b', parent: 'a' }]),
      (error: unknown) => error instanceof BackupError && /a, b/.test(error.message),
    );
  });
});
