export { riskKeys } from './risk-api.ts';
export { RiskTab } from './components/risk-tab.tsx';
export { RiskInstrumentPage } from './pages/instrument-page.tsx';
export { ViolationTasksPage } from './pages/violation-tasks-page.tsx';
export { PersonRiskSummary } from './components/person-risk-summary.tsx';
