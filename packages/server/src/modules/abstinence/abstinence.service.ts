import { randomUUID } from 'node:crypto';
import {
  ABSTINENCE_YEARS,
  addYears,
  abstinentThreeYears,
  compareDates,
  normalizeIdNumber,
  type AbstinenceCandidate,
  type AbstinenceCandidateQuery,
  type AbstinenceProposal,
  type AbstinenceReviewDto,
  type AbstinenceReviewQuery,
  type ArchiveQuery,
  type ArchivedPerson,
  type Created,
  type DecideAbstinence,
  type MeasureKind,
  type ProposeAbstinence,
  type PersonTimelineEvent,
  type RestoreArchivedPerson,
} from '@qingyuan/shared';
import { ARCHIVE_PREFIX, archiveScope, scopeOf, type Scope } from '../../platform/access/scope.ts';
import { chinaDate } from '../../platform/clock.ts';
import type { AuthedContext } from '../../platform/context.ts';
import { FieldCipher } from '../../platform/crypto/field-cipher.ts';
import type { Db } from '../../platform/db/database.ts';
import { uniqueViolation } from '../../platform/db/unique-violation.ts';
import { DomainError, conflict, forbidden, invalidField, notFound } from '../../platform/errors.ts';
import type { Platform } from '../../platform/platform.ts';
import { findOrgUnitsByIds, type OrgMoveListener, type OrgsService } from '../orgs/index.ts';
import { PersonRecordsService, findPersonInScope, type PersonsService, type StoredPerson } from '../persons/index.ts';
import { eventsOf, measureLastDay, measuresOfPersons } from '../supervision/index.ts';
import * as repo from './abstinence.repository.ts';

const ID_NUMBER_SHAPE = /^\d{17}[\dX]$/;

/** The length of the archive prefix on an archived path (0 when there is none). */
const archivedPathPrefixLength = (path: string): number => (path.startsWith(ARCHIVE_PREFIX) ? ARCHIVE_PREFIX.length : 0);

interface Evaluation {
  proposal: AbstinenceProposal;
  lastPositiveTest: string | null;
  lastDetection: string | null;
  lastMeasureEnd: string | null;
  testsSince: number;
}

const latest = (dates: readonly string[]): string | null =>
  dates.reduce<string | null>((best, d) => (best === null || compareDates(d, best) > 0 ? d : best), null);

/**
 * 戒断三年未复吸 (《戒毒条例》: leaving dynamic control after three years without relapse): the system lists persons whose
 * rule says eligible with the evidence; a township proposes; the office approves or rejects with a reason. Approval
 * sets the person's status and moves them and their records into the restricted archive (SECURITY.md §18).
 */
export class AbstinenceService {
  private readonly cipher: FieldCipher;
  private readonly records: PersonRecordsService;

  constructor(
    private readonly platform: Platform,
    private readonly orgs: OrgsService,
    private readonly persons: PersonsService,
  ) {
    this.cipher = new FieldCipher(platform.keys);
    this.records = new PersonRecordsService(platform);
  }

  /** Archived copies follow a moved unit too (ordinary listeners match only unprefixed paths). */
  readonly orgMoveListener: OrgMoveListener = (trx, oldPath, newPath) => repo.rewriteArchivedPaths(trx, oldPath, newPath);

  /** Reviews follow the person when their responsible unit changes (in the edit's transaction). */
  readonly unitChangeListener = (trx: Db, personId: string, orgPath: string): Promise<void> => repo.setReviewPaths(trx, personId, orgPath);

  private today(): string {
    return chinaDate(this.platform.clock.now());
  }

