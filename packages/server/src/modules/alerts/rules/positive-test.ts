import type { AlertRuleEvaluator } from '../alert-rule.ts';

/** 检测阳性: the person's latest test is positive (a later negative or refused test closes the alert). */
export const positiveTest: AlertRuleEvaluator = {
  code: 'positiveTest',
  triggers: ['drug_test.recorded'],
  async candidates({ db, facts, personId }) {
    if (personId === null) return [];
    const latest = (await facts.testResultsOf(db, personId)).at(0);
    if (latest?.result !== 'positive') return [];
    return [{
      subjectKey: `test:${latest.id}`, personId,
      summary: `${latest.testedOn}检测结果为阳性，请核查并依法处置`,
      details: { testId: latest.id, testedOn: latest.testedOn, measureId: latest.measureId },
    }];
  },
};
