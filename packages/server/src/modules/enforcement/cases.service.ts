import { randomUUID } from 'node:crypto';
import {
  caseDatesProblem,
  sumGrams,
  type CaseDetail,
  type CaseListItem,
  type CaseListQuery,
  type CreateCase,
  type Created,
  type UpdateCase,
} from '@qingyuan/shared';
import type { Trx } from '../../platform/audit/audit-log.ts';
import type { AuthedContext } from '../../platform/context.ts';
import { FieldCipher } from '../../platform/crypto/field-cipher.ts';
import type { Db } from '../../platform/db/database.ts';
import { uniqueViolation } from '../../platform/db/unique-violation.ts';
import { conflict, invalidField, notFound, staleVersion } from '../../platform/errors.ts';
import type { Platform } from '../../platform/platform.ts';
import type { OrgMoveListener, OrgsService } from '../orgs/index.ts';
import { assetDto, caseListItem, caseStatus, precursorDto, seizureDto, suspectDto, timeline } from './case-view.ts';
import * as repo from './cases.repository.ts';
import type { Collaborators } from './collaborators.ts';
import { checkDay, handlingUnit, placeUnit, today, unitNames } from './enforcement-support.ts';
import { enforcementScope } from './enforcement-scope.ts';
import { IdentityCodec } from './identity-codec.ts';

const DUPLICATE_NUMBER = '案件编号已存在，请核对';

/** Cases (案件): registration, the case register, the case page (audited: it names suspects), edits with row versions. */
export class CasesService {
  readonly codec: IdentityCodec;

  constructor(
    private readonly platform: Platform,
    private readonly orgs: OrgsService,
    private readonly collaborators: Collaborators,
  ) {
    this.codec = new IdentityCodec(new FieldCipher(platform.keys));
  }

  /** Keeps the copied org paths of every enforcement table in step with a moved unit, in the move's transaction. */
  readonly orgMoveListener: OrgMoveListener = (trx, oldPath, newPath) => repo.rewritePaths(trx, oldPath, newPath);

  async create(ctx: AuthedContext, input: CreateCase): Promise<Created> {
    const day = today(this.platform.clock);
    for (const field of ['filedAt', 'solvedAt', 'prosecutedAt'] as const) checkDay(field, input[field], day);
    const dates = { filedAt: input.filedAt, solvedAt: input.solvedAt ?? null, prosecutedAt: input.prosecutedAt ?? null };
    const problem = caseDatesProblem(dates);
    if (problem) throw invalidField(problem.field, problem.message);
    const id = randomUUID();
    await this.write(async (trx) => {
      const scope = await enforcementScope(trx, ctx.actor);
      const place = await placeUnit(this.orgs, trx, scope, input.orgUnitId, 'orgUnitId');
      const handler = await handlingUnit(this.orgs, trx, scope, input.handlingUnitId);
      await repo.insertCases(trx, [{
        id,
        caseNumber: input.caseNumber,
        type: input.type,
        level: input.level,
        supervision: input.supervision ?? null,
        gang: input.gang ?? false,
        network: input.network ?? false,
        family: input.family ?? false,
        ...dates,
        handlingUnitId: handler.id,
        orgUnitId: place.id,
        orgPath: place.path,
        summary: input.summary || null,
        createdBy: ctx.actor.userId,
      }], this.platform.clock.now());
      const { summary, ...facts } = input;
      await this.platform.audit.append(trx, ctx, {
        action: 'case.created',
        entityType: 'drug_case',
        entityId: id,
        changes: { ...facts, ...(summary ? { summary: 'changed' } : {}) },
      });
    });
    return { id };
  }

  async list(ctx: AuthedContext, query: CaseListQuery): Promise<{ items: CaseListItem[]; total: number }> {
    const db = this.platform.db;
    const scope = await enforcementScope(db, ctx.actor);
    const filters: repo.CaseFilters = {
      ...(query.type ? { type: query.type } : {}),
      ...(query.level ? { level: query.level } : {}),
      ...(query.status ? { status: query.status } : {}),
      ...(query.year !== undefined ? { year: query.year } : {}),
      ...(query.q?.trim() ? { numberContains: query.q.trim() } : {}),
    };
    if (query.orgUnitId) filters.underPath = (await this.orgs.requireInScope(db, scope, query.orgUnitId, 'orgUnitId')).path;
    const page = await repo.listCases(db, scope, filters, query.page, query.pageSize);
    const name = await unitNames(db, page.items.flatMap((c) => [c.orgUnitId, c.handlingUnitId]));
    return { items: page.items.map((c) => caseListItem(c, name)), total: page.total };
  }

