/** alerts: early warning (动态管控预警) — rules over supervision data, the outbox dispatcher and sweep, the inbox. */
import type { FastifyBaseLogger } from 'fastify';
import type { Platform } from '../../platform/platform.ts';
import type { OrgsService } from '../orgs/index.ts';
import type { SupervisionService } from '../supervision/index.ts';
import { AlertEngine } from './alert-engine.ts';
import { AlertScheduler, type SchedulerOptions } from './alert-scheduler.ts';
import { AlertsService } from './alerts.service.ts';
import { supervisionFacts } from './supervision-facts.ts';

export { alertsRoutes } from './alerts.routes.ts';
export { AlertEngine, AuditBatch, type RaiseInput } from './alert-engine.ts';
export { AlertsService } from './alerts.service.ts';
export { ruleSettingsOf } from './alerts.repository.ts';
export { alertIndicatorProvider } from './alert-indicators.ts';
export type { AlertRuleEvaluator, AlertFacts, Candidate } from './alert-rule.ts';

/** The alerts module as composed by app.ts: engine (rules, dispatcher, sweep), inbox service and scheduler. */
export class AlertsModule {
  readonly engine: AlertEngine;
  readonly service: AlertsService;
  #scheduler: AlertScheduler | null = null;

  constructor(private readonly platform: Platform, orgs: OrgsService, supervision: SupervisionService) {
    this.engine = new AlertEngine(platform, supervisionFacts(supervision));
    this.service = new AlertsService(platform, orgs, this.engine);
  }

  startJobs(log: FastifyBaseLogger, options?: SchedulerOptions): void {
    this.#scheduler = new AlertScheduler(this.engine, log);
    this.#scheduler.start(options);
  }

  stopJobs(): void {
    this.#scheduler?.stop();
  }
}
