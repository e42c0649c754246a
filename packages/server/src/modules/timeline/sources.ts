import {
  ASSESSMENT_OCCASION_LABELS,
  ASSISTANCE_KIND_LABELS,
  DETECTION_OUTCOME_LABELS,
  LEAVE_KIND_LABELS,
  MEASURE_EVENT_LABELS,
  MEASURE_KIND_LABELS,
  RISK_LEVEL_LABELS,
  TEST_KIND_LABELS,
  TEST_NOTICE_METHOD_LABELS,
  TEST_RESULT_LABELS,
  VIOLATION_BASIS_LABELS,
  VISIT_KIND_LABELS,
  compareDates,
  testNoticeStatus,
  type PersonTimelineEvent,
} from '@qingyuan/shared';
import { chinaDate } from '../../platform/clock.ts';
import type { FieldCipher } from '../../platform/crypto/field-cipher.ts';
import type { TimelineSource } from './timeline.service.ts';

/** The timeline sources of the modules that exist today; each is one function over its own tables. */

const label = (labels: Record<string, string>, key: string): string => labels[key] ?? key;
type Tone = PersonTimelineEvent['tone'];

/** persons: registration and detections (查获). */
export const registrationSource: TimelineSource = async (db, personId) => {
  const person = await db.selectFrom('person').select(['id', 'created_at']).where('id', '=', personId).executeTakeFirst();
  const detections = await db.selectFrom('detection').select(['id', 'detected_on', 'agency', 'outcome']).where('person_id', '=', personId).execute();
  return [
    ...(person ? [{ date: chinaDate(person.created_at), kind: 'registration' as const, title: '登记入库', detail: null, recordId: person.id, tone: 'normal' as Tone } satisfies PersonTimelineEvent] : []),
    ...detections.map((d): PersonTimelineEvent => ({
      date: d.detected_on, kind: 'detection' as const, title: `被${d.agency}查获`, detail: label(DETECTION_OUTCOME_LABELS, d.outcome), recordId: d.id, tone: 'danger',
    })),
  ];
};

/** supervision: measures, their events, report-in, drug tests (results opened with the field cipher) and missed notices. */
export function supervisionSource(cipher: FieldCipher): TimelineSource {
  return async (db, personId, today) => {
    const events: PersonTimelineEvent[] = [];
    const measures = await db.selectFrom('measure').select(['id', 'kind', 'decision_date', 'deciding_agency', 'report_in_date', 'ended_on', 'end_reason'])
      .where('person_id', '=', personId).execute();
    for (const m of measures) {
      const kind = label(MEASURE_KIND_LABELS, m.kind);
      events.push({ date: m.decision_date, kind: 'measure', title: `决定${kind}`, detail: m.deciding_agency, recordId: m.id, tone: 'normal' });
      if (m.report_in_date) events.push({ date: m.report_in_date, kind: 'reportIn', title: `${kind}报到并签订协议`, detail: null, recordId: m.id, tone: 'success' });
      if (m.ended_on) events.push({ date: m.ended_on, kind: 'measure', title: `${kind}结束`, detail: m.end_reason, recordId: m.id, tone: 'normal' });
    }
    if (measures.length > 0) {
      const measureEvents = await db.selectFrom('measure_event').select(['id', 'measure_id', 'type', 'from_date', 'to_date', 'days'])
        .where('measure_id', 'in', measures.map((m) => m.id)).execute();
      for (const e of measureEvents) {
        const span = e.to_date ? `${e.from_date}至${e.to_date}` : e.days ? `${String(e.days)}日` : null;
        events.push({ date: e.from_date, kind: 'measureEvent', title: label(MEASURE_EVENT_LABELS, e.type), detail: span, recordId: e.id, tone: e.type === 'termination' || e.type === 'escape' ? 'warning' : 'normal' });
      }
    }
    const tests = await db.selectFrom('drug_test').select(['id', 'tested_on', 'kind', 'result_enc']).where('person_id', '=', personId).execute();
    for (const t of tests) {
      const { result } = cipher.openJson(`drug_test.result_enc:${t.id}`, t.result_enc) as { result: string };
      events.push({
        date: t.tested_on, kind: 'drugTest', title: `${label(TEST_KIND_LABELS, t.kind)}：${label(TEST_RESULT_LABELS, result)}`, detail: null, recordId: t.id,
        tone: result === 'negative' ? 'success' : 'danger',
      });
    }
    events.push(...missedNoticeEvents(await db.selectFrom('test_notice').select(['id', 'notified_on', 'method', 'due_on', 'excuse', 'excused_on'])
      .where('person_id', '=', personId).execute(), tests.map((t) => t.tested_on), today));
    return events;
  };
}

