// Dashboards and bulletins at scale (issue #6): loads persons with supervision histories (tests and visits: ~2M records at
// 100k persons) and drug cases with seizures
// in bulk, then prints p50/p95 of the dashboard query set through the HTTP API — the office dashboard, the situation
// index, the indicator explorer (enforcement indicators × townships) and the Word bulletin — next to the enforcement
// totals run as bare SQL (the baseline), and the report generation time.
// Sizes: BENCH_PERSONS (default 20,000) and BENCH_CASES (default 50,000); the issue's province size is
// BENCH_PERSONS=100000. PGlite by default; DATABASE_URL=postgres://…@127.0.0.1/… for PostgreSQL. BENCH_LIVE=0 skips the
// live measurement (minutes per query at 100k persons) and measures only with the snapshots stored.
//   node --import tsx bench/analytics.bench.ts
import { randomUUID } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import { sql } from 'kysely';
import { addDays } from '@qingyuan/shared';
import { enforcementIndicatorTotals, enforcementIndicatorTotalsOfUnits } from '../packages/server/src/modules/enforcement/index.ts';
import { startTestApp } from '../packages/server/src/testing/test-app.ts';
import { bulkInsert, loadPersons, seededRandom } from './support/load-persons.ts';
import { assertLocalDatabase, heading, ms, printTable, ratio, summarize, timed, type Summary } from './support/measure.ts';

const PERSONS = Number(process.env.BENCH_PERSONS ?? 20_000);
const CASES = Number(process.env.BENCH_CASES ?? 50_000);
const RUNS = 5;
const LIVE = process.env.BENCH_LIVE !== '0';
const BUDGET_MS = 120_000;
const TODAY = '2026-11-23';
const DRUGS = ['heroin', 'methamphetamine', 'ketamine', 'cannabis', 'mdma'];
const LEVELS = ['ordinary', 'ordinary', 'ordinary', 'major', 'extraordinary'];

