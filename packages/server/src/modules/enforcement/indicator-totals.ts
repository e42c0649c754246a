import { FIXED_INDICATORS, INDICATORS, type DateRange, type FixedIndicator } from '@qingyuan/shared';
import type { Db } from '../../platform/db/database.ts';
import * as repo from './figures.repository.ts';
import { SOURCES, figureText } from './indicators.ts';

const TABLES = [...new Set(Object.values(SOURCES).map((s) => s.table))];

/**
 * The fixed indicators' values for one subtree and period, as exact decimal text — the same SQL as the figures
 * endpoint, for the shared indicator registry (modules/indicators).
 */
export async function enforcementIndicatorTotals(db: Db, area: repo.Area, range: DateRange): Promise<Map<FixedIndicator, string>> {
  return (await enforcementIndicatorTotalsMany(db, area, [range]))[0] ?? new Map();
}

/** The same for several periods, one scan per table for all of them. */
export function enforcementIndicatorTotalsMany(db: Db, area: repo.Area, ranges: readonly DateRange[]): Promise<Map<FixedIndicator, string>[]> {
  return totalsOfCells(db, area, ranges.map((range) => ({ path: area.path, range })));
}

/** The values of sub-areas (paths under `area.path`) for one period, one scan per table for all of them: by path. */
export async function enforcementIndicatorTotalsOfUnits(db: Db, area: repo.Area, paths: readonly string[], range: DateRange): Promise<Map<string, Map<FixedIndicator, string>>> {
  const totals = await totalsOfCells(db, area, paths.map((path) => ({ path, range })));
  return new Map(paths.map((path, i) => [path, totals[i] ?? new Map()]));
}

async function totalsOfCells(db: Db, area: repo.Area, cells: readonly { path: string; range: DateRange }[]): Promise<Map<FixedIndicator, string>[]> {
  const sources = new Map<string, repo.Source>(FIXED_INDICATORS.map((code) => [code, SOURCES[code]]));
  const raw = cells.map(() => new Map<string, string>());
  for (const table of TABLES) {
    (await repo.totalsOfCells(db, area, cells, table, sources)).forEach((values, i) => {
      for (const [code, value] of values) raw[i]?.set(code, value);
    });
  }
  return raw.map((r) => new Map(FIXED_INDICATORS.map((code) => [code, figureText(INDICATORS[code].unit, r.get(code) ?? '0')])));
}
