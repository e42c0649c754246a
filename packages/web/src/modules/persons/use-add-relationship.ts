import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { CreateRelationship, Created } from '@qingyuan/shared';
import { api } from '../../app/api-client.ts';
import { personKeys } from './person-keys.ts';

export function useAddRelationship(personId: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: CreateRelationship) => api.post<Created>(`/api/persons/${encodeURIComponent(personId)}/relationships`, body),
    onSuccess: (_created, body) =>
      Promise.all([
        client.invalidateQueries({ queryKey: personKeys.detail(personId) }),
        client.invalidateQueries({ queryKey: personKeys.detail(body.relatedPersonId) }),
      ]),
  });
}
