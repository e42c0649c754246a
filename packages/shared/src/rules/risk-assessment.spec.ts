import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  DEFAULT_RISK_INSTRUMENT as DEF,
  assessmentStatus,
  instrumentProblems,
  levelForScore,
  maxInstrumentScore,
  nextAssessmentDue,
  scoreAssessment,
} from './risk-assessment.ts';
import { transferEscalation } from './transfers.ts';

const lowest = Object.fromEntries(DEF.items.map((i) => [i.code, i.options[0]?.code ?? '']));

describe('risk scoring', () => {
  it('the default instrument is usable and its thresholds reachable', () => {
    assert.deepEqual(instrumentProblems(DEF), []);
    assert.ok(maxInstrumentScore(DEF) >= DEF.thresholds.high);
  });

  it('levels at the threshold edges: medium-1 low, medium medium, high-1 medium, high high', () => {
    const t = { high: 12, medium: 6 };
    assert.equal(levelForScore(0, t), 'low');
    assert.equal(levelForScore(5, t), 'low');
    assert.equal(levelForScore(6, t), 'medium');
    assert.equal(levelForScore(11, t), 'medium');
    assert.equal(levelForScore(12, t), 'high');
  });

  it('scores answers and explains the total with the thresholds', () => {
    const low = scoreAssessment(DEF, lowest);
    assert.equal(low.score, 0);
    assert.equal(low.level, 'low');
    assert.deepEqual(low.problems, []);
    const high = scoreAssessment(DEF, { ...lowest, useYears: 'gt5', recentPositive: 'more', missedReport: 'once' });
    assert.equal(high.score, 12);
    assert.equal(high.level, 'high');
    assert.match(high.explanation, /总分12分/);
    assert.match(high.explanation, /高风险/);
    const justBelow = scoreAssessment(DEF, { ...lowest, useYears: 'gt5', recentPositive: 'more', employment: 'casual' });
    assert.equal(justBelow.score, 11);
    assert.equal(justBelow.level, 'medium');
  });

  it('names a missing item, an unknown option and an unknown item', () => {
    const { useYears: _omitted, ...rest } = lowest;
    assert.deepEqual(scoreAssessment(DEF, rest).problems.map((p) => p.field), ['answers.useYears']);
    assert.deepEqual(scoreAssessment(DEF, { ...lowest, housing: 'castle' }).problems.map((p) => p.field), ['answers.housing']);
    assert.deepEqual(scoreAssessment(DEF, { ...lowest, shoeSize: '42' }).problems.map((p) => p.field), ['answers.shoeSize']);
  });

  it('refuses instruments with duplicate codes, bad scores, too few options or unreachable thresholds', () => {
    const item = { code: 'a', label: 'A', options: [{ code: 'x', label: 'X', score: 0 }, { code: 'y', label: 'Y', score: 5 }] };
    const fields = (def: typeof DEF) => instrumentProblems(def).map((p) => p.field);
    assert.deepEqual(fields({ items: [item], thresholds: { high: 5, medium: 1 } }), []);
    assert.deepEqual(fields({ items: [item], thresholds: { high: 6, medium: 1 } }), ['thresholds.high']);
    assert.deepEqual(fields({ items: [item], thresholds: { high: 1, medium: 1 } }), ['thresholds.high']);
    assert.deepEqual(fields({ items: [item], thresholds: { high: 5, medium: 0 } }), ['thresholds.medium']);
    assert.deepEqual(fields({ items: [item, item], thresholds: { high: 5, medium: 1 } }), ['items[1].code']);
    assert.deepEqual(fields({ items: [], thresholds: { high: 5, medium: 1 } }), ['items']);
    assert.deepEqual(fields({ items: [{ ...item, options: [item.options[0] ?? { code: 'x', label: 'X', score: 0 }] }], thresholds: { high: 5, medium: 1 } }), ['items[0].options']);
    assert.deepEqual(fields({ items: [{ ...item, options: [{ code: 'x', label: 'X', score: 1.5 }, { code: 'x', label: 'Y', score: 101 }] }], thresholds: { high: 5, medium: 1 } }),
      ['items[0].options[0].score', 'items[0].options[1].code', 'items[0].options[1].score']);
  });
});

