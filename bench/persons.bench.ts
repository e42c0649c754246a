// Persons and supervision at province scale (issue #3): 100k persons with realistic supervision histories (community
// measures with report-in, drug tests, a few isolations), loaded in bulk (unnest arrays, ID numbers sealed and blind-indexed
// like the app does). Prints p50/p95 through the HTTP API for the person list, search by ID number (blind index), the
// overdue working list and the district indicator query, each next to the same SQL run bare (the ratio shows what the
// application layer adds). The four measure working lists run on the stored due dates (measure_due, after the daily
// refresh the bench times) and live (refresh marker moved to another day), next to the stored query run bare.
// PGlite by default; DATABASE_URL=postgres://…@127.0.0.1/… for PostgreSQL; BENCH_PERSONS=n to resize;
// BENCH_CASES=regex to run only matching cases; BENCH_BUDGET_MS (default 90 s) for the measuring loop.
//   node --import tsx bench/persons.bench.ts
import { performance } from 'node:perf_hooks';
import { sql } from 'kysely';
import { FieldCipher } from '../packages/server/src/platform/crypto/field-cipher.ts';
import { PersonCodec } from '../packages/server/src/modules/persons/person-codec.ts';
import { startTestApp } from '../packages/server/src/testing/test-app.ts';
import { loadPersons } from './support/load-persons.ts';
import { assertLocalDatabase, heading, ms, printTable, ratio, summarize, timed, type Summary } from './support/measure.ts';

const PERSONS = Number(process.env.BENCH_PERSONS ?? 100_000);
const RUNS = 30;
const BUDGET_MS = Number(process.env.BENCH_BUDGET_MS ?? 90_000);
const ONLY = process.env.BENCH_CASES ? new RegExp(process.env.BENCH_CASES) : null;
const TODAY = '2026-11-23';

