import { randomUUID } from 'node:crypto';
import {
  suspectDatesProblem,
  yuanToFen,
  type CreateAsset,
  type CreatePrecursorSeizure,
  type CreateSeizure,
  type CreateSuspect,
  type Created,
  type SuspectDto,
  type SuspectRevealRequest,
  type SuspectRevealResult,
  type UpdateSuspect,
} from '@qingyuan/shared';
import type { Scope } from '../../platform/access/scope.ts';
import type { Trx } from '../../platform/audit/audit-log.ts';
import type { AuthedContext } from '../../platform/context.ts';
import { invalidField, notFound, staleVersion } from '../../platform/errors.ts';
import type { Platform } from '../../platform/platform.ts';
import { suspectDto } from './case-view.ts';
import * as repo from './cases.repository.ts';
import type { Collaborators } from './collaborators.ts';
import { checkDay, today } from './enforcement-support.ts';
import { enforcementScope } from './enforcement-scope.ts';
import type { IdentityCodec } from './identity-codec.ts';

const MEASURE_FIELDS = ['caughtAt', 'criminalDetentionAt', 'arrestedAt', 'prosecutedAt'] as const;

/** What is recorded under a case: suspects and their measures (with an audited reveal), seizures, drug assets. */
export class CaseRecordsService {
  constructor(
    private readonly platform: Platform,
    private readonly collaborators: Collaborators,
    private readonly codec: IdentityCodec,
  ) {}

  async addSuspect(ctx: AuthedContext, caseId: string, input: CreateSuspect): Promise<Created> {
    const day = today(this.platform.clock);
    const idNumber = input.idNumber === undefined ? null : this.codec.checked(input.idNumber, day);
    for (const field of MEASURE_FIELDS) checkDay(field, input[field], day);
    const measures: repo.SuspectMeasures = {
      role: input.role,
      caughtAt: input.caughtAt ?? null,
      criminalDetentionAt: input.criminalDetentionAt ?? null,
      arrestedAt: input.arrestedAt ?? null,
      prosecutedAt: input.prosecutedAt ?? null,
      wantedLevel: input.wantedLevel ?? null,
      notes: input.notes || null,
    };
    const problem = suspectDatesProblem(measures);
    if (problem) throw invalidField(problem.field, problem.message);
    // The register is searched (and that search audited) only for a request that is otherwise good.
    const scope = await enforcementScope(this.platform.db, ctx.actor);
    if (!(await repo.findCaseInScope(this.platform.db, scope, caseId))) throw notFound();
    const personId = idNumber === null ? null : await this.collaborators.registeredPerson(ctx, scope, idNumber);
    const id = randomUUID();
    return this.underCase(ctx, caseId, async (trx, orgPath) => {
      const sealed = idNumber === null ? null : this.codec.seal('suspect', id, idNumber);
      await repo.insertSuspects(trx, [{
        id,
        caseId,
        name: input.name,
        idNumberEnc: sealed?.idNumberEnc ?? null,
        idHash: sealed?.idHash ?? null,
        personId,
        orgPath,
        createdBy: ctx.actor.userId,
        ...measures,
      }], this.platform.clock.now());
      const changes: Record<string, unknown> = { suspectId: id, personLinked: personId !== null };
      for (const [field, value] of Object.entries(input)) if (value !== undefined) changes[field] = 'changed';
      await this.platform.audit.append(trx, ctx, { action: 'case.suspect_added', entityType: 'drug_case', entityId: caseId, changes });
      return { id };
    });
  }

  async updateSuspect(ctx: AuthedContext, caseId: string, suspectId: string, version: number, input: UpdateSuspect): Promise<SuspectDto> {
    const day = today(this.platform.clock);
    for (const field of MEASURE_FIELDS) checkDay(field, input[field], day);
    return this.underCase(ctx, caseId, async (trx) => {
      const current = await repo.findSuspect(trx, caseId, suspectId, 'update');
      if (!current) throw notFound();
      if (current.version !== version) throw staleVersion();
      const patch: Partial<repo.SuspectMeasures> = {};
      for (const field of ['role', ...MEASURE_FIELDS, 'wantedLevel', 'notes'] as const) {
        const value = field === 'notes' && input.notes !== undefined ? input.notes || null : input[field];
        if (value !== undefined && value !== current[field]) Object.assign(patch, { [field]: value });
      }
      const problem = suspectDatesProblem({ ...current, ...patch });
      if (problem) throw invalidField(problem.field, problem.message);
      if (Object.keys(patch).length === 0) return suspectDto(current, this.codec);
      const updated = await repo.updateSuspect(trx, suspectId, patch, this.platform.clock.now());
      const changes: Record<string, unknown> = { suspectId };
      for (const field of Object.keys(patch)) changes[field] = 'changed';
      await this.platform.audit.append(trx, ctx, { action: 'case.suspect_updated', entityType: 'drug_case', entityId: caseId, changes });
      return suspectDto(updated, this.codec);
    });
  }

