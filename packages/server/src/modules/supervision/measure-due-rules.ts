import {
  addDays,
  compareDates,
  measureClocks,
  testStatus,
  type MeasureClockInput,
  type MeasureClocks,
  type MeasureKind,
  type RiskLevel,
  type TestPolicy,
  type WorklistQuery,
} from '@qingyuan/shared';
import type { StoredEvent, StoredMeasure } from './supervision.repository.ts';

/** Community measures carry the report-in and test-schedule duties. */
export const COMMUNITY: readonly string[] = ['communityTreatment', 'communityRehab'];
/** A person never assessed is scheduled as medium risk (the default intervals). */
export const DEFAULT_RISK = 'medium' as const;

/** Measure events grouped by measure (one pass, not a filter per measure). */
export function eventsByMeasure<E extends { measureId: string }>(events: readonly E[]): Map<string, E[]> {
  const byMeasure = new Map<string, E[]>();
  for (const e of events) {
    const list = byMeasure.get(e.measureId);
    if (list) list.push(e);
    else byMeasure.set(e.measureId, [e]);
  }
  return byMeasure;
}
/** 即将期满: the term ends within this many days. */
export const ENDING_SOON_DAYS = 30;

export type MeasureList = WorklistQuery['list'];

/** The clock rules' input for a stored measure and its events. */
export function clockInput(m: StoredMeasure, events: readonly StoredEvent[]): MeasureClockInput {
  const of = (type: string) => events.filter((e) => e.type === type);
  const terminationEvent = of('termination').at(0);
  const termination = terminationEvent
    ? { date: terminationEvent.from, reason: (terminationEvent.reason ?? 'other') as 'other' }
    : null;
  const kind = m.kind as MeasureKind;
  switch (kind) {
    case 'communityTreatment':
    case 'communityRehab': {
      const base = {
        decisionDate: m.decisionDate,
        receivedDate: m.decisionReceivedDate,
        reportInDate: m.reportInDate,
        justifiedLateReport: m.justifiedLateReport,
        suspensions: of('suspension').map((e) => ({ from: e.from, to: e.to })),
        placeChanges: of('placeChange').map((e) => ({ date: e.from, reportInDate: e.to })),
        termination,
      };
      return kind === 'communityRehab'
        ? { ...base, kind, releaseDate: m.decisionDate, termMonths: m.termMonths ?? 0 }
        : { ...base, kind };
    }
    case 'compulsoryIsolation':
      return {
        kind,
        decisionDate: m.decisionDate,
        escapes: of('escape').map((e) => ({ from: e.from, to: e.to })),
        extensions: of('extension').map((e) => ({ days: e.days ?? 0 })),
        releaseDate: m.endReason === 'released' ? m.endedOn : null,
        termination,
      };
    case 'voluntaryTreatment':
    case 'maintenanceTherapy':
      return { kind, decisionDate: m.decisionDate, endDate: terminationEvent?.from ?? null };
  }
}

/** A dated duty as a working-list row shows it. */
export interface DueDate {
  date: string;
  rule: string;
  explanation: string;
}

/** What the working lists need of one open community measure on `today` (stored in measure_due, or computed live). */
export interface DueFacts {
  status: MeasureClocks['status'];
  reportInDue: DueDate | null;
  termEnd: DueDate | null;
  nextTest: DueDate | null;
  /** Of an active, reported-in measure: next test due today (`due`) or past (`overdue`). */
  testState: 'due' | 'overdue' | null;
}

function dueDate(d: { date: string; rule: string; explanation: string } | null | undefined): DueDate | null {
  return d ? { date: d.date, rule: d.rule, explanation: d.explanation } : null;
}

/** The one computation behind both the stored rows and the live lists: the shared clock and test-schedule rules. */
export function dueFacts(
  m: StoredMeasure, events: readonly StoredEvent[], lastTest: string | null, risk: RiskLevel, policy: TestPolicy, today: string,
): DueFacts {
  const clocks = measureClocks(clockInput(m, events), today);
  let nextTest: DueDate | null = null;
  let testState: DueFacts['testState'] = null;
  if (clocks.status === 'active' && m.reportInDate) {
    const status = testStatus({ measureStart: m.reportInDate, lastTestDate: lastTest, risk, termEnd: clocks.termEnd?.date ?? null }, today, policy);
    if (status.nextDue) {
      nextTest = dueDate(status.nextDue);
      testState = status.overdue ? 'overdue' : status.due ? 'due' : null;
    }
  }
  return { status: clocks.status, reportInDue: dueDate(clocks.reportInDue), termEnd: dueDate(clocks.termEnd), nextTest, testState };
}

/** The dated duty that puts a measure on a working list on `today`, or null when it is not on it. */
export function listDue(list: MeasureList, f: DueFacts, today: string): DueDate | null {
  switch (list) {
    case 'notReportedIn': return f.status === 'notReportedIn' ? f.reportInDue : null;
    case 'endingSoon':
      return f.termEnd && f.status === 'active' && compareDates(f.termEnd.date, addDays(today, ENDING_SOON_DAYS)) <= 0 ? f.termEnd : null;
    case 'due': return f.testState === 'due' ? f.nextTest : null;
    case 'overdue': return f.testState === 'overdue' ? f.nextTest : null;
  }
}

/** Code-point order, the same as PostgreSQL's `COLLATE "C"` on UTF-8 (so stored and live lists sort alike). */
export function codePointCompare(a: string, b: string): number {
  let i = 0;
  let j = 0;
  while (i < a.length && j < b.length) {
    const x = a.codePointAt(i) ?? 0;
    const y = b.codePointAt(j) ?? 0;
    if (x !== y) return x - y;
    i += x > 0xffff ? 2 : 1;
    j += y > 0xffff ? 2 : 1;
  }
  return (a.length - i) - (b.length - j);
}