  /** The rule for each person, from their measures (actual last days), tests (opened) and detections. */
  private async evaluate(db: Db, personIds: readonly string[], today: string): Promise<Map<string, Evaluation>> {
    const measures = await measuresOfPersons(db, personIds);
    const events = [];
    for (let i = 0; i < measures.length; i += 1000) events.push(...await eventsOf(db, measures.slice(i, i + 1000).map((m) => m.id)));
    const tests = await repo.testsOfPersons(db, personIds);
    const detections = await repo.detectionDates(db, personIds);
    const group = <T>(items: readonly T[], key: (item: T) => string): Map<string, T[]> => {
      const map = new Map<string, T[]>();
      for (const item of items) {
        const list = map.get(key(item));
        if (list) list.push(item);
        else map.set(key(item), [item]);
      }
      return map;
    };
    const measuresBy = group(measures, (m) => m.personId);
    const eventsBy = group(events, (e) => e.measureId);
    const testsBy = group(tests, (t) => t.personId);
    const out = new Map<string, Evaluation>();
    for (const personId of personIds) {
      const own = (measuresBy.get(personId) ?? []).map((m) => ({
        kind: m.kind as MeasureKind,
        end: measureLastDay(m, eventsBy.get(m.id) ?? [], today),
      }));
      const ownTests = (testsBy.get(personId) ?? []).map((t) => ({
        date: t.testedOn,
        result: (this.cipher.openJson(`drug_test.result_enc:${t.id}`, t.resultEnc) as { result: 'negative' | 'positive' }).result,
      }));
      const ownDetections = detections.get(personId) ?? [];
      const proposal = abstinentThreeYears({ measures: own, tests: ownTests, detections: ownDetections }, today);
      const since = proposal.since;
      out.set(personId, {
        proposal,
        lastPositiveTest: latest(ownTests.filter((t) => t.result === 'positive').map((t) => t.date)),
        lastDetection: latest(ownDetections),
        lastMeasureEnd: latest(own.map((m) => m.end).filter((d): d is string => d !== null)),
        testsSince: since === null ? 0 : ownTests.filter((t) => compareDates(t.date, since) > 0 && compareDates(t.date, today) <= 0).length,
      });
    }
    return out;
  }

  private async unitNames(db: Db, ids: readonly string[]): Promise<Map<string, string>> {
    return new Map((await findOrgUnitsByIds(db, [...new Set(ids)])).map((u) => [u.id, u.name]));
  }

  /** The working list: persons in scope whose rule says eligible now, each with its evidence. Audited (a list of persons). */
  async candidates(ctx: AuthedContext, query: AbstinenceCandidateQuery): Promise<{ items: AbstinenceCandidate[]; total: number }> {
    const scope = scopeOf(ctx.actor);
    const today = this.today();
    return this.platform.db.transaction().execute(async (trx) => {
      const underPath = query.orgUnitId ? (await this.orgs.requireInScope(trx, scope, query.orgUnitId, 'orgUnitId')).path : null;
      const ids = await repo.possibleCandidates(trx, scope, underPath, addYears(today, -ABSTINENCE_YEARS));
      const evaluations = await this.evaluate(trx, ids, today);
      const eligible = ids.filter((id) => evaluations.get(id)?.proposal.eligible === true);
      const start = (query.page - 1) * query.pageSize;
      const page = eligible.slice(start, start + query.pageSize);
      const persons = await repo.personSummaries(trx, page);
      const open = await repo.openReviews(trx, page);
      const names = await this.unitNames(trx, [...persons.values()].map((p) => p.orgUnitId));
      const items: AbstinenceCandidate[] = [];
      for (const id of page) {
        const person = persons.get(id);
        const evaluation = evaluations.get(id);
        if (!person || !evaluation?.proposal.since || !evaluation.proposal.mark) continue;
        items.push({
          personId: id, personName: person.name, idNumberMasked: this.persons.codec.maskedIdNumber(person), orgUnitName: names.get(person.orgUnitId) ?? '',
          since: evaluation.proposal.since, mark: evaluation.proposal.mark, lastPositiveTest: evaluation.lastPositiveTest,
          lastDetection: evaluation.lastDetection, lastMeasureEnd: evaluation.lastMeasureEnd, testsSince: evaluation.testsSince,
          evidence: evaluation.proposal.evidence, openReviewId: open.get(id) ?? null,
        });
      }
      await this.platform.audit.append(trx, ctx, {
        action: 'abstinence.candidates_viewed', entityType: 'worklist', entityId: null, changes: { matches: eligible.length },
      });
      return { items, total: eligible.length };
    });
  }

