import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { OrgUnit } from '@qingyuan/shared';
import { api } from '../../app/api-client.ts';
import { orgKeys } from './org-keys.ts';

export function useReactivateOrg() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => api.post<OrgUnit>(`/api/orgs/${encodeURIComponent(id)}/reactivate`),
    onSuccess: () => client.invalidateQueries({ queryKey: orgKeys.all }),
  });
}
