import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { ChangePasswordRequest } from '@qingyuan/shared';
import { api } from '../../app/api-client.ts';
import { authKeys } from './auth-keys.ts';

export function useChangePassword() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: ChangePasswordRequest) => api.post<{ ok: true }>('/api/auth/password', body),
    onSuccess: () => client.invalidateQueries({ queryKey: authKeys.me() }),
  });
}
