export { alertKeys } from './alerts-api.ts';
export { AlertBadge } from './components/alert-badge.tsx';
export { AlertsTab } from './components/alerts-tab.tsx';
export { AlertsPage } from './pages/alerts-page.tsx';
export { AlertRulesPage } from './pages/alert-rules-page.tsx';
export { PartnersPage } from './pages/partners-page.tsx';
