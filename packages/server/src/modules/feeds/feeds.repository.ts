import { sql } from 'kysely';
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

/** Persons on the active registry (not archived) with these blind indexes: the only read that sees feed events. */
export async function matchPersons(db: Db, idHashes: readonly string[]): Promise<Map<string, { id: string; orgUnitId: string; orgPath: string }>> {
  const found = new Map<string, { id: string; orgUnitId: string; orgPath: string }>();
  if (idHashes.length === 0) return found;
  const rows = await db.selectFrom('person').select(['id', 'id_hash', 'org_unit_id', 'org_path'])
    // One array parameter instead of up to 1,000 placeholders.
    .where(sql<boolean>`id_hash = any(${[...idHashes]}::text[])`).where('status', '=', 'active').where('org_path', 'like', '/%').execute();
  for (const r of rows) found.set(r.id_hash, { id: r.id, orgUnitId: r.org_unit_id, orgPath: r.org_path });
  return found;
}

export async function knownEventIds(db: Db, partnerId: string, eventIds: readonly string[]): Promise<Set<string>> {
  if (eventIds.length === 0) return new Set();
  const rows = await db.selectFrom('feed_event').select('event_id').where('partner_id', '=', partnerId).where('event_id', 'in', eventIds).execute();
  return new Set(rows.map((r) => r.event_id));
}

/** Keeps matched events (idempotency on the partner's event id); the ids actually inserted. */
export async function insertEvents(db: Db, partnerId: string, events: readonly { eventId: string; alertId: string | null }[], at: Date): Promise<Set<string>> {
  if (events.length === 0) return new Set();
  const rows = await db.insertInto('feed_event').values(events.map((e) => ({ partner_id: partnerId, event_id: e.eventId, alert_id: e.alertId, received_at: at })))
    .onConflict((oc) => oc.columns(['partner_id', 'event_id']).doNothing()).returning('event_id').execute();
  return new Set(rows.map((r) => r.event_id));
}

export async function addDailyCount(db: Db, partnerId: string, day: string, received: number, matched: number, unmatched: number): Promise<void> {
  await db.insertInto('feed_daily_count').values({ partner_id: partnerId, day, received, matched, unmatched })
    .onConflict((oc) => oc.columns(['partner_id', 'day']).doUpdateSet({
      received: sql<number>`feed_daily_count.received + ${received}`,
      matched: sql<number>`feed_daily_count.matched + ${matched}`,
      unmatched: sql<number>`feed_daily_count.unmatched + ${unmatched}`,
    })).execute();
}
