import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { AbstinenceCandidate, AbstinenceReviewDto, AbstinenceReviewStatus, ArchivedPerson, Created, DecideAbstinence, RestoreArchivedPerson } from '@qingyuan/shared';
import { api } from '../../app/api-client.ts';

export const abstinenceKeys = {
  all: ['abstinence'] as const,
  candidates: (page: number) => [...abstinenceKeys.all, 'candidates', page] as const,
  reviews: (status: AbstinenceReviewStatus, page: number) => [...abstinenceKeys.all, 'reviews', status, page] as const,
  archive: (q: string, page: number) => [...abstinenceKeys.all, 'archive', q, page] as const,
};

type Page<T> = { items: T[]; total: number };

export function useAbstinenceCandidates(page: number) {
  return useQuery({ queryKey: abstinenceKeys.candidates(page), queryFn: () => api.get<Page<AbstinenceCandidate>>('/api/abstinence/candidates', { page, pageSize: 20 }), staleTime: Infinity });
}

export function useAbstinenceReviews(status: AbstinenceReviewStatus, page: number) {
  return useQuery({ queryKey: abstinenceKeys.reviews(status, page), queryFn: () => api.get<Page<AbstinenceReviewDto>>('/api/abstinence/reviews', { status, page, pageSize: 20 }), staleTime: Infinity });
}

export function useArchive(q: string, page: number, enabled: boolean) {
  return useQuery({ queryKey: abstinenceKeys.archive(q, page), queryFn: () => api.get<Page<ArchivedPerson>>('/api/archive/persons', { q: q || undefined, page, pageSize: 20 }), enabled, staleTime: Infinity });
}

export function useProposeAbstinence() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ personId, note }: { personId: string; note: string }) => api.post<Created>(`/api/persons/${encodeURIComponent(personId)}/abstinence-reviews`, { note }),
    onSuccess: () => client.invalidateQueries({ queryKey: abstinenceKeys.all }),
  });
}

export function useDecideAbstinence() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ reviewId, body }: { reviewId: string; body: DecideAbstinence }) => api.post<{ ok: true }>(`/api/abstinence/reviews/${encodeURIComponent(reviewId)}/decision`, body),
    onSuccess: () => client.invalidateQueries({ queryKey: abstinenceKeys.all }),
  });
}

/** 恢复管控: the person comes back into every ordinary list, so every cached list is refreshed. */
export function useRestoreArchivedPerson() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ personId, body }: { personId: string; body: RestoreArchivedPerson }) =>
      api.post<{ ok: true }>(`/api/archive/persons/${encodeURIComponent(personId)}/restore`, body),
    onSuccess: () => client.invalidateQueries(),
  });
}
