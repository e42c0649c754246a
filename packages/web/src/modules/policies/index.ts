export { policyKeys } from './policy-keys.ts';
export { PoliciesPage } from './pages/policies-page.tsx';
