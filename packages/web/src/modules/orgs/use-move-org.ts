import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { MoveOrgUnit, OrgUnit } from '@qingyuan/shared';
import { api } from '../../app/api-client.ts';
import { orgKeys } from './org-keys.ts';

export function useMoveOrg() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ id, ...body }: MoveOrgUnit & { id: string }) =>
      api.post<OrgUnit>(`/api/orgs/${encodeURIComponent(id)}/move`, body),
    onSuccess: () => client.invalidateQueries({ queryKey: orgKeys.all }),
  });
}
