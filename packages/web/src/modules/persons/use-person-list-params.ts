import { useCallback, useMemo, useState } from 'react';
import { useSearchParams } from 'react-router';
import { MAX_PAGE_SIZE, PERSON_STATUSES, normalizeIdNumber } from '@qingyuan/shared';
import type { PersonStatus } from '@qingyuan/shared';
import { patchParams, readEnum, readInt, readString } from '../../app/url-params.ts';

export interface PersonListParams {
  q?: string | undefined;
  orgUnitId?: string | undefined;
  status?: PersonStatus | undefined;
  page: number;
  pageSize: number;
}

export type PersonListFilters = Omit<PersonListParams, 'page' | 'pageSize'>;

const looksLikeIdNumber = (q: string): boolean => /^\d{17}[\dX]$/.test(normalizeIdNumber(q));

/**
 * The person list's filters and page, kept in the URL (shareable working lists) — except a searched ID number, which
 * stays in memory so that it never lands in the browser history or a shared link.
 */
export function usePersonListParams() {
  const [search, setSearch] = useSearchParams();
  const [idNumberQuery, setIdNumberQuery] = useState<string | undefined>(undefined);
  const params = useMemo<PersonListParams>(
    () => ({
      q: idNumberQuery ?? readString(search, 'q'),
      orgUnitId: readString(search, 'orgUnitId'),
      status: readEnum(search, 'status', PERSON_STATUSES),
      page: readInt(search, 'page', 1),
      pageSize: readInt(search, 'pageSize', 20, MAX_PAGE_SIZE),
    }),
    [search, idNumberQuery],
  );

  const setFilters = useCallback(
    (filters: PersonListFilters) => {
      const q = filters.q?.trim();
      const byIdNumber = q !== undefined && looksLikeIdNumber(q);
      setIdNumberQuery(byIdNumber ? q : undefined);
      setSearch((prev) => patchParams(prev, { q: byIdNumber ? null : q, orgUnitId: filters.orgUnitId, status: filters.status, page: null }));
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
