import { RISK_LEVEL_LABELS } from '@qingyuan/shared';
import type { AlertRuleEvaluator, Candidate } from '../alert-rule.ts';

const RANK = { low: 0, medium: 1, high: 2 } as const;

/**
 * 风险等级上升: the latest assessment is above the one before it (or the first one is high). The subject is the
 * latest assessment, so the next assessment closes the alert unless it raises the level again.
 */
export const riskRaised: AlertRuleEvaluator = {
  code: 'riskRaised',
  triggers: ['risk.assessed'],
  async candidates({ db, facts, personId, rootPath, today }) {
    const persons = personId === null ? await facts.supervisedPersons(db, rootPath, today) : [personId];
    const found: Candidate[] = [];
    for (const id of persons) {
      const [latest, previous] = await facts.recentRiskLevels(db, id);
      if (!latest) continue;
      const raised = previous ? RANK[latest.level] > RANK[previous.level] : latest.level === 'high';
      if (!raised) continue;
      found.push({
        subjectKey: `risk:${latest.id}`, personId: id,
        summary: previous
          ? `风险等级由${RISK_LEVEL_LABELS[previous.level]}风险升为${RISK_LEVEL_LABELS[latest.level]}风险（${latest.assessedOn}评估）`
          : `首次风险评估为${RISK_LEVEL_LABELS[latest.level]}风险（${latest.assessedOn}评估）`,
        details: { assessmentId: latest.id, assessedOn: latest.assessedOn, level: latest.level, previousLevel: previous?.level ?? null },
      });
    }
    return found;
  },
};
