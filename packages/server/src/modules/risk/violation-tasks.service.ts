import { randomUUID } from 'node:crypto';
import {
  compareDates,
  countyAbsences,
  reviewViolationTask,
  seriousViolation,
  testEvasions,
  type CompleteViolationTask,
  type DismissViolationTask,
  type LeaveKind,
  type PoliceDecision,
  type ReviewCause,
  type ReviewedTaskStatus,
  type ViolationBasis,
  type ViolationTaskDto,
  type ViolationTaskStatus,
} from '@qingyuan/shared';
import { ownScope, scopeOf } from '../../platform/access/scope.ts';
import type { Trx } from '../../platform/audit/audit-log.ts';
import { chinaDate } from '../../platform/clock.ts';
import type { AuthedContext, RequestContext } from '../../platform/context.ts';
import { conflict, invalidField, notFound } from '../../platform/errors.ts';
import type { Platform } from '../../platform/platform.ts';
import { findOrgUnitsByIds } from '../orgs/index.ts';
import { findPersonInScope } from '../persons/index.ts';
import {
  leavesOf,
  testNoticeFactsOf,
  type LeaveChangedListener,
  type SupervisionService,
  type TestNoticeChangedListener,
  type TestRecordedListener,
} from '../supervision/index.ts';
import * as repo from './risk.repository.ts';
import type { RiskService } from './risk.service.ts';

const TASK_TITLE = '报告公安机关并建议强制隔离戒毒';
const COMMUNITY: readonly string[] = ['communityTreatment', 'communityRehab'];

function toDto(t: repo.StoredViolationTask): ViolationTaskDto {
  return {
    id: t.id, personId: t.personId, personName: t.personName, measureId: t.measureId, basis: t.basis as ViolationBasis, reachedOn: t.reachedOn,
    title: TASK_TITLE, explanation: t.explanation, status: t.status as ViolationTaskStatus, orgUnit: { id: t.orgUnitId, name: t.orgUnitName },
    reportedToPoliceOn: t.reportedToPoliceOn, policeDecision: t.policeDecision as PoliceDecision | null, outcomeNote: t.outcomeNote,
    dismissReason: t.dismissReason, withdrawnOn: t.withdrawnOn, withdrawnReason: t.withdrawnReason, basisNote: t.basisNote, createdAt: t.createdAt.toISOString(),
  };
}

/**
 * Serious-violation tasks (严重违反): after a write that can change the count (a refused test, an absence, a test notice), the pure rule `seriousViolation` runs over
 * the person's open community measure; each threshold reached opens one task per measure and basis for the township.
 */
export class ViolationTasksService {
  constructor(private readonly platform: Platform, private readonly supervision: SupervisionService, private readonly risk: RiskService) {}

  private now(): Date {
    return this.platform.clock.now();
  }

  readonly testListener: TestRecordedListener = async (trx, ctx, test) => {
    if (test.result === 'refused') await this.check(trx, ctx, test.personId);
  };

  /** An absence (or a leave's return) can reach the absence thresholds by itself. */
  readonly leaveListener: LeaveChangedListener = (trx, ctx, personId) => this.check(trx, ctx, personId);

  /** A recorded (possibly back-dated, already missed) or excused test notice changes the evasion count (an excuse may withdraw a task). */
  readonly noticeListener: TestNoticeChangedListener = (trx, ctx, personId, change) => this.check(trx, ctx, personId, change === 'excused' ? 'excuse' : 'other');

  /**
   * Runs the rule for the person's open community measures and opens the missing tasks (idempotent). Call it in the
   * transaction of any write that changes tests or absences; it appends an audit row per new task. Existing tasks are
   * reviewed first (shared `reviewViolationTask`): an open one whose basis no longer holds is withdrawn, a completed one
   * gets a note, a withdrawn one whose basis holds again reopens — each audited.
   */
  async check(trx: Trx, ctx: RequestContext, personId: string, cause: ReviewCause = 'other'): Promise<void> {
    const today = chinaDate(this.now());
    const measures = (await this.supervision.openMeasuresOf(trx, personId)).filter((m) => COMMUNITY.includes(m.kind));
    if (measures.length === 0) return;
    const results = await this.supervision.testResultsOf(trx, personId);
    const leaves = await leavesOf(trx, personId);
    // Refused tests and missed notices (shared `testEvasions`, as the 严重违反协议 alert counts them); the period clips.
    const evasions = testEvasions(results, await testNoticeFactsOf(trx, personId), today);
    for (const m of measures) {
      const verdict = seriousViolation({
        testEvasions: evasions,
        absences: countyAbsences(leaves.map((l) => ({ kind: l.kind as LeaveKind, from: l.from, to: l.to, returnedOn: l.returnedOn })), today),
        period: { from: m.reportInDate ?? m.decisionDate, to: m.endedOn },
        measureKind: m.kind as 'communityTreatment' | 'communityRehab',
      }, today);
      await this.review(trx, ctx, personId, m.id, verdict, cause, today);
      if (!verdict.serious) continue;
      const unit = await this.townshipOf(trx, m.orgPath);
      for (const reached of verdict.reached) {
        const id = randomUUID();
        const explanation = `${reached.explanation}。${verdict.proposal?.explanation ?? ''}`;
        const created = await repo.addViolationTask(trx, {
          id, personId, measureId: m.id, basis: reached.code, reachedOn: reached.reachedOn, explanation, orgUnitId: unit.id, orgPath: unit.path,
        }, this.now());
        if (!created) continue;
        await this.risk.addViolationTrigger(trx, personId, id, reached.reachedOn);
        await this.platform.audit.append(trx, ctx, {
          action: 'violation_task.created', entityType: 'person', entityId: personId, changes: { taskId: id, measureId: m.id, basis: reached.code },
        });
      }
    }
  }

