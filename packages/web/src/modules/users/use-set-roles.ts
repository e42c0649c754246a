import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { SetRoles, User } from '@qingyuan/shared';
import { api } from '../../app/api-client.ts';
import { userKeys } from './user-keys.ts';

export function useSetRoles() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ id, body }: { id: string; body: SetRoles }) =>
      api.put<User>(`/api/users/${encodeURIComponent(id)}/roles`, body),
    onSuccess: () => client.invalidateQueries({ queryKey: userKeys.all }),
  });
}
