export { auditKeys } from './audit-keys.ts';
export { AuditPage } from './pages/audit-page.tsx';
