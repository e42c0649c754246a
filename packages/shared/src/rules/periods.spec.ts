import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { fullRange, periodProblem, resolvePeriod } from './periods.ts';

describe('reporting periods', () => {
  it('gives the whole month, quarter, half-year and year', () => {
    assert.deepEqual(fullRange({ kind: 'month', year: 2024, index: 2 }), { from: '2024-02-01', to: '2024-02-29' });
    assert.deepEqual(fullRange({ kind: 'quarter', year: 2026, index: 3 }), { from: '2026-07-01', to: '2026-09-30' });
    assert.deepEqual(fullRange({ kind: 'half', year: 2026, index: 2 }), { from: '2026-07-01', to: '2026-12-31' });
    assert.deepEqual(fullRange({ kind: 'year', year: 2026 }), { from: '2026-01-01', to: '2026-12-31' });
  });

  it('compares a finished month with the same month last year and the month before, across a year end', () => {
    const p = resolvePeriod({ kind: 'month', year: 2026, index: 1 }, '2026-11-23');
    assert.equal(p.label, '2026年1月');
    assert.equal(p.partial, false);
    assert.deepEqual(p.lastYear, { from: '2025-01-01', to: '2025-01-31' });
    assert.deepEqual(p.previous, { from: '2025-12-01', to: '2025-12-31' });
  });

  it('counts a running month to today and compares the same span, clamped at month ends', () => {
    const p = resolvePeriod({ kind: 'month', year: 2026, index: 11 }, '2026-11-23');
    assert.deepEqual(p.counted, { from: '2026-11-01', to: '2026-11-23' });
    assert.deepEqual(p.lastYear, { from: '2025-11-01', to: '2025-11-23' });
    assert.deepEqual(p.previous, { from: '2026-10-01', to: '2026-10-23' });
    const march = resolvePeriod({ kind: 'month', year: 2025, index: 3 }, '2025-03-31');
    assert.equal(march.partial, false);
    const runningMarch = resolvePeriod({ kind: 'month', year: 2025, index: 3 }, '2025-03-30');
    assert.deepEqual(runningMarch.previous, { from: '2025-02-01', to: '2025-02-28' });
    const leap = resolvePeriod({ kind: 'quarter', year: 2024, index: 1 }, '2024-02-29');
    assert.deepEqual(leap.lastYear, { from: '2023-01-01', to: '2023-02-28' });
  });

  it('compares half-years with the half before and names them', () => {
    const first = resolvePeriod({ kind: 'half', year: 2026, index: 1 }, '2026-11-23');
    assert.equal(first.label, '2026年上半年');
    assert.deepEqual(first.previous, { from: '2025-07-01', to: '2025-12-31' });
    const second = resolvePeriod({ kind: 'half', year: 2026, index: 2 }, '2026-11-23');
    assert.deepEqual(second.counted, { from: '2026-07-01', to: '2026-11-23' });
    assert.deepEqual(second.previous, { from: '2026-01-01', to: '2026-05-23' });
  });

  it('compares a year with last year for both 同比 and 环比', () => {
    const p = resolvePeriod({ kind: 'year', year: 2026 }, '2026-11-23');
    assert.equal(p.label, '2026年');
    assert.deepEqual(p.lastYear, { from: '2025-01-01', to: '2025-11-23' });
    assert.deepEqual(p.previous, p.lastYear);
  });

  it('compares a custom range with the same dates last year and the same number of days before', () => {
    const p = resolvePeriod({ kind: 'custom', year: 2026, from: '2026-03-01', to: '2026-05-31' }, '2026-11-23');
    assert.equal(p.label, '2026年3月1日至5月31日');
    assert.deepEqual(p.lastYear, { from: '2025-03-01', to: '2025-05-31' });
    assert.deepEqual(p.previous, { from: '2025-11-29', to: '2026-02-28' }); // 92 days, as 1 March … 31 May
    assert.equal(resolvePeriod({ kind: 'custom', year: 2025, from: '2025-12-01', to: '2026-01-31' }, '2026-11-23').label, '2025年12月1日至2026年1月31日');
  });

  it('counts nothing for a period that has not started', () => {
    const p = resolvePeriod({ kind: 'quarter', year: 2027, index: 1 }, '2026-11-23');
    assert.equal(p.partial, true);
    assert.ok(p.counted.to < p.counted.from);
    assert.ok(p.lastYear.to < p.lastYear.from);
  });

  it('refuses impossible specs naming the field', () => {
    assert.deepEqual(periodProblem({ kind: 'month', year: 2026, index: 13 }), { field: 'index', message: '应为1至12' });
    assert.deepEqual(periodProblem({ kind: 'half', year: 2026 }), { field: 'index', message: '应为1至2' });
    assert.equal(periodProblem({ kind: 'year', year: 1999 })?.field, 'year');
    assert.deepEqual(periodProblem({ kind: 'custom', year: 2026, from: '2026-05-01', to: '2026-04-30' }), { field: 'to', message: '结束日期不能早于开始日期' });
    assert.equal(periodProblem({ kind: 'custom', year: 2026, from: '2026-02-30', to: '2026-04-30' })?.field, 'from');
    assert.throws(() => fullRange({ kind: 'quarter', year: 2026, index: 5 }), RangeError);
  });
});
