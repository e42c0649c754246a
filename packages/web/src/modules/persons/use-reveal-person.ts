import { useMutation } from '@tanstack/react-query';
import type { RevealRequest, RevealResult } from '@qingyuan/shared';
import { api } from '../../app/api-client.ts';

/** A full value, shown once and never cached (the server audits each reveal with its reason). */
export function useRevealPerson() {
  return useMutation({
    mutationFn: ({ id, body }: { id: string; body: RevealRequest }) =>
      api.post<RevealResult>(`/api/persons/${encodeURIComponent(id)}/reveal`, body),
  });
}