  /** A suspect's full ID number, for a caller holding enforcement.reveal who typed a reason (audited with it). */
  async revealSuspect(ctx: AuthedContext, caseId: string, suspectId: string, request: SuspectRevealRequest): Promise<SuspectRevealResult> {
    return this.platform.db.transaction().execute(async (trx) => {
      const scope = await enforcementScope(trx, ctx.actor);
      if (!(await repo.findCaseInScope(trx, scope, caseId))) throw notFound();
      const suspect = await repo.findSuspect(trx, caseId, suspectId);
      if (!suspect) throw notFound();
      const idNumber = suspect.idNumberEnc === null ? null : this.codec.open('suspect', suspect.id, suspect.idNumberEnc);
      await this.platform.audit.append(trx, ctx, {
        action: 'case.suspect_revealed',
        entityType: 'drug_case',
        entityId: caseId,
        reason: request.reason,
        changes: { suspectId, field: 'idNumber' },
      });
      return { idNumber };
    });
  }

  async addSeizure(ctx: AuthedContext, caseId: string, input: CreateSeizure): Promise<Created> {
    checkDay('seizedAt', input.seizedAt, today(this.platform.clock));
    const known = (await this.collaborators.substances()).some((s) => s.code === input.drug);
    if (!known) throw invalidField('drug', '毒品种类不在目录中');
    const id = randomUUID();
    return this.underCase(ctx, caseId, async (trx, orgPath) => {
      const seizure = { id, drug: input.drug, grams: input.grams, packets: input.packets ?? null, seizedAt: input.seizedAt, place: input.place || null };
      await repo.insertSeizures(trx, [{ ...seizure, caseId, orgPath, createdBy: ctx.actor.userId }], this.platform.clock.now());
      const { id: seizureId, ...facts } = seizure;
      await this.platform.audit.append(trx, ctx, { action: 'case.seizure_added', entityType: 'drug_case', entityId: caseId, changes: { seizureId, ...facts } });
      return { id };
    });
  }

  async addPrecursorSeizure(ctx: AuthedContext, caseId: string, input: CreatePrecursorSeizure): Promise<Created> {
    checkDay('seizedAt', input.seizedAt, today(this.platform.clock));
    const id = randomUUID();
    return this.underCase(ctx, caseId, async (trx, orgPath) => {
      const seizure = { id, chemical: input.chemical, kilograms: input.kilograms, seizedAt: input.seizedAt, place: input.place || null };
      await repo.insertPrecursorSeizure(trx, { ...seizure, caseId, orgPath, createdBy: ctx.actor.userId }, this.platform.clock.now());
      const { id: seizureId, ...facts } = seizure;
      await this.platform.audit.append(trx, ctx, { action: 'case.precursor_seizure_added', entityType: 'drug_case', entityId: caseId, changes: { seizureId, ...facts } });
      return { id };
    });
  }

  async addAsset(ctx: AuthedContext, caseId: string, input: CreateAsset): Promise<Created> {
    checkDay('recordedAt', input.recordedAt, today(this.platform.clock));
    const id = randomUUID();
    return this.underCase(ctx, caseId, async (trx, orgPath) => {
      const asset = { id, kind: input.kind, amountFen: yuanToFen(input.amount), description: input.description, recordedAt: input.recordedAt };
      await repo.insertAssets(trx, [{ ...asset, caseId, orgPath, createdBy: ctx.actor.userId }], this.platform.clock.now());
      await this.platform.audit.append(trx, ctx, {
        action: 'case.asset_added',
        entityType: 'drug_case',
        entityId: caseId,
        changes: { assetId: id, kind: input.kind, amount: input.amount, description: input.description, recordedAt: input.recordedAt },
      });
      return { id };
    });
  }

  /**
   * A write under a case in the caller's area. The case row is share-locked: an org move rewriting its path waits, then
   * rewrites the new record's path too.
   */
  private underCase<T>(ctx: AuthedContext, caseId: string, work: (trx: Trx, orgPath: string, scope: Scope) => Promise<T>): Promise<T> {
    return this.platform.db.transaction().execute(async (trx) => {
      const scope = await enforcementScope(trx, ctx.actor);
      const found = await repo.findCaseInScope(trx, scope, caseId, 'share');
      if (!found) throw notFound();
      return work(trx, found.orgPath, scope);
    });
  }
}
