/** indicators: the registry every module's indicators register in (issue #6), and 管控统计 (supervision figures). */
export { IndicatorRegistry, type IndicatorArea, type IndicatorDefinition, type IndicatorFigure, type IndicatorProvider } from './registry.ts';
export { IndicatorSnapshots, standardRanges, type RefreshResult } from './indicator-snapshots.ts';
export { enforcementProvider } from './enforcement-provider.ts';
export { supervisionProvider, supervisionSets } from './supervision-indicators.ts';
export { SupervisionFiguresService } from './supervision-figures.service.ts';
export { supervisionFiguresRoutes } from './supervision-figures.routes.ts';
