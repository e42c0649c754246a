import { randomUUID } from 'node:crypto';
import type { CreateDetection, CreateRelationship, Created, DetectionOutcome, Substance } from '@qingyuan/shared';
import { scopeOf } from '../../platform/access/scope.ts';
import type { Trx } from '../../platform/audit/audit-log.ts';
import { chinaDate } from '../../platform/clock.ts';
import type { AuthedContext } from '../../platform/context.ts';
import { uniqueViolation } from '../../platform/db/unique-violation.ts';
import { conflict, invalidField, notFound } from '../../platform/errors.ts';
import type { Platform } from '../../platform/platform.ts';
import * as records from './person-records.repository.ts';
import * as repo from './persons.repository.ts';

const DUPLICATE_RELATIONSHIP = '这两人之间已记录过该关系';
/** Outcomes that are 查处吸毒 decisions: recorded once, in enforcement, and fed into the person's detections. */
const FED_OUTCOMES = new Set<string>(['administrativeDetention', 'fine', 'communityTreatment', 'compulsoryIsolation']);

/** A person's history: detections (查获) with substances from the catalogue, and relationships to other persons. */
export class PersonRecordsService {
  constructor(private readonly platform: Platform) {}

  substances(): Promise<Substance[]> {
    return records.substances(this.platform.db);
  }

  async addDetection(ctx: AuthedContext, personId: string, input: CreateDetection): Promise<Created> {
    if (input.detectedOn > chinaDate(this.platform.clock.now())) throw invalidField('detectedOn', '查获日期不能晚于今天');
    return this.platform.db.transaction().execute(async (trx) => {
      // Shared row lock: an org move rewriting this person's path waits, then rewrites this detection's too.
      const person = await repo.findInScope(trx, scopeOf(ctx.actor), personId, 'share');
      if (!person) throw notFound();
      const { id, changes } = await this.insertDetection(trx, ctx, person, input);
      await this.audit(trx, ctx, 'person.detection_added', personId, changes);
      return { id };
    });
  }

  /**
   * Checks and writes one detection of a person the caller already holds (locked) in the caller's transaction; returns
   * the audit changes for the caller's row. `field` prefixes the fields a refusal names (`detection.` when nested).
   * Used by addDetection and by 恢复管控 (abstinence), which records the relapse's detection with the restore.
   */
  async insertDetection(
    trx: Trx, ctx: AuthedContext, person: { id: string; orgPath: string; birthDate: string }, input: CreateDetection, field = '',
  ): Promise<{ id: string; changes: Record<string, unknown> }> {
    if (input.detectedOn > chinaDate(this.platform.clock.now())) throw invalidField(`${field}detectedOn`, '查获日期不能晚于今天');
    if (input.detectedOn < person.birthDate) throw invalidField(`${field}detectedOn`, '查获日期不能早于出生日期');
    if (FED_OUTCOMES.has(input.outcome) && (await records.detectionOn(trx, person.id, input.detectedOn, input.outcome, true))) {
      throw conflict('该次查处已在“查处吸毒”中登记，并已自动记入查获记录，无需重复录入', `${field}outcome`);
    }
    const known = await records.knownSubstances(trx, input.substances);
    if (known.length !== input.substances.length) throw invalidField(`${field}substances`, '所选毒品种类不在目录中');
    const id = randomUUID();
    await records.insertDetections(trx, [{
      id,
      personId: person.id,
      detectedOn: input.detectedOn,
      agency: input.agency,
      substances: input.substances,
      outcome: input.outcome,
      notes: input.notes || null,
      orgPath: person.orgPath,
      createdBy: ctx.actor.userId,
    }], this.platform.clock.now());
    const changes: Record<string, unknown> = { detectionId: id };
    for (const [key, value] of Object.entries(input)) if (value !== undefined) changes[key] = 'changed';
    return { id, changes };
  }

  async addRelationship(ctx: AuthedContext, personId: string, input: CreateRelationship): Promise<Created> {
    const scope = scopeOf(ctx.actor);
    try {
      return await this.platform.db.transaction().execute(async (trx) => {
        if (!(await repo.findInScope(trx, scope, personId))) throw notFound();
        if (input.relatedPersonId === personId) throw invalidField('relatedPersonId', '不能与本人建立关系');
        if (!(await repo.findInScope(trx, scope, input.relatedPersonId))) {
          throw invalidField('relatedPersonId', '所选人员不存在或不在您的管辖范围内');
        }
        if (await records.relationshipExists(trx, personId, input.relatedPersonId, input.kind)) throw conflict(DUPLICATE_RELATIONSHIP, 'relatedPersonId');
        const id = randomUUID();
        await records.insertRelationships(trx, [{
          id,
          personId,
          relatedPersonId: input.relatedPersonId,
          kind: input.kind,
          notes: input.notes || null,
          createdBy: ctx.actor.userId,
        }], this.platform.clock.now());
        await this.audit(trx, ctx, 'person.relationship_added', personId, {
          relationshipId: id,
          relatedPersonId: 'changed',
          kind: 'changed',
          ...(input.notes ? { notes: 'changed' } : {}),
        });
        return { id };
      });
    } catch (error) {
      if (uniqueViolation(error) === 'person_relationship_pair') throw conflict(DUPLICATE_RELATIONSHIP, 'relatedPersonId');
      throw error;
    }
  }

  /**
   * 查获 fed by 查处吸毒: enforcement calls this in the transaction that records a sanction of a registered person. A
   * detection already typed for that day and outcome is linked to the sanction; otherwise one is written (no substances:
   * the sanction does not record them). Returns the entry for the person's audit row, which the caller appends last.
   */
  async detectionFromSanction(
    trx: Trx,
    input: { personId: string; sanctionId: string; decidedAt: string; outcome: DetectionOutcome; agency: string; createdBy: string },
  ): Promise<{ action: string; entityType: string; entityId: string; changes: Record<string, unknown> }> {
    const typed = await records.detectionOn(trx, input.personId, input.decidedAt, input.outcome, false);
    if (typed) {
      await records.linkSanction(trx, typed, input.sanctionId);
      return { action: 'person.detection_linked', entityType: 'person', entityId: input.personId, changes: { detectionId: typed, sanctionId: input.sanctionId } };
    }
    const orgPath = await records.personPath(trx, input.personId);
    if (orgPath === null) throw notFound();
    const id = randomUUID();
    await records.insertDetections(trx, [{
      id, personId: input.personId, detectedOn: input.decidedAt, agency: input.agency, substances: [], outcome: input.outcome,
      notes: '由“查处吸毒”登记自动记入', orgPath, createdBy: input.createdBy,
    }], this.platform.clock.now());
    await records.linkSanction(trx, id, input.sanctionId);
    return { action: 'person.detection_added', entityType: 'person', entityId: input.personId, changes: { detectionId: id, sanctionId: input.sanctionId, via: 'sanction' } };
  }

  private audit(trx: Trx, ctx: AuthedContext, action: string, personId: string, changes: Record<string, unknown>): Promise<void> {
    return this.platform.audit.append(trx, ctx, { action, entityType: 'person', entityId: personId, changes });
  }
}
