import { randomUUID } from 'node:crypto';
import {
  addDays,
  compareDates,
  daysBetween,
  measureClocks,
  testStatus,
  type CreateDrugTest,
  type CreateMeasure,
  type CreateMeasureEvent,
  type Created,
  type DrugTestDto,
  type MeasureClocks,
  type MeasureDto,
  type MeasureKind,
  type MeasureRecordStatus,
  type ReportIn,
  type RiskLevel,
  type TestPolicy,
  type TestResult,
  type PersonWorklist,
  type WorklistItem,
  type WorklistPageQuery,
  type WorklistQuery,
  type WorklistRow,
  PERSON_WORKLISTS,
} from '@qingyuan/shared';
import { scopeOf, type Scope } from '../../platform/access/scope.ts';
import type { Trx } from '../../platform/audit/audit-log.ts';
import { chinaDate } from '../../platform/clock.ts';
import type { AuthedContext } from '../../platform/context.ts';
import { FieldCipher } from '../../platform/crypto/field-cipher.ts';
import type { Db } from '../../platform/db/database.ts';
import { uniqueViolation } from '../../platform/db/unique-violation.ts';
import { publishEvent } from '../../platform/events/outbox.ts';
import { conflict, invalidField, notFound } from '../../platform/errors.ts';
import type { Platform } from '../../platform/platform.ts';
import type { OrgMoveListener, OrgsService } from '../orgs/index.ts';
import { findPersonInScope, knownSubstances } from '../persons/index.ts';
import * as repo from './supervision.repository.ts';
import { testPolicyResolver } from './test-policies.repository.ts';
import { TestPoliciesService } from './test-policies.service.ts';
import { NO_SOURCES, personWorklist, type WorklistSources } from './worklists-extra.ts';
import { MeasureDue } from './measure-due.ts';
import { COMMUNITY, DEFAULT_RISK, clockInput, codePointCompare, dueFacts, eventsByMeasure, listDue } from './measure-due-rules.ts';

const OPEN_CONFLICT = '该人员已有同类正在执行的管控措施';
/** Maps a field named by the clock rules back to the request field it came from. */
function requestField(field: string): string {
  if (field === 'receivedDate') return 'decisionReceivedDate';
  if (field === 'reportInDate') return 'reportedOn';
  if (field === 'releaseDate') return 'decisionDate';
  if (/\.to$|reportInDate$/.test(field)) return 'to';
  if (/\.from$|\.date$/.test(field)) return 'from';
  if (field.startsWith('extensions')) return 'days';
  return field;
}

/** The clocks of a stored measure with its events as of `today` (for other modules: abstinence, indicators). */
export function clocksOf(m: repo.StoredMeasure, events: readonly repo.StoredEvent[], today: string): MeasureClocks {
  return measureClocks(clockInput(m, events), today);
}

/** A measure's actual last day (term end, release, termination), or null while it still runs on `today`. */
export function measureLastDay(m: repo.StoredMeasure, events: readonly repo.StoredEvent[], today: string): string | null {
  const clocks = clocksOf(m, events, today);
  if (clocks.status === 'ended' || clocks.status === 'terminated') return m.endedOn ?? clocks.termEnd?.date ?? today;
  return null;
}

/** The stored status that goes with the computed one (kept for the "one open measure per kind" rule and lists). */
function recordStatus(clocks: MeasureClocks): MeasureRecordStatus {
  switch (clocks.status) {
    case 'active': return 'active';
    case 'suspended':
    case 'escaped': return 'suspended';
    case 'ended': return 'ended';
    case 'terminated': return 'terminated';
    case 'invalid':
    case 'notDelivered':
    case 'awaitingReportIn':
    case 'notReportedIn': return 'ordered';
  }
}

function isPersonWorklist(list: string): list is PersonWorklist {
  return (PERSON_WORKLISTS as readonly string[]).includes(list);
}

function throwProblems(clocks: MeasureClocks): void {
  const first = clocks.problems[0];
  if (first) throw invalidField(requestField(first.field), first.message);
}

/** The current risk level of each person asked about (absent: never assessed). */
export type RiskLevelSource = (db: Db, personIds: readonly string[]) => Promise<Map<string, RiskLevel>>;
/** A drug test just stored, for modules reacting within the same transaction. */
export type TestRecordedListener = (
  trx: Trx, ctx: AuthedContext, test: { id: string; personId: string; measureId: string | null; testedOn: string; result: TestResult },
) => Promise<void>;

