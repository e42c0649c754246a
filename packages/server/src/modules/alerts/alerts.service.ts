import type { EventEmitter } from 'node:events';
import {
  ALERT_LEVELS,
  ALERT_RULES,
  alertRule,
  alertTransition,
  permissionsOf,
  ROLES,
  type Role,
  resolveRuleSetting,
  ruleParamProblems,
  slaProblems,
  type AlertAction,
  type AlertCounts,
  type AlertDto,
  type AlertLevel,
  type AlertQuery,
  type AlertStats,
  type AlertStatus,
  type AssignAlert,
  type PutRuleSetting,
  type PutSla,
  type ResolveAlert,
  type RuleSettingDto,
  type SlaDto,
} from '@qingyuan/shared';
import { scopeOf, type Scope } from '../../platform/access/scope.ts';
import type { Trx } from '../../platform/audit/audit-log.ts';
import type { AuthedContext } from '../../platform/context.ts';
import { conflict, invalidField, notFound } from '../../platform/errors.ts';
import type { Platform } from '../../platform/platform.ts';
import type { OrgsService } from '../orgs/index.ts';
import type { AlertEngine } from './alert-engine.ts';
import * as repo from './alerts.repository.ts';

function toDto(a: repo.StoredAlert): AlertDto {
  return {
    id: a.id, rule: a.ruleCode as AlertDto['rule'], ruleName: alertRule(a.ruleCode)?.name ?? a.ruleCode, level: a.level as AlertLevel,
    status: a.status as AlertStatus, person: a.personId ? { id: a.personId, name: a.personName ?? '' } : null,
    orgUnit: { id: a.orgUnitId, name: a.orgUnitName }, inboxOrgUnit: { id: a.inboxOrgUnitId, name: a.inboxOrgUnitName },
    summary: a.summary, details: a.details, raisedAt: a.raisedAt.toISOString(), ackDueAt: a.ackDueAt.toISOString(),
    resolveDueAt: a.resolveDueAt.toISOString(), overdue: a.overdue, escalations: a.escalations,
    assignee: a.assigneeId ? { id: a.assigneeId, name: a.assigneeName ?? '' } : null, outcome: a.outcome as AlertDto['outcome'],
    outcomeNote: a.outcomeNote, closedAt: a.closedAt?.toISOString() ?? null, closedReason: a.closedReason, version: a.version,
  };
}

/** The alert inbox (预警中心): listing in scope, the workflow new → acknowledged → assigned → resolved, settings. */
export class AlertsService {
  /** Emits 'changed' after alerts changed, by the inbox or by the engine (live updates: server-sent events). */
  readonly changes: EventEmitter;

  constructor(private readonly platform: Platform, private readonly orgs: OrgsService, private readonly engine: AlertEngine) {
    this.changes = engine.changes;
  }

  private now(): Date {
    return this.platform.clock.now();
  }

  async list(ctx: AuthedContext, q: AlertQuery): Promise<{ items: AlertDto[]; total: number }> {
    const scope = scopeOf(ctx.actor);
    return this.platform.db.transaction().execute(async (trx) => {
      const underPath = q.orgUnitId ? (await this.orgs.requireInScope(trx, scope, q.orgUnitId, 'orgUnitId')).path : null;
      const { items, total } = await repo.listInScope(trx, scope, q, underPath, q.mine ? ctx.actor.orgPath : null);
      await this.platform.audit.append(trx, ctx, {
        action: 'alert.listed', entityType: 'alert', entityId: null,
        changes: { matches: total, ...(q.personId ? { personId: q.personId } : {}), ...(q.rule ? { rule: q.rule } : {}) },
      });
      return { items: items.map(toDto), total };
    });
  }

  async get(ctx: AuthedContext, id: string): Promise<AlertDto> {
    return this.platform.db.transaction().execute(async (trx) => {
      const alert = await repo.alertInScope(trx, scopeOf(ctx.actor), id);
      if (!alert) throw notFound();
      const history = await repo.transitionsOf(trx, id);
      await this.platform.audit.append(trx, ctx, { action: 'alert.viewed', entityType: 'alert', entityId: id });
      return {
        ...toDto(alert),
        history: history.map((h) => ({
          action: h.action, fromStatus: h.from_status as AlertStatus | null, toStatus: h.to_status as AlertStatus,
          actor: h.actor_id ? { id: h.actor_id, name: h.actor_name ?? '' } : null, at: h.at.toISOString(), note: h.note,
        })),
      };
    });
  }

  async counts(ctx: Pick<AuthedContext, 'actor'>): Promise<AlertCounts> {
    const rows = await repo.openCounts(this.platform.db, scopeOf(ctx.actor));
    const counts: AlertCounts = { open: 0, new: 0, overdue: 0, byLevel: { high: 0, medium: 0, low: 0 } };
    for (const r of rows) {
      const n = Number(r.n);
      counts.open += n;
      if (r.status === 'new') counts.new += n;
      if (r.overdue) counts.overdue += n;
      if ((ALERT_LEVELS as readonly string[]).includes(r.level)) counts.byLevel[r.level as AlertLevel] += n;
    }
    return counts;
  }

