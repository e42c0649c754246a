import { daysBetween } from '@qingyuan/shared';
import { supervisedPopulation, type AlertRuleEvaluator, type Candidate } from '../alert-rule.ts';

/** 疑似脱管失控: no visit, test or report-in for `days` days (tunable per unit) during a community measure. */
export const lostContact: AlertRuleEvaluator = {
  code: 'lostContact',
  // Re-evaluated right after a contact is recorded (visit, test, report-in: the alert closes then); the sweep raises it.
  triggers: ['visit.recorded', 'drug_test.recorded', 'measure.reported_in'],
  async candidates(input) {
    const { db, facts, today } = input;
    const persons = await supervisedPopulation(input);
    const found: Candidate[] = [];
    for (const id of persons) {
      const last = await facts.lastContactDate(db, id);
      if (last === null) continue;
      const days = daysBetween(last, today);
      found.push({
        subjectKey: `person:${id}`, personId: id, value: days,
        summary: `最近一次联系（走访、检测或报到）为${last}，已${days}天未联系`,
        details: { lastContact: last, days },
      });
    }
    return found;
  },
  holds: (candidate, params) => (candidate.value ?? 0) >= (params.days ?? 30),
};
