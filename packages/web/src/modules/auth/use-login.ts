import { useMutation } from '@tanstack/react-query';
import type { LoginRequest, LoginResponse } from '@qingyuan/shared';
import { api } from '../../app/api-client.ts';

export function useLogin() {
  return useMutation({
    mutationFn: (body: LoginRequest) => api.post<LoginResponse>('/api/auth/login', body),
  });
}
