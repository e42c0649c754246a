/** imports: Excel import of historical cases with seizures and of persons with measures (templates, row reports, jobs). */
export { ImportsService } from './imports.service.ts';
export { importsRoutes } from './imports.routes.ts';
