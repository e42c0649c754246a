import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { CreateDetection, Created } from '@qingyuan/shared';
import { api } from '../../app/api-client.ts';
import { personKeys } from './person-keys.ts';

export function useAddDetection(personId: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: CreateDetection) => api.post<Created>(`/api/persons/${encodeURIComponent(personId)}/detections`, body),
    onSuccess: () => client.invalidateQueries({ queryKey: personKeys.detail(personId) }),
  });
}
