import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { seriousViolation } from './supervision-violations.ts';
import { ATTACHMENT_TYPES, countyAbsences, lastContact, leaveStatus, sniffAttachmentType } from './supervision-work.ts';

describe('leaveStatus', () => {
  it('needs a written report from 3 days (both ends counted), not for 2', () => {
    assert.equal(leaveStatus({ kind: 'leave', from: '2026-11-01', to: '2026-11-02', returnedOn: '2026-11-02' }, '2026-11-23').rule.required, false);
    const three = leaveStatus({ kind: 'leave', from: '2026-11-01', to: '2026-11-03', returnedOn: '2026-11-03' }, '2026-11-23');
    assert.equal(three.rule.required, true);
    assert.equal(three.rule.days, 3);
  });

  it('is overdue only after the planned return day while not back, counting the days since', () => {
    const away = { kind: 'leave' as const, from: '2026-11-10', to: '2026-11-15', returnedOn: null };
    assert.deepEqual([leaveStatus(away, '2026-11-15').overdue, leaveStatus(away, '2026-11-15').overdueDays], [false, 0]);
    assert.deepEqual([leaveStatus(away, '2026-11-16').overdue, leaveStatus(away, '2026-11-16').overdueDays], [true, 1]);
    assert.equal(leaveStatus({ ...away, returnedOn: '2026-11-20' }, '2026-11-23').overdue, false);
    assert.equal(leaveStatus({ ...away, kind: 'absence' }, '2026-11-23').overdue, false, 'an absence has no planned return');
  });

  it('refuses a leave ending before it starts and a bad today', () => {
    assert.throws(() => leaveStatus({ kind: 'leave', from: '2026-11-10', to: '2026-11-09', returnedOn: null }, '2026-11-23'), RangeError);
    assert.throws(() => leaveStatus({ kind: 'leave', from: '2026-11-10', to: '2026-11-11', returnedOn: null }, '2026-13-01'), RangeError);
  });
});

describe('countyAbsences', () => {
  it('maps absences as unreported, leaves as reported, and the days over a leave as an unreported absence', () => {
    assert.deepEqual(countyAbsences([
      { kind: 'absence', from: '2026-01-01', to: '2026-01-05', returnedOn: null },
      { kind: 'leave', from: '2026-02-01', to: '2026-02-05', returnedOn: '2026-02-05' },
      { kind: 'leave', from: '2026-03-01', to: '2026-03-05', returnedOn: '2026-03-09' },
      { kind: 'leave', from: '2026-11-10', to: '2026-11-15', returnedOn: null },
    ], '2026-11-23'), [
      { from: '2026-01-01', to: '2026-01-05', reported: false },
      { from: '2026-02-01', to: '2026-02-05', reported: true },
      { from: '2026-03-01', to: '2026-03-05', reported: true },
      { from: '2026-03-06', to: '2026-03-09', reported: false },
      { from: '2026-11-10', to: '2026-11-15', reported: true },
      { from: '2026-11-16', to: null, reported: false },
    ]);
  });

  it('feeds seriousViolation: three unauthorised absences of 3 days reach the threshold, two do not', () => {
    const absence = (month: string) => ({ kind: 'absence' as const, from: `2026-${month}-01`, to: `2026-${month}-03`, returnedOn: null });
    const two = seriousViolation({ testEvasions: [], absences: countyAbsences([absence('01'), absence('02')], '2026-11-23') }, '2026-11-23');
    assert.equal(two.serious, false);
    const three = seriousViolation({ testEvasions: [], absences: countyAbsences([absence('01'), absence('02'), absence('03')], '2026-11-23') }, '2026-11-23');
    assert.equal(three.serious, true);
    assert.deepEqual(three.reached.map((r) => r.code), ['unauthorizedAbsences']);
  });

  it('leaves the planned span of an approved leave out of the count', () => {
    const leave = { kind: 'leave' as const, from: '2026-01-01', to: '2026-02-15', returnedOn: '2026-02-15' };
    assert.equal(seriousViolation({ testEvasions: [], absences: countyAbsences([leave], '2026-11-23') }, '2026-11-23').counts.unauthorizedDays, 0);
  });
});

describe('lastContact', () => {
  it('takes the latest day, ignoring missing ones; null without any', () => {
    assert.equal(lastContact(['2026-11-10', null, '2026-11-18', undefined, '2026-09-01']), '2026-11-18');
    assert.equal(lastContact([null, undefined]), null);
  });
});

describe('sniffAttachmentType', () => {
  const bytes = (...parts: (number[] | string)[]): Uint8Array =>
    Uint8Array.from(parts.flatMap((p) => (typeof p === 'string' ? Array.from(p, (c) => c.charCodeAt(0)) : p)));

  it('recognises PDF, JPEG, PNG and DOCX by their first bytes', () => {
    assert.equal(sniffAttachmentType(bytes('%PDF-1.7\n')), ATTACHMENT_TYPES.pdf);
    assert.equal(sniffAttachmentType(bytes([0xff, 0xd8, 0xff, 0xe0])), ATTACHMENT_TYPES.jpeg);
    assert.equal(sniffAttachmentType(bytes([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])), ATTACHMENT_TYPES.png);
    assert.equal(sniffAttachmentType(bytes([0x50, 0x4b, 0x03, 0x04], '....[Content_Types].xml....word/document.xml')), ATTACHMENT_TYPES.docx);
  });

  it('refuses anything else: other zips, truncated magic, executables, text, empty', () => {
    assert.equal(sniffAttachmentType(bytes([0x50, 0x4b, 0x03, 0x04], 'xl/workbook.xml')), null);
    assert.equal(sniffAttachmentType(bytes('%PDF')), null);
    assert.equal(sniffAttachmentType(bytes([0x89, 0x50, 0x4e, 0x47])), null);
    assert.equal(sniffAttachmentType(bytes('MZ', [0x90, 0x00])), null);
    assert.equal(sniffAttachmentType(bytes('hello')), null);
    assert.equal(sniffAttachmentType(new Uint8Array()), null);
  });
});
