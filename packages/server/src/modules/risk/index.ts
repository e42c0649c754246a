/** risk: risk classification (风险分类评估) with a versioned instrument, and serious-violation tasks (严重违反). */
export { RiskService } from './risk.service.ts';
export { ViolationTasksService } from './violation-tasks.service.ts';
export { riskRoutes } from './risk.routes.ts';
export { recentLevels as recentRiskLevels } from './risk.repository.ts';
export { MissedNoticeSweep } from './missed-notice-sweep.ts';
