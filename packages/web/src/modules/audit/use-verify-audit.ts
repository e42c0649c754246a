import { useMutation } from '@tanstack/react-query';
import type { AuditVerification } from '@qingyuan/shared';
import { api } from '../../app/api-client.ts';

/** A mutation although it is a GET: it runs on demand, can be slow, and its answer is not cached. */
export function useVerifyAudit() {
  return useMutation({ mutationFn: () => api.get<AuditVerification>('/api/audit/verify') });
}
