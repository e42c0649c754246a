/** Query keys of the policies module. */
export const policyKeys = {
  all: ['policies'] as const,
  security: () => [...policyKeys.all, 'security'] as const,
};
