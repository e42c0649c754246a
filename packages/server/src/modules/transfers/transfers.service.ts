import { randomUUID } from 'node:crypto';
import {
  TRANSFER_STATUS_LABELS,
  compareDates,
  personUnitProblem,
  transferEscalation,
  type AcceptTransfer,
  type CancelTransfer,
  type CreateTransfer,
  type Created,
  type ReturnTransfer,
  type TransferDto,
  type TransferQuery,
  type TransferTarget,
} from '@qingyuan/shared';
import { ownScope, pathInScope, scopeOf, type Scope } from '../../platform/access/scope.ts';
import type { Trx } from '../../platform/audit/audit-log.ts';
import { chinaDate } from '../../platform/clock.ts';
import type { AuthedContext } from '../../platform/context.ts';
import { uniqueViolation } from '../../platform/db/unique-violation.ts';
import { publishEvent } from '../../platform/events/outbox.ts';
import { conflict, invalidField, notFound } from '../../platform/errors.ts';
import type { Platform } from '../../platform/platform.ts';
import { findOrgUnitsByIds, listOrgUnitsInScope, type OrgMoveListener, type OrgReferenceCheck, type OrgsService } from '../orgs/index.ts';
import { findPersonInScope, type PersonsService } from '../persons/index.ts';
import * as repo from './transfers.repository.ts';

const PENDING_CONFLICT = '该人员已有待接收的移交';
/** A transfer may go to any unit of the tree (another township of the district, or beyond when the tree holds more). */
const WHOLE_TREE: Scope = { rootPath: '/' };

/**
 * Transfers between jurisdictions (移交/转介). The sending side hands a person over; until the receiving side accepts,
 * both see the person (platform/access/scope.ts: a pending transfer into the subtree makes the person visible); on
 * acceptance the responsible unit changes and the person's copies of paths (detections, open measures, assessments)
 * follow; a return leaves everything as it was. Pending more than 7 days: escalated to the district office.
 */
export class TransfersService {
  constructor(private readonly platform: Platform, private readonly orgs: OrgsService, private readonly persons: PersonsService) {}

  readonly orgMoveListener: OrgMoveListener = (trx, oldPath, newPath) => repo.rewritePaths(trx, oldPath, newPath);

  readonly orgReferenceCheck: OrgReferenceCheck = async (db, unit) =>
    (await repo.countPendingTo(db, unit.id)) > 0 ? '该单位有待接收的人员移交，请先接收或退回' : null;

  private now(): Date {
    return this.platform.clock.now();
  }

  private today(): string {
    return chinaDate(this.now());
  }

  private toDto(t: repo.StoredTransfer, scope: Scope): TransferDto {
    const escalation = transferEscalation({ status: t.status, sentOn: t.sentOn }, this.today());
    return {
      id: t.id, personId: t.personId, personName: t.personName, fromOrgUnit: { id: t.fromOrgUnitId, name: t.fromOrgUnitName },
      toOrgUnit: { id: t.toOrgUnitId, name: t.toOrgUnitName }, reason: t.reason, status: t.status, sentOn: t.sentOn, decidedOn: t.decidedOn,
      returnReason: t.returnReason, note: t.note, escalated: escalation.escalated, pendingDays: escalation.pendingDays,
      escalatesOn: escalation.escalatesOn, explanation: escalation.explanation,
      canDecide: t.status === 'pending' && pathInScope(t.toOrgPath, scope) && !pathInScope(t.fromOrgPath, scope),
      cancelReason: t.cancelReason,
      canCancel: t.status === 'pending' && pathInScope(t.fromOrgPath, scope),
    };
  }

  /** The township (or street) a path lies in; the path itself when there is none above. */
  private async townshipPath(trx: Trx, path: string): Promise<string> {
    const units = await findOrgUnitsByIds(trx, path.split('/').filter((s) => s.length > 0));
    return units.find((u) => u.kind === 'township' || u.kind === 'street')?.path ?? path;
  }

