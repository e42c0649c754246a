import type { AlertRuleCode, TestResult, WorklistItem, WorklistQuery } from '@qingyuan/shared';
import type { Db } from '../../platform/db/database.ts';

/** What the alert rules read from other modules (supervision today; leave reports, risk, transfers later). */
export interface AlertFacts {
  /** Working-list items over the open measures under `rootPath` (see SupervisionService). */
  worklistItems(db: Db, scope: { rootPath: string }, underPath: string | null, list: WorklistQuery['list']): Promise<WorklistItem[]>;
  testResultsOf(db: Db, personId: string): Promise<{ id: string; testedOn: string; measureId: string | null; result: TestResult }[]>;
  /** The person's open community measures (社区戒毒/社区康复) with the day they started (report-in). */
  openCommunityMeasures(db: Db, personId: string): Promise<{ id: string; kind: 'communityTreatment' | 'communityRehab'; from: string | null }[]>;
  /** Persons with an open community measure reported in, under `rootPath` (the sweep's population). */
  supervisedPersons(db: Db, rootPath: string, today: string): Promise<string[]>;
  /** The person's leave records (请假外出): the leave-overdue rule. */
  leavesOf(db: Db, personId: string): Promise<{ id: string; kind: string; from: string; to: string; returnedOn: string | null }[]>;
  /** The last day of any contact (visit, test, report-in), or null: the lost-contact rule. */
  lastContactDate(db: Db, personId: string): Promise<string | null>;
  /** The person's two latest risk assessments, newest first: the risk-raised rule. */
  recentRiskLevels(db: Db, personId: string): Promise<{ id: string; assessedOn: string; level: 'high' | 'medium' | 'low' }[]>;
  /** The person's test notices (通知检测) as the shared `testEvasions` takes them: the serious-violation rule. */
  testNoticesOf(db: Db, personId: string): Promise<{ notifiedOn: string; dueOn: string; excused: boolean }[]>;
  /** Pending transfers (移交) of one person, or of everyone when null: the unaccepted-transfer rule. */
  pendingTransfers(db: Db, personId: string | null): Promise<PendingTransfer[]>;
}

export interface PendingTransfer {
  id: string;
  personId: string;
  sentOn: string;
  fromOrgUnitName: string;
  toOrgUnitId: string;
  toOrgPath: string;
}

/** A condition that holds now: one alert at most per rule and subject while it holds. */
export interface Candidate {
  /** Stable identity of the condition, e.g. `measure:<id>` (one open alert per rule + subject). */
  subjectKey: string;
  personId: string;
  /** Chinese one-liner for the inbox (no identity values: names and numbers come from the person record). */
  summary: string;
  details: Record<string, string | number | boolean | null>;
  /** A number the rule's parameters are compared with (e.g. overdue days); see `holds`. */
  value?: number;
  /**
   * The unit whose alert it is, when not the person's responsible unit (both or neither): the alert's org unit, org path
   * and first inbox, and the unit whose rule settings apply. The unaccepted-transfer rule names the receiving unit —
   * it must act, while the person's path is still the sender's until acceptance.
   */
  orgUnit?: { id: string; path: string };
}

export interface EvaluationInput {
  db: Db;
  facts: AlertFacts;
  /** Today in China time (YYYY-MM-DD). */
  today: string;
  /** One person (event-driven evaluation, with their org path as the subtree) or null for the whole tree (sweep). */
  personId: string | null;
  rootPath: string;
}

/**
 * An alert rule's evaluator. `candidates` lists the conditions that hold (for one person or the whole tree);
 * `holds` applies the rule's parameters as resolved for the person's unit. Adding a rule = its entry in
 * ALERT_RULES (packages/shared) and one file here registered in rules/index.ts.
 */
export interface AlertRuleEvaluator {
  code: AlertRuleCode;
  /** Domain event types after which the rule is re-evaluated for the event's person. */
  triggers: readonly string[];
  candidates(input: EvaluationInput): Promise<Candidate[]>;
  holds?(candidate: Candidate, params: Readonly<Record<string, number>>): boolean;
}

export const forPerson = <T extends { personId: string }>(items: T[], personId: string | null): T[] =>
  personId === null ? items : items.filter((i) => i.personId === personId);

/**
 * The persons a rule about supervision looks at: those with an open community measure reported in under `rootPath`
 * (the sweep), or the one person if they are among them (an event) — so an event never raises what the sweep closes.
 */
export async function supervisedPopulation({ db, facts, personId, rootPath, today }: EvaluationInput): Promise<string[]> {
  const persons = await facts.supervisedPersons(db, rootPath, today);
  return personId === null ? persons : persons.filter((id) => id === personId);
}
