import { sql, type RawBuilder, type SqlBool } from 'kysely';
import type { AssetKind, DateRange, SanctionKind, TargetEntry } from '@qingyuan/shared';
import { childPathOf, inScope, inSubtree, type Scope } from '../../platform/access/scope.ts';
import type { Db } from '../../platform/db/database.ts';

/**
 * All SQL behind the figures: aggregates over an org subtree and a date range, the records behind each figure, and
 * targets. Every function takes the caller's scope and the subtree asked for (inside it); both bound the rows.
 * Aggregates and drill-downs share their conditions (the `Source` of an indicator), so a figure always equals the sum
 * of the records listed behind it.
 */

/** Where an indicator's numbers come from: a table, the date that places a row in a period, and a filter. */
export type Source =
  | { table: 'drug_case'; date: 'filed_on' | 'solved_on'; only?: 'major' | 'supervised' | 'gang' }
  | { table: 'suspect'; date: 'caught_on' | 'arrested_on'; fugitives?: true }
  | { table: 'seizure'; measure: 'grams' | 'packets'; drug?: string }
  | { table: 'precursor_seizure' }
  | { table: 'drug_use_sanction'; kind?: SanctionKind }
  | { table: 'drug_asset'; kinds: readonly AssetKind[] };

export interface Area {
  scope: Scope;
  /** The subtree asked for (a path inside the scope). */
  path: string;
}

const between = (column: string, range: DateRange): RawBuilder<boolean> =>
  sql<boolean>`${sql.ref(column)} between ${range.from}::date and ${range.to}::date`;

function condition(source: Source, range: DateRange, alias: string): RawBuilder<boolean> {
  const col = (name: string) => `${alias}.${name}`;
  switch (source.table) {
    case 'drug_case': {
      const when = between(col(source.date), range);
      if (source.only === 'major') return sql<boolean>`${when} and ${sql.ref(col('level'))} in ('major', 'extraordinary')`;
      if (source.only === 'supervised') return sql<boolean>`${when} and ${sql.ref(col('supervision'))} is not null`;
      if (source.only === 'gang') return sql<boolean>`${when} and ${sql.ref(col('gang'))}`;
      return when;
    }
    case 'suspect': {
      const when = between(col(source.date), range);
      return source.fugitives ? sql<boolean>`${when} and ${sql.ref(col('wanted_level'))} is not null` : when;
    }
    case 'seizure': {
      let when = between(col('seized_on'), range);
      if (source.measure === 'packets') when = sql<boolean>`${when} and coalesce(${sql.ref(col('packets'))}, 0) > 0`;
      return source.drug === undefined ? when : sql<boolean>`${when} and ${sql.ref(col('drug'))} = ${source.drug}`;
    }
    case 'precursor_seizure':
      return between(col('seized_on'), range);
    case 'drug_use_sanction': {
      const when = between(col('decided_on'), range);
      return source.kind === undefined ? when : sql<boolean>`${when} and ${sql.ref(col('kind'))} = ${source.kind}`;
    }
    case 'drug_asset':
      return sql<boolean>`${between(col('recorded_on'), range)} and ${sql.ref(col('kind'))} in (${sql.join([...source.kinds])})`;
  }
}

/** What one row adds to the figure: 1 for counts, else the measured quantity (numeric or fen). */
function amount(source: Source, alias: string): RawBuilder<string> {
  switch (source.table) {
    case 'seizure':
      return source.measure === 'grams' ? sql<string>`${sql.ref(`${alias}.grams`)}` : sql<string>`coalesce(${sql.ref(`${alias}.packets`)}, 0)`;
    case 'precursor_seizure':
      return sql<string>`${sql.ref(`${alias}.kilograms`)}`;
    case 'drug_asset':
      return sql<string>`${sql.ref(`${alias}.amount_fen`)}`;
    case 'drug_case':
    case 'suspect':
    case 'drug_use_sanction':
      return sql<string>`1`;
  }
}

function areaCondition(area: Area, alias: string): RawBuilder<SqlBool> {
  return sql<SqlBool>`${inSubtree(`${alias}.org_path`, area.scope.rootPath)} and ${inSubtree(`${alias}.org_path`, area.path)}`;
}

/**
 * The values of several indicators of one table for one period, in one query: `{ key: exact decimal text }`
 * (counts as integers, grams and kilograms with three places, money in fen).
 */
export async function totals(db: Db, area: Area, range: DateRange, table: Source['table'], sources: ReadonlyMap<string, Source>): Promise<Map<string, string>> {
  return (await totalsMany(db, area, [range], table, sources))[0] ?? new Map();
}