  async send(ctx: AuthedContext, personId: string, input: CreateTransfer): Promise<Created> {
    const id = randomUUID();
    try {
      return await this.platform.db.transaction().execute(async (trx) => {
        // Tree lock (shared) first, then the person's row, then the audit row.
        const target = await this.orgs.requireInScope(trx, WHOLE_TREE, input.toOrgUnitId, 'toOrgUnitId');
        if (!target.active) throw invalidField('toOrgUnitId', '所选单位已停用');
        const kindProblem = personUnitProblem(target.kind);
        if (kindProblem) throw invalidField('toOrgUnitId', `接收单位不正确：${kindProblem}`);
        const person = await findPersonInScope(trx, scopeOf(ctx.actor), personId, 'update');
        if (!person) throw notFound();
        if (person.status !== 'active') throw conflict('该人员不在列管状态，不能移交', 'toOrgUnitId');
        if (target.path.startsWith(await this.townshipPath(trx, person.orgPath))) {
          throw invalidField('toOrgUnitId', '接收单位与当前责任单位属同一乡镇（街道），请直接调整责任单位');
        }
        await repo.insertTransfer(trx, {
          id, personId, fromOrgUnitId: person.orgUnitId, fromOrgPath: person.orgPath, toOrgUnitId: target.id, toOrgPath: target.path,
          reason: input.reason, sentOn: this.today(), sentBy: ctx.actor.userId,
        }, this.now());
        // Domain events (alerts: the unaccepted-transfer rule) in the change's transaction, before the audit row.
        await publishEvent(trx, { type: 'transfer.sent', personId, payload: { transferId: id } });
        await this.platform.audit.append(trx, ctx, {
          action: 'transfer.sent', entityType: 'person', entityId: personId,
          changes: { transferId: id, orgUnitId: { from: person.orgUnitId, to: target.id }, reason: 'changed' },
        });
        return { id };
      });
    } catch (error) {
      if (uniqueViolation(error) === 'person_transfer_pending') throw conflict(PENDING_CONFLICT, 'toOrgUnitId');
      throw error;
    }
  }

  /** Units a person may be handed over to: active townships, villages and grids outside the caller's own subtree. */
  async targets(ctx: AuthedContext): Promise<TransferTarget[]> {
    const own = scopeOf(ctx.actor);
    const units = await listOrgUnitsInScope(this.platform.db, WHOLE_TREE, false);
    const names = new Map(units.map((u) => [u.id, u.name]));
    return units
      .filter((u) => personUnitProblem(u.kind) === null && !pathInScope(u.path, own))
      .map((u) => ({ id: u.id, name: u.name, kind: u.kind, parentName: u.parentId ? names.get(u.parentId) ?? null : null }));
  }

  async list(ctx: AuthedContext, query: TransferQuery): Promise<{ items: TransferDto[]; total: number }> {
    const scope = ownScope(scopeOf(ctx.actor));
    return this.platform.db.transaction().execute(async (trx) => {
      let items: TransferDto[];
      switch (query.list) {
        case 'incoming':
          items = (await repo.transfersInScope(trx, scope, 'incoming', { status: query.status ?? 'pending' }))
            .filter((t) => !pathInScope(t.fromOrgPath, scope)).map((t) => this.toDto(t, scope));
          break;
        case 'outgoing':
          items = (await repo.transfersInScope(trx, scope, 'outgoing', { ...(query.status ? { status: query.status } : {}) }))
            .filter((t) => !pathInScope(t.toOrgPath, scope)).map((t) => this.toDto(t, scope));
          break;
        case 'escalated':
          items = (await repo.transfersInScope(trx, scope, 'either', { status: 'pending' })).map((t) => this.toDto(t, scope)).filter((t) => t.escalated);
          break;
        case 'all':
          items = (await repo.transfersInScope(trx, scope, 'either', { ...(query.status ? { status: query.status } : {}) })).map((t) => this.toDto(t, scope));
          break;
      }
      await this.platform.audit.append(trx, ctx, {
        action: 'transfer.listed', entityType: 'transfer', entityId: null, changes: { list: query.list, matches: items.length },
      });
      const start = (query.page - 1) * query.pageSize;
      return { items: items.slice(start, start + query.pageSize), total: items.length };
    });
  }

  /** A person's transfers the caller may see (either side in their scope). */
  async ofPerson(ctx: AuthedContext, personId: string): Promise<TransferDto[]> {
    const scope = scopeOf(ctx.actor);
    return this.platform.db.transaction().execute(async (trx) => {
      if (!(await findPersonInScope(trx, scope, personId))) throw notFound();
      const own = ownScope(scope);
      return (await repo.transfersInScope(trx, own, 'either', { personId })).map((t) => this.toDto(t, own));
    });
  }

