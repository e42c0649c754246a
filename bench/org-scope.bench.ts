// Org scope at national scale: is `path LIKE '<root>%'` (the data-scope filter, platform/access/scope.ts)
// as cheap as fetching the same rows by primary key? Prints p50/p95 per query and the ratio to the baseline
// measured in the same run. PGlite by default; DATABASE_URL=postgres://…@127.0.0.1/… for PostgreSQL.
//   node --import tsx bench/org-scope.bench.ts
import { randomUUID } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import { sql, type Insertable, type SqlBool } from 'kysely';
import type { OrgUnitTable } from '../packages/server/src/db/schema.ts';
import { inScope } from '../packages/server/src/platform/access/scope.ts';
import type { Db } from '../packages/server/src/platform/db/database.ts';
import { freshDatabase } from '../packages/server/src/testing/test-database.ts';
import { assertLocalDatabase, closeDatabase, describeDatabase, heading, ms, printTable, ratio, summarize, timed, type Summary } from './support/measure.ts';

// 1 root + 30 provinces × 11 counties × 6 townships × 4 villages = 10,261 units, five levels deep.
const FANOUT = { provinces: 30, counties: 11, townships: 6, villages: 4 } as const;
const BATCH = 1000;
const RUNS = 200;
const WARMUP = 20;
const BUDGET_MS = 30_000;

const COLUMNS = ['id', 'parent_id', 'name', 'kind', 'division_code', 'path', 'depth', 'active'] as const;

interface Node {
  id: string;
  path: string;
  depth: number;
  children: Node[];
}

function buildTree(): { root: Node; levels: Insertable<OrgUnitTable>[][] } {
  const levels: Insertable<OrgUnitTable>[][] = [[], [], [], [], []];
  const make = (parent: Node | null, name: string, kind: string): Node => {
    const id = randomUUID();
    const node: Node = { id, path: `${parent?.path ?? '/'}${id}/`, depth: parent ? parent.depth + 1 : 0, children: [] };
    levels[node.depth]?.push({ id, parent_id: parent?.id ?? null, name, kind, division_code: null, path: node.path, depth: node.depth });
    parent?.children.push(node);
    return node;
  };
  // org_unit.kind has no province/county: the upper three levels are all 'district'.
  const root = make(null, '全国禁毒委员会', 'district');
  for (let p = 1; p <= FANOUT.provinces; p++) {
    const province = make(root, `省${p}`, 'district');
    for (let c = 1; c <= FANOUT.counties; c++) {
      const county = make(province, `县${p}-${c}`, 'district');
      for (let t = 1; t <= FANOUT.townships; t++) {
        const township = make(county, `镇${p}-${c}-${t}`, 'township');
        for (let v = 1; v <= FANOUT.villages; v++) make(township, `村${p}-${c}-${t}-${v}`, 'village');
      }
    }
  }
  return { root, levels };
}

function subtreeIds(node: Node, out: string[] = []): string[] {
  out.push(node.id);
  for (const child of node.children) subtreeIds(child, out);
  return out;
}

const idIn = (ids: readonly string[]) => sql<SqlBool>`id = any(${ids}::uuid[])`;

// The listing the orgs module does (listInScope): active units in scope, ordered by depth and name.
const listByScope = (db: Db, node: Node) =>
  db
    .selectFrom('org_unit')
    .select(COLUMNS)
    .where((eb) => inScope(eb, 'path', { rootPath: node.path }))
    .where('active', '=', true)
    .orderBy('depth')
    .orderBy('name')
    .execute();

// Baseline 1: the same rows when their ids are already known — one primary-key lookup.
const listByIds = (db: Db, ids: readonly string[]) =>
  db.selectFrom('org_unit').select(COLUMNS).where(idIn(ids)).where('active', '=', true).orderBy('depth').orderBy('name').execute();

