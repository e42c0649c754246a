import { useMutation, useQueryClient } from '@tanstack/react-query';
import type {
  CaseDetail,
  CreateAsset,
  CreateCase,
  CreatePrecursorSeizure,
  CreateSeizure,
  CreateSuspect,
  Created,
  SuspectDto,
  SuspectRevealResult,
  UpdateCase,
  UpdateSuspect,
} from '@qingyuan/shared';
import { api } from '../../app/api-client.ts';
import { enforcementKeys } from './enforcement-keys.ts';

const casePath = (id: string) => `/api/cases/${encodeURIComponent(id)}`;

/** After any write a figure may have changed: the case, the register and the figures are refetched. */
function useInvalidate(caseId?: string) {
  const client = useQueryClient();
  return () =>
    Promise.all([
      caseId ? client.invalidateQueries({ queryKey: enforcementKeys.case(caseId) }) : Promise.resolve(),
      client.invalidateQueries({ queryKey: enforcementKeys.cases() }),
      client.invalidateQueries({ queryKey: enforcementKeys.figures() }),
    ]);
}

export function useCreateCase() {
  const invalidate = useInvalidate();
  return useMutation({ mutationFn: (body: CreateCase) => api.post<Created>('/api/cases', body), onSuccess: invalidate });
}

export function useUpdateCase(id: string) {
  const invalidate = useInvalidate(id);
  return useMutation({
    mutationFn: ({ version, body }: { version: number; body: UpdateCase }) => api.patch<CaseDetail>(casePath(id), body, { 'if-match': `"${String(version)}"` }),
    onSuccess: invalidate,
  });
}

export function useAddSuspect(caseId: string) {
  const invalidate = useInvalidate(caseId);
  return useMutation({ mutationFn: (body: CreateSuspect) => api.post<Created>(`${casePath(caseId)}/suspects`, body), onSuccess: invalidate });
}

export function useUpdateSuspect(caseId: string) {
  const invalidate = useInvalidate(caseId);
  return useMutation({
    mutationFn: ({ suspectId, version, body }: { suspectId: string; version: number; body: UpdateSuspect }) =>
      api.patch<SuspectDto>(`${casePath(caseId)}/suspects/${encodeURIComponent(suspectId)}`, body, { 'if-match': `"${String(version)}"` }),
    onSuccess: invalidate,
  });
}

export function useRevealSuspect(caseId: string) {
  return useMutation({
    mutationFn: ({ suspectId, reason }: { suspectId: string; reason: string }) =>
      api.post<SuspectRevealResult>(`${casePath(caseId)}/suspects/${encodeURIComponent(suspectId)}/reveal`, { reason }),
  });
}

export function useAddSeizure(caseId: string) {
  const invalidate = useInvalidate(caseId);
  return useMutation({ mutationFn: (body: CreateSeizure) => api.post<Created>(`${casePath(caseId)}/seizures`, body), onSuccess: invalidate });
}

export function useAddPrecursorSeizure(caseId: string) {
  const invalidate = useInvalidate(caseId);
  return useMutation({ mutationFn: (body: CreatePrecursorSeizure) => api.post<Created>(`${casePath(caseId)}/precursor-seizures`, body), onSuccess: invalidate });
}

export function useAddAsset(caseId: string) {
  const invalidate = useInvalidate(caseId);
  return useMutation({ mutationFn: (body: CreateAsset) => api.post<Created>(`${casePath(caseId)}/assets`, body), onSuccess: invalidate });
}
