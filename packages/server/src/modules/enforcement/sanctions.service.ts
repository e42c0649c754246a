import { randomUUID } from 'node:crypto';
import { fenToYuan, yuanToFen, type CreateSanction, type Created, type SanctionDto, type SanctionListQuery } from '@qingyuan/shared';
import type { AuthedContext } from '../../platform/context.ts';
import { invalidField, notFound } from '../../platform/errors.ts';
import type { Platform } from '../../platform/platform.ts';
import type { OrgsService } from '../orgs/index.ts';
import { findCaseInScope } from './cases.repository.ts';
import type { Collaborators } from './collaborators.ts';
import { checkDay, handlingUnit, placeUnit, today, unitNames } from './enforcement-support.ts';
import { enforcementScope } from './enforcement-scope.ts';
import type { IdentityCodec } from './identity-codec.ts';
import * as repo from './sanctions.repository.ts';

/** Administrative handling of drug use (查处吸毒): the source of 查处吸毒人员 and 强制隔离戒毒 figures. */
export class SanctionsService {
  constructor(
    private readonly platform: Platform,
    private readonly orgs: OrgsService,
    private readonly collaborators: Collaborators,
    private readonly codec: IdentityCodec,
  ) {}

  async record(ctx: AuthedContext, input: CreateSanction): Promise<Created> {
    const day = today(this.platform.clock);
    const idNumber = this.codec.checked(input.idNumber, day);
    checkDay('decidedAt', input.decidedAt, day);
    if (input.kind === 'administrativeDetention' && input.detentionDays === undefined) throw invalidField('detentionDays', '行政拘留须填写拘留天数');
    if (input.kind !== 'administrativeDetention' && input.detentionDays !== undefined) throw invalidField('detentionDays', '只有行政拘留填写拘留天数');
    if (input.kind === 'fine' && input.fineAmount === undefined) throw invalidField('fineAmount', '罚款须填写金额');
    if (input.kind !== 'fine' && input.fineAmount !== undefined) throw invalidField('fineAmount', '只有罚款填写金额');
    // Everything the request names is checked before the register is searched (a search is audited).
    const db = this.platform.db;
    const scope = await enforcementScope(db, ctx.actor);
    await placeUnit(this.orgs, db, scope, input.orgUnitId, 'orgUnitId');
    await handlingUnit(this.orgs, db, scope, input.handlingUnitId);
    if (input.caseId !== undefined && !(await findCaseInScope(db, scope, input.caseId))) throw invalidField('caseId', '所选案件不存在或不在您的管辖范围内');
    const personId = await this.collaborators.registeredPerson(ctx, scope, idNumber);
    const id = randomUUID();
    return this.platform.db.transaction().execute(async (trx) => {
      const area = await enforcementScope(trx, ctx.actor);
      const place = await placeUnit(this.orgs, trx, area, input.orgUnitId, 'orgUnitId');
      const handler = await handlingUnit(this.orgs, trx, area, input.handlingUnitId);
      if (input.caseId !== undefined && !(await findCaseInScope(trx, area, input.caseId, 'share'))) throw notFound();
      const sealed = this.codec.seal('drug_use_sanction', id, idNumber);
      await repo.insertSanctions(trx, [{
        id,
        name: input.name,
        ...sealed,
        personId,
        kind: input.kind,
        decidedAt: input.decidedAt,
        detentionDays: input.detentionDays ?? null,
        fineFen: input.fineAmount === undefined ? null : yuanToFen(input.fineAmount),
        handlingUnitId: handler.id,
        orgUnitId: place.id,
        orgPath: place.path,
        caseId: input.caseId ?? null,
        notes: input.notes || null,
        createdBy: ctx.actor.userId,
      }], this.platform.clock.now());
      // The person's 查获 is fed from here, so neither side types it twice (docs/enforcement.md).
      const personEntry = personId === null ? null : await this.collaborators.detectionFromSanction(trx, {
        personId, sanctionId: id, decidedAt: input.decidedAt, outcome: input.kind, agency: handler.name, createdBy: ctx.actor.userId,
      });
      const changes: Record<string, unknown> = { orgUnitId: place.id, handlingUnitId: handler.id, personLinked: personId !== null };
      for (const [field, value] of Object.entries(input)) if (value !== undefined && !(field in changes)) changes[field] = 'changed';
      await this.platform.audit.append(trx, ctx, { action: 'sanction.recorded', entityType: 'drug_use_sanction', entityId: id, changes });
      if (personEntry) await this.platform.audit.append(trx, ctx, personEntry);
      return { id };
    });
  }

  /** A page of handled persons (masked ID numbers): a read of personal data, audited with how many it showed. */
  async list(ctx: AuthedContext, query: SanctionListQuery): Promise<{ items: SanctionDto[]; total: number }> {
    return this.platform.db.transaction().execute(async (trx) => {
      const scope = await enforcementScope(trx, ctx.actor);
      const filters: repo.SanctionFilters = {
        ...(query.kind ? { kind: query.kind } : {}),
        ...(query.year !== undefined ? { year: query.year } : {}),
      };
      if (query.orgUnitId) filters.underPath = (await this.orgs.requireInScope(trx, scope, query.orgUnitId, 'orgUnitId')).path;
      const page = await repo.listSanctions(trx, scope, filters, query.page, query.pageSize);
      const name = await unitNames(trx, page.items.flatMap((s) => [s.orgUnitId, s.handlingUnitId]));
      await this.platform.audit.append(trx, ctx, { action: 'sanction.listed', entityType: 'drug_use_sanction', changes: { shown: page.items.length, total: page.total } });
      return {
        items: page.items.map((s) => ({
          id: s.id,
          name: s.name,
          idNumberMasked: this.codec.masked('drug_use_sanction', s.id, s.idNumberEnc) ?? '',
          personId: s.personId,
          kind: s.kind,
          decidedAt: s.decidedAt,
          detentionDays: s.detentionDays,
          fineAmount: s.fineFen === null ? null : fenToYuan(s.fineFen),
          orgUnit: { id: s.orgUnitId, name: name(s.orgUnitId) },
          handlingUnit: { id: s.handlingUnitId, name: name(s.handlingUnitId) },
          caseId: s.caseId,
        })),
        total: page.total,
      };
    });
  }
}
