import { FIXED_INDICATORS, INDICATORS } from '@qingyuan/shared';
import { enforcementIndicatorTotals } from '../enforcement/index.ts';
import type { IndicatorProvider } from './registry.ts';

/** Enforcement's fixed indicators in the registry, computed by the same SQL as its figures endpoint. */
export const enforcementProvider: IndicatorProvider = {
  module: 'enforcement',
  definitions: FIXED_INDICATORS.map((code) => ({
    code, label: INDICATORS[code].label, unit: INDICATORS[code].unit, module: 'enforcement',
    definition: `${INDICATORS[code].label}（见 docs/rules.md 执法统计口径）`, aggregation: 'sum' as const, target: true, version: 1,
  })),
  async compute(db, area, range) {
    const totals = await enforcementIndicatorTotals(db, area, range);
    return new Map([...totals].map(([code, value]) => [code, { value, numerator: null, denominator: null }]));
  },
};
