import { createHmac, timingSafeEqual } from 'node:crypto';

/** Replay window of signed feed requests (seconds either side of now). */
export const REPLAY_WINDOW_SECONDS = 300;

/** hex HMAC-SHA256 of `<timestamp>.<raw body>` with the partner's secret. */
export function feedSignature(secret: string, timestamp: string, rawBody: Buffer): string {
  return createHmac('sha256', secret).update(`${timestamp}.`).update(rawBody).digest('hex');
}

export function sameSignature(given: string, expected: string): boolean {
  const a = Buffer.from(given, 'utf8');
  const b = Buffer.from(expected, 'utf8');
  // Lengths differ only for malformed input (a signature is 64 hex characters): nothing secret to leak there.
  return a.length === b.length && timingSafeEqual(a, b);
}

/** Whether a unix-seconds timestamp header lies within the replay window around `now`. */
export function freshTimestamp(header: string, now: Date): boolean {
  if (!/^\d{1,12}$/.test(header)) return false;
  return Math.abs(now.getTime() / 1000 - Number(header)) <= REPLAY_WINDOW_SECONDS;
}

/**
 * Signatures seen within the replay window (per process): the same signed request twice is a replay. Entries expire
 * with the window; a timestamp outside it is refused anyway. Several servers each keep their own set; the partner's
 * event ids keep a replay across servers from creating anything twice.
 */
export class SeenSignatures {
  #seen = new Map<string, number>();

  /** Records the signature; false when it was already seen within the window. */
  remember(signature: string, nowMs: number): boolean {
    if (this.#seen.size > 10_000) this.prune(nowMs);
    const until = this.#seen.get(signature);
    if (until !== undefined && until > nowMs) return false;
    this.#seen.set(signature, nowMs + 2 * REPLAY_WINDOW_SECONDS * 1000);
    return true;
  }

  private prune(nowMs: number): void {
    for (const [k, until] of this.#seen) if (until <= nowMs) this.#seen.delete(k);
  }
}
