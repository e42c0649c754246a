// Test-only files need node:test; shared's "no node:*" rule guards runtime code, not its specs.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import {
  addDays, addMonths, addYears, compareDates, daysBetween, daysInMonth, inclusiveDays, isIsoDate, isLeapYear, maxDate, minDate,
  parseIsoDate, termLastDay,
} from './calendar-dates.ts';

// Reference implementation on the platform's Date (UTC), for property tests in years 1900–2999.
const refAddDays = (date: string, days: number): string => new Date(Date.parse(`${date}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
const isoDate = fc.date({ min: new Date('1900-01-01T00:00:00Z'), max: new Date('2999-12-31T00:00:00Z'), noInvalidDate: true })
  .map((d) => d.toISOString().slice(0, 10));

describe('parseIsoDate / isIsoDate', () => {
  it('accepts real calendar dates only', () => {
    assert.deepEqual(parseIsoDate('2024-02-29'), { year: 2024, month: 2, day: 29 });
    for (const bad of ['2023-02-29', '2024-02-30', '2024-13-01', '2024-00-10', '2024-04-31', '0000-01-01', '2024-1-01', '24-01-01', '2024-01-01T00:00', ' 2024-01-01', '']) {
      assert.equal(isIsoDate(bad), false, bad);
    }
    assert.equal(isIsoDate('1900-02-28'), true);
    assert.equal(isIsoDate('1900-02-29'), false, '1900 is not a leap year');
    assert.equal(isIsoDate('2000-02-29'), true, '2000 is a leap year');
  });

  it('knows leap years and month lengths', () => {
    assert.deepEqual([1900, 2000, 2023, 2024, 2100].map(isLeapYear), [false, true, false, true, false]);
    assert.deepEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12].map((m) => daysInMonth(2024, m)), [31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31]);
    assert.equal(daysInMonth(2025, 2), 28);
  });
});

describe('addDays', () => {
  it('crosses month, year and leap-day boundaries', () => {
    assert.equal(addDays('2024-02-28', 1), '2024-02-29');
    assert.equal(addDays('2024-02-29', 1), '2024-03-01');
    assert.equal(addDays('2023-02-28', 1), '2023-03-01');
    assert.equal(addDays('2024-12-31', 1), '2025-01-01');
    assert.equal(addDays('2025-01-01', -1), '2024-12-31');
    assert.equal(addDays('2024-03-01', -1), '2024-02-29');
    assert.equal(addDays('2024-01-01', 366), '2025-01-01');
    assert.equal(addDays('2024-01-01', 0), '2024-01-01');
  });

  it('refuses fractional days and invalid dates', () => {
    assert.throws(() => addDays('2024-01-01', 1.5), RangeError);
    assert.throws(() => addDays('2024-02-30', 1), RangeError);
    assert.throws(() => addDays('9999-12-31', 1), RangeError);
  });

  it('agrees with Date arithmetic in UTC (property)', () => {
    fc.assert(fc.property(isoDate, fc.integer({ min: -40_000, max: 40_000 }), (d, n) => {
      const expected = refAddDays(d, n);
      if (expected < '0001' || expected > '9999') return;
      assert.equal(addDays(d, n), expected);
    }), { numRuns: 2000 });
  });

  it('is undone by daysBetween (property)', () => {
    fc.assert(fc.property(isoDate, fc.integer({ min: -30_000, max: 30_000 }), (d, n) => {
      assert.equal(daysBetween(d, addDays(d, n)), n);
      assert.equal(addDays(addDays(d, n), -n), d);
    }), { numRuns: 1000 });
  });
});

describe('addMonths / addYears (clamped to the end of a shorter month)', () => {
  it('clamps the day when the target month is shorter', () => {
    assert.equal(addMonths('2024-01-31', 1), '2024-02-29');
    assert.equal(addMonths('2023-01-31', 1), '2023-02-28');
    assert.equal(addMonths('2024-03-31', 1), '2024-04-30');
    assert.equal(addMonths('2024-03-31', -1), '2024-02-29');
    assert.equal(addMonths('2024-05-31', -1), '2024-04-30');
    assert.equal(addMonths('2024-08-31', 6), '2025-02-28');
  });

  it('keeps the day when the target month has it, across years', () => {
    assert.equal(addMonths('2024-11-15', 3), '2025-02-15');
    assert.equal(addMonths('2024-01-15', -1), '2023-12-15');
    assert.equal(addMonths('2024-12-31', 1), '2025-01-31');
    assert.equal(addMonths('2024-06-30', 24), '2026-06-30');
  });

  it('2024-02-29 + 1 year is 2025-02-28; + 4 years is 2028-02-29', () => {
    assert.equal(addYears('2024-02-29', 1), '2025-02-28');
    assert.equal(addYears('2024-02-29', 3), '2027-02-28');
    assert.equal(addYears('2024-02-29', 4), '2028-02-29');
    assert.equal(addYears('2024-02-29', -1), '2023-02-28');
    assert.equal(addYears('2025-02-28', 3), '2028-02-28');
  });

  it('never overflows into the next month (property)', () => {
    fc.assert(fc.property(isoDate, fc.integer({ min: -1200, max: 1200 }), (d, n) => {
      const result = parseIsoDate(addMonths(d, n));
      const start = parseIsoDate(d);
      assert.ok(result && start);
      assert.equal((result.year * 12 + result.month) - (start.year * 12 + start.month), n);
      assert.equal(result.day, Math.min(start.day, daysInMonth(result.year, result.month)));
    }), { numRuns: 1000 });
  });
});

describe('daysBetween / compareDates / maxDate / minDate / inclusiveDays', () => {
  it('counts signed days', () => {
    assert.equal(daysBetween('2024-01-01', '2024-01-16'), 15);
    assert.equal(daysBetween('2024-01-16', '2024-01-01'), -15);
    assert.equal(daysBetween('2024-02-28', '2024-03-01'), 2);
    assert.equal(daysBetween('2023-02-28', '2023-03-01'), 1);
    assert.equal(daysBetween('2024-01-01', '2025-01-01'), 366);
    assert.equal(daysBetween('2000-01-01', '2100-01-01'), 36_525);
  });

  it('compares, and sorts with compareDates', () => {
    assert.equal(compareDates('2024-01-01', '2024-01-02'), -1);
    assert.equal(compareDates('2024-01-02', '2024-01-01'), 1);
    assert.equal(compareDates('2024-01-01', '2024-01-01'), 0);
    assert.deepEqual(['2024-03-01', '2023-12-31', '2024-02-29'].sort(compareDates), ['2023-12-31', '2024-02-29', '2024-03-01']);
    assert.equal(maxDate('2024-01-01', '2025-01-01', '2023-01-01'), '2025-01-01');
    assert.equal(minDate('2024-01-01', '2025-01-01', '2023-01-01'), '2023-01-01');
    assert.throws(() => compareDates('2024-01-01', 'tomorrow'), RangeError);
  });

  it('inclusiveDays counts both ends', () => {
    assert.equal(inclusiveDays('2024-05-01', '2024-05-01'), 1);
    assert.equal(inclusiveDays('2024-05-01', '2024-05-03'), 3);
    assert.equal(inclusiveDays('2024-02-28', '2024-03-01'), 3);
  });
});

describe('termLastDay (the start day counts; the term ends the day before the corresponding day)', () => {
  it('ends the day before the anniversary', () => {
    assert.equal(termLastDay('2024-03-01', { years: 3 }), '2027-02-28');
    assert.equal(termLastDay('2025-03-01', { years: 3 }), '2028-02-29', 'across 2028-02-29');
    assert.equal(termLastDay('2024-01-15', { years: 2 }), '2026-01-14');
    assert.equal(termLastDay('2024-01-01', { years: 1 }), '2024-12-31');
    assert.equal(termLastDay('2024-06-10', { months: 18 }), '2025-12-09');
  });

  it('a term starting on 29 February ends on 28 February, like one starting on 1 March', () => {
    assert.equal(termLastDay('2024-02-29', { years: 1 }), '2025-02-28');
    assert.equal(inclusiveDays('2024-02-29', termLastDay('2024-02-29', { years: 1 })), 366, 'it spans the leap day itself');
    assert.equal(termLastDay('2024-03-01', { years: 1 }), '2025-02-28');
    assert.equal(inclusiveDays('2024-03-01', '2025-02-28'), 365);
    assert.equal(termLastDay('2024-02-29', { years: 2 }), '2026-02-28');
    assert.equal(termLastDay('2024-02-29', { years: 4 }), '2028-02-28', 'the anniversary 2028-02-29 exists');
    assert.equal(termLastDay('2024-02-28', { years: 1 }), '2025-02-27');
  });

  it('a month term ending in a shorter month ends on its last day', () => {
    assert.equal(termLastDay('2024-03-31', { months: 1 }), '2024-04-30');
    assert.equal(termLastDay('2024-03-30', { months: 1 }), '2024-04-29');
    assert.equal(termLastDay('2024-01-31', { months: 1 }), '2024-02-29');
    assert.equal(termLastDay('2024-01-30', { months: 1 }), '2024-02-29');
    assert.equal(termLastDay('2024-01-29', { months: 1 }), '2024-02-28');
  });

  it('never ends before a later start (monotone, property) and lasts 365 or 366 days for a year', () => {
    fc.assert(fc.property(isoDate, (d) => {
      const next = addDays(d, 1);
      assert.ok(compareDates(termLastDay(d, { years: 1 }), termLastDay(next, { years: 1 })) <= 0);
      const length = inclusiveDays(d, termLastDay(d, { years: 1 }));
      assert.ok(length === 365 || length === 366, `${d}: ${length}`);
    }), { numRuns: 1000 });
  });

  it('refuses an empty term', () => {
    assert.throws(() => termLastDay('2024-01-01', {}), RangeError);
    assert.throws(() => termLastDay('2024-01-01', { months: 0.5 }), RangeError);
  });
});
