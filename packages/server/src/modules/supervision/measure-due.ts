import type { FastifyBaseLogger } from 'fastify';
import { sql } from 'kysely';
import { daysBetween, type MeasureKind, type WorklistItem } from '@qingyuan/shared';
import type { Scope } from '../../platform/access/scope.ts';
import { chinaDate } from '../../platform/clock.ts';
import type { Db } from '../../platform/db/database.ts';
import { ExclusiveRunner } from '../../platform/db/exclusive.ts';
import type { Platform } from '../../platform/platform.ts';
import { DEFAULT_RISK, dueFacts, eventsByMeasure, type MeasureList } from './measure-due-rules.ts';
import * as repo from './measure-due.repository.ts';
import { eventsOf, lastTestDates, openCommunityMeasuresOf } from './supervision.repository.ts';
import type { RiskLevelSource } from './supervision.service.ts';
import { testPolicyResolver } from './test-policies.repository.ts';

/** One server refreshes at a time (session advisory lock, like the snapshot job and the alert sweep). */
const REFRESH_LOCK_KEY = 7_240_021;
/** Writers hold this shared and a refresh batch exclusively (transaction advisory lock), so a batch never overwrites a newer write's rows. */
const ROWS_LOCK_KEY = 7_240_121;
const BATCH = 500;

export interface RefreshResult {
  day: string;
  persons: number;
  rows: number;
  ms: number;
}

/**
 * Stored due dates (工作清单的存储, docs/rules.md): one measure_due row per open community measure with the clock status,
 * report-in due, term end and next test due that the shared rules give for a China day. Every write changing an input
 * calls `recompute` in its transaction; `refresh` recomputes all rows once a day (the clocks move with the date). The
 * working lists read the rows only while the last complete refresh is today's (`isFresh`), else they compute live.
 */
export class MeasureDue {
  readonly #runner: ExclusiveRunner;
  #timers: NodeJS.Timeout[] = [];
  #lastDay: string | null = null;

  constructor(private readonly platform: Platform, private readonly riskLevels: RiskLevelSource) {
    this.#runner = new ExclusiveRunner(platform.db, platform.dbKind, REFRESH_LOCK_KEY);
  }

  private today(): string {
    return chinaDate(this.platform.clock.now());
  }

  /** Recomputes the rows of these persons from the current facts, in the caller's transaction. */
  async recompute(trx: Db, personIds: readonly string[]): Promise<void> {
    if (personIds.length === 0) return;
    if (this.platform.dbKind === 'postgres') await sql`select pg_advisory_xact_lock_shared(${ROWS_LOCK_KEY})`.execute(trx);
    await this.write(trx, personIds, this.today());
  }

  /** Recomputes every person under a unit (a test policy set or cleared there, a unit moved). */
  async recomputeUnder(trx: Db, path: string): Promise<void> {
    await this.recompute(trx, await repo.personsUnder(trx, path));
  }

  private async write(db: Db, personIds: readonly string[], today: string): Promise<number> {
    const measures = await openCommunityMeasuresOf(db, personIds);
    const events = await eventsOf(db, measures.map((m) => m.id));
    const lastTests = await lastTestDates(db, personIds);
    const risks = await this.riskLevels(db, personIds);
    const paths = await repo.personPaths(db, personIds);
    const policyAt = await testPolicyResolver(db);
    const byMeasure = eventsByMeasure(events);
    const rows: repo.MeasureDueRow[] = measures.map((m) => ({
      measureId: m.id, personId: m.personId, orgPath: paths.get(m.personId) ?? m.orgPath, kind: m.kind, computedOn: today,
      ...dueFacts(m, byMeasure.get(m.id) ?? [], lastTests.get(m.personId) ?? null, risks.get(m.personId) ?? DEFAULT_RISK, policyAt(m.orgPath), today),
    }));
    await repo.replaceRows(db, personIds, rows);
    return rows.length;
  }

  /** Whether the stored rows hold for today (the last complete refresh is today's). */
  async isFresh(db: Db): Promise<boolean> {
    return (await repo.refreshedDay(db)) === this.today();
  }

  /**
   * Recomputes all rows for today, in batches of persons (each batch in its own transaction under the exclusive rows
   * lock), then marks the day complete. Null when another server is refreshing.
   */
  async refresh(): Promise<RefreshResult | null> {
    return this.#runner.run(async () => {
      const started = Date.now();
      const day = this.today();
      await repo.deleteClosed(this.platform.db);
      let after: string | null = null;
      let persons = 0;
      let rows = 0;
      for (;;) {
        const batch = await repo.personsToRefresh(this.platform.db, after, BATCH);
        if (batch.length === 0) break;
        rows += await this.platform.db.transaction().execute(async (trx) => {
          if (this.platform.dbKind === 'postgres') await sql`select pg_advisory_xact_lock(${ROWS_LOCK_KEY})`.execute(trx);
          return this.write(trx, batch, day);
        });
        persons += batch.length;
        after = batch[batch.length - 1] ?? null;
      }
      // A day that passed while refreshing is not marked: the next tick refreshes again.
      if (this.today() === day) await repo.markRefreshed(this.platform.db, day, rows, this.platform.clock.now());
      return { day, persons, rows, ms: Date.now() - started };
    });
  }

  start(log: FastifyBaseLogger, everyMs = 5 * 60_000): void {
    const tick = (): void => void this.tick(log);
    this.#timers.push(setInterval(tick, everyMs).unref(), setTimeout(tick, Math.min(5_000, everyMs)).unref());
  }

  stop(): void {
    for (const t of this.#timers) clearTimeout(t);
    this.#timers = [];
  }

  private async tick(log: FastifyBaseLogger): Promise<void> {
    const today = this.today();
    if (this.#lastDay === today) return;
    try {
      if (await this.isFresh(this.platform.db)) {
        this.#lastDay = today;
        return;
      }
      const result = await this.refresh();
      if (result) {
        this.#lastDay = result.day;
        log.info({ persons: result.persons, rows: result.rows, ms: result.ms }, 'measure due dates refreshed');
      }
    } catch (error) {
      log.error({ err: error }, 'measure due refresh failed');
    }
  }

  /** A working list from the stored rows (caller checked `isFresh`); `page` null gives every row. */
  async list(
    db: Db, scope: Scope, underPath: string | null, list: MeasureList, page: { limit: number; offset: number } | null,
  ): Promise<{ items: WorklistItem[]; total: number }> {
    const today = this.today();
    const { items, total } = await repo.storedList(db, scope, underPath, list, today, page);
    return {
      total,
      items: items.map((r) => ({
        ...r, measureKind: r.measureKind as MeasureKind, overdueDays: list === 'endingSoon' ? 0 : Math.max(0, daysBetween(r.dueDate, today)),
      })),
    };
  }
}
