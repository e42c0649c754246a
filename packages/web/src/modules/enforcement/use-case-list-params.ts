import { useCallback, useMemo } from 'react';
import { useSearchParams } from 'react-router';
import { CASE_LEVELS, CASE_STATUSES, CASE_TYPES, MAX_PAGE_SIZE } from '@qingyuan/shared';
import type { CaseLevel, CaseStatus, CaseType } from '@qingyuan/shared';
import { patchParams, readEnum, readInt, readString } from '../../app/url-params.ts';

export interface CaseListParams {
  q?: string | undefined;
  type?: CaseType | undefined;
  level?: CaseLevel | undefined;
  status?: CaseStatus | undefined;
  orgUnitId?: string | undefined;
  year?: number | undefined;
  page: number;
  pageSize: number;
}

export type CaseListFilters = Omit<CaseListParams, 'page' | 'pageSize'>;

/** The case register's filters and page, read from and written to the URL (shareable working lists). */
export function useCaseListParams() {
  const [search, setSearch] = useSearchParams();
  const params = useMemo<CaseListParams>(() => {
    const year = readInt(search, 'year', 0, 2100);
    return {
      q: readString(search, 'q'),
      type: readEnum(search, 'type', CASE_TYPES),
      level: readEnum(search, 'level', CASE_LEVELS),
      status: readEnum(search, 'status', CASE_STATUSES),
      orgUnitId: readString(search, 'orgUnitId'),
      year: year >= 2000 ? year : undefined,
      page: readInt(search, 'page', 1),
      pageSize: readInt(search, 'pageSize', 20, MAX_PAGE_SIZE),
    };
  }, [search]);

  const setFilters = useCallback((f: CaseListFilters) => {
    setSearch((prev) => patchParams(prev, { q: f.q, type: f.type, level: f.level, status: f.status, orgUnitId: f.orgUnitId, year: f.year, page: null }));
  }, [setSearch]);

  const setPage = useCallback((page: number, pageSize: number) => {
    setSearch((prev) => patchParams(prev, { page: page === 1 ? null : page, pageSize: pageSize === 20 ? null : pageSize }));
  }, [setSearch]);

  return { params, setFilters, setPage };
}
