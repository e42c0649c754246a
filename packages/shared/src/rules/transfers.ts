/**
 * Transfers between jurisdictions (移交): a handover the receiving township has not accepted (or returned) within
 * 7 days escalates to the district office. Sent on the 1st and still pending on the 8th: escalated (7 full days
 * passed); on the 7th: not yet.
 */
import { addDays, compareDates, daysBetween, isIsoDate } from './calendar-dates.ts';

export const TRANSFER_ESCALATION_DAYS = 7;

/** cancelled: withdrawn by the sending side while still pending (移交撤回); the person stays with the sender. */
export const TRANSFER_STATUSES = ['pending', 'accepted', 'returned', 'cancelled'] as const;
export type TransferStatus = (typeof TRANSFER_STATUSES)[number];
export const TRANSFER_STATUS_LABELS: Record<TransferStatus, string> = { pending: '待接收', accepted: '已接收', returned: '已退回', cancelled: '已撤回' };

export interface TransferEscalation {
  escalated: boolean;
  /** Days the transfer has waited (0 once decided). */
  pendingDays: number;
  /** The day it escalates (or escalated). */
  escalatesOn: string;
  explanation: string;
}

/** Whether a transfer sent on `sentOn` is escalated on `today`; only pending transfers escalate. */
export function transferEscalation(input: { status: TransferStatus; sentOn: string }, today: string): TransferEscalation {
  if (!isIsoDate(input.sentOn)) throw new RangeError(`sentOn must be YYYY-MM-DD, got ${JSON.stringify(input.sentOn)}`);
  if (!isIsoDate(today)) throw new RangeError(`today must be YYYY-MM-DD, got ${JSON.stringify(today)}`);
  const escalatesOn = addDays(input.sentOn, TRANSFER_ESCALATION_DAYS);
  if (input.status !== 'pending') {
    return { escalated: false, pendingDays: 0, escalatesOn, explanation: `移交${TRANSFER_STATUS_LABELS[input.status]}` };
  }
  const pendingDays = Math.max(0, daysBetween(input.sentOn, today));
  const escalated = compareDates(today, escalatesOn) >= 0;
  return {
    escalated,
    pendingDays,
    escalatesOn,
    explanation: escalated
      ? `${input.sentOn}移交，已${pendingDays}日未接收（超过${TRANSFER_ESCALATION_DAYS}日），已提请区禁毒办督办`
      : `${input.sentOn}移交，待接收${pendingDays}日；${escalatesOn}仍未接收将提请区禁毒办督办`,
  };
}
