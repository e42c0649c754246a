export { supervisionKeys } from './supervision-api.ts';
export { MeasuresTab } from './components/measures-tab.tsx';
export { TestsTab } from './components/tests-tab.tsx';
export { WorkTeamTab } from './components/work-team-tab.tsx';
export { VisitsTab } from './components/visits-tab.tsx';
export { LeavesTab } from './components/leaves-tab.tsx';
export { AssistanceTab } from './components/assistance-tab.tsx';
export { WorklistPage } from './pages/worklist-page.tsx';
