import {
  ALERT_RULES,
  addDays,
  compareDates,
  daysBetween,
  resolveRuleSetting,
  testNoticeStatus,
  transferEscalation,
  type AlertRuleDefinition,
  type MeasureKind,
  type PersonWorklist,
  type RiskLevel,
  type RuleSetting,
  type TestNoticeMethod,
  type WorklistRow,
} from '@qingyuan/shared';
import type { Scope } from '../../platform/access/scope.ts';
import type { Db } from '../../platform/db/database.ts';
import type { WorklistRow as OpenMeasureRow } from './supervision.repository.ts';
import { lastContactDates, testDatesOf, unexcusedPastNotices } from './worklists-extra.repository.ts';

/** Working lists about persons beyond the measure clocks: 高风险人员, 疑似脱管, 待接收移交, 通知未检. */

/** A person's latest assessment (final, override-aware level) and when the next one is due. */
export interface RiskSummary {
  level: RiskLevel;
  assessedOn: string;
  nextDue: { date: string; rule: string; explanation: string };
}

/** A pending transfer whose receiving unit lies in the caller's own scope. */
export interface IncomingTransfer {
  id: string;
  personId: string;
  personName: string;
  fromOrgUnitName: string;
  toOrgUnitName: string;
  sentOn: string;
}

/** What the person lists need from other modules, wired in app.ts (supervision imports neither risk nor transfers). */
export interface WorklistSources {
  /** Latest assessment of each asked person who has one. */
  riskSummaries(db: Db, personIds: readonly string[]): Promise<Map<string, RiskSummary>>;
  /** Pending transfers to units of the scope (own scope: the receiving side), under `underPath` when given. */
  pendingTransfersIn(db: Db, scope: Scope, underPath: string | null): Promise<IncomingTransfer[]>;
  /** The stored settings of the lostContact alert rule per unit (none: every unit uses the rule's default). */
  lostContactSettings(db: Db): Promise<RuleSetting[]>;
}

export const NO_SOURCES: WorklistSources = {
  riskSummaries: () => Promise.resolve(new Map()),
  pendingTransfersIn: () => Promise.resolve([]),
  lostContactSettings: () => Promise.resolve([]),
};

const LOST_CONTACT_RULE = (ALERT_RULES as readonly AlertRuleDefinition[]).find((r) => r.code === 'lostContact');

export interface PersonWorklistInput {
  db: Db;
  scope: Scope;
  underPath: string | null;
  today: string;
  sources: WorklistSources;
  /** The open measures of the scope (community measures only), as the measure lists read them. */
  openCommunityMeasures: () => Promise<OpenMeasureRow[]>;
}

const byName = (a: WorklistRow, b: WorklistRow): number => a.personName.localeCompare(b.personName, 'zh') || a.personId.localeCompare(b.personId);

/** One person list, sorted: most urgent first. */
export async function personWorklist(list: PersonWorklist, input: PersonWorklistInput): Promise<WorklistRow[]> {
  switch (list) {
    case 'highRisk':
      return highRisk(input);
    case 'lostContact':
      return lostContact(input);
    case 'transfersWaiting':
      return transfersWaiting(input);
    case 'missedNotices':
      return missedNotices(input);
  }
}

/** One row per person: the reported-in measure first (a person rarely has two open community measures). */
function perPerson(rows: OpenMeasureRow[]): OpenMeasureRow[] {
  const sorted = [...rows].sort((a, b) => Number(b.measure.reportInDate !== null) - Number(a.measure.reportInDate !== null)
    || compareDates(a.measure.decisionDate, b.measure.decisionDate) || a.measure.id.localeCompare(b.measure.id));
  const seen = new Map<string, OpenMeasureRow>();
  for (const r of sorted) if (!seen.has(r.measure.personId)) seen.set(r.measure.personId, r);
  return [...seen.values()];
}

function measureFields(r: OpenMeasureRow): Pick<WorklistRow, 'personId' | 'personName' | 'measureId' | 'measureKind'> {
  return { personId: r.measure.personId, personName: r.personName, measureId: r.measure.id, measureKind: r.measure.kind as MeasureKind };
}

