export { userKeys } from './user-keys.ts';
export { UsersPage } from './pages/users-page.tsx';
