// Test-only files need node:test; shared's "no node:*" rule guards runtime code, not its specs.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  abstinentThreeYears, maxExtensionDays, measureClocks, mergeDaySpans,
  type AbstinenceInput, type CommunityRehabMeasure, type CommunityTreatmentMeasure, type CompulsoryIsolationMeasure, type MeasureClocks,
} from './measure-clocks.ts';

const treatment = (over: Partial<CommunityTreatmentMeasure> = {}): CommunityTreatmentMeasure => ({
  kind: 'communityTreatment', decisionDate: '2024-02-10', receivedDate: '2024-02-15', reportInDate: '2024-03-01', ...over,
});
const rehab = (over: Partial<CommunityRehabMeasure> = {}): CommunityRehabMeasure => ({
  kind: 'communityRehab', decisionDate: '2024-02-20', releaseDate: '2024-02-20', receivedDate: null, reportInDate: '2024-03-01', termMonths: 36, ...over,
});
const isolation = (over: Partial<CompulsoryIsolationMeasure> = {}): CompulsoryIsolationMeasure => ({
  kind: 'compulsoryIsolation', decisionDate: '2024-03-01', ...over,
});
const flags = (clocks: MeasureClocks): string[] => clocks.flags.map((f) => f.code);
const fields = (clocks: MeasureClocks): string[] => clocks.problems.map((p) => p.field);
const termEnd = (clocks: MeasureClocks): string | undefined => clocks.termEnd?.date;

describe('community treatment: report-in within 15 days of receiving the decision', () => {
  const notYet = treatment({ receivedDate: '2024-03-01', reportInDate: null });

  it('is due 15 days after the decision was received, with the rule that produced it', () => {
    const clocks = measureClocks(notYet, '2024-03-02');
    assert.equal(clocks.reportInDue?.date, '2024-03-16');
    assert.equal(clocks.reportInDue?.rule, 'communityTreatment.reportInDue');
    assert.match(clocks.reportInDue?.explanation ?? '', /15日内报到.*第十四条/);
    assert.equal(clocks.status, 'awaitingReportIn');
    assert.equal(clocks.termEnd, null, 'the term starts only on report-in');
  });

  it('reporting on day 15 is on time; day 16 is late and counts as refusal', () => {
    const day15 = measureClocks({ ...notYet, reportInDate: '2024-03-16' }, '2024-04-01');
    assert.deepEqual(flags(day15), []);
    assert.equal(day15.status, 'active');
    const day16 = measureClocks({ ...notYet, reportInDate: '2024-03-17' }, '2024-04-01');
    assert.deepEqual(flags(day16), ['reportInLate', 'refusedToReport']);
    assert.equal(day16.flags[0]?.date, '2024-03-17');
    assert.match(day16.flags[1]?.explanation ?? '', /视为拒绝接受社区戒毒/);
  });

  it('a late report-in with a justified cause is late but not refusal', () => {
    const clocks = measureClocks({ ...notYet, reportInDate: '2024-03-20', justifiedLateReport: true }, '2024-04-01');
    assert.deepEqual(flags(clocks), ['reportInLate']);
  });

  it('not reported in: waiting through day 15, overdue and refused from day 16', () => {
    assert.equal(measureClocks(notYet, '2024-03-16').status, 'awaitingReportIn');
    assert.deepEqual(flags(measureClocks(notYet, '2024-03-16')), []);
    const day16 = measureClocks(notYet, '2024-03-17');
    assert.equal(day16.status, 'notReportedIn');
    assert.deepEqual(flags(day16), ['reportInOverdue', 'refusedToReport']);
    const justified = measureClocks({ ...notYet, justifiedLateReport: true }, '2024-03-17');
    assert.equal(justified.status, 'notReportedIn');
    assert.deepEqual(flags(justified), ['reportInOverdue']);
  });

  it('counts across month ends and leap days', () => {
    assert.equal(measureClocks(treatment({ receivedDate: '2024-02-20', reportInDate: null }), '2024-02-21').reportInDue?.date, '2024-03-06');
    assert.equal(measureClocks(treatment({ decisionDate: '2023-02-10', receivedDate: '2023-02-20', reportInDate: null }), '2023-02-21').reportInDue?.date, '2023-03-07');
    assert.equal(measureClocks(treatment({ receivedDate: '2024-12-20', decisionDate: '2024-12-20', reportInDate: null }), '2024-12-21').reportInDue?.date, '2025-01-04');
  });

  it('without a received date there is no deadline yet', () => {
    const clocks = measureClocks(treatment({ receivedDate: null, reportInDate: null }), '2024-06-01');
    assert.equal(clocks.status, 'notDelivered');
    assert.equal(clocks.reportInDue, null);
    assert.deepEqual(clocks.flags, []);
  });

  it('the agreement is due on the report-in day', () => {
    const clocks = measureClocks(treatment(), '2024-03-01');
    assert.equal(clocks.agreementDue?.date, '2024-03-01');
    assert.match(clocks.agreementDue?.explanation ?? '', /协议.*第十六条/);
  });
});

