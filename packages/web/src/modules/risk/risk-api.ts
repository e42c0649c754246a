import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type {
  CompleteViolationTask,
  CreateRiskAssessment,
  Created,
  DismissViolationTask,
  RiskInstrumentDto,
  RiskOverview,
  SaveRiskInstrument,
  ViolationTaskDto,
  ViolationTaskStatus,
} from '@qingyuan/shared';
import { api } from '../../app/api-client.ts';

/** Query keys and hooks of risk assessment and serious-violation tasks. Reads are audited: not refetched on their own. */
export const riskKeys = {
  all: ['risk'] as const,
  instrument: () => [...riskKeys.all, 'instrument'] as const,
  overview: (personId: string) => [...riskKeys.all, 'overview', personId] as const,
  tasks: (status: ViolationTaskStatus, page: number, pageSize: number) => [...riskKeys.all, 'tasks', status, page, pageSize] as const,
};

const person = (id: string) => `/api/persons/${encodeURIComponent(id)}`;

export function useRiskInstrument() {
  return useQuery({ queryKey: riskKeys.instrument(), queryFn: () => api.get<RiskInstrumentDto>('/api/risk/instrument'), staleTime: 60_000 });
}

export function useSaveRiskInstrument() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: SaveRiskInstrument) => api.put<RiskInstrumentDto>('/api/risk/instrument', body),
    onSuccess: () => client.invalidateQueries({ queryKey: riskKeys.instrument() }),
  });
}

export function useRiskOverview(personId: string) {
  return useQuery({ queryKey: riskKeys.overview(personId), queryFn: () => api.get<RiskOverview>(`${person(personId)}/risk-assessments`), staleTime: Infinity });
}

export function useAssessRisk(personId: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: CreateRiskAssessment) => api.post<Created>(`${person(personId)}/risk-assessments`, body),
    // The level changes the test schedule shown on the measures tab too.
    onSuccess: () => Promise.all([
      client.invalidateQueries({ queryKey: riskKeys.overview(personId) }),
      client.invalidateQueries({ queryKey: ['supervision'] }),
    ]),
  });
}

export function useViolationTasks(status: ViolationTaskStatus, page: number, pageSize: number) {
  return useQuery({
    queryKey: riskKeys.tasks(status, page, pageSize),
    queryFn: () => api.get<{ items: ViolationTaskDto[]; total: number }>('/api/violation-tasks', { status, page, pageSize }),
    placeholderData: (previous) => previous,
  });
}

export function useCompleteViolationTask() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ id, body }: { id: string; body: CompleteViolationTask }) => api.post<ViolationTaskDto>(`/api/violation-tasks/${encodeURIComponent(id)}/complete`, body),
    onSuccess: () => client.invalidateQueries({ queryKey: [...riskKeys.all, 'tasks'] }),
  });
}

export function useDismissViolationTask() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ id, body }: { id: string; body: DismissViolationTask }) => api.post<ViolationTaskDto>(`/api/violation-tasks/${encodeURIComponent(id)}/dismiss`, body),
    onSuccess: () => client.invalidateQueries({ queryKey: [...riskKeys.all, 'tasks'] }),
  });
}
