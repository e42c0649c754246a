import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  changeRate,
  completionRate,
  decimalProblem,
  fenToYuan,
  figurePeriod,
  formatRate,
  formatScaled,
  normalizeDecimal,
  parseScaled,
  percentOf,
  previousPeriod,
  samePeriodLastYear,
  sumGrams,
  targetFor,
  yearToDate,
  yearToDateLastYear,
  yuanToFen,
} from './figures.ts';

describe('exact decimal quantities', () => {
  it('adds 1,000 seizures of 0.1 g to exactly 100.000 g (a float sum would not)', () => {
    const grams = Array.from({ length: 1000 }, () => '0.1');
    assert.equal(sumGrams(grams), '100.000');
    assert.notEqual(grams.reduce((t, g) => t + Number(g), 0), 100, 'the float sum drifts, which is the point');
  });

  it('parses and formats thousandths without loss, large values included', () => {
    assert.equal(parseScaled('0.1', 3), 100n);
    assert.equal(parseScaled('12', 3), 12000n);
    assert.equal(parseScaled('0.001', 3), 1n);
    assert.equal(parseScaled('99999999999.999', 3), 99_999_999_999_999n);
    assert.equal(formatScaled(100n, 3), '0.100');
    assert.equal(formatScaled(0n, 3), '0.000');
    assert.equal(formatScaled(-1500n, 3), '-1.500');
    assert.equal(formatScaled(91n, 0), '91');
    assert.equal(sumGrams(['99999999999.999', '0.001']), '100000000000.000');
    assert.equal(sumGrams([]), '0.000');
  });

  it('normalizes what PostgreSQL returns for numeric to the fixed number of places', () => {
    assert.equal(normalizeDecimal('100', 3), '100.000');
    assert.equal(normalizeDecimal('100.5', 3), '100.500');
    assert.equal(normalizeDecimal('100.500000', 3), '100.500');
    assert.throws(() => normalizeDecimal('1.0001', 3));
  });

  it('refuses negative, malformed, over-precise and oversized quantities with a Chinese reason', () => {
    assert.equal(decimalProblem('12.345', 3), null);
    assert.equal(decimalProblem('0', 3), null);
    assert.equal(decimalProblem('-1', 3), '不能为负数');
    assert.equal(decimalProblem('0.0001', 3), '最多3位小数');
    assert.equal(decimalProblem('1e3', 3), '应为数字（如 12.5）');
    assert.equal(decimalProblem('1,000', 3), '应为数字（如 12.5）');
    assert.equal(decimalProblem('.5', 3), '应为数字（如 12.5）');
    assert.equal(decimalProblem('', 3), '请填写数值');
    assert.equal(decimalProblem('123456789012', 3), '数值过大');
    assert.equal(decimalProblem('000000000000001', 3), null, 'leading zeros do not count as digits');
    assert.equal(decimalProblem('0.000', 3, { positive: true }), '应大于0');
    assert.equal(decimalProblem('1.5', 0), '应为整数');
    assert.throws(() => parseScaled('-1', 3), RangeError);
  });

  it('keeps money in integer fen', () => {
    assert.equal(yuanToFen('1234.5'), 123450n);
    assert.equal(yuanToFen('0.01'), 1n);
    assert.equal(fenToYuan(123450n), '1234.50');
    assert.equal(decimalProblem('1.005', 2), '最多2位小数');
  });
});

