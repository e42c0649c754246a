import { useQuery } from '@tanstack/react-query';
import type { PersonTestPolicyDto } from '@qingyuan/shared';
import { api } from '../../app/api-client.ts';
import { supervisionKeys } from './supervision-api.ts';

/** The test policy in force for one person (检测 tab). Under the supervision keys: a policy change refreshes it. */
export const personTestPolicyKey = (personId: string) => [...supervisionKeys.all, 'test-policy', personId] as const;

export function usePersonTestPolicy(personId: string) {
  return useQuery({
    queryKey: personTestPolicyKey(personId),
    queryFn: () => api.get<PersonTestPolicyDto>(`/api/persons/${encodeURIComponent(personId)}/test-policy`),
    staleTime: Infinity,
  });
}
