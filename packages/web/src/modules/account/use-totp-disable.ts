import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '../../app/api-client.ts';
import { authKeys } from '../auth/index.ts';

export function useTotpDisable() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (password: string) => api.post<{ ok: true }>('/api/auth/mfa/totp/disable', { password }),
    onSuccess: () => client.invalidateQueries({ queryKey: authKeys.me() }),
  });
}
