/**
 * Test notices (通知检测) and missed tests (通知检测未到): 《戒毒条例》第二十条 counts “逃避或者拒绝接受检测”. A test not
 * taken counts only after a recorded notice: the worker records when and how the person was told to come and the day
 * to come by. No test recorded from the notice day through that day (both included) and no justified reason recorded →
 * the notice is missed from the next day on. Computed on every read, never stored.
 */
import { addDays, compareDates, isIsoDate } from './calendar-dates.ts';
import type { TestEvasion } from './supervision-violations.ts';

/** The due day lies at most this many days after the notice (a typo'd year would otherwise hide a miss for a year). */
export const TEST_NOTICE_MAX_DAYS = 30;

export const TEST_NOTICE_METHODS = ['phone', 'sms', 'written', 'inPerson'] as const;
export type TestNoticeMethod = (typeof TEST_NOTICE_METHODS)[number];
export const TEST_NOTICE_METHOD_LABELS: Record<TestNoticeMethod, string> = { phone: '电话', sms: '短信', written: '书面', inPerson: '当面' };

export const TEST_NOTICE_STATUSES = ['open', 'tested', 'missed', 'justified'] as const;
export type TestNoticeStatus = (typeof TEST_NOTICE_STATUSES)[number];
export const TEST_NOTICE_STATUS_LABELS: Record<TestNoticeStatus, string> = {
  open: '待检测', tested: '已按时检测', missed: '通知检测未到', justified: '未到检（有正当理由）',
};

export interface TestNoticeFacts {
  notifiedOn: string;
  /** The last day to come (inclusive). */
  dueOn: string;
  /** A justified reason for not coming was recorded. */
  excused: boolean;
}

export interface TestNoticeState {
  status: TestNoticeStatus;
  /** The first test within the notice's window, if any. */
  testedOn: string | null;
  /** The day the notice counts as missed (the day after the due day), when missed. */
  missedOn: string | null;
  explanation: string;
}

/** The state of one notice on `today`, given the days of the person's recorded tests (any result). */
export function testNoticeStatus(notice: TestNoticeFacts, testDates: readonly string[], today: string): TestNoticeState {
  for (const [value, name] of [[notice.notifiedOn, 'notifiedOn'], [notice.dueOn, 'dueOn'], [today, 'today']] as const) {
    if (!isIsoDate(value)) throw new RangeError(`${name} must be YYYY-MM-DD, got ${JSON.stringify(value)}`);
  }
  if (compareDates(notice.dueOn, notice.notifiedOn) < 0) throw new RangeError(`dueOn ${notice.dueOn} is before notifiedOn ${notice.notifiedOn}`);
  const window = `${notice.notifiedOn}通知，应于${notice.dueOn}前（含当日）到检`;
  const testedOn = testDates
    .filter((d) => compareDates(d, notice.notifiedOn) >= 0 && compareDates(d, notice.dueOn) <= 0)
    .sort(compareDates)[0] ?? null;
  if (testedOn) return { status: 'tested', testedOn, missedOn: null, explanation: `${window}；${testedOn}已检测` };
  if (notice.excused) return { status: 'justified', testedOn: null, missedOn: null, explanation: `${window}；未到检，已登记正当理由，不计入逃避检测次数` };
  if (compareDates(today, notice.dueOn) > 0) {
    return {
      status: 'missed', testedOn: null, missedOn: addDays(notice.dueOn, 1),
      explanation: `${window}；逾期未到检且无正当理由，计为逃避检测1次（《戒毒条例》第二十条）`,
    };
  }
  return { status: 'open', testedOn: null, missedOn: null, explanation: `${window}；尚未检测` };
}

/**
 * What `seriousViolation` counts as evading or refusing tests: every refused test, and every missed notice (on the day
 * after its due day). The serious-violation task and the 严重违反协议 alert both build their count here.
 */
export function testEvasions(
  tests: readonly { testedOn: string; result: string }[],
  notices: readonly TestNoticeFacts[],
  today: string,
): TestEvasion[] {
  const dates = tests.map((t) => t.testedOn);
  const refused: TestEvasion[] = tests.filter((t) => t.result === 'refused').map((t) => ({ date: t.testedOn, kind: 'refused', noticed: true }));
  const missed: TestEvasion[] = notices.flatMap((n) => {
    const state = testNoticeStatus(n, dates, today);
    return state.missedOn ? [{ date: state.missedOn, kind: 'missed' as const, noticed: true }] : [];
  });
  return [...refused, ...missed].sort((a, b) => compareDates(a.date, b.date));
}
