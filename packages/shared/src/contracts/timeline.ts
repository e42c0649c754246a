import { z } from 'zod';

/** A person's timeline: every event from every module that contributes a source, in time order. */

export const PERSON_TIMELINE_KINDS = [
  'registration', 'detection', 'measure', 'measureEvent', 'reportIn', 'drugTest', 'abstinence',
  'visit', 'leave', 'assistance', 'riskAssessment', 'transfer', 'alert', 'other',
] as const;
export type PersonTimelineKind = (typeof PERSON_TIMELINE_KINDS)[number];
export const PERSON_TIMELINE_KIND_LABELS: Record<PersonTimelineKind, string> = {
  registration: '登记', detection: '查获', measure: '管控措施', measureEvent: '措施变动', reportIn: '报到', drugTest: '检测',
  abstinence: '戒断三年未复吸', visit: '走访谈话', leave: '请假外出', assistance: '帮扶', riskAssessment: '风险评估',
  transfer: '移交', alert: '预警', other: '其他',
};

export const PersonTimelineEvent = z.object({
  /** Calendar date of the event (China time). */
  date: z.string(),
  kind: z.enum(PERSON_TIMELINE_KINDS),
  title: z.string(),
  detail: z.string().nullable(),
  /** Id of the record behind the event. */
  recordId: z.string(),
  /** Highlights a notable event (positive test, late report-in, termination). */
  tone: z.enum(['normal', 'warning', 'danger', 'success']),
});
export type PersonTimelineEvent = z.infer<typeof PersonTimelineEvent>;

export const PersonTimeline = z.object({ items: z.array(PersonTimelineEvent) });
export type PersonTimeline = z.infer<typeof PersonTimeline>;
