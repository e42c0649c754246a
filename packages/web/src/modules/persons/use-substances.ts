import { useQuery } from '@tanstack/react-query';
import type { Substance } from '@qingyuan/shared';
import { api } from '../../app/api-client.ts';
import { personKeys } from './person-keys.ts';

export function useSubstances() {
  return useQuery({
    queryKey: personKeys.substances(),
    queryFn: () => api.get<{ items: Substance[] }>('/api/substances'),
    staleTime: Infinity,
  });
}