describe('completion (完成率) and change (同比/环比)', () => {
  it('computes the examples of the issue: 91 against 89 → 102.2 %, 145 against 109 → +33.0 %', () => {
    assert.equal(completionRate('91', '89'), 102.2);
    assert.equal(changeRate('145', '109'), 33.0);
    assert.equal(formatRate(changeRate('145', '109'), { signed: true }), '+33.0%');
    assert.equal(formatRate(completionRate('91', '89')), '102.2%');
  });

  it('gives no completion for a zero or missing target (无任务数), and 0 % for nothing done', () => {
    assert.equal(completionRate('5', '0'), null);
    assert.equal(completionRate('5', '0.000'), null);
    assert.equal(completionRate('5', null), null);
    assert.equal(completionRate('0', '10'), 0);
    assert.equal(formatRate(null, { missing: '无任务数' }), '无任务数');
  });

  it('gives no change without a value last year (无同期数), and -100 % when everything stopped', () => {
    assert.equal(changeRate('12', '0'), null);
    assert.equal(changeRate('12', null), null);
    assert.equal(changeRate('0', '0'), null);
    assert.equal(changeRate('0', '7'), -100);
    assert.equal(changeRate('80', '100'), -20);
    assert.equal(formatRate(-20, { signed: true }), '-20.0%');
    assert.equal(formatRate(0, { signed: true }), '0.0%');
  });

  it('rounds half away from zero to one decimal on the exact rational, never on a float', () => {
    // 1/8 = 12.5 %; 1/16 = 6.25 % → 6.3; 1/32 = 3.125 % → 3.1; 2/3 = 66.666… → 66.7; 1/3 → 33.3
    assert.equal(percentOf(1n, 16n), 6.3);
    assert.equal(percentOf(1n, 32n), 3.1);
    assert.equal(percentOf(2n, 3n), 66.7);
    assert.equal(percentOf(1n, 3n), 33.3);
    assert.equal(percentOf(-1n, 16n), -6.3, 'the magnitude is rounded, so -6.25 → -6.3');
    assert.equal(percentOf(0n, 5n), 0);
    // 409.05 / 400 = 102.2625 % → 102.3; 204.5 / 200 = 102.25 % → 102.3 (binary floats would give 102.2)
    assert.equal(completionRate('204.5', '200'), 102.3);
    assert.equal(completionRate('1.005', '1'), 100.5);
    // -33.05 %: 66.95 against 100 → -33.1 (half away from zero)
    assert.equal(changeRate('66.95', '100'), -33.1);
    assert.equal(changeRate('0.001', '0.003'), -66.7);
    assert.throws(() => percentOf(1n, 0n), RangeError);
  });

  it('works on decimal grams and on very large counts alike', () => {
    assert.equal(completionRate('100.000', '80000.000'), 0.1);
    assert.equal(completionRate('99999999999.999', '1'), 9_999_999_999_999.9);
    assert.equal(changeRate('1500.250', '1000.500'), 50, '49.95002… rounds up');
  });
});