// Baseline 2: the same rows without a path column — walk down level by level with parent_id = any(frontier).
async function listByParentWalk(db: Db, node: Node): Promise<number> {
  let rows = await db.selectFrom('org_unit').select(COLUMNS).where('id', '=', node.id).where('active', '=', true).execute();
  let total = rows.length;
  while (rows.length > 0) {
    const frontier = rows.map((r) => r.id);
    rows = await db
      .selectFrom('org_unit')
      .select(COLUMNS)
      .where(sql<SqlBool>`parent_id = any(${frontier}::uuid[])`)
      .where('active', '=', true)
      .execute();
    total += rows.length;
  }
  return total;
}

const rollUpByScope = (db: Db, node: Node) =>
  db
    .selectFrom('org_unit')
    .select((eb) => ['depth', eb.fn.countAll<string>().as('n')])
    .where((eb) => inScope(eb, 'path', { rootPath: node.path }))
    .groupBy('depth')
    .orderBy('depth')
    .execute();

const rollUpByIds = (db: Db, ids: readonly string[]) =>
  db
    .selectFrom('org_unit')
    .select((eb) => ['depth', eb.fn.countAll<string>().as('n')])
    .where(idIn(ids))
    .groupBy('depth')
    .orderBy('depth')
    .execute();

const rollUpAll = (db: Db) =>
  db
    .selectFrom('org_unit')
    .select((eb) => ['depth', eb.fn.countAll<string>().as('n')])
    .groupBy('depth')
    .orderBy('depth')
    .execute();

