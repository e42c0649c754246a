/**
 * Early warning (动态管控预警): the rule registry, parameter inheritance down the org tree, SLA deadlines and the
 * inbox state machine. Pure: the server evaluates conditions over its data and calls these to decide.
 */

export const ALERT_LEVELS = ['high', 'medium', 'low'] as const;
export type AlertLevel = (typeof ALERT_LEVELS)[number];
export const ALERT_LEVEL_LABELS: Record<AlertLevel, string> = { high: '红色', medium: '橙色', low: '黄色' };

export interface AlertRuleParam {
  key: string;
  label: string;
  min: number;
  max: number;
  default: number;
}

export interface AlertRuleDefinition {
  code: string;
  name: string;
  level: AlertLevel;
  /** Evaluated by the scheduled sweep (the condition changes with time alone), not only by domain events. */
  timeBased: boolean;
  params: readonly AlertRuleParam[];
  explanation: string;
}

/** One entry per rule; a new rule is one entry here and one evaluator file on the server. */
export const ALERT_RULES = [
  {
    code: 'reportInOverdue', name: '逾期未报到', level: 'high', timeBased: true, params: [],
    explanation: '社区戒毒（康复）人员收到决定书后超过15日未报到',
  },
  {
    code: 'testOverdue', name: '检测逾期', level: 'medium', timeBased: true,
    params: [{ key: 'days', label: '逾期天数达到', min: 1, max: 90, default: 7 }],
    explanation: '按检测频次应检而未检，逾期天数达到设定值',
  },
  {
    code: 'positiveTest', name: '检测阳性', level: 'high', timeBased: false, params: [],
    explanation: '最近一次检测结果为阳性',
  },
  {
    code: 'seriousViolation', name: '严重违反协议', level: 'high', timeBased: false, params: [],
    explanation: '拒绝检测或擅自外出等达到严重违反社区戒毒（康复）协议的情形（戒毒条例第二十条）',
  },
  {
    code: 'measureEnding', name: '措施即将期满', level: 'low', timeBased: true,
    params: [{ key: 'days', label: '期满前天数', min: 1, max: 30, default: 30 }],
    explanation: '社区戒毒（康复）期限将在设定天数内届满',
  },
  {
    code: 'leaveOverdue', name: '请假逾期未归', level: 'medium', timeBased: true, params: [],
    explanation: '请假外出超过批准的返回日期仍未销假',
  },
  {
    code: 'lostContact', name: '疑似脱管失控', level: 'high', timeBased: true,
    params: [{ key: 'days', label: '连续未联系天数达到', min: 7, max: 180, default: 30 }],
    explanation: '在社区戒毒（康复）期间，连续多日无走访谈话、检测或报到记录',
  },
  {
    code: 'riskRaised', name: '风险等级上升', level: 'medium', timeBased: false, params: [],
    explanation: '最近一次风险分类评估的等级高于上一次，或首次评估即为高风险（再次评估不再上升时自动关闭）',
  },
  {
    code: 'transferUnaccepted', name: '未按时接收移交', level: 'medium', timeBased: true, params: [],
    explanation: '人员移交后超过7日，接收单位仍未接收或退回（与移交页的超期督办同一规则 transferEscalation；预警发至接收单位）',
  },
  {
    code: 'partnerFeed', name: '特殊行业预警', level: 'medium', timeBased: false, params: [],
    explanation: '特殊行业联网数据（住宿、上网、寄递等）比中在控人员',
  },
] as const satisfies readonly AlertRuleDefinition[];
export type AlertRuleCode = (typeof ALERT_RULES)[number]['code'];
export const ALERT_RULE_CODES = ALERT_RULES.map((r) => r.code) as [AlertRuleCode, ...AlertRuleCode[]];

export function alertRule(code: string): AlertRuleDefinition | undefined {
  return (ALERT_RULES as readonly AlertRuleDefinition[]).find((r) => r.code === code);
}

/** A unit's setting of one rule: stored per org unit by the office, inherited by the subtree below it. */
export interface RuleSetting {
  orgPath: string;
  enabled?: boolean;
  params?: Readonly<Record<string, number>>;
}

export interface ResolvedRule {
  enabled: boolean;
  params: Record<string, number>;
  /** The paths whose settings contributed, root first (for showing where a value comes from). */
  from: string[];
}

/**
 * The effective setting of a rule at a unit: the defaults, overridden by every ancestor's (and the unit's own)
 * setting from the root down — the nearest setting wins key by key. Unknown or out-of-range keys are ignored.
 */
export function resolveRuleSetting(rule: AlertRuleDefinition, settings: readonly RuleSetting[], orgPath: string): ResolvedRule {
  const params: Record<string, number> = {};
  for (const p of rule.params) params[p.key] = p.default;
  let enabled = true;
  const from: string[] = [];
  const applicable = settings.filter((s) => orgPath.startsWith(s.orgPath)).sort((a, b) => a.orgPath.length - b.orgPath.length);
  for (const s of applicable) {
    from.push(s.orgPath);
    if (s.enabled !== undefined) enabled = s.enabled;
    for (const p of rule.params) {
      const value = s.params?.[p.key];
      if (typeof value === 'number' && Number.isInteger(value) && value >= p.min && value <= p.max) params[p.key] = value;
    }
  }
  return { enabled, params, from };
}

