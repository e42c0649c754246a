export { AccountPage } from './pages/account-page.tsx';
export { WorkbenchPage } from './pages/workbench-page.tsx';
