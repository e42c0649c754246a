import { randomUUID } from 'node:crypto';
import {
  divisionCodeProblem,
  parentKindProblem,
  type CreateOrgUnit,
  type MoveOrgUnit,
  type OrgUnit,
  type UpdateOrgUnit,
} from '@qingyuan/shared';
import { scopeOf, type Scope } from '../../platform/access/scope.ts';
import type { Trx } from '../../platform/audit/audit-log.ts';
import type { AuthedContext } from '../../platform/context.ts';
import type { Db } from '../../platform/db/database.ts';
import { uniqueViolation } from '../../platform/db/unique-violation.ts';
import { conflict, invalidField, notFound } from '../../platform/errors.ts';
import type { Platform } from '../../platform/platform.ts';
import * as repo from './orgs.repository.ts';

/** Another module's veto on deactivating a unit it still references; returns a Chinese reason or null. */
export type OrgReferenceCheck = (db: Db, unit: OrgUnit) => Promise<string | null>;

/** Another module's reaction to a subtree move, run inside the move's transaction (e.g. rewriting copied org paths). */
export type OrgMoveListener = (trx: Trx, oldPath: string, newPath: string) => Promise<void>;

export class OrgsService {
  readonly #referenceChecks: OrgReferenceCheck[] = [];
  readonly #moveListeners: OrgMoveListener[] = [];
  constructor(private readonly platform: Platform) {}

  addReferenceCheck(check: OrgReferenceCheck): void {
    this.#referenceChecks.push(check);
  }

  addMoveListener(listener: OrgMoveListener): void {
    this.#moveListeners.push(listener);
  }

  list(ctx: AuthedContext, includeInactive: boolean): Promise<OrgUnit[]> {
    return repo.listInScope(this.platform.db, scopeOf(ctx.actor), includeInactive);
  }

  async get(ctx: AuthedContext, id: string): Promise<OrgUnit> {
    return (await repo.findInScope(this.platform.db, scopeOf(ctx.actor), id)) ?? Promise.reject(notFound());
  }

  /**
   * For other modules' writes: a unit in the caller's scope, or a 400 naming `field` (missing and out of scope read the
   * same). Waits for any tree change in flight, so the unit's path and active flag stay true until the caller commits.
   */
  async requireInScope(db: Db, scope: Scope, id: string, field: string): Promise<OrgUnit> {
    await repo.lockTree(db, 'shared');
    const unit = await repo.findInScope(db, scope, id);
    if (!unit) throw invalidField(field, '所选单位不存在或不在您的管辖范围内');
    return unit;
  }

  async create(ctx: AuthedContext, input: CreateOrgUnit): Promise<OrgUnit> {
    return this.write('name', async (trx) => {
      const parent = await this.requireInScope(trx, scopeOf(ctx.actor), input.parentId, 'parentId');
      if (!parent.active) throw invalidField('parentId', '上级单位已停用');
      const kindProblem = parentKindProblem(input.kind, parent.kind);
      if (kindProblem) throw invalidField('kind', kindProblem);
      const divisionCode = input.divisionCode ?? null;
      await this.checkDivisionCode(trx, input.kind, divisionCode, parent);
      if (await repo.siblingNameTaken(trx, parent.id, input.name)) throw conflict('同一上级单位下已有同名单位', 'name');
      const unit = await repo.insert(trx, { id: randomUUID(), parent, name: input.name, kind: input.kind, divisionCode });
      await this.platform.audit.append(trx, ctx, {
        action: 'org.created',
        entityType: 'org_unit',
        entityId: unit.id,
        changes: { name: unit.name, kind: unit.kind, parentId: parent.id, divisionCode },
      });
      return unit;
    });
  }

  async update(ctx: AuthedContext, id: string, input: UpdateOrgUnit): Promise<OrgUnit> {
    return this.write('name', async (trx) => {
      const unit = await this.getIn(trx, ctx, id);
      const parent = unit.parentId ? await repo.findById(trx, unit.parentId) : null;
      if (input.name !== undefined && (await repo.siblingNameTaken(trx, unit.parentId, input.name, unit.id))) {
        throw conflict('同一上级单位下已有同名单位', 'name');
      }
      if (input.divisionCode !== undefined && input.divisionCode !== null) {
        await this.checkDivisionCode(trx, unit.kind, input.divisionCode, parent, unit.id);
        const code = input.divisionCode;
        const children = await repo.childrenWithCodes(trx, unit);
        if (children.some((child) => divisionCodeProblem(child.kind, child.divisionCode ?? '', code) !== null)) {
          throw invalidField('divisionCode', '下级单位的行政区划代码与新代码不一致，请先调整下级单位的代码');
        }
      }
      const patch = { name: input.name, divisionCode: input.divisionCode === undefined ? undefined : input.divisionCode };
      const updated = await repo.update(trx, unit.id, patch);
      await this.audit(trx, ctx, 'org.updated', unit, diff(unit, updated));
      return updated;
    });
  }

