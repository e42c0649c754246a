/** orgs: the org tree (district → township → village → grid, departments, police stations). */
export { OrgsService, type OrgMoveListener, type OrgReferenceCheck } from './orgs.service.ts';
export { orgsRoutes } from './orgs.routes.ts';
export { findRoot as findRootOrgUnit } from './orgs.repository.ts';
export { insert as insertOrgUnit, findById as findOrgUnitById, findByIds as findOrgUnitsByIds, findByName as findOrgUnitsByName } from './orgs.repository.ts';
export { listInScope as listOrgUnitsInScope } from './orgs.repository.ts';
