import { Alert, Button, Card, Layout, Typography } from 'antd';
import { useNavigate } from 'react-router';
import { ChangePasswordForm } from '../components/change-password-form.tsx';
import { useCurrentMe } from '../me-context.ts';
import { useLogout } from '../use-logout.ts';

/** Shown alone while the account still has a temporary or expired password. */
export function PasswordChangePage() {
  const me = useCurrentMe();
  const logout = useLogout();
  const navigate = useNavigate();
  return (
    <Layout style={{ minHeight: '100vh', alignItems: 'center', justifyContent: 'center', background: '#f0f2f5' }}>
      <Card
        style={{ width: 480 }}
        title="修改密码"
        extra={
          <Button type="link" onClick={() => { logout.mutate(); }} loading={logout.isPending}>
            退出登录
          </Button>
        }
      >
        <Typography.Paragraph>
          {me.displayName}（{me.username}），您好：
        </Typography.Paragraph>
        <Alert
          type="warning"
          showIcon
          style={{ marginBottom: 16 }}
          message="必须修改密码后才能继续使用"
          description="首次登录、管理员重置密码或密码已过期时，须设置新密码。"
        />
        <ChangePasswordForm username={me.username} onDone={() => void navigate('/', { replace: true })} />
      </Card>
    </Layout>
  );
}
