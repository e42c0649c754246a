import { randomUUID } from 'node:crypto';
import { EventEmitter } from 'node:events';
import {
  ALERT_LEVELS,
  DEFAULT_SLA,
  alertRule,
  resolveRuleSetting,
  slaDeadlines,
  slaMissed,
  type AlertLevel,
  type AlertStatus,
  type Sla,
  type SweepResult,
} from '@qingyuan/shared';
import type { AuditEntry, Trx } from '../../platform/audit/audit-log.ts';
import { chinaDate } from '../../platform/clock.ts';
import { systemContext } from '../../platform/context.ts';
import type { Db } from '../../platform/db/database.ts';
import { ExclusiveRunner } from '../../platform/db/exclusive.ts';
import type { Platform } from '../../platform/platform.ts';
import { findOrgUnitById } from '../orgs/index.ts';
import { findPersonInScope } from '../persons/index.ts';
import type { AlertFacts, AlertRuleEvaluator, Candidate } from './alert-rule.ts';
import * as repo from './alerts.repository.ts';
import { EVALUATORS } from './rules/index.ts';

// Any constant shared by all instances: the scheduled sweep runs on one server at a time.
const SWEEP_LOCK_KEY = 7_240_008;
const DISPATCH_BATCH = 200;
const EVERYWHERE = { rootPath: '/' };

export interface RaiseInput {
  ruleCode: string;
  subjectKey: string;
  personId: string | null;
  orgUnitId: string;
  orgPath: string;
  summary: string;
  details: Record<string, unknown>;
}

/** Collects audit rows of a transaction so they are appended last (lock order: rows → audit chain). */
class AuditBatch {
  readonly entries: AuditEntry[] = [];
  add(entry: AuditEntry): void {
    this.entries.push(entry);
  }
  async flush(platform: Platform, trx: Trx): Promise<void> {
    for (const entry of this.entries) await platform.audit.append(trx, systemContext('alerts'), entry);
  }
}

/**
 * Raises alerts when a rule's condition holds (one open alert per rule and subject) and closes them, recorded as
 * such, when it clears; dispatches domain events from the outbox; escalates alerts past their SLA to the parent
 * unit's inbox. `sweep` runs all of it under a PostgreSQL advisory lock so two servers never sweep at once.
 */
export class AlertEngine {
  /**
   * Emits 'changed' after every committed transaction that raised, closed or escalated an alert, whoever ran it
   * (dispatcher, sweep, feeds, inbox): the live updates (server-sent events) listen here.
   */
  readonly changes = new EventEmitter();
  readonly #sweepLock: ExclusiveRunner;

  constructor(private readonly platform: Platform, readonly facts: AlertFacts) {
    this.changes.setMaxListeners(0);
    this.#sweepLock = new ExclusiveRunner(platform.db, platform.dbKind, SWEEP_LOCK_KEY);
  }

  /** Tells the listeners that alerts changed; call it after the transaction committed. */
  changed(): void {
    this.changes.emit('changed');
  }

  private now(): Date {
    return this.platform.clock.now();
  }

  async slas(db: Db): Promise<Record<AlertLevel, Sla>> {
    const result = { ...DEFAULT_SLA };
    for (const r of await repo.slaRows(db)) {
      if ((ALERT_LEVELS as readonly string[]).includes(r.level)) result[r.level as AlertLevel] = { ackMinutes: r.ack_minutes, resolveMinutes: r.resolve_minutes };
    }
    return result;
  }

  /** Raises one alert in the caller's transaction unless an open one exists for the rule and subject. */
  async raise(trx: Trx, input: RaiseInput, audit: AuditBatch): Promise<string | null> {
    const rule = alertRule(input.ruleCode);
    if (!rule) throw new Error(`unknown alert rule ${input.ruleCode}`);
    const now = this.now();
    const deadlines = slaDeadlines(now, (await this.slas(trx))[rule.level]);
    const id = randomUUID();
    const inserted = await repo.insertAlert(trx, {
      id, ruleCode: rule.code, subjectKey: input.subjectKey, level: rule.level, personId: input.personId, orgUnitId: input.orgUnitId,
      orgPath: input.orgPath, summary: input.summary, details: input.details, raisedAt: now, ackDueAt: deadlines.ackDueAt, resolveDueAt: deadlines.resolveDueAt,
    });
    if (!inserted) return null;
    await repo.insertTransition(trx, { alertId: id, action: 'raised', fromStatus: null, toStatus: 'new', actorId: null, at: now });
    audit.add({ action: 'alert.raised', entityType: 'alert', entityId: id, changes: { rule: rule.code, level: rule.level, personId: input.personId, orgUnitId: input.orgUnitId } });
    return id;
  }

