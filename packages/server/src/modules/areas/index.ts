/** areas (辖区概况): resident population and map boundaries of the org units. */
export { AreasService } from './areas.service.ts';
export { areasRoutes } from './areas.routes.ts';
export { demoAreaProfiles } from './demo-areas.ts';
