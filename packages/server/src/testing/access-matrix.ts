import { ROLES, ROLE_LABELS, ROLE_PERMISSIONS } from '@qingyuan/shared';
import type { RouteAccessEntry } from '../platform/http/access-guard.ts';

/** The route × role matrix as Markdown, derived from route permissions and ROLE_PERMISSIONS (the data). */
export function renderAccessMatrix(routes: readonly RouteAccessEntry[]): string {
  const sorted = [...routes].sort((a, b) => a.url.localeCompare(b.url) || a.method.localeCompare(b.method));
  const header = `| route | permission | ${ROLES.map((r) => `${r}<br>${ROLE_LABELS[r]}`).join(' | ')} |`;
  const rule = `|---|---|${ROLES.map(() => ':-:').join('|')}|`;
  const rows = sorted.map((route) => {
    const cells = ROLES.map((role) => (route.public ? '公开' : route.permission && ROLE_PERMISSIONS[role].includes(route.permission) ? '✔' : ''));
    return `| \`${route.method} ${route.url}\` | ${route.public ? 'public' : `\`${route.permission ?? ''}\``} | ${cells.join(' | ')} |`;
  });
  return [
    '# Access matrix (generated)',
    '',
    'Generated from the route declarations and `ROLE_PERMISSIONS` in `packages/shared/src/rules/roles.ts`.',
    'Do not edit by hand: run `npm run docs:matrix`. The test `access-matrix.test.ts` fails when this file is stale',
    'and walks every route × role against it.',
    '',
    header,
    rule,
    ...rows,
    '',
  ].join('\n');
}
