import { keepPreviousData, useQuery } from '@tanstack/react-query';
import type { PersonListItem } from '@qingyuan/shared';
import { api } from '../../app/api-client.ts';
import { personKeys } from './person-keys.ts';
import type { PersonListParams } from './use-person-list-params.ts';

export interface PersonList {
  items: PersonListItem[];
  total: number;
}

export function usePersons(params: PersonListParams, enabled = true) {
  return useQuery({
    queryKey: personKeys.list(params),
    queryFn: () => api.get<PersonList>('/api/persons', { ...params }),
    placeholderData: keepPreviousData,
    enabled,
  });
}
