import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type {
  CreateDrugTest,
  CreateMeasure,
  Created,
  DrugTestDto,
  MeasureDto,
  ReportIn,
  Substance,
  Worklist,
  WorklistRow,
} from '@qingyuan/shared';
import { api } from '../../app/api-client.ts';

/** Query keys and hooks of the supervision module. Reads are audited on the server: not refetched on their own. */
export const supervisionKeys = {
  all: ['supervision'] as const,
  measures: (personId: string) => [...supervisionKeys.all, 'measures', personId] as const,
  tests: (personId: string) => [...supervisionKeys.all, 'tests', personId] as const,
  worklists: () => [...supervisionKeys.all, 'worklist'] as const,
  worklist: (params: WorklistParams) => [...supervisionKeys.worklists(), params] as const,
  substances: () => [...supervisionKeys.all, 'substances'] as const,
};

export interface WorklistParams {
  list: Worklist;
  orgUnitId?: string | undefined;
  page: number;
  pageSize: number;
}

const person = (id: string) => `/api/persons/${encodeURIComponent(id)}`;

export function useMeasures(personId: string) {
  return useQuery({
    queryKey: supervisionKeys.measures(personId),
    queryFn: () => api.get<{ items: MeasureDto[] }>(`${person(personId)}/measures`),
    staleTime: Infinity,
  });
}

export function useDrugTests(personId: string) {
  return useQuery({
    queryKey: supervisionKeys.tests(personId),
    queryFn: () => api.get<{ items: DrugTestDto[] }>(`${person(personId)}/tests`),
    staleTime: Infinity,
  });
}

export function useSupervisionSubstances() {
  return useQuery({
    queryKey: supervisionKeys.substances(),
    queryFn: () => api.get<{ items: Substance[] }>('/api/substances'),
    staleTime: Infinity,
  });
}

export function useWorklist(params: WorklistParams) {
  const search = new URLSearchParams({ list: params.list, page: String(params.page), pageSize: String(params.pageSize) });
  if (params.orgUnitId) search.set('orgUnitId', params.orgUnitId);
  return useQuery({
    queryKey: supervisionKeys.worklist(params),
    queryFn: () => api.get<{ items: WorklistRow[]; total: number }>(`/api/supervision/worklist?${search.toString()}`),
    placeholderData: (previous) => previous,
  });
}

function useRefresh(personId: string) {
  const client = useQueryClient();
  return () => Promise.all([
    client.invalidateQueries({ queryKey: supervisionKeys.measures(personId) }),
    client.invalidateQueries({ queryKey: supervisionKeys.tests(personId) }),
    client.invalidateQueries({ queryKey: supervisionKeys.worklists() }),
  ]);
}

export function useOrderMeasure(personId: string) {
  const refresh = useRefresh(personId);
  return useMutation({ mutationFn: (body: CreateMeasure) => api.post<Created>(`${person(personId)}/measures`, body), onSuccess: refresh });
}

export function useReportIn(personId: string) {
  const refresh = useRefresh(personId);
  return useMutation({
    mutationFn: ({ measureId, body }: { measureId: string; body: ReportIn }) => api.post<{ ok: true }>(`/api/measures/${encodeURIComponent(measureId)}/report-in`, body),
    onSuccess: refresh,
  });
}

export function useRecordTest(personId: string) {
  const refresh = useRefresh(personId);
  return useMutation({ mutationFn: (body: CreateDrugTest) => api.post<Created>(`${person(personId)}/tests`, body), onSuccess: refresh });
}
