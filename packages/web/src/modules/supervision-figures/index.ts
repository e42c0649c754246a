/** 管控统计: person and supervision indicators with drill-down to the persons. */
export { SupervisionFiguresPage } from './pages/supervision-figures-page.tsx';
