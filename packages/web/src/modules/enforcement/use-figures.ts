import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { EnforcementFigureComparison, FigureRecords, Figures, PutTargetInput, TargetDto } from '@qingyuan/shared';
import { api } from '../../app/api-client.ts';
import { enforcementKeys } from './enforcement-keys.ts';
import type { FigureParams } from './use-figure-params.ts';

export function useFigures(params: FigureParams) {
  return useQuery({
    queryKey: enforcementKeys.figureTable(params),
    queryFn: () => api.get<Figures>('/api/enforcement/figures', { ...params }),
    placeholderData: keepPreviousData,
  });
}

export function useFigureRecords(indicator: string | null, params: FigureParams, compare: EnforcementFigureComparison, page: number) {
  return useQuery({
    queryKey: enforcementKeys.figureRecords(indicator ?? '', params, compare, page),
    queryFn: () => api.get<FigureRecords>(`/api/enforcement/figures/${encodeURIComponent(indicator ?? '')}/records`, { ...params, compare, page, pageSize: 10 }),
    enabled: indicator !== null,
    placeholderData: keepPreviousData,
  });
}

export function usePutTarget() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: PutTargetInput) => api.put<TargetDto>('/api/targets', body),
    onSuccess: () => client.invalidateQueries({ queryKey: enforcementKeys.figures() }),
  });
}
