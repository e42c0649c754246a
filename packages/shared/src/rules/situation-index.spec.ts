import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { componentScore, indexChange, indexConfigProblem, situationIndex, type IndexConfig } from './situation-index.ts';

const config: IndexConfig = {
  version: 1,
  components: [
    { indicator: 'persons.currentPer10k', weight: 40, good: 5, bad: 50 },
    { indicator: 'supervision.executionRate', weight: 30, good: 95, bad: 60 },
    { indicator: 'cases.solved', weight: 30, good: 0, bad: 20 },
  ],
};
const values = (a: number | null, b: number | null, c: number | null) =>
  new Map<string, number | null>([['persons.currentPer10k', a], ['supervision.executionRate', b], ['cases.solved', c]]);

describe('drug-situation index', () => {
  it('places a value linearly between good (0) and bad (100), clamped, in either direction', () => {
    assert.equal(componentScore(27.5, { good: 5, bad: 50 }), 50);
    assert.equal(componentScore(80, { good: 95, bad: 60 }), 300 / 7);
    assert.equal(componentScore(99, { good: 95, bad: 60 }), 0);
    assert.equal(componentScore(70, { good: 5, bad: 50 }), 100);
  });

  it('is the weighted mean of the scores: 0.4×50 + 0.3×(15/35×100) + 0.3×25 = 40.4', () => {
    const result = situationIndex(values(27.5, 80, 5), config);
    assert.equal(result.index, 40.4);
    assert.deepEqual(result.components.map((c) => c.score), [50, 42.9, 25]);
  });

  it('lets the present components carry the index when one is missing, and reports it missing', () => {
    const result = situationIndex(values(27.5, null, 5), config);
    // (40×50 + 30×25) / 70 = 39.29
    assert.equal(result.index, 39.3);
    assert.equal(result.components[1]?.score, null);
    assert.equal(situationIndex(values(null, null, null), config).index, null);
  });

  it('explains the change against last year by component, adding up to the change', () => {
    // Now: scores 50, 42.86, 25 → 40.36. Then: 70, 62.86, 45 → 60.36. Down 20.0 points, −33.1 %.
    const change = indexChange(values(27.5, 80, 5), values(36.5, 73, 9), config);
    assert.equal(change.points, -20);
    assert.equal(change.percent, -33.1);
    assert.deepEqual(change.contributions, [
      { indicator: 'persons.currentPer10k', points: -8 },
      { indicator: 'supervision.executionRate', points: -6 },
      { indicator: 'cases.solved', points: -6 },
    ]);
  });

  it('explains a change by the components present in both years only', () => {
    const change = indexChange(values(27.5, null, 5), values(36.5, 73, 9), config);
    assert.deepEqual(change.contributions.map((c) => c.indicator), ['persons.currentPer10k', 'cases.solved']);
  });

  it('has no percentage change from a zero index and no change when a year has no index', () => {
    const zero = values(5, 95, 0);
    assert.equal(situationIndex(zero, config).index, 0);
    assert.equal(indexChange(values(27.5, 80, 5), zero, config).percent, null);
    assert.deepEqual(indexChange(values(27.5, 80, 5), values(null, null, null), config), { points: null, percent: null, contributions: [] });
  });

  it('refuses configurations it cannot compute, naming the field', () => {
    assert.deepEqual(indexConfigProblem([]), { field: 'components', message: '至少选择一个指标' });
    assert.equal(indexConfigProblem([{ indicator: 'a', weight: 0, good: 0, bad: 1 }])?.field, 'components.0.weight');
    assert.equal(indexConfigProblem([{ indicator: 'a', weight: 10, good: 1, bad: 1 }])?.field, 'components.0.bad');
    assert.equal(indexConfigProblem([{ indicator: 'a', weight: 10, good: 0, bad: 1 }, { indicator: 'a', weight: 10, good: 0, bad: 1 }])?.field, 'components.1.indicator');
    assert.equal(indexConfigProblem(config.components), null);
  });
});
