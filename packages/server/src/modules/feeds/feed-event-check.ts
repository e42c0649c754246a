import { FeedEvent, PARTNER_KINDS } from '@qingyuan/shared';

// eslint-disable-next-line no-control-regex -- the same refusal as the contracts' plainText()
const CONTROL_CHARACTERS = /[\u0000-\u001f\u007f]/;
const KINDS: ReadonlySet<string> = new Set(PARTNER_KINDS);
// The contract's own field schemas for the two formats worth not re-implementing (ISO date-time with offset, UUID).
const TIME = FeedEvent.shape.time;
const ORG_UNIT_ID = FeedEvent.shape.place.shape.orgUnitId;

/** plainText().min(min).max(max): trimmed, no control characters, length bounds on the trimmed value. */
function plain(value: unknown, min: number, max: number): string | null {
  if (typeof value !== 'string') return null;
  const trimmed = value.trim();
  if (trimmed.length < min || trimmed.length > max || CONTROL_CHARACTERS.test(trimmed)) return null;
  return trimmed;
}

/**
 * The fast path of `FeedEvent.safeParse` for a well-formed event (a batch of 1,000 runs this 1,000 times): the same
 * output as zod's — trimmed strings, unknown keys dropped — or null whenever any field does not pass, and the caller
 * then asks zod itself, which gives the reason. It never accepts what zod refuses (feed-event-check.spec.ts compares
 * both over valid, invalid and edge-case events).
 */
export function wellFormedFeedEvent(raw: unknown): FeedEvent | null {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) return null;
  const r = raw as Record<string, unknown>;
  const id = plain(r.id, 1, 100);
  if (id === null) return null;
  const kind = r.kind;
  if (typeof kind !== 'string' || !KINDS.has(kind)) return null;
  const time = r.time;
  if (typeof time !== 'string' || !TIME.safeParse(time).success) return null;
  const idNumber = plain(r.idNumber, 15, 18);
  if (idNumber === null) return null;
  const rawPlace = r.place;
  if (typeof rawPlace !== 'object' || rawPlace === null || Array.isArray(rawPlace)) return null;
  const p = rawPlace as Record<string, unknown>;
  const name = plain(p.name, 1, 100);
  if (name === null) return null;
  const place: FeedEvent['place'] = { name };
  if (p.address !== undefined) {
    const address = plain(p.address, 0, 200);
    if (address === null) return null;
    place.address = address;
  }
  if (p.orgUnitId !== undefined) {
    if (typeof p.orgUnitId !== 'string' || !ORG_UNIT_ID.safeParse(p.orgUnitId).success) return null;
    place.orgUnitId = p.orgUnitId;
  }
  return { id, kind: kind as FeedEvent['kind'], time, place, idNumber };
}
