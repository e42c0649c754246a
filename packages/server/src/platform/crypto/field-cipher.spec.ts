import assert from 'node:assert/strict';
import { createHmac } from 'node:crypto';
import { describe, it } from 'node:test';
import { FieldCipher } from './field-cipher.ts';
import { randomKeys } from './keys.ts';

describe('FieldCipher', () => {
  const keys = randomKeys();
  const cipher = new FieldCipher(keys);
  const place = 'person.id_number_enc:6f1c2f5e-0000-4000-8000-000000000001';

  it('round-trips text and JSON, with a fresh nonce each time', () => {
    const a = cipher.seal(place, '34019919900101123X');
    const b = cipher.seal(place, '34019919900101123X');
    assert.notEqual(a, b);
    assert.ok(!a.includes('3401991990'));
    assert.equal(cipher.open(place, a), '34019919900101123X');
    assert.deepEqual(cipher.openJson(place, cipher.sealJson(place, ['13800001234'])), ['13800001234']);
  });

  it('refuses a ciphertext moved to another row or column', () => {
    const sealed = cipher.seal(place, '34019919900101123X');
    assert.throws(() => cipher.open('person.id_number_enc:6f1c2f5e-0000-4000-8000-000000000002', sealed));
    assert.throws(() => cipher.open('person.phones_enc:6f1c2f5e-0000-4000-8000-000000000001', sealed));
  });

  it('fails on a flipped byte instead of returning garbage', () => {
    const sealed = cipher.seal(place, '13800001234');
    const parts = sealed.split('.');
    const body = Buffer.from(parts[3] ?? '', 'base64url');
    body[0] = (body[0] ?? 0) ^ 1;
    assert.throws(() => cipher.open(place, [parts[0], parts[1], parts[2], body.toString('base64url')].join('.')));
  });

  it('indexes with the blind-index key, separated by kind', () => {
    const expected = createHmac('sha256', keys.blindIndex).update('idNumber:34019919900101123X').digest('hex');
    assert.equal(cipher.index('idNumber', '34019919900101123X'), expected);
    assert.notEqual(cipher.index('phone', '34019919900101123X'), expected);
    assert.notEqual(new FieldCipher(randomKeys()).index('idNumber', '34019919900101123X'), expected, 'keyed, not a plain hash');
  });
});