describe('community treatment: 3-year term from the report-in day (last day = day before the anniversary)', () => {
  it('report-in 2024-03-01 → last day 2027-02-28; active on it, ended the day after', () => {
    const clocks = measureClocks(treatment(), '2027-02-28');
    assert.equal(termEnd(clocks), '2027-02-28');
    assert.equal(clocks.termEnd?.rule, 'communityTreatment.termEnd');
    assert.match(clocks.termEnd?.explanation ?? '', /期限3年，自报到之日（2024-03-01）起计算.*第三十三条/);
    assert.equal(clocks.status, 'active');
    assert.equal(measureClocks(treatment(), '2027-03-01').status, 'ended');
  });

  it('a term across 2028-02-29 ends on it', () => {
    const m = treatment({ decisionDate: '2025-02-10', receivedDate: '2025-02-20', reportInDate: '2025-03-01' });
    assert.equal(termEnd(measureClocks(m, '2025-03-01')), '2028-02-29');
  });

  it('report-in on 2024-02-29 → last day 2027-02-28; on 2024-02-28 → 2027-02-27', () => {
    assert.equal(termEnd(measureClocks(treatment({ receivedDate: '2024-02-20', reportInDate: '2024-02-29' }), '2024-03-01')), '2027-02-28');
    assert.equal(termEnd(measureClocks(treatment({ receivedDate: '2024-02-20', reportInDate: '2024-02-28' }), '2024-03-01')), '2027-02-27');
  });

  it('a late report-in still starts the term on the actual report-in day', () => {
    const clocks = measureClocks(treatment({ receivedDate: '2024-02-10', reportInDate: '2024-03-01' }), '2024-03-01');
    assert.ok(flags(clocks).includes('refusedToReport'));
    assert.equal(termEnd(clocks), '2027-02-28');
  });

  it('lists every computed date in date order', () => {
    const clocks = measureClocks(treatment({ placeChanges: [{ date: '2025-05-01', reportInDate: '2025-05-10' }] }), '2025-06-01');
    assert.deepEqual(clocks.dates.map((d) => d.rule), [
      'communityTreatment.reportInDue', 'communityTreatment.agreement', 'placeChange.reportInDue', 'communityTreatment.termEnd',
    ]);
    assert.deepEqual(clocks.dates.map((d) => d.date), ['2024-03-01', '2024-03-01', '2025-05-16', '2027-02-28']);
  });
});

