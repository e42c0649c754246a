export { enforcementKeys } from './enforcement-keys.ts';
export { CasesPage } from './pages/cases-page.tsx';
export { RegisterCasePage } from './pages/register-case-page.tsx';
export { CasePage } from './pages/case-page.tsx';
export { FiguresPage } from './pages/figures-page.tsx';
export { SanctionsPage } from './pages/sanctions-page.tsx';
