import { useQuery } from '@tanstack/react-query';
import type { Me } from '@qingyuan/shared';
import { api } from '../../app/api-client.ts';
import { authKeys } from './auth-keys.ts';

export function fetchMe(): Promise<Me> {
  return api.get<Me>('/api/auth/me');
}

export function useMe() {
  return useQuery({ queryKey: authKeys.me(), queryFn: fetchMe, staleTime: 60_000 });
}
