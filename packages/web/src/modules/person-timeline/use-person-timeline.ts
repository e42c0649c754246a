import { useQuery } from '@tanstack/react-query';
import type { PersonTimeline } from '@qingyuan/shared';
import { api } from '../../app/api-client.ts';

export const timelineKeys = {
  all: ['person-timeline'] as const,
  person: (personId: string) => [...timelineKeys.all, personId] as const,
};

/** The person's timeline (an audited read: fetched when the tab opens, not refetched on its own). */
export function usePersonTimeline(personId: string) {
  return useQuery({
    queryKey: timelineKeys.person(personId),
    queryFn: () => api.get<PersonTimeline>(`/api/persons/${encodeURIComponent(personId)}/timeline`),
    staleTime: Infinity,
  });
}
