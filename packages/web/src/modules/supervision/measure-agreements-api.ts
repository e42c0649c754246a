import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { AttachmentDto, Created, UploadAttachment } from '@qingyuan/shared';
import { api } from '../../app/api-client.ts';
import { supervisionKeys } from './supervision-api.ts';

/** 协议书: the agreement files of a measure (listing and each download are audited: read when the row is opened). */
export const agreementKeys = (measureId: string) => [...supervisionKeys.all, 'agreements', measureId] as const;

const measure = (id: string) => `/api/measures/${encodeURIComponent(id)}/attachments`;

export function useMeasureAgreements(measureId: string) {
  return useQuery({ queryKey: agreementKeys(measureId), queryFn: () => api.get<{ items: AttachmentDto[] }>(measure(measureId)), staleTime: Infinity });
}

export function useUploadAgreement(measureId: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: UploadAttachment) => api.post<Created>(measure(measureId), body),
    onSuccess: () => client.invalidateQueries({ queryKey: agreementKeys(measureId) }),
  });
}
