import type { AuditListParams } from './use-audit-list-params.ts';

/** Query keys of the audit module. */
export const auditKeys = {
  all: ['audit'] as const,
  lists: () => [...auditKeys.all, 'list'] as const,
  list: (params: AuditListParams) => [...auditKeys.lists(), params] as const,
};
