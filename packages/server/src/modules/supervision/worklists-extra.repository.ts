import { sql } from 'kysely';
import { inScope, ownScope, type Scope } from '../../platform/access/scope.ts';
import type { Db } from '../../platform/db/database.ts';

/** Each asked person's last contact day: the latest visit, drug test or report-in (as `lastContactDate`, for a batch). */
export async function lastContactDates(db: Db, personIds: readonly string[]): Promise<Map<string, string>> {
  const last = new Map<string, string>();
  for (let i = 0; i < personIds.length; i += 1000) {
    const batch = [...personIds.slice(i, i + 1000)];
    if (batch.length === 0) continue;
    const ids = sql.join(batch.map((id) => sql`${id}::uuid`));
    const result = await sql<{ person_id: string; last: string }>`
      select person_id, max(d) as last from (
        select person_id, visited_on as d from supervision_visit where person_id in (${ids})
        union all select person_id, tested_on from drug_test where person_id in (${ids})
        union all select person_id, report_in_date from measure where person_id in (${ids}) and report_in_date is not null
      ) contact group by person_id`.execute(db);
    for (const r of result.rows) last.set(r.person_id, r.last);
  }
  return last;
}

export interface UnexcusedPastNotice {
  id: string;
  personId: string;
  personName: string;
  notifiedOn: string;
  method: string;
  dueOn: string;
}

/**
 * Notices in scope (the person's current path, work-team scope included; own persons only — duties stay with the
 * responsible side) with no reason recorded whose due day is before `today`: the candidates of 通知未检 (a test in the
 * window still answers them; the caller runs the shared rule).
 */
export async function unexcusedPastNotices(db: Db, scope: Scope, underPath: string | null, today: string): Promise<UnexcusedPastNotice[]> {
  let query = db.selectFrom('test_notice as n').innerJoin('person as p', 'p.id', 'n.person_id')
    .select(['n.id', 'n.person_id', 'p.name', 'n.notified_on', 'n.method', 'n.due_on'])
    .where('n.excuse', 'is', null).where('n.due_on', '<', today)
    .where((eb) => inScope(eb, 'p.org_path', ownScope(scope), 'p.id'));
  if (underPath !== null) query = query.where((eb) => inScope(eb, 'p.org_path', { rootPath: underPath }));
  const rows = await query.execute();
  return rows.map((r) => ({ id: r.id, personId: r.person_id, personName: r.name, notifiedOn: r.notified_on, method: r.method, dueOn: r.due_on }));
}

/** Each asked person's test days (any result: a test in a notice's window answers it). */
export async function testDatesOf(db: Db, personIds: readonly string[]): Promise<Map<string, string[]>> {
  const dates = new Map<string, string[]>();
  for (let i = 0; i < personIds.length; i += 1000) {
    const batch = personIds.slice(i, i + 1000);
    if (batch.length === 0) continue;
    const rows = await db.selectFrom('drug_test').select(['person_id', 'tested_on']).where('person_id', 'in', batch).execute();
    for (const r of rows) dates.set(r.person_id, [...(dates.get(r.person_id) ?? []), r.tested_on]);
  }
  return dates;
}