/** Problems with parameters typed by the office, as `{field, message}` (field = `params.<key>`). */
export function ruleParamProblems(rule: AlertRuleDefinition, params: Readonly<Record<string, number>>): { field: string; message: string }[] {
  const problems: { field: string; message: string }[] = [];
  for (const key of Object.keys(params)) {
    const p = rule.params.find((x) => x.key === key);
    const value = params[key];
    if (!p) problems.push({ field: `params.${key}`, message: `规则“${rule.name}”没有参数 ${key}` });
    else if (typeof value !== 'number' || !Number.isInteger(value) || value < p.min || value > p.max) {
      problems.push({ field: `params.${key}`, message: `${p.label}须为${p.min}至${p.max}的整数` });
    }
  }
  return problems;
}

// ---- SLA ----

export interface Sla {
  ackMinutes: number;
  resolveMinutes: number;
}
const HOUR = 60;
export const DEFAULT_SLA: Record<AlertLevel, Sla> = {
  high: { ackMinutes: 2 * HOUR, resolveMinutes: 24 * HOUR },
  medium: { ackMinutes: 24 * HOUR, resolveMinutes: 72 * HOUR },
  low: { ackMinutes: 72 * HOUR, resolveMinutes: 7 * 24 * HOUR },
};

export function slaProblems(sla: Sla): { field: string; message: string }[] {
  const problems: { field: string; message: string }[] = [];
  if (!Number.isInteger(sla.ackMinutes) || sla.ackMinutes < 1) problems.push({ field: 'ackMinutes', message: '签收时限须为正整数（分钟）' });
  if (!Number.isInteger(sla.resolveMinutes) || sla.resolveMinutes < sla.ackMinutes) {
    problems.push({ field: 'resolveMinutes', message: '处置时限须为整数且不短于签收时限' });
  }
  return problems;
}

/** When an alert raised at `raisedAt` must be acknowledged and resolved. */
export function slaDeadlines(raisedAt: Date, sla: Sla): { ackDueAt: Date; resolveDueAt: Date } {
  return {
    ackDueAt: new Date(raisedAt.getTime() + sla.ackMinutes * 60_000),
    resolveDueAt: new Date(raisedAt.getTime() + sla.resolveMinutes * 60_000),
  };
}

// ---- inbox state machine ----

export const ALERT_STATUSES = ['new', 'acknowledged', 'assigned', 'resolved', 'autoClosed'] as const;
export type AlertStatus = (typeof ALERT_STATUSES)[number];
export const ALERT_STATUS_LABELS: Record<AlertStatus, string> = {
  new: '待签收', acknowledged: '已签收', assigned: '已指派', resolved: '已处置', autoClosed: '自动关闭',
};
export const OPEN_ALERT_STATUSES = ['new', 'acknowledged', 'assigned'] as const satisfies readonly AlertStatus[];

export const ALERT_OUTCOMES = ['verifiedAndTested', 'falseAlarm', 'handedToPolice', 'other'] as const;
export type AlertOutcome = (typeof ALERT_OUTCOMES)[number];
export const ALERT_OUTCOME_LABELS: Record<AlertOutcome, string> = {
  verifiedAndTested: '已核查并检测', falseAlarm: '误报', handedToPolice: '移交公安', other: '其他',
};

export type AlertAction = 'acknowledge' | 'assign' | 'resolve';

export function isOpenStatus(status: AlertStatus): boolean {
  return (OPEN_ALERT_STATUSES as readonly AlertStatus[]).includes(status);
}

/** The status an action leads to from `status`, or a Chinese reason why it cannot be taken. */
export function alertTransition(status: AlertStatus, action: AlertAction): { to: AlertStatus } | { problem: string } {
  if (!isOpenStatus(status)) return { problem: '预警已关闭，不能再处理' };
  switch (action) {
    case 'acknowledge':
      return status === 'new' ? { to: 'acknowledged' } : { problem: '预警已签收' };
    case 'assign':
      return { to: 'assigned' };
    case 'resolve':
      return { to: 'resolved' };
  }
}

/** The SLA deadline an open alert has missed at `now`: the resolve deadline first, else the acknowledge one while new. */
export function slaMissed(alert: { status: AlertStatus; ackDueAt: Date; resolveDueAt: Date }, now: Date): 'ack' | 'resolve' | null {
  if (!isOpenStatus(alert.status)) return null;
  if (now.getTime() > alert.resolveDueAt.getTime()) return 'resolve';
  if (alert.status === 'new' && now.getTime() > alert.ackDueAt.getTime()) return 'ack';
  return null;
}
