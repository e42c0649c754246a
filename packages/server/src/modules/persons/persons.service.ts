import { randomUUID } from 'node:crypto';
import {
  idNumberProblem,
  normalizeIdNumber,
  parseIdNumber,
  personUnitProblem,
  type CreatePerson,
  type Created,
  type IdNumberFacts,
  type PersonDetail,
  type PersonListItem,
  type PersonListQuery,
  type RevealRequest,
  type RevealResult,
  type UpdatePerson,
} from '@qingyuan/shared';
import { archiveScope, scopeOf, type Scope } from '../../platform/access/scope.ts';
import type { Trx } from '../../platform/audit/audit-log.ts';
import { chinaDate } from '../../platform/clock.ts';
import type { AuthedContext } from '../../platform/context.ts';
import { FieldCipher } from '../../platform/crypto/field-cipher.ts';
import type { Db } from '../../platform/db/database.ts';
import { uniqueViolation } from '../../platform/db/unique-violation.ts';
import { DomainError, invalidField, notFound, staleVersion } from '../../platform/errors.ts';
import type { Platform } from '../../platform/platform.ts';
import { findOrgUnitsByIds, type OrgMoveListener, type OrgReferenceCheck, type OrgsService } from '../orgs/index.ts';
import { PersonCodec } from './person-codec.ts';
import { hasPhoto } from './person-photo.repository.ts';
import { PersonPhotoService } from './person-photo.service.ts';
import { personPatch } from './person-patch.ts';
import * as records from './person-records.repository.ts';
import * as repo from './persons.repository.ts';

const ID_NUMBER_SHAPE = /^\d{17}[\dX]$/;

/** The person registry: registration, masked lists and reads (audited), edits with row versions, audited reveals. */
/** Runs in a registration's transaction; what it returns joins the registration's audit changes. */
export type PersonRegisteredListener = (trx: Trx, ctx: AuthedContext, person: { id: string; orgPath: string }) => Promise<Record<string, unknown>>;

export class PersonsService {
  readonly codec: PersonCodec;
  /** The person's photo (照片), sealed with the same field cipher. */
  readonly photos: PersonPhotoService;

  constructor(
    private readonly platform: Platform,
    private readonly orgs: OrgsService,
  ) {
    const cipher = new FieldCipher(platform.keys);
    this.codec = new PersonCodec(cipher);
    this.photos = new PersonPhotoService(platform, cipher);
  }

  /** Vetoes deactivating a unit that is still the responsible unit of persons on the register. */
  readonly orgReferenceCheck: OrgReferenceCheck = async (db, unit) =>
    (await repo.countActiveInOrg(db, unit.id)) > 0 ? '该单位仍是在册人员的责任单位，请先调整这些人员的责任单位' : null;

  /** Keeps the copied org paths of persons and detections in step with a moved unit, in the move's transaction. */
  readonly orgMoveListener: OrgMoveListener = (trx, oldPath, newPath) => repo.rewritePaths(trx, oldPath, newPath);

  private readonly unitChangeListeners: ((trx: Trx, personId: string, orgPath: string) => Promise<void>)[] = [];

  /** Other modules' copies of a person's path (open measures) follow a change of responsible unit, in its transaction. */
  private readonly registrationListeners: PersonRegisteredListener[] = [];

  /** Called in the registration's transaction (before its audit row): e.g. the registering worker joins the work team. */
  addRegistrationListener(listener: PersonRegisteredListener): void {
    this.registrationListeners.push(listener);
  }

  addUnitChangeListener(listener: (trx: Trx, personId: string, orgPath: string) => Promise<void>): void {
    this.unitChangeListeners.push(listener);
  }

  /**
   * Makes `unit` the person's responsible unit (an accepted transfer): the row version moves on, detections and the
   * listeners' copies follow. The caller has checked scope, holds the tree lock and appends the audit row.
   */
  async reassign(trx: Trx, personId: string, unit: { id: string; path: string }): Promise<void> {
    await repo.update(trx, personId, { orgUnitId: unit.id, orgPath: unit.path }, this.platform.clock.now());
    await repo.setDetectionPaths(trx, personId, unit.path);
    for (const listener of this.unitChangeListeners) await listener(trx, personId, unit.path);
  }

  today(): string {
    return chinaDate(this.platform.clock.now());
  }

