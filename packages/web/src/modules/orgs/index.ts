export { orgKeys } from './org-keys.ts';
export { useOrgs } from './use-orgs.ts';
export { OrgTreeSelect } from './components/org-tree-select.tsx';
export type { OrgTreeSelectProps } from './components/org-tree-select.tsx';
export { OrgTreePage } from './pages/org-tree-page.tsx';