describe('suspension (中止) while in custody: the term end moves later by the suspended days', () => {
  const base = '2027-02-28';
  const withSuspensions = (suspensions: CommunityTreatmentMeasure['suspensions'], today = '2026-01-01'): MeasureClocks =>
    measureClocks(treatment({ suspensions }), today);

  it('one span: detained on 2025-01-01, released 2025-01-11 → 10 days, last day 2027-03-10', () => {
    const clocks = withSuspensions([{ from: '2025-01-01', to: '2025-01-11' }]);
    assert.equal(clocks.suspendedDays, 10);
    assert.equal(termEnd(clocks), '2027-03-10');
    assert.match(clocks.termEnd?.explanation ?? '', /中止执行10日/);
    assert.equal(clocks.provisional, false);
  });

  it('several spans add up', () => {
    const clocks = withSuspensions([{ from: '2025-01-01', to: '2025-01-11' }, { from: '2025-06-01', to: '2025-06-16' }]);
    assert.equal(clocks.suspendedDays, 25);
    assert.equal(termEnd(clocks), '2027-03-25');
  });

  it('overlapping spans (detention then arrest recorded twice) are merged and counted once', () => {
    const clocks = withSuspensions([{ from: '2025-01-05', to: '2025-01-20' }, { from: '2025-01-01', to: '2025-01-11' }]);
    assert.equal(clocks.suspendedDays, 19);
    assert.equal(termEnd(clocks), '2027-03-19');
    assert.equal(withSuspensions([{ from: '2025-01-01', to: '2025-01-11' }, { from: '2025-01-11', to: '2025-01-15' }]).suspendedDays, 14, 'touching spans');
    assert.equal(withSuspensions([{ from: '2025-01-01', to: '2025-03-01' }, { from: '2025-01-10', to: '2025-01-20' }]).suspendedDays, 59, 'nested spans');
  });

  it('custody before report-in does not move the term; a span across report-in counts from report-in', () => {
    assert.equal(termEnd(withSuspensions([{ from: '2024-02-16', to: '2024-02-26' }])), base);
    const across = withSuspensions([{ from: '2024-02-25', to: '2024-03-05' }]);
    assert.equal(across.suspendedDays, 4);
    assert.equal(termEnd(across), '2027-03-04');
  });

  it('a span starting on the last day counts; one starting the day after the term does not', () => {
    assert.equal(termEnd(withSuspensions([{ from: base, to: '2027-03-05' }], '2027-04-01')), '2027-03-05');
    assert.equal(withSuspensions([{ from: '2027-03-01', to: '2027-03-05' }], '2027-04-01').suspendedDays, 0);
  });

  it('a span that begins within days added by an earlier span also counts', () => {
    const clocks = withSuspensions([{ from: '2027-02-01', to: '2027-03-01' }, { from: '2027-03-20', to: '2027-03-30' }], '2027-04-30');
    assert.equal(clocks.suspendedDays, 38);
    assert.equal(termEnd(clocks), '2027-04-07');
  });

  it('an ongoing span: status suspended, term end provisional (counted as if released today)', () => {
    const clocks = withSuspensions([{ from: '2025-01-01', to: null }], '2025-01-21');
    assert.equal(clocks.status, 'suspended');
    assert.equal(clocks.provisional, true);
    assert.equal(clocks.suspendedDays, 20);
    assert.equal(termEnd(clocks), '2027-03-20');
    assert.match(clocks.termEnd?.explanation ?? '', /暂按今日恢复执行计算/);
  });

  it('status is suspended in custody and active again on the release day', () => {
    const spans = [{ from: '2025-01-01', to: '2025-01-11' }];
    assert.equal(withSuspensions(spans, '2024-12-31').status, 'active');
    assert.equal(withSuspensions(spans, '2025-01-01').status, 'suspended');
    assert.equal(withSuspensions(spans, '2025-01-10').status, 'suspended');
    assert.equal(withSuspensions(spans, '2025-01-11').status, 'active');
  });

  it('refuses a span that ends before it starts or starts before the decision', () => {
    assert.deepEqual(fields(withSuspensions([{ from: '2025-01-10', to: '2025-01-01' }])), ['suspensions[0].to']);
    assert.deepEqual(fields(withSuspensions([{ from: '2024-01-01', to: '2024-01-05' }])), ['suspensions[0].from']);
    const invalid = withSuspensions([{ from: '2025-02-30', to: null }]);
    assert.equal(invalid.status, 'invalid');
    assert.equal(invalid.termEnd, null);
    assert.match(invalid.problems[0]?.message ?? '', /中止开始日期不是有效日期/);
  });

  it('mergeDaySpans merges overlapping and touching spans in order', () => {
    assert.deepEqual(mergeDaySpans([
      { from: '2025-03-01', to: '2025-03-05' }, { from: '2025-01-01', to: '2025-01-11' }, { from: '2025-01-11', to: '2025-01-12' },
      { from: '2025-03-04', to: null },
    ], '2025-04-01'), [{ from: '2025-01-01', to: '2025-01-12' }, { from: '2025-03-01', to: '2025-04-01' }]);
  });
});

