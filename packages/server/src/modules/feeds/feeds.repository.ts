import { sql, type RawBuilder } from 'kysely';
import type { Db } from '../../platform/db/database.ts';

/** All SQL of partner feeds: partners, kept (matched) events, per-day counts, and the registry match by blind index. */

export interface StoredPartner {
  id: string;
  name: string;
  kinds: string[];
  keyId: string;
  secretEnc: string;
  active: boolean;
  createdAt: Date;
  rotatedAt: Date | null;
  revokedAt: Date | null;
}

const COLUMNS = ['id', 'name', 'kinds', 'key_id', 'secret_enc', 'active', 'created_at', 'rotated_at', 'revoked_at'] as const;
type Row = { id: string; name: string; kinds: string[]; key_id: string; secret_enc: string; active: boolean; created_at: Date; rotated_at: Date | null; revoked_at: Date | null };
const toPartner = (r: Row): StoredPartner => ({
  id: r.id, name: r.name, kinds: r.kinds, keyId: r.key_id, secretEnc: r.secret_enc, active: r.active, createdAt: r.created_at,
  rotatedAt: r.rotated_at, revokedAt: r.revoked_at,
});

export async function insertPartner(db: Db, p: { id: string; name: string; kinds: string[]; keyId: string; secretEnc: string; createdBy: string; at: Date }): Promise<void> {
  await db.insertInto('feed_partner').values({
    id: p.id, name: p.name, kinds: p.kinds, key_id: p.keyId, secret_enc: p.secretEnc, created_by: p.createdBy, created_at: p.at,
  }).execute();
}

export async function partners(db: Db): Promise<StoredPartner[]> {
  return (await db.selectFrom('feed_partner').select([...COLUMNS]).orderBy('created_at').orderBy('id').execute()).map(toPartner);
}

export async function partnerById(db: Db, id: string, lock = false): Promise<StoredPartner | null> {
  let query = db.selectFrom('feed_partner').select([...COLUMNS]).where('id', '=', id);
  if (lock) query = query.forUpdate();
  const row = await query.executeTakeFirst();
  return row ? toPartner(row) : null;
}

export async function partnerByKey(db: Db, keyId: string): Promise<StoredPartner | null> {
  const row = await db.selectFrom('feed_partner').select([...COLUMNS]).where('key_id', '=', keyId).executeTakeFirst();
  return row ? toPartner(row) : null;
}

export async function updatePartner(db: Db, id: string, set: Partial<{ secret_enc: string; rotated_at: Date; active: boolean; revoked_at: Date }>): Promise<void> {
  await db.updateTable('feed_partner').set(set).where('id', '=', id).execute();
}

export async function dailyCounts(db: Db, partnerIds: readonly string[], fromDay: string) {
  if (partnerIds.length === 0) return [];
  return db.selectFrom('feed_daily_count').select(['partner_id', 'day', 'received', 'matched', 'unmatched'])
    .where('partner_id', 'in', partnerIds).where('day', '>=', fromDay).orderBy('day', 'desc').execute();
}

export interface RegistryMatch {
  /** Position of the event in the list given. */
  position: number;
  person: { id: string; orgUnitId: string; orgPath: string };
  /** The partner already sent this event id (its alert exists): nothing is stored again. */
  known: boolean;
}

/** A verified request as the shared replay store keeps it: key id, SHA-256 of the signature (hex), until when. */
export interface SeenSignature {
  keyId: string;
  signatureHash: string;
  /** The request's arrival (the app clock): a stored row whose expiry is not after it no longer counts. */
  at: Date;
  expiresAt: Date;
}

/**
 * Records the request in the shared replay store; the statement yields a row only when the request is new (or its
 * row has expired): a row held by another server's committed or still running request makes this one a replay — its
 * insert waits for that transaction and does nothing if it commits.
 */
const rememberSeen = (seen: SeenSignature) => sql`
  insert into feed_seen_signature (key_id, signature_hash, expires_at)
  values (${seen.keyId}, decode(${seen.signatureHash}, 'hex'), ${seen.expiresAt}::timestamptz)
  on conflict (key_id, signature_hash) do update set expires_at = excluded.expires_at
    where feed_seen_signature.expires_at <= ${seen.at}::timestamptz
  returning 1`;

