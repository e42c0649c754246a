import { keepPreviousData, useQuery } from '@tanstack/react-query';
import type { User } from '@qingyuan/shared';
import { api } from '../../app/api-client.ts';
import type { UserListParams } from './use-user-list-params.ts';
import { userKeys } from './user-keys.ts';

export interface UserList {
  items: User[];
  total: number;
}

export function useUsers(params: UserListParams) {
  return useQuery({
    queryKey: userKeys.list(params),
    queryFn: () => api.get<UserList>('/api/users', { ...params }),
    placeholderData: keepPreviousData,
  });
}
