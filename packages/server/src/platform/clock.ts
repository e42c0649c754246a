/** The source of "now"; tests pass a controllable clock to exercise session expiry and lockout windows. */
export interface Clock {
  now(): Date;
}

export const systemClock: Clock = { now: () => new Date() };

export class ManualClock implements Clock {
  #time: number;
  constructor(start: Date = new Date()) {
    this.#time = start.getTime();
  }
  now(): Date {
    return new Date(this.#time);
  }
  advance(ms: number): void {
    this.#time += ms;
  }
}

export const MINUTE = 60_000;
export const HOUR = 60 * MINUTE;
export const DAY = 24 * HOUR;

/** The calendar date (YYYY-MM-DD) in China Standard Time (UTC+8, no daylight saving): what "today" means for dates. */
export function chinaDate(at: Date): string {
  return new Date(at.getTime() + 8 * HOUR).toISOString().slice(0, 10);
}
