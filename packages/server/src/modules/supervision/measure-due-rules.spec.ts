import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { codePointCompare, listDue, type DueFacts } from './measure-due-rules.ts';

const facts = (f: Partial<DueFacts>): DueFacts => ({ status: 'active', reportInDue: null, termEnd: null, nextTest: null, testState: null, ...f });
const on = (date: string) => ({ date, rule: 'r', explanation: 'e' });

describe('measure-due rules', () => {
  it('orders by code point like PostgreSQL COLLATE "C" (not the Chinese locale), astral characters after the BMP', () => {
    const names = ['张三', '李四', '王五', '阿一', 'Zhang', '𠀀甲', '张', '张三丰'];
    const sorted = [...names].sort(codePointCompare);
    assert.deepEqual(sorted, ['Zhang', '张', '张三', '张三丰', '李四', '王五', '阿一', '𠀀甲']);
    assert.ok(codePointCompare('\uffff', '𠀀') < 0, 'U+FFFF before U+20000 (plain UTF-16 order would say otherwise)');
    assert.equal(codePointCompare('同名', '同名'), 0);
  });

  it('puts a measure on exactly the list its facts say', () => {
    const today = '2026-11-23';
    assert.deepEqual(listDue('notReportedIn', facts({ status: 'notReportedIn', reportInDue: on('2026-11-16') }), today), on('2026-11-16'));
    assert.equal(listDue('notReportedIn', facts({ status: 'awaitingReportIn', reportInDue: on('2026-11-30') }), today), null);
    assert.deepEqual(listDue('endingSoon', facts({ termEnd: on('2026-12-23') }), today), on('2026-12-23'), 'day 30 included');
    assert.equal(listDue('endingSoon', facts({ termEnd: on('2026-12-24') }), today), null);
    assert.equal(listDue('endingSoon', facts({ status: 'suspended', termEnd: on('2026-12-01') }), today), null);
    assert.deepEqual(listDue('due', facts({ nextTest: on(today), testState: 'due' }), today), on(today));
    assert.equal(listDue('overdue', facts({ nextTest: on(today), testState: 'due' }), today), null);
    assert.deepEqual(listDue('overdue', facts({ nextTest: on('2026-11-10'), testState: 'overdue' }), today), on('2026-11-10'));
  });
});
