import { useQuery } from '@tanstack/react-query';
import type { OrgUnit } from '@qingyuan/shared';
import { api } from '../../app/api-client.ts';
import { orgKeys } from './org-keys.ts';

export function useOrg(id: string | undefined) {
  return useQuery({
    queryKey: orgKeys.detail(id ?? ''),
    queryFn: () => api.get<OrgUnit>(`/api/orgs/${encodeURIComponent(id ?? '')}`),
    enabled: id !== undefined,
  });
}
