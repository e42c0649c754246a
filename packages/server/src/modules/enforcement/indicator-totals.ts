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
  const sources = new Map<string, repo.Source>(FIXED_INDICATORS.map((code) => [code, SOURCES[code]]));
  const raw = new Map<string, string>();
  for (const table of TABLES) for (const [code, value] of await repo.totals(db, area, range, table, sources)) raw.set(code, value);
  return new Map(FIXED_INDICATORS.map((code) => [code, figureText(INDICATORS[code].unit, raw.get(code) ?? '0')]));
}
