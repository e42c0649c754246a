/** audit: the auditor's view of the platform audit log. */
export { auditRoutes } from './audit.routes.ts';