  async stats(ctx: AuthedContext, orgUnitId: string | undefined): Promise<AlertStats> {
    const scope = scopeOf(ctx.actor);
    return this.platform.db.transaction().execute(async (trx) => {
      const underPath = orgUnitId ? (await this.orgs.requireInScope(trx, scope, orgUnitId, 'orgUnitId')).path : null;
      const { rows, medianAck, medianResolve } = await repo.stats(trx, scope, underPath);
      const result: AlertStats = {
        total: 0, byLevel: { high: 0, medium: 0, low: 0 }, byStatus: { new: 0, acknowledged: 0, assigned: 0, resolved: 0, autoClosed: 0 },
        overdue: 0, medianAckMinutes: medianAck, medianResolveMinutes: medianResolve,
      };
      for (const r of rows) {
        const n = Number(r.n);
        result.total += n;
        if ((ALERT_LEVELS as readonly string[]).includes(r.level)) result.byLevel[r.level as AlertLevel] += n;
        if (r.status in result.byStatus) result.byStatus[r.status as AlertStatus] += n;
        if (r.overdue) result.overdue += n;
      }
      return result;
    });
  }

  private async transition(
    trx: Trx, ctx: AuthedContext, scope: Scope, id: string, action: AlertAction,
    apply: (alert: repo.StoredAlert) => Promise<{ set: Parameters<typeof repo.updateAlert>[2]; note: string | null; audit: Record<string, unknown> }>,
  ): Promise<void> {
    const alert = await repo.alertInScope(trx, scope, id, true);
    if (!alert) throw notFound();
    const next = alertTransition(alert.status as AlertStatus, action);
    if ('problem' in next) throw conflict(next.problem, 'status');
    const { set, note, audit } = await apply(alert);
    await repo.updateAlert(trx, id, { status: next.to, ...set });
    const actionName = { acknowledge: 'acknowledged', assign: 'assigned', resolve: 'resolved' }[action];
    await repo.insertTransition(trx, { alertId: id, action: actionName, fromStatus: alert.status, toStatus: next.to, actorId: ctx.actor.userId, at: this.now(), note });
    await this.platform.audit.append(trx, ctx, { action: `alert.${actionName}`, entityType: 'alert', entityId: id, changes: { status: { from: alert.status, to: next.to }, ...audit } });
  }

  private async write<T>(work: (trx: Trx) => Promise<T>): Promise<T> {
    const result = await this.platform.db.transaction().execute(work);
    this.engine.changed();
    return result;
  }

  acknowledge(ctx: AuthedContext, id: string, note: string | undefined): Promise<{ ok: true }> {
    return this.write(async (trx) => {
      await this.transition(trx, ctx, scopeOf(ctx.actor), id, 'acknowledge', async () => ({ set: {}, note: note || null, audit: {} }));
      return { ok: true as const };
    });
  }

  bulkAcknowledge(ctx: AuthedContext, ids: readonly string[]): Promise<{ acknowledged: string[]; skipped: string[] }> {
    const scope = scopeOf(ctx.actor);
    return this.write(async (trx) => {
      const acknowledged: string[] = [];
      const skipped: string[] = [];
      // One lock order for every bulk call (ids sorted), so two overlapping bulk calls cannot deadlock.
      for (const id of [...new Set(ids)].sort()) {
        const alert = await repo.alertInScope(trx, scope, id, true);
        if (!alert || alert.status !== 'new') {
          skipped.push(id);
          continue;
        }
        await repo.updateAlert(trx, id, { status: 'acknowledged' });
        await repo.insertTransition(trx, { alertId: id, action: 'acknowledged', fromStatus: 'new', toStatus: 'acknowledged', actorId: ctx.actor.userId, at: this.now() });
        acknowledged.push(id);
      }
      await this.platform.audit.append(trx, ctx, { action: 'alert.bulk_acknowledged', entityType: 'alert', entityId: null, changes: { ids: acknowledged, skipped: skipped.length } });
      return { acknowledged, skipped };
    });
  }

  assign(ctx: AuthedContext, id: string, input: AssignAlert): Promise<{ ok: true }> {
    const scope = scopeOf(ctx.actor);
    return this.write(async (trx) => {
      await this.transition(trx, ctx, scope, id, 'assign', async () => {
        const account = await repo.accountInScope(trx, scope, input.assigneeId);
        if (!account) throw invalidField('assigneeId', '所选人员不存在或不在您的管辖范围内');
        return { set: { assignee_id: account.id }, note: input.note || `指派给${account.name}`, audit: { assigneeId: account.id } };
      });
      return { ok: true as const };
    });
  }