/** The same for several periods in one scan of the subtree (a trend's twelve months, a period and its 同期/上期). */
export async function totalsMany(db: Db, area: Area, ranges: readonly DateRange[], table: Source['table'], sources: ReadonlyMap<string, Source>): Promise<Map<string, string>[]> {
  const entries = [...sources].filter(([, s]) => s.table === table);
  if (entries.length === 0 || ranges.length === 0) return ranges.map(() => new Map());
  const { rows } = await sql<Record<string, string>>`select ${sql.join(rangeColumns(entries, ranges))} from ${sql.table(table)} as t where ${areaCondition(area, 't')}`.execute(db);
  return rangeValues(entries, ranges, rows[0] ?? {});
}

/** A subtree's values per range, and the same per child unit (keyed by the child's path; children without rows absent). */
export interface TotalsByChild {
  total: Map<string, string>[];
  children: Map<string, Map<string, string>[]>;
}

/**
 * The subtree's values for several periods and, from the same scan, each child unit's (a dashboard's townships):
 * grouped by the child's path segment with a roll-up row for the whole subtree (rows of the unit itself count only
 * there).
 */
export async function totalsByChild(
  db: Db, area: Area, ranges: readonly DateRange[], table: Source['table'], sources: ReadonlyMap<string, Source>,
): Promise<TotalsByChild> {
  const entries = [...sources].filter(([, s]) => s.table === table);
  const children = new Map<string, Map<string, string>[]>();
  if (entries.length === 0 || ranges.length === 0) return { total: ranges.map(() => new Map<string, string>()), children };
  const { rows } = await sql<Record<string, string | null>>`
    select ${childPathOf('t.org_path', area.path)} as child_path, ${sql.join(rangeColumns(entries, ranges))}
    from ${sql.table(table)} as t where ${areaCondition(area, 't')} group by rollup (1)`.execute(db);
  let total: Record<string, string | null> = {};
  for (const row of rows) {
    if (row.child_path === null || row.child_path === undefined) total = row;
    else children.set(row.child_path, rangeValues(entries, ranges, row));
  }
  return { total: rangeValues(entries, ranges, total), children };
}

const rangeAlias = (key: string, i: number): string => `${key}@${String(i)}`;

function rangeColumns(entries: readonly [string, Source][], ranges: readonly DateRange[]): RawBuilder<unknown>[] {
  return ranges.flatMap((range, i) => entries.map(([key, source]) =>
    sql`coalesce(sum(${amount(source, 't')}) filter (where ${condition(source, range, 't')}), 0)::text as ${sql.id(rangeAlias(key, i))}`));
}

function rangeValues(entries: readonly [string, Source][], ranges: readonly DateRange[], row: Record<string, string | null>): Map<string, string>[] {
  return ranges.map((_, i) => new Map(entries.map(([key]) => [key, row[rangeAlias(key, i)] ?? '0'])));
}

/** Grams seized per drug in a period (drugs with none are left out). */
export async function gramsByDrug(db: Db, area: Area, range: DateRange): Promise<Map<string, string>> {
  const { rows } = await sql<{ drug: string; grams: string }>`
    select t.drug, sum(t.grams)::text as grams from seizure as t
    where ${areaCondition(area, 't')} and ${between('t.seized_on', range)}
    group by t.drug`.execute(db);
  return new Map(rows.map((r) => [r.drug, r.grams]));
}

// ---------------------------------------------------------------- records behind a figure

export interface SourceRecord {
  id: string;
  caseId: string | null;
  caseNumber: string | null;
  on: string;
  orgUnitId: string;
  amount: string;
  /** Per table: case type and level; suspect name and role; drug; chemical; sanction name and kind; asset kind. */
  detail: { first: string; second: string | null };
}

/** A page of the rows behind a figure, newest first, with how many there are. */
export async function records(db: Db, area: Area, range: DateRange, source: Source, page: number, pageSize: number): Promise<{ items: SourceRecord[]; total: number }> {
  const where = sql<boolean>`${areaCondition(area, 't')} and ${condition(source, range, 't')}`;
  const shape = recordShape(source);
  const { rows: count } = await sql<{ n: string }>`select count(*)::text as n from ${sql.table(source.table)} as t ${shape.join} where ${where}`.execute(db);
  const { rows } = await sql<{ id: string; case_id: string | null; case_number: string | null; on_date: string; org_unit_id: string; amount: string; first: string; second: string | null }>`
    select t.id, ${shape.caseId} as case_id, ${shape.caseNumber} as case_number, ${shape.on}::text as on_date, ${shape.orgUnitId} as org_unit_id,
           (${amount(source, 't')})::text as amount, ${shape.first} as first, ${shape.second} as second
    from ${sql.table(source.table)} as t ${shape.join}
    where ${where}
    order by on_date desc, t.id
    limit ${pageSize} offset ${(page - 1) * pageSize}`.execute(db);
  return {
    items: rows.map((r) => ({
      id: r.id,
      caseId: r.case_id,
      caseNumber: r.case_number,
      on: r.on_date,
      orgUnitId: r.org_unit_id,
      amount: r.amount,
      detail: { first: r.first, second: r.second },
    })),
    total: Number(count[0]?.n ?? 0),
  };
}

