/** dashboard (指标与看板): indicator values for units × periods, the office dashboard, the drug-situation index. */
export { DashboardService, KEY_FIGURES } from './dashboard.service.ts';
export { IndicatorTableService } from './indicator-table.service.ts';
export { IndicatorValues } from './indicator-values.ts';
export { SituationIndexService, DEFAULT_INDEX_COMPONENTS } from './situation-index.service.ts';
export { dashboardRoutes } from './dashboard.routes.ts';