  resolve(ctx: AuthedContext, id: string, input: ResolveAlert): Promise<{ ok: true }> {
    return this.write(async (trx) => {
      await this.transition(trx, ctx, scopeOf(ctx.actor), id, 'resolve', async () => ({
        set: { outcome: input.outcome, outcome_note: input.note || null, closed_at: this.now(), closed_reason: '人工处置' },
        note: input.note || null, audit: { outcome: input.outcome, note: input.note ? 'changed' : null },
      }));
      return { ok: true as const };
    });
  }

  /** Accounts in the caller's area who may work alerts: whom an alert can be assigned to. */
  async assignees(ctx: AuthedContext): Promise<{ id: string; name: string; orgUnitName: string }[]> {
    const accounts = await repo.accountsInScope(this.platform.db, scopeOf(ctx.actor));
    return accounts.filter((a) => permissionsOf(a.roles.filter((r): r is Role => (ROLES as readonly string[]).includes(r))).includes('alerts.write'))
      .map(({ id, name, orgUnitName }) => ({ id, name, orgUnitName }));
  }

  // ---- settings (office) ----

  async ruleSettings(ctx: AuthedContext, orgUnitId: string | undefined): Promise<RuleSettingDto[]> {
    const scope = scopeOf(ctx.actor);
    return this.platform.db.transaction().execute(async (trx) => {
      const unit = orgUnitId ? await this.orgs.requireInScope(trx, scope, orgUnitId, 'orgUnitId') : null;
      const path = unit?.path ?? ctx.actor.orgPath;
      const unitId = unit?.id ?? ctx.actor.orgUnitId;
      const settings = await repo.ruleSettings(trx);
      return ALERT_RULES.map((rule) => {
        const own = settings.find((s) => s.rule_code === rule.code && s.org_unit_id === unitId);
        const resolved = resolveRuleSetting(rule, settings.filter((s) => s.rule_code === rule.code)
          .map((s) => ({ orgPath: s.org_path, enabled: s.enabled ?? undefined, params: s.params })), path);
        return {
          rule: rule.code, name: rule.name, level: rule.level, timeBased: rule.timeBased, explanation: rule.explanation, params: [...rule.params],
          effective: { enabled: resolved.enabled, params: resolved.params },
          own: own ? { enabled: own.enabled, params: own.params } : null,
        };
      });
    });
  }

  async putRuleSetting(ctx: AuthedContext, code: string, input: PutRuleSetting): Promise<{ ok: true }> {
    const rule = alertRule(code);
    if (!rule) throw notFound();
    const problem = ruleParamProblems(rule, input.params ?? {})[0];
    if (problem) throw invalidField(problem.field, problem.message);
    await this.platform.db.transaction().execute(async (trx) => {
      const unit = await this.orgs.requireInScope(trx, scopeOf(ctx.actor), input.orgUnitId, 'orgUnitId');
      await repo.upsertRuleSetting(trx, {
        ruleCode: rule.code, orgUnitId: unit.id, orgPath: unit.path, enabled: input.enabled ?? null, params: input.params ?? {}, by: ctx.actor.userId, at: this.now(),
      });
      await this.platform.audit.append(trx, ctx, {
        action: 'alert.rule_set', entityType: 'alert_rule', entityId: rule.code, changes: { orgUnitId: unit.id, enabled: input.enabled ?? null, params: input.params ?? {} },
      });
    });
    return { ok: true };
  }

  async slas(): Promise<SlaDto[]> {
    const slas = await this.engine.slas(this.platform.db);
    return ALERT_LEVELS.map((level) => ({ level, ...slas[level] }));
  }

  async putSlas(ctx: AuthedContext, input: PutSla): Promise<SlaDto[]> {
    for (const [i, item] of input.items.entries()) {
      const problem = slaProblems(item)[0];
      if (problem) throw invalidField(`items.${i}.${problem.field}`, problem.message);
    }
    await this.platform.db.transaction().execute(async (trx) => {
      const before = await this.engine.slas(trx);
      for (const item of input.items) await repo.updateSla(trx, item.level, item.ackMinutes, item.resolveMinutes, ctx.actor.userId, this.now());
      await this.platform.audit.append(trx, ctx, {
        action: 'alert.sla_set', entityType: 'alert_sla', entityId: null,
        changes: Object.fromEntries(input.items.map((i) => [i.level, { from: before[i.level], to: { ackMinutes: i.ackMinutes, resolveMinutes: i.resolveMinutes } }])),
      });
    });
    return this.slas();
  }

  /** Runs the sweep now (office): the same job the scheduler runs, under the same lock. */
  async sweepNow(ctx: AuthedContext) {
    const result = await this.engine.sweep();
    await this.platform.audit.appendAlone(this.platform.db, ctx, { action: 'alert.sweep_run', entityType: 'alert', entityId: null, changes: { ...result } });
    return result;
  }
}

