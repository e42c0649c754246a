import { compareDates, daysBetween } from '@qingyuan/shared';
import { supervisedPopulation, type AlertRuleEvaluator, type Candidate } from '../alert-rule.ts';

/** 请假逾期未归: a leave report's return day has passed and no return is recorded (closes when it is). */
export const leaveOverdue: AlertRuleEvaluator = {
  code: 'leaveOverdue',
  // Re-evaluated right after a leave or its return is recorded (a return closes the alert then); the sweep raises it.
  triggers: ['leave.recorded', 'leave.returned'],
  async candidates(input) {
    const { db, facts, today } = input;
    const persons = await supervisedPopulation(input);
    const found: Candidate[] = [];
    for (const id of persons) {
      for (const leave of await facts.leavesOf(db, id)) {
        if (leave.kind !== 'leave' || leave.returnedOn !== null || compareDates(leave.to, today) >= 0) continue;
        const days = daysBetween(leave.to, today);
        found.push({
          subjectKey: `leave:${leave.id}`, personId: id, value: days,
          summary: `请假应于${leave.to}返回，已逾期${days}天未销假`,
          details: { leaveId: leave.id, from: leave.from, to: leave.to, overdueDays: days },
        });
      }
    }
    return found;
  },
};
