import type { CaseListParams } from './use-case-list-params.ts';
import type { FigureParams } from './use-figure-params.ts';

/** Query keys of the enforcement module. */
export const enforcementKeys = {
  all: ['enforcement'] as const,
  cases: () => [...enforcementKeys.all, 'cases'] as const,
  caseList: (params: CaseListParams) => [...enforcementKeys.cases(), 'list', params] as const,
  case: (id: string) => [...enforcementKeys.cases(), 'detail', id] as const,
  figures: () => [...enforcementKeys.all, 'figures'] as const,
  figureTable: (params: FigureParams) => [...enforcementKeys.figures(), 'table', params] as const,
  figureRecords: (indicator: string, params: FigureParams, compare: string, page: number) => [...enforcementKeys.figures(), 'records', indicator, params, compare, page] as const,
  targets: (orgUnitId: string | undefined, year: number) => [...enforcementKeys.figures(), 'targets', orgUnitId ?? '', year] as const,
  sanctions: (params: object) => [...enforcementKeys.all, 'sanctions', params] as const,
  units: () => [...enforcementKeys.all, 'units'] as const,
  drugs: () => [...enforcementKeys.all, 'drugs'] as const,
};
