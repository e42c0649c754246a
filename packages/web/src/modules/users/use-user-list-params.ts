import { useCallback, useMemo } from 'react';
import { useSearchParams } from 'react-router';
import { MAX_PAGE_SIZE, ROLES } from '@qingyuan/shared';
import type { Role } from '@qingyuan/shared';
import { patchParams, readEnum, readInt, readString } from '../../app/url-params.ts';

export interface UserListParams {
  q?: string | undefined;
  role?: Role | undefined;
  active?: 'true' | 'false' | undefined;
  orgUnitId?: string | undefined;
  page: number;
  pageSize: number;
}

export type UserListFilters = Omit<UserListParams, 'page' | 'pageSize'>;

/** The users list's filters and page, read from and written to the URL query string. */
export function useUserListParams() {
  const [search, setSearch] = useSearchParams();
  const params = useMemo<UserListParams>(
    () => ({
      q: readString(search, 'q'),
      role: readEnum(search, 'role', ROLES),
      active: readEnum(search, 'active', ['true', 'false'] as const),
      orgUnitId: readString(search, 'orgUnitId'),
      page: readInt(search, 'page', 1),
      pageSize: readInt(search, 'pageSize', 20, MAX_PAGE_SIZE),
    }),
    [search],
  );

  const setFilters = useCallback(
    (filters: UserListFilters) => {
      setSearch((prev) =>
        patchParams(prev, { q: filters.q, role: filters.role, active: filters.active, orgUnitId: filters.orgUnitId, page: null }),
      );
    },
    [setSearch],
  );

  const setPage = useCallback(
    (page: number, pageSize: number) => {
      setSearch((prev) => patchParams(prev, { page: page === 1 ? null : page, pageSize: pageSize === 20 ? null : pageSize }));
    },
    [setSearch],
  );

  return { params, setFilters, setPage };
}
