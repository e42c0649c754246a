/**
 * Supervision work (社区戒毒（康复）工作) facts turned into what the rules need: leave reports and unauthorised absences
 * as county absences for the serious-violation rule, whether a leave is overdue (computed on read, never stored),
 * the last contact day, and the attachment types recognised by their first bytes.
 */
import { addDays, compareDates, daysBetween, isIsoDate } from './calendar-dates.ts';
import { leaveReportRequired, type CountyAbsence, type LeaveRule } from './supervision-violations.ts';

export const LEAVE_KINDS = ['leave', 'absence'] as const;
export type LeaveKind = (typeof LEAVE_KINDS)[number];

export interface LeaveFacts {
  kind: LeaveKind;
  from: string;
  to: string;
  /** Actual return day of an approved leave; null while away (or not recorded). */
  returnedOn: string | null;
}

export interface LeaveStatus {
  /** The leave-report rule for the planned span (3 days or more: written report, 戒毒条例第十九条). */
  rule: LeaveRule;
  /** A leave not back by its `to` day (as of today). */
  overdue: boolean;
  overdueDays: number;
}

/** A leave's report rule and whether it is overdue: not returned, and today is after the planned return day. */
export function leaveStatus(leave: LeaveFacts, today: string): LeaveStatus {
  if (!isIsoDate(today)) throw new RangeError(`today must be YYYY-MM-DD, got ${JSON.stringify(today)}`);
  const rule = leaveReportRequired(leave.from, leave.to);
  const overdue = leave.kind === 'leave' && leave.returnedOn === null && compareDates(today, leave.to) > 0;
  return { rule, overdue, overdueDays: overdue ? daysBetween(leave.to, today) : 0 };
}

/**
 * County absences for `seriousViolation`: an unauthorised absence is unreported from its first to its last day; an
 * approved leave is reported for its planned span, and the days after it until the actual return (or through
 * today while still away) are an unreported absence of their own.
 */
export function countyAbsences(leaves: readonly LeaveFacts[], today: string): CountyAbsence[] {
  const absences: CountyAbsence[] = [];
  for (const l of leaves) {
    if (l.kind === 'absence') {
      absences.push({ from: l.from, to: l.to, reported: false });
      continue;
    }
    absences.push({ from: l.from, to: l.to, reported: true });
    const back = l.returnedOn;
    const over = back === null ? compareDates(today, l.to) > 0 : compareDates(back, l.to) > 0;
    if (over) absences.push({ from: addDays(l.to, 1), to: back, reported: false });
  }
  return absences;
}

/** The latest of the contact days (visits, tests, report-ins), or null without any. */
export function lastContact(dates: readonly (string | null | undefined)[]): string | null {
  let last: string | null = null;
  for (const d of dates) if (d && (last === null || compareDates(d, last) > 0)) last = d;
  return last;
}

export const ATTACHMENT_MAX_BYTES = 10 * 1024 * 1024;
export const ATTACHMENT_TYPES = {
  pdf: 'application/pdf',
  jpeg: 'image/jpeg',
  png: 'image/png',
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
} as const;
export type AttachmentType = (typeof ATTACHMENT_TYPES)[keyof typeof ATTACHMENT_TYPES];

const startsWith = (bytes: Uint8Array, prefix: readonly number[]): boolean =>
  bytes.length >= prefix.length && prefix.every((b, i) => bytes[i] === b);

function contains(bytes: Uint8Array, ascii: string): boolean {
  const needle = Array.from(ascii, (c) => c.charCodeAt(0));
  outer: for (let i = 0; i + needle.length <= bytes.length; i++) {
    for (let j = 0; j < needle.length; j++) if (bytes[i + j] !== needle[j]) continue outer;
    return true;
  }
  return false;
}

/**
 * The type of a file from its content (magic numbers), never from the client's claim: PDF (%PDF-), JPEG (FF D8 FF),
 * PNG (89 50 4E 47 0D 0A 1A 0A), DOCX (a ZIP, PK 03 04, holding a word/ part). Anything else: null.
 */
export function sniffAttachmentType(bytes: Uint8Array): AttachmentType | null {
  if (startsWith(bytes, [0x25, 0x50, 0x44, 0x46, 0x2d])) return ATTACHMENT_TYPES.pdf;
  if (startsWith(bytes, [0xff, 0xd8, 0xff])) return ATTACHMENT_TYPES.jpeg;
  if (startsWith(bytes, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return ATTACHMENT_TYPES.png;
  if (startsWith(bytes, [0x50, 0x4b, 0x03, 0x04]) && contains(bytes, 'word/')) return ATTACHMENT_TYPES.docx;
  return null;
}
