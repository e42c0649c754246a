import { keepPreviousData, useQuery } from '@tanstack/react-query';
import type { AuditEvent } from '@qingyuan/shared';
import { api } from '../../app/api-client.ts';
import { auditKeys } from './audit-keys.ts';
import type { AuditListParams } from './use-audit-list-params.ts';

export interface AuditEventList {
  items: AuditEvent[];
  total: number;
}

export function useAuditEvents(params: AuditListParams) {
  return useQuery({
    queryKey: auditKeys.list(params),
    queryFn: () => api.get<AuditEventList>('/api/audit', { ...params }),
    placeholderData: keepPreviousData,
  });
}
