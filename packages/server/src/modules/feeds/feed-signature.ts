import { createHash, createHmac, timingSafeEqual } from 'node:crypto';

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
 * How long an accepted request is remembered (2× the window): a request accepted at `now` carries a timestamp of at most
 * now + window, which is stale everywhere once now + 2 × window has passed, so an expired row can never let a replay in.
 */
export const SEEN_FOR_MS = 2 * REPLAY_WINDOW_SECONDS * 1000;

/** What the shared replay store keeps of a verified request: SHA-256 of its signature (hex), never the signature. */
export function signatureHash(signature: string): string {
  return createHash('sha256').update(signature, 'utf8').digest('hex');
}