interface SealedResult {
  result: TestResult;
  substances: string[];
}

/** Measures (管控措施) with their statutory clocks, report-in, measure events, drug tests and the working lists. */
export class SupervisionService {
  private readonly cipher: FieldCipher;
  /** 检测频次设置: the test policy per unit that every next-test date here reads. */
  readonly testPolicies: TestPoliciesService;

  constructor(private readonly platform: Platform, private readonly orgs: OrgsService) {
    this.cipher = new FieldCipher(platform.keys);
    this.measureDue = new MeasureDue(platform, (db, ids) => this.riskLevels(db, ids));
    // A policy set or cleared on a unit changes the next test dates of its whole subtree.
    this.testPolicies = new TestPoliciesService(platform, (trx, path) => this.measureDue.recomputeUnder(trx, path));
  }

  /** Stored due dates of open community measures (measure_due) and their daily refresh: what the working lists read. */
  readonly measureDue: MeasureDue;

  /** Keeps the copied org paths of measures, tests and due dates in step with a moved unit, in the move's transaction. */
  readonly orgMoveListener: OrgMoveListener = async (trx, oldPath, newPath) => {
    await repo.rewritePaths(trx, oldPath, newPath);
    await this.measureDue.recomputeUnder(trx, newPath);
  };

  /** Recomputes a person's stored due dates after a write in another module changed an input (a risk assessment). */
  recomputeDue(trx: Db, personId: string): Promise<void> {
    return this.measureDue.recompute(trx, [personId]);
  }

  // Risk levels come from the risk module (latest assessment); medium for everyone until it is wired in.
  private riskLevels: RiskLevelSource = () => Promise.resolve(new Map<string, RiskLevel>());
  private readonly testListeners: TestRecordedListener[] = [];

  /** Where the test schedule reads each person's current risk level (default medium when it has none). */
  useRiskLevels(source: RiskLevelSource): void {
    this.riskLevels = source;
  }

  private worklistSources: WorklistSources = NO_SOURCES;

  /** Where the person working lists (high risk, lost contact, incoming transfers) read risk, transfers and rule settings. */
  useWorklistSources(sources: Partial<WorklistSources>): void {
    this.worklistSources = { ...this.worklistSources, ...sources };
  }

  /** Called in the recording transaction after a test is stored, before its audit row (serious violation, risk triggers). */
  addTestListener(listener: TestRecordedListener): void {
    this.testListeners.push(listener);
  }

  /** The open measures of a person (for tasks about the measure they are under). */
  openMeasuresOf(db: Db, personId: string): Promise<repo.StoredMeasure[]> {
    return repo.measuresOf(db, personId).then((all) => all.filter((m) => (repo.OPEN_STATUSES as readonly string[]).includes(m.status)));
  }

  /** The first late day of each report-in a person missed under an open community measure (a reason to reassess risk). */
  async missedReportIns(db: Db, personId: string): Promise<string[]> {
    const today = this.today();
    const open = (await this.openMeasuresOf(db, personId)).filter((m) => COMMUNITY.includes(m.kind));
    const events = await repo.eventsOf(db, open.map((m) => m.id));
    return open.flatMap((m) => {
      const clocks = measureClocks(clockInput(m, events.filter((e) => e.measureId === m.id)), today);
      return clocks.status === 'notReportedIn' && clocks.reportInDue ? [addDays(clocks.reportInDue.date, 1)] : [];
    });
  }

  /** Rewrites the org path copies of a person's open measures when their responsible unit changes (transfer, edit). */
  async setOpenMeasurePaths(db: Db, personId: string, orgPath: string): Promise<void> {
    await repo.setOpenMeasurePaths(db, personId, orgPath);
    // The new unit's test policy and path apply to the stored due dates.
    await this.measureDue.recompute(db, [personId]);
  }

  private today(): string {
    return chinaDate(this.platform.clock.now());
  }

  private now(): Date {
    return this.platform.clock.now();
  }

  private notFuture(value: string | undefined | null, field: string, label: string): void {
    if (value && compareDates(value, this.today()) > 0) throw invalidField(field, `${label}不能晚于今天`);
  }

