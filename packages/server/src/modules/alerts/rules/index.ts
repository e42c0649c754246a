import type { AlertRuleEvaluator } from '../alert-rule.ts';
import { leaveOverdue } from './leave-overdue.ts';
import { lostContact } from './lost-contact.ts';
import { measureEnding } from './measure-ending.ts';
import { positiveTest } from './positive-test.ts';
import { reportInOverdue } from './report-in-overdue.ts';
import { riskRaised } from './risk-raised.ts';
import { seriousViolationRule } from './serious-violation.ts';
import { testOverdue } from './test-overdue.ts';
import { transferUnaccepted } from './transfer-unaccepted.ts';

/**
 * The evaluated rules (partnerFeed alerts are raised by the feeds module and closed by people, not evaluated). The order
 * is the order reconcile takes the per-rule locks in (dispatch and sweep alike): append new rules at the end.
 */
export const EVALUATORS: readonly AlertRuleEvaluator[] = [reportInOverdue, testOverdue, positiveTest, seriousViolationRule, measureEnding, leaveOverdue, lostContact, riskRaised, transferUnaccepted];
