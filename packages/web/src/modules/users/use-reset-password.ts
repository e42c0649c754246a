import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { TemporaryPassword } from '@qingyuan/shared';
import { api } from '../../app/api-client.ts';
import { userKeys } from './user-keys.ts';

export function useResetPassword() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => api.post<TemporaryPassword>(`/api/users/${encodeURIComponent(id)}/reset-password`),
    onSuccess: () => client.invalidateQueries({ queryKey: userKeys.all }),
  });
}