  async accept(ctx: AuthedContext, id: string, input: AcceptTransfer): Promise<TransferDto> {
    if (compareDates(input.acceptedOn, this.today()) > 0) throw invalidField('acceptedOn', '接收日期不能晚于今天');
    return this.decide(ctx, id, async (trx, t, scope) => {
      if (compareDates(input.acceptedOn, t.sentOn) < 0) throw invalidField('acceptedOn', '接收日期不能早于移交日期');
      const unit = await this.orgs.requireInScope(trx, scope, t.toOrgUnitId, 'toOrgUnitId');
      if (!unit.active) throw conflict('接收单位已停用，请退回后重新移交', 'toOrgUnitId');
      await this.persons.reassign(trx, t.personId, unit);
      await repo.decideTransfer(trx, t.id, { status: 'accepted', decided_on: input.acceptedOn, decided_by: ctx.actor.userId, note: input.note || null }, this.now());
      await publishEvent(trx, { type: 'transfer.accepted', personId: t.personId, payload: { transferId: t.id } });
      await this.platform.audit.append(trx, ctx, {
        action: 'transfer.accepted', entityType: 'person', entityId: t.personId,
        changes: { transferId: t.id, orgUnitId: { from: t.fromOrgUnitId, to: unit.id }, ...(input.note ? { note: 'changed' } : {}) },
      });
    });
  }

  async giveBack(ctx: AuthedContext, id: string, input: ReturnTransfer): Promise<TransferDto> {
    return this.decide(ctx, id, async (trx, t) => {
      await repo.decideTransfer(trx, t.id, { status: 'returned', decided_on: this.today(), decided_by: ctx.actor.userId, return_reason: input.returnReason }, this.now());
      await publishEvent(trx, { type: 'transfer.returned', personId: t.personId, payload: { transferId: t.id } });
      await this.platform.audit.append(trx, ctx, {
        action: 'transfer.returned', entityType: 'person', entityId: t.personId, changes: { transferId: t.id }, reason: input.returnReason,
      });
    });
  }

  /**
   * 移交撤回: the sending side withdraws a transfer the receiver has not decided yet. Nothing moves (the person never
   * left the sender); the receiver stops seeing the person, and the outbox event closes an unaccepted-transfer alert.
   */
  async cancel(ctx: AuthedContext, id: string, input: CancelTransfer): Promise<TransferDto> {
    const scope = ownScope(scopeOf(ctx.actor));
    return this.platform.db.transaction().execute(async (trx) => {
      // Tree lock (shared) first, as a decision takes it, then the transfer row.
      await this.orgs.requireInScope(trx, scope, ctx.actor.orgUnitId, 'id');
      // The sending unit in the caller's own scope (the office above both sides may withdraw too); the receiver: 404.
      const t = await repo.transferInScope(trx, scope, 'outgoing', id);
      if (!t) throw notFound();
      if (t.status !== 'pending') throw conflict(`该移交${TRANSFER_STATUS_LABELS[t.status]}，不能撤回`, 'status');
      await repo.decideTransfer(trx, t.id, { status: 'cancelled', decided_on: this.today(), decided_by: ctx.actor.userId, cancel_reason: input.reason }, this.now());
      await publishEvent(trx, { type: 'transfer.cancelled', personId: t.personId, payload: { transferId: t.id } });
      await this.platform.audit.append(trx, ctx, {
        action: 'transfer.cancelled', entityType: 'person', entityId: t.personId, changes: { transferId: t.id }, reason: input.reason,
      });
      const after = await repo.transferInScope(trx, scope, 'either', id);
      if (!after) throw notFound();
      return this.toDto(after, scope);
    });
  }

  /** Only the receiving side decides; the transfer row is locked after the tree lock a unit check takes. */
  private async decide(ctx: AuthedContext, id: string, work: (trx: Trx, t: repo.StoredTransfer, scope: Scope) => Promise<void>): Promise<TransferDto> {
    const scope = ownScope(scopeOf(ctx.actor));
    return this.platform.db.transaction().execute(async (trx) => {
      await this.orgs.requireInScope(trx, scope, ctx.actor.orgUnitId, 'id');
      const t = await repo.transferInScope(trx, scope, 'incoming', id);
      if (!t || pathInScope(t.fromOrgPath, scope)) throw notFound();
      if (t.status !== 'pending') throw conflict(`该移交${TRANSFER_STATUS_LABELS[t.status]}`, 'status');
      await work(trx, t, scope);
      const after = await repo.transferInScope(trx, scope, 'either', id);
      if (!after) throw notFound();
      return this.toDto(after, scope);
    });
  }
}
