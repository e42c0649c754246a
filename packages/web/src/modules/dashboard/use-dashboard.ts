import { keepPreviousData, useQuery } from '@tanstack/react-query';
import type { AreaMap, Dashboard, IndicatorDefinitionDto, IndicatorTable, SituationIndex } from '@qingyuan/shared';
import { api } from '../../app/api-client.ts';
import type { PeriodParams } from './use-period-params.ts';

const keys = {
  all: ['dashboard'] as const,
  dashboard: (p: PeriodParams) => [...keys.all, 'main', p] as const,
  index: (p: PeriodParams) => [...keys.all, 'index', p] as const,
  map: (orgUnitId: string | undefined) => [...keys.all, 'map', orgUnitId ?? ''] as const,
  definitions: () => [...keys.all, 'definitions'] as const,
  table: (q: Record<string, string | number | undefined>) => [...keys.all, 'table', q] as const,
};

export function useDashboard(params: PeriodParams) {
  return useQuery({ queryKey: keys.dashboard(params), queryFn: () => api.get<Dashboard>('/api/dashboard', { ...params }), placeholderData: keepPreviousData });
}

export function useSituationIndex(params: PeriodParams) {
  return useQuery({ queryKey: keys.index(params), queryFn: () => api.get<SituationIndex>('/api/situation-index', { ...params }), placeholderData: keepPreviousData });
}

export function useAreaMap(orgUnitId: string | undefined) {
  return useQuery({ queryKey: keys.map(orgUnitId), queryFn: () => api.get<AreaMap>('/api/areas/map', { orgUnitId }) });
}

export function useIndicatorDefinitions() {
  return useQuery({ queryKey: keys.definitions(), queryFn: () => api.get<{ items: IndicatorDefinitionDto[] }>('/api/indicators'), staleTime: 600_000 });
}

export function useIndicatorTable(query: Record<string, string | number | undefined>, enabled: boolean) {
  return useQuery({
    queryKey: keys.table(query),
    queryFn: () => api.get<IndicatorTable>('/api/indicators/values', query),
    enabled,
    placeholderData: keepPreviousData,
  });
}
