import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type {
  AddTeamMember,
  AssistanceDto,
  CreateAssistance,
  CreateLeave,
  CreateVisit,
  Created,
  LeaveDto,
  RecordReturn,
  TeamMemberDto,
  UploadAttachment,
  VisitDto,
  WorkerAccount,
} from '@qingyuan/shared';
import { api } from '../../app/api-client.ts';
import { supervisionKeys } from './supervision-api.ts';

/** Query keys and hooks of the supervision work tabs (工作小组、走访谈话、请假外出、帮扶救助). Reads are audited: no refetch on their own. */
export const workKeys = {
  team: (personId: string) => [...supervisionKeys.all, 'team', personId] as const,
  workers: () => [...supervisionKeys.all, 'workers'] as const,
  visits: (personId: string) => [...supervisionKeys.all, 'visits', personId] as const,
  leaves: (personId: string) => [...supervisionKeys.all, 'leaves', personId] as const,
  assistance: (personId: string) => [...supervisionKeys.all, 'assistance', personId] as const,
};

const person = (id: string) => `/api/persons/${encodeURIComponent(id)}`;

function useList<T>(key: readonly unknown[], url: string) {
  return useQuery({ queryKey: key, queryFn: () => api.get<T>(url), staleTime: Infinity });
}

function useInvalidate(key: readonly unknown[]) {
  const client = useQueryClient();
  return () => client.invalidateQueries({ queryKey: key });
}

export const useTeam = (personId: string) => useList<{ items: TeamMemberDto[] }>(workKeys.team(personId), `${person(personId)}/work-team`);
export const useWorkerAccounts = (enabled: boolean) =>
  useQuery({ queryKey: workKeys.workers(), queryFn: () => api.get<{ items: WorkerAccount[] }>('/api/work-team/workers'), enabled, staleTime: 60_000 });
export const useVisits = (personId: string) =>
  useList<{ items: VisitDto[]; lastContactDate: string | null }>(workKeys.visits(personId), `${person(personId)}/visits`);
export const useLeaves = (personId: string) => useList<{ items: LeaveDto[] }>(workKeys.leaves(personId), `${person(personId)}/leaves`);
export const useAssistance = (personId: string) => useList<{ items: AssistanceDto[] }>(workKeys.assistance(personId), `${person(personId)}/assistance`);

export function useAddMember(personId: string) {
  const refresh = useInvalidate(workKeys.team(personId));
  return useMutation({ mutationFn: (body: AddTeamMember) => api.post<Created>(`${person(personId)}/work-team`, body), onSuccess: refresh });
}

export function useEndMember(personId: string) {
  const refresh = useInvalidate(workKeys.team(personId));
  return useMutation({
    mutationFn: ({ memberId, endedOn }: { memberId: string; endedOn: string }) =>
      api.post<{ ok: true }>(`/api/work-team-members/${encodeURIComponent(memberId)}/end`, { endedOn }),
    onSuccess: refresh,
  });
}

export function useRecordVisit(personId: string) {
  const refresh = useInvalidate(workKeys.visits(personId));
  return useMutation({ mutationFn: (body: CreateVisit) => api.post<Created>(`${person(personId)}/visits`, body), onSuccess: refresh });
}

export function useRecordLeave(personId: string) {
  const refresh = useInvalidate(workKeys.leaves(personId));
  return useMutation({ mutationFn: (body: CreateLeave) => api.post<Created>(`${person(personId)}/leaves`, body), onSuccess: refresh });
}

export function useRecordReturn(personId: string) {
  const refresh = useInvalidate(workKeys.leaves(personId));
  return useMutation({
    mutationFn: ({ leaveId, body }: { leaveId: string; body: RecordReturn }) => api.post<{ ok: true }>(`/api/leaves/${encodeURIComponent(leaveId)}/return`, body),
    onSuccess: refresh,
  });
}

export function useRecordAssistance(personId: string) {
  const refresh = useInvalidate(workKeys.assistance(personId));
  return useMutation({ mutationFn: (body: CreateAssistance) => api.post<Created>(`${person(personId)}/assistance`, body), onSuccess: refresh });
}

export function useUploadAssistanceFile(personId: string) {
  const refresh = useInvalidate(workKeys.assistance(personId));
  return useMutation({
    mutationFn: ({ assistanceId, body }: { assistanceId: string; body: UploadAttachment }) =>
      api.post<Created>(`/api/assistance/${encodeURIComponent(assistanceId)}/attachments`, body),
    onSuccess: refresh,
  });
}

/** A browser File as base64 (the upload format of docs/api.md). */
export async function fileToBase64(file: Blob): Promise<string> {
  const bytes = new Uint8Array(await file.arrayBuffer());
  let binary = '';
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(binary);
}

export const attachmentUrl = (id: string): string => `/api/attachments/${encodeURIComponent(id)}`;
