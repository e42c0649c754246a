// Test-only files need node:test; shared's "no node:*" rule guards runtime code, not its specs.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { leaveReportRequired, seriousViolation, type CountyAbsence, type SupervisionRecord, type TestEvasion } from './supervision-violations.ts';

const TODAY = '2024-12-31';
const refused = (date: string): TestEvasion => ({ date, kind: 'refused', noticed: false });
const missed = (date: string, noticed: boolean): TestEvasion => ({ date, kind: 'missed', noticed });
const away = (from: string, to: string | null, reported = false): CountyAbsence => ({ from, to, reported });
const check = (record: Partial<SupervisionRecord>, today = TODAY) => seriousViolation({ testEvasions: [], absences: [], ...record }, today);
const codes = (record: Partial<SupervisionRecord>, today = TODAY): string[] => check(record, today).reached.map((r) => r.code);

describe('leaveReportRequired (离开执行地所在县（市、区）3日以上须书面报告)', () => {
  it('2 days: no report needed; 3 days: a written report (both the departure and the return day count)', () => {
    const two = leaveReportRequired('2024-05-01', '2024-05-02');
    assert.deepEqual({ required: two.required, days: two.days }, { required: false, days: 2 });
    assert.match(two.explanation, /不足3日，无须书面报告/);
    const three = leaveReportRequired('2024-05-01', '2024-05-03');
    assert.deepEqual({ required: three.required, days: three.days }, { required: true, days: 3 });
    assert.match(three.explanation, /3日以上须书面报告（《戒毒条例》第十九条）/);
  });

  it('a day trip is 1 day; counts across month ends and the leap day', () => {
    assert.equal(leaveReportRequired('2024-05-01', '2024-05-01').days, 1);
    assert.equal(leaveReportRequired('2024-02-28', '2024-03-01').required, true);
    assert.equal(leaveReportRequired('2023-02-28', '2023-03-01').required, false);
  });

  it('throws when the return is before the departure', () => {
    assert.throws(() => leaveReportRequired('2024-05-03', '2024-05-01'), RangeError);
  });
});

describe('serious violation: refusing or evading tests 3 times or more', () => {
  it('2 refusals: not yet; 3: serious, reached on the third, proposing report to police and compulsory isolation', () => {
    assert.equal(check({ testEvasions: [refused('2024-01-10'), refused('2024-02-10')] }).serious, false);
    const result = check({ testEvasions: [refused('2024-03-10'), refused('2024-01-10'), refused('2024-02-10')] });
    assert.equal(result.serious, true);
    assert.deepEqual(result.reached.map((r) => [r.code, r.count, r.reachedOn]), [['testEvasions', 3, '2024-03-10']]);
    assert.deepEqual(result.proposal?.actions, ['reportToPolice', 'proposeCompulsoryIsolation']);
    assert.match(result.proposal?.explanation ?? '', /逃避或者拒绝接受检测3次.*严重违反社区戒毒协议（《戒毒条例》第二十条）.*公安机关报告.*强制隔离戒毒/);
  });

  it('a missed test counts only after a recorded notice', () => {
    const unnoticed = check({ testEvasions: [missed('2024-01-10', false), missed('2024-02-10', false), missed('2024-03-10', false)] });
    assert.equal(unnoticed.serious, false);
    assert.deepEqual(unnoticed.counts, { testEvasions: 0, uncountedMissedTests: 3, unauthorizedAbsences: 0, unauthorizedDays: 0 });
    assert.deepEqual(unnoticed.notes, ['3次未按时检测没有书面通知记录，未计入逃避、拒绝检测次数']);
    assert.equal(check({ testEvasions: [missed('2024-01-10', true), missed('2024-02-10', true), missed('2024-03-10', false)] }).serious, false);
    const noticed = check({ testEvasions: [missed('2024-01-10', true), missed('2024-02-10', true), missed('2024-03-10', true)] });
    assert.equal(noticed.serious, true);
    assert.equal(noticed.reached[0]?.reachedOn, '2024-03-10');
  });

  it('refusals and noticed missed tests add up; un-noticed ones in between are skipped', () => {
    const result = check({ testEvasions: [refused('2024-01-10'), missed('2024-02-10', false), missed('2024-03-10', true), refused('2024-04-10')] });
    assert.equal(result.counts.testEvasions, 3);
    assert.equal(result.reached[0]?.reachedOn, '2024-04-10');
  });
});

describe('serious violation: leaving the county without permission 3 times or more', () => {
  it('unreported absences of 3+ days: 2 not yet, 3 serious (reached on the third day of the third)', () => {
    const two = [away('2024-01-01', '2024-01-03'), away('2024-02-01', '2024-02-04')];
    assert.deepEqual(codes({ absences: two }), []);
    const three = check({ absences: [...two, away('2024-03-01', '2024-03-05')] });
    assert.deepEqual(three.reached.map((r) => [r.code, r.count, r.reachedOn]), [['unauthorizedAbsences', 3, '2024-03-03']]);
    assert.equal(three.counts.unauthorizedDays, 12);
  });

  it('absences under 3 days needed no report and are not unauthorised; reported absences are not either', () => {
    const short = [1, 2, 3, 4, 5].map((m) => away(`2024-0${m}-01`, `2024-0${m}-02`));
    assert.equal(check({ absences: short }).counts.unauthorizedAbsences, 0);
    const reported = [1, 2, 3].map((m) => away(`2024-0${m}-01`, `2024-0${m}-20`, true));
    assert.deepEqual(check({ absences: reported }).counts, { testEvasions: 0, uncountedMissedTests: 0, unauthorizedAbsences: 0, unauthorizedDays: 0 });
  });

  it('an ongoing absence counts from its third day', () => {
    const absences = [away('2024-01-01', '2024-01-03'), away('2024-02-01', '2024-02-03'), away('2024-03-01', null)];
    assert.deepEqual(codes({ absences }, '2024-03-02'), []);
    assert.deepEqual(codes({ absences }, '2024-03-03'), ['unauthorizedAbsences']);
  });
});

