import {
  DRUG_GRAMS_PREFIX,
  FIXED_INDICATORS,
  GRAM_SCALE,
  INDICATORS,
  formatScaled,
  normalizeDecimal,
  parseScaled,
  type FixedIndicator,
  type IndicatorUnit,
  type Substance,
} from '@qingyuan/shared';
import type { Source } from './figures.repository.ts';

/** Where each fixed indicator comes from: the table, the date that puts a record in a period, and the filter. */
export const SOURCES: Record<FixedIndicator, Source> = {
  'cases.filed': { table: 'drug_case', date: 'filed_on' },
  'cases.solved': { table: 'drug_case', date: 'solved_on' },
  'cases.major': { table: 'drug_case', date: 'solved_on', only: 'major' },
  'cases.supervised': { table: 'drug_case', date: 'solved_on', only: 'supervised' },
  'cases.gang': { table: 'drug_case', date: 'solved_on', only: 'gang' },
  'suspects.caught': { table: 'suspect', date: 'caught_on' },
  'suspects.arrested': { table: 'suspect', date: 'arrested_on' },
  'fugitives.caught': { table: 'suspect', date: 'caught_on', fugitives: true },
  'seizures.grams': { table: 'seizure', measure: 'grams' },
  'seizures.packets': { table: 'seizure', measure: 'packets' },
  'seizures.precursorKg': { table: 'precursor_seizure' },
  'users.found': { table: 'drug_use_sanction' },
  compulsoryIsolation: { table: 'drug_use_sanction', kind: 'compulsoryIsolation' },
  'assets.seized': { table: 'drug_asset', kinds: ['seized', 'frozen'] },
  'assets.confiscated': { table: 'drug_asset', kinds: ['confiscated'] },
};

export interface IndicatorSpec {
  code: string;
  label: string;
  unit: IndicatorUnit;
  source: Source;
}

const isFixed = (code: string): code is FixedIndicator => (FIXED_INDICATORS as string[]).includes(code);

/** The spec of an indicator code, or null when it is not in the library (or names a drug not in the catalogue). */
export function indicatorSpec(code: string, catalogue: readonly Substance[]): IndicatorSpec | null {
  if (isFixed(code)) return { code, label: INDICATORS[code].label, unit: INDICATORS[code].unit, source: SOURCES[code] };
  if (!code.startsWith(DRUG_GRAMS_PREFIX)) return null;
  const drug = catalogue.find((s) => s.code === code.slice(DRUG_GRAMS_PREFIX.length));
  return drug ? { code, label: `缴获${drug.name}`, unit: '克', source: { table: 'seizure', measure: 'grams', drug: drug.code } } : null;
}

const COUNT_UNITS: readonly IndicatorUnit[] = ['件', '人', '人次', '包'];

export const isCount = (unit: IndicatorUnit): boolean => COUNT_UNITS.includes(unit);

/**
 * A raw aggregate (integer text for counts, numeric text for grams and kilograms, fen for money) as the figure's
 * exact decimal text: '91', '100.000', '1234.50'.
 */
export function figureText(unit: IndicatorUnit, raw: string): string {
  if (unit === '元') return formatScaled(BigInt(raw.split('.')[0] ?? '0'), 2);
  if (isCount(unit)) return BigInt(raw.split('.')[0] ?? '0').toString();
  return normalizeDecimal(raw, GRAM_SCALE);
}

/** A stored target (numeric(14,3) text) as shown for the indicator's unit: '89', '5000.000', '200000.00'. */
export function targetText(unit: IndicatorUnit, stored: string): string {
  const thousandths = parseScaled(normalizeDecimal(stored, GRAM_SCALE), GRAM_SCALE);
  if (isCount(unit)) return formatScaled(thousandths / 1000n, 0);
  if (unit === '元') return formatScaled(thousandths / 10n, 2);
  return formatScaled(thousandths, GRAM_SCALE);
}

/** A problem with a target value for the indicator's unit (counts are whole numbers, money has at most 2 places). */
export function targetValueProblem(unit: IndicatorUnit, value: string): string | null {
  const thousandths = parseScaled(value, GRAM_SCALE);
  if (isCount(unit) && thousandths % 1000n !== 0n) return `${unit}数应为整数`;
  if (unit === '元' && thousandths % 10n !== 0n) return '金额最多2位小数';
  return null;
}