  /** A township (or the office) proposes: the rule is evaluated again now and its evidence stored with the proposal. */
  async propose(ctx: AuthedContext, personId: string, input: ProposeAbstinence): Promise<Created> {
    const scope = scopeOf(ctx.actor);
    const today = this.today();
    const id = randomUUID();
    try {
      return await this.platform.db.transaction().execute(async (trx) => {
        const person = await this.lockPerson(trx, scope, personId);
        const evaluation = (await this.evaluate(trx, [personId], today)).get(personId);
        const proposal = evaluation?.proposal;
        if (!proposal?.eligible || !proposal.since || !proposal.mark) {
          throw new DomainError('conflict', 409, '尚不符合戒断三年未复吸条件', [{ field: 'personId', message: proposal?.evidence.at(-1) ?? '尚不符合条件' }]);
        }
        if ((await repo.openReviews(trx, [personId])).size > 0) throw conflict('该人员已有待审核的戒断三年未复吸申请', 'personId');
        const evidence = [...proposal.evidence, `核实情况：${input.note}`];
        await repo.insertReview(trx, {
          id, personId, orgPath: person.orgPath, since: proposal.since, markDate: proposal.mark.date, evidence,
          proposedBy: ctx.actor.userId, proposedAt: this.platform.clock.now(),
        });
        await this.platform.audit.append(trx, ctx, {
          action: 'abstinence.proposed', entityType: 'person', entityId: personId, changes: { reviewId: id, note: 'changed' },
        });
        return { id };
      });
    } catch (error) {
      if (uniqueViolation(error) === 'abstinence_review_open') throw conflict('该人员已有待审核的戒断三年未复吸申请', 'personId');
      throw error;
    }
  }

  /** Tree lock (shared) first, then the person's row: the order an org move takes them in. 404 unless active and in scope. */
  private async lockPerson(trx: Db, scope: Scope, personId: string): Promise<StoredPerson> {
    const found = await findPersonInScope(trx, scope, personId);
    if (!found || found.status !== 'active') throw notFound();
    await this.orgs.requireInScope(trx, scope, found.orgUnitId, 'personId');
    const person = await findPersonInScope(trx, scope, personId, 'update');
    if (!person || person.status !== 'active') throw notFound();
    return person;
  }

  async reviews(ctx: AuthedContext, query: AbstinenceReviewQuery): Promise<{ items: AbstinenceReviewDto[]; total: number }> {
    // Approved reviews moved to the archive with their person: only archive readers (the office) list them, from there —
    // and from their ordinary scope too, where the review of a person restored to control (恢复管控) went back with them.
    const fromArchive = query.status === 'approved' && ctx.actor.permissions.has('archive.read');
    const scope = fromArchive ? archiveScope(scopeOf(ctx.actor)) : scopeOf(ctx.actor);
    return this.platform.db.transaction().execute(async (trx) => {
      const page = await repo.listReviews(trx, scope, query.status, query.page, query.pageSize, fromArchive ? scopeOf(ctx.actor) : undefined);
      const items = await this.reviewDtos(trx, page.items);
      await this.platform.audit.append(trx, ctx, {
        action: 'abstinence.reviews_viewed', entityType: 'worklist', entityId: null, changes: { status: query.status ?? 'all', matches: page.total, archive: fromArchive },
      });
      return { items, total: page.total };
    });
  }

  private async reviewDtos(db: Db, reviews: readonly repo.StoredReview[]): Promise<AbstinenceReviewDto[]> {
    const persons = await repo.personSummaries(db, reviews.map((r) => r.personId));
    const names = await this.unitNames(db, [...persons.values()].map((p) => p.orgUnitId));
    return reviews.map((r) => {
      const person = persons.get(r.personId);
      return {
        id: r.id, personId: r.personId, personName: person?.name ?? '', idNumberMasked: person ? this.persons.codec.maskedIdNumber(person) : '',
        orgUnitName: person ? (names.get(person.orgUnitId) ?? '') : '', since: r.since, markDate: r.markDate, evidence: r.evidence, status: r.status,
        proposedAt: r.proposedAt.toISOString(), decidedAt: r.decidedAt?.toISOString() ?? null, decidedOn: r.decidedOn, reason: r.reason,
        restoredOn: r.restoredOn, restoreReason: r.restoreReason,
      };
    });
  }

