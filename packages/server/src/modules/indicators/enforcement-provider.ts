import { FIXED_INDICATORS, INDICATORS, type DateRange, type FixedIndicator } from '@qingyuan/shared';
import { enforcementIndicatorTotalsByChild, enforcementIndicatorTotalsMany, enforcementIndicatorTotalsOfUnits } from '../enforcement/index.ts';
import type { IndicatorArea, IndicatorFigure, IndicatorProvider } from './registry.ts';

/** Enforcement's fixed indicators in the registry, computed by the same SQL as its figures endpoint. */
export const enforcementProvider: IndicatorProvider = {
  module: 'enforcement',
  definitions: FIXED_INDICATORS.map((code) => ({
    code, label: INDICATORS[code].label, unit: INDICATORS[code].unit, module: 'enforcement',
    definition: `${INDICATORS[code].label}（见 docs/rules.md 执法统计口径）`, aggregation: 'sum' as const, target: true, version: 1,
  })),
  async compute(db, area, range, today) {
    return (await this.computeMany?.(db, area, [range], today))?.[0] ?? new Map();
  },
  async computeMany(db, area, ranges) {
    const memo = area.memo;
    if (!memo) return (await enforcementIndicatorTotalsMany(db, area, ranges, area.wanted)).map(figuresOf);
    // In a request the same scans also give the children's values, kept for its township table (computeUnits).
    const grouped = await enforcementIndicatorTotalsByChild(db, area, ranges, area.wanted);
    ranges.forEach((range, i) => {
      memo.set(childrenKey(area, range), new Map([...grouped.children].map(([path, perRange]) => [path, perRange[i] ?? new Map()])));
    });
    return grouped.total.map(figuresOf);
  },
  async computeUnits(db, area, paths, range) {
    const known = area.memo?.get(childrenKey(area, range)) as ReadonlyMap<string, Map<FixedIndicator, string>> | undefined;
    const totals = await enforcementIndicatorTotalsOfUnits(db, area, paths, range, area.wanted, known);
    return new Map([...totals].map(([path, t]) => [path, figuresOf(t)]));
  },
};

/** Where a request's memo keeps the children's values of one area, period and set of wanted indicators. */
function childrenKey(area: IndicatorArea, range: DateRange): string {
  const wanted = area.wanted ? [...area.wanted].sort().join(',') : '*';
  return `enforcement.children|${area.path}|${range.from}|${range.to}|${wanted}`;
}

function figuresOf(totals: ReadonlyMap<string, string>): Map<string, IndicatorFigure> {
  return new Map([...totals].map(([code, value]): [string, IndicatorFigure] => [code, { value, numerator: null, denominator: null }]));
}
