/** The person timeline tab (GET /api/persons/:id/timeline). */
export { TimelineTab } from './timeline-tab.tsx';
export { timelineKeys } from './use-person-timeline.ts';
export { PersonSupervisionSummary } from './person-supervision-summary.tsx';
