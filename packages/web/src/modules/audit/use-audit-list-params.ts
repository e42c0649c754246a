import { useCallback, useMemo } from 'react';
import { useSearchParams } from 'react-router';
import { MAX_PAGE_SIZE } from '@qingyuan/shared';
import { patchParams, readInt, readString } from '../../app/url-params.ts';

export interface AuditFilters {
  actor?: string | undefined;
  action?: string | undefined;
  entityType?: string | undefined;
  entityId?: string | undefined;
  /** ISO datetimes with offset. */
  from?: string | undefined;
  to?: string | undefined;
}

export interface AuditListParams extends AuditFilters {
  page: number;
  pageSize: number;
}

const FILTER_KEYS = ['actor', 'action', 'entityType', 'entityId', 'from', 'to'] as const;

/** The auditor's search, kept in the URL so a result list can be shared and revisited. */
export function useAuditListParams() {
  const [search, setSearch] = useSearchParams();
  const params = useMemo<AuditListParams>(() => {
    const filters: AuditFilters = {};
    for (const key of FILTER_KEYS) filters[key] = readString(search, key);
    return { ...filters, page: readInt(search, 'page', 1), pageSize: readInt(search, 'pageSize', 20, MAX_PAGE_SIZE) };
  }, [search]);

  const setFilters = useCallback(
    (filters: AuditFilters) => {
      setSearch((prev) => patchParams(prev, { ...Object.fromEntries(FILTER_KEYS.map((k) => [k, filters[k]])), page: null }));
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
