import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { seriousViolation } from './supervision-violations.ts';
import { testEvasions, testNoticeStatus } from './test-notices.ts';

const notice = { notifiedOn: '2026-11-02', dueOn: '2026-11-05', excused: false };

describe('testNoticeStatus (通知检测未到)', () => {
  it('is open through the due day and missed from the day after, with no test and no reason', () => {
    assert.equal(testNoticeStatus(notice, [], '2026-11-05').status, 'open');
    const missed = testNoticeStatus(notice, [], '2026-11-06');
    assert.equal(missed.status, 'missed');
    assert.equal(missed.missedOn, '2026-11-06');
    assert.match(missed.explanation, /逃避检测1次/);
  });

  it('a test from the notice day through the due day (both included) answers it, whatever the result', () => {
    for (const day of ['2026-11-02', '2026-11-05']) {
      const state = testNoticeStatus(notice, [day], '2026-11-23');
      assert.deepEqual([state.status, state.testedOn, state.missedOn], ['tested', day, null], day);
    }
    assert.equal(testNoticeStatus(notice, ['2026-11-04', '2026-11-03'], '2026-11-23').testedOn, '2026-11-03', 'the first test in the window');
  });

  it('a test before the notice or after the due day does not answer it', () => {
    assert.equal(testNoticeStatus(notice, ['2026-11-01', '2026-11-06'], '2026-11-23').status, 'missed');
  });

  it('a justified reason keeps a notice from counting; a test in time still wins', () => {
    const excused = { ...notice, excused: true };
    assert.deepEqual([testNoticeStatus(excused, [], '2026-11-23').status, testNoticeStatus(excused, [], '2026-11-23').missedOn], ['justified', null]);
    assert.equal(testNoticeStatus(excused, ['2026-11-04'], '2026-11-23').status, 'tested');
  });

  it('a one-day notice (due the day it was given) is missed the next day', () => {
    const sameDay = { notifiedOn: '2026-11-10', dueOn: '2026-11-10', excused: false };
    assert.equal(testNoticeStatus(sameDay, [], '2026-11-10').status, 'open');
    assert.equal(testNoticeStatus(sameDay, [], '2026-11-11').missedOn, '2026-11-11');
  });

  it('refuses malformed dates and a due day before the notice (programming errors)', () => {
    assert.throws(() => testNoticeStatus({ ...notice, dueOn: '2026-11-01' }, [], '2026-11-23'), RangeError);
    assert.throws(() => testNoticeStatus({ ...notice, notifiedOn: '2026-02-30' }, [], '2026-11-23'), RangeError);
    assert.throws(() => testNoticeStatus(notice, [], '23/11/2026'), RangeError);
  });
});

describe('testEvasions → seriousViolation', () => {
  const n = (notifiedOn: string, dueOn: string, excused = false) => ({ notifiedOn, dueOn, excused });

  it('three missed notices reach the threshold on the day after the third due day; two do not', () => {
    const notices = [n('2026-10-02', '2026-10-05'), n('2026-10-12', '2026-10-15'), n('2026-10-22', '2026-10-25')];
    const two = seriousViolation({ testEvasions: testEvasions([], notices.slice(0, 2), '2026-11-23'), absences: [] }, '2026-11-23');
    assert.equal(two.serious, false);
    assert.equal(two.counts.testEvasions, 2);
    const three = seriousViolation({ testEvasions: testEvasions([], notices, '2026-11-23'), absences: [] }, '2026-11-23');
    assert.equal(three.serious, true);
    assert.deepEqual(three.reached.map((r) => [r.code, r.count, r.reachedOn]), [['testEvasions', 3, '2026-10-26']]);
  });

  it('missed notices count together with refused tests', () => {
    const evasions = testEvasions(
      [{ testedOn: '2026-10-03', result: 'refused' }, { testedOn: '2026-10-20', result: 'negative' }],
      [n('2026-10-05', '2026-10-08'), n('2026-10-10', '2026-10-12'), n('2026-10-18', '2026-10-21')],
      '2026-11-23',
    );
    // The third notice was answered by the negative test of 10-20.
    assert.deepEqual(evasions.map((e) => [e.date, e.kind]), [['2026-10-03', 'refused'], ['2026-10-09', 'missed'], ['2026-10-13', 'missed']]);
    assert.equal(seriousViolation({ testEvasions: evasions, absences: [] }, '2026-11-23').serious, true);
  });

  it('justified and answered notices, and notices not yet due, never count', () => {
    const evasions = testEvasions(
      [{ testedOn: '2026-11-03', result: 'positive' }],
      [n('2026-11-01', '2026-11-04'), n('2026-11-05', '2026-11-08', true), n('2026-11-20', '2026-11-25')],
      '2026-11-23',
    );
    assert.deepEqual(evasions, []);
  });
});