describe('periods: to date, same period last year (同期), previous period (环比)', () => {
  it('counts a finished year whole and compares it with the whole previous year', () => {
    const p = figurePeriod(2025, null, '2026-11-23');
    assert.deepEqual(p.counted, { from: '2025-01-01', to: '2025-12-31' });
    assert.equal(p.partial, false);
    assert.deepEqual(samePeriodLastYear(p), { from: '2024-01-01', to: '2024-12-31' });
    assert.deepEqual(previousPeriod(p), { from: '2024-01-01', to: '2024-12-31' });
  });

  it('counts a running year to date and compares with the same dates last year (partial periods)', () => {
    const p = figurePeriod(2026, null, '2026-11-23');
    assert.deepEqual(p.counted, { from: '2026-01-01', to: '2026-11-23' });
    assert.equal(p.partial, true);
    assert.deepEqual(samePeriodLastYear(p), { from: '2025-01-01', to: '2025-11-23' });
  });

  it('treats 29 February: a leap year ending on it compares with 28 February; a whole leap quarter with the whole quarter', () => {
    const leapDay = figurePeriod(2024, null, '2024-02-29');
    assert.deepEqual(samePeriodLastYear(leapDay), { from: '2023-01-01', to: '2023-02-28' });
    const q1Done = figurePeriod(2025, 1, '2025-06-01');
    assert.deepEqual(q1Done.full, { from: '2025-01-01', to: '2025-03-31' });
    assert.deepEqual(samePeriodLastYear(q1Done), { from: '2024-01-01', to: '2024-03-31' }, 'includes 2024-02-29');
    const dayAfter = figurePeriod(2025, null, '2025-02-28');
    assert.deepEqual(samePeriodLastYear(dayAfter), { from: '2024-01-01', to: '2024-02-28' });
    const leapQ1 = figurePeriod(2024, 1, '2024-12-31');
    assert.deepEqual(leapQ1.full, { from: '2024-01-01', to: '2024-03-31' });
    assert.deepEqual(figurePeriod(2024, null, '2025-01-01').full, { from: '2024-01-01', to: '2024-12-31' });
  });

  it('compares a quarter with the previous quarter, across the year boundary and to date', () => {
    const q1 = figurePeriod(2026, 1, '2026-11-23');
    assert.deepEqual(previousPeriod(q1), { from: '2025-10-01', to: '2025-12-31' });
    assert.deepEqual(samePeriodLastYear(q1), { from: '2025-01-01', to: '2025-03-31' });
    const q4 = figurePeriod(2026, 4, '2026-11-23');
    assert.deepEqual(q4.counted, { from: '2026-10-01', to: '2026-11-23' });
    assert.deepEqual(previousPeriod(q4), { from: '2026-07-01', to: '2026-08-23' });
    assert.deepEqual(samePeriodLastYear(q4), { from: '2025-10-01', to: '2025-11-23' });
    // 31 May three months back is 29 February in a leap year (clamped to the month's end)
    const q2 = figurePeriod(2024, 2, '2024-05-31');
    assert.deepEqual(previousPeriod(q2), { from: '2024-01-01', to: '2024-02-29' });
  });

  it('gives an empty period (nothing counted, nothing compared) before it starts', () => {
    const future = figurePeriod(2027, null, '2026-11-23');
    assert.ok(future.counted.to < future.counted.from);
    const last = samePeriodLastYear(future);
    assert.ok(last.to < last.from);
    assert.throws(() => figurePeriod(2026, 5, '2026-11-23'), RangeError);
  });
});

