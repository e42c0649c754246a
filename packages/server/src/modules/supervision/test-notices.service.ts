import { randomUUID } from 'node:crypto';
import {
  TEST_NOTICE_MAX_DAYS,
  addDays,
  compareDates,
  testNoticeStatus,
  type CreateTestNotice,
  type Created,
  type ExcuseTestNotice,
  type TestNoticeDto,
  type TestNoticeFacts,
  type TestNoticeMethod,
} from '@qingyuan/shared';
import { scopeOf } from '../../platform/access/scope.ts';
import type { Trx } from '../../platform/audit/audit-log.ts';
import { chinaDate } from '../../platform/clock.ts';
import type { AuthedContext } from '../../platform/context.ts';
import type { Db } from '../../platform/db/database.ts';
import { publishEvent } from '../../platform/events/outbox.ts';
import { conflict, invalidField, notFound } from '../../platform/errors.ts';
import type { Platform } from '../../platform/platform.ts';
import { findPersonInScope } from '../persons/index.ts';
import { testsOf } from './supervision.repository.ts';
import * as repo from './test-notices.repository.ts';

/** Called in the transaction of a notice write (the serious-violation check counts missed notices; an excuse may withdraw a task). */
export type TestNoticeChangedListener = (trx: Trx, ctx: AuthedContext, personId: string, change: 'recorded' | 'excused') => Promise<void>;

/** A person's notices as the shared rule takes them (no audit: internal use by the violation check and the alert). */
export async function testNoticeFactsOf(db: Db, personId: string): Promise<TestNoticeFacts[]> {
  return (await repo.testNoticesOf(db, personId)).map((n) => ({ notifiedOn: n.notifiedOn, dueOn: n.dueOn, excused: n.excuse !== null }));
}

/**
 * 通知检测: the worker records that the person was told to come for a test by a day; missed or not is computed on read
 * (shared `testNoticeStatus`) from the person's recorded tests. Scoped like drug tests (work-team scope included).
 */
export class TestNoticesService {
  private readonly listeners: TestNoticeChangedListener[] = [];

  constructor(private readonly platform: Platform) {}

  addListener(listener: TestNoticeChangedListener): void {
    this.listeners.push(listener);
  }

  private now(): Date {
    return this.platform.clock.now();
  }

  private today(): string {
    return chinaDate(this.now());
  }

  async record(ctx: AuthedContext, personId: string, input: CreateTestNotice): Promise<Created> {
    if (compareDates(input.notifiedOn, this.today()) > 0) throw invalidField('notifiedOn', '通知日期不能晚于今天');
    if (compareDates(input.dueOn, input.notifiedOn) < 0) throw invalidField('dueOn', '应检测日期不能早于通知日期');
    if (compareDates(input.dueOn, addDays(input.notifiedOn, TEST_NOTICE_MAX_DAYS)) > 0) {
      throw invalidField('dueOn', `应检测日期不能晚于通知日期后${TEST_NOTICE_MAX_DAYS}日`);
    }
    return this.platform.db.transaction().execute(async (trx) => {
      const person = await findPersonInScope(trx, scopeOf(ctx.actor), personId, 'share');
      if (!person) throw notFound();
      if (compareDates(input.notifiedOn, person.birthDate) < 0) throw invalidField('notifiedOn', '通知日期不能早于出生日期');
      const id = randomUUID();
      await repo.insertTestNotice(trx, {
        id, personId, notifiedOn: input.notifiedOn, method: input.method, dueOn: input.dueOn, note: input.note || null, createdBy: ctx.actor.userId,
      }, this.now());
      for (const listener of this.listeners) await listener(trx, ctx, personId, 'recorded');
      await publishEvent(trx, { type: 'test_notice.recorded', personId, payload: { noticeId: id } });
      await this.platform.audit.append(trx, ctx, {
        action: 'test_notice.recorded', entityType: 'person', entityId: personId,
        changes: { noticeId: id, notifiedOn: 'changed', method: 'changed', dueOn: 'changed', ...(input.note ? { note: 'changed' } : {}) },
      });
      return { id };
    });
  }

  /** 正当理由: the person had a justified reason not to come; the notice then never counts as missed. */
  async excuse(ctx: AuthedContext, id: string, input: ExcuseTestNotice): Promise<TestNoticeDto> {
    return this.platform.db.transaction().execute(async (trx) => {
      const notice = await repo.testNoticeForUpdate(trx, id);
      // Another township's notice is the same answer as a missing one.
      if (!notice || !(await findPersonInScope(trx, scopeOf(ctx.actor), notice.personId, 'share'))) throw notFound();
      if (notice.excuse !== null) throw conflict('该通知已登记正当理由', 'reason');
      const testDates = (await testsOf(trx, notice.personId)).map((t) => t.testedOn);
      if (testNoticeStatus(this.facts(notice), testDates, this.today()).status === 'tested') throw conflict('该通知已按时检测，无需登记正当理由', 'reason');
      await repo.excuseTestNotice(trx, id, input.reason, this.today(), ctx.actor.userId);
      for (const listener of this.listeners) await listener(trx, ctx, notice.personId, 'excused');
      await publishEvent(trx, { type: 'test_notice.excused', personId: notice.personId, payload: { noticeId: id } });
      // The reason may be medical: kept on the record only, not copied into the audit row.
      await this.platform.audit.append(trx, ctx, {
        action: 'test_notice.excused', entityType: 'person', entityId: notice.personId, changes: { noticeId: id, excuse: 'changed' },
      });
      return this.toDto({ ...notice, excuse: input.reason, excusedOn: this.today() }, testDates);
    });
  }

  async list(ctx: AuthedContext, personId: string): Promise<TestNoticeDto[]> {
    return this.platform.db.transaction().execute(async (trx) => {
      if (!(await findPersonInScope(trx, scopeOf(ctx.actor), personId))) throw notFound();
      const notices = await repo.testNoticesOf(trx, personId);
      const testDates = (await testsOf(trx, personId)).map((t) => t.testedOn);
      await this.platform.audit.append(trx, ctx, { action: 'test_notice.listed', entityType: 'person', entityId: personId, changes: { count: notices.length } });
      return notices.map((n) => this.toDto(n, testDates));
    });
  }

  private facts(n: repo.StoredTestNotice): TestNoticeFacts {
    return { notifiedOn: n.notifiedOn, dueOn: n.dueOn, excused: n.excuse !== null };
  }

  private toDto(n: repo.StoredTestNotice, testDates: string[]): TestNoticeDto {
    const state = testNoticeStatus(this.facts(n), testDates, this.today());
    return {
      id: n.id, notifiedOn: n.notifiedOn, method: n.method as TestNoticeMethod, dueOn: n.dueOn, note: n.note, excuse: n.excuse, excusedOn: n.excusedOn,
      status: state.status, testedOn: state.testedOn, missedOn: state.missedOn, explanation: state.explanation, createdAt: n.createdAt.toISOString(),
    };
  }
}
