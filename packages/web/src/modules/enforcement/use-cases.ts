import { keepPreviousData, useQuery } from '@tanstack/react-query';
import type { CaseDetail, CaseListItem } from '@qingyuan/shared';
import { api } from '../../app/api-client.ts';
import { enforcementKeys } from './enforcement-keys.ts';
import type { CaseListParams } from './use-case-list-params.ts';

export function useCases(params: CaseListParams) {
  return useQuery({
    queryKey: enforcementKeys.caseList(params),
    queryFn: () => api.get<{ items: CaseListItem[]; total: number }>('/api/cases', { ...params }),
    placeholderData: keepPreviousData,
  });
}

export function useCase(id: string) {
  return useQuery({
    queryKey: enforcementKeys.case(id),
    queryFn: () => api.get<CaseDetail>(`/api/cases/${encodeURIComponent(id)}`),
  });
}
