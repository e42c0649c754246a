// Test-only files need node:test; shared's "no node:*" rule guards runtime code, not its specs.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  DEFAULT_TEST_POLICY, measureYear, nextTestDue, testIntervalMonths, testPolicyProblems, testStatus, type TestPolicy, type TestScheduleInput,
} from './test-schedule.ts';

const input = (over: Partial<TestScheduleInput> = {}): TestScheduleInput => ({
  measureStart: '2024-03-01', lastTestDate: null, risk: 'medium', ...over,
});
const due = (over: Partial<TestScheduleInput>, policy?: TestPolicy): string | undefined => nextTestDue(input(over), policy)?.date;

describe('test policy', () => {
  it('defaults to year 1 monthly, year 2 every two months, year 3 quarterly; high risk halves', () => {
    assert.deepEqual(DEFAULT_TEST_POLICY, {
      year1MonthsBetween: 1, year2MonthsBetween: 2, year3MonthsBetween: 3, riskAdjust: { high: 0.5, medium: 1, low: 1 }, minMonthsBetween: 1,
    });
    assert.deepEqual(testPolicyProblems(DEFAULT_TEST_POLICY), []);
  });

  it('names each bad field', () => {
    const bad: TestPolicy = { year1MonthsBetween: 0, year2MonthsBetween: 1.5, year3MonthsBetween: 13, riskAdjust: { high: 0, medium: Number.NaN, low: 5 }, minMonthsBetween: 1 };
    assert.deepEqual(testPolicyProblems(bad).map((p) => p.field), [
      'year1MonthsBetween', 'year2MonthsBetween', 'year3MonthsBetween', 'riskAdjust.high', 'riskAdjust.medium', 'riskAdjust.low',
    ]);
    assert.match(testPolicyProblems(bad)[0]?.message ?? '', /第一年检测间隔应为1至12的整数/);
  });
});

describe('testIntervalMonths by measure year and risk', () => {
  it('medium and low follow the base schedule; year 4+ (a term moved by suspension) keeps year 3', () => {
    assert.deepEqual([1, 2, 3, 4].map((y) => testIntervalMonths(y, 'medium')), [1, 2, 3, 3]);
    assert.deepEqual([1, 2, 3].map((y) => testIntervalMonths(y, 'low')), [1, 2, 3]);
  });

  it('high risk halves the interval, rounded up, never under a month', () => {
    assert.deepEqual([1, 2, 3].map((y) => testIntervalMonths(y, 'high')), [1, 1, 2]);
  });

  it('follows a custom policy: low risk less often, a larger minimum, no float surprises', () => {
    const policy: TestPolicy = { ...DEFAULT_TEST_POLICY, riskAdjust: { high: 0.5, medium: 1, low: 1.5 } };
    assert.deepEqual([1, 2, 3].map((y) => testIntervalMonths(y, 'low', policy)), [2, 3, 5]);
    assert.equal(testIntervalMonths(1, 'high', { ...DEFAULT_TEST_POLICY, minMonthsBetween: 2 }), 2);
    assert.equal(testIntervalMonths(3, 'high', { ...DEFAULT_TEST_POLICY, year3MonthsBetween: 10, riskAdjust: { high: 0.7, medium: 1, low: 1 } }), 7);
  });
});

describe('measureYear (year 1 runs through the day before the first anniversary)', () => {
  it('changes year on the anniversary', () => {
    assert.equal(measureYear('2024-03-01', '2024-03-01'), 1);
    assert.equal(measureYear('2024-03-01', '2025-02-28'), 1);
    assert.equal(measureYear('2024-03-01', '2025-03-01'), 2);
    assert.equal(measureYear('2024-03-01', '2026-02-28'), 2);
    assert.equal(measureYear('2024-03-01', '2026-03-01'), 3);
    assert.equal(measureYear('2024-03-01', '2027-03-01'), 4);
    assert.equal(measureYear('2024-03-01', '2020-01-01'), 1);
  });

  it('a start on 29 February: year 2 begins on 1 March', () => {
    assert.equal(measureYear('2024-02-29', '2025-02-28'), 1);
    assert.equal(measureYear('2024-02-29', '2025-03-01'), 2);
  });
});

