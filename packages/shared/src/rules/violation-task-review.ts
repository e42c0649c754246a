/**
 * What happens to an existing serious-violation task (严重违反任务) when the facts change after it was opened — mostly
 * a justified reason (正当理由) recorded for a missed test notice, which takes that miss out of the count. An open task
 * whose basis no longer holds is withdrawn by the system, saying why; a task already reported to the police is never
 * changed, it gets a note; a withdrawn task whose basis holds again is reopened. Pure: the caller passes the current
 * `seriousViolation` verdict for the task's measure.
 */
import type { SeriousViolationResult, ViolationThresholdCode } from './supervision-violations.ts';
import { SERIOUS_ABSENCE_DAYS, SERIOUS_ABSENCES, SERIOUS_TEST_EVASIONS } from './supervision-violations.ts';

export type ReviewedTaskStatus = 'open' | 'completed' | 'dismissed' | 'withdrawn';

export interface ReviewedTask {
  basis: ViolationThresholdCode;
  status: ReviewedTaskStatus;
  /** The note already put on a completed task (written once). */
  basisNote: string | null;
}

/** What changed the facts: an excuse recorded for a notice, or another write (a late-recorded test, a leave edit). */
export type ReviewCause = 'excuse' | 'other';

export type ViolationTaskReview =
  | { action: 'keep' }
  | { action: 'withdraw'; reason: string }
  | { action: 'note'; note: string }
  | { action: 'reopen'; reachedOn: string; explanation: string };

/** Why the basis does not hold any more, with the current count (e.g. 逃避或者拒绝接受检测2次，不足3次). */
function shortfall(basis: ViolationThresholdCode, counts: SeriousViolationResult['counts']): string {
  switch (basis) {
    case 'testEvasions':
      return `逃避或者拒绝接受检测${counts.testEvasions}次，不足${SERIOUS_TEST_EVASIONS}次`;
    case 'unauthorizedAbsences':
      return `擅自离开执行地所在县（市、区）${counts.unauthorizedAbsences}次，不足${SERIOUS_ABSENCES}次`;
    case 'unauthorizedDays':
      return `擅自离开执行地所在县（市、区）累计${counts.unauthorizedDays}日，未超过${SERIOUS_ABSENCE_DAYS}日`;
  }
}

export function reviewViolationTask(task: ReviewedTask, verdict: Pick<SeriousViolationResult, 'reached' | 'counts' | 'problems'>, cause: ReviewCause): ViolationTaskReview {
  // Facts the rule rejects say nothing about the basis: leave the task as it is.
  if (verdict.problems.length > 0) return { action: 'keep' };
  const reached = verdict.reached.find((r) => r.code === task.basis);
  if (reached) {
    return task.status === 'withdrawn' ? { action: 'reopen', reachedOn: reached.reachedOn, explanation: reached.explanation } : { action: 'keep' };
  }
  const after = cause === 'excuse' ? '登记正当理由后' : '';
  switch (task.status) {
    case 'open':
      return { action: 'withdraw', reason: `已撤销：${after}${shortfall(task.basis, verdict.counts)}` };
    case 'completed':
      // Reported to the police already: the record stays; the note tells the reader the count changed afterwards.
      return task.basisNote === null
        ? { action: 'note', note: `已报告公安机关后${cause === 'excuse' ? '登记正当理由' : '记录变更'}，${shortfall(task.basis, verdict.counts)}；已报告的任务不作变更` }
        : { action: 'keep' };
    case 'dismissed':
    case 'withdrawn':
      return { action: 'keep' };
  }
}
