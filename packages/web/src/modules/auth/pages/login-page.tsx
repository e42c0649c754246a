import { Alert, Card, Layout, Typography } from 'antd';
import { useState } from 'react';
import { useLocation, useNavigate } from 'react-router';
import { useQueryClient } from '@tanstack/react-query';
import type { LoginRequest, LoginResponse } from '@qingyuan/shared';
import { errorTitle } from '../../../app/api-client.ts';
import { clearClientState } from '../../../app/session.ts';
import { authKeys } from '../auth-keys.ts';
import { LoginMfaForm } from '../components/login-mfa-form.tsx';
import { LoginPasswordForm } from '../components/login-password-form.tsx';
import { useLogin } from '../use-login.ts';
import { useLoginMfa } from '../use-login-mfa.ts';

function redirectTarget(state: unknown): string {
  if (typeof state === 'object' && state !== null && 'from' in state && typeof state.from === 'string') {
    return state.from.startsWith('/') && !state.from.startsWith('/login') ? state.from : '/';
  }
  return '/';
}

export function LoginPage() {
  const login = useLogin();
  const loginMfa = useLoginMfa();
  const client = useQueryClient();
  const navigate = useNavigate();
  const location = useLocation();
  const [challenge, setChallenge] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);

  const onResponse = (response: LoginResponse) => {
    if (response.status === 'mfa_required') {
      setChallenge(response.challenge);
      return;
    }
    clearClientState(client);
    client.setQueryData(authKeys.me(), response.me);
    void navigate(redirectTarget(location.state), { replace: true });
  };

  const onPassword = (values: LoginRequest) => {
    setError(null);
    login.mutate(values, { onSuccess: onResponse, onError: (e) => { setError(errorTitle(e)); } });
  };

  const onCode = (code: string) => {
    if (!challenge) return;
    setError(null);
    loginMfa.mutate({ challenge, code }, { onSuccess: onResponse, onError: (e) => { setError(errorTitle(e)); } });
  };

  return (
    <Layout style={{ minHeight: '100vh', alignItems: 'center', justifyContent: 'center', background: '#f0f2f5' }}>
      <Card style={{ width: 400 }}>
        <Typography.Title level={3} style={{ textAlign: 'center', marginBottom: 4 }}>
          清源禁毒工作平台
        </Typography.Title>
        <Typography.Paragraph type="secondary" style={{ textAlign: 'center' }}>
          {challenge ? '双因素认证' : '账号登录'}
        </Typography.Paragraph>
        {error && <Alert type="error" showIcon message={error} style={{ marginBottom: 16 }} />}
        {challenge ? (
          <LoginMfaForm
            submitting={loginMfa.isPending}
            onSubmit={onCode}
            onBack={() => {
              setChallenge(null);
              setError(null);
            }}
          />
        ) : (
          <LoginPasswordForm submitting={login.isPending} onSubmit={onPassword} />
        )}
      </Card>
    </Layout>
  );
}
