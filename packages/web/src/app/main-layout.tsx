import { BankOutlined, LogoutOutlined, SafetyOutlined, UserOutlined } from '@ant-design/icons';
import { Button, Layout, Menu, Space, Tag, Typography } from 'antd';
import type { MenuProps } from 'antd';
import { Link, Outlet, useLocation } from 'react-router';
import { ROLE_LABELS } from '@qingyuan/shared';
import { useCurrentMe, useLogout } from '../modules/auth/index.ts';
import { AlertBadge } from '../modules/alerts/index.ts';
import { APP_ROUTES, MFA_ENROLL_PATH } from './routes.tsx';

function selectedKey(pathname: string): string {
  const match = APP_ROUTES.filter((r) => r.menu !== false && r.path !== '/' && (pathname === r.path || pathname.startsWith(`${r.path}/`)));
  return match[0]?.path ?? '/';
}

export function MainLayout() {
  const me = useCurrentMe();
  const logout = useLogout();
  const location = useLocation();

  const visible = APP_ROUTES.filter(
    (r) => r.menu !== false && me.permissions.includes(r.access) && (!me.mfaEnrollRequired || r.path === MFA_ENROLL_PATH),
  );
  const items: MenuProps['items'] = visible.map((r) => ({
    key: r.path,
    icon: r.icon,
    label: <Link to={r.path}>{r.label}</Link>,
  }));

  return (
    <Layout style={{ minHeight: '100vh' }}>
      <Layout.Sider width={200} breakpoint="lg" collapsedWidth={64}>
        <div
          style={{ height: 64, display: 'flex', alignItems: 'center', justifyContent: 'center', color: '#fff' }}
          aria-hidden
        >
          <SafetyOutlined style={{ fontSize: 28 }} />
        </div>
        <Menu theme="dark" mode="inline" selectedKeys={[selectedKey(location.pathname)]} items={items} />
      </Layout.Sider>
      <Layout>
        <Layout.Header
          style={{
            background: '#fff',
            padding: '0 16px',
            display: 'flex',
            alignItems: 'center',
            justifyContent: 'space-between',
            borderBottom: '1px solid #f0f0f0',
          }}
        >
          <Typography.Title level={4} style={{ margin: 0, whiteSpace: 'nowrap' }}>
            清源禁毒工作平台
          </Typography.Title>
          <Space size="middle" style={{ minWidth: 0 }}>
            <AlertBadge />
            <span data-testid="current-user">
              <UserOutlined /> {me.displayName}
            </span>
            <span data-testid="current-org">
              <BankOutlined /> {me.orgUnitName}
            </span>
            <span data-testid="current-roles">
              {me.roles.map((role) => (
                <Tag color="blue" key={role}>
                  {ROLE_LABELS[role]}
                </Tag>
              ))}
            </span>
            <Button type="text" icon={<LogoutOutlined />} loading={logout.isPending} onClick={() => { logout.mutate(); }}>
              退出登录
            </Button>
          </Space>
        </Layout.Header>
        <Layout.Content style={{ margin: 16, minWidth: 0 }}>
          <Outlet />
        </Layout.Content>
      </Layout>
    </Layout>
  );
}
