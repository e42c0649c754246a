import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { AcceptTransfer, CancelTransfer, CreateTransfer, Created, ReturnTransfer, TransferDto, TransferList, TransferTarget } from '@qingyuan/shared';
import { api } from '../../app/api-client.ts';

/** Query keys and hooks of transfers (移交). */
export const transferKeys = {
  all: ['transfers'] as const,
  list: (list: TransferList, page: number, pageSize: number) => [...transferKeys.all, 'list', list, page, pageSize] as const,
  ofPerson: (personId: string) => [...transferKeys.all, 'person', personId] as const,
  targets: () => [...transferKeys.all, 'targets'] as const,
};

export function useTransfers(list: TransferList, page: number, pageSize: number) {
  return useQuery({
    queryKey: transferKeys.list(list, page, pageSize),
    queryFn: () => api.get<{ items: TransferDto[]; total: number }>('/api/transfers', { list, page, pageSize }),
    placeholderData: (previous) => previous,
  });
}

export function usePersonTransfers(personId: string) {
  return useQuery({
    queryKey: transferKeys.ofPerson(personId),
    queryFn: () => api.get<{ items: TransferDto[] }>(`/api/persons/${encodeURIComponent(personId)}/transfers`),
    staleTime: Infinity,
  });
}

export function useTransferTargets(enabled: boolean) {
  return useQuery({ queryKey: transferKeys.targets(), queryFn: () => api.get<{ items: TransferTarget[] }>('/api/transfer-targets'), enabled, staleTime: 60_000 });
}

export function useSendTransfer(personId: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: CreateTransfer) => api.post<Created>(`/api/persons/${encodeURIComponent(personId)}/transfers`, body),
    onSuccess: () => client.invalidateQueries({ queryKey: transferKeys.all }),
  });
}

export function useDecideTransfer() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ id, accept, body }: { id: string; accept: boolean; body: AcceptTransfer | ReturnTransfer }) =>
      api.post<TransferDto>(`/api/transfers/${encodeURIComponent(id)}/${accept ? 'accept' : 'return'}`, body),
    // An accepted transfer changes the person's responsible unit: their page and lists must reload.
    onSuccess: () => Promise.all([client.invalidateQueries({ queryKey: transferKeys.all }), client.invalidateQueries({ queryKey: ['persons'] })]),
  });
}

/** 移交撤回: the sending side withdraws a pending transfer (the person never left; the receiver stops seeing them). */
export function useCancelTransfer() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ id, body }: { id: string; body: CancelTransfer }) => api.post<TransferDto>(`/api/transfers/${encodeURIComponent(id)}/cancel`, body),
    onSuccess: () => Promise.all([client.invalidateQueries({ queryKey: transferKeys.all }), client.invalidateQueries({ queryKey: ['persons'] })]),
  });
}