  /**
   * The office decides. Approval re-checks the rule (a positive test since the proposal refuses it), sets the status,
   * and moves the person and their records into the restricted archive — all in one transaction with its audit row.
   */
  async decide(ctx: AuthedContext, reviewId: string, input: DecideAbstinence): Promise<{ ok: true }> {
    const reason = input.reason?.trim() ? input.reason.trim() : null;
    if (input.decision === 'reject' && reason === null) throw invalidField('reason', '退回须填写理由');
    const scope = scopeOf(ctx.actor);
    const today = this.today();
    return this.platform.db.transaction().execute(async (trx) => {
      const found = await repo.reviewInScope(trx, scope, reviewId);
      if (!found) throw notFound();
      if (found.status !== 'proposed') throw conflict('该申请已审核', 'decision');
      await this.lockPerson(trx, scope, found.personId);
      const review = await repo.reviewInScope(trx, scope, reviewId, true);
      if (!review) throw notFound();
      if (review.status !== 'proposed') throw conflict('该申请已审核', 'decision');
      if (review.proposedBy === ctx.actor.userId) throw conflict('不能审核本人提出的申请', 'decision');
      const now = this.platform.clock.now();
      if (input.decision === 'approve') {
        const evaluation = (await this.evaluate(trx, [review.personId], today)).get(review.personId);
        if (!evaluation?.proposal.eligible) {
          throw new DomainError('conflict', 409, '该人员已不符合戒断三年未复吸条件', [{ field: 'decision', message: evaluation?.proposal.evidence.at(-1) ?? '已不符合条件' }]);
        }
        // A pending transfer keeps the person visible to the receiving side (inScope's transfer clause): settle it first.
        if (await repo.hasPendingTransfer(trx, review.personId)) throw conflict('该人员有待接收的移交，请先完成或退回移交', 'decision');
        await repo.decideReview(trx, review.id, { status: 'approved', decidedBy: ctx.actor.userId, decidedAt: now, decidedOn: today, reason });
        await repo.archivePerson(trx, review.personId, now);
      } else {
        await repo.decideReview(trx, review.id, { status: 'rejected', decidedBy: ctx.actor.userId, decidedAt: now, decidedOn: today, reason });
      }
      await this.platform.audit.append(trx, ctx, {
        action: input.decision === 'approve' ? 'abstinence.approved' : 'abstinence.rejected',
        entityType: 'person', entityId: review.personId, changes: { reviewId: review.id, reason: reason === null ? 'none' : 'changed', archived: input.decision === 'approve' },
      });
      return { ok: true as const };
    });
  }

  /**
   * 恢复管控: an archived person relapsed. The office (archive.read, and persons.write to change the registry) takes the
   * archive prefix off the person and every archived record, sets the status back to active, keeps the reason on the
   * approved review and, when given, records the relapse's detection — one transaction, one audit row.
   */
  async restore(ctx: AuthedContext, personId: string, input: RestoreArchivedPerson): Promise<{ ok: true }> {
    if (!ctx.actor.permissions.has('persons.write')) throw forbidden();
    const reason = input.reason.trim();
    const today = this.today();
    return this.platform.db.transaction().execute(async (trx) => {
      const person = await repo.archivedPersonForUpdate(trx, archiveScope(scopeOf(ctx.actor)), personId);
      if (!person) throw notFound();
      const approved = (await repo.reviewsOfPerson(trx, personId)).filter((r) => r.status === 'approved').at(-1);
      const now = this.platform.clock.now();
      await repo.restorePerson(trx, personId, now);
      if (approved) await repo.markRestored(trx, approved.id, { on: today, by: ctx.actor.userId, reason });
      let detectionId: string | null = null;
      if (input.detection) {
        const orgPath = person.orgPath.slice(archivedPathPrefixLength(person.orgPath));
        detectionId = (await this.records.insertDetection(trx, ctx, { id: personId, orgPath, birthDate: person.birthDate }, input.detection, 'detection.')).id;
      }
      await this.platform.audit.append(trx, ctx, {
        action: 'archive.restored', entityType: 'person', entityId: personId,
        // The reason may describe the relapse: kept on the review, not copied into the audit row (as the decision's).
        changes: { reviewId: approved?.id ?? null, status: 'active', reason: 'changed', ...(detectionId ? { detectionId } : {}) },
      });
      return { ok: true as const };
    });
  }

