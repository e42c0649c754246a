import { z } from 'zod';
import { PageQuery, noteText, plainText } from './common.ts';
import { CreateDetection } from './persons.ts';

/**
 * 戒断三年未复吸: the system lists persons whose rule says eligible (with the evidence), a township proposes, the office
 * approves (the person leaves dynamic control and moves to the restricted archive, SECURITY.md §18) or rejects with a
 * reason.
 */

export const ABSTINENCE_REVIEW_STATUSES = ['proposed', 'approved', 'rejected'] as const;
export type AbstinenceReviewStatus = (typeof ABSTINENCE_REVIEW_STATUSES)[number];
export const ABSTINENCE_REVIEW_STATUS_LABELS: Record<AbstinenceReviewStatus, string> = { proposed: '待审核', approved: '已批准', rejected: '已退回' };
/** The stored person status after approval (not settable through a person edit). */
export const ABSTINENT_PERSON_STATUS = 'abstinent';
export const ABSTINENT_PERSON_STATUS_LABEL = '戒断三年未复吸（已归档）';

const Dated = z.object({ date: z.string(), rule: z.string(), explanation: z.string() });

export const AbstinenceCandidate = z.object({
  personId: z.uuid(),
  personName: z.string(),
  idNumberMasked: z.string(),
  orgUnitName: z.string(),
  since: z.string(),
  mark: Dated,
  lastPositiveTest: z.string().nullable(),
  lastDetection: z.string().nullable(),
  lastMeasureEnd: z.string().nullable(),
  testsSince: z.number().int(),
  evidence: z.array(z.string()),
  /** The open proposal, when one waits for the office. */
  openReviewId: z.uuid().nullable(),
});
export type AbstinenceCandidate = z.infer<typeof AbstinenceCandidate>;

export const AbstinenceCandidateQuery = PageQuery.extend({ orgUnitId: z.uuid('单位编号格式不正确').optional() });
export type AbstinenceCandidateQuery = z.infer<typeof AbstinenceCandidateQuery>;

/** The township's note of what it checked (visits, tests, family) — required: a proposal is a statement by a person. */
export const ProposeAbstinence = z.object({ note: noteText().min(1, '请填写核实情况说明').max(500, '说明最多500个字符') });
export type ProposeAbstinence = z.infer<typeof ProposeAbstinence>;

export const ABSTINENCE_DECISIONS = ['approve', 'reject'] as const;
export const DecideAbstinence = z.object({
  decision: z.enum(ABSTINENCE_DECISIONS, '审核结论应为批准或退回'),
  reason: plainText().max(500, '审核意见最多500个字符').optional(),
});
export type DecideAbstinence = z.infer<typeof DecideAbstinence>;

export const AbstinenceReviewDto = z.object({
  id: z.uuid(),
  personId: z.uuid(),
  personName: z.string(),
  idNumberMasked: z.string(),
  orgUnitName: z.string(),
  since: z.string(),
  markDate: z.string(),
  evidence: z.array(z.string()),
  status: z.enum(ABSTINENCE_REVIEW_STATUSES),
  proposedAt: z.string(),
  decidedAt: z.string().nullable(),
  decidedOn: z.string().nullable(),
  reason: z.string().nullable(),
  /** 恢复管控: an approved review whose person was brought back into supervision (day and reason); null while archived. */
  restoredOn: z.string().nullable(),
  restoreReason: z.string().nullable(),
});
export type AbstinenceReviewDto = z.infer<typeof AbstinenceReviewDto>;

export const AbstinenceReviewQuery = PageQuery.extend({
  status: z.enum(ABSTINENCE_REVIEW_STATUSES, '状态不在允许范围内').optional(),
});
export type AbstinenceReviewQuery = z.infer<typeof AbstinenceReviewQuery>;

/** The restricted archive: masked identities only, every read audited. */
export const ArchiveQuery = PageQuery.extend({ q: plainText().max(50, '关键词最多50个字符').optional() });
export type ArchiveQuery = z.infer<typeof ArchiveQuery>;

export const ArchivedPerson = z.object({
  id: z.uuid(),
  name: z.string(),
  idNumberMasked: z.string(),
  orgUnitName: z.string(),
  archivedOn: z.string().nullable(),
  since: z.string().nullable(),
  evidence: z.array(z.string()),
});
export type ArchivedPerson = z.infer<typeof ArchivedPerson>;

/**
 * POST /api/archive/persons/:id/restore — 恢复管控: an archived person relapsed (e.g. a new detection of the archived ID
 * number); the office brings them back into supervision with a reason and, optionally, the new detection.
 */
export const RestoreArchivedPerson = z.object({
  reason: noteText().min(2, '请填写恢复管控理由').max(500, '恢复管控理由最多500个字符'),
  detection: CreateDetection.optional(),
});
export type RestoreArchivedPerson = z.infer<typeof RestoreArchivedPerson>;
