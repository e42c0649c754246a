import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { codeCell, dateCell, integerCell, listCell, yesNoCell } from './import-cells.ts';

describe('import cells', () => {
  it('normalizes the usual date spellings and leaves others to the contract', () => {
    assert.equal(dateCell('2024/3/5'), '2024-03-05');
    assert.equal(dateCell('2024.03.05'), '2024-03-05');
    assert.equal(dateCell(' 2024年3月5日 '), '2024-03-05');
    assert.equal(dateCell('2024-12-31'), '2024-12-31');
    assert.equal(dateCell('3/5/2024'), '3/5/2024');
    assert.equal(dateCell('昨天'), '昨天');
  });
  it('reads yes and no', () => {
    assert.equal(yesNoCell('是'), true);
    assert.equal(yesNoCell('否'), false);
    assert.equal(yesNoCell('TRUE'), true);
    assert.equal(yesNoCell('也许'), '也许');
  });
  it('reads whole numbers only', () => {
    assert.equal(integerCell('12'), 12);
    assert.equal(integerCell('1.5'), '1.5');
    assert.equal(integerCell('-3'), '-3');
  });
  it('splits lists on Chinese and ASCII separators', () => {
    assert.deepEqual(listCell('13800000000，0551-1234567;13900000000、'), ['13800000000', '0551-1234567', '13900000000']);
    assert.deepEqual(listCell(''), []);
  });
  it('maps labels to codes and keeps unknown text for the contract to refuse', () => {
    const labels = { major: '重大', ordinary: '一般' };
    assert.equal(codeCell('重大', labels), 'major');
    assert.equal(codeCell('ordinary', labels), 'ordinary');
    assert.equal(codeCell('特别重大', labels), '特别重大');
  });
});
