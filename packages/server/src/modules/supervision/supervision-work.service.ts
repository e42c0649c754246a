import { randomUUID } from 'node:crypto';
import {
  TEAM_ROLE_LABELS,
  compareDates,
  countyAbsences,
  leaveStatus,
  maskPhone,
  type AddTeamMember,
  type AssistanceDto,
  type AssistanceKind,
  type CountyAbsence,
  type CreateAssistance,
  type CreateLeave,
  type CreateVisit,
  type Created,
  type EndTeamMember,
  type LeaveDto,
  type LeaveKind,
  type RecordReturn,
  type TeamMemberDto,
  type TeamRole,
  type VisitDto,
  type VisitKind,
  type WorkerAccount,
} from '@qingyuan/shared';
import { isWorkTeamScope, scopeOf, type Scope } from '../../platform/access/scope.ts';
import type { Trx } from '../../platform/audit/audit-log.ts';
import { chinaDate } from '../../platform/clock.ts';
import type { AuthedContext } from '../../platform/context.ts';
import { FieldCipher } from '../../platform/crypto/field-cipher.ts';
import type { Db } from '../../platform/db/database.ts';
import { uniqueViolation } from '../../platform/db/unique-violation.ts';
import { publishEvent } from '../../platform/events/outbox.ts';
import { conflict, invalidField, notFound } from '../../platform/errors.ts';
import type { Platform } from '../../platform/platform.ts';
import type { OrgMoveListener } from '../orgs/index.ts';
import { findPersonInScope, type PersonRegisteredListener, type StoredPerson } from '../persons/index.ts';
import { attachmentDto } from './attachments.service.ts';
import * as files from './attachments.repository.ts';
import * as records from './supervision-records.repository.ts';
import * as team from './work-team.repository.ts';

interface SealedContact {
  name: string;
  relation: string | null;
  phone: string | null;
}

/** Called in the transaction of a leave or absence write (serious-violation tasks count absences). */
export type LeaveChangedListener = (trx: Trx, ctx: AuthedContext, personId: string) => Promise<void>;

/** Work teams, visits and talks, leave records and assistance of a person: the daily supervision work. */
export class SupervisionWorkService {
  private readonly cipher: FieldCipher;
  private readonly leaveListeners: LeaveChangedListener[] = [];

  addLeaveListener(listener: LeaveChangedListener): void {
    this.leaveListeners.push(listener);
  }

  /**
   * A worker-only account that registers a person joins the person's work team as its social worker from that day:
   * otherwise its own work-team scope would hide the person it has just registered.
   */
  readonly registrationListener: PersonRegisteredListener = async (trx, ctx, person) => {
    if (!isWorkTeamScope(scopeOf(ctx.actor))) return {};
    await team.insertMember(trx, {
      id: randomUUID(), personId: person.id, role: 'socialWorker', accountId: ctx.actor.userId, contactEnc: null,
      startedOn: chinaDate(this.platform.clock.now()), orgPath: person.orgPath, createdBy: ctx.actor.userId,
    }, this.platform.clock.now());
    return { workTeam: 'registeringWorkerJoined' };
  };

  constructor(private readonly platform: Platform) {
    this.cipher = new FieldCipher(platform.keys);
  }

  /** Keeps the copied org paths of the work records in step with a moved unit, in the move's transaction. */
  readonly orgMoveListener: OrgMoveListener = async (trx, oldPath, newPath) => {
    await team.rewriteTeamPaths(trx, oldPath, newPath);
    await records.rewriteRecordPaths(trx, oldPath, newPath);
  };

  private today(): string {
    return chinaDate(this.platform.clock.now());
  }

  private notFuture(value: string | undefined, field: string, label: string): void {
    if (value && compareDates(value, this.today()) > 0) throw invalidField(field, `${label}不能晚于今天`);
  }

  /** The person in scope (404 otherwise), share-locked when a record about them is written. */
  private async person(db: Db, scope: Scope, personId: string, lock = false): Promise<StoredPerson> {
    const person = await findPersonInScope(db, scope, personId, lock ? 'share' : undefined);
    if (!person) throw notFound();
    return person;
  }

  // --- work team (工作小组) ---

