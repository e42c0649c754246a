import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { CreateTestNotice, Created, ExcuseTestNotice, TestNoticeDto } from '@qingyuan/shared';
import { api } from '../../app/api-client.ts';
import { supervisionKeys } from './supervision-api.ts';

/** Under the tests key: recording a test (which may answer a notice) refreshes the notices too. Reads are audited. */
const noticesKey = (personId: string) => [...supervisionKeys.tests(personId), 'notices'] as const;

export function useTestNotices(personId: string) {
  return useQuery({
    queryKey: noticesKey(personId),
    queryFn: () => api.get<{ items: TestNoticeDto[] }>(`/api/persons/${encodeURIComponent(personId)}/test-notices`),
    staleTime: Infinity,
  });
}

function useRefreshNotices(personId: string) {
  const client = useQueryClient();
  // A missed notice may open a serious-violation task (risk module lists) and reach the alert.
  return () => Promise.all([client.invalidateQueries({ queryKey: noticesKey(personId) }), client.invalidateQueries({ queryKey: ['risk'] })]);
}

export function useRecordTestNotice(personId: string) {
  const refresh = useRefreshNotices(personId);
  return useMutation({
    mutationFn: (body: CreateTestNotice) => api.post<Created>(`/api/persons/${encodeURIComponent(personId)}/test-notices`, body),
    onSuccess: refresh,
  });
}

export function useExcuseTestNotice(personId: string) {
  const refresh = useRefreshNotices(personId);
  return useMutation({
    mutationFn: ({ id, body }: { id: string; body: ExcuseTestNotice }) => api.post<TestNoticeDto>(`/api/test-notices/${encodeURIComponent(id)}/excuse`, body),
    onSuccess: refresh,
  });
}