interface RecordShape {
  join: RawBuilder<unknown>;
  caseId: RawBuilder<unknown>;
  caseNumber: RawBuilder<unknown>;
  on: RawBuilder<unknown>;
  orgUnitId: RawBuilder<unknown>;
  first: RawBuilder<unknown>;
  second: RawBuilder<unknown>;
}

function recordShape(source: Source): RecordShape {
  const viaCase = (on: string, first: string, second: string | null): RecordShape => ({
    join: sql`join drug_case as c on c.id = t.case_id`,
    caseId: sql`t.case_id`,
    caseNumber: sql`c.case_number`,
    on: sql.ref(`t.${on}`),
    orgUnitId: sql`c.org_unit_id`,
    first: sql.ref(`t.${first}`),
    second: second === null ? sql`null` : sql`${sql.ref(`t.${second}`)}::text`,
  });
  switch (source.table) {
    case 'drug_case':
      return { join: sql``, caseId: sql`t.id`, caseNumber: sql`t.case_number`, on: sql.ref(`t.${source.date}`), orgUnitId: sql`t.org_unit_id`, first: sql`t.type`, second: sql`t.level` };
    case 'suspect':
      return viaCase(source.date, 'name', 'role');
    case 'seizure':
      return viaCase('seized_on', 'drug', 'packets');
    case 'precursor_seizure':
      return viaCase('seized_on', 'chemical', null);
    case 'drug_asset':
      return viaCase('recorded_on', 'kind', 'description');
    case 'drug_use_sanction':
      return {
        join: sql`left join drug_case as c on c.id = t.case_id`,
        caseId: sql`t.case_id`,
        caseNumber: sql`c.case_number`,
        on: sql`t.decided_on`,
        orgUnitId: sql`t.org_unit_id`,
        first: sql`t.name`,
        second: sql`t.kind`,
      };
  }
}

// ---------------------------------------------------------------- targets

export async function targetEntries(db: Db, orgUnitId: string, year: number): Promise<Map<string, TargetEntry[]>> {
  const rows = await db
    .selectFrom('enforcement_target')
    .select(['indicator', 'quarter', 'value'])
    .where('org_unit_id', '=', orgUnitId)
    .where('year', '=', year)
    .execute();
  const byIndicator = new Map<string, TargetEntry[]>();
  for (const r of rows) byIndicator.set(r.indicator, [...(byIndicator.get(r.indicator) ?? []), { quarter: r.quarter, value: r.value }]);
  return byIndicator;
}

export interface StoredTarget {
  orgUnitId: string;
  year: number;
  quarter: number;
  indicator: string;
  value: string;
  updatedAt: Date;
}

export async function listTargets(db: Db, scope: Scope, year: number, underPath: string): Promise<StoredTarget[]> {
  const rows = await db
    .selectFrom('enforcement_target')
    .select(['org_unit_id', 'year', 'quarter', 'indicator', 'value', 'updated_at'])
    .where((eb) => inScope(eb, 'org_path', scope))
    .where((eb) => inScope(eb, 'org_path', { rootPath: underPath }))
    .where('year', '=', year)
    .orderBy('org_path')
    .orderBy('indicator')
    .orderBy('quarter')
    .execute();
  return rows.map((r) => ({ orgUnitId: r.org_unit_id, year: r.year, quarter: r.quarter, indicator: r.indicator, value: r.value, updatedAt: r.updated_at }));
}

export async function findTarget(db: Db, key: { orgUnitId: string; year: number; quarter: number; indicator: string }): Promise<string | null> {
  const row = await db
    .selectFrom('enforcement_target')
    .select('value')
    .where('org_unit_id', '=', key.orgUnitId)
    .where('year', '=', key.year)
    .where('quarter', '=', key.quarter)
    .where('indicator', '=', key.indicator)
    .executeTakeFirst();
  return row?.value ?? null;
}

export async function upsertTarget(db: Db, target: Omit<StoredTarget, 'updatedAt'> & { orgPath: string; updatedBy: string | null }, at: Date): Promise<StoredTarget> {
  const row = await db
    .insertInto('enforcement_target')
    .values({
      org_unit_id: target.orgUnitId,
      org_path: target.orgPath,
      year: target.year,
      quarter: target.quarter,
      indicator: target.indicator,
      value: target.value,
      updated_by: target.updatedBy,
      updated_at: at,
    })
    .onConflict((oc) => oc.columns(['org_unit_id', 'year', 'quarter', 'indicator']).doUpdateSet({ value: target.value, org_path: target.orgPath, updated_by: target.updatedBy, updated_at: at }))
    .returning(['org_unit_id', 'year', 'quarter', 'indicator', 'value', 'updated_at'])
    .executeTakeFirstOrThrow();
  return { orgUnitId: row.org_unit_id, year: row.year, quarter: row.quarter, indicator: row.indicator, value: row.value, updatedAt: row.updated_at };
}