  /** A valid, normalized ID number with its derived facts, or a 400 naming `idNumber`. */
  checkIdNumber(value: string): { idNumber: string; facts: IdNumberFacts } {
    const today = this.today();
    const problem = idNumberProblem(value, today);
    const facts = problem === null ? parseIdNumber(value, today) : null;
    if (problem !== null || facts === null) throw invalidField('idNumber', problem ?? '身份证号不正确');
    return { idNumber: normalizeIdNumber(value), facts };
  }

  async register(ctx: AuthedContext, input: CreatePerson): Promise<Created> {
    const { idNumber, facts } = this.checkIdNumber(input.idNumber);
    const idHash = this.codec.idHash(idNumber);
    const scope = scopeOf(ctx.actor);
    const id = randomUUID();
    return this.write(ctx, scope, idHash, async (trx) => {
      const org = await this.orgs.requireInScope(trx, scope, input.orgUnitId, 'orgUnitId');
      if (!org.active) throw invalidField('orgUnitId', '所选单位已停用');
      const kindProblem = personUnitProblem(org.kind);
      if (kindProblem) throw invalidField('orgUnitId', kindProblem);
      for (const field of ['registeredOrgUnitId', 'residenceOrgUnitId'] as const) {
        const ref = input[field];
        if (ref !== undefined) await this.orgs.requireInScope(trx, scope, ref, field);
      }
      await this.refuseDuplicate(trx, ctx, scope, idHash);
      const contacts = (input.contacts ?? []).map((c, position) => {
        const contactId = randomUUID();
        return { id: contactId, personId: id, position, name: c.name, relation: c.relation, phoneEnc: this.codec.sealContactPhone(contactId, c.phone) };
      });
      await repo.insert(trx, [{
        id,
        name: input.name,
        idNumberEnc: this.codec.sealIdNumber(id, idNumber),
        idHash,
        birthDate: facts.birthDate,
        sex: facts.sex,
        ethnicity: input.ethnicity ?? null,
        phonesEnc: this.codec.sealPhones(id, input.phones),
        registeredAddressEnc: this.codec.sealAddress('registeredAddress', id, input.registeredAddress),
        registeredOrgUnitId: input.registeredOrgUnitId ?? null,
        residenceAddressEnc: this.codec.sealAddress('residence', id, input.residence),
        residenceOrgUnitId: input.residenceOrgUnitId ?? null,
        orgUnitId: org.id,
        orgPath: org.path,
        employment: input.employment || null,
        notes: input.notes || null,
      }], contacts, this.platform.clock.now());
      const changes: Record<string, unknown> = { orgUnitId: org.id };
      for (const [field, value] of Object.entries(input)) if (value !== undefined && field !== 'orgUnitId') changes[field] = 'changed';
      for (const listener of this.registrationListeners) Object.assign(changes, await listener(trx, ctx, { id, orgPath: org.path }));
      await this.platform.audit.append(trx, ctx, { action: 'person.registered', entityType: 'person', entityId: id, changes });
      return { id };
    });
  }

  async list(ctx: AuthedContext, query: PersonListQuery): Promise<{ items: PersonListItem[]; total: number }> {
    const scope = scopeOf(ctx.actor);
    const filters: repo.PersonFilters = { ...(query.status ? { status: query.status } : {}) };
    if (query.orgUnitId) filters.underPath = (await this.orgs.requireInScope(this.platform.db, scope, query.orgUnitId, 'orgUnitId')).path;
    const q = query.q?.trim();
    if (!q) return this.listPage(this.platform.db, scope, filters, query);
    const byIdNumber = ID_NUMBER_SHAPE.test(normalizeIdNumber(q));
    if (byIdNumber) filters.idHash = this.codec.idHash(normalizeIdNumber(q));
    else filters.nameContains = q;
    // A search of the register is a sensitive read: audited (how, and how many matched; never the term) with the query.
    return this.platform.db.transaction().execute(async (trx) => {
      const page = await this.listPage(trx, scope, filters, query);
      await this.platform.audit.append(trx, ctx, {
        action: 'person.searched',
        entityType: 'person',
        entityId: page.total === 1 ? (page.items[0]?.id ?? null) : null,
        changes: { by: byIdNumber ? 'idNumber' : 'name', matches: page.total },
      });
      return page;
    });
  }