  async addMember(ctx: AuthedContext, personId: string, input: AddTeamMember): Promise<Created> {
    this.notFuture(input.startedOn, 'startedOn', '加入日期');
    const account = input.teamRole === 'socialWorker';
    if (account && input.accountId === undefined) throw invalidField('accountId', '社工须选择一个社工账号');
    if (!account && input.accountId !== undefined) throw invalidField('accountId', '仅社工关联账号');
    if (!account && input.name === undefined) throw invalidField('name', `请填写${TEAM_ROLE_LABELS[input.teamRole]}姓名`);
    if (account && (input.name !== undefined || input.phone !== undefined || input.relation !== undefined)) {
      throw invalidField(input.name !== undefined ? 'name' : input.phone !== undefined ? 'phone' : 'relation', '社工的姓名、电话取自账号，无需填写');
    }
    if (input.teamRole === 'family' && input.relation === undefined) throw invalidField('relation', '请填写家属与本人的关系');
    if (input.teamRole !== 'family' && input.relation !== undefined) throw invalidField('relation', '仅家属需填写关系');
    const scope = scopeOf(ctx.actor);
    const id = randomUUID();
    try {
      return await this.platform.db.transaction().execute(async (trx) => {
        const person = await this.person(trx, scope, personId, true);
        if (compareDates(input.startedOn, person.birthDate) < 0) throw invalidField('startedOn', '加入日期不能早于人员出生日期');
        let contactEnc: string | null = null;
        if (input.accountId !== undefined) {
          if (!(await team.workerAccountInScope(trx, scope, input.accountId))) throw invalidField('accountId', '所选账号不存在、已停用、不是社工账号或不在本单位范围内');
          if (await team.currentAccountMember(trx, personId, input.accountId)) throw conflict('该社工已在工作小组中', 'accountId');
        } else {
          const contact: SealedContact = { name: input.name ?? '', relation: input.relation ?? null, phone: input.phone ?? null };
          contactEnc = this.cipher.sealJson(`work_team_member.contact_enc:${id}`, contact);
        }
        await team.insertMember(trx, {
          id, personId, role: input.teamRole, accountId: input.accountId ?? null, contactEnc, startedOn: input.startedOn, orgPath: person.orgPath,
          createdBy: ctx.actor.userId,
        }, this.platform.clock.now());
        const changes: Record<string, unknown> = { memberId: id, teamRole: input.teamRole };
        for (const [field, value] of Object.entries(input)) if (value !== undefined && field !== 'teamRole') changes[field] = field === 'accountId' ? value : 'changed';
        await this.audit(trx, ctx, 'work_team.member_added', personId, changes);
        return { id };
      });
    } catch (error) {
      if (uniqueViolation(error) === 'work_team_member_current') throw conflict('该社工已在工作小组中', 'accountId');
      throw error;
    }
  }

  /** Worker accounts that may join a team: the caller's subtree (not person-bound). */
  workerAccounts(ctx: AuthedContext): Promise<WorkerAccount[]> {
    return team.workerAccountsInScope(this.platform.db, scopeOf(ctx.actor));
  }

  async endMember(ctx: AuthedContext, memberId: string, input: EndTeamMember): Promise<{ ok: true }> {
    this.notFuture(input.endedOn, 'endedOn', '退出日期');
    return this.platform.db.transaction().execute(async (trx) => {
      const member = await team.memberInScope(trx, scopeOf(ctx.actor), memberId);
      if (!member) throw notFound();
      if (member.endedOn !== null) throw conflict('该成员已退出工作小组', 'endedOn');
      if (compareDates(input.endedOn, member.startedOn) < 0) throw invalidField('endedOn', '退出日期不能早于加入日期');
      await team.endMember(trx, member.id, input.endedOn);
      await this.audit(trx, ctx, 'work_team.member_ended', member.personId, { memberId: member.id, endedOn: 'changed' });
      return { ok: true as const };
    });
  }

  async members(ctx: AuthedContext, personId: string): Promise<TeamMemberDto[]> {
    return this.platform.db.transaction().execute(async (trx) => {
      await this.person(trx, scopeOf(ctx.actor), personId);
      const members = await team.membersOf(trx, personId);
      await this.audit(trx, ctx, 'work_team.listed', personId, { count: members.length });
      return members.map((m) => {
        const contact = m.contactEnc ? this.cipher.openJson(`work_team_member.contact_enc:${m.id}`, m.contactEnc) as SealedContact : null;
        return {
          id: m.id, teamRole: m.role as TeamRole, account: m.account, name: m.account?.displayName ?? contact?.name ?? '',
          relation: contact?.relation ?? null, phoneMasked: contact?.phone ? maskPhone(contact.phone) : null,
          startedOn: m.startedOn, endedOn: m.endedOn, current: m.endedOn === null,
        };
      });
    });
  }

  // --- visits and talks (走访谈话) ---

