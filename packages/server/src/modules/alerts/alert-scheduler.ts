import type { FastifyBaseLogger } from 'fastify';
import type { AlertEngine } from './alert-engine.ts';

export interface SchedulerOptions {
  /** How often pending domain events are dispatched (any server may; rows are claimed with SKIP LOCKED). */
  dispatchMs: number;
  /** How often the full sweep runs (one server at a time: advisory lock). */
  sweepMs: number;
}

export const DEFAULT_SCHEDULE: SchedulerOptions = { dispatchMs: 5_000, sweepMs: 5 * 60_000 };

/**
 * Scheduled work in the server process (no separate worker to deploy). Timers are unref'd so they never keep the
 * process alive; a run never overlaps the previous one; failures are logged and retried at the next tick. The engine
 * itself announces what changed, whichever job committed it.
 */
export class AlertScheduler {
  #timers: NodeJS.Timeout[] = [];
  #running = new Set<string>();

  constructor(private readonly engine: AlertEngine, private readonly log: FastifyBaseLogger) {}

  start(options: SchedulerOptions = DEFAULT_SCHEDULE): void {
    this.#timers.push(setInterval(() => void this.run('dispatch', () => this.engine.dispatch()), options.dispatchMs).unref());
    this.#timers.push(setInterval(() => void this.run('sweep', () => this.engine.sweep()), options.sweepMs).unref());
    // A first sweep soon after start, so a restarted server does not wait a whole period for time-based alerts.
    this.#timers.push(setTimeout(() => void this.run('sweep', () => this.engine.sweep()), Math.min(10_000, options.sweepMs)).unref());
  }

  stop(): void {
    for (const t of this.#timers) clearTimeout(t);
    this.#timers = [];
  }

  private async run(name: string, job: () => Promise<unknown>): Promise<void> {
    if (this.#running.has(name)) return;
    this.#running.add(name);
    try {
      await job();
    } catch (error) {
      this.log.error({ job: name, err: error }, 'scheduled alert job failed');
    } finally {
      this.#running.delete(name);
    }
  }
}
