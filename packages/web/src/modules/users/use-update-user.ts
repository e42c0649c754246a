import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { UpdateUser, User } from '@qingyuan/shared';
import { api } from '../../app/api-client.ts';
import { userKeys } from './user-keys.ts';

export function useUpdateUser() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ id, body }: { id: string; body: UpdateUser }) =>
      api.patch<User>(`/api/users/${encodeURIComponent(id)}`, body),
    onSuccess: () => client.invalidateQueries({ queryKey: userKeys.all }),
  });
}
