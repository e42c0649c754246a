export { DashboardPage } from './pages/dashboard-page.tsx';
export { IndicatorExplorerPage } from './pages/indicator-explorer-page.tsx';
