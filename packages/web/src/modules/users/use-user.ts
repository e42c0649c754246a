import { useQuery } from '@tanstack/react-query';
import type { User } from '@qingyuan/shared';
import { api } from '../../app/api-client.ts';
import { userKeys } from './user-keys.ts';

export function useUser(id: string | undefined) {
  return useQuery({
    queryKey: userKeys.detail(id ?? ''),
    queryFn: () => api.get<User>(`/api/users/${encodeURIComponent(id ?? '')}`),
    enabled: id !== undefined,
  });
}