  /** The restricted archive: masked, every list and search audited; only for archive.read (the office). */
  async archive(ctx: AuthedContext, query: ArchiveQuery): Promise<{ items: ArchivedPerson[]; total: number }> {
    const archive = archiveScope(scopeOf(ctx.actor));
    const q = query.q?.trim();
    const filters: { idHash?: string; nameContains?: string } = {};
    if (q) {
      if (ID_NUMBER_SHAPE.test(normalizeIdNumber(q))) filters.idHash = this.persons.codec.idHash(normalizeIdNumber(q));
      else filters.nameContains = q;
    }
    return this.platform.db.transaction().execute(async (trx) => {
      const page = await repo.listArchived(trx, archive, filters, query.page, query.pageSize);
      const items = await this.archivedDtos(trx, page.items);
      await this.platform.audit.append(trx, ctx, {
        action: 'archive.searched', entityType: 'person', entityId: page.total === 1 ? (page.items[0]?.id ?? null) : null,
        changes: { by: filters.idHash ? 'idNumber' : filters.nameContains ? 'name' : 'none', matches: page.total },
      });
      return { items, total: page.total };
    });
  }

  async archived(ctx: AuthedContext, id: string): Promise<ArchivedPerson> {
    const archive = archiveScope(scopeOf(ctx.actor));
    return this.platform.db.transaction().execute(async (trx) => {
      const person = await repo.archivedPerson(trx, archive, id);
      if (!person) throw notFound();
      const [dto] = await this.archivedDtos(trx, [person]);
      if (!dto) throw notFound();
      await this.platform.audit.append(trx, ctx, { action: 'archive.viewed', entityType: 'person', entityId: id });
      return dto;
    });
  }

  private async archivedDtos(db: Db, persons: readonly repo.ArchivedPersonRow[]): Promise<ArchivedPerson[]> {
    const names = await this.unitNames(db, persons.map((p) => p.orgUnitId));
    const out: ArchivedPerson[] = [];
    for (const p of persons) {
      const approved = (await repo.reviewsOfPerson(db, p.id)).filter((r) => r.status === 'approved').at(-1);
      out.push({
        id: p.id, name: p.name, idNumberMasked: this.persons.codec.maskedIdNumber(p), orgUnitName: names.get(p.orgUnitId) ?? '',
        archivedOn: approved?.decidedOn ?? null, since: approved?.since ?? null, evidence: approved?.evidence ?? [],
      });
    }
    return out;
  }

  /** Timeline source: proposals and decisions. */
  readonly timelineSource = async (db: Db, personId: string): Promise<PersonTimelineEvent[]> => {
    const events: PersonTimelineEvent[] = [];
    for (const r of await repo.reviewsOfPerson(db, personId)) {
      events.push({
        date: chinaDate(r.proposedAt), kind: 'abstinence', title: '提出戒断三年未复吸申请', detail: `戒断起算日${r.since}，满三年日期${r.markDate}`,
        recordId: r.id, tone: 'normal',
      });
      if (r.decidedOn) {
        events.push({
          date: r.decidedOn, kind: 'abstinence', title: r.status === 'approved' ? '批准戒断三年未复吸，解除动态管控' : '退回戒断三年未复吸申请',
          detail: r.reason, recordId: r.id, tone: r.status === 'approved' ? 'success' : 'warning',
        });
      }
      if (r.restoredOn) {
        events.push({ date: r.restoredOn, kind: 'abstinence', title: '恢复管控（自限制查阅档案恢复）', detail: r.restoreReason, recordId: r.id, tone: 'warning' });
      }
    }
    return events;
  };
}
