import { existsSync } from 'node:fs';
import { randomUUID } from 'node:crypto';
import type { Writable } from 'node:stream';
import Fastify, { type FastifyInstance, type FastifyRequest } from 'fastify';
import cookie from '@fastify/cookie';
import rateLimit from '@fastify/rate-limit';
import fastifyStatic from '@fastify/static';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import { jsonSchemaTransform, serializerCompiler, validatorCompiler, type ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { AuditLog } from './platform/audit/audit-log.ts';
import { SessionStore } from './platform/auth/sessions.ts';
import { systemClock, type Clock } from './platform/clock.ts';
import type { Config } from './platform/config.ts';
import type { Keys } from './platform/crypto/keys.ts';
import type { DatabaseHandle } from './platform/db/database.ts';
import { registerAccessGuard, type RouteAccessEntry } from './platform/http/access-guard.ts';
import { sendProblem } from './platform/http/problem.ts';
import { registerSecurityHeaders } from './platform/http/security-headers.ts';
import type { Platform } from './platform/platform.ts';
import { auditRoutes } from './modules/audit/index.ts';
import { healthRoutes } from './modules/health/index.ts';
import { OrgsService, orgsRoutes } from './modules/orgs/index.ts';
import { PersonRecordsService, PersonsService, personsRoutes } from './modules/persons/index.ts';
import { EnforcementModule, enforcementRoutes, personsCollaborators } from './modules/enforcement/index.ts';
import { MissedNoticeSweep, RiskService, ViolationTasksService, riskRoutes } from './modules/risk/index.ts';
import { TransfersService, pendingTransfersIn, transfersRoutes } from './modules/transfers/index.ts';
import {
  AttachmentsService, PersonTestPolicyService, SupervisionService, SupervisionWorkService, TestNoticesService, personTestPolicyRoutes, supervisionRoutes,
  supervisionWorkRoutes, testNoticesRoutes, type MeasureDue,
} from './modules/supervision/index.ts';
import { ImportsService, importsRoutes } from './modules/imports/index.ts';
import { ExportsService, exportsRoutes } from './modules/exports/index.ts';
import { PoliciesService, policiesRoutes } from './modules/policies/index.ts';
import { AbstinenceService, abstinenceRoutes } from './modules/abstinence/index.ts';
import { IndicatorRegistry, IndicatorSnapshots, SupervisionFiguresService, enforcementProvider, supervisionFiguresRoutes, supervisionProvider } from './modules/indicators/index.ts';
import { TimelineService, alertSource, registrationSource, riskAndTransferSource, supervisionSource, supervisionWorkSource, timelineRoutes } from './modules/timeline/index.ts';
import { FieldCipher } from './platform/crypto/field-cipher.ts';
import { AlertsModule, alertIndicatorProvider, alertsRoutes, ruleSettingsOf } from './modules/alerts/index.ts';
import { SavedFiltersService, savedFiltersRoutes } from './modules/saved-filters/index.ts';
import { FeedsService, feedsRoutes } from './modules/feeds/index.ts';
import { ReportJobsService, ReportsService, reportsRoutes } from './modules/reports/index.ts';
import { AreasService, areasRoutes } from './modules/areas/index.ts';
import { DashboardService, IndicatorTableService, IndicatorValues, SituationIndexService, dashboardRoutes } from './modules/dashboard/index.ts';
import { AccountService, AuthService, UsersService, authRoutes, usersRoutes } from './modules/users/index.ts';

z.config(z.locales.zhCN());

export interface AppOptions {
  config: Config;
  database: DatabaseHandle;
  keys: Keys;
  clock?: Clock;
  logger?: boolean;
  /** Where log lines go (default stdout); tests capture them to prove no personal data is logged. */
  logStream?: Writable;
  /** Run scheduled jobs (alert dispatcher and sweep) in this process; tests turn them off and call them directly. */
  jobs?: boolean;
}

export interface App {
  server: FastifyInstance;
  platform: Platform;
  routeAccess: RouteAccessEntry[];
  /** From now on every response closes its connection, so keep-alive sockets drain with their last request. */
  beginShutdown: () => void;
  /** The alerts module (engine: dispatch, sweep, escalation), for the CLI and tests. */
  alerts: AlertsModule;
  /** Report generation jobs (生成任务), for tests (whenIdle) and the start-up recovery. */
  reportJobs: ReportJobsService;
  /** The indicator snapshot job, for tests and benches (refresh). */
  snapshots: IndicatorSnapshots;
  /** The daily missed-test-notice check (通知检测未到 → serious-violation task), for tests (run). */
  missedNotices: MissedNoticeSweep;
  /** Stored due dates of the working lists and their daily refresh, for tests and benches (refresh). */
  measureDue: MeasureDue;
}

// Keys whose values must never reach a log line.
const REDACT = ['req.headers.cookie', 'req.headers["x-csrf-token"]', 'res.headers["set-cookie"]', 'password', '*.password'];

// Request lines carry the path only: a query string can hold a searched ID number or name (GET /api/persons?q=…).
const SERIALIZERS = {
  req: (request: FastifyRequest) => ({ method: request.method, url: request.url.split('?')[0], host: request.host, remoteAddress: request.ip }),
};

export async function buildApp(options: AppOptions): Promise<App> {
  const { config, database, keys } = options;
  const clock = options.clock ?? systemClock;
  const server = Fastify({
    logger: options.logger === false
      ? false
      : { level: config.logLevel, redact: REDACT, serializers: SERIALIZERS, ...(options.logStream ? { stream: options.logStream } : {}) },
    genReqId: () => randomUUID(),
    trustProxy: config.trustProxy,
    bodyLimit: 1024 * 1024,
  }).withTypeProvider<ZodTypeProvider>();
  server.setValidatorCompiler(validatorCompiler);
  server.setSerializerCompiler(serializerCompiler);
  server.setErrorHandler((error, request, reply) => sendProblem(error as Error, request, reply));
  server.setNotFoundHandler((request, reply) => {
    const wantsApp = request.method === 'GET' && !request.url.startsWith('/api/') && existsSync(config.webDistDir);
    if (wantsApp) return reply.type('text/html; charset=utf-8').sendFile('index.html');
    return sendProblem(Object.assign(new Error('not found'), { statusCode: 404 }), request, reply);
  });

  const platform: Platform = {
    config,
    db: database.db,
    dbKind: database.kind,
    clock,
    keys,
    audit: new AuditLog(keys.audit, clock),
    sessions: new SessionStore(database.db, clock),
  };

  let shuttingDown = false;
  server.addHook('onSend', async (_request, reply, payload) => {
    if (shuttingDown) reply.header('connection', 'close');
    return payload;
  });
  registerSecurityHeaders(server);
  await server.register(cookie);
  await server.register(rateLimit, { global: false });
  const routeAccess = registerAccessGuard(server, platform);

  await server.register(swagger, {
    openapi: { info: { title: '清源 Qingyuan API', version: '0.1.0' } },
    transform: jsonSchemaTransform,
  });
  await server.register(swaggerUi, { routePrefix: '/api/docs' });

  const orgs = new OrgsService(platform);
  const users = new UsersService(platform, orgs);
  orgs.addReferenceCheck(users.orgReferenceCheck);
  const persons = new PersonsService(platform, orgs);
  orgs.addReferenceCheck(persons.orgReferenceCheck);
  orgs.addMoveListener(persons.orgMoveListener);
  const enforcement = new EnforcementModule(platform, orgs, personsCollaborators(persons, new PersonRecordsService(platform)));
  orgs.addMoveListener(enforcement.orgMoveListener);
  const supervision = new SupervisionService(platform, orgs);
  orgs.addMoveListener(supervision.orgMoveListener);
  // Risk assessments feed the test schedule; tests feed risk triggers and serious-violation tasks; transfers move persons.
  const risk = new RiskService(platform, supervision);
  const violationTasks = new ViolationTasksService(platform, supervision, risk);
  orgs.addMoveListener(risk.orgMoveListener);
  supervision.useRiskLevels(risk.riskLevels);
  // The person working lists read risk, transfers and the lostContact rule's days per unit (as the alert does) through these.
  supervision.useWorklistSources({ riskSummaries: risk.riskSummaries, pendingTransfersIn, lostContactSettings: (db) => ruleSettingsOf(db, 'lostContact') });
  supervision.addTestListener(risk.testListener);
  supervision.addTestListener(violationTasks.testListener);
  persons.addUnitChangeListener((trx, personId, orgPath) => supervision.setOpenMeasurePaths(trx, personId, orgPath));
  persons.addUnitChangeListener(risk.unitChangeListener);
  const transfers = new TransfersService(platform, orgs, persons);
  orgs.addMoveListener(transfers.orgMoveListener);
  orgs.addReferenceCheck(transfers.orgReferenceCheck);
  const supervisionWork = new SupervisionWorkService(platform);
  orgs.addMoveListener(supervisionWork.orgMoveListener);
  supervisionWork.addLeaveListener(violationTasks.leaveListener);
  const testNotices = new TestNoticesService(platform);
  testNotices.addListener(violationTasks.noticeListener);
  const missedNotices = new MissedNoticeSweep(platform, violationTasks);
  persons.addRegistrationListener(supervisionWork.registrationListener);
  const alerts = new AlertsModule(platform, orgs, supervision);
  orgs.addMoveListener(alerts.engine.orgMoveListener);
  const abstinence = new AbstinenceService(platform, orgs, persons);
  orgs.addMoveListener(abstinence.orgMoveListener);
  persons.addUnitChangeListener(abstinence.unitChangeListener);
  // A person's timeline: one source per module (modules/timeline/sources.ts).
  const timeline = new TimelineService(platform);
  timeline.addSource('persons', registrationSource);
  timeline.addSource('supervision', supervisionSource(new FieldCipher(platform.keys)));
  timeline.addSource('supervisionWork', supervisionWorkSource);
  timeline.addSource('riskAndTransfers', riskAndTransferSource);
  timeline.addSource('alerts', alertSource);
  timeline.addSource('abstinence', abstinence.timelineSource);
  // One registry of indicators (issue #6): each module registers its provider.
  const indicators = new IndicatorRegistry();
  indicators.register(enforcementProvider);
  // Supervision figures are computed in memory: stored per area and standard period by a job, read while current.
  const snapshots = new IndicatorSnapshots(platform);
  indicators.register(snapshots.cached(supervisionProvider(new FieldCipher(platform.keys))));
  indicators.register(alertIndicatorProvider);

  await server.register(healthRoutes(platform.db));
  await server.register(authRoutes(new AuthService(platform), new AccountService(platform), config.loginRateLimitPerMinute));
  await server.register(orgsRoutes(orgs));
  await server.register(usersRoutes(users));
  await server.register(policiesRoutes(new PoliciesService(platform)));
  await server.register(auditRoutes(platform));
  await server.register(personsRoutes(persons, new PersonRecordsService(platform)));
  await server.register(enforcementRoutes(enforcement));
  await server.register(supervisionRoutes(supervision));
  await server.register(personTestPolicyRoutes(new PersonTestPolicyService(platform, risk.riskLevels)));
  await server.register(testNoticesRoutes(testNotices));
  await server.register(riskRoutes(risk, violationTasks));
  await server.register(transfersRoutes(transfers));
  const records = new PersonRecordsService(platform);
  await server.register(importsRoutes(new ImportsService(platform, { orgs, persons, supervision, enforcement, substances: () => records.substances() })));
  const savedFilters = new SavedFiltersService(platform);
  orgs.addMoveListener(savedFilters.orgMoveListener);
  await server.register(savedFiltersRoutes(savedFilters));
  await server.register(exportsRoutes(new ExportsService(platform, { persons, enforcement, supervision })));
  await server.register(supervisionWorkRoutes(supervisionWork, new AttachmentsService(platform)));
  await server.register(alertsRoutes(alerts.service, clock));
  await server.register(feedsRoutes(new FeedsService(platform, alerts.engine), config.feedRateLimitPerMinute));
  await server.register(abstinenceRoutes(abstinence));
  await server.register(timelineRoutes(timeline));
  await server.register(supervisionFiguresRoutes(new SupervisionFiguresService(platform, orgs, indicators, persons, new FieldCipher(platform.keys))));
  const areas = new AreasService(platform, orgs);
  await server.register(areasRoutes(areas));
  const indicatorValues = new IndicatorValues(platform, orgs, indicators, areas);
  await server.register(dashboardRoutes({
    values: indicatorValues,
    table: new IndicatorTableService(platform, indicatorValues),
    dashboard: new DashboardService(platform, indicatorValues, enforcement),
    index: new SituationIndexService(platform, indicatorValues),
  }));
  const reports = new ReportsService(platform, enforcement, () => records.substances(), indicatorValues);
  const reportJobs = new ReportJobsService(platform, reports, server.log);
  orgs.addMoveListener(reportJobs.orgMoveListener);
  await server.register(reportsRoutes(reports, reportJobs));
  // Jobs run in this process: one left running by a stopped server is failed; shutdown waits for the running ones.
  await reportJobs.recover();
  server.addHook('onClose', () => reportJobs.whenIdle());

  if (existsSync(config.webDistDir)) {
    await server.register(fastifyStatic, { root: config.webDistDir, wildcard: false });
  }
  // Hooks can only be added before the server is ready.
  if (options.jobs !== false) {
    server.addHook('onClose', async () => alerts.stopJobs());
    server.addHook('onClose', () => snapshots.stop());
    server.addHook('onClose', async () => missedNotices.stop());
    server.addHook('onClose', async () => supervision.measureDue.stop());
  }
  await server.ready();
  if (options.jobs !== false) {
    alerts.startJobs(server.log);
    snapshots.start(server.log, (config.indicatorSnapshotSeconds ?? 60) * 1000);
    missedNotices.start(server.log);
    supervision.measureDue.start(server.log);
  }
  return { server, platform, routeAccess, beginShutdown: () => void (shuttingDown = true), alerts, reportJobs, snapshots, missedNotices, measureDue: supervision.measureDue };
}
