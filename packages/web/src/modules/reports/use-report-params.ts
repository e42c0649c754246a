import { useCallback, useMemo } from 'react';
import { useSearchParams } from 'react-router';
import { REPORT_KINDS, type ReportKind } from '@qingyuan/shared';
import { patchParams, readEnum, readInt, readString } from '../../app/url-params.ts';

export interface ReportParams {
  kind: ReportKind;
  year: number;
  quarter?: number | undefined;
  /** 1–12 for a monthly report (月度); never together with a quarter. */
  month?: number | undefined;
  orgUnitId?: string | undefined;
}

/** The report page's kind, period and unit, kept in the URL (a report can be shared as a link). */
export function useReportParams() {
  const [search, setSearch] = useSearchParams();
  const thisYear = new Date().getFullYear();
  const params = useMemo<ReportParams>(() => {
    const quarter = readInt(search, 'quarter', 0, 4);
    const month = readInt(search, 'month', 0, 12);
    return {
      kind: readEnum(search, 'kind', REPORT_KINDS) ?? 'bulletin',
      year: readInt(search, 'year', thisYear, 2100),
      quarter: quarter >= 1 && month < 1 ? quarter : undefined,
      month: month >= 1 ? month : undefined,
      orgUnitId: readString(search, 'orgUnitId'),
    };
  }, [search, thisYear]);
  const setParams = useCallback((next: ReportParams) => {
    setSearch((prev) => patchParams(prev, { kind: next.kind, year: next.year, quarter: next.quarter, month: next.month, orgUnitId: next.orgUnitId }));
  }, [setSearch]);
  return { params, setParams };
}
