import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { TestPolicyBody, TestPolicyUnitDto } from '@qingyuan/shared';
import { api } from '../../app/api-client.ts';
import { supervisionKeys } from './supervision-api.ts';

/** 检测频次设置: query keys and hooks. A change moves next-test dates, so the supervision queries are refreshed too. */
export const testPolicyKeys = { all: ['test-policies'] as const };

export function useTestPolicies() {
  return useQuery({ queryKey: testPolicyKeys.all, queryFn: () => api.get<{ items: TestPolicyUnitDto[] }>('/api/test-policies') });
}

function useRefresh() {
  const client = useQueryClient();
  return async () => {
    await client.invalidateQueries({ queryKey: testPolicyKeys.all });
    await client.invalidateQueries({ queryKey: supervisionKeys.all });
  };
}

export function usePutTestPolicy() {
  const refresh = useRefresh();
  return useMutation({
    mutationFn: ({ orgUnitId, body }: { orgUnitId: string; body: TestPolicyBody }) => api.put(`/api/test-policies/${encodeURIComponent(orgUnitId)}`, body),
    onSuccess: refresh,
  });
}

export function useClearTestPolicy() {
  const refresh = useRefresh();
  return useMutation({
    mutationFn: (orgUnitId: string) => api.delete(`/api/test-policies/${encodeURIComponent(orgUnitId)}`),
    onSuccess: refresh,
  });
}
