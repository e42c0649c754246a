import { z } from 'zod';
import { PageQuery, noteText, plainText } from './common.ts';
import { ALERT_LEVELS, ALERT_OUTCOMES, ALERT_RULE_CODES, ALERT_STATUSES } from '../rules/alert-rules.ts';

/** Early warning (预警): alerts, their inbox workflow, rule settings, SLA, partner feeds. */

const booleanText = z.enum(['true', 'false']).transform((v) => v === 'true');

export const AlertQuery = PageQuery.extend({
  personId: z.uuid().optional(),
  status: z.enum([...ALERT_STATUSES, 'open']).optional(),
  level: z.enum(ALERT_LEVELS).optional(),
  rule: z.enum(ALERT_RULE_CODES).optional(),
  orgUnitId: z.uuid().optional(),
  overdue: booleanText.optional(),
  /** Only alerts whose inbox is the caller's own unit (escalated ones included). */
  mine: booleanText.optional(),
});
export type AlertQuery = z.infer<typeof AlertQuery>;

export const AlertTransitionDto = z.object({
  action: z.string(),
  fromStatus: z.enum(ALERT_STATUSES).nullable(),
  toStatus: z.enum(ALERT_STATUSES),
  actor: z.object({ id: z.string(), name: z.string() }).nullable(),
  at: z.string(),
  note: z.string().nullable(),
});
export type AlertTransitionDto = z.infer<typeof AlertTransitionDto>;

export const AlertDto = z.object({
  id: z.string(),
  rule: z.enum(ALERT_RULE_CODES),
  ruleName: z.string(),
  level: z.enum(ALERT_LEVELS),
  status: z.enum(ALERT_STATUSES),
  person: z.object({ id: z.string(), name: z.string() }).nullable(),
  orgUnit: z.object({ id: z.string(), name: z.string() }),
  inboxOrgUnit: z.object({ id: z.string(), name: z.string() }),
  summary: z.string(),
  details: z.record(z.string(), z.unknown()),
  raisedAt: z.string(),
  ackDueAt: z.string(),
  resolveDueAt: z.string(),
  overdue: z.boolean(),
  escalations: z.number().int(),
  assignee: z.object({ id: z.string(), name: z.string() }).nullable(),
  outcome: z.enum(ALERT_OUTCOMES).nullable(),
  outcomeNote: z.string().nullable(),
  closedAt: z.string().nullable(),
  closedReason: z.string().nullable(),
  version: z.number().int(),
  history: z.array(AlertTransitionDto).optional(),
});
export type AlertDto = z.infer<typeof AlertDto>;
export const AlertList = z.object({ items: z.array(AlertDto), total: z.number().int() });

export const AssignAlert = z.object({ assigneeId: z.uuid(), note: noteText().max(500).optional() });
export type AssignAlert = z.infer<typeof AssignAlert>;
export const ResolveAlert = z.object({
  outcome: z.enum(ALERT_OUTCOMES),
  note: noteText().max(500).optional(),
}).refine((v) => v.outcome !== 'other' || (v.note !== undefined && v.note.length > 0), { path: ['note'], message: '选择“其他”时须填写说明' });
export type ResolveAlert = z.infer<typeof ResolveAlert>;
export const AcknowledgeAlert = z.object({ note: noteText().max(500).optional() });
export type AcknowledgeAlert = z.infer<typeof AcknowledgeAlert>;
export const BulkAcknowledge = z.object({ ids: z.array(z.uuid()).min(1).max(200) });
export type BulkAcknowledge = z.infer<typeof BulkAcknowledge>;
export const BulkAcknowledgeResult = z.object({ acknowledged: z.array(z.string()), skipped: z.array(z.string()) });

export const AlertCounts = z.object({
  open: z.number().int(),
  new: z.number().int(),
  overdue: z.number().int(),
  byLevel: z.object({ high: z.number().int(), medium: z.number().int(), low: z.number().int() }),
});
export type AlertCounts = z.infer<typeof AlertCounts>;

export const AlertStatsQuery = z.object({ orgUnitId: z.uuid().optional() });
/** Dashboard figures over all alerts in scope (or a subtree): counts and median minutes to acknowledge / resolve. */
export const AlertStats = z.object({
  total: z.number().int(),
  byLevel: z.object({ high: z.number().int(), medium: z.number().int(), low: z.number().int() }),
  byStatus: z.object({ new: z.number().int(), acknowledged: z.number().int(), assigned: z.number().int(), resolved: z.number().int(), autoClosed: z.number().int() }),
  overdue: z.number().int(),
  medianAckMinutes: z.number().nullable(),
  medianResolveMinutes: z.number().nullable(),
});
export type AlertStats = z.infer<typeof AlertStats>;

