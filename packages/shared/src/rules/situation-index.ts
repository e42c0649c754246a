/**
 * 毒情测评指数 (drug-situation index): a composite score of 0–100 per org unit and period, higher = more serious,
 * built from weighted, normalised indicators the office configures (and versions). Unit-tested in
 * situation-index.spec.ts; the method is written down in docs/indicators.md.
 *
 * - Each component names an indicator and two reference values: `good` (scores 0) and `bad` (scores 100); the value
 *   is placed linearly between them and clamped, so one rule serves indicators where more is worse (users per 10k:
 *   good 5, bad 50) and where more is better (execution rate: good 95, bad 60).
 * - The index is the weighted mean of the component scores that have a value; a component without a value (a rate
 *   with nobody in its denominator) leaves the others' weights to carry the index, and is reported as missing.
 * - Change against last year: the difference in points and in % of last year's index. "What changed": each component's
 *   contribution in points is weight × (score now − score then) / Σ weights, over the components present in both, so
 *   the contributions add up to the change exactly when both years have the same components.
 * - Every score and the index are rounded once, half away from zero, to one decimal for display; the contributions
 *   are computed from unrounded scores.
 */

export interface IndexComponent {
  indicator: string;
  /** 0–100; the weights need not add up to 100. */
  weight: number;
  good: number;
  bad: number;
}

export interface IndexConfig {
  version: number;
  components: readonly IndexComponent[];
}

export interface ComponentScore {
  indicator: string;
  value: number | null;
  /** 0–100, or null when the value is missing. */
  score: number | null;
  weight: number;
}

export interface IndexResult {
  /** 0–100 to one decimal; null when no component has a value. */
  index: number | null;
  components: ComponentScore[];
}

/** A problem with a configuration, naming the field (components.2.weight …), or null. */
export function indexConfigProblem(components: readonly IndexComponent[]): { field: string; message: string } | null {
  if (components.length === 0) return { field: 'components', message: '至少选择一个指标' };
  const seen = new Set<string>();
  for (const [i, c] of components.entries()) {
    const at = `components.${String(i)}`;
    if (seen.has(c.indicator)) return { field: `${at}.indicator`, message: '指标重复' };
    seen.add(c.indicator);
    if (!Number.isFinite(c.weight) || c.weight <= 0 || c.weight > 100) return { field: `${at}.weight`, message: '权重应大于0且不超过100' };
    if (!Number.isFinite(c.good) || !Number.isFinite(c.bad)) return { field: `${at}.good`, message: '请填写参考值' };
    if (c.good === c.bad) return { field: `${at}.bad`, message: '“最差”参考值不能等于“最好”参考值' };
  }
  return null;
}

/** The value's place between good (0) and bad (100), clamped. */
export function componentScore(value: number, component: Pick<IndexComponent, 'good' | 'bad'>): number {
  const share = (value - component.good) / (component.bad - component.good);
  return Math.min(100, Math.max(0, share * 100));
}

/** Half away from zero to one decimal. */
export function roundOne(value: number): number {
  const rounded = Math.round(Math.abs(value) * 10 + 1e-9) / 10;
  return value < 0 ? -rounded : rounded;
}

/** Unrounded index and scores, for contributions. */
function computeRaw(values: ReadonlyMap<string, number | null>, config: IndexConfig): { index: number | null; scores: (number | null)[] } {
  let weighted = 0;
  let weights = 0;
  const scores = config.components.map((c) => {
    const value = values.get(c.indicator) ?? null;
    if (value === null) return null;
    const score = componentScore(value, c);
    weighted += score * c.weight;
    weights += c.weight;
    return score;
  });
  return { index: weights === 0 ? null : weighted / weights, scores };
}

/** The index of one unit and period from its indicator values (missing values as null or absent). */
export function situationIndex(values: ReadonlyMap<string, number | null>, config: IndexConfig): IndexResult {
  const raw = computeRaw(values, config);
  return {
    index: raw.index === null ? null : roundOne(raw.index),
    components: config.components.map((c, i) => {
      const score = raw.scores[i] ?? null;
      return { indicator: c.indicator, value: values.get(c.indicator) ?? null, score: score === null ? null : roundOne(score), weight: c.weight };
    }),
  };
}

export interface IndexChange {
  /** Points (one decimal); null when either year has no index. */
  points: number | null;
  /** % of last year's index (one decimal); null when last year's index is missing or zero. */
  percent: number | null;
  /** Each component's share of the change in points (one decimal), largest effect first. */
  contributions: { indicator: string; points: number }[];
}

/** 同比 of the index and what changed it, by component. */
export function indexChange(now: ReadonlyMap<string, number | null>, then: ReadonlyMap<string, number | null>, config: IndexConfig): IndexChange {
  const a = computeRaw(now, config);
  const b = computeRaw(then, config);
  if (a.index === null || b.index === null) return { points: null, percent: null, contributions: [] };
  const both = config.components.map((c, i) => ({ c, now: a.scores[i] ?? null, then: b.scores[i] ?? null })).filter((x) => x.now !== null && x.then !== null);
  const weights = both.reduce((sum, x) => sum + x.c.weight, 0);
  const contributions = both
    .map((x) => ({ indicator: x.c.indicator, points: roundOne((x.c.weight * ((x.now ?? 0) - (x.then ?? 0))) / weights) }))
    .sort((p, q) => Math.abs(q.points) - Math.abs(p.points));
  const points = roundOne(a.index - b.index);
  const percent = b.index === 0 ? null : roundOne(((a.index - b.index) / b.index) * 100);
  return { points, percent, contributions };
}