/** 通知检测逾期未检 on the due day of each notice not answered by a test (shared `testNoticeStatus`); an excused one says so. */
function missedNoticeEvents(
  notices: { id: string; notified_on: string; method: string; due_on: string; excuse: string | null; excused_on: string | null }[],
  testDates: string[],
  today: string,
): PersonTimelineEvent[] {
  return notices.flatMap((n): PersonTimelineEvent[] => {
    const state = testNoticeStatus({ notifiedOn: n.notified_on, dueOn: n.due_on, excused: n.excuse !== null }, testDates, today);
    const notified = `${label(TEST_NOTICE_METHOD_LABELS, n.method)}通知（${n.notified_on}）`;
    if (state.status === 'missed') {
      return [{ date: n.due_on, kind: 'drugTest', title: '通知检测逾期未检', detail: `${notified}；计为逃避检测1次`, recordId: n.id, tone: 'danger' }];
    }
    // Excused before the day passed: the entry appears once the day is over, like a miss would.
    if (state.status === 'justified' && compareDates(n.due_on, today) < 0) {
      return [{ date: n.due_on, kind: 'drugTest', title: '通知检测逾期未检（已登记正当理由）', detail: `${notified}；已登记正当理由（${n.excused_on ?? ''}），不计入逃避检测次数`, recordId: n.id, tone: 'warning' }];
    }
    return [];
  });
}

/** Supervision work (issue #3, H1): visits and talks, leave and absences, assistance. */
export const supervisionWorkSource: TimelineSource = async (db, personId) => {
  const visits = await db.selectFrom('supervision_visit').select(['id', 'visited_on', 'kind']).where('person_id', '=', personId).execute();
  const leaves = await db.selectFrom('leave_record').select(['id', 'kind', 'from_date', 'to_date']).where('person_id', '=', personId).execute();
  const help = await db.selectFrom('assistance').select(['id', 'kind', 'given_on', 'provider']).where('person_id', '=', personId).execute();
  return [
    ...visits.map((v): PersonTimelineEvent => ({ date: v.visited_on, kind: 'visit' as const, title: label(VISIT_KIND_LABELS, v.kind), detail: null, recordId: v.id, tone: 'normal' })),
    ...leaves.map((l): PersonTimelineEvent => ({
      date: l.from_date, kind: 'leave' as const, title: label(LEAVE_KIND_LABELS, l.kind), detail: l.to_date ? `${l.from_date}至${l.to_date}` : null, recordId: l.id,
      tone: (l.kind === 'absence' ? 'warning' : 'normal'),
    })),
    ...help.map((a): PersonTimelineEvent => ({ date: a.given_on, kind: 'assistance' as const, title: label(ASSISTANCE_KIND_LABELS, a.kind), detail: a.provider, recordId: a.id, tone: 'normal' })),
  ];
};

/** Risk and transfers (issue #3, H2): assessments, serious-violation tasks, transfers. */
export const riskAndTransferSource: TimelineSource = async (db, personId) => {
  const assessments = await db.selectFrom('risk_assessment').select(['id', 'assessed_on', 'occasion', 'level']).where('person_id', '=', personId).execute();
  const tasks = await db.selectFrom('violation_task').select(['id', 'reached_on', 'basis', 'status', 'withdrawn_on', 'withdrawn_reason', 'basis_note'])
    .where('person_id', '=', personId).execute();
  const transfers = await db.selectFrom('person_transfer').select(['id', 'sent_on', 'status', 'decided_on']).where('person_id', '=', personId).execute();
  return [
    ...assessments.map((a): PersonTimelineEvent => ({
      date: a.assessed_on, kind: 'riskAssessment' as const, title: `${label(ASSESSMENT_OCCASION_LABELS, a.occasion)}：${label(RISK_LEVEL_LABELS, a.level)}风险`, detail: null, recordId: a.id,
      tone: (a.level === 'high' ? 'danger' : 'normal'),
    })),
    ...tasks.flatMap((t): PersonTimelineEvent[] => [
      { date: t.reached_on, kind: 'other' as const, title: `严重违反协议：${label(VIOLATION_BASIS_LABELS, t.basis)}`, detail: t.basis_note, recordId: t.id, tone: 'danger' },
      // Withdrawn by the system once the basis no longer held (e.g. a justified reason recorded afterwards).
      ...(t.status === 'withdrawn' && t.withdrawn_on
        ? [{ date: t.withdrawn_on, kind: 'other' as const, title: '严重违反任务已自动撤销', detail: t.withdrawn_reason, recordId: t.id, tone: 'normal' as Tone }]
        : []),
    ]),
    ...transfers.flatMap((t): PersonTimelineEvent[] => [
      { date: t.sent_on, kind: 'transfer' as const, title: '移交至其他辖区', detail: null, recordId: t.id, tone: 'normal' },
      ...(t.decided_on ? [{ date: t.decided_on, kind: 'transfer' as const, title: t.status === 'accepted' ? '接收方已接收' : t.status === 'cancelled' ? '移出方已撤回' : '接收方已退回', detail: null, recordId: t.id, tone: 'normal' as Tone }] : []),
    ]),
  ];
};

/** Alerts (issue #4): alerts raised about the person. */
export const alertSource: TimelineSource = async (db, personId) => {
  const alerts = await db.selectFrom('alert').select(['id', 'raised_at', 'summary', 'level']).where('person_id', '=', personId).execute();
  return alerts.map((a): PersonTimelineEvent => ({ date: chinaDate(a.raised_at), kind: 'alert' as const, title: a.summary, detail: null, recordId: a.id, tone: (a.level === 'high' ? 'danger' : 'warning') }));
};
