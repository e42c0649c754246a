import type { PersonListParams } from './use-person-list-params.ts';

/** Query keys of the persons module. */
export const personKeys = {
  all: ['persons'] as const,
  lists: () => [...personKeys.all, 'list'] as const,
  list: (params: PersonListParams) => [...personKeys.lists(), params] as const,
  details: () => [...personKeys.all, 'detail'] as const,
  detail: (id: string) => [...personKeys.details(), id] as const,
  substances: () => [...personKeys.all, 'substances'] as const,
};
