import { sql } from 'kysely';
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
