/** users: accounts, roles, login and sessions, and each user's own account settings. */
export { UsersService } from './users.service.ts';
export { AuthService } from './auth.service.ts';
export { AccountService } from './account.service.ts';
export { usersRoutes } from './users.routes.ts';
export { authRoutes } from './auth.routes.ts';
export { insert as insertUser, setRoles as setUserRoles, usernameTaken } from './users.repository.ts';
