import { useCallback, useMemo } from 'react';
import { useSearchParams } from 'react-router';
import { PERIOD_KINDS, type PeriodKind } from '@qingyuan/shared';
import { patchParams, readEnum, readInt, readString } from '../../app/url-params.ts';

export interface PeriodParams {
  period: PeriodKind;
  year: number;
  index?: number | undefined;
  orgUnitId?: string | undefined;
}

/** A dashboard's period and unit, kept in the URL so that a view can be shared as a link. */
export function usePeriodParams() {
  const [search, setSearch] = useSearchParams();
  const thisYear = new Date().getFullYear();
  const params = useMemo<PeriodParams>(() => {
    const period = readEnum(search, 'period', PERIOD_KINDS.filter((k) => k !== 'custom')) ?? 'year';
    const index = readInt(search, 'index', 0, 12);
    return { period, year: readInt(search, 'year', thisYear, 2100), index: period === 'year' || index === 0 ? undefined : index, orgUnitId: readString(search, 'orgUnitId') };
  }, [search, thisYear]);
  const setParams = useCallback((next: PeriodParams) => {
    setSearch((prev) => patchParams(prev, { period: next.period, year: next.year, index: next.index, orgUnitId: next.orgUnitId }));
  }, [setSearch]);
  return { params, setParams };
}