/** The replay check alone (a request refused before its batch ran): false when it is a replay. */
export async function rememberSignature(db: Db, seen: SeenSignature): Promise<boolean> {
  const { rows } = await rememberSeen(seen).execute(db);
  return rows.length > 0;
}

/** Deletes the rows that expired by `at` (through the index on expires_at: only expired rows are read). */
export async function purgeSeenSignatures(db: Db, at: Date): Promise<number> {
  const result = await sql`delete from feed_seen_signature where expires_at <= ${at}::timestamptz`.execute(db);
  return Number(result.numAffectedRows ?? 0n);
}

/**
 * The batch's first statement, one round trip: records the request in the replay store and, unless it is a replay,
 * finds the events whose blind index names a person on the active registry (not archived) — the only read that sees
 * feed events. Each index is looked up once through the unique index on person.id_hash, in sorted order (a nested
 * loop over the unnested arrays: planned in about a millisecond where `= any(<1,000 values>)` costs the planner
 * several, and measured 2–3× faster on a registry of 1,000,000), and for the matches only, whether the partner sent
 * the event id before. `fresh` is false for a replay (nothing is looked up then).
 */
export async function matchRegistry(
  db: Db, partnerId: string, events: readonly { idHash: string; eventId: string }[], seen: SeenSignature,
): Promise<{ fresh: boolean; matches: RegistryMatch[] }> {
  const order = events.map((_, i) => i).sort((a, b) => {
    const x = events[a]?.idHash ?? '';
    const y = events[b]?.idHash ?? '';
    return x < y ? -1 : x > y ? 1 : 0;
  });
  // The first row (position null) comes from the store and is there only when the request is fresh; the match keeps
  // the plan above (the already-sent check only for matched rows) behind a one-time filter on the same fact.
  const { rows } = await sql<{ position: number | null; id: string; org_unit_id: string; org_path: string; known: boolean }>`
    with seen as (${rememberSeen(seen)})
    select null::integer as position, null::uuid as id, null::uuid as org_unit_id, null::text as org_path, null::boolean as known from seen
    union all
    select t.position, p.id, p.org_unit_id, p.org_path,
      exists (select 1 from feed_event e where e.partner_id = ${partnerId}::uuid and e.event_id = t.event_id) as known
    from unnest(${order.map((i) => events[i]?.idHash)}::text[], ${order.map((i) => events[i]?.eventId)}::text[], ${order}::integer[])
      as t(id_hash, event_id, position)
    join person p on p.id_hash = t.id_hash
    where p.status = 'active' and p.org_path like '/%' and exists (select 1 from seen)`.execute(db);
  const fresh = rows.some((r) => r.position === null);
  const matches = rows.flatMap((r) => (r.position === null ? [] : [{ position: r.position, person: { id: r.id, orgUnitId: r.org_unit_id, orgPath: r.org_path }, known: r.known }]));
  return { fresh, matches };
}

/**
 * What a batch writes besides its alerts, as statements for `audit.appendWith` (they run with the batch's audit row,
 * in one statement): the matched events kept (idempotent on the partner's event id) and the batch added, exactly, to
 * the partner's count for the day. That count row is where batches of one partner queue behind each other; taken
 * under the audit chain lock, which they queue for anyway, it costs no round trip of its own.
 */
export function batchWrites(
  partnerId: string, count: { day: string; received: number; matched: number; unmatched: number },
  events: readonly { eventId: string; alertId: string }[], at: Date,
): RawBuilder<unknown>[] {
  const kept = events.length === 0 ? [] : [sql`
    insert into feed_event (partner_id, event_id, alert_id, received_at)
    select ${partnerId}::uuid, t.event_id, t.alert_id, ${at}::timestamptz
    from unnest(${events.map((e) => e.eventId)}::text[], ${events.map((e) => e.alertId)}::uuid[]) as t(event_id, alert_id)
    on conflict (partner_id, event_id) do nothing`];
  return [...kept, sql`
    insert into feed_daily_count (partner_id, day, received, matched, unmatched)
    values (${partnerId}::uuid, ${count.day}::date, ${count.received}::integer, ${count.matched}::integer, ${count.unmatched}::integer)
    on conflict (partner_id, day) do update set
      received = feed_daily_count.received + excluded.received,
      matched = feed_daily_count.matched + excluded.matched,
      unmatched = feed_daily_count.unmatched + excluded.unmatched`];
}