assertLocalDatabase();
const app = await startTestApp();
try {
  const db = app.platform.db;
  const rand = seededRandom(611);
  const loaded = await loadPersons(db, app.platform.keys, PERSONS, TODAY, { visits: true });

  // Cases over three years in the villages, two thirds solved within 60 days, one seizure each.
  const caseStart = performance.now();
  const places = await db.selectFrom('org_unit').select(['id', 'path']).where('kind', 'in', ['village', 'community']).execute();
  const brigade = await db.selectFrom('org_unit').select('id').where('name', '=', '公安分局禁毒大队').executeTakeFirstOrThrow();
  const cases: Record<string, unknown[]> = { id: [], case_number: [], type: [], level: [], filed_on: [], solved_on: [], handling_unit_id: [], org_unit_id: [], org_path: [] };
  const seizures: Record<string, unknown[]> = { id: [], case_id: [], drug: [], grams: [], seized_on: [], org_path: [] };
  for (let i = 0; i < CASES; i++) {
    const id = randomUUID();
    const place = places[Math.floor(rand() * places.length)];
    if (!place) break;
    const filed = addDays(TODAY, -Math.floor(rand() * 1000) - 1);
    const solved = rand() < 0.67 ? addDays(filed, Math.floor(rand() * 60)) : null;
    cases.id?.push(id); cases.case_number?.push(`BENCH${String(i).padStart(8, '0')}`); cases.type?.push('trafficking');
    cases.level?.push(LEVELS[i % LEVELS.length]); cases.filed_on?.push(filed); cases.solved_on?.push(solved && solved <= TODAY ? solved : null);
    cases.handling_unit_id?.push(brigade.id); cases.org_unit_id?.push(place.id); cases.org_path?.push(place.path);
    seizures.id?.push(randomUUID()); seizures.case_id?.push(id); seizures.drug?.push(DRUGS[i % DRUGS.length]);
    seizures.grams?.push(((Math.floor(rand() * 500_000) + 1) / 1000).toFixed(3));
    seizures.seized_on?.push(filed); seizures.org_path?.push(place.path);
  }
  const nCases = await bulkInsert(db, 'drug_case', cases, { id: 'uuid', filed_on: 'date', solved_on: 'date', handling_unit_id: 'uuid', org_unit_id: 'uuid' });
  const nSeizures = await bulkInsert(db, 'seizure', seizures, { id: 'uuid', case_id: 'uuid', grams: 'numeric', seized_on: 'date' });
  await sql`analyze`.execute(db);
  const caseMs = performance.now() - caseStart;

  const office = await app.login('office');
  const townships = await db.selectFrom('org_unit').select(['id', 'path']).where('depth', '=', 1).where('kind', 'in', ['township', 'street']).execute();
  const district = await db.selectFrom('org_unit').select('path').where('depth', '=', 0).executeTakeFirstOrThrow();
  const area = { scope: { rootPath: district.path }, path: district.path };
  const year = { from: '2026-01-01', to: TODAY };
  const root = `${district.path.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
  const get = async (url: string): Promise<void> => {
    const response = await office.get(url);
    if (response.statusCode !== 200) throw new Error(`${url}: ${String(response.statusCode)} ${response.body.slice(0, 200)}`);
  };
  const explorer = `/api/indicators/values?year=2026&codes=cases.solved,cases.major,seizures.grams,suspects.caught&orgUnitIds=${townships.map((t) => t.id).join(',')}`;

  const queries: { name: string; baseline: string | null; run: () => Promise<unknown> }[] = [
    {
      name: 'enforcement totals: bare SQL', baseline: null, run: async () => {
        // What the enforcement part of the figures asks per period: solved cases and seized grams of the subtree.
        for (const [from, to] of [['2026-01-01', TODAY], ['2025-01-01', '2025-11-23']] as const) {
          await sql`select count(*) from drug_case where org_path like ${root} and solved_on between ${from}::date and ${to}::date`.execute(db);
          await sql`select sum(grams) from seizure where org_path like ${root} and seized_on between ${from}::date and ${to}::date`.execute(db);
        }
      },
    },
    // The townships' enforcement figures of a dashboard: one query set per township (before session 5) and grouped.
    { name: 'townships\' enforcement figures, per township', baseline: 'enforcement totals: bare SQL', run: async () => {
      for (const t of townships) await enforcementIndicatorTotals(db, { ...area, path: t.path }, year);
    } },
    { name: 'townships\' enforcement figures, grouped', baseline: 'enforcement totals: bare SQL', run: () => enforcementIndicatorTotalsOfUnits(db, area, townships.map((t) => t.path), year) },
    { name: 'indicator explorer (4 indicators × 8 townships)', baseline: 'enforcement totals: bare SQL', run: () => get(explorer) },
    { name: 'office dashboard (year)', baseline: 'enforcement totals: bare SQL', run: () => get('/api/dashboard?year=2026') },
    { name: 'situation index (district + townships)', baseline: 'enforcement totals: bare SQL', run: () => get('/api/situation-index?year=2026') },
    { name: 'Word bulletin (.docx with chart)', baseline: 'enforcement totals: bare SQL', run: () => get('/api/reports/bulletin/docx?year=2026') },
  ];

  heading('dashboards and bulletins at scale: API vs enforcement totals run bare', app.database.kind === 'pglite' ? 'PGlite (in memory)' : 'PostgreSQL 127.0.0.1, throwaway database');
  console.log(`loaded ${loaded.persons.toLocaleString('en')} persons, ${loaded.measures.toLocaleString('en')} measures, ${loaded.tests.toLocaleString('en')} tests, ${loaded.visits.toLocaleString('en')} visits ` +
    `(${ms(loaded.generatedMs + loaded.insertMs)}), ${nCases.toLocaleString('en')} cases and ${nSeizures.toLocaleString('en')} seizures (${ms(caseMs)})`);

  const measure = async (): Promise<Map<string, Summary>> => {
    for (const q of queries) await q.run();
    const samples = new Map<string, number[]>(queries.map((q) => [q.name, []]));
    const deadline = performance.now() + BUDGET_MS;
    for (let run = 0; run < RUNS && performance.now() < deadline; run++) {
      for (const q of queries) samples.get(q.name)?.push(await timed(q.run));
    }
    return new Map<string, Summary>(queries.map((q) => [q.name, summarize(samples.get(q.name) ?? [])]));
  };
  // First computed live (no snapshots stored yet), then after the snapshot job stored the standard periods' figures.
  const live = LIVE ? await measure() : new Map<string, Summary>();
  const refresh = await app.snapshots.refresh(true);
  const stored = await measure();
  const rows: string[][] = [['query', 'runs', 'live p50', 'live p95', 'snapshots p50', 'snapshots p95', 'snapshots vs bare SQL (p50)']];
  for (const q of queries) {
    const l = live.get(q.name);
    const s = stored.get(q.name);
    const b = q.baseline ? stored.get(q.baseline) : undefined;
    rows.push([q.name, String(s?.n ?? 0), ms(l?.p50 ?? NaN), ms(l?.p95 ?? NaN), ms(s?.p50 ?? NaN), ms(s?.p95 ?? NaN), b ? ratio(s?.p50 ?? NaN, b.p50) : 'baseline']);
  }
  printTable(rows);
  console.log(`snapshot refresh (the background job): ${ms(refresh.ms)} for ${String(refresh.units)} units × ${String(refresh.ranges)} ranges`);
  console.log('Live, the dashboard and the index compute the persons/supervision indicators in memory over the scope; with');
  console.log('snapshots they read the figures the job stored for the current data version (docs/indicators.md 规模).');
} finally {
  await app.close();
}
