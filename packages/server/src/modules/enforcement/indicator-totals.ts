import { FIXED_INDICATORS, INDICATORS, type DateRange, type FixedIndicator } from '@qingyuan/shared';
import { isChildPath } from '../../platform/access/scope.ts';
import type { Db } from '../../platform/db/database.ts';
import * as repo from './figures.repository.ts';
import { SOURCES, figureText } from './indicators.ts';

/** The indicators asked for (default: all), their sources and the tables those read — no scan of a table nobody needs. */
interface Wanted {
  codes: readonly FixedIndicator[];
  sources: Map<string, repo.Source>;
  tables: repo.Source['table'][];
}

function wantedOf(only?: ReadonlySet<string>): Wanted {
  const codes = only ? FIXED_INDICATORS.filter((c) => only.has(c)) : FIXED_INDICATORS;
  const sources = new Map<string, repo.Source>(codes.map((code) => [code, SOURCES[code]]));
  return { codes, sources, tables: [...new Set([...sources.values()].map((s) => s.table))] };
}

/**
 * The fixed indicators' values for one subtree and period, as exact decimal text — the same SQL as the figures
 * endpoint, for the shared indicator registry (modules/indicators).
 */
export async function enforcementIndicatorTotals(db: Db, area: repo.Area, range: DateRange, only?: ReadonlySet<string>): Promise<Map<FixedIndicator, string>> {
  return (await enforcementIndicatorTotalsMany(db, area, [range], only))[0] ?? new Map();
}

/** The same for several periods, one scan per table for all of them; `only` limits the indicators (and tables). */
export async function enforcementIndicatorTotalsMany(db: Db, area: repo.Area, ranges: readonly DateRange[], only?: ReadonlySet<string>): Promise<Map<FixedIndicator, string>[]> {
  const wanted = wantedOf(only);
  const raw = ranges.map(() => new Map<string, string>());
  for (const table of wanted.tables) {
    (await repo.totalsMany(db, area, ranges, table, wanted.sources)).forEach((values, i) => {
      for (const [code, value] of values) raw[i]?.set(code, value);
    });
  }
  return raw.map((r) => indicatorTexts(wanted, r));
}

/** A subtree's values per range, and each direct child's per range (by child path; children without records absent). */
export interface IndicatorTotalsByChild {
  total: Map<FixedIndicator, string>[];
  children: Map<string, Map<FixedIndicator, string>[]>;
}

/** The subtree's values for several periods and its children's, from the same one scan per table. */
export async function enforcementIndicatorTotalsByChild(
  db: Db, area: repo.Area, ranges: readonly DateRange[], only?: ReadonlySet<string>,
): Promise<IndicatorTotalsByChild> {
  const wanted = wantedOf(only);
  const total = ranges.map(() => new Map<string, string>());
  const children = new Map<string, Map<string, string>[]>();
  for (const table of wanted.tables) {
    const scanned = await repo.totalsByChild(db, area, ranges, table, wanted.sources);
    scanned.total.forEach((values, i) => { for (const [code, value] of values) total[i]?.set(code, value); });
    for (const [path, perRange] of scanned.children) {
      const mine = children.get(path) ?? ranges.map(() => new Map<string, string>());
      children.set(path, mine);
      perRange.forEach((values, i) => { for (const [code, value] of values) mine[i]?.set(code, value); });
    }
  }
  return {
    total: total.map((r) => indicatorTexts(wanted, r)),
    children: new Map([...children].map(([path, perRange]) => [path, perRange.map((r) => indicatorTexts(wanted, r))])),
  };
}

/**
 * The values of units under `area.path` for one period, by path: the direct children (a dashboard's townships) from
 * `known` — the children's values of an earlier `enforcementIndicatorTotalsByChild` for the same area, period and
 * indicators — or one scan per table grouped by child; any other unit on its own.
 */
export async function enforcementIndicatorTotalsOfUnits(
  db: Db, area: repo.Area, paths: readonly string[], range: DateRange, only?: ReadonlySet<string>,
  known?: ReadonlyMap<string, Map<FixedIndicator, string>>,
): Promise<Map<string, Map<FixedIndicator, string>>> {
  const isChild = (path: string) => isChildPath(area.path, path);
  const children = known ?? new Map([...(await enforcementIndicatorTotalsByChild(db, area, [range], only)).children]
    .map(([path, perRange]) => [path, perRange[0] ?? new Map<FixedIndicator, string>()]));
  const none = indicatorTexts(wantedOf(only), new Map());
  const out = new Map(paths.filter(isChild).map((path) => [path, children.get(path) ?? none]));
  for (const path of paths.filter((p) => !isChild(p))) out.set(path, await enforcementIndicatorTotals(db, { ...area, path }, range, only));
  return out;
}

function indicatorTexts(wanted: Wanted, raw: ReadonlyMap<string, string>): Map<FixedIndicator, string> {
  return new Map(wanted.codes.map((code) => [code, figureText(INDICATORS[code].unit, raw.get(code) ?? '0')]));
}