describe('months: 同期 is the same month last year, 环比 the previous month, 累计 from 1 January', () => {
  it('counts a finished month whole and compares it with the same month last year and the month before', () => {
    const july = figurePeriod(2026, null, '2026-11-23', 7);
    assert.equal(july.month, 7);
    assert.equal(july.quarter, null);
    assert.equal(july.partial, false);
    assert.deepEqual(july.counted, { from: '2026-07-01', to: '2026-07-31' });
    assert.deepEqual(samePeriodLastYear(july), { from: '2025-07-01', to: '2025-07-31' });
    assert.deepEqual(previousPeriod(july), { from: '2026-06-01', to: '2026-06-30' });
    assert.deepEqual(yearToDate(july), { from: '2026-01-01', to: '2026-07-31' });
    assert.deepEqual(yearToDateLastYear(july), { from: '2025-01-01', to: '2025-07-31' });
  });

  it('compares January with the December before (across the year boundary); its 累计 is the month itself', () => {
    const january = figurePeriod(2026, null, '2026-11-23', 1);
    assert.deepEqual(previousPeriod(january), { from: '2025-12-01', to: '2025-12-31' });
    assert.deepEqual(samePeriodLastYear(january), { from: '2025-01-01', to: '2025-01-31' });
    assert.deepEqual(yearToDate(january), january.counted);
    const december = figurePeriod(2025, null, '2026-11-23', 12);
    assert.deepEqual(december.counted, { from: '2025-12-01', to: '2025-12-31' });
    assert.deepEqual(previousPeriod(december), { from: '2025-11-01', to: '2025-11-30' });
    assert.deepEqual(yearToDate(december), { from: '2025-01-01', to: '2025-12-31' }, 'December to the end is the whole year');
  });

  it('treats leap-year February: 29 days in 2024, 28 in 2025, and the whole months compare whole', () => {
    const feb2024 = figurePeriod(2024, null, '2024-12-31', 2);
    assert.deepEqual(feb2024.full, { from: '2024-02-01', to: '2024-02-29' });
    assert.deepEqual(samePeriodLastYear(feb2024), { from: '2023-02-01', to: '2023-02-28' });
    assert.deepEqual(previousPeriod(figurePeriod(2024, null, '2024-12-31', 3)), { from: '2024-02-01', to: '2024-02-29' });
    const feb2025 = figurePeriod(2025, null, '2025-12-31', 2);
    assert.deepEqual(feb2025.full, { from: '2025-02-01', to: '2025-02-28' });
    assert.deepEqual(samePeriodLastYear(feb2025), { from: '2024-02-01', to: '2024-02-29' }, 'includes 2024-02-29');
    assert.deepEqual(yearToDateLastYear(feb2025), { from: '2024-01-01', to: '2024-02-29' });
    // a leap day to date: February 2024 counted to the 29th is the whole month (not partial)
    assert.equal(figurePeriod(2024, null, '2024-02-29', 2).partial, false);
  });

  it('counts a running month to date and compares with the same days of the earlier months (clamped)', () => {
    const dec = figurePeriod(2026, null, '2026-12-07', 12);
    assert.equal(dec.partial, true);
    assert.deepEqual(dec.counted, { from: '2026-12-01', to: '2026-12-07' });
    assert.deepEqual(samePeriodLastYear(dec), { from: '2025-12-01', to: '2025-12-07' });
    assert.deepEqual(previousPeriod(dec), { from: '2026-11-01', to: '2026-11-07' });
    assert.deepEqual(yearToDate(dec), { from: '2026-01-01', to: '2026-12-07' });
    assert.deepEqual(yearToDateLastYear(dec), { from: '2025-01-01', to: '2025-12-07' });
    // 30 March to date compares with the whole of February (29 days in 2024)
    assert.deepEqual(previousPeriod(figurePeriod(2024, null, '2024-03-30', 3)), { from: '2024-02-01', to: '2024-02-29' });
    // 29 February to date last year is 28 February
    assert.deepEqual(samePeriodLastYear(figurePeriod(2028, null, '2028-02-29', 2)), { from: '2027-02-01', to: '2027-02-28' });
  });

  it('gives an empty month before it starts (its 累计 holds the months already over) and refuses month 13 or a quarter with a month', () => {
    const future = figurePeriod(2026, null, '2026-11-23', 12);
    assert.ok(future.counted.to < future.counted.from);
    assert.deepEqual(yearToDate(future), { from: '2026-01-01', to: '2026-11-30' });
    const last = previousPeriod(future);
    assert.ok(last.to < last.from);
    assert.throws(() => figurePeriod(2026, null, '2026-11-23', 13), RangeError);
    assert.throws(() => figurePeriod(2026, null, '2026-11-23', 0), RangeError);
    assert.throws(() => figurePeriod(2026, 3, '2026-11-23', 7), RangeError);
  });
});

describe('targets of a period', () => {
  it('uses the quarter target for a quarter, the yearly target for the year, else the sum of the quarters', () => {
    const split = [{ quarter: 1, value: '20' }, { quarter: 2, value: '25' }, { quarter: 3, value: '22' }, { quarter: 4, value: '22' }];
    assert.equal(targetFor(split, 2), '25');
    assert.equal(targetFor(split, null), '89.000');
    assert.equal(targetFor([...split, { quarter: 0, value: '90' }], null), '90', 'a yearly target wins over the quarters');
    assert.equal(targetFor([{ quarter: 0, value: '90' }], 3), null, 'a yearly target is not split by itself');
    assert.equal(targetFor([], null), null);
  });
});
