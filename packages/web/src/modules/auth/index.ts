export { authKeys } from './auth-keys.ts';
export { useMe } from './use-me.ts';
export { useLogout } from './use-logout.ts';
export { MeContext, useCan, useCurrentMe } from './me-context.ts';
export { ChangePasswordForm } from './components/change-password-form.tsx';
export { LoginPage } from './pages/login-page.tsx';
export { PasswordChangePage } from './pages/password-change-page.tsx';