  async orderMeasure(ctx: AuthedContext, personId: string, input: CreateMeasure): Promise<Created> {
    this.notFuture(input.decisionDate, 'decisionDate', '决定日期');
    this.notFuture(input.decisionReceivedDate, 'decisionReceivedDate', '收到决定书日期');
    if (input.kind === 'communityRehab' && input.termMonths === undefined) throw invalidField('termMonths', '社区康复须填写期限（1至36个月）');
    if (input.kind !== 'communityRehab' && input.termMonths !== undefined) throw invalidField('termMonths', '仅社区康复需填写期限');
    const scope = scopeOf(ctx.actor);
    const id = randomUUID();
    try {
      return await this.platform.db.transaction().execute(async (trx) => {
        const person = await findPersonInScope(trx, scope, personId, 'share');
        if (!person) throw notFound();
        if (compareDates(input.decisionDate, person.birthDate) < 0) throw invalidField('decisionDate', '决定日期不能早于出生日期');
        const org = await this.orgs.requireInScope(trx, scope, input.executingOrgUnitId, 'executingOrgUnitId');
        if (!org.active) throw invalidField('executingOrgUnitId', '所选单位已停用');
        const measure: repo.StoredMeasure = {
          id, personId, kind: input.kind, decisionDate: input.decisionDate, decisionReceivedDate: input.decisionReceivedDate ?? null,
          decidingAgency: input.decidingAgency, executingOrgUnitId: org.id, executingOrgUnitName: org.name, orgPath: person.orgPath,
          termMonths: input.termMonths ?? null, status: 'ordered', reportInDate: null, justifiedLateReport: false, agreementSignedDate: null,
          agreementNote: null, endedOn: null, endReason: null, version: 1,
        };
        const clocks = measureClocks(clockInput(measure, []), this.today());
        throwProblems(clocks);
        if (await repo.openMeasureOfKind(trx, personId, input.kind)) throw conflict(OPEN_CONFLICT, 'kind');
        await repo.insertMeasure(trx, { ...measure, status: recordStatus(clocks), createdBy: ctx.actor.userId }, this.now());
        const changes: Record<string, unknown> = { measureId: id, kind: input.kind };
        for (const [field, value] of Object.entries(input)) if (value !== undefined && field !== 'kind') changes[field] = 'changed';
        await this.measureDue.recompute(trx, [personId]);
        await publishEvent(trx, { type: 'measure.ordered', personId, payload: { measureId: id } });
        await this.audit(trx, ctx, 'measure.ordered', personId, changes);
        return { id };
      });
    } catch (error) {
      if (uniqueViolation(error) === 'measure_open_kind') throw conflict(OPEN_CONFLICT, 'kind');
      throw error;
    }
  }

  async measures(ctx: AuthedContext, personId: string): Promise<MeasureDto[]> {
    const scope = scopeOf(ctx.actor);
    return this.platform.db.transaction().execute(async (trx) => {
      const person = await findPersonInScope(trx, scope, personId);
      if (!person) throw notFound();
      const measures = await repo.measuresOf(trx, personId);
      const events = await repo.eventsOf(trx, measures.map((m) => m.id));
      const lastTest = (await repo.lastTestDates(trx, [personId])).get(personId) ?? null;
      const risk = (await this.riskLevels(trx, [personId])).get(personId) ?? DEFAULT_RISK;
      const policyAt = await testPolicyResolver(trx);
      await this.audit(trx, ctx, 'measure.listed', personId, { count: measures.length });
      const today = this.today();
      return measures.map((m) => this.toDto(m, events.filter((e) => e.measureId === m.id), lastTest, today, risk, policyAt(m.orgPath)));
    });
  }

  private toDto(m: repo.StoredMeasure, events: repo.StoredEvent[], lastTest: string | null, today: string, risk: RiskLevel, policy: TestPolicy): MeasureDto {
    const clocks = measureClocks(clockInput(m, events), today);
    const scheduled = COMMUNITY.includes(m.kind) && m.reportInDate !== null && ['active', 'suspended'].includes(clocks.status);
    const nextTest = scheduled && m.reportInDate
      ? testStatus({ measureStart: m.reportInDate, lastTestDate: lastTest, risk, termEnd: clocks.termEnd?.date ?? null }, today, policy)
      : null;
    return {
      id: m.id, personId: m.personId, kind: m.kind as MeasureKind, decisionDate: m.decisionDate, decisionReceivedDate: m.decisionReceivedDate,
      decidingAgency: m.decidingAgency, executingOrgUnit: { id: m.executingOrgUnitId, name: m.executingOrgUnitName }, termMonths: m.termMonths,
      status: m.status as MeasureRecordStatus, reportInDate: m.reportInDate, agreementSignedDate: m.agreementSignedDate,
      agreementNote: m.agreementNote, endedOn: m.endedOn, endReason: m.endReason, version: m.version,
      events: events.map((e) => ({ id: e.id, type: e.type as MeasureDto['events'][number]['type'], from: e.from, to: e.to, days: e.days, reason: e.reason, note: e.note })),
      clocks: {
        status: clocks.status, dates: clocks.dates, reportInDue: clocks.reportInDue, termEnd: clocks.termEnd, earliestRelease: clocks.earliestRelease,
        flags: clocks.flags, provisional: clocks.provisional, problems: clocks.problems,
      },
      nextTest,
    };
  }

