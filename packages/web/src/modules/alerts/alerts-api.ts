import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect } from 'react';
import type {
  AlertCounts,
  AlertDto,
  AlertQuery,
  AssignAlert,
  CreatePartner,
  PartnerDto,
  PutRuleSetting,
  PutSla,
  ResolveAlert,
  RuleSettingDto,
  SlaDto,
} from '@qingyuan/shared';
import { api } from '../../app/api-client.ts';

export type AlertFilters = Partial<Omit<AlertQuery, 'page' | 'pageSize'>> & { page: number; pageSize: number };

/** Query keys and hooks of alerts (预警), their settings and partner feeds. */
export const alertKeys = {
  all: ['alerts'] as const,
  list: (filters: AlertFilters) => [...alertKeys.all, 'list', filters] as const,
  detail: (id: string) => [...alertKeys.all, 'detail', id] as const,
  counts: () => [...alertKeys.all, 'counts'] as const,
  assignees: () => [...alertKeys.all, 'assignees'] as const,
  rules: (orgUnitId: string | undefined) => ['alert-rules', orgUnitId ?? 'own'] as const,
  sla: () => ['alert-sla'] as const,
  partners: () => ['feed-partners'] as const,
};

export function useAlerts(filters: AlertFilters, enabled = true) {
  return useQuery({
    queryKey: alertKeys.list(filters),
    queryFn: () => api.get<{ items: AlertDto[]; total: number }>('/api/alerts', { ...filters }),
    placeholderData: (previous) => previous,
    enabled,
  });
}

export function useAlert(id: string | null) {
  return useQuery({
    queryKey: alertKeys.detail(id ?? ''),
    queryFn: () => api.get<AlertDto>(`/api/alerts/${encodeURIComponent(id ?? '')}`),
    enabled: id !== null,
  });
}

export function useAlertCounts(enabled: boolean) {
  return useQuery({ queryKey: alertKeys.counts(), queryFn: () => api.get<AlertCounts>('/api/alerts/counts'), enabled, staleTime: 60_000 });
}

/**
 * Live counts by server-sent events: each event replaces the cached counts and marks the lists stale. EventSource
 * reconnects by itself (the server ends a stream when the session would expire).
 */
export function useAlertStream(enabled: boolean) {
  const client = useQueryClient();
  useEffect(() => {
    if (!enabled || typeof EventSource === 'undefined') return undefined;
    const source = new EventSource('/api/alerts/stream', { withCredentials: true });
    const onCounts = (event: MessageEvent<string>) => {
      client.setQueryData(alertKeys.counts(), JSON.parse(event.data) as AlertCounts);
      void client.invalidateQueries({ queryKey: [...alertKeys.all, 'list'] });
    };
    source.addEventListener('counts', onCounts);
    return () => {
      source.removeEventListener('counts', onCounts);
      source.close();
    };
  }, [enabled, client]);
}

export function useAssignees(enabled: boolean) {
  return useQuery({
    queryKey: alertKeys.assignees(),
    queryFn: () => api.get<{ items: { id: string; name: string; orgUnitName: string }[] }>('/api/alert-assignees'),
    enabled,
    staleTime: 60_000,
  });
}

function useAlertMutation<V, R>(call: (variables: V) => Promise<R>) {
  const client = useQueryClient();
  return useMutation({ mutationFn: call, onSuccess: () => client.invalidateQueries({ queryKey: alertKeys.all }) });
}

export const useAcknowledge = () => useAlertMutation((id: string) => api.post<unknown>(`/api/alerts/${encodeURIComponent(id)}/acknowledge`, {}));
export const useBulkAcknowledge = () =>
  useAlertMutation((ids: string[]) => api.post<{ acknowledged: string[]; skipped: string[] }>('/api/alerts/acknowledge', { ids }));
export const useAssign = () =>
  useAlertMutation(({ id, body }: { id: string; body: AssignAlert }) => api.post(`/api/alerts/${encodeURIComponent(id)}/assign`, body));
export const useResolve = () =>
  useAlertMutation(({ id, body }: { id: string; body: ResolveAlert }) => api.post(`/api/alerts/${encodeURIComponent(id)}/resolve`, body));

export function useRuleSettings(orgUnitId: string | undefined) {
  return useQuery({
    queryKey: alertKeys.rules(orgUnitId),
    queryFn: () => api.get<{ items: RuleSettingDto[] }>('/api/alert-rules', { orgUnitId }),
  });
}

export function usePutRuleSetting() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ rule, body }: { rule: string; body: PutRuleSetting }) => api.put(`/api/alert-rules/${encodeURIComponent(rule)}`, body),
    onSuccess: () => client.invalidateQueries({ queryKey: ['alert-rules'] }),
  });
}

export function useSla() {
  return useQuery({ queryKey: alertKeys.sla(), queryFn: () => api.get<{ items: SlaDto[] }>('/api/alert-sla') });
}

export function usePutSla() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: PutSla) => api.put<{ items: SlaDto[] }>('/api/alert-sla', body),
    onSuccess: () => client.invalidateQueries({ queryKey: alertKeys.sla() }),
  });
}

export function usePartners() {
  return useQuery({ queryKey: alertKeys.partners(), queryFn: () => api.get<{ items: PartnerDto[] }>('/api/feeds/partners') });
}

type Secret = { id: string; keyId: string; secret: string };
function usePartnerMutation<V, R>(call: (variables: V) => Promise<R>) {
  const client = useQueryClient();
  return useMutation({ mutationFn: call, onSuccess: () => client.invalidateQueries({ queryKey: alertKeys.partners() }) });
}
export const useCreatePartner = () => usePartnerMutation((body: CreatePartner) => api.post<Secret>('/api/feeds/partners', body));
export const useRotatePartner = () => usePartnerMutation((id: string) => api.post<Secret>(`/api/feeds/partners/${encodeURIComponent(id)}/rotate`));
export const useRevokePartner = () => usePartnerMutation((id: string) => api.post(`/api/feeds/partners/${encodeURIComponent(id)}/revoke`));
