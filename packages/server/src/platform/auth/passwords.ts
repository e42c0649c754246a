import { randomInt } from 'node:crypto';
import { hash, verify, type Options } from '@node-rs/argon2';

// OWASP's argon2id baseline (m=19 MiB, t=2, p=1); a fresh random salt per hash.
// algorithm 2 = Argon2id (the package exports it as an ambient const enum).
// eslint-disable-next-line @typescript-eslint/no-unsafe-enum-assignment -- see above
const OPTIONS: Options = { algorithm: 2, memoryCost: 19_456, timeCost: 2, parallelism: 1 };

export function hashPassword(password: string): Promise<string> {
  return hash(password, OPTIONS);
}

export async function verifyPassword(hashed: string, password: string): Promise<boolean> {
  try {
    return await verify(hashed, password);
  } catch {
    return false;
  }
}

let dummyHash: Promise<string> | null = null;
/** Verifies against a throwaway hash so an unknown username costs the same time as a wrong password. */
export async function burnPasswordCheck(password: string): Promise<void> {
  dummyHash ??= hashPassword('qingyuan-dummy-password-for-timing');
  await verifyPassword(await dummyHash, password);
}

const UPPER = 'ABCDEFGHJKLMNPQRSTUVWXYZ';
const LOWER = 'abcdefghijkmnpqrstuvwxyz';
const DIGITS = '23456789';
const SYMBOLS = '#%+=@!?';

/** A random one-time password that satisfies the policy (all four classes, no look-alike characters). */
export function generateTemporaryPassword(length = 14): string {
  const all = UPPER + LOWER + DIGITS + SYMBOLS;
  const pick = (set: string): string => set[randomInt(set.length)] ?? 'x';
  const chars = [pick(UPPER), pick(LOWER), pick(DIGITS), pick(SYMBOLS)];
  while (chars.length < length) chars.push(pick(all));
  for (let i = chars.length - 1; i > 0; i--) {
    const j = randomInt(i + 1);
    [chars[i], chars[j]] = [chars[j] ?? '', chars[i] ?? ''];
  }
  return chars.join('');
}
