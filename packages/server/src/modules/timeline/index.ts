/** timeline: a person's events from every module that contributes a source, in time order. */
export { TimelineService, orderTimeline, type TimelineSource } from './timeline.service.ts';
export { timelineRoutes } from './timeline.routes.ts';
export { registrationSource, supervisionSource, supervisionWorkSource, riskAndTransferSource, alertSource } from './sources.ts';