  async get(ctx: AuthedContext, id: string): Promise<PersonDetail> {
    const scope = scopeOf(ctx.actor);
    return this.platform.db.transaction().execute(async (trx) => {
      const person = await repo.findInScope(trx, scope, id);
      if (!person) throw notFound();
      const detail = await this.detail(trx, scope, person);
      await this.platform.audit.append(trx, ctx, { action: 'person.viewed', entityType: 'person', entityId: id });
      return detail;
    });
  }

  async update(ctx: AuthedContext, id: string, version: number, input: UpdatePerson): Promise<PersonDetail> {
    const scope = scopeOf(ctx.actor);
    const checked = input.idNumber === undefined ? null : this.checkIdNumber(input.idNumber);
    const idHash = checked ? this.codec.idHash(checked.idNumber) : '';
    return this.write(ctx, scope, idHash, async (trx) => {
      // Units first (the shared tree lock), then the person's row: the order an org move takes them in.
      const units = new Map<string, { id: string; path: string }>();
      for (const field of ['orgUnitId', 'registeredOrgUnitId', 'residenceOrgUnitId'] as const) {
        const ref = input[field];
        if (ref === undefined || ref === null) continue;
        const unit = await this.orgs.requireInScope(trx, scope, ref, field);
        if (field === 'orgUnitId' && !unit.active) throw invalidField('orgUnitId', '所选单位已停用');
        const kindProblem = field === 'orgUnitId' ? personUnitProblem(unit.kind) : null;
        if (kindProblem) throw invalidField('orgUnitId', kindProblem);
        units.set(field, unit);
      }
      const person = await repo.findInScope(trx, scope, id, 'update');
      if (!person) throw notFound();
      if (person.version !== version) throw staleVersion();
      if (checked && idHash !== person.idHash) await this.refuseDuplicate(trx, ctx, scope, idHash);
      const current = input.contacts === undefined ? [] : await repo.contactsOf(trx, id);
      const { patch, changes, contacts } = personPatch(this.codec, person, input, checked, units.get('orgUnitId'), current);
      if (Object.keys(changes).length === 0) return this.detail(trx, scope, person);
      const updated = await repo.update(trx, id, patch, this.platform.clock.now());
      if (patch.orgPath !== undefined) {
        await repo.setDetectionPaths(trx, id, patch.orgPath);
        for (const listener of this.unitChangeListeners) await listener(trx, id, patch.orgPath);
      }
      if (contacts) await repo.replaceContacts(trx, id, contacts, this.platform.clock.now());
      await this.platform.audit.append(trx, ctx, { action: 'person.updated', entityType: 'person', entityId: id, changes });
      return this.detail(trx, scope, updated);
    });
  }

  /** The full value of one encrypted field, for a caller holding persons.reveal who typed a reason (audited with it). */
  async reveal(ctx: AuthedContext, id: string, request: RevealRequest): Promise<RevealResult> {
    const scope = scopeOf(ctx.actor);
    return this.platform.db.transaction().execute(async (trx) => {
      const person = await repo.findInScope(trx, scope, id);
      if (!person) throw notFound();
      const result = await this.revealed(trx, person, request.field);
      await this.platform.audit.append(trx, ctx, {
        action: 'person.revealed',
        entityType: 'person',
        entityId: id,
        reason: request.reason,
        changes: { field: request.field },
      });
      return result;
    });
  }

  private async revealed(trx: Trx, person: repo.StoredPerson, field: RevealRequest['field']): Promise<RevealResult> {
    switch (field) {
      case 'idNumber':
        return { field, value: this.codec.idNumber(person) };
      case 'phones':
        return { field, value: this.codec.phones(person) };
      case 'registeredAddress':
        return { field, value: this.codec.registeredAddress(person) };
      case 'residence':
        return { field, value: this.codec.residence(person) };
      case 'contacts': {
        const contacts = await repo.contactsOf(trx, person.id);
        return { field, value: contacts.map((c) => ({ id: c.id, name: c.name, relation: c.relation, phone: this.codec.contactPhone(c) })) };
      }
    }
  }

