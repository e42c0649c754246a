import { keepPreviousData, useQuery } from '@tanstack/react-query';
import type { FigureComparison, SupervisionFigurePersons, SupervisionFigures, SupervisionIndicator } from '@qingyuan/shared';
import { api } from '../../app/api-client.ts';

export interface SupervisionFigureParams {
  year: number;
  quarter?: number | undefined;
  orgUnitId?: string | undefined;
}

export const supervisionFigureKeys = {
  all: ['supervision-figures'] as const,
  figures: (p: SupervisionFigureParams) => [...supervisionFigureKeys.all, 'figures', p] as const,
  persons: (indicator: string, p: SupervisionFigureParams, compare: FigureComparison, page: number) =>
    [...supervisionFigureKeys.all, 'persons', indicator, p, compare, page] as const,
};

export function useSupervisionFigures(params: SupervisionFigureParams) {
  return useQuery({
    queryKey: supervisionFigureKeys.figures(params),
    queryFn: () => api.get<SupervisionFigures>('/api/supervision/figures', { ...params }),
    placeholderData: keepPreviousData,
  });
}

/** The persons behind one figure (an audited read). */
export function useSupervisionFigurePersons(indicator: SupervisionIndicator | null, params: SupervisionFigureParams, compare: FigureComparison, page: number) {
  return useQuery({
    queryKey: supervisionFigureKeys.persons(indicator ?? '', params, compare, page),
    queryFn: () => api.get<SupervisionFigurePersons>(`/api/supervision/figures/${indicator ?? ''}/persons`, { ...params, compare, page, pageSize: 10 }),
    enabled: indicator !== null,
    staleTime: Infinity,
  });
}