async function highRisk({ db, today, sources, openCommunityMeasures }: PersonWorklistInput): Promise<WorklistRow[]> {
  const rows = perPerson(await openCommunityMeasures());
  const summaries = await sources.riskSummaries(db, rows.map((r) => r.measure.personId));
  const items: WorklistRow[] = [];
  for (const r of rows) {
    const risk = summaries.get(r.measure.personId);
    if (risk?.level !== 'high') continue;
    items.push({
      ...measureFields(r), dueDate: risk.nextDue.date, overdueDays: Math.max(0, daysBetween(risk.nextDue.date, today)),
      rule: risk.nextDue.rule, explanation: risk.nextDue.explanation, riskLevel: risk.level, assessedOn: risk.assessedOn,
    });
  }
  return items.sort((a, b) => compareDates(a.dueDate, b.dueDate) || byName(a, b));
}

async function lostContact({ db, today, sources, openCommunityMeasures }: PersonWorklistInput): Promise<WorklistRow[]> {
  const rows = perPerson((await openCommunityMeasures()).filter((r) => r.measure.reportInDate !== null));
  const last = await lastContactDates(db, rows.map((r) => r.measure.personId));
  const settings = await sources.lostContactSettings(db);
  const items: WorklistRow[] = [];
  for (const r of rows) {
    const lastContact = last.get(r.measure.personId);
    if (lastContact === undefined || !LOST_CONTACT_RULE) continue;
    const resolved = resolveRuleSetting(LOST_CONTACT_RULE, settings, r.measure.orgPath);
    const threshold = resolved.params.days ?? 30;
    const days = daysBetween(lastContact, today);
    if (days < threshold) continue;
    const reached = addDays(lastContact, threshold);
    items.push({
      ...measureFields(r), dueDate: reached, overdueDays: Math.max(0, daysBetween(reached, today)), rule: 'lostContact',
      explanation: `最近一次联系（走访、检测或报到）为${lastContact}，已${days}天未联系（连续${threshold}天未联系即列入）`,
      lastContactDate: lastContact, daysSinceContact: days, thresholdDays: threshold,
    });
  }
  return items.sort((a, b) => (b.daysSinceContact ?? 0) - (a.daysSinceContact ?? 0) || byName(a, b));
}

async function transfersWaiting({ db, scope, underPath, today, sources }: PersonWorklistInput): Promise<WorklistRow[]> {
  const transfers = await sources.pendingTransfersIn(db, scope, underPath);
  const items = transfers.map((t): WorklistRow => {
    const escalation = transferEscalation({ status: 'pending', sentOn: t.sentOn }, today);
    return {
      personId: t.personId, personName: t.personName, measureId: null, measureKind: null,
      dueDate: escalation.escalatesOn, overdueDays: Math.max(0, daysBetween(escalation.escalatesOn, today)),
      rule: 'transferEscalation', explanation: escalation.explanation,
      transferId: t.id, fromOrgUnitName: t.fromOrgUnitName, toOrgUnitName: t.toOrgUnitName, sentOn: t.sentOn,
      pendingDays: escalation.pendingDays, escalated: escalation.escalated,
    };
  });
  return items.sort((a, b) => (b.pendingDays ?? 0) - (a.pendingDays ?? 0) || byName(a, b));
}

/** 通知未检: one row per notice missed without a justified reason (shared `testNoticeStatus`), longest missed first. */
async function missedNotices({ db, scope, underPath, today }: PersonWorklistInput): Promise<WorklistRow[]> {
  const notices = await unexcusedPastNotices(db, scope, underPath, today);
  const tests = await testDatesOf(db, [...new Set(notices.map((n) => n.personId))]);
  const items: WorklistRow[] = [];
  for (const n of notices) {
    const state = testNoticeStatus({ notifiedOn: n.notifiedOn, dueOn: n.dueOn, excused: false }, tests.get(n.personId) ?? [], today);
    if (state.status !== 'missed') continue;
    const days = daysBetween(n.dueOn, today);
    items.push({
      personId: n.personId, personName: n.personName, measureId: null, measureKind: null, dueDate: n.dueOn, overdueDays: days,
      rule: 'testNotice.missed', explanation: state.explanation,
      noticeId: n.id, notifiedOn: n.notifiedOn, noticeMethod: n.method as TestNoticeMethod, daysSinceDue: days,
    });
  }
  return items.sort((a, b) => (b.daysSinceDue ?? 0) - (a.daysSinceDue ?? 0) || byName(a, b) || (a.noticeId ?? '').localeCompare(b.noticeId ?? ''));
}
