import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { composeIdNumber, idNumberCheckCharacter, idNumberProblem, maskIdNumber, maskPhone, parseIdNumber } from './id-number.ts';

const TODAY = '2026-11-23';

describe('GB 11643 identity numbers', () => {
  it('computes the ISO 7064 MOD 11-2 check character (published example 11010519491231002X)', () => {
    assert.equal(idNumberCheckCharacter('11010519491231002'), 'X');
    assert.equal(idNumberProblem('11010519491231002X', TODAY), null);
    assert.equal(idNumberProblem('11010519491231002x', TODAY), null, 'a lower-case x is accepted');
  });

  it('refuses a wrong check digit, naming the cause', () => {
    assert.match(idNumberProblem('110105194912310021', TODAY) ?? '', /校验位/);
  });

  it('refuses impossible and future birth dates', () => {
    assert.match(idNumberProblem(composeIdNumber('340102', '2023-02-29', 12), TODAY) ?? '', /真实日期/);
    assert.equal(idNumberProblem(composeIdNumber('340102', '2024-02-29', 12), TODAY), null, '2024 is a leap year');
    assert.match(idNumberProblem(composeIdNumber('340102', '2026-11-24', 12), TODAY) ?? '', /合理范围/);
    assert.match(idNumberProblem(composeIdNumber('340102', '1899-12-31', 12), TODAY) ?? '', /合理范围/);
  });

  it('refuses wrong lengths, letters inside and implausible division codes', () => {
    assert.ok(idNumberProblem('34010219900101123', TODAY));
    assert.ok(idNumberProblem('3401021990010112345', TODAY));
    assert.ok(idNumberProblem('34010A199001011234', TODAY));
    assert.match(idNumberProblem(composeIdNumber('990102', '1990-01-01', 12), TODAY) ?? '', /行政区划/);
  });

  it('derives birth date and sex (odd sequence = male)', () => {
    assert.deepEqual(parseIdNumber(composeIdNumber('340199', '1988-07-15', 13), TODAY), { divisionCode: '340199', birthDate: '1988-07-15', sex: 'male' });
    assert.equal(parseIdNumber(composeIdNumber('340199', '1988-07-15', 14), TODAY)?.sex, 'female');
    assert.equal(parseIdNumber('110105194912310021', TODAY), null);
  });

  it('masks without showing the birth date', () => {
    const id = '11010519491231002X';
    assert.equal(maskIdNumber(id), '1101**********002X');
    assert.ok(!maskIdNumber(id).includes('19491231'));
    assert.equal(maskPhone('13812345678'), '138****5678');
    assert.equal(maskPhone('0551-6543210'), '055*****3210');
  });
});
