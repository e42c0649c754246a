import { TRANSFER_ESCALATION_DAYS, transferEscalation } from '@qingyuan/shared';
import type { AlertRuleEvaluator, Candidate } from '../alert-rule.ts';

/**
 * 未按时接收移交: a transfer still pending 7 days after it was sent — the shared `transferEscalation`, so the alert
 * and the transfers page (超期督办) never disagree. The alert belongs to the receiving unit (it must accept or return),
 * not to the person's responsible unit, which stays the sender's until acceptance: the sender's township does not see
 * it. It closes itself when the transfer is accepted, returned or cancelled (transfer events) or the person leaves the registry.
 */
export const transferUnaccepted: AlertRuleEvaluator = {
  code: 'transferUnaccepted',
  triggers: ['transfer.sent', 'transfer.accepted', 'transfer.returned', 'transfer.cancelled'],
  async candidates({ db, facts, personId, today }) {
    const found: Candidate[] = [];
    for (const t of await facts.pendingTransfers(db, personId)) {
      const escalation = transferEscalation({ status: 'pending', sentOn: t.sentOn }, today);
      if (!escalation.escalated) continue;
      found.push({
        subjectKey: `transfer:${t.id}`, personId: t.personId, value: escalation.pendingDays,
        orgUnit: { id: t.toOrgUnitId, path: t.toOrgPath },
        summary: `${t.fromOrgUnitName}于${t.sentOn}移交至本单位，已${escalation.pendingDays}日未接收（超过${TRANSFER_ESCALATION_DAYS}日），请接收或退回`,
        details: { transferId: t.id, fromOrgUnit: t.fromOrgUnitName, sentOn: t.sentOn, pendingDays: escalation.pendingDays, escalatedOn: escalation.escalatesOn },
      });
    }
    return found;
  },
};
