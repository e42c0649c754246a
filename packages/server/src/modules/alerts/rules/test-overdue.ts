import type { AlertRuleEvaluator } from '../alert-rule.ts';
import { forPerson } from '../alert-rule.ts';

/** 检测逾期: a scheduled test is overdue by at least `days` days (tunable per unit). */
export const testOverdue: AlertRuleEvaluator = {
  code: 'testOverdue',
  triggers: ['drug_test.recorded', 'measure.reported_in', 'measure.event_added'],
  async candidates({ db, facts, personId, rootPath }) {
    const items = forPerson(await facts.worklistItems(db, { rootPath }, null, 'overdue'), personId);
    return items.map((i) => ({
      // The due date is part of the subject: a new test starts a new schedule period, so a later miss is a new alert.
      subjectKey: `measure:${i.measureId}:${i.dueDate}`, personId: i.personId, value: i.overdueDays,
      summary: `应于${i.dueDate}前检测，已逾期${i.overdueDays}天`,
      details: { measureId: i.measureId, dueDate: i.dueDate, overdueDays: i.overdueDays, rule: i.rule },
    }));
  },
  holds: (candidate, params) => (candidate.value ?? 0) >= (params.days ?? 0),
};