assertLocalDatabase();
const app = await startTestApp();
try {
  const db = app.platform.db;
  const cipher = new FieldCipher(app.platform.keys);
  const codec = new PersonCodec(cipher);
  const district = await db.selectFrom('org_unit').select(['id', 'path']).where('depth', '=', 0).executeTakeFirstOrThrow();

  const loaded = await loadPersons(db, app.platform.keys, PERSONS, TODAY);
  const { sampleIds } = loaded;
  const office = await app.login('office');
  const root = `${district.path.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
  const get = async (url: string): Promise<void> => {
    const response = await office.get(url);
    if (response.statusCode !== 200) throw new Error(`${url}: ${String(response.statusCode)} ${response.body.slice(0, 200)}`);
  };
  const hashes = sampleIds.map((n) => codec.idHash(n));
  // The daily refresh of the stored due dates (all open community measures), timed once after loading.
  const refreshStarted = performance.now();
  const refreshed = await app.measureDue.refresh();
  const refreshMs = performance.now() - refreshStarted;
  const refreshDay = refreshed?.day ?? TODAY;
  const markLive = () => db.updateTable('measure_due_refresh').set({ day: '2000-01-01' }).execute().then(() => undefined);
  const markStored = () => db.updateTable('measure_due_refresh').set({ day: refreshDay }).execute().then(() => undefined);
  const listWhere: Record<string, ReturnType<typeof sql>> = {
    due: sql`d.test_state = 'due'`, overdue: sql`d.test_state = 'overdue'`,
    notReportedIn: sql`d.status = 'notReportedIn' and d.report_in_due is not null`,
    endingSoon: sql`d.status = 'active' and d.term_end <= ${TODAY}::date + 30`,
  };
  const listCases = Object.entries(listWhere).flatMap(([list, where]) => [
    { name: `${list} list: stored`, baseline: `${list} list: bare SQL`, run: () => get(`/api/supervision/worklist?list=${list}&pageSize=50`) },
    { name: `${list} list: live`, baseline: `${list} list: bare SQL`, before: markLive, after: markStored, run: () => get(`/api/supervision/worklist?list=${list}&pageSize=50`) },
    {
      name: `${list} list: bare SQL`, baseline: null, run: async () => {
        await sql`select count(*) from measure_due d join person p on p.id = d.person_id where p.status = 'active' and d.org_path like ${root} and ${where}`.execute(db);
        await sql`select d.*, p.name from measure_due d join person p on p.id = d.person_id where p.status = 'active' and d.org_path like ${root} and ${where}
          order by d.next_test_due, d.report_in_due, d.term_end, p.name collate "C", d.measure_id limit 50`.execute(db);
      },
    },
  ]);

  const allCases: { name: string; baseline: string | null; before?: () => Promise<void>; after?: () => Promise<void>; run: (i: number) => Promise<unknown> }[] = [
    { name: 'person list (page 1 of 20)', baseline: 'person list: bare SQL', run: () => get('/api/persons?page=1&pageSize=20') },
    {
      name: 'person list: bare SQL', baseline: null, run: async () => {
        await sql`select count(*) from person where org_path like ${root}`.execute(db);
        await sql`select * from person where org_path like ${root} order by updated_at desc, id limit 20`.execute(db);
      },
    },
    { name: 'search by ID number (blind index)', baseline: 'search: bare SQL', run: (i) => get(`/api/persons?q=${sampleIds[i % sampleIds.length] ?? ''}`) },
    { name: 'search: bare SQL', baseline: null, run: (i) => sql`select * from person where id_hash = ${hashes[i % hashes.length] ?? ''} and org_path like ${root}`.execute(db) },
    ...listCases,
    {
      name: 'overdue: live inputs bare SQL', baseline: null, run: () => sql`
        select m.*, p.name, (select max(t.tested_on) from drug_test t where t.person_id = m.person_id) as last_test
        from measure m join person p on p.id = m.person_id
        where m.status in ('ordered','active','suspended') and p.status = 'active' and p.org_path like ${root}`.execute(db),
    },
    { name: 'district indicators (year 2026)', baseline: 'indicators: bare SQL', run: () => get('/api/supervision/figures?year=2026') },
    {
      name: 'indicators: bare SQL', baseline: null, run: async () => {
        // The statements the indicator query runs, once for each of the three compared periods, without the rules.
        for (const [from, to] of [['2026-01-01', TODAY], ['2025-01-01', '2025-11-23'], ['2025-01-01', '2025-11-23']] as const) {
          await sql`select id, status, created_at from person where org_path like ${root}`.execute(db);
          await sql`select m.* from measure m join person p on p.id = m.person_id where p.org_path like ${root} and m.decision_date <= ${to}::date`.execute(db);
          await sql`select person_id, max(tested_on) filter (where tested_on < ${from}::date), max(tested_on) filter (where tested_on <= ${to}::date)
            from drug_test where org_path like ${root} group by person_id`.execute(db);
          await sql`select id, person_id, tested_on, result_enc from drug_test where org_path like ${root} and tested_on between ${from}::date and ${to}::date`.execute(db);
        }
      },
    },
  ];
  const cases = allCases.filter((c) => !ONLY || ONLY.test(c.name));

  heading('persons & supervision at scale: API vs the same SQL bare', app.database.kind === 'pglite' ? 'PGlite (in memory)' : 'PostgreSQL 127.0.0.1, throwaway database');
  console.log(`loaded ${loaded.persons.toLocaleString('en')} persons, ${loaded.measures.toLocaleString('en')} measures, ${loaded.tests.toLocaleString('en')} tests ` +
    `(generate+seal ${ms(loaded.generatedMs)}, bulk insert ${ms(loaded.insertMs)})`);
  console.log(`daily refresh of the stored due dates: ${(refreshed?.rows ?? 0).toLocaleString('en')} rows for ${(refreshed?.persons ?? 0).toLocaleString('en')} persons in ${ms(refreshMs)}`);

  const once = async (c: (typeof cases)[number], i: number): Promise<number> => {
    await c.before?.();
    try {
      return await timed(() => c.run(i));
    } finally {
      await c.after?.();
    }
  };
  for (const c of cases) await once(c, 0);
  const samples = new Map<string, number[]>(cases.map((c) => [c.name, []]));
  const deadline = performance.now() + BUDGET_MS;
  let runs = 0;
  while (runs < RUNS && performance.now() < deadline) {
    for (let k = 0; k < cases.length; k++) {
      const c = cases[(runs + k) % cases.length];
      if (c) samples.get(c.name)?.push(await once(c, runs));
    }
    runs++;
  }
  const stats = new Map<string, Summary>(cases.map((c) => [c.name, summarize(samples.get(c.name) ?? [])]));
  const rows: string[][] = [['query', 'runs', 'p50', 'p95', 'vs bare SQL (p50)']];
  for (const c of cases) {
    const s = stats.get(c.name);
    const b = c.baseline ? stats.get(c.baseline) : undefined;
    rows.push([c.name, String(s?.n ?? 0), ms(s?.p50 ?? NaN), ms(s?.p95 ?? NaN), b ? ratio(s?.p50 ?? NaN, b.p50) : 'baseline']);
  }
  printTable(rows);
  console.log('Live working lists and the indicators compute clocks and schedules in memory over the whole scope (docs/status.md);');
  console.log('the stored lists read measure_due (kept by the writes, refreshed daily) with paging and count in SQL.');
} finally {
  await app.close();
}