  private async review(
    trx: Trx, ctx: RequestContext, personId: string, measureId: string, verdict: ReturnType<typeof seriousViolation>, cause: ReviewCause, today: string,
  ): Promise<void> {
    for (const task of await repo.tasksOfMeasure(trx, measureId)) {
      const outcome = reviewViolationTask(
        { basis: task.basis as ViolationBasis, status: task.status as ReviewedTaskStatus, basisNote: task.basisNote }, verdict, cause,
      );
      const changes = { taskId: task.id, measureId, basis: task.basis, cause };
      switch (outcome.action) {
        case 'keep':
          continue;
        case 'withdraw':
          await repo.withdrawViolationTask(trx, task.id, outcome.reason, today, this.now());
          await this.platform.audit.append(trx, ctx, { action: 'violation_task.withdrawn', entityType: 'person', entityId: personId, changes });
          continue;
        case 'note':
          await repo.noteViolationTask(trx, task.id, outcome.note);
          await this.platform.audit.append(trx, ctx, { action: 'violation_task.basis_noted', entityType: 'person', entityId: personId, changes });
          continue;
        case 'reopen': {
          const explanation = `${outcome.explanation}。${verdict.proposal?.explanation ?? ''}`;
          await repo.reopenViolationTask(trx, task.id, outcome.reachedOn, explanation);
          await this.platform.audit.append(trx, ctx, { action: 'violation_task.reopened', entityType: 'person', entityId: personId, changes });
          continue;
        }
      }
    }
  }

  /** The township (or street) over a path: the unit that reports to the police. Falls back to the deepest unit. */
  private async townshipOf(trx: Trx, path: string): Promise<{ id: string; path: string }> {
    const ids = path.split('/').filter((s) => s.length > 0);
    const units = await findOrgUnitsByIds(trx, ids);
    const township = units.find((u) => u.kind === 'township' || u.kind === 'street');
    const deepest = units.find((u) => u.id === ids.at(-1));
    const chosen = township ?? deepest;
    if (!chosen) throw notFound();
    return { id: chosen.id, path: chosen.path };
  }

  async list(ctx: AuthedContext, status: ViolationTaskStatus, page: number, pageSize: number): Promise<{ items: ViolationTaskDto[]; total: number }> {
    return this.platform.db.transaction().execute(async (trx) => {
      const found = await repo.violationTasks(trx, ownScope(scopeOf(ctx.actor)), status, page, pageSize);
      await this.platform.audit.append(trx, ctx, {
        action: 'violation_task.listed', entityType: 'violation_task', entityId: null, changes: { status, matches: found.total },
      });
      return { items: found.items.map(toDto), total: found.total };
    });
  }

  async complete(ctx: AuthedContext, id: string, input: CompleteViolationTask): Promise<ViolationTaskDto> {
    if (compareDates(input.reportedToPoliceOn, chinaDate(this.now())) > 0) throw invalidField('reportedToPoliceOn', '报告日期不能晚于今天');
    return this.decide(ctx, id, async (trx, task) => {
      if (compareDates(input.reportedToPoliceOn, task.reachedOn) < 0) throw invalidField('reportedToPoliceOn', '报告日期不能早于达到严重违反的日期');
      await repo.decideViolationTask(trx, id, {
        status: 'completed', reported_to_police_on: input.reportedToPoliceOn, police_decision: input.policeDecision, outcome_note: input.note || null,
      }, ctx.actor.userId, this.now());
      await this.platform.audit.append(trx, ctx, {
        action: 'violation_task.completed', entityType: 'person', entityId: task.personId,
        changes: { taskId: id, reportedToPoliceOn: 'changed', policeDecision: 'changed', ...(input.note ? { note: 'changed' } : {}) },
      });
    });
  }

  async dismiss(ctx: AuthedContext, id: string, input: DismissViolationTask): Promise<ViolationTaskDto> {
    return this.decide(ctx, id, async (trx, task) => {
      await repo.decideViolationTask(trx, id, { status: 'dismissed', dismiss_reason: input.reason }, ctx.actor.userId, this.now());
      await this.platform.audit.append(trx, ctx, {
        action: 'violation_task.dismissed', entityType: 'person', entityId: task.personId, changes: { taskId: id }, reason: input.reason,
      });
    });
  }

  private async decide(ctx: AuthedContext, id: string, work: (trx: Trx, task: repo.StoredViolationTask) => Promise<void>): Promise<ViolationTaskDto> {
    return this.platform.db.transaction().execute(async (trx) => {
      const scope = ownScope(scopeOf(ctx.actor));
      const task = await repo.violationTaskInScope(trx, scope, id);
      if (!task) throw notFound();
      if (task.status !== 'open') throw conflict('该任务已处理', 'status');
      // The person must still be visible to the caller as their own (not merely transferred in).
      if (!(await findPersonInScope(trx, scope, task.personId))) throw notFound();
      await work(trx, task);
      const after = await repo.violationTaskInScope(trx, scope, id);
      if (!after) throw notFound();
      return toDto(after);
    });
  }
}
