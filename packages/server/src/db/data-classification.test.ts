import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { sql } from 'kysely';
import type { DatabaseHandle } from '../platform/db/database.ts';
import { freshDatabase } from '../testing/test-database.ts';
import { DATA_CLASSIFICATION } from './data-classification.ts';

describe('data classification registry (SECURITY.md §17)', () => {
  let database: DatabaseHandle;
  before(async () => {
    database = await freshDatabase();
  });
  after(() => database.close());

  it('classifies every column of every table, and lists no column that does not exist', async () => {
    const { rows } = await sql<{ table_name: string; column_name: string }>`
      select table_name, column_name from information_schema.columns
      where table_schema = 'public' order by table_name, ordinal_position`.execute(database.db);
    const actual = rows.map((r) => `${r.table_name}.${r.column_name}`);
    const listed = Object.entries(DATA_CLASSIFICATION).flatMap(([table, columns]) => Object.keys(columns).map((c) => `${table}.${c}`));
    const unlisted = actual.filter((c) => !listed.includes(c));
    const stale = listed.filter((c) => !actual.includes(c));
    assert.deepEqual(unlisted, [], `classify these columns in src/db/data-classification.ts: ${unlisted.join(', ')}`);
    assert.deepEqual(stale, [], `these classified columns no longer exist: ${stale.join(', ')}`);
  });

  it('gives every personal or secret column a purpose and a masking rule', () => {
    for (const [table, columns] of Object.entries(DATA_CLASSIFICATION)) {
      for (const [column, cls] of Object.entries(columns)) {
        if (cls.sensitivity === 'none') continue;
        assert.ok(cls.purpose, `${table}.${column} needs a purpose`);
        assert.ok(cls.masking, `${table}.${column} needs a masking rule`);
        if (cls.sensitivity === 'personal') assert.equal(cls.masking, 'mask', `${table}.${column} must be masked by default`);
      }
    }
  });
});
