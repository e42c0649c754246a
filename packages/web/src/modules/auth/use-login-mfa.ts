import { useMutation } from '@tanstack/react-query';
import type { LoginResponse, MfaLoginRequest } from '@qingyuan/shared';
import { api } from '../../app/api-client.ts';

export function useLoginMfa() {
  return useMutation({
    mutationFn: (body: MfaLoginRequest) => api.post<LoginResponse>('/api/auth/login/mfa', body),
  });
}