describe('nextTestDue', () => {
  it('the first test is due on the report-in day (also when the last test predates the measure)', () => {
    const first = nextTestDue(input());
    assert.equal(first?.date, '2024-03-01');
    assert.equal(first?.rule, 'testSchedule.firstTest');
    assert.equal(due({ lastTestDate: '2024-02-10' }), '2024-03-01');
  });

  it('year 1 monthly, with end-of-month clamping', () => {
    assert.equal(due({ lastTestDate: '2024-03-15' }), '2024-04-15');
    assert.equal(due({ lastTestDate: '2024-03-31' }), '2024-04-30');
    assert.equal(due({ measureStart: '2023-12-01', lastTestDate: '2024-01-31' }), '2024-02-29');
    assert.equal(due({ measureStart: '2022-12-01', lastTestDate: '2023-01-31' }), '2023-02-28');
  });

  it('across the year boundary: the interval of the year in which the last test fell', () => {
    const lastOfYear1 = nextTestDue(input({ lastTestDate: '2025-02-28' }));
    assert.equal(lastOfYear1?.date, '2025-03-28');
    assert.match(lastOfYear1?.explanation ?? '', /第1年每1个月检测一次；上次检测2025-02-28，下次应于2025-03-28前检测/);
    assert.equal(due({ lastTestDate: '2025-03-01' }), '2025-05-01');
    assert.equal(due({ lastTestDate: '2026-02-28' }), '2026-04-28');
    assert.equal(due({ lastTestDate: '2026-03-01' }), '2026-06-01');
    assert.equal(due({ lastTestDate: '2024-12-20' }), '2025-01-20', 'calendar year end is not a measure year end');
  });

  it('by risk level: high risk tests every 1, 1, 2 months and says so', () => {
    assert.equal(due({ risk: 'high', lastTestDate: '2024-06-10' }), '2024-07-10');
    assert.equal(due({ risk: 'high', lastTestDate: '2025-06-10' }), '2025-07-10');
    const year3 = nextTestDue(input({ risk: 'high', lastTestDate: '2026-06-10' }));
    assert.equal(year3?.date, '2026-08-10');
    assert.match(year3?.explanation ?? '', /第3年每3个月检测一次，高风险人员调整为每2个月/);
    assert.equal(due({ risk: 'low', lastTestDate: '2025-06-10' }), '2025-08-10');
  });

  it('nothing is due after the term end; a due date on the last day stands', () => {
    assert.equal(nextTestDue(input({ lastTestDate: '2026-11-28', termEnd: '2027-02-28' }))?.date, '2027-02-28');
    assert.equal(nextTestDue(input({ lastTestDate: '2026-12-01', termEnd: '2027-02-28' })), null);
  });

  it('throws on malformed dates (callers validate user input first)', () => {
    assert.throws(() => nextTestDue(input({ lastTestDate: '2024-02-30' })), RangeError);
    assert.throws(() => nextTestDue(input({ measureStart: '' })), RangeError);
  });
});

describe('testStatus', () => {
  const last = input({ lastTestDate: '2024-12-20' });

  it('not due before the due day, due on it, overdue the day after', () => {
    assert.deepEqual({ ...testStatus(last, '2025-01-19'), nextDue: undefined }, { nextDue: undefined, due: false, overdue: false, overdueDays: 0 });
    assert.deepEqual({ ...testStatus(last, '2025-01-20'), nextDue: undefined }, { nextDue: undefined, due: true, overdue: false, overdueDays: 0 });
    assert.deepEqual({ ...testStatus(last, '2025-01-21'), nextDue: undefined }, { nextDue: undefined, due: true, overdue: true, overdueDays: 1 });
    assert.equal(testStatus(last, '2025-02-01').overdueDays, 12);
    assert.equal(testStatus(last, '2025-02-01').nextDue?.date, '2025-01-20');
  });

  it('a new measure with no test is overdue from the day after report-in', () => {
    assert.equal(testStatus(input(), '2024-03-01').overdue, false);
    assert.equal(testStatus(input(), '2024-03-02').overdueDays, 1);
  });

  it('after the term: nothing due', () => {
    const ended = testStatus(input({ lastTestDate: '2026-12-01', termEnd: '2027-02-28' }), '2027-06-01');
    assert.deepEqual(ended, { nextDue: null, due: false, overdue: false, overdueDays: 0 });
  });

  it('uses a custom policy', () => {
    const policy: TestPolicy = { ...DEFAULT_TEST_POLICY, year1MonthsBetween: 2 };
    assert.equal(testStatus(input({ lastTestDate: '2024-04-01' }), '2024-05-02', policy).overdue, false);
    assert.equal(testStatus(input({ lastTestDate: '2024-04-01' }), '2024-05-02').overdueDays, 1);
  });
});
