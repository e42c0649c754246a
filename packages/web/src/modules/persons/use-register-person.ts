import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { CreatePerson, Created } from '@qingyuan/shared';
import { api } from '../../app/api-client.ts';
import { personKeys } from './person-keys.ts';

export function useRegisterPerson() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: CreatePerson) => api.post<Created>('/api/persons', body),
    onSuccess: () => client.invalidateQueries({ queryKey: personKeys.lists() }),
  });
}