describe('termination (终止) and change of executing place (变更执行地)', () => {
  it('terminated on imprisonment from the termination day', () => {
    const m = treatment({ termination: { date: '2025-05-01', reason: 'imprisonment' } });
    assert.equal(measureClocks(m, '2025-04-30').status, 'active');
    assert.equal(measureClocks(m, '2025-05-01').status, 'terminated');
    assert.equal(measureClocks(treatment({ reportInDate: null, receivedDate: '2024-02-15', termination: { date: '2024-02-20', reason: 'imprisonment' } }), '2024-03-01').status, 'terminated');
    assert.deepEqual(fields(measureClocks(treatment({ termination: { date: '2024-01-01', reason: 'other' } }), '2025-01-01')), ['termination.date']);
  });

  it('re-report within 15 days at the new place; the term end does not change', () => {
    const change = (reportInDate: string | null, today: string, justifiedCause?: boolean): MeasureClocks =>
      measureClocks(treatment({ placeChanges: [{ date: '2025-05-01', reportInDate, justifiedCause }] }), today);
    const onTime = change('2025-05-16', '2025-06-01');
    assert.equal(onTime.placeChangeReportInDue[0]?.date, '2025-05-16');
    assert.equal(onTime.placeChangeReportInDue[0]?.rule, 'placeChange.reportInDue');
    assert.match(onTime.placeChangeReportInDue[0]?.explanation ?? '', /新的协议.*期满日不变/);
    assert.equal(termEnd(onTime), '2027-02-28');
    assert.deepEqual(flags(onTime), []);
    assert.deepEqual(flags(change('2025-05-17', '2025-06-01')), ['placeChangeReportInLate']);
    assert.deepEqual(flags(change(null, '2025-05-16')), []);
    assert.deepEqual(flags(change(null, '2025-05-17')), ['placeChangeReportInOverdue']);
    assert.deepEqual(flags(change(null, '2025-05-17', true)), []);
    assert.equal(change(null, '2025-05-17').status, 'active', 'the clock continues');
  });

  it('refuses a re-report before the change or a change before the first report-in', () => {
    assert.deepEqual(fields(measureClocks(treatment({ placeChanges: [{ date: '2025-05-01', reportInDate: '2025-04-30' }] }), '2025-06-01')), ['placeChanges[0].reportInDate']);
    assert.deepEqual(fields(measureClocks(treatment({ placeChanges: [{ date: '2024-02-20', reportInDate: null }] }), '2025-06-01')), ['placeChanges[0].date']);
  });
});

describe('community treatment: bad input names the field', () => {
  it('received before the decision, report-in before receipt, report-in without receipt, bad formats', () => {
    assert.deepEqual(fields(measureClocks(treatment({ receivedDate: '2024-02-09' }), '2024-03-01')), ['receivedDate']);
    assert.deepEqual(fields(measureClocks(treatment({ reportInDate: '2024-02-14' }), '2024-03-01')), ['reportInDate']);
    assert.deepEqual(fields(measureClocks(treatment({ receivedDate: null }), '2024-03-01')), ['receivedDate']);
    const bad = measureClocks(treatment({ decisionDate: '2024/02/10', reportInDate: '2023-02-29' }), '2024-03-01');
    assert.deepEqual(fields(bad), ['decisionDate', 'reportInDate']);
    assert.match(bad.problems[0]?.message ?? '', /决定日期不是有效日期/);
    assert.equal(bad.status, 'invalid');
    assert.deepEqual(bad.dates, []);
  });

  it('throws on a malformed today (a programming error, not user input)', () => {
    assert.throws(() => measureClocks(treatment(), '2024-3-1'), RangeError);
  });
});

