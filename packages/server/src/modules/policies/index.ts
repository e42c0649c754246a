/** policies: the security policy secadmin tunes. */
export { PoliciesService } from './policies.service.ts';
export { policiesRoutes } from './policies.routes.ts';
