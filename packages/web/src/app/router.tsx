import { createBrowserRouter } from 'react-router';
import { LoginPage, PasswordChangePage } from '../modules/auth/index.ts';
import { setUnauthorizedHandler } from './api-client.ts';
import { MainLayout } from './main-layout.tsx';
import { queryClient } from './query-client.ts';
import { RequireAccess } from './require-access.tsx';
import { RequireAuth } from './require-auth.tsx';
import { APP_ROUTES, PASSWORD_CHANGE_PATH } from './routes.tsx';
import { clearClientState } from './session.ts';
import { NotFoundPage } from './status-pages.tsx';

export const router = createBrowserRouter([
  { path: '/login', element: <LoginPage /> },
  {
    element: <RequireAuth />,
    children: [
      { path: PASSWORD_CHANGE_PATH, element: <PasswordChangePage /> },
      {
        element: <MainLayout />,
        children: [
          ...APP_ROUTES.map((r) => ({ path: r.path, element: <RequireAccess access={r.access} page={r.page} /> })),
          { path: '*', element: <NotFoundPage /> },
        ],
      },
    ],
  },
]);

// The session is gone (expired, ended by an administrator, logged out elsewhere): back to the login page.
setUnauthorizedHandler(() => {
  const { pathname, search } = router.state.location;
  if (pathname === '/login') return;
  void router.navigate('/login', { replace: true, state: { from: pathname + search } }).then(() => {
    clearClientState(queryClient);
  });
});
