/** saved-filters: 常用筛选 — named filter sets of the working-list and persons pages, own or shared with the unit's subtree. */
export { SavedFiltersService } from './saved-filters.service.ts';
export { savedFiltersRoutes } from './saved-filters.routes.ts';
