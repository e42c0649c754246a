import { keepPreviousData, useQuery } from '@tanstack/react-query';
import type { OrgUnit } from '@qingyuan/shared';
import { api } from '../../app/api-client.ts';
import { orgKeys } from './org-keys.ts';

export interface OrgList {
  items: OrgUnit[];
  total: number;
}

/** The caller's scope subtree as a flat list ordered by path. */
export function useOrgs(includeInactive = false) {
  return useQuery({
    queryKey: orgKeys.list(includeInactive),
    queryFn: () => api.get<OrgList>('/api/orgs', { includeInactive: includeInactive ? 'true' : 'false' }),
    placeholderData: keepPreviousData,
  });
}
