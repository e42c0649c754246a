import { useMutation } from '@tanstack/react-query';
import type { TotpEnrollment } from '@qingyuan/shared';
import { api } from '../../app/api-client.ts';

export function useTotpStart() {
  return useMutation({ mutationFn: () => api.post<TotpEnrollment>('/api/auth/mfa/totp/start') });
}
