import { useCallback, useMemo } from 'react';
import { useSearchParams } from 'react-router';
import { patchParams, readInt, readString } from '../../app/url-params.ts';

export interface FigureParams {
  year: number;
  quarter?: number | undefined;
  /** 1–12 for a month (月度); never together with a quarter. */
  month?: number | undefined;
  orgUnitId?: string | undefined;
}

/** The figures page's period and org subtree, kept in the URL. */
export function useFigureParams() {
  const [search, setSearch] = useSearchParams();
  const thisYear = new Date().getFullYear();
  const params = useMemo<FigureParams>(() => {
    const quarter = readInt(search, 'quarter', 0, 4);
    const month = readInt(search, 'month', 0, 12);
    return {
      year: readInt(search, 'year', thisYear, 2100),
      // A month wins over a quarter typed into the URL by hand (the API refuses both).
      quarter: quarter >= 1 && month < 1 ? quarter : undefined,
      month: month >= 1 ? month : undefined,
      orgUnitId: readString(search, 'orgUnitId'),
    };
  }, [search, thisYear]);
  const setParams = useCallback((next: FigureParams) => {
    setSearch((prev) => patchParams(prev, { year: next.year, quarter: next.quarter, month: next.month, orgUnitId: next.orgUnitId }));
  }, [setSearch]);
  return { params, setParams };
}
