/** exports: Excel exports of the lists (masked identities, scope as on screen, audited as sensitive reads). */
export { ExportsService } from './exports.service.ts';
export { exportsRoutes } from './exports.routes.ts';
