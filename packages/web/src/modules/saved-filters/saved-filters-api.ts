import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { CreateSavedFilter, Created, SavedFilterDto, SavedFilterPage, UpdateSavedFilter } from '@qingyuan/shared';
import { api } from '../../app/api-client.ts';

/** Query keys and hooks of 常用筛选. */
export const savedFilterKeys = {
  all: ['savedFilters'] as const,
  page: (page: SavedFilterPage) => [...savedFilterKeys.all, page] as const,
};

export function useSavedFilters(page: SavedFilterPage) {
  return useQuery({
    queryKey: savedFilterKeys.page(page),
    queryFn: () => api.get<{ items: SavedFilterDto[] }>(`/api/saved-filters?page=${page}`),
  });
}

function useRefresh(page: SavedFilterPage) {
  const client = useQueryClient();
  return () => client.invalidateQueries({ queryKey: savedFilterKeys.page(page) });
}

export function useSaveFilter(page: SavedFilterPage) {
  const refresh = useRefresh(page);
  return useMutation({ mutationFn: (body: CreateSavedFilter) => api.post<Created>('/api/saved-filters', body), onSuccess: refresh });
}

export function useUpdateFilter(page: SavedFilterPage) {
  const refresh = useRefresh(page);
  return useMutation({
    mutationFn: ({ id, body }: { id: string; body: UpdateSavedFilter }) => api.patch<{ ok: true }>(`/api/saved-filters/${encodeURIComponent(id)}`, body),
    onSuccess: refresh,
  });
}

export function useDeleteFilter(page: SavedFilterPage) {
  const refresh = useRefresh(page);
  return useMutation({ mutationFn: (id: string) => api.delete<{ ok: true }>(`/api/saved-filters/${encodeURIComponent(id)}`), onSuccess: refresh });
}
