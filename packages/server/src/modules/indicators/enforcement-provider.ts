import { FIXED_INDICATORS, INDICATORS } from '@qingyuan/shared';
import { enforcementIndicatorTotalsMany, enforcementIndicatorTotalsOfUnits } from '../enforcement/index.ts';
import type { IndicatorFigure, IndicatorProvider } from './registry.ts';

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
    return (await enforcementIndicatorTotalsMany(db, area, ranges, area.wanted)).map(figuresOf);
  },
  async computeUnits(db, area, paths, range) {
    const totals = await enforcementIndicatorTotalsOfUnits(db, area, paths, range, area.wanted);
    return new Map([...totals].map(([path, t]) => [path, figuresOf(t)]));
  },
};

function figuresOf(totals: ReadonlyMap<string, string>): Map<string, IndicatorFigure> {
  return new Map([...totals].map(([code, value]): [string, IndicatorFigure] => [code, { value, numerator: null, denominator: null }]));
}