  /** The case page. It names suspects (masked ID numbers): a read of personal data, audited. */
  async get(ctx: AuthedContext, id: string): Promise<CaseDetail> {
    const substances = await this.collaborators.substances();
    return this.platform.db.transaction().execute(async (trx) => {
      const scope = await enforcementScope(trx, ctx.actor);
      const found = await repo.findCaseInScope(trx, scope, id);
      if (!found) throw notFound();
      const detail = await this.detail(trx, found, substances);
      await this.platform.audit.append(trx, ctx, { action: 'case.viewed', entityType: 'drug_case', entityId: id });
      return detail;
    });
  }

  async update(ctx: AuthedContext, id: string, version: number, input: UpdateCase): Promise<CaseDetail> {
    const day = today(this.platform.clock);
    for (const field of ['filedAt', 'solvedAt', 'prosecutedAt'] as const) checkDay(field, input[field], day);
    const substances = await this.collaborators.substances();
    return this.write(async (trx) => {
      const scope = await enforcementScope(trx, ctx.actor);
      // Units first (the shared tree lock), then the case row: the order an org move takes them in.
      const place = input.orgUnitId === undefined ? null : await placeUnit(this.orgs, trx, scope, input.orgUnitId, 'orgUnitId');
      const handler = input.handlingUnitId === undefined ? null : await handlingUnit(this.orgs, trx, scope, input.handlingUnitId);
      const current = await repo.findCaseInScope(trx, scope, id, 'update');
      if (!current) throw notFound();
      if (current.version !== version) throw staleVersion();
      const next: Partial<repo.CaseFields> = {};
      const changes: Record<string, unknown> = {};
      const set = <K extends keyof repo.CaseFields>(key: K, value: repo.CaseFields[K] | undefined, personal = false) => {
        if (value === undefined || value === current[key]) return;
        next[key] = value;
        changes[key] = personal ? 'changed' : { from: current[key], to: value };
      };
      set('caseNumber', input.caseNumber);
      set('type', input.type);
      set('level', input.level);
      set('supervision', input.supervision === undefined ? undefined : input.supervision);
      set('gang', input.gang);
      set('network', input.network);
      set('family', input.family);
      set('filedAt', input.filedAt);
      set('solvedAt', input.solvedAt);
      set('prosecutedAt', input.prosecutedAt);
      set('handlingUnitId', handler?.id);
      set('orgUnitId', place?.id);
      set('summary', input.summary === undefined ? undefined : input.summary || null, true);
      if (place && place.path !== current.orgPath) next.orgPath = place.path;
      const problem = caseDatesProblem({ ...current, ...next });
      if (problem) throw invalidField(problem.field, problem.message);
      if (Object.keys(changes).length === 0) return this.detail(trx, current, substances);
      const updated = await repo.updateCase(trx, id, next, this.platform.clock.now());
      if (next.orgPath !== undefined) await repo.setCaseChildPaths(trx, id, next.orgPath);
      await this.platform.audit.append(trx, ctx, { action: 'case.updated', entityType: 'drug_case', entityId: id, changes });
      return this.detail(trx, updated, substances);
    });
  }

  private async detail(db: Db, c: repo.StoredCase, substances: readonly { code: string; name: string }[]): Promise<CaseDetail> {
    const drugName = (code: string) => substances.find((s) => s.code === code)?.name ?? code;
    const suspects = (await repo.suspectsOf(db, c.id)).map((s) => suspectDto(s, this.codec));
    const seizures = (await repo.seizuresOf(db, c.id)).map((s) => seizureDto(s, drugName));
    const precursors = (await repo.precursorSeizuresOf(db, c.id)).map(precursorDto);
    const assets = (await repo.assetsOf(db, c.id)).map(assetDto);
    const name = await unitNames(db, [c.orgUnitId, c.handlingUnitId]);
    return {
      ...caseListItem({ ...c, suspectCount: suspects.length, grams: sumGrams(seizures.map((s) => s.grams)) }, name),
      status: caseStatus(c),
      gang: c.gang,
      network: c.network,
      family: c.family,
      summary: c.summary,
      version: c.version,
      createdAt: c.createdAt.toISOString(),
      suspects,
      seizures,
      precursorSeizures: precursors,
      assets,
      timeline: timeline(c, suspects, seizures, precursors, assets),
    };
  }

  /** A case write; a duplicate case number (found by the unique index, also when two writes race) answers 409. */
  private async write<T>(work: (trx: Trx) => Promise<T>): Promise<T> {
    try {
      return await this.platform.db.transaction().execute(work);
    } catch (error) {
      if (uniqueViolation(error) === 'drug_case_number') throw conflict(DUPLICATE_NUMBER, 'caseNumber');
      throw error;
    }
  }
}
