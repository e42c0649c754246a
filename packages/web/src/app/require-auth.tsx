import { Button, Result } from 'antd';
import { Navigate, Outlet, useLocation } from 'react-router';
import { MeContext, useMe } from '../modules/auth/index.ts';
import { errorTitle, isApiError } from './api-client.ts';
import { MFA_ENROLL_PATH, PASSWORD_CHANGE_PATH } from './routes.tsx';
import { FullPageSpin } from './status-pages.tsx';

/**
 * Gate around every private page: loads the signed-in user, sends anonymous visitors to /login, and keeps
 * accounts with a pending password change or TOTP enrolment on the one page they may use (the server
 * refuses everything else with 403 until then).
 */
export function RequireAuth() {
  const me = useMe();
  const location = useLocation();
  const path = location.pathname;

  if (!me.data) {
    if (me.isError) {
      if (isApiError(me.error) && me.error.status === 401) {
        return <Navigate to="/login" replace state={{ from: path + location.search }} />;
      }
      return (
        <Result
          status="error"
          title="无法加载当前用户"
          subTitle={errorTitle(me.error)}
          extra={<Button onClick={() => void me.refetch()}>重试</Button>}
        />
      );
    }
    return <FullPageSpin />;
  }

  const user = me.data;
  if (user.mustChangePassword) {
    if (path !== PASSWORD_CHANGE_PATH) return <Navigate to={PASSWORD_CHANGE_PATH} replace />;
  } else if (path === PASSWORD_CHANGE_PATH) {
    return <Navigate to={user.mfaEnrollRequired ? MFA_ENROLL_PATH : '/'} replace />;
  } else if (user.mfaEnrollRequired && path !== MFA_ENROLL_PATH) {
    return <Navigate to={MFA_ENROLL_PATH} replace />;
  }
  return (
    <MeContext value={user}>
      <Outlet />
    </MeContext>
  );
}
