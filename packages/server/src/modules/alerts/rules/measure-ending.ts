import type { AlertRuleEvaluator } from '../alert-rule.ts';
import { forPerson } from '../alert-rule.ts';
import { daysBetween } from '@qingyuan/shared';

/** 措施即将期满: the community measure's term ends within `days` days (the working list looks 30 days ahead). */
export const measureEnding: AlertRuleEvaluator = {
  code: 'measureEnding',
  triggers: ['measure.reported_in', 'measure.event_added'],
  async candidates({ db, facts, personId, rootPath, today }) {
    const items = forPerson(await facts.worklistItems(db, { rootPath }, null, 'endingSoon'), personId);
    return items.map((i) => {
      const left = Math.max(0, daysBetween(today, i.dueDate));
      return {
        subjectKey: `measure:${i.measureId}:${i.dueDate}`, personId: i.personId, value: left,
        summary: `措施将于${i.dueDate}期满（剩余${left}天），请准备解除手续`,
        details: { measureId: i.measureId, termEnd: i.dueDate, daysLeft: left, rule: i.rule },
      };
    });
  },
  holds: (candidate, params) => (candidate.value ?? 0) <= (params.days ?? 30),
};
