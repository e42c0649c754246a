import { PERSON_TIMELINE_KINDS, type PersonTimeline, type PersonTimelineEvent } from '@qingyuan/shared';
import { scopeOf } from '../../platform/access/scope.ts';
import { chinaDate } from '../../platform/clock.ts';
import type { AuthedContext } from '../../platform/context.ts';
import type { Db } from '../../platform/db/database.ts';
import { notFound } from '../../platform/errors.ts';
import type { Platform } from '../../platform/platform.ts';
import { findPersonInScope } from '../persons/index.ts';

/**
 * One module's contribution to a person's timeline: every event it knows of, for a person already checked to be in
 * the caller's scope (`today`: the China day of the read, for states computed on read). Adding a module to the timeline is one such function and one `addSource` call in app.ts.
 */
export type TimelineSource = (db: Db, personId: string, today: string) => Promise<PersonTimelineEvent[]>;

const KIND_ORDER = new Map<string, number>(PERSON_TIMELINE_KINDS.map((k, i) => [k, i]));

/** Events in time order; the same day keeps the natural order of the kinds (registration before a measure …). */
export function orderTimeline(events: readonly PersonTimelineEvent[]): PersonTimelineEvent[] {
  return [...events].sort((a, b) => a.date.localeCompare(b.date)
    || (KIND_ORDER.get(a.kind) ?? 99) - (KIND_ORDER.get(b.kind) ?? 99)
    || a.title.localeCompare(b.title, 'zh') || a.recordId.localeCompare(b.recordId));
}

export class TimelineService {
  private readonly sources: { name: string; source: TimelineSource }[] = [];

  constructor(private readonly platform: Platform) {}

  addSource(name: string, source: TimelineSource): void {
    this.sources.push({ name, source });
  }

  /** The person's timeline (404 outside scope, like every person read); audited as a read of the record. */
  async timeline(ctx: AuthedContext, personId: string): Promise<PersonTimeline> {
    return this.platform.db.transaction().execute(async (trx) => {
      if (!(await findPersonInScope(trx, scopeOf(ctx.actor), personId))) throw notFound();
      const events: PersonTimelineEvent[] = [];
      const today = chinaDate(this.platform.clock.now());
      for (const { source } of this.sources) events.push(...await source(trx, personId, today));
      await this.platform.audit.append(trx, ctx, { action: 'person.timeline_viewed', entityType: 'person', entityId: personId, changes: { events: events.length } });
      return { items: orderTimeline(events) };
    });
  }
}