describe('serious violation: unauthorised absence of more than 30 days in total', () => {
  it('30 days: not serious; 31 days: serious, reached on day 31', () => {
    assert.deepEqual(codes({ absences: [away('2024-06-01', '2024-06-30')] }), []);
    assert.equal(check({ absences: [away('2024-06-01', '2024-06-30')] }).counts.unauthorizedDays, 30);
    const result = check({ absences: [away('2024-06-01', '2024-07-01')] });
    assert.deepEqual(result.reached.map((r) => [r.code, r.count, r.reachedOn]), [['unauthorizedDays', 31, '2024-07-01']]);
    assert.match(result.reached[0]?.explanation ?? '', /累计31日（超过30日）/);
  });

  it('adds up several absences: 20 + 10 not serious, 20 + 11 serious on the 11th day of the second', () => {
    assert.deepEqual(codes({ absences: [away('2024-01-01', '2024-01-20'), away('2024-03-01', '2024-03-10')] }), []);
    const result = check({ absences: [away('2024-01-01', '2024-01-20'), away('2024-03-01', '2024-03-11')] });
    assert.deepEqual(result.reached.map((r) => [r.code, r.reachedOn]), [['unauthorizedDays', '2024-03-11']]);
  });

  it('an absence only becomes unauthorised on its third day, so 29 + 3 is reached on that third day', () => {
    const result = check({ absences: [away('2024-01-01', '2024-01-29'), away('2024-03-01', '2024-03-03')] });
    assert.deepEqual(result.reached.map((r) => [r.code, r.reachedOn]), [['unauthorizedDays', '2024-03-03']]);
  });

  it('an ongoing absence counts through today: 30 days then 31', () => {
    assert.deepEqual(codes({ absences: [away('2024-06-01', null)] }, '2024-06-30'), []);
    assert.deepEqual(codes({ absences: [away('2024-06-01', null)] }, '2024-07-01'), ['unauthorizedDays']);
  });

  it('three absences over 30 days reach both thresholds, listed in the proposal', () => {
    const result = check({ absences: [away('2024-01-01', '2024-01-10'), away('2024-02-01', '2024-02-10'), away('2024-03-01', '2024-03-11')] });
    assert.deepEqual(result.reached.map((r) => [r.code, r.reachedOn]), [['unauthorizedAbsences', '2024-03-03'], ['unauthorizedDays', '2024-03-11']]);
    assert.match(result.proposal?.explanation ?? '', /擅自离开执行地所在县（市、区）3次.*；擅自离开执行地所在县（市、区）累计31日/);
  });
});

describe('serious violation: the measure period, community rehab, bad input', () => {
  it('only what happened within the period counts; an absence across its start is clipped', () => {
    const period = { from: '2024-03-01', to: null };
    assert.equal(check({ period, testEvasions: [refused('2024-01-10'), refused('2024-02-10'), refused('2024-03-10')] }).counts.testEvasions, 1);
    const clipped = check({ period, absences: [away('2024-02-10', '2024-04-05')] });
    assert.equal(clipped.counts.unauthorizedDays, 36);
    assert.equal(clipped.reached[0]?.reachedOn, '2024-03-31');
    assert.equal(check({ period: { from: '2024-01-01', to: '2024-01-31' }, absences: [away('2024-01-15', '2024-03-01')] }).counts.unauthorizedDays, 17);
  });

  it('names the community rehab agreement for a rehab measure', () => {
    const result = check({ measureKind: 'communityRehab', testEvasions: [refused('2024-01-10'), refused('2024-02-10'), refused('2024-03-10')] });
    assert.match(result.proposal?.explanation ?? '', /严重违反社区康复协议（参照社区戒毒/);
  });

  it('refuses bad dates, a return before departure and overlapping absences, naming the field', () => {
    const fields = (record: Partial<SupervisionRecord>): string[] => check(record).problems.map((p) => p.field);
    assert.deepEqual(fields({ testEvasions: [refused('2024-02-30')] }), ['testEvasions[0].date']);
    assert.deepEqual(fields({ absences: [away('2024-03-05', '2024-03-01')] }), ['absences[0].to']);
    assert.deepEqual(fields({ absences: [away('2024-03-05', '2024-03-10'), away('2024-03-01', '2024-03-05')] }), ['absences[0].from']);
    assert.deepEqual(fields({ absences: [away('2024-03-01', null), away('2024-04-01', '2024-04-05')] }), ['absences[1].from']);
    assert.deepEqual(fields({ absences: [away('2024-03-01', '2024-03-04'), away('2024-03-05', '2024-03-08')] }), []);
    assert.equal(check({ testEvasions: [refused('bad'), refused('2024-01-01'), refused('2024-01-02'), refused('2024-01-03')] }).serious, false);
    assert.throws(() => check({}, '31/12/2024'), RangeError);
  });
});
