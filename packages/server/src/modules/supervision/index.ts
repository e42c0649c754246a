/** supervision: measures (管控措施) with their statutory clocks, report-in, measure events, drug tests, working lists. */
export { SupervisionService } from './supervision.service.ts';
export { MeasureDue, type RefreshResult } from './measure-due.ts';
export { supervisionRoutes } from './supervision.routes.ts';
export { clocksOf, measureLastDay } from './supervision.service.ts';
export { eventsOf, lastTestDates, measuresInArea, measuresOf, measuresOfPersons, testsOf, type StoredEvent, type StoredMeasure, type StoredTest } from './supervision.repository.ts';
/** Supervision work: work teams, visits and talks, leave records, assistance, attachments. */
export { SupervisionWorkService, type LeaveChangedListener } from './supervision-work.service.ts';
export { AttachmentsService } from './attachments.service.ts';
export { supervisionWorkRoutes } from './supervision-work.routes.ts';
export { lastContactDate } from './supervision-records.repository.ts';
export { addAccountToTeamsUnder } from './work-team.repository.ts';
export { type RiskLevelSource, type TestRecordedListener } from './supervision.service.ts';
export { leavesOf, type StoredLeave } from './supervision-records.repository.ts';
export { type IncomingTransfer, type RiskSummary, type WorklistSources } from './worklists-extra.ts';
/** Test notices (通知检测) and the missed ones the serious-violation count takes. */
export { TestNoticesService, testNoticeFactsOf, type TestNoticeChangedListener } from './test-notices.service.ts';
export { testNoticesRoutes } from './test-notices.routes.ts';
export { personsWithUnexcusedNoticesDue } from './test-notices.repository.ts';
/** Test schedule per jurisdiction (检测频次设置): the effective policy of any path, loaded once per computation. */
export { testPolicyResolver } from './test-policies.repository.ts';
/** The test schedule in force for one person (检测 tab). */
export { PersonTestPolicyService } from './person-test-policy.service.ts';
export { personTestPolicyRoutes } from './person-test-policy.routes.ts';