  async recordVisit(ctx: AuthedContext, personId: string, input: CreateVisit): Promise<Created> {
    this.notFuture(input.visitedOn, 'visitedOn', '走访日期');
    const scope = scopeOf(ctx.actor);
    return this.platform.db.transaction().execute(async (trx) => {
      const person = await this.person(trx, scope, personId, true);
      if (compareDates(input.visitedOn, person.birthDate) < 0) throw invalidField('visitedOn', '走访日期不能早于出生日期');
      const by = input.visitedBy ?? ctx.actor.userId;
      // A colleague in the caller's units, or anyone on the person's current work team (the 走访人 picker offers both).
      if (input.visitedBy !== undefined && !(await team.accountInScope(trx, scope, input.visitedBy))
        && !(await team.activeTeamAccount(trx, personId, input.visitedBy))) {
        throw invalidField('visitedBy', '所选走访人不存在、已停用，或既不在本单位范围内也不在该人员的工作小组中');
      }
      const id = randomUUID();
      await records.insertVisit(trx, {
        id, personId, visitedOn: input.visitedOn, kind: input.kind, place: input.place || null, visitedBy: by, summary: input.content,
        findings: input.findings || null, nextPlan: input.nextPlan || null, orgPath: person.orgPath, createdBy: ctx.actor.userId,
      }, this.platform.clock.now());
      const changes: Record<string, unknown> = { visitId: id, kind: input.kind, visitedBy: by };
      for (const [field, value] of Object.entries(input)) if (value !== undefined && !(field in changes)) changes[field] = 'changed';
      // Domain events (alerts: lost contact, leave overdue) in the change's transaction, before the audit row.
      await publishEvent(trx, { type: 'visit.recorded', personId, payload: { visitId: id } });
      await this.audit(trx, ctx, 'visit.recorded', personId, changes);
      return { id };
    });
  }

  async visits(ctx: AuthedContext, personId: string): Promise<{ items: VisitDto[]; lastContactDate: string | null }> {
    return this.platform.db.transaction().execute(async (trx) => {
      await this.person(trx, scopeOf(ctx.actor), personId);
      const visits = await records.visitsOf(trx, personId);
      const last = await records.lastContactDate(trx, personId);
      await this.audit(trx, ctx, 'visit.listed', personId, { count: visits.length });
      return {
        items: visits.map(({ summary, ...v }) => ({ ...v, content: summary, kind: v.kind as VisitKind, createdAt: v.createdAt.toISOString() })),
        lastContactDate: last,
      };
    });
  }

  /** The last contact day (visit, test or report-in) of a person in scope; for the lost-contact rule. */
  async lastContactDate(ctx: AuthedContext, personId: string): Promise<string | null> {
    await this.person(this.platform.db, scopeOf(ctx.actor), personId);
    return records.lastContactDate(this.platform.db, personId);
  }

  // --- leave reports and unauthorised absences (请假外出、未经批准离开) ---

  async recordLeave(ctx: AuthedContext, personId: string, input: CreateLeave): Promise<Created> {
    if (compareDates(input.to, input.from) < 0) throw invalidField('to', '返回日期不能早于离开日期');
    this.notFuture(input.from, 'from', input.kind === 'leave' ? '离开日期' : '离开日期');
    if (input.kind === 'absence') {
      this.notFuture(input.to, 'to', '返回日期');
      if (input.approvedBy !== undefined) throw invalidField('approvedBy', '未经批准离开不能填写批准人');
      if (input.returnedOn !== undefined) throw invalidField('returnedOn', '未经批准离开的返回日期即为结束日期');
    } else {
      if (input.approvedBy === undefined) throw invalidField('approvedBy', '请填写批准人');
      this.notFuture(input.returnedOn, 'returnedOn', '实际返回日期');
      if (input.returnedOn !== undefined && compareDates(input.returnedOn, input.from) < 0) throw invalidField('returnedOn', '实际返回日期不能早于离开日期');
    }
    const scope = scopeOf(ctx.actor);
    return this.platform.db.transaction().execute(async (trx) => {
      const person = await this.person(trx, scope, personId, true);
      if (compareDates(input.from, person.birthDate) < 0) throw invalidField('from', '离开日期不能早于出生日期');
      const id = randomUUID();
      await records.insertLeave(trx, {
        id, personId, kind: input.kind, from: input.from, to: input.to, destination: input.destination || null, reason: input.reason || null,
        approvedBy: input.approvedBy || null, returnedOn: input.returnedOn ?? null, orgPath: person.orgPath, createdBy: ctx.actor.userId,
      }, this.platform.clock.now());
      const changes: Record<string, unknown> = { leaveId: id, kind: input.kind };
      for (const [field, value] of Object.entries(input)) if (value !== undefined && field !== 'kind') changes[field] = 'changed';
      await publishEvent(trx, { type: 'leave.recorded', personId, payload: { leaveId: id } });
      await this.audit(trx, ctx, 'leave.recorded', personId, changes);
      for (const listener of this.leaveListeners) await listener(trx, ctx, personId);
      return { id };
    });
  }

