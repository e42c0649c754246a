import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  ALERT_RULES,
  DEFAULT_SLA,
  alertRule,
  alertTransition,
  resolveRuleSetting,
  ruleParamProblems,
  slaDeadlines,
  slaMissed,
  slaProblems,
} from './alert-rules.ts';

const testOverdue = alertRule('testOverdue');
if (!testOverdue) throw new Error('testOverdue missing');

describe('alert rule registry', () => {
  it('has unique codes, Chinese names and a level for every rule; defaults lie within their bounds', () => {
    assert.equal(new Set(ALERT_RULES.map((r) => r.code)).size, ALERT_RULES.length);
    for (const rule of ALERT_RULES) {
      assert.match(rule.name, /[\u4e00-\u9fff]/);
      assert.ok(['high', 'medium', 'low'].includes(rule.level));
      for (const p of rule.params) assert.ok(p.min <= p.default && p.default <= p.max, `${rule.code}.${p.key}`);
    }
  });
  it('has the unaccepted-transfer rule: orange, evaluated by the sweep, without parameters (7 days is the transfer rule’s)', () => {
    const rule = alertRule('transferUnaccepted');
    assert.equal(rule?.name, '未按时接收移交');
    assert.equal(rule?.level, 'medium');
    assert.equal(rule?.timeBased, true);
    assert.deepEqual(rule?.params, []);
  });
});

describe('resolveRuleSetting: parameters inherited down the org tree', () => {
  const settings = [
    { orgPath: '/d/', params: { days: 10 } },
    { orgPath: '/d/t1/', params: { days: 3 } },
    { orgPath: '/d/t2/', enabled: false },
  ];
  it('uses the defaults with no setting', () => {
    assert.deepEqual(resolveRuleSetting(testOverdue, [], '/d/t1/v/'), { enabled: true, params: { days: 7 }, from: [] });
  });
  it('lets the nearest setting win key by key, and an ancestor’s apply where the unit has none', () => {
    assert.deepEqual(resolveRuleSetting(testOverdue, settings, '/d/t1/v/').params, { days: 3 });
    assert.deepEqual(resolveRuleSetting(testOverdue, settings, '/d/t3/v/').params, { days: 10 });
    assert.deepEqual(resolveRuleSetting(testOverdue, settings, '/d/t1/v/').from, ['/d/', '/d/t1/']);
  });
  it('inherits a disabling, and a nearer setting can enable again', () => {
    assert.equal(resolveRuleSetting(testOverdue, settings, '/d/t2/v/').enabled, false);
    assert.equal(resolveRuleSetting(testOverdue, [...settings, { orgPath: '/d/t2/v/', enabled: true }], '/d/t2/v/').enabled, true);
  });
  it('does not let a sibling whose path merely shares a prefix of characters apply (paths end with /)', () => {
    assert.deepEqual(resolveRuleSetting(testOverdue, [{ orgPath: '/d/t1/', params: { days: 2 } }], '/d/t10/').params, { days: 7 });
  });
  it('ignores stored values out of range or unknown', () => {
    assert.deepEqual(resolveRuleSetting(testOverdue, [{ orgPath: '/d/', params: { days: 0, weeks: 3 } }], '/d/x/').params, { days: 7 });
  });
  it('names the field of a bad parameter typed by the office', () => {
    assert.deepEqual(ruleParamProblems(testOverdue, { days: 91 }).map((p) => p.field), ['params.days']);
    assert.deepEqual(ruleParamProblems(testOverdue, { weeks: 1 }).map((p) => p.field), ['params.weeks']);
    assert.deepEqual(ruleParamProblems(testOverdue, { days: 90 }), []);
  });
});

describe('SLA', () => {
  const raised = new Date('2026-11-23T02:00:00Z');
  it('has the issue’s defaults: high 2 h / 24 h, medium 24 h / 72 h, low 72 h / 7 d', () => {
    assert.deepEqual(DEFAULT_SLA.high, { ackMinutes: 120, resolveMinutes: 1440 });
    assert.deepEqual(DEFAULT_SLA.medium, { ackMinutes: 1440, resolveMinutes: 4320 });
    assert.deepEqual(DEFAULT_SLA.low, { ackMinutes: 4320, resolveMinutes: 10080 });
  });
  it('computes the deadlines and the breach: on the deadline is still in time, a millisecond later is not', () => {
    const { ackDueAt, resolveDueAt } = slaDeadlines(raised, DEFAULT_SLA.high);
    assert.equal(ackDueAt.toISOString(), '2026-11-23T04:00:00.000Z');
    assert.equal(resolveDueAt.toISOString(), '2026-11-24T02:00:00.000Z');
    const alert = { status: 'new' as const, ackDueAt, resolveDueAt };
    assert.equal(slaMissed(alert, ackDueAt), null);
    assert.equal(slaMissed(alert, new Date(ackDueAt.getTime() + 1)), 'ack');
    assert.equal(slaMissed({ ...alert, status: 'acknowledged' }, new Date(ackDueAt.getTime() + 1)), null, 'acknowledged in time counts');
    assert.equal(slaMissed({ ...alert, status: 'assigned' }, new Date(resolveDueAt.getTime() + 1)), 'resolve');
    assert.equal(slaMissed({ ...alert, status: 'new' }, new Date(resolveDueAt.getTime() + 1)), 'resolve', 'the later deadline wins');
    assert.equal(slaMissed({ ...alert, status: 'resolved' }, new Date(resolveDueAt.getTime() + 1)), null);
  });
  it('refuses a resolve limit shorter than the acknowledge limit', () => {
    assert.deepEqual(slaProblems({ ackMinutes: 60, resolveMinutes: 30 }).map((p) => p.field), ['resolveMinutes']);
    assert.deepEqual(slaProblems({ ackMinutes: 0, resolveMinutes: 30 }).map((p) => p.field), ['ackMinutes']);
  });
});

describe('alertTransition: new → acknowledged → assigned → resolved', () => {
  it('allows the workflow and refuses acting on closed alerts or acknowledging twice', () => {
    assert.deepEqual(alertTransition('new', 'acknowledge'), { to: 'acknowledged' });
    assert.deepEqual(alertTransition('acknowledged', 'assign'), { to: 'assigned' });
    assert.deepEqual(alertTransition('assigned', 'assign'), { to: 'assigned' }, 're-assigning');
    assert.deepEqual(alertTransition('assigned', 'resolve'), { to: 'resolved' });
    assert.deepEqual(alertTransition('new', 'resolve'), { to: 'resolved' }, 'a false alarm can be closed at once');
    assert.ok('problem' in alertTransition('acknowledged', 'acknowledge'));
    assert.ok('problem' in alertTransition('resolved', 'assign'));
    assert.ok('problem' in alertTransition('autoClosed', 'resolve'));
  });
});