describe('next assessment due', () => {
  it('is due on the registration day when never assessed', () => {
    const s = assessmentStatus({ registeredOn: '2026-11-01', lastAssessedOn: null, triggers: [] }, '2026-11-01');
    assert.equal(s.nextDue.date, '2026-11-01');
    assert.equal(s.nextDue.rule, 'riskAssessment.onRegistration');
    assert.equal(s.due, true);
    assert.equal(s.overdue, false);
  });

  it('is quarterly after the last assessment, clamped at month ends (day before: not due; day of: due; day after: overdue)', () => {
    const input = { registeredOn: '2026-01-01', lastAssessedOn: '2026-11-30', triggers: [] };
    assert.equal(nextAssessmentDue(input).nextDue.date, '2027-02-28');
    assert.equal(nextAssessmentDue(input).nextDue.rule, 'riskAssessment.scheduled');
    assert.equal(assessmentStatus(input, '2027-02-27').due, false);
    assert.equal(assessmentStatus(input, '2027-02-28').due, true);
    assert.equal(assessmentStatus(input, '2027-02-28').overdue, false);
    assert.equal(assessmentStatus(input, '2027-03-01').overdueDays, 1);
    assert.equal(nextAssessmentDue({ ...input, lastAssessedOn: '2024-11-29' }).nextDue.date, '2025-02-28');
    assert.equal(nextAssessmentDue({ ...input, lastAssessedOn: '2023-11-29' }).nextDue.date, '2024-02-29', 'leap year');
  });

  it('a trigger after the last assessment makes one due on its day; one on the assessment day is covered', () => {
    const base = { registeredOn: '2026-01-01', lastAssessedOn: '2026-10-01' };
    const covered = nextAssessmentDue({ ...base, triggers: [{ kind: 'positiveTest', date: '2026-10-01' }] });
    assert.equal(covered.nextDue.rule, 'riskAssessment.scheduled');
    assert.deepEqual(covered.openTriggers, []);
    const open = nextAssessmentDue({ ...base, triggers: [{ kind: 'violation', date: '2026-11-20' }, { kind: 'positiveTest', date: '2026-10-02' }] });
    assert.equal(open.nextDue.date, '2026-10-02');
    assert.equal(open.nextDue.rule, 'riskAssessment.triggered');
    assert.match(open.nextDue.explanation, /检测结果阳性/);
    assert.equal(open.openTriggers.length, 2);
  });

  it('a trigger before a never-assessed person\'s registration day still wins (earliest date)', () => {
    const s = nextAssessmentDue({ registeredOn: '2026-11-10', lastAssessedOn: null, triggers: [{ kind: 'refusedTest', date: '2026-11-05' }] });
    assert.equal(s.nextDue.rule, 'riskAssessment.triggered');
    assert.equal(s.nextDue.date, '2026-11-05');
  });

  it('refuses malformed dates', () => {
    assert.throws(() => nextAssessmentDue({ registeredOn: '2026-02-30', lastAssessedOn: null, triggers: [] }), RangeError);
    assert.throws(() => assessmentStatus({ registeredOn: '2026-02-01', lastAssessedOn: null, triggers: [] }, '2026/02/01'), RangeError);
  });
});

describe('transfer escalation', () => {
  it('escalates a pending transfer on day 7 after sending, not on day 6', () => {
    assert.equal(transferEscalation({ status: 'pending', sentOn: '2026-11-01' }, '2026-11-07').escalated, false);
    const on = transferEscalation({ status: 'pending', sentOn: '2026-11-01' }, '2026-11-08');
    assert.equal(on.escalated, true);
    assert.equal(on.pendingDays, 7);
    assert.equal(on.escalatesOn, '2026-11-08');
    assert.match(on.explanation, /督办/);
  });

  it('crosses month and leap-day ends', () => {
    assert.equal(transferEscalation({ status: 'pending', sentOn: '2028-02-25' }, '2028-03-03').escalated, true);
    assert.equal(transferEscalation({ status: 'pending', sentOn: '2028-02-25' }, '2028-03-02').escalated, false);
  });

  it('never escalates a decided transfer', () => {
    assert.equal(transferEscalation({ status: 'accepted', sentOn: '2026-01-01' }, '2026-11-23').escalated, false);
    assert.equal(transferEscalation({ status: 'returned', sentOn: '2026-01-01' }, '2026-11-23').escalated, false);
    const cancelled = transferEscalation({ status: 'cancelled', sentOn: '2026-01-01' }, '2026-11-23');
    assert.deepEqual([cancelled.escalated, cancelled.pendingDays, cancelled.explanation], [false, 0, '移交已撤回']);
  });
});
