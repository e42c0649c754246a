export { transferKeys } from './transfers-api.ts';
export { TransfersTab } from './components/transfers-tab.tsx';
export { TransfersPage } from './pages/transfers-page.tsx';
