import { useQuery } from '@tanstack/react-query';
import type { OrgUnit, Substance } from '@qingyuan/shared';
import { api } from '../../app/api-client.ts';
import { enforcementKeys } from './enforcement-keys.ts';

/** The units of the caller's enforcement area (a police unit: the area it is attached to). */
export function useEnforcementUnits() {
  return useQuery({
    queryKey: enforcementKeys.units(),
    queryFn: () => api.get<{ items: OrgUnit[] }>('/api/enforcement/units'),
    staleTime: 60_000,
  });
}

/** The shared substance catalogue (毒品种类). */
export function useDrugCatalogue() {
  return useQuery({
    queryKey: enforcementKeys.drugs(),
    queryFn: () => api.get<{ items: Substance[] }>('/api/substances'),
    staleTime: Infinity,
  });
}
