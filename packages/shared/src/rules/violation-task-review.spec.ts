import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { seriousViolation, type TestEvasion } from './supervision-violations.ts';
import { testEvasions } from './test-notices.ts';
import { reviewViolationTask, type ReviewedTask } from './violation-task-review.ts';

const TODAY = '2026-11-23';
const period = { from: '2026-10-01', to: null };
const missed = (dueOn: string, excused = false) => ({ notifiedOn: dueOn, dueOn, excused });
/** The verdict over refused tests and notices as the task check builds it. */
const verdictOf = (notices: { notifiedOn: string; dueOn: string; excused: boolean }[], refused: string[] = []) =>
  seriousViolation({ testEvasions: testEvasions(refused.map((d) => ({ testedOn: d, result: 'refused' })), notices, TODAY), absences: [], period }, TODAY);
const task = (status: ReviewedTask['status'], basisNote: string | null = null): ReviewedTask => ({ basis: 'testEvasions', status, basisNote });
const three = [missed('2026-10-05'), missed('2026-10-15'), missed('2026-10-25')];
const excusedOne = [missed('2026-10-05'), missed('2026-10-15', true), missed('2026-10-25')];

describe('reviewViolationTask (严重违反任务 after the facts change)', () => {
  it('keeps an open task while its basis holds', () => {
    assert.deepEqual(reviewViolationTask(task('open'), verdictOf(three), 'excuse'), { action: 'keep' });
  });

  it('withdraws an open task when an excuse takes the count below 3, saying why with the count', () => {
    const review = reviewViolationTask(task('open'), verdictOf(excusedOne), 'excuse');
    assert.deepEqual(review, { action: 'withdraw', reason: '已撤销：登记正当理由后逃避或者拒绝接受检测2次，不足3次' });
  });

  it('another cause (a test recorded late in the window) is worded without the excuse', () => {
    const review = reviewViolationTask(task('open'), verdictOf(three.slice(0, 2)), 'other');
    assert.deepEqual(review, { action: 'withdraw', reason: '已撤销：逃避或者拒绝接受检测2次，不足3次' });
  });

  it('a refused test still counts: an excuse for a notice does not withdraw when refusals keep it at 3', () => {
    assert.deepEqual(reviewViolationTask(task('open'), verdictOf(excusedOne, ['2026-11-02']), 'excuse'), { action: 'keep' });
  });

  it('never touches a task reported to the police: it gets a note, once', () => {
    const review = reviewViolationTask(task('completed'), verdictOf(excusedOne), 'excuse');
    assert.equal(review.action, 'note');
    assert.match(review.action === 'note' ? review.note : '', /^已报告公安机关后登记正当理由，逃避或者拒绝接受检测2次，不足3次；已报告的任务不作变更$/);
    assert.deepEqual(reviewViolationTask(task('completed', '已有说明'), verdictOf(excusedOne), 'excuse'), { action: 'keep' });
    assert.deepEqual(reviewViolationTask(task('completed'), verdictOf(three), 'excuse'), { action: 'keep' }, 'still holds: no note');
  });

  it('leaves a task the township dismissed alone, and reopens a withdrawn one when the basis holds again', () => {
    assert.deepEqual(reviewViolationTask(task('dismissed'), verdictOf(excusedOne), 'excuse'), { action: 'keep' });
    assert.deepEqual(reviewViolationTask(task('withdrawn'), verdictOf(excusedOne), 'excuse'), { action: 'keep' });
    const again = reviewViolationTask(task('withdrawn'), verdictOf([...excusedOne, missed('2026-11-05')]), 'other');
    assert.equal(again.action, 'reopen');
    assert.equal(again.action === 'reopen' ? again.reachedOn : '', '2026-11-06');
  });

  it('words the absence bases by their own thresholds', () => {
    const absences = [{ from: '2026-10-03', to: '2026-10-06', reported: false }, { from: '2026-10-10', to: '2026-10-14', reported: false }];
    const verdict = seriousViolation({ testEvasions: [] as TestEvasion[], absences, period }, TODAY);
    assert.deepEqual(reviewViolationTask({ basis: 'unauthorizedAbsences', status: 'open', basisNote: null }, verdict, 'other'),
      { action: 'withdraw', reason: '已撤销：擅自离开执行地所在县（市、区）2次，不足3次' });
    assert.deepEqual(reviewViolationTask({ basis: 'unauthorizedDays', status: 'open', basisNote: null }, verdict, 'other'),
      { action: 'withdraw', reason: '已撤销：擅自离开执行地所在县（市、区）累计9日，未超过30日' });
  });

  it('facts the rule rejects leave every task as it is', () => {
    const verdict = seriousViolation({ testEvasions: [{ date: '2026-13-01', kind: 'refused', noticed: true }], absences: [], period }, TODAY);
    assert.ok(verdict.problems.length > 0);
    assert.deepEqual(reviewViolationTask(task('open'), verdict, 'excuse'), { action: 'keep' });
  });
});