// ---- rule settings and SLA (office) ----

export const RuleSettingDto = z.object({
  rule: z.enum(ALERT_RULE_CODES),
  name: z.string(),
  level: z.enum(ALERT_LEVELS),
  timeBased: z.boolean(),
  explanation: z.string(),
  params: z.array(z.object({ key: z.string(), label: z.string(), min: z.number(), max: z.number(), default: z.number() })),
  /** The effective values at the unit asked for, and whether the unit itself has an override. */
  effective: z.object({ enabled: z.boolean(), params: z.record(z.string(), z.number()) }),
  own: z.object({ enabled: z.boolean().nullable(), params: z.record(z.string(), z.number()) }).nullable(),
});
export type RuleSettingDto = z.infer<typeof RuleSettingDto>;
export const RuleSettingsQuery = z.object({ orgUnitId: z.uuid().optional() });
export const RuleParams = z.object({ rule: z.enum(ALERT_RULE_CODES) });
export const PutRuleSetting = z.object({
  orgUnitId: z.uuid(),
  enabled: z.boolean().optional(),
  params: z.record(z.string().max(40), z.number().int()).optional(),
});
export type PutRuleSetting = z.infer<typeof PutRuleSetting>;

export const SlaDto = z.object({ level: z.enum(ALERT_LEVELS), ackMinutes: z.number().int(), resolveMinutes: z.number().int() });
export type SlaDto = z.infer<typeof SlaDto>;
export const PutSla = z.object({
  items: z.array(z.object({
    level: z.enum(ALERT_LEVELS),
    ackMinutes: z.number().int().min(1).max(30 * 24 * 60),
    resolveMinutes: z.number().int().min(1).max(90 * 24 * 60),
  })).min(1).max(3),
});
export type PutSla = z.infer<typeof PutSla>;
/** Field names of PUT /api/alert-sla errors. */
export const PUT_SLA_LABELS = { items: '时限设置', level: '预警等级' } as const;

export const SweepResult = z.object({ ran: z.boolean(), raised: z.number().int(), closed: z.number().int(), escalated: z.number().int() });
export type SweepResult = z.infer<typeof SweepResult>;

// ---- partner feeds ----

export const PARTNER_KINDS = ['hotel', 'internetCafe', 'logistics', 'finance', 'hospital'] as const;
export type PartnerKind = (typeof PARTNER_KINDS)[number];
export const PARTNER_KIND_LABELS: Record<PartnerKind, string> = {
  hotel: '旅馆住宿', internetCafe: '网吧上网', logistics: '物流寄递', finance: '金融', hospital: '医院就诊',
};

export const CreatePartner = z.object({
  name: plainText().min(1).max(100),
  kinds: z.array(z.enum(PARTNER_KINDS)).min(1).max(PARTNER_KINDS.length),
});
export type CreatePartner = z.infer<typeof CreatePartner>;
export const PartnerSecret = z.object({ id: z.string(), keyId: z.string(), secret: z.string() });
export const PartnerDto = z.object({
  id: z.string(),
  name: z.string(),
  kinds: z.array(z.enum(PARTNER_KINDS)),
  keyId: z.string(),
  active: z.boolean(),
  createdAt: z.string(),
  rotatedAt: z.string().nullable(),
  revokedAt: z.string().nullable(),
  /** Events received per day (matched or not) for the last days. */
  daily: z.array(z.object({ day: z.string(), received: z.number().int(), matched: z.number().int(), unmatched: z.number().int() })),
});
export type PartnerDto = z.infer<typeof PartnerDto>;

export const FeedEvent = z.object({
  id: plainText().min(1).max(100),
  kind: z.enum(PARTNER_KINDS),
  time: z.iso.datetime({ offset: true }),
  place: z.object({
    name: plainText().min(1).max(100),
    address: plainText().max(200).optional(),
    orgUnitId: z.uuid().optional(),
  }),
  idNumber: plainText().min(15).max(18),
});
export type FeedEvent = z.infer<typeof FeedEvent>;
export const FEED_BATCH_MAX = 1000;
export const FeedEventResult = z.object({
  id: z.string().nullable(),
  index: z.number().int(),
  status: z.enum(['accepted', 'duplicate', 'invalid']),
  reason: z.string().optional(),
});
export type FeedEventResult = z.infer<typeof FeedEventResult>;
export const FeedResults = z.object({ results: z.array(FeedEventResult) });
