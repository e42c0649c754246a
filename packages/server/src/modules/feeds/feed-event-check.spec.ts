import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { FeedEvent, composeIdNumber } from '@qingyuan/shared';
import { wellFormedFeedEvent } from './feed-event-check.ts';

const base = {
  id: 'E-1', kind: 'hotel', time: '2026-11-23T01:30:00+08:00', place: { name: '清源宾馆', address: '河畔路1号' }, idNumber: composeIdNumber('340177', '1980-01-01', 1),
};
const UUID = '6f1c2f5e-0000-4000-8000-000000000001';

/** Variants of one field: valid, edge and invalid values, as a partner might send them. */
const VARIANTS: Record<string, unknown[]> = {
  id: ['E-1', ' E-1 ', 'x'.repeat(100), 'x'.repeat(101), ` ${'x'.repeat(100)} `, '', '   ', 'a\u0000b', 'a\tb', 'a\u007fb', '事件-1', 7, null, undefined, ['E-1'], { id: 'E-1' }],
  kind: ['hotel', 'internetCafe', 'logistics', 'finance', 'hospital', 'casino', 'Hotel', ' hotel', '', 1, null, undefined],
  time: [
    '2026-11-23T01:30:00+08:00', '2026-11-23T01:30:00Z', '2026-11-23T01:30:00.123Z', '2026-11-23T01:30:00.123456+08:00', '2026-11-23T01:30Z',
    '2026-11-23T01:30:00', '2026-11-23 01:30:00+08:00', '2026-02-30T01:30:00Z', '2026-13-01T01:30:00Z', '2026-11-23T24:30:00Z', '2026-11-23T01:30:00+0800',
    '2026-11-23T01:30:00+08', ' 2026-11-23T01:30:00Z', '2026-11-23', '昨天', '', 1_763_000_000, null, undefined,
  ],
  idNumber: [base.idNumber, ` ${base.idNumber} `, base.idNumber.toLowerCase(), base.idNumber.slice(0, 15), base.idNumber.slice(0, 14), `${base.idNumber}0`, 'x'.repeat(18), 'a\u0001'.repeat(8), 340177, null, undefined],
  place: [
    { name: '清源宾馆' }, { name: ' 清源宾馆 ', address: ' 河畔路1号 ' }, { name: '宾馆', address: '' }, { name: '宾馆', address: '   ' }, { name: '宾馆', address: 'x'.repeat(200) },
    { name: '宾馆', address: 'x'.repeat(201) }, { name: '宾馆', address: null }, { name: '宾馆', address: 5 }, { name: '宾馆', orgUnitId: UUID }, { name: '宾馆', orgUnitId: UUID.toUpperCase() },
    { name: '宾馆', orgUnitId: 'not-a-uuid' }, { name: '宾馆', orgUnitId: ` ${UUID}` }, { name: '宾馆', orgUnitId: null }, { name: '宾馆', extra: 'dropped' }, { name: '' }, { name: 'x'.repeat(101) },
    { name: 'a\nb' }, { address: '河畔路1号' }, {}, [], '清源宾馆', null, undefined,
  ],
};

function* cases(): Generator {
  yield base;
  yield { ...base, extra: 'dropped', nested: { a: 1 } };
  for (const [field, values] of Object.entries(VARIANTS)) {
    for (const value of values) {
      // An undefined variant stands for the field left out.
      yield Object.fromEntries(Object.entries({ ...base, [field]: value }).filter(([, v]) => v !== undefined));
    }
  }
  // Two fields off at once, so a fast path that stops early never hides a later check.
  const fields = Object.keys(VARIANTS);
  for (const a of fields) {
    for (const b of fields) {
      if (a >= b) continue;
      for (const va of VARIANTS[a] ?? []) {
        for (const vb of VARIANTS[b] ?? []) yield { ...base, [a]: va, [b]: vb };
      }
    }
  }
  yield* [null, undefined, 'event', 42, [], [base], Object.create(null) as object];
}

describe('wellFormedFeedEvent: the fast path of FeedEvent.safeParse', () => {
  it('never accepts what zod refuses, and returns exactly zod’s output when it accepts', () => {
    let fast = 0;
    let refusedByZod = 0;
    for (const raw of cases()) {
      const quick = wellFormedFeedEvent(raw);
      const parsed = FeedEvent.safeParse(raw);
      if (!parsed.success) refusedByZod++;
      if (quick === null) continue;
      fast++;
      assert.ok(parsed.success, `fast path accepted what zod refuses: ${JSON.stringify(raw)}`);
      assert.deepStrictEqual(quick, parsed.data, JSON.stringify(raw));
    }
    assert.ok(refusedByZod > 200, 'the cases include many invalid events');
    assert.ok(fast > 100, 'the fast path takes the well-formed ones');
  });

  it('takes every well-formed event (so zod runs only for the bad ones)', () => {
    for (const raw of cases()) {
      if (FeedEvent.safeParse(raw).success) assert.notEqual(wellFormedFeedEvent(raw), null, JSON.stringify(raw));
    }
  });
});