  async move(ctx: AuthedContext, id: string, input: MoveOrgUnit): Promise<OrgUnit> {
    return this.write('newParentId', async (trx) => {
      const unit = await this.getIn(trx, ctx, id);
      if (unit.id === ctx.actor.orgUnitId) throw invalidField('id', '不能移动本人所在单位');
      const newParent = await this.requireInScope(trx, scopeOf(ctx.actor), input.newParentId, 'newParentId');
      if (newParent.id === unit.parentId) throw invalidField('newParentId', '该单位已在所选上级单位之下');
      if (newParent.path.startsWith(unit.path)) throw invalidField('newParentId', '不能移动到本单位或其下级单位之下');
      if (!newParent.active) throw invalidField('newParentId', '新上级单位已停用');
      const kindProblem = parentKindProblem(unit.kind, newParent.kind);
      if (kindProblem) throw invalidField('newParentId', kindProblem);
      if (await repo.siblingNameTaken(trx, newParent.id, unit.name)) throw conflict('新上级单位下已有同名单位', 'newParentId');
      const divisionCode = await this.codeAfterMove(trx, unit, newParent, input.divisionCode);
      let moved = await repo.moveSubtree(trx, unit, newParent);
      for (const listener of this.#moveListeners) await listener(trx, unit.path, moved.path);
      if (divisionCode !== unit.divisionCode) moved = await repo.update(trx, unit.id, { divisionCode });
      const changes: Record<string, unknown> = { parentId: { from: unit.parentId, to: newParent.id } };
      if (divisionCode !== unit.divisionCode) changes.divisionCode = { from: unit.divisionCode, to: divisionCode };
      await this.audit(trx, ctx, 'org.moved', unit, changes);
      return moved;
    });
  }

  async setActive(ctx: AuthedContext, id: string, active: boolean): Promise<OrgUnit> {
    return this.write('name', async (trx) => {
      const unit = await this.getIn(trx, ctx, id);
      if (unit.active === active) return unit;
      if (!active) {
        if (unit.id === ctx.actor.orgUnitId) throw invalidField('id', '不能停用本人所在单位');
        if ((await repo.countActiveDescendants(trx, unit)) > 0) throw invalidField('id', '请先停用其下级单位');
        for (const check of this.#referenceChecks) {
          const reason = await check(trx, unit);
          if (reason) throw invalidField('id', reason);
        }
      } else if (unit.parentId) {
        const parent = await repo.findById(trx, unit.parentId);
        if (parent && !parent.active) throw invalidField('id', '上级单位已停用，请先启用上级单位');
      }
      const updated = await repo.update(trx, unit.id, { active });
      await this.audit(trx, ctx, active ? 'org.reactivated' : 'org.deactivated', unit, { active: { from: !active, to: active } });
      return updated;
    });
  }

  /**
   * One tree write: a transaction holding the tree lock, so moves never race creates or each other. Name and code
   * checks still race writers elsewhere; a unique violation then answers like the check would (409 naming the field).
   */
  private async write<T>(nameField: string, work: (trx: Trx) => Promise<T>): Promise<T> {
    try {
      return await this.platform.db.transaction().execute(async (trx) => {
        await repo.lockTree(trx, 'exclusive');
        return work(trx);
      });
    } catch (error) {
      const constraint = uniqueViolation(error);
      if (constraint === 'org_unit_sibling_name') throw conflict('同一上级单位下已有同名单位', nameField);
      if (constraint === 'org_unit_division_code') throw conflict('该行政区划代码已被其他单位使用', 'divisionCode');
      throw error;
    }
  }

  private async getIn(trx: Trx, ctx: AuthedContext, id: string): Promise<OrgUnit> {
    return (await repo.findInScope(trx, scopeOf(ctx.actor), id)) ?? Promise.reject(notFound());
  }

  /** The code a unit keeps after a move: its own if it still fits, else the one the request brings (or none). */
  private async codeAfterMove(trx: Trx, unit: OrgUnit, newParent: OrgUnit, requested: string | null | undefined): Promise<string | null> {
    if (requested !== undefined) {
      await this.checkDivisionCode(trx, unit.kind, requested, newParent, unit.id);
      return requested;
    }
    if (unit.divisionCode === null || divisionCodeProblem(unit.kind, unit.divisionCode, newParent.divisionCode) === null) return unit.divisionCode;
    throw invalidField('divisionCode', '移动后原行政区划代码与新上级单位不一致，请填写新的代码或清空');
  }

  private async checkDivisionCode(db: Db, kind: OrgUnit['kind'], code: string | null, parent: OrgUnit | null, exceptId?: string): Promise<void> {
    if (code === null) return;
    const problem = divisionCodeProblem(kind, code, parent?.divisionCode ?? null);
    if (problem) throw invalidField('divisionCode', problem);
    if (await repo.divisionCodeTaken(db, code, exceptId)) throw conflict('该行政区划代码已被其他单位使用', 'divisionCode');
  }

  private audit(trx: Trx, ctx: AuthedContext, action: string, unit: OrgUnit, changes: Record<string, unknown>): Promise<void> {
    return this.platform.audit.append(trx, ctx, { action, entityType: 'org_unit', entityId: unit.id, changes });
  }
}


function diff(before: OrgUnit, after: OrgUnit): Record<string, unknown> {
  const changes: Record<string, unknown> = {};
  if (before.name !== after.name) changes.name = { from: before.name, to: after.name };
  if (before.divisionCode !== after.divisionCode) changes.divisionCode = { from: before.divisionCode, to: after.divisionCode };
  return changes;
}
