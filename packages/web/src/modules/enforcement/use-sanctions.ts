import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { CreateSanction, Created, SanctionDto, SanctionKind } from '@qingyuan/shared';
import { api } from '../../app/api-client.ts';
import { enforcementKeys } from './enforcement-keys.ts';

export interface SanctionListParams {
  year?: number | undefined;
  kind?: SanctionKind | undefined;
  orgUnitId?: string | undefined;
  page: number;
  pageSize: number;
}

export function useSanctions(params: SanctionListParams) {
  return useQuery({
    queryKey: enforcementKeys.sanctions(params),
    queryFn: () => api.get<{ items: SanctionDto[]; total: number }>('/api/enforcement/sanctions', { ...params }),
    placeholderData: keepPreviousData,
  });
}

export function useRecordSanction() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: CreateSanction) => api.post<Created>('/api/enforcement/sanctions', body),
    onSuccess: () => Promise.all([
      client.invalidateQueries({ queryKey: [...enforcementKeys.all, 'sanctions'] }),
      client.invalidateQueries({ queryKey: enforcementKeys.figures() }),
    ]),
  });
}