describe('community rehab (社区康复): ordered on release, ≤ 3 years, report in within 15 days', () => {
  it('the report-in deadline runs from release when no receipt date is recorded', () => {
    const clocks = measureClocks(rehab({ reportInDate: null }), '2024-02-21');
    assert.equal(clocks.reportInDue?.date, '2024-03-06');
    assert.equal(clocks.reportInDue?.rule, 'communityRehab.reportInDue');
    assert.match(clocks.reportInDue?.explanation ?? '', /解除强制隔离戒毒之日.*第三十八条/);
    assert.equal(measureClocks(rehab({ reportInDate: null, receivedDate: '2024-02-25' }), '2024-02-26').reportInDue?.date, '2024-03-11');
  });

  it('day 15 on time, day 16 refusal (by reference to community treatment)', () => {
    assert.deepEqual(flags(measureClocks(rehab({ reportInDate: '2024-03-06' }), '2024-04-01')), []);
    const late = measureClocks(rehab({ reportInDate: '2024-03-07' }), '2024-04-01');
    assert.deepEqual(flags(late), ['reportInLate', 'refusedToReport']);
    assert.match(late.flags[1]?.explanation ?? '', /视为拒绝接受社区康复/);
  });

  it('the term in the decision runs from report-in: 36 months, 24 months, 18 months', () => {
    const full = measureClocks(rehab(), '2024-03-01');
    assert.equal(termEnd(full), '2027-02-28');
    assert.match(full.termEnd?.explanation ?? '', /社区康复期限3年（不超过3年）.*第四十八条.*第三十七条/);
    assert.equal(termEnd(measureClocks(rehab({ termMonths: 24 }), '2024-03-01')), '2026-02-28');
    const months = measureClocks(rehab({ termMonths: 18 }), '2024-03-01');
    assert.equal(termEnd(months), '2025-08-31');
    assert.match(months.termEnd?.explanation ?? '', /18个月/);
  });

  it('refuses a term over 3 years, of 0 months or of part months', () => {
    for (const termMonths of [37, 0, -1, 12.5]) {
      const clocks = measureClocks(rehab({ termMonths }), '2024-03-01');
      assert.deepEqual(fields(clocks), ['termMonths'], String(termMonths));
      assert.match(clocks.problems[0]?.message ?? '', /不超过3年/);
    }
  });

  it('suspension works as for community treatment', () => {
    assert.equal(termEnd(measureClocks(rehab({ suspensions: [{ from: '2025-01-01', to: '2025-01-06' }] }), '2025-02-01')), '2027-03-05');
  });
});