  async reportIn(ctx: AuthedContext, measureId: string, input: ReportIn): Promise<{ ok: true }> {
    this.notFuture(input.reportedOn, 'reportedOn', '报到日期');
    return this.platform.db.transaction().execute(async (trx) => {
      const m = await repo.measureInScope(trx, scopeOf(ctx.actor), measureId, true);
      if (!m) throw notFound();
      if (!COMMUNITY.includes(m.kind)) throw invalidField('reportedOn', '仅社区戒毒、社区康复需要报到');
      if (m.reportInDate !== null) throw conflict('该措施已登记报到', 'reportedOn');
      if (m.status === 'terminated' || m.status === 'ended') throw conflict('该措施已结束，不能登记报到', 'reportedOn');
      const events = await repo.eventsOf(trx, [m.id]);
      const updated = { ...m, reportInDate: input.reportedOn, justifiedLateReport: input.justifiedLateReport ?? false };
      const clocks = measureClocks(clockInput(updated, events), this.today());
      throwProblems(clocks);
      await repo.updateMeasure(trx, m.id, {
        status: recordStatus(clocks), report_in_date: input.reportedOn, justified_late_report: updated.justifiedLateReport,
        agreement_signed_date: input.reportedOn, agreement_note: input.note || null,
      }, this.now());
      await this.measureDue.recompute(trx, [m.personId]);
      await publishEvent(trx, { type: 'measure.reported_in', personId: m.personId, payload: { measureId: m.id } });
      await this.audit(trx, ctx, 'measure.reported_in', m.personId, {
        measureId: m.id, reportedOn: 'changed', late: clocks.flags.some((f) => f.code === 'reportInLate'), agreementSigned: true,
      });
      return { ok: true as const };
    });
  }

  async addEvent(ctx: AuthedContext, measureId: string, input: CreateMeasureEvent): Promise<Created> {
    this.notFuture(input.from, 'from', '开始日期');
    this.notFuture(input.to, 'to', '结束日期');
    if (input.to && compareDates(input.to, input.from) < 0) throw invalidField('to', '结束日期不能早于开始日期');
    return this.platform.db.transaction().execute(async (trx) => {
      const m = await repo.measureInScope(trx, scopeOf(ctx.actor), measureId, true);
      if (!m) throw notFound();
      const community = COMMUNITY.includes(m.kind);
      const allowed: Record<string, boolean> = {
        suspension: community, placeChange: community, escape: m.kind === 'compulsoryIsolation', extension: m.kind === 'compulsoryIsolation', termination: true,
      };
      if (!allowed[input.type]) throw invalidField('type', '该类措施不适用此事件');
      if (input.type === 'extension' && input.days === undefined) throw invalidField('days', '请填写延长天数');
      if (input.type === 'termination' && m.status === 'terminated') throw conflict('该措施已终止', 'type');
      const events = await repo.eventsOf(trx, [m.id]);
      // Closing an ongoing suspension or escape: the same type and start, now with an end.
      const open = input.to ? events.find((e) => e.type === input.type && e.from === input.from && e.to === null) : undefined;
      const event: repo.StoredEvent = open
        ? { ...open, to: input.to ?? null }
        : {
          id: randomUUID(), measureId: m.id, type: input.type, from: input.from, to: input.to ?? null, days: input.days ?? null,
          reason: input.type === 'termination' ? (input.reason ?? 'other') : null, note: input.note || null,
        };
      const next = open ? events.map((e) => (e.id === open.id ? event : e)) : [...events, event];
      const clocks = measureClocks(clockInput(m, next), this.today());
      throwProblems(clocks);
      if (open) await repo.closeEvent(trx, open.id, event.to ?? input.from);
      else await repo.insertEvent(trx, event, ctx.actor.userId, this.now());
      const terminated = input.type === 'termination';
      await repo.updateMeasure(trx, m.id, {
        status: recordStatus(clocks),
        ...(terminated ? { ended_on: input.from, end_reason: event.reason } : {}),
      }, this.now());
      await this.measureDue.recompute(trx, [m.personId]);
      await publishEvent(trx, { type: 'measure.event_added', personId: m.personId, payload: { measureId: m.id, eventId: event.id } });
      await this.audit(trx, ctx, 'measure.event_added', m.personId, { measureId: m.id, eventId: event.id, type: input.type, closed: Boolean(open) });
      return { id: event.id };
    });
  }

