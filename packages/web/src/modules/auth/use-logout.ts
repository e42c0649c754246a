import { useMutation, useQueryClient } from '@tanstack/react-query';
import { App } from 'antd';
import { useNavigate } from 'react-router';
import { api } from '../../app/api-client.ts';
import { clearClientState } from '../../app/session.ts';

export function useLogout() {
  const client = useQueryClient();
  const navigate = useNavigate();
  const { message } = App.useApp();
  return useMutation({
    mutationFn: () => api.post<{ ok: true }>('/api/auth/logout'),
    // Even if the server call fails the browser must forget the session.
    onSettled: () => {
      message.destroy();
      void navigate('/login', { replace: true });
      clearClientState(client);
    },
  });
}
