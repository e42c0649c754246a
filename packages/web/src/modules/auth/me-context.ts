import { createContext, useContext } from 'react';
import type { Me, Permission } from '@qingyuan/shared';

/** The signed-in user; provided by the authentication gate around every private page. */
export const MeContext = createContext<Me | null>(null);

export function useCurrentMe(): Me {
  const me = useContext(MeContext);
  if (!me) throw new Error('useCurrentMe must be used inside the authentication gate');
  return me;
}

export function useCan(permission: Permission): boolean {
  return useCurrentMe().permissions.includes(permission);
}
