import type { FastifyBaseLogger } from 'fastify';
import { addDays } from '@qingyuan/shared';
import { chinaDate } from '../../platform/clock.ts';
import { systemContext } from '../../platform/context.ts';
import { publishEvent } from '../../platform/events/outbox.ts';
import type { Platform } from '../../platform/platform.ts';
import { personsWithUnexcusedNoticesDue } from '../supervision/index.ts';
import type { ViolationTasksService } from './violation-tasks.service.ts';

/** Due days looked back on: a server down for up to a week still counts the misses when it is back. */
const LOOK_BACK_DAYS = 8;

/**
 * A test notice becomes missed by the passing of its due day, with no write to run the serious-violation check. Once a
 * China day, this runs the check for every person with an unexcused notice due in the last days (idempotent: a task
 * opens once per measure and basis) and publishes `test_notice.missed`, so the 严重违反协议 alert re-evaluates too.
 */
export class MissedNoticeSweep {
  #timers: NodeJS.Timeout[] = [];
  #running = false;
  #lastDay: string | null = null;

  constructor(private readonly platform: Platform, private readonly violationTasks: ViolationTasksService) {}

  start(log: FastifyBaseLogger, everyMs = 10 * 60_000): void {
    const tick = (): void => void this.tick(log);
    this.#timers.push(setInterval(tick, everyMs).unref(), setTimeout(tick, Math.min(15_000, everyMs)).unref());
  }

  stop(): void {
    for (const t of this.#timers) clearTimeout(t);
    this.#timers = [];
  }

  private async tick(log: FastifyBaseLogger): Promise<void> {
    const today = chinaDate(this.platform.clock.now());
    if (this.#running || this.#lastDay === today) return;
    this.#running = true;
    try {
      await this.run();
      this.#lastDay = today;
    } catch (error) {
      log.error({ err: error }, 'missed test notice sweep failed');
    } finally {
      this.#running = false;
    }
  }

  /** One pass; each person in their own transaction. Returns how many persons were checked. */
  async run(): Promise<{ persons: number }> {
    const today = chinaDate(this.platform.clock.now());
    const persons = await personsWithUnexcusedNoticesDue(this.platform.db, addDays(today, -LOOK_BACK_DAYS), addDays(today, -1));
    for (const personId of persons) {
      await this.platform.db.transaction().execute(async (trx) => {
        await this.violationTasks.check(trx, systemContext('violations'), personId);
        await publishEvent(trx, { type: 'test_notice.missed', personId, payload: {} });
      });
    }
    return { persons: persons.length };
  }
}
