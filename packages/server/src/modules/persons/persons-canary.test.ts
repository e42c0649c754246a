import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { Writable } from 'node:stream';
import { sql } from 'kysely';
import { composeIdNumber } from '@qingyuan/shared';
import { given } from '../../testing/given.ts';
import { startTestApp, type TestApp } from '../../testing/test-app.ts';
import { createdId, detail, patch } from './persons-test-support.ts';

/**
 * Canary (SECURITY.md §12, §14): a marked fake ID number, phones and an address go through every registry flow; then
 * neither the captured server logs, nor the audit log, nor any table of the database holds them in plain text.
 */
const CANARY_ID = composeIdNumber('340188', '1977-07-07', 777);
const CANARY_PHONE = '13977707777';
const CANARY_PHONE_2 = '13977707778';
const CANARY_CONTACT_PHONE = '13677707777';
const CANARY_ADDRESS = '金丝雀路777号';
const CANARIES = [CANARY_ID, CANARY_ID.slice(0, 17), CANARY_PHONE, CANARY_PHONE_2, CANARY_CONTACT_PHONE, CANARY_ADDRESS];

describe('canary: no plaintext ID number, phone or address in logs, audit or tables', () => {
  let app: TestApp;
  const log: string[] = [];

  before(async () => {
    const stream = new Writable({
      write(chunk: Buffer, _encoding, done) {
        log.push(chunk.toString('utf8'));
        done();
      },
    });
    app = await startTestApp({ logLevel: 'debug' }, { logStream: stream });
  });
  after(() => app.close());

  it('runs the registry flows with the canary values', async () => {
    const township = await app.login('township');
    const township2 = await app.login('township2');
    const department = await app.login('department');
    const unit = await given(app).orgNamed('河畔社区');
    const body = {
      name: '金丝雀', idNumber: CANARY_ID, orgUnitId: unit.id, phones: [CANARY_PHONE], residence: `示范区清源街道${CANARY_ADDRESS}`,
      registeredAddress: `示范区清源街道${CANARY_ADDRESS}`, contacts: [{ name: '金母', relation: '母亲', phone: CANARY_CONTACT_PHONE }],
    };
    const id = createdId(await township.post('/api/persons', body));
    assert.equal((await township.post('/api/persons', body)).statusCode, 409);
    assert.equal((await township2.post('/api/persons', { ...body, orgUnitId: (await given(app).orgNamed('明德社区')).id })).statusCode, 409);
    assert.equal((await township.post('/api/persons', { ...body, idNumber: `${CANARY_ID.slice(0, 17)}0` === CANARY_ID ? `${CANARY_ID.slice(0, 17)}1` : `${CANARY_ID.slice(0, 17)}0` })).statusCode, 400);
    for (const q of [CANARY_ID, CANARY_ID.toLowerCase(), CANARY_PHONE, CANARY_ADDRESS]) {
      assert.equal((await township.get(`/api/persons?q=${encodeURIComponent(q)}`)).statusCode, 200);
    }
    assert.equal((await township2.get(`/api/persons?q=${CANARY_ID}`)).statusCode, 200);
    assert.equal((await department.get(`/api/persons?q=${CANARY_ID}`)).statusCode, 403);
    const person = await detail(township, id);
    assert.ok(!JSON.stringify(person).includes(CANARY_PHONE));
    assert.equal((await patch(township, id, person.version, { phones: [CANARY_PHONE, CANARY_PHONE_2], employment: '务工' })).statusCode, 200);
    assert.equal((await patch(township, id, person.version, { idNumber: CANARY_ID })).statusCode, 412);
    for (const field of ['idNumber', 'phones', 'registeredAddress', 'residence', 'contacts']) {
      const revealed = await township.post(`/api/persons/${id}/reveal`, { field, reason: '金丝雀测试核对' });
      assert.equal(revealed.statusCode, 200, revealed.body);
    }
    assert.equal((await township.post(`/api/persons/${id}/detections`, { detectedOn: '2024-01-01', agency: '清源派出所', substances: ['heroin'], outcome: 'fine' })).statusCode, 201);
    const other = await given(app).person(township, '河畔社区');
    assert.equal((await township.post(`/api/persons/${id}/relationships`, { relatedPersonId: other.id, kind: 'coUser' })).statusCode, 201);
  });

  it('finds none of them in the captured server logs', () => {
    const text = log.join('');
    assert.ok(text.includes('/api/persons') && text.includes('"statusCode":201'), 'the logs were captured');
    for (const canary of CANARIES) assert.ok(!text.includes(canary), `${canary} is in the server log`);
  });

  it('finds none of them in the audit log', async () => {
    const { rows } = await sql<{ row: string }>`select t::text as row from audit_event t`.execute(app.platform.db);
    assert.ok(rows.some((r) => r.row.includes('person.revealed')));
    for (const { row } of rows) for (const canary of CANARIES) assert.ok(!row.includes(canary), `${canary} in audit row ${row}`);
  });

  it('finds none of them in any table: the person row holds ciphertext and a blind index only', async () => {
    const { rows: tables } = await sql<{ name: string }>`
      select table_name as name from information_schema.tables where table_schema = 'public' and table_type = 'BASE TABLE'`.execute(app.platform.db);
    assert.ok(tables.some((t) => t.name === 'person'));
    for (const { name } of tables) {
      const { rows } = await sql<{ row: string }>`select t::text as row from ${sql.table(name)} t`.execute(app.platform.db);
      for (const { row } of rows) for (const canary of CANARIES) assert.ok(!row.includes(canary), `${canary} in ${name}: ${row.slice(0, 200)}`);
    }
    const { rows } = await sql<{ row: string }>`select t::text as row from person t where name = '金丝雀'`.execute(app.platform.db);
    assert.equal(rows.length, 1);
    assert.match(rows[0]?.row ?? '', /v1\.[\w-]+\.[\w-]+\.[\w-]+/, 'sealed values');
  });
});
