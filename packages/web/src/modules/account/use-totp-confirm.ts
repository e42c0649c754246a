import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { RecoveryCodes } from '@qingyuan/shared';
import { api } from '../../app/api-client.ts';
import { authKeys } from '../auth/index.ts';

export function useTotpConfirm() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (code: string) => api.post<RecoveryCodes>('/api/auth/mfa/totp/confirm', { code }),
    // Not awaited: the recovery codes must reach the screen before the refreshed profile re-renders it.
    onSuccess: () => {
      void client.invalidateQueries({ queryKey: authKeys.me() });
    },
  });
}
