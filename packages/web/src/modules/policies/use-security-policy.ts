import { useQuery } from '@tanstack/react-query';
import type { SecurityPolicy } from '@qingyuan/shared';
import { api } from '../../app/api-client.ts';
import { policyKeys } from './policy-keys.ts';

export function useSecurityPolicy() {
  return useQuery({
    queryKey: policyKeys.security(),
    queryFn: () => api.get<SecurityPolicy>('/api/policies/security'),
  });
}
