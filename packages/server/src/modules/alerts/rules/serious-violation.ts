import { countyAbsences, seriousViolation, testEvasions as evasionsOf, type LeaveKind } from '@qingyuan/shared';
import type { AlertRuleEvaluator } from '../alert-rule.ts';

/**
 * 严重违反协议: the shared `seriousViolation` rule over what is recorded so far — refused tests, missed test notices (shared
 * `testEvasions`, as the serious-violation task counts them) and county absences
 * (unauthorised ones, and the overstay of a leave) within the open community measure. One alert per measure while the
 * threshold holds.
 */
export const seriousViolationRule: AlertRuleEvaluator = {
  code: 'seriousViolation',
  triggers: ['drug_test.recorded', 'measure.event_added', 'measure.reported_in', 'leave.recorded', 'leave.returned', 'test_notice.recorded', 'test_notice.excused', 'test_notice.missed'],
  async candidates({ db, facts, personId, today }) {
    if (personId === null) return [];
    const measures = await facts.openCommunityMeasures(db, personId);
    if (measures.length === 0) return [];
    const tests = await facts.testResultsOf(db, personId);
    const leaves = await facts.leavesOf(db, personId);
    const absences = countyAbsences(leaves.map((l) => ({ kind: l.kind as LeaveKind, from: l.from, to: l.to, returnedOn: l.returnedOn })), today);
    const testEvasions = evasionsOf(tests, await facts.testNoticesOf(db, personId), today);
    const found = [];
    for (const m of measures) {
      if (!m.from) continue;
      const result = seriousViolation({ testEvasions, absences, period: { from: m.from, to: null }, measureKind: m.kind }, today);
      const first = result.reached[0];
      if (!result.serious || !first) continue;
      found.push({
        subjectKey: `measure:${m.id}`, personId,
        summary: `${first.explanation}，应报告公安机关`,
        details: { measureId: m.id, threshold: first.code, count: first.count, reachedOn: first.reachedOn },
      });
    }
    return found;
  },
};