  private async detail(db: Db, scope: Scope, person: repo.StoredPerson): Promise<PersonDetail> {
    const unitIds = [person.orgUnitId, person.registeredOrgUnitId, person.residenceOrgUnitId].filter((u): u is string => u !== null);
    const names = new Map((await findOrgUnitsByIds(db, [...new Set(unitIds)])).map((u) => [u.id, u.name]));
    const ref = (unitId: string | null) => (unitId === null ? null : { id: unitId, name: names.get(unitId) ?? '' });
    const contacts = await repo.contactsOf(db, person.id);
    const detections = await records.detectionsOf(db, person.id);
    const relationships = await records.relationshipsOf(db, scope, person.id);
    return {
      ...this.codec.listItem(person, names.get(person.orgUnitId) ?? '', this.today()),
      ...this.codec.maskedAddresses(person),
      ethnicity: person.ethnicity,
      registeredOrgUnit: ref(person.registeredOrgUnitId),
      residenceOrgUnit: ref(person.residenceOrgUnitId),
      employment: person.employment,
      notes: person.notes,
      version: person.version,
      createdAt: person.createdAt.toISOString(),
      contacts: contacts.map((c) => this.codec.maskedContact(c)),
      detections: detections.map((d) => ({ ...d, createdAt: d.createdAt.toISOString() })),
      relationships: relationships.map((r) => ({
        id: r.id,
        kind: r.kind,
        direction: r.direction,
        notes: r.notes,
        other: { id: r.other.id, name: r.other.name, idNumberMasked: this.codec.maskedIdNumber({ id: r.other.id, idNumberEnc: r.other.idNumberEnc }) },
      })),
      hasPhoto: await hasPhoto(db, person.id),
    };
  }

  private async listPage(db: Db, scope: Scope, filters: repo.PersonFilters, query: PersonListQuery) {
    const page = await repo.list(db, scope, filters, query.page, query.pageSize);
    const names = new Map((await findOrgUnitsByIds(db, [...new Set(page.items.map((p) => p.orgUnitId))])).map((u) => [u.id, u.name]));
    const today = this.today();
    return { items: page.items.map((p) => this.codec.listItem(p, names.get(p.orgUnitId) ?? '', today)), total: page.total };
  }

  /**
   * One person per ID number. In the caller's scope the 409 links to the existing record; outside it, a neutral
   * message that says neither who nor where (SECURITY.md §7).
   */
  private async refuseDuplicate(db: Db, ctx: AuthedContext, scope: Scope, idHash: string): Promise<void> {
    const existing = await repo.findByHash(db, idHash);
    if (!existing) return;
    if (existing.orgPath.startsWith(scope.rootPath)) {
      throw new DomainError('conflict', 409, '该身份证号已登记，请打开已有记录', [{ field: 'idNumber', message: '该身份证号已登记' }], { existingId: existing.id });
    }
    // Archived (戒断三年未复吸) under the caller's unit: an archive reader may restore the person (恢复管控); others
    // keep the neutral answer, which says nothing of the archive.
    if (ctx.actor.permissions.has('archive.read') && existing.orgPath.startsWith(archiveScope(scope).rootPath)) {
      throw new DomainError(
        'conflict', 409, '该身份证号属于已转入限制查阅档案的人员（戒断三年未复吸），如已复吸，可在限制查阅档案中恢复管控',
        [{ field: 'idNumber', message: '该身份证号属于限制查阅档案中的人员，可恢复管控' }], { archivedId: existing.id },
      );
    }
    throw new DomainError('conflict', 409, '该身份证号已在其他单位登记，如需办理请联系区禁毒办', [{ field: 'idNumber', message: '该身份证号已在其他单位登记' }]);
  }

  /**
   * A registry write. A duplicate ID number refused (by the check, or by the unique index when two registrations race)
   * is audited on its own, since probing numbers is how someone would learn who is on the register.
   */
  private async write<T>(ctx: AuthedContext, scope: Scope, idHash: string, work: (trx: Trx) => Promise<T>): Promise<T> {
    try {
      return await this.platform.db.transaction().execute(work);
    } catch (caught) {
      let error = caught;
      if (uniqueViolation(caught) === 'person_id_hash') error = await this.refuseDuplicate(this.platform.db, ctx, scope, idHash).then(() => caught, (e: unknown) => e);
      if (error instanceof DomainError && error.code === 'conflict' && error.errors?.[0]?.field === 'idNumber') {
        const existing = await repo.findByHash(this.platform.db, idHash);
        await this.platform.audit.appendAlone(this.platform.db, ctx, {
          action: 'person.register_refused',
          success: false,
          entityType: 'person',
          entityId: existing?.id ?? null,
          changes: { idNumber: 'duplicate', inScope: error.extensions?.existingId !== undefined, archived: error.extensions?.archivedId !== undefined },
        });
      }
      throw error;
    }
  }
}
