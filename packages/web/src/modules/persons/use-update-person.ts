import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { PersonDetail, UpdatePerson } from '@qingyuan/shared';
import { api } from '../../app/api-client.ts';
import { personKeys } from './person-keys.ts';

/** An edit based on the version the page shows; the server answers 412 when someone else changed the person since. */
export function useUpdatePerson() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ id, version, body }: { id: string; version: number; body: UpdatePerson }) =>
      api.patch<PersonDetail>(`/api/persons/${encodeURIComponent(id)}`, body, { 'if-match': `"${String(version)}"` }),
    onSuccess: (person) => {
      client.setQueryData(personKeys.detail(person.id), person);
      return client.invalidateQueries({ queryKey: personKeys.lists() });
    },
  });
}
