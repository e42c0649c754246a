import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { SecurityPolicy } from '@qingyuan/shared';
import { api } from '../../app/api-client.ts';
import { policyKeys } from './policy-keys.ts';

export function useUpdateSecurityPolicy() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: SecurityPolicy) => api.put<SecurityPolicy>('/api/policies/security', body),
    onSuccess: (saved) => {
      client.setQueryData(policyKeys.security(), saved);
    },
  });
}
