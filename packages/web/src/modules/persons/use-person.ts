import { useQuery } from '@tanstack/react-query';
import type { PersonDetail } from '@qingyuan/shared';
import { api } from '../../app/api-client.ts';
import { personKeys } from './person-keys.ts';

/** One person (masked). Every read is audited on the server, so it is not refetched on its own. */
export function usePerson(id: string) {
  return useQuery({
    queryKey: personKeys.detail(id),
    queryFn: () => api.get<PersonDetail>(`/api/persons/${encodeURIComponent(id)}`),
    staleTime: Infinity,
  });
}