describe('compulsory isolation (强制隔离戒毒): 2 years from the decision', () => {
  it('decision 2024-03-01 → last day 2026-02-28, early release from 2025-03-01', () => {
    const clocks = measureClocks(isolation(), '2024-03-01');
    assert.equal(termEnd(clocks), '2026-02-28');
    assert.match(clocks.termEnd?.explanation ?? '', /期限2年，自决定之日（2024-03-01）起计算.*第四十七条/);
    assert.equal(clocks.earliestRelease?.date, '2025-03-01');
    assert.equal(clocks.earliestRelease?.rule, 'compulsoryIsolation.earliestRelease');
    assert.equal(clocks.status, 'active');
    assert.equal(measureClocks(isolation(), '2026-02-28').status, 'active');
    assert.equal(measureClocks(isolation(), '2026-03-01').status, 'ended');
  });

  it('decision on 2024-02-29 → last day 2026-02-28; a term across 2028-02-29 ends on it', () => {
    const leap = measureClocks(isolation({ decisionDate: '2024-02-29' }), '2024-03-01');
    assert.equal(termEnd(leap), '2026-02-28');
    assert.equal(leap.earliestRelease?.date, '2025-03-01');
    assert.equal(termEnd(measureClocks(isolation({ decisionDate: '2026-03-01' }), '2026-03-01')), '2028-02-29');
    assert.equal(termEnd(measureClocks(isolation({ decisionDate: '2026-02-28' }), '2026-03-01')), '2028-02-27');
  });

  it('extensions move the end; together at most one year (365 days, 366 across a 29 February)', () => {
    assert.equal(termEnd(measureClocks(isolation({ extensions: [{ days: 90 }, { days: 30 }] }), '2024-03-01')), '2026-06-28');
    assert.equal(measureClocks(isolation({ extensions: [{ days: 90 }, { days: 30 }] }), '2024-03-01').extensionDays, 120);
    assert.equal(maxExtensionDays('2026-02-28'), 365);
    assert.equal(termEnd(measureClocks(isolation({ extensions: [{ days: 365 }] }), '2024-03-01')), '2027-02-28');
    const over = measureClocks(isolation({ extensions: [{ days: 200 }, { days: 166 }] }), '2024-03-01');
    assert.deepEqual(fields(over), ['extensions']);
    assert.match(over.problems[0]?.message ?? '', /最长可以延长一年（本期最多365日），已填写合计366日/);
    // Decision 2025-03-01: term ends 2027-02-28, the year after it holds 2028-02-29.
    assert.equal(maxExtensionDays('2027-02-28'), 366);
    assert.equal(termEnd(measureClocks(isolation({ decisionDate: '2025-03-01', extensions: [{ days: 366 }] }), '2025-03-01')), '2028-02-29');
    assert.deepEqual(fields(measureClocks(isolation({ decisionDate: '2025-03-01', extensions: [{ days: 367 }] }), '2025-03-01')), ['extensions']);
  });

  it('refuses an extension of zero, negative or part days', () => {
    for (const days of [0, -5, 1.5]) assert.deepEqual(fields(measureClocks(isolation({ extensions: [{ days }] }), '2024-03-01')), ['extensions[0].days']);
  });

  it('escape days are not counted: the end and the earliest release move later', () => {
    const clocks = measureClocks(isolation({ escapes: [{ from: '2024-06-01', to: '2024-06-11' }] }), '2024-07-01');
    assert.equal(clocks.escapedDays, 10);
    assert.equal(termEnd(clocks), '2026-03-10');
    assert.equal(clocks.earliestRelease?.date, '2025-03-11');
    assert.match(clocks.termEnd?.explanation ?? '', /脱逃10日不计入执行期限/);
  });

  it('an escape in the second year moves the end but not the earliest release', () => {
    const clocks = measureClocks(isolation({ escapes: [{ from: '2025-06-01', to: '2025-06-11' }] }), '2025-07-01');
    assert.equal(termEnd(clocks), '2026-03-10');
    assert.equal(clocks.earliestRelease?.date, '2025-03-01');
  });

  it('escape and extension together; an escape during the extension also counts', () => {
    const clocks = measureClocks(isolation({ extensions: [{ days: 30 }], escapes: [{ from: '2026-03-10', to: '2026-03-15' }] }), '2026-04-30');
    assert.equal(termEnd(clocks), '2026-04-04');
  });

  it('an ongoing escape: status escaped, end provisional', () => {
    const clocks = measureClocks(isolation({ escapes: [{ from: '2024-06-01', to: null }] }), '2024-06-10');
    assert.equal(clocks.status, 'escaped');
    assert.equal(clocks.provisional, true);
    assert.equal(termEnd(clocks), '2026-03-09');
    assert.match(clocks.termEnd?.explanation ?? '', /暂按今日归案计算/);
  });

  it('early release: on the earliest day accepted, a day before refused', () => {
    const released = measureClocks(isolation({ releaseDate: '2025-03-01' }), '2025-03-01');
    assert.equal(released.status, 'ended');
    assert.deepEqual(released.problems, []);
    const tooSoon = measureClocks(isolation({ releaseDate: '2025-02-28' }), '2025-03-01');
    assert.deepEqual(fields(tooSoon), ['releaseDate']);
    assert.match(tooSoon.problems[0]?.message ?? '', /满一年后方可提前解除，最早2025-03-01/);
    assert.equal(measureClocks(isolation({ releaseDate: '2025-03-01' }), '2025-02-28').status, 'active', 'a release recorded ahead');
  });

  it('terminated from the termination day', () => {
    assert.equal(measureClocks(isolation({ termination: { date: '2025-01-01', reason: 'imprisonment' } }), '2025-01-01').status, 'terminated');
  });
});

