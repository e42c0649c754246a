import type { Db } from '../db/database.ts';

/**
 * Domain events (PLATFORM.md "How data flows"): written to `outbox_event` in the same transaction as the change they
 * announce, so an event exists exactly when its change committed. Subscribers (alerts) read them through a
 * dispatcher. The payload carries ids only, never personal values. Write it before the audit row (audit comes last).
 */
export interface DomainEvent {
  type: string;
  personId?: string | null;
  payload?: Record<string, string | number | boolean | null>;
}

export async function publishEvent(trx: Db, event: DomainEvent): Promise<void> {
  await trx.insertInto('outbox_event').values({
    type: event.type, person_id: event.personId ?? null, payload: JSON.stringify(event.payload ?? {}),
  }).execute();
}
