import type { AlertRuleEvaluator } from '../alert-rule.ts';
import { forPerson } from '../alert-rule.ts';

/** 逾期未报到: the community measure's report-in day has passed without a report-in. */
export const reportInOverdue: AlertRuleEvaluator = {
  code: 'reportInOverdue',
  triggers: ['measure.ordered', 'measure.reported_in', 'measure.event_added'],
  async candidates({ db, facts, personId, rootPath }) {
    const items = forPerson(await facts.worklistItems(db, { rootPath }, null, 'notReportedIn'), personId);
    return items.map((i) => ({
      subjectKey: `measure:${i.measureId}`, personId: i.personId, value: i.overdueDays,
      summary: `应于${i.dueDate}前报到，已逾期${i.overdueDays}天`,
      details: { measureId: i.measureId, dueDate: i.dueDate, overdueDays: i.overdueDays, rule: i.rule },
    }));
  },
};