  /**
   * Raises many alerts in one statement (partner feeds: a batch of 1,000 events): the SLA deadlines read from the
   * stored SLA, the alerts inserted — those whose rule and subject already have an open alert are skipped — and a
   * 'raised' transition for each one inserted. Returns subject key → new alert id (only the ones inserted here). The
   * caller audits (one row naming the alert ids), last in its transaction.
   */
  async raiseMany(trx: Trx, inputs: readonly RaiseInput[]): Promise<Map<string, string>> {
    if (inputs.length === 0) return new Map();
    const alerts: repo.RaisedAlert[] = inputs.map((input) => {
      const rule = alertRule(input.ruleCode);
      if (!rule) throw new Error(`unknown alert rule ${input.ruleCode}`);
      return {
        id: randomUUID(), ruleCode: rule.code, subjectKey: input.subjectKey, level: rule.level, personId: input.personId, orgUnitId: input.orgUnitId,
        orgPath: input.orgPath, summary: input.summary, details: input.details, defaultSla: DEFAULT_SLA[rule.level],
      };
    });
    return repo.raiseAlerts(trx, alerts, this.now());
  }

  private async autoClose(trx: Trx, alert: { id: string; status: string }, reason: string, audit: AuditBatch): Promise<void> {
    const now = this.now();
    await repo.updateAlert(trx, alert.id, { status: 'autoClosed', closed_at: now, closed_reason: reason });
    await repo.insertTransition(trx, { alertId: alert.id, action: 'autoClosed', fromStatus: alert.status, toStatus: 'autoClosed', actorId: null, at: now, note: reason });
    audit.add({ action: 'alert.auto_closed', entityType: 'alert', entityId: alert.id, changes: { reason } });
  }

  /**
   * Brings the open alerts of one rule in line with its conditions, for one person or the whole tree: conditions that
   * hold and have no open alert raise one; open alerts whose condition no longer holds close themselves.
   */
  private async reconcile(trx: Trx, evaluator: AlertRuleEvaluator, personId: string | null, audit: AuditBatch): Promise<{ raised: number; closed: number }> {
    const rule = alertRule(evaluator.code);
    if (!rule) return { raised: 0, closed: 0 };
    // Every read below happens after the lock, so it sees whatever an earlier reconcile of this rule committed.
    await repo.lockRule(trx, rule.code);
    const today = chinaDate(this.now());
    let rootPath = EVERYWHERE.rootPath;
    if (personId !== null) {
      const person = await findPersonInScope(trx, EVERYWHERE, personId);
      if (!person) return { raised: 0, closed: 0 };
      rootPath = person.orgPath;
    }
    const candidates = await evaluator.candidates({ db: trx, facts: this.facts, today, personId, rootPath });
    const settings = await repo.ruleSettingsOf(trx, rule.code);
    const holding: (Candidate & { orgUnitId: string; orgPath: string })[] = [];
    let disabledSomewhere = false;
    const persons = new Map<string, { orgUnitId: string; orgPath: string } | null>();
    for (const c of candidates) {
      if (!persons.has(c.personId)) {
        const p = await findPersonInScope(trx, EVERYWHERE, c.personId);
        persons.set(c.personId, p && p.status === 'active' ? { orgUnitId: p.orgUnitId, orgPath: p.orgPath } : null);
      }
      const person = persons.get(c.personId);
      if (!person) continue;
      // The person's responsible unit, unless the candidate names the unit whose alert it is (Candidate.orgUnit).
      const unit = c.orgUnit ? { orgUnitId: c.orgUnit.id, orgPath: c.orgUnit.path } : person;
      const resolved = resolveRuleSetting(rule, settings, unit.orgPath);
      if (!resolved.enabled) {
        disabledSomewhere = true;
        continue;
      }
      if (evaluator.holds && !evaluator.holds(c, resolved.params)) continue;
      holding.push({ ...c, ...unit });
    }
    const open = await repo.openAlertsOf(trx, rule.code, personId);
    const openKeys = new Set(open.map((a) => a.subjectKey));
    const holdingKeys = new Set(holding.map((c) => c.subjectKey));
    let raised = 0;
    let closed = 0;
    for (const c of holding) {
      if (openKeys.has(c.subjectKey)) continue;
      const id = await this.raise(trx, {
        ruleCode: rule.code, subjectKey: c.subjectKey, personId: c.personId, orgUnitId: c.orgUnitId, orgPath: c.orgPath, summary: c.summary, details: c.details,
      }, audit);
      if (id) raised++;
    }
    for (const a of open) {
      if (holdingKeys.has(a.subjectKey)) continue;
      const candidate = candidates.find((c) => c.subjectKey === a.subjectKey);
      const reason = candidate && disabledSomewhere ? '规则已停用或参数调整，条件不再满足' : '预警条件已消除';
      await this.autoClose(trx, a, reason, audit);
      closed++;
    }
    return { raised, closed };
  }