  async recordTest(ctx: AuthedContext, personId: string, input: CreateDrugTest): Promise<Created> {
    this.notFuture(input.testedOn, 'testedOn', '检测日期');
    const substances = input.substances ?? [];
    if (input.result === 'positive' && substances.length === 0) throw invalidField('substances', '阳性结果须至少选择一种毒品');
    if (input.result !== 'positive' && substances.length > 0) throw invalidField('substances', '仅阳性结果需选择毒品种类');
    const scope = scopeOf(ctx.actor);
    return this.platform.db.transaction().execute(async (trx) => {
      const person = await findPersonInScope(trx, scope, personId, 'share');
      if (!person) throw notFound();
      if (compareDates(input.testedOn, person.birthDate) < 0) throw invalidField('testedOn', '检测日期不能早于出生日期');
      if ((await knownSubstances(trx, substances)).length !== substances.length) throw invalidField('substances', '所选毒品种类不在目录中');
      let measureId = input.measureId ?? null;
      const measures = await repo.measuresOf(trx, personId);
      if (measureId !== null && !measures.some((m) => m.id === measureId)) throw invalidField('measureId', '所选措施不属于该人员');
      // Unless named, the test belongs to the community measure running on the test day.
      measureId ??= measures.find((m) => COMMUNITY.includes(m.kind) && m.reportInDate !== null
        && compareDates(m.reportInDate, input.testedOn) <= 0 && (m.endedOn === null || compareDates(input.testedOn, m.endedOn) <= 0))?.id ?? null;
      const id = randomUUID();
      const sealed: SealedResult = { result: input.result, substances };
      await repo.insertTest(trx, {
        id, personId, measureId, testedOn: input.testedOn, kind: input.kind, setting: input.setting,
        resultEnc: this.cipher.sealJson(`drug_test.result_enc:${id}`, sealed),
        tester: input.tester || null, place: input.place || null, notes: input.notes || null, orgPath: person.orgPath, createdBy: ctx.actor.userId,
      }, this.now());
      const changes: Record<string, unknown> = { testId: id };
      for (const [field, value] of Object.entries(input)) if (value !== undefined) changes[field] = 'changed';
      await this.measureDue.recompute(trx, [personId]);
      for (const listener of this.testListeners) await listener(trx, ctx, { id, personId, measureId, testedOn: input.testedOn, result: input.result });
      await publishEvent(trx, { type: 'drug_test.recorded', personId, payload: { testId: id } });
      await this.audit(trx, ctx, 'drug_test.recorded', personId, changes);
      return { id };
    });
  }

  /** A person's test results opened, newest first: facts for alert rules (modules/alerts), never sent as they are. */
  async testResultsOf(db: Db, personId: string): Promise<{ id: string; testedOn: string; measureId: string | null; result: TestResult }[]> {
    return (await repo.testsOf(db, personId)).map((t) => ({
      id: t.id, testedOn: t.testedOn, measureId: t.measureId, result: (this.cipher.openJson(`drug_test.result_enc:${t.id}`, t.resultEnc) as SealedResult).result,
    }));
  }

  async tests(ctx: AuthedContext, personId: string): Promise<DrugTestDto[]> {
    return this.platform.db.transaction().execute(async (trx) => {
      if (!(await findPersonInScope(trx, scopeOf(ctx.actor), personId))) throw notFound();
      const tests = await repo.testsOf(trx, personId);
      await this.audit(trx, ctx, 'drug_test.listed', personId, { count: tests.length });
      return tests.map((t) => {
        const sealed = this.cipher.openJson(`drug_test.result_enc:${t.id}`, t.resultEnc) as SealedResult;
        return {
          id: t.id, measureId: t.measureId, testedOn: t.testedOn, kind: t.kind as DrugTestDto['kind'], setting: t.setting as DrugTestDto['setting'],
          result: sealed.result, substances: sealed.substances, tester: t.tester, place: t.place, notes: t.notes, createdAt: t.createdAt.toISOString(),
        };
      });
    });
  }