describe('voluntary treatment and maintenance therapy carry no statutory clock', () => {
  it('active until the end date, ended after it', () => {
    const m = { kind: 'maintenanceTherapy', decisionDate: '2024-01-01', endDate: '2024-06-30' } as const;
    assert.equal(measureClocks(m, '2024-06-30').status, 'active');
    assert.equal(measureClocks(m, '2024-07-01').status, 'ended');
    assert.deepEqual(measureClocks(m, '2024-07-01').dates, []);
    assert.equal(measureClocks({ kind: 'voluntaryTreatment', decisionDate: '2024-01-01' }, '2030-01-01').status, 'active');
    assert.deepEqual(fields(measureClocks({ kind: 'voluntaryTreatment', decisionDate: '2024-01-01', endDate: '2023-01-01' }, '2024-01-02')), ['endDate']);
  });
});

describe('abstinentThreeYears (戒断三年未复吸)', () => {
  const history = (over: Partial<AbstinenceInput> = {}): AbstinenceInput => ({
    measures: [{ kind: 'communityTreatment', end: '2021-03-01' }],
    tests: [{ date: '2020-06-01', result: 'positive' }, { date: '2021-06-01', result: 'negative' }, { date: '2022-06-01', result: 'negative' }],
    detections: ['2018-03-01'],
    ...over,
  });

  it('not at 3 years minus a day; eligible at 3 years', () => {
    const before = abstinentThreeYears(history(), '2024-02-29');
    assert.equal(before.eligible, false);
    assert.equal(before.since, '2021-03-01');
    assert.equal(before.mark?.date, '2024-03-01');
    assert.ok(before.evidence.includes('尚差1日满3年（2024-03-01）'));
    const at = abstinentThreeYears(history(), '2024-03-01');
    assert.equal(at.eligible, true);
    assert.equal(at.mark?.rule, 'abstinentThreeYears.mark');
    assert.deepEqual(at.evidence, [
      '最后一次管控措施（社区戒毒）于2021-03-01结束',
      '最后一次阳性检测：2020-06-01',
      '最后一次查获：2018-03-01',
      '自2021-03-01起无阳性检测、无查获记录；期间检测2次，均为阴性',
      '已满3年（2024-03-01）',
    ]);
  });

  it('counts from the latest of measure end, positive test and detection', () => {
    assert.equal(abstinentThreeYears(history({ tests: [{ date: '2022-01-10', result: 'positive' }] }), '2024-06-01').since, '2022-01-10');
    assert.equal(abstinentThreeYears(history({ detections: ['2022-05-05'] }), '2024-06-01').since, '2022-05-05');
    const twoMeasures = history({ measures: [{ kind: 'compulsoryIsolation', end: '2019-01-01' }, { kind: 'communityRehab', end: '2021-12-31' }] });
    const result = abstinentThreeYears(twoMeasures, '2024-06-01');
    assert.equal(result.since, '2021-12-31');
    assert.equal(result.evidence[0], '最后一次管控措施（社区康复）于2021-12-31结束');
  });

  it('since 2024-02-29 the mark is 2027-02-28', () => {
    const result = abstinentThreeYears(history({ measures: [{ kind: 'communityRehab', end: '2024-02-29' }] }), '2027-02-27');
    assert.equal(result.mark?.date, '2027-02-28');
    assert.equal(result.eligible, false);
    assert.equal(abstinentThreeYears(history({ measures: [{ kind: 'communityRehab', end: '2024-02-29' }] }), '2027-02-28').eligible, true);
  });

  it('not while a measure runs (including its last day)', () => {
    const running = abstinentThreeYears(history({ measures: [{ kind: 'maintenanceTherapy', end: null }] }), '2030-01-01');
    assert.equal(running.eligible, false);
    assert.deepEqual(running.evidence, ['药物维持治疗尚在执行中']);
    assert.equal(abstinentThreeYears(history({ measures: [{ kind: 'communityTreatment', end: '2030-01-01' }] }), '2030-01-01').eligible, false);
  });

  it('not without anything to count from', () => {
    const none = abstinentThreeYears({ measures: [], tests: [], detections: [] }, '2030-01-01');
    assert.equal(none.eligible, false);
    assert.equal(none.since, null);
    assert.match(none.evidence[0] ?? '', /无法计算/);
  });
});
