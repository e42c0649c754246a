/** abstinence: 戒断三年未复吸 proposals and approvals, and the restricted archive (SECURITY.md §18). */
export { AbstinenceService } from './abstinence.service.ts';
export { abstinenceRoutes } from './abstinence.routes.ts';
export { ARCHIVED_TABLES } from './abstinence.repository.ts';