  /** Processes pending domain events: re-evaluates the rules each one triggers for its person. */
  async dispatch(db: Db = this.platform.db): Promise<{ events: number; raised: number; closed: number }> {
    let events = 0;
    let raised = 0;
    let closed = 0;
    for (;;) {
      let changed = 0;
      const batch = await db.transaction().execute(async (trx) => {
        const pending = await repo.pendingEvents(trx, DISPATCH_BATCH);
        const audit = new AuditBatch();
        const done = new Set<string>();
        // Rules outermost: their locks are taken in EVALUATORS order, as the sweep takes them.
        for (const evaluator of EVALUATORS) {
          for (const event of pending) {
            if (!event.personId || !evaluator.triggers.includes(event.type)) continue;
            const key = `${event.personId}:${evaluator.code}`;
            if (done.has(key)) continue;
            done.add(key);
            const r = await this.reconcile(trx, evaluator, event.personId, audit);
            changed += r.raised + r.closed;
            raised += r.raised;
            closed += r.closed;
          }
        }
        await repo.markProcessed(trx, pending.map((e) => e.id), this.now());
        await audit.flush(this.platform, trx);
        return pending.length;
      });
      events += batch;
      if (changed > 0) this.changed();
      if (batch < DISPATCH_BATCH) return { events, raised, closed };
    }
  }

  /** Evaluates the time-based rules over the whole tree (each rule in its own transaction). */
  async sweepRules(db: Db = this.platform.db): Promise<{ raised: number; closed: number }> {
    let raised = 0;
    let closed = 0;
    for (const evaluator of EVALUATORS) {
      if (!alertRule(evaluator.code)?.timeBased) continue;
      const r = await db.transaction().execute(async (trx) => {
        const audit = new AuditBatch();
        const result = await this.reconcile(trx, evaluator, null, audit);
        await audit.flush(this.platform, trx);
        return result;
      });
      raised += r.raised;
      closed += r.closed;
      if (r.raised + r.closed > 0) this.changed();
    }
    return { raised, closed };
  }

  /** Marks open alerts past their SLA overdue and moves each breach once up to the parent unit's inbox. */
  async escalate(db: Db = this.platform.db): Promise<number> {
    const now = this.now();
    let escalated = 0;
    for (const c of await repo.slaCandidates(db, now)) {
      const done = await db.transaction().execute(async (trx) => {
        const row = await trx.selectFrom('alert').select(['status', 'ack_due_at', 'resolve_due_at', 'sla_breach', 'inbox_org_unit_id'])
          .where('id', '=', c.id).forUpdate().executeTakeFirst();
        if (!row) return false;
        const breach = slaMissed({ status: row.status as AlertStatus, ackDueAt: row.ack_due_at, resolveDueAt: row.resolve_due_at }, now);
        if (!breach || row.sla_breach === breach || row.sla_breach === 'resolve') return false;
        const inbox = await findOrgUnitById(trx, row.inbox_org_unit_id);
        const parent = inbox?.parentId ? await findOrgUnitById(trx, inbox.parentId) : null;
        const label = breach === 'ack' ? '超过签收时限' : '超过处置时限';
        await repo.updateAlert(trx, c.id, { overdue: true, sla_breach: breach, ...(parent ? { inbox_org_unit_id: parent.id, inbox_path: parent.path } : {}) });
        await repo.insertTransition(trx, { alertId: c.id, action: 'overdue', fromStatus: row.status, toStatus: row.status, actorId: null, at: now, note: label });
        if (parent) {
          await repo.insertTransition(trx, { alertId: c.id, action: 'escalated', fromStatus: row.status, toStatus: row.status, actorId: null, at: now, note: `${label}，升级至${parent.name}` });
        }
        await this.platform.audit.append(trx, systemContext('alerts'), {
          action: 'alert.escalated', entityType: 'alert', entityId: c.id, changes: { breach, inboxOrgUnitId: parent ? { from: row.inbox_org_unit_id, to: parent.id } : null },
        });
        return true;
      });
      if (done) {
        escalated++;
        this.changed();
      }
    }
    return escalated;
  }

  /** Runs `work` only if no other server is sweeping (null when skipped). */
  exclusive<T>(work: () => Promise<T>): Promise<T | null> {
    return this.#sweepLock.run(work);
  }

  /** The scheduled job: outbox, time-based rules, SLA escalation — on one server at a time. */
  async sweep(): Promise<SweepResult> {
    const db = this.platform.db;
    const result = await this.exclusive(async () => {
      const dispatched = await this.dispatch(db);
      const swept = await this.sweepRules(db);
      const escalated = await this.escalate(db);
      return { ran: true, raised: dispatched.raised + swept.raised, closed: dispatched.closed + swept.closed, escalated };
    });
    return result ?? { ran: false, raised: 0, closed: 0, escalated: 0 };
  }

  /** Keeps copied paths in step with a moved unit, in the move's transaction. */
  readonly orgMoveListener = (trx: Trx, oldPath: string, newPath: string): Promise<void> => repo.rewritePaths(trx, oldPath, newPath);
}

export { AuditBatch };
