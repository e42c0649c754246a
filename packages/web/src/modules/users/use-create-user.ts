import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { CreateUser, TemporaryPassword } from '@qingyuan/shared';
import { api } from '../../app/api-client.ts';
import { userKeys } from './user-keys.ts';

export function useCreateUser() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: CreateUser) => api.post<TemporaryPassword>('/api/users', body),
    onSuccess: () => client.invalidateQueries({ queryKey: userKeys.all }),
  });
}