assertLocalDatabase();
const handle = await freshDatabase();
try {
  const { db } = handle;
  const label = await describeDatabase(handle);

  // ---- build the tree in bulk, level by level (parents before children) ----
  const { root, levels } = buildTree();
  const total = levels.reduce((s, l) => s + l.length, 0);
  const buildStart = performance.now();
  for (const level of levels) {
    for (let i = 0; i < level.length; i += BATCH) await db.insertInto('org_unit').values(level.slice(i, i + BATCH)).execute();
  }
  const buildMs = performance.now() - buildStart;
  await sql`analyze org_unit`.execute(db);

  heading('org scope: path LIKE prefix% vs primary key / parent_id', label);
  console.log(
    `tree: ${total.toLocaleString('en')} units (1 root, ${levels[1]?.length} provinces, ${levels[2]?.length} counties, ` +
      `${levels[3]?.length} townships, ${levels[4]?.length} villages), bulk insert ${ms(buildMs)} (${Math.round((total * 1000) / buildMs)} rows/s)`,
  );

  // Targets rotate over many subtrees so no single page stays hot in a way real traffic would not.
  const provinces = root.children;
  const counties = provinces.flatMap((p) => p.children);
  const townships = counties.flatMap((c) => c.children);
  const pick = <T>(list: readonly T[], i: number): T => list[(i * 7919) % list.length] as T;
  const ids = new Map<Node, string[]>();
  const idsOf = (node: Node): string[] => {
    let list = ids.get(node);
    if (!list) ids.set(node, (list = subtreeIds(node)));
    return list;
  };

  // Sanity: every method returns the same rows, and the planner uses the text_pattern_ops index for the prefix.
  const sample = pick(townships, 1);
  const viaScope = await listByScope(db, sample);
  const viaIds = await listByIds(db, idsOf(sample));
  const viaWalk = await listByParentWalk(db, sample);
  if (viaScope.length !== idsOf(sample).length || viaIds.length !== viaScope.length || viaWalk !== viaScope.length) {
    throw new Error(`methods disagree: scope ${viaScope.length}, ids ${viaIds.length}, walk ${viaWalk}, expected ${idsOf(sample).length}`);
  }
  const plan = await sql<Record<string, string>>`explain (costs off) select id from org_unit where path like ${`${sample.path}%`}`.execute(db);
  const planNode = plan.rows.map((r) => Object.values(r)[0]?.trim() ?? '').find((line) => !line.includes(':')) ?? '?';
  console.log(`plan of the scope filter (township prefix): ${planNode}`);

  const cases: { name: string; rows: number; baseline: string | null; run: (i: number) => Promise<unknown> }[] = [
    { name: 'township list: path LIKE', rows: idsOf(sample).length, baseline: 'township list: id = any(ids)', run: (i) => listByScope(db, pick(townships, i)) },
    { name: 'township list: id = any(ids)', rows: idsOf(sample).length, baseline: null, run: (i) => listByIds(db, idsOf(pick(townships, i))) },
    { name: 'township list: parent_id walk', rows: idsOf(sample).length, baseline: 'township list: id = any(ids)', run: (i) => listByParentWalk(db, pick(townships, i)) },
    { name: 'county list: path LIKE', rows: idsOf(counties[0] as Node).length, baseline: 'county list: id = any(ids)', run: (i) => listByScope(db, pick(counties, i)) },
    { name: 'county list: id = any(ids)', rows: idsOf(counties[0] as Node).length, baseline: null, run: (i) => listByIds(db, idsOf(pick(counties, i))) },
    { name: 'province list: path LIKE', rows: idsOf(provinces[0] as Node).length, baseline: 'province list: id = any(ids)', run: (i) => listByScope(db, pick(provinces, i)) },
    { name: 'province list: id = any(ids)', rows: idsOf(provinces[0] as Node).length, baseline: null, run: (i) => listByIds(db, idsOf(pick(provinces, i))) },
    { name: 'county roll-up by depth: LIKE', rows: idsOf(counties[0] as Node).length, baseline: 'county roll-up by depth: ids', run: (i) => rollUpByScope(db, pick(counties, i)) },
    { name: 'county roll-up by depth: ids', rows: idsOf(counties[0] as Node).length, baseline: null, run: (i) => rollUpByIds(db, idsOf(pick(counties, i))) },
    { name: 'national roll-up by depth: LIKE', rows: total, baseline: 'national roll-up: no filter', run: () => rollUpByScope(db, root) },
    { name: 'national roll-up: no filter', rows: total, baseline: null, run: () => rollUpAll(db) },
  ];

  for (let i = 0; i < WARMUP; i++) for (const c of cases) await c.run(i);

  // Interleaved: run i of every case back to back, so drift (GC, autovacuum, other load) hits all cases
  // alike; the starting case rotates so none always follows the same neighbour.
  const samples = new Map<string, number[]>(cases.map((c) => [c.name, []]));
  const deadline = performance.now() + BUDGET_MS;
  let runs = 0;
  while (runs < RUNS && performance.now() < deadline) {
    for (let k = 0; k < cases.length; k++) {
      const c = cases[(runs + k) % cases.length];
      if (c) samples.get(c.name)?.push(await timed(() => c.run(runs)));
    }
    runs++;
  }

  const stats = new Map<string, Summary>(cases.map((c) => [c.name, summarize(samples.get(c.name) ?? [])]));
  const rows: string[][] = [['query', 'rows', 'p50', 'p95', 'p50 ratio', 'vs baseline']];
  for (const c of cases) {
    const s = stats.get(c.name);
    const b = c.baseline ? stats.get(c.baseline) : undefined;
    rows.push([c.name, String(c.rows), ms(s?.p50 ?? NaN), ms(s?.p95 ?? NaN), b ? ratio(s?.p50 ?? NaN, b.p50) : 'baseline', c.baseline ?? '']);
  }
  console.log(`${runs} runs per query${runs < RUNS ? ` (time budget hit before ${RUNS})` : ''}, ${WARMUP} warm-up; list queries = active units ordered by depth, name`);
  printTable(rows);
  const rollUp = await rollUpByScope(db, counties[0] as Node);
  console.log(`county roll-up result: ${rollUp.map((r) => `depth ${r.depth}: ${r.n}`).join(', ')}`);
} finally {
  await closeDatabase(handle);
}
