/** reports (简报 / 工作总结): templates the office edits and Word reports written from the indicator layer. */
export { ReportsService } from './reports.service.ts';
export { reportsRoutes } from './reports.routes.ts';
export { ReportJobsService } from './report-jobs.service.ts';