  async worklist(ctx: AuthedContext, query: WorklistPageQuery): Promise<{ items: WorklistRow[]; total: number }> {
    const scope = scopeOf(ctx.actor);
    return this.platform.db.transaction().execute(async (trx) => {
      let underPath: string | null = null;
      if (query.orgUnitId) underPath = (await this.orgs.requireInScope(trx, scope, query.orgUnitId, 'orgUnitId')).path;
      const start = (query.page - 1) * query.pageSize;
      let page: { items: WorklistRow[]; total: number };
      if (isPersonWorklist(query.list)) {
        const items = await personWorklist(query.list, {
          db: trx, scope, underPath, today: this.today(), sources: this.worklistSources,
          openCommunityMeasures: async () => (await repo.openMeasuresInScope(trx, scope, underPath)).filter((r) => COMMUNITY.includes(r.measure.kind)),
        });
        page = { items: items.slice(start, start + query.pageSize), total: items.length };
      } else if (await this.measureDue.isFresh(trx)) {
        // Today's stored due dates: paged and counted in the database.
        page = await this.measureDue.list(trx, scope, underPath, query.list, { limit: query.pageSize, offset: start });
      } else {
        const items = await this.liveWorklistItems(trx, scope, underPath, query.list);
        page = { items: items.slice(start, start + query.pageSize), total: items.length };
      }
      await this.platform.audit.append(trx, ctx, {
        action: 'supervision.worklist_viewed', entityType: 'worklist', entityId: null, changes: { list: query.list, matches: page.total },
      });
      return page;
    });
  }

  /** Also the facts of the time-based alert rules (modules/alerts), over any subtree: stored rows when today's, else live. */
  async worklistItems(db: Db, scope: Scope, underPath: string | null, list: WorklistQuery['list']): Promise<WorklistItem[]> {
    if (await this.measureDue.isFresh(db)) return (await this.measureDue.list(db, scope, underPath, list, null)).items;
    return this.liveWorklistItems(db, scope, underPath, list);
  }

  /** The working list computed in memory from the facts (the fallback while today's refresh has not completed). */
  async liveWorklistItems(db: Db, scope: Scope, underPath: string | null, list: WorklistQuery['list']): Promise<WorklistItem[]> {
    const today = this.today();
    const rows = (await repo.openMeasuresInScope(db, scope, underPath)).filter((r) => COMMUNITY.includes(r.measure.kind));
    const events = eventsByMeasure(await repo.eventsOf(db, rows.map((r) => r.measure.id)));
    const personIds = [...new Set(rows.map((r) => r.measure.personId))];
    const lastTests = await repo.lastTestDates(db, personIds);
    const risks = await this.riskLevels(db, personIds);
    const policyAt = await testPolicyResolver(db);
    const items: WorklistItem[] = [];
    for (const { measure: m, personName } of rows) {
      const facts = dueFacts(
        m, events.get(m.id) ?? [], lastTests.get(m.personId) ?? null, risks.get(m.personId) ?? DEFAULT_RISK, policyAt(m.orgPath), today,
      );
      const date = listDue(list, facts, today);
      if (!date) continue;
      items.push({
        personId: m.personId, personName, measureId: m.id, measureKind: m.kind as MeasureKind, dueDate: date.date,
        overdueDays: list === 'endingSoon' ? 0 : Math.max(0, daysBetween(date.date, today)), rule: date.rule, explanation: date.explanation,
      });
    }
    // Names in code-point order (PostgreSQL `COLLATE "C"`), as the stored lists sort them in SQL.
    return items.sort((a, b) => (list === 'endingSoon' ? compareDates(a.dueDate, b.dueDate) : b.overdueDays - a.overdueDays)
      || codePointCompare(a.personName, b.personName) || codePointCompare(a.measureId, b.measureId));
  }

  private audit(trx: Trx, ctx: AuthedContext, action: string, personId: string, changes: Record<string, unknown>): Promise<void> {
    return this.platform.audit.append(trx, ctx, { action, entityType: 'person', entityId: personId, changes });
  }
}