  async recordReturn(ctx: AuthedContext, leaveId: string, input: RecordReturn): Promise<{ ok: true }> {
    this.notFuture(input.returnedOn, 'returnedOn', '实际返回日期');
    return this.platform.db.transaction().execute(async (trx) => {
      const leave = await records.leaveInScope(trx, scopeOf(ctx.actor), leaveId);
      if (!leave) throw notFound();
      if (leave.kind !== 'leave') throw invalidField('returnedOn', '仅请假外出需登记返回');
      if (leave.returnedOn !== null) throw conflict('该请假已登记返回', 'returnedOn');
      if (compareDates(input.returnedOn, leave.from) < 0) throw invalidField('returnedOn', '实际返回日期不能早于离开日期');
      await records.setReturned(trx, leave.id, input.returnedOn);
      await publishEvent(trx, { type: 'leave.returned', personId: leave.personId, payload: { leaveId: leave.id } });
      await this.audit(trx, ctx, 'leave.returned', leave.personId, { leaveId: leave.id, returnedOn: 'changed' });
      for (const listener of this.leaveListeners) await listener(trx, ctx, leave.personId);
      return { ok: true as const };
    });
  }

  async leaves(ctx: AuthedContext, personId: string): Promise<LeaveDto[]> {
    return this.platform.db.transaction().execute(async (trx) => {
      await this.person(trx, scopeOf(ctx.actor), personId);
      const leaves = await records.leavesOf(trx, personId);
      await this.audit(trx, ctx, 'leave.listed', personId, { count: leaves.length });
      const today = this.today();
      return leaves.map((l) => {
        const status = leaveStatus({ kind: l.kind as LeaveKind, from: l.from, to: l.to, returnedOn: l.returnedOn }, today);
        return {
          id: l.id, kind: l.kind as LeaveKind, from: l.from, to: l.to, destination: l.destination, reason: l.reason, approvedBy: l.approvedBy,
          returnedOn: l.returnedOn, days: status.rule.days, reportRequired: status.rule.required, rule: status.rule.explanation,
          overdue: status.overdue, overdueDays: status.overdueDays, createdAt: l.createdAt.toISOString(),
        };
      });
    });
  }

  /** A person's county absences as the serious-violation rule (`seriousViolation`) takes them. No audit: internal use. */
  async countyAbsencesOf(db: Db, personId: string): Promise<CountyAbsence[]> {
    const leaves = await records.leavesOf(db, personId);
    return countyAbsences(leaves.map((l) => ({ kind: l.kind as LeaveKind, from: l.from, to: l.to, returnedOn: l.returnedOn })), this.today());
  }

  // --- assistance (帮扶救助) ---

  async recordAssistance(ctx: AuthedContext, personId: string, input: CreateAssistance): Promise<Created> {
    this.notFuture(input.givenOn, 'givenOn', '帮扶日期');
    const scope = scopeOf(ctx.actor);
    return this.platform.db.transaction().execute(async (trx) => {
      const person = await this.person(trx, scope, personId, true);
      if (compareDates(input.givenOn, person.birthDate) < 0) throw invalidField('givenOn', '帮扶日期不能早于出生日期');
      const id = randomUUID();
      await records.insertAssistance(trx, {
        id, personId, kind: input.kind, givenOn: input.givenOn, provider: input.provider, amountFen: input.amountFen ?? null,
        notes: input.notes || null, orgPath: person.orgPath, createdBy: ctx.actor.userId,
      }, this.platform.clock.now());
      const changes: Record<string, unknown> = { assistanceId: id, kind: input.kind };
      for (const [field, value] of Object.entries(input)) if (value !== undefined && field !== 'kind') changes[field] = 'changed';
      await this.audit(trx, ctx, 'assistance.recorded', personId, changes);
      return { id };
    });
  }

  async assistance(ctx: AuthedContext, personId: string): Promise<AssistanceDto[]> {
    return this.platform.db.transaction().execute(async (trx) => {
      await this.person(trx, scopeOf(ctx.actor), personId);
      const rows = await records.assistanceOf(trx, personId);
      const attachments = await files.attachmentsOf(trx, 'assistance', rows.map((r) => r.id));
      await this.audit(trx, ctx, 'assistance.listed', personId, { count: rows.length });
      return rows.map((r) => ({
        id: r.id, kind: r.kind as AssistanceKind, givenOn: r.givenOn, provider: r.provider, amountFen: r.amountFen, notes: r.notes,
        attachments: attachments.filter((a) => a.ownerId === r.id).map(attachmentDto), createdAt: r.createdAt.toISOString(),
      }));
    });
  }

  private audit(trx: Trx, ctx: AuthedContext, action: string, personId: string, changes: Record<string, unknown>): Promise<void> {
    return this.platform.audit.append(trx, ctx, { action, entityType: 'person', entityId: personId, changes });
  }
}
