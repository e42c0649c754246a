import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { User } from '@qingyuan/shared';
import { api } from '../../app/api-client.ts';
import { userKeys } from './user-keys.ts';

export function useUnlockUser() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => api.post<User>(`/api/users/${encodeURIComponent(id)}/unlock`),
    onSuccess: () => client.invalidateQueries({ queryKey: userKeys.all }),
  });
}
