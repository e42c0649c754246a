import { useCallback, useMemo } from 'react';
import { useSearchParams } from 'react-router';
import { patchParams, readInt, readString } from '../../app/url-params.ts';

export interface FigureParams {
  year: number;
  quarter?: number | undefined;
  orgUnitId?: string | undefined;
}

/** The figures page's period and org subtree, kept in the URL. */
export function useFigureParams() {
  const [search, setSearch] = useSearchParams();
  const thisYear = new Date().getFullYear();
  const params = useMemo<FigureParams>(() => {
    const quarter = readInt(search, 'quarter', 0, 4);
    return {
      year: readInt(search, 'year', thisYear, 2100),
      quarter: quarter >= 1 ? quarter : undefined,
      orgUnitId: readString(search, 'orgUnitId'),
    };
  }, [search, thisYear]);
  const setParams = useCallback((next: FigureParams) => {
    setSearch((prev) => patchParams(prev, { year: next.year, quarter: next.quarter, orgUnitId: next.orgUnitId }));
  }, [setSearch]);
  return { params, setParams };
}
