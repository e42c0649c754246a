import { Suspense } from 'react';
import type { ComponentType } from 'react';
import type { Permission } from '@qingyuan/shared';
import { useCan } from '../modules/auth/index.ts';
import { ForbiddenPage, PageSpin } from './status-pages.tsx';

interface RequireAccessProps {
  access: Permission;
  page: ComponentType;
}

/** Renders the page only when the user holds the route's permission; otherwise 无权访问. */
export function RequireAccess({ access, page: Page }: RequireAccessProps) {
  const allowed = useCan(access);
  if (!allowed) return <ForbiddenPage />;
  return (
    <Suspense fallback={<PageSpin />}>
      <Page />
    </Suspense>
  );
}
