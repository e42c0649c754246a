import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ETHNICITIES, PHONE_PATTERN, ageOn, maskAddress } from './persons.ts';

describe('person rules', () => {
  it('lists the 56 ethnic groups once each, plus 其他', () => {
    assert.equal(ETHNICITIES.length, 57);
    assert.equal(new Set(ETHNICITIES).size, 57);
    assert.equal(ETHNICITIES[0], '汉族');
    assert.equal(ETHNICITIES.at(-1), '其他');
  });

  it('counts full years, turning a year older on the birthday itself', () => {
    assert.equal(ageOn('1990-11-23', '2026-11-23'), 36);
    assert.equal(ageOn('1990-11-24', '2026-11-23'), 35);
    assert.equal(ageOn('1990-12-01', '2026-11-23'), 35);
    assert.equal(ageOn('2000-02-29', '2026-02-28'), 25, 'a 29 February birthday comes on 1 March in common years');
    assert.equal(ageOn('2000-02-29', '2026-03-01'), 26);
    assert.equal(ageOn('2026-11-23', '2026-11-23'), 0);
  });

  it('accepts mobiles and landlines with an area code only', () => {
    for (const ok of ['13800001234', '19912345678', '0551-12345678', '01012345678', '0551-1234567']) assert.ok(PHONE_PATTERN.test(ok), ok);
    for (const bad of ['12800001234', '1380000123', '138000012345', '12345678', '+8613800001234', '0551 12345678', '']) {
      assert.ok(!PHONE_PATTERN.test(bad), bad);
    }
  });

  it('masks an address after its first part, never showing its length', () => {
    assert.equal(maskAddress('示范区清源街道河畔社区滨江路12号3栋'), '示范区清源街道河****');
    assert.equal(maskAddress('清源街道8号'), '清源街****');
    assert.equal(maskAddress('甲'), '****');
    assert.equal(maskAddress(''), '');
  });
});
