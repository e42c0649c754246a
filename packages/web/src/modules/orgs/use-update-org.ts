import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { OrgUnit, UpdateOrgUnit } from '@qingyuan/shared';
import { api } from '../../app/api-client.ts';
import { orgKeys } from './org-keys.ts';

export function useUpdateOrg() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ id, body }: { id: string; body: UpdateOrgUnit }) =>
      api.patch<OrgUnit>(`/api/orgs/${encodeURIComponent(id)}`, body),
    onSuccess: () => client.invalidateQueries({ queryKey: orgKeys.all }),
  });
}
