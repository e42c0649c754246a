import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { CreateOrgUnit, OrgUnit } from '@qingyuan/shared';
import { api } from '../../app/api-client.ts';
import { orgKeys } from './org-keys.ts';

export function useCreateOrg() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: CreateOrgUnit) => api.post<OrgUnit>('/api/orgs', body),
    onSuccess: () => client.invalidateQueries({ queryKey: orgKeys.all }),
  });
}
