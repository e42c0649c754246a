import { FIXED_INDICATORS, INDICATORS, type DateRange, type FixedIndicator } from '@qingyuan/shared';
import { isChildPath } from '../../platform/access/scope.ts';
import type { Db } from '../../platform/db/database.ts';
import * as repo from './figures.repository.ts';
import { SOURCES, figureText } from './indicators.ts';

const TABLES = [...new Set(Object.values(SOURCES).map((s) => s.table))];
const ALL_SOURCES = new Map<string, repo.Source>(FIXED_INDICATORS.map((code) => [code, SOURCES[code]]));

/**
 * The fixed indicators' values for one subtree and period, as exact decimal text — the same SQL as the figures
 * endpoint, for the shared indicator registry (modules/indicators).
 */
export async function enforcementIndicatorTotals(db: Db, area: repo.Area, range: DateRange): Promise<Map<FixedIndicator, string>> {
  return (await enforcementIndicatorTotalsMany(db, area, [range]))[0] ?? new Map();
}

/** The same for several periods, one scan per table for all of them. */
export async function enforcementIndicatorTotalsMany(db: Db, area: repo.Area, ranges: readonly DateRange[]): Promise<Map<FixedIndicator, string>[]> {
  const raw = ranges.map(() => new Map<string, string>());
  for (const table of TABLES) {
    (await repo.totalsMany(db, area, ranges, table, ALL_SOURCES)).forEach((values, i) => {
      for (const [code, value] of values) raw[i]?.set(code, value);
    });
  }
  return raw.map(indicatorTexts);
}

/**
 * The values of units under `area.path` for one period, by path: the direct children (a dashboard's townships) in one
 * scan per table grouped by child, any other unit on its own.
 */
export async function enforcementIndicatorTotalsOfUnits(db: Db, area: repo.Area, paths: readonly string[], range: DateRange): Promise<Map<string, Map<FixedIndicator, string>>> {
  const isChild = (path: string) => isChildPath(area.path, path);
  const children = paths.filter(isChild);
  const raw = new Map(children.map((path) => [path, new Map<string, string>()]));
  for (const table of TABLES) {
    for (const [path, values] of await repo.totalsOfChildren(db, area, children, range, table, ALL_SOURCES)) {
      for (const [code, value] of values) raw.get(path)?.set(code, value);
    }
  }
  const out = new Map([...raw].map(([path, values]) => [path, indicatorTexts(values)]));
  for (const path of paths.filter((p) => !isChild(p))) out.set(path, await enforcementIndicatorTotals(db, { ...area, path }, range));
  return out;
}

function indicatorTexts(raw: ReadonlyMap<string, string>): Map<FixedIndicator, string> {
  return new Map(FIXED_INDICATORS.map((code) => [code, figureText(INDICATORS[code].unit, raw.get(code) ?? '0')]));
}
