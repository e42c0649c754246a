import { z } from 'zod';
import { noteText } from './common.ts';
import { TRANSFER_STATUSES } from '../rules/transfers.ts';

/** Transfers between jurisdictions (移交): hand over, accept or return, escalation after 7 days. */

/** POST /api/persons/:id/transfers */
export const CreateTransfer = z.object({
  toOrgUnitId: z.uuid('接收单位编号格式不正确'),
  reason: noteText().min(2, '请填写移交原因').max(500, '移交原因最多500个字符'),
});
export type CreateTransfer = z.infer<typeof CreateTransfer>;

/** POST /api/transfers/:id/accept: the day the receiving unit took the person over (not before the handover). */
export const AcceptTransfer = z.object({
  acceptedOn: z.iso.date('接收日期格式不正确（YYYY-MM-DD）'),
  note: noteText().max(500, '备注最多500个字符').optional(),
});
export type AcceptTransfer = z.infer<typeof AcceptTransfer>;

/** POST /api/transfers/:id/return */
export const ReturnTransfer = z.object({ returnReason: noteText().min(2, '请填写退回原因').max(500, '退回原因最多500个字符') });
export type ReturnTransfer = z.infer<typeof ReturnTransfer>;

/** POST /api/transfers/:id/cancel: the sending side withdraws a transfer still pending (移交撤回). */
export const CancelTransfer = z.object({ reason: noteText().min(2, '请填写撤回原因').max(500, '撤回原因最多500个字符') });
export type CancelTransfer = z.infer<typeof CancelTransfer>;

export const TRANSFER_LISTS = ['incoming', 'outgoing', 'escalated', 'all'] as const;
export type TransferList = (typeof TRANSFER_LISTS)[number];
export const TRANSFER_LIST_LABELS: Record<TransferList, string> = { incoming: '待我接收', outgoing: '我方移出', escalated: '超期督办', all: '全部' };

export const TransferQuery = z.object({
  list: z.enum(TRANSFER_LISTS, '清单不在允许范围内').default('incoming'),
  status: z.enum(TRANSFER_STATUSES, '状态不在允许范围内').optional(),
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(20),
});
export type TransferQuery = z.infer<typeof TransferQuery>;

export const TransferDto = z.object({
  id: z.uuid(),
  personId: z.uuid(),
  personName: z.string(),
  fromOrgUnit: z.object({ id: z.uuid(), name: z.string() }),
  toOrgUnit: z.object({ id: z.uuid(), name: z.string() }),
  reason: z.string(),
  status: z.enum(TRANSFER_STATUSES),
  sentOn: z.string(),
  decidedOn: z.string().nullable(),
  returnReason: z.string().nullable(),
  note: z.string().nullable(),
  escalated: z.boolean(),
  pendingDays: z.number().int(),
  escalatesOn: z.string(),
  explanation: z.string(),
  /** Whether the caller may accept or return it (the receiving side). */
  canDecide: z.boolean(),
  /** The sender's reason when cancelled (移交撤回). */
  cancelReason: z.string().nullable(),
  /** Whether the caller may cancel it (the sending side, while pending). */
  canCancel: z.boolean(),
});
export type TransferDto = z.infer<typeof TransferDto>;

/** GET /api/transfer-targets: units outside the caller's subtree a person may be handed over to. */
export const TransferTarget = z.object({ id: z.uuid(), name: z.string(), kind: z.string(), parentName: z.string().nullable() });
export type TransferTarget = z.infer<typeof TransferTarget>;
