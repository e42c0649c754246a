/** enforcement (缉毒执法): cases, suspects, seizures, drug assets, handling of drug use, targets and figures. */
export { EnforcementModule } from './enforcement.module.ts';
export { enforcementRoutes } from './enforcement.routes.ts';
export { personsCollaborators, type Collaborators } from './collaborators.ts';
export { seedEnforcement, type CaseSeed, type SanctionSeed, type TargetSeed } from './enforcement-seed.ts';
export { checkDay, handlingUnit, placeUnit, today as enforcementToday } from './enforcement-support.ts';
export { enforcementScope } from './enforcement-scope.ts';
export { enforcementIndicatorTotals, enforcementIndicatorTotalsByChild, enforcementIndicatorTotalsMany, enforcementIndicatorTotalsOfUnits } from './indicator-totals.ts';
