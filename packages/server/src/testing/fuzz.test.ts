import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import fc from 'fast-check';
import type { LightMyRequestResponse } from 'fastify';
import { sql } from 'kysely';
import { DEFAULT_RISK_INSTRUMENT, CASE_LEVELS, CASE_TYPES, ETHNICITIES, ORG_KINDS, ROLES, composeIdNumber, type OrgUnit, type Problem, type SecurityPolicy } from '@qingyuan/shared';
import { fakeIdNumber, given } from './given.ts';
import { startTestApp, type Agent, type TestApp } from './test-app.ts';

/**
 * Property-based fuzzing of every write endpoint (SECURITY.md §19): bodies with wrong types, missing fields,
 * overlong or control-character strings, semantically wrong values and extra nested junk always answer a
 * problem+json 400 naming a field (or 409 where that is the right answer), never 500, and write nothing.
 */

const RUNS = 50;
const DEMO = 'Qingyuan#2026';

/** What the fuzzed endpoints need from the demo district, read once. */
interface Ids {
  township: OrgUnit; // 青山镇: parent of created villages
  grid: OrgUnit; // 第1网格 of a community with two grids: the PATCH target
  village: OrgUnit; // a village of 白石镇: the move target
  otherTownship: OrgUnit; // 柳河镇: where the village could go
  districtId: string;
  workerId: string;
  policeId: string;
  policy: SecurityPolicy;
  departmentId: string;
  community: OrgUnit; // 河畔社区: where fuzzed persons would be registered
  person: { id: string; idNumber: string }; // the PATCH / reveal / detection / relationship target
  otherPerson: { id: string; idNumber: string }; // already related to `person` as co-users
  brigadeId: string; // 公安分局禁毒大队: a handling unit
  drugCase: { id: string; caseNumber: string; suspectId: string }; // filed 2026-03-01 in 河畔社区, one suspect
  otherCaseNumber: string; // another case's number: renaming to it is a 409
  measureId: string; // community treatment of `person`, received 2026-11-01, not reported in: report-in / events target
  work: { memberId: string; leaveId: string; assistanceId: string }; // supervision work records of `person` (started/left 2026-11-01)
  risk: { taskId: string; transferId: string }; // an open serious-violation task (reached 2026-10-04) and a transfer 清源街道 → 明德社区 pending
  testNoticeId: string; // a test notice of `person` (通知检测, 2026-11-20 → 2026-11-25), no reason recorded
}

/** Valid-looking numbers GB 11643 refuses: wrong check digit, impossible or future birth dates, bad division codes. */
const badIdNumbers = (): fc.Arbitrary<string> =>
  fc.oneof(
    fc.constantFrom(
      composeIdNumber('340188', '1990-02-30', 1),
      composeIdNumber('340188', '2026-12-01', 1),
      composeIdNumber('340188', '1899-01-01', 1),
      composeIdNumber('990188', '1990-01-01', 1),
      composeIdNumber('340188', '1990-01-01', 1).slice(0, 17),
      `${composeIdNumber('340188', '1990-01-01', 1)}0`,
    ),
    fc.integer({ min: 0, max: 999 }).map((n) => {
      const id = fakeIdNumber(n, '1988-08-08');
      return `${id.slice(0, 17)}${id.endsWith('1') ? '2' : '1'}`;
    }),
    fc.string({ unit: fc.constantFrom('1', '2', '3', 'X', 'a', '-'), minLength: 1, maxLength: 30 }),
  );

/** Control characters a note must refuse (line breaks and tabs are allowed there). */
const withHardControl = (): fc.Arbitrary<string> =>
  fc
    .tuple(fc.string({ maxLength: 5 }), fc.constantFrom('\u0000', '\u0007', '\u001b', '\u007f', '\u000b'), fc.string({ maxLength: 5 }))
    .map(([a, c, b]) => `${a}${c}${b}`)
    // U+000B is whitespace: at either end, trimming removes it and the note is simply valid (it once made a fuzz run write).
    // eslint-disable-next-line no-control-regex -- finding control characters is the point
    .filter((v) => /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/.test(v.trim()));

const badPhones = (): fc.Arbitrary<Break> =>
  fc.oneof(
    wrongType({ allow: 'array' }),
    fc.array(fc.constantFrom('12345', '1380000123', '+8613800001234', '138-0000-1234', '', '23800001234'), { minLength: 1, maxLength: 3 }),
    fc.constant(['13800001234', '13800001234']),
    fc.array(fc.constant('13800001234').map((p) => p), { minLength: 6, maxLength: 6 }).map((list) => list.map((p, i) => `${p.slice(0, 9)}${String(i).padStart(2, '0')}`)),
    fc.constant([null]),
  );

const badContacts = (): fc.Arbitrary<Break> =>
  fc.oneof(
    wrongType({ allow: 'array' }),
    fc.constantFrom([{}], [{ name: '', relation: '母亲' }], [{ name: '张三', relation: '' }], [{ name: '张三', relation: '母亲', phone: '123' }], [null], ['张三']),
    fc.array(fc.constant({ name: '张三', relation: '母亲' }), { minLength: 11, maxLength: 12 }),
    withControl().map((name) => [{ name, relation: '母亲' }]),
  );

const KEEP = Symbol('keep the valid value');
const MISSING = Symbol('leave the field out');
type Break = unknown;

/** Values of the wrong JSON type for any field (strings excluded: each field lists its own bad strings). */
const wrongType = (options: { nullable?: boolean; allow?: 'string' | 'boolean' | 'number' | 'array' } = {}): fc.Arbitrary<Break> =>
  fc.oneof(
    ...(options.allow === 'number' ? [] : [fc.integer(), fc.double({ noDefaultInfinity: true, noNaN: true })]),
    ...(options.allow === 'boolean' ? [] : [fc.boolean()]),
    ...(options.nullable ? [] : [fc.constant(null)]),
    ...(options.allow === 'array' ? [] : [fc.array(fc.jsonValue({ maxDepth: 1 }), { maxLength: 3 })]),
    fc.dictionary(fc.string({ maxLength: 5 }), fc.jsonValue({ maxDepth: 2 }), { maxKeys: 3 }),
  );

/** Strings that no trimming can bring back under `max` characters. */
const overlong = (max: number): fc.Arbitrary<string> =>
  fc.string({ unit: fc.constantFrom('a', '长', 'Z', '9', '_'), minLength: max + 1, maxLength: max + 300 });

/** Strings carrying a control character, mostly U+0000, which PostgreSQL text cannot even store. */
const withControl = (): fc.Arbitrary<string> =>
  fc
    .tuple(
      fc.string({ unit: fc.constantFrom('a', '村', '1'), minLength: 1, maxLength: 8 }),
      fc.oneof({ weight: 3, arbitrary: fc.constant('\u0000') }, { weight: 1, arbitrary: fc.constantFrom('\u0007', '\u001b', '\u007f', '\n', '\t') }),
      fc.string({ unit: fc.constantFrom('b', '网', '2'), minLength: 1, maxLength: 8 }),
    )
    .map(([a, c, b]) => `${a}${c}${b}`);

const blank = (): fc.Arbitrary<string> => fc.constantFrom('', ' ', '   ', '\u3000');

const notUuid = (): fc.Arbitrary<string> =>
  fc.oneof(fc.string({ maxLength: 40 }).filter((s) => !/^[0-9a-f-]{36}$/i.test(s)), fc.constantFrom('00000000-0000-0000-0000-00000000000g', "' or 1=1 --", '../../etc/passwd'));

/** The case the enforcement endpoints are fuzzed against (filed 2026-03-01, a suspect caught 2026-03-02), and another. */
async function fuzzCase(app: TestApp, brigadeId: string, placeId: string): Promise<{ id: string; caseNumber: string; suspectId: string }> {
  const police = await app.login('police');
  const base = { type: 'trafficking', level: 'ordinary', filedAt: '2026-03-01', handlingUnitId: brigadeId, orgUnitId: placeId };
  const created = await police.post('/api/cases', { ...base, caseNumber: 'FUZZ-CASE-1' });
  assert.equal(created.statusCode, 201, created.body);
  assert.equal((await police.post('/api/cases', { ...base, caseNumber: 'FUZZ-OTHER-1' })).statusCode, 201);
  const id = created.json<{ id: string }>().id;
  const suspect = await police.post(`/api/cases/${id}/suspects`, { name: '模糊嫌疑人', role: 'principal', caughtAt: '2026-03-02' });
  assert.equal(suspect.statusCode, 201, suspect.body);
  return { id, caseNumber: 'FUZZ-CASE-1', suspectId: suspect.json<{ id: string }>().id };
}

/** A community treatment measure of the fuzzed person, received 2026-11-01 and not reported in. */
async function fuzzMeasure(office: Agent, personId: string, executingOrgUnitId: string): Promise<string> {
  const body = { kind: 'communityTreatment', decisionDate: '2026-10-30', decisionReceivedDate: '2026-11-01', decidingAgency: '清源区公安分局', executingOrgUnitId };
  const created = await office.post(`/api/persons/${personId}/measures`, body);
  assert.equal(created.statusCode, 201, created.body);
  return created.json<{ id: string }>().id;
}

/** A grid worker, an open leave (2026-11-01 → 2026-11-05) and an assistance record of `personId`: the supervision-work targets. */
async function fuzzSupervisionWork(office: Agent, personId: string): Promise<Ids['work']> {
  const post = async (path: string, body: unknown): Promise<string> => {
    const created = await office.post(`/api/persons/${personId}/${path}`, body);
    assert.equal(created.statusCode, 201, created.body);
    return created.json<{ id: string }>().id;
  };
  return {
    memberId: await post('work-team', { teamRole: 'gridWorker', name: '模糊网格员', startedOn: '2026-11-01' }),
    leaveId: await post('leaves', { kind: 'leave', from: '2026-11-01', to: '2026-11-05', approvedBy: '模糊批准人' }),
    assistanceId: await post('assistance', { kind: 'training', givenOn: '2026-11-01', provider: '模糊帮扶单位' }),
  };
}

/**
 * An open serious-violation task (a person reported in 2026-10-01 who refused three tests, the third on 2026-10-04) and a
 * transfer of another person from 河畔社区 to 明德社区 waiting for township2: the risk / transfer fuzz targets.
 */
async function fuzzRisk(app: TestApp, office: Agent, community: string, receiving: string): Promise<Ids['risk']> {
  const created = async (response: LightMyRequestResponse): Promise<string> => {
    assert.equal(response.statusCode, 201, response.body);
    return response.json<{ id: string }>().id;
  };
  const refuser = await given(app).person(office, '河畔社区', { name: '模糊拒检' });
  const measureId = await created(await office.post(`/api/persons/${refuser.id}/measures`, {
    kind: 'communityTreatment', decisionDate: '2026-09-20', decisionReceivedDate: '2026-09-22', decidingAgency: '清源区公安分局', executingOrgUnitId: community,
  }));
  assert.equal((await office.post(`/api/measures/${measureId}/report-in`, { reportedOn: '2026-10-01', agreementSigned: true })).statusCode, 200);
  for (const testedOn of ['2026-10-02', '2026-10-03', '2026-10-04']) {
    await created(await office.post(`/api/persons/${refuser.id}/tests`, { testedOn, kind: 'urine', setting: 'field', result: 'refused' }));
  }
  const tasks = (await office.get('/api/violation-tasks?pageSize=200')).json<{ items: { id: string; personId: string }[] }>().items;
  const task = tasks.find((t) => t.personId === refuser.id);
  assert.ok(task, 'the third refusal opened a task');
  const moving = await given(app).person(office, '河畔社区', { name: '模糊移交' });
  const transferId = await created(await office.post(`/api/persons/${moving.id}/transfers`, { toOrgUnitId: receiving, reason: '模糊测试移交' }));
  return { taskId: task.id, transferId };
}

/** 戒断三年未复吸 proposal and decision (modules/abstinence); the bodies fail before the (ineligible / unknown) record is read. */
function abstinenceEndpoints(): Endpoint[] {
  return [
    {
      label: 'POST /api/persons/:id/abstinence-reviews', as: 'office', method: 'POST', url: (ids) => `/api/persons/${ids.person.id}/abstinence-reviews`,
      valid: () => ({ note: '本人申请' }),
      bad: () => ({ note: [wrongType(), overlong(500), withHardControl(), fc.constant('')] }),
      required: ['note'], statuses: [400],
    },
    {
      label: 'POST /api/abstinence/reviews/:id/decision', as: 'office', method: 'POST',
      url: () => '/api/abstinence/reviews/00000000-0000-4000-8000-000000000000/decision',
      valid: () => ({ decision: 'reject', reason: '继续管控' }),
      bad: () => ({ decision: [wrongType(), enumJunk(['approve', 'reject'])], reason: [wrongType(), overlong(500), withControl()] }),
      required: ['decision'], statuses: [400],
    },
    {
      // 恢复管控 (session 5): the body fails before the (unknown) archived person is read.
      label: 'POST /api/archive/persons/:id/restore', as: 'office', method: 'POST',
      url: () => '/api/archive/persons/00000000-0000-4000-8000-000000000000/restore',
      valid: () => ({ reason: '再次被查获吸毒，恢复管控' }),
      bad: () => ({ reason: [wrongType(), fc.constant(''), overlong(500), withHardControl()], detection: [wrongType()] }),
      required: ['reason'], statuses: [400],
    },
  ];
}

/** 常用筛选 (modules/saved-filters): the filter never needs to exist, bodies fail first (PATCH `{}` is a 400 naming `name`). */
function savedFiltersEndpoints(): Endpoint[] {
  const name = (): fc.Arbitrary<Break>[] => [wrongType(), blank(), overlong(40), withControl()];
  return [
    {
      label: 'POST /api/saved-filters', as: 'office', method: 'POST', url: () => '/api/saved-filters',
      valid: () => ({ page: 'worklist', name: '模糊筛选', query: { list: 'overdue' }, shared: false }),
      bad: () => ({
        page: [wrongType(), enumJunk(['worklist', 'persons'])],
        name: name(),
        query: [
          fc.oneof(fc.integer(), fc.boolean(), fc.constant(null), fc.string({ maxLength: 10 }), fc.array(fc.string({ maxLength: 5 }), { maxLength: 3 })),
          fc.constantFrom({ sort: 'name' }, { list: 'everyone' }, { orgUnitId: 'abc' }, { list: 1 }, { q: '张' }, { '': 'x' }, { list: null }, { list: 'overdue', extra: '1' }),
          fc.dictionary(fc.string({ minLength: 1, maxLength: 8 }).filter((k) => !['list', 'orgUnitId'].includes(k)), fc.string({ maxLength: 10 }), { minKeys: 1, maxKeys: 3 }),
          fc.record({ list: withControl() }),
        ],
        shared: [wrongType({ allow: 'boolean' })],
      }),
      required: ['page', 'name', 'query'], statuses: [400],
    },
    {
      label: 'PATCH /api/saved-filters/:id', as: 'office', method: 'PATCH', url: () => '/api/saved-filters/00000000-0000-4000-8000-000000000000',
      valid: () => ({ name: '模糊改名', shared: true }),
      bad: () => ({ name: name(), shared: [wrongType({ allow: 'boolean' })] }),
      required: [], statuses: [400],
    },
  ];
}

/** The alert inbox, rule settings, SLA and partner registration (modules/alerts, modules/feeds); no alert needs to exist: bodies fail first. */
function alertsEndpoints(): Endpoint[] {
  const someAlert = '/api/alerts/00000000-0000-4000-8000-000000000000';
  const note = (): fc.Arbitrary<Break>[] => [wrongType(), overlong(500), withHardControl()];
  const outcomes = ['verifiedAndTested', 'falseAlarm', 'handedToPolice', 'other'];
  return [
    {
      label: 'POST /api/alerts/acknowledge', as: 'office', method: 'POST', url: () => '/api/alerts/acknowledge',
      valid: () => ({ ids: ['00000000-0000-4000-8000-000000000000'] }),
      bad: () => ({ ids: [wrongType({ allow: 'array' }), fc.constant([]), fc.array(notUuid(), { minLength: 1, maxLength: 3 }), fc.array(fc.uuid(), { minLength: 201, maxLength: 202 })] }),
      required: ['ids'], statuses: [400],
    },
    {
      label: 'POST /api/alerts/:id/acknowledge', as: 'office', method: 'POST', url: () => `${someAlert}/acknowledge`,
      valid: () => ({ note: '已签收' }), bad: () => ({ note: note() }), required: [], statuses: [400], emptyBodyValid: true,
    },
    {
      label: 'POST /api/alerts/:id/assign', as: 'office', method: 'POST', url: () => `${someAlert}/assign`,
      valid: (ids) => ({ assigneeId: ids.workerId, note: '请核查' }),
      bad: () => ({ assigneeId: [wrongType(), notUuid()], note: note() }), required: ['assigneeId'], statuses: [400],
    },
    {
      label: 'POST /api/alerts/:id/resolve', as: 'office', method: 'POST', url: () => `${someAlert}/resolve`,
      valid: () => ({ outcome: 'falseAlarm', note: '核查为误报' }),
      bad: () => ({ outcome: [wrongType(), enumJunk(outcomes)], note: note() }), required: ['outcome'], statuses: [400],
    },
    {
      label: 'PUT /api/alert-rules/:rule', as: 'office', method: 'PUT', url: () => '/api/alert-rules/testOverdue',
      valid: (ids) => ({ orgUnitId: ids.community.id, enabled: true, params: { days: 7 } }),
      bad: () => ({
        orgUnitId: [wrongType(), notUuid(), fc.uuid()],
        enabled: [fc.oneof(fc.integer(), fc.string(), fc.constant(null))],
        params: [wrongType({ allow: 'array' }).filter((v) => !(v !== null && typeof v === 'object' && Object.keys(v).length === 0)),
          fc.constantFrom({ days: 0 }, { days: 91 }, { days: 1.5 }, { days: '7' }, { weeks: 2 })],
      }),
      required: ['orgUnitId'], statuses: [400],
    },
    {
      label: 'PUT /api/alert-sla', as: 'office', method: 'PUT', url: () => '/api/alert-sla',
      valid: () => ({ items: [{ level: 'low', ackMinutes: 4320, resolveMinutes: 10080 }] }),
      bad: () => ({
        items: [wrongType({ allow: 'array' }), fc.constant([]),
          fc.constantFrom([{ level: 'red', ackMinutes: 60, resolveMinutes: 120 }], [{ level: 'low', ackMinutes: 0, resolveMinutes: 120 }],
            [{ level: 'low', ackMinutes: 120, resolveMinutes: 60 }], [{ level: 'low', ackMinutes: 1.5, resolveMinutes: 120 }], [{ level: 'low' }])],
      }),
      required: ['items'], statuses: [400],
    },
    {
      label: 'PUT /api/test-policies/:orgUnitId', as: 'office', method: 'PUT', url: (ids) => `/api/test-policies/${ids.township.id}`,
      valid: () => ({ year1MonthsBetween: 2, year2MonthsBetween: 2, year3MonthsBetween: 3, riskAdjust: { high: 0.5, medium: 1, low: 1 }, minMonthsBetween: 1 }),
      bad: () => {
        const months = [wrongType({ allow: 'number' }), fc.constantFrom(0, 13, 1.5, -1)];
        return {
          year1MonthsBetween: months, year2MonthsBetween: months, year3MonthsBetween: months, minMonthsBetween: months,
          riskAdjust: [wrongType(), fc.constantFrom({ high: 0, medium: 1, low: 1 }, { high: 0.5, medium: 5, low: 1 }, { high: 0.5, medium: 1, low: -1 },
            { high: '0.5', medium: 1, low: 1 }, { high: 0.5, medium: 1 })],
        };
      },
      required: ['year1MonthsBetween', 'year2MonthsBetween', 'year3MonthsBetween', 'riskAdjust', 'minMonthsBetween'], statuses: [400],
    },
    {
      label: 'POST /api/feeds/partners', as: 'office', method: 'POST', url: () => '/api/feeds/partners',
      valid: () => ({ name: '模糊联网单位', kinds: ['hotel'] }),
      bad: () => ({
        name: [wrongType(), overlong(100), withControl(), blank()],
        kinds: [wrongType({ allow: 'array' }), fc.constant([]), fc.array(enumJunk(['hotel', 'internetCafe', 'logistics', 'finance', 'hospital']), { minLength: 1, maxLength: 2 })],
      }),
      required: ['name', 'kinds'], statuses: [400],
    },
  ];
}

/** Risk instrument and assessments, serious-violation tasks, transfers (modules/risk, modules/transfers). */
function riskEndpoints(): Endpoint[] {
  const answers = Object.fromEntries(DEFAULT_RISK_INSTRUMENT.items.map((i) => [i.code, i.options[0]?.code ?? '']));
  const item = DEFAULT_RISK_INSTRUMENT.items[0];
  assert.ok(item);
  return [
    {
      label: 'PUT /api/risk/instrument',
      as: 'office',
      method: 'PUT',
      url: () => '/api/risk/instrument',
      valid: () => ({ items: DEFAULT_RISK_INSTRUMENT.items, thresholds: DEFAULT_RISK_INSTRUMENT.thresholds }),
      bad: () => ({
        items: [
          wrongType({ allow: 'array' }),
          fc.constant([]),
          fc.constant([item, item]),
          fc.constant([{ ...item, options: [item.options[0]] }]),
          fc.constant([{ ...item, code: '1bad code' }]),
          fc.constant([{ ...item, label: '' }]),
          fc.constant([{ ...item, options: item.options.map((o) => ({ ...o, score: -1 })) }]),
          fc.constant([{ ...item, options: item.options.map((o) => ({ ...o, score: 1.5 })) }]),
          withControl().map((label) => [{ ...item, label }]),
        ],
        thresholds: [wrongType(), fc.constant({ high: 6, medium: 6 }), fc.constant({ high: 999, medium: 1 }), fc.constant({ high: 12, medium: 0 }), fc.constant({ high: '12', medium: 6 })],
      }),
      required: ['items', 'thresholds'],
      statuses: [400],
    },
    {
      label: 'POST /api/persons/:id/risk-assessments',
      as: 'office',
      method: 'POST',
      url: (ids) => `/api/persons/${ids.person.id}/risk-assessments`,
      valid: () => ({ instrumentVersion: 1, answers, assessedOn: '2026-11-20' }),
      bad: () => ({
        instrumentVersion: [wrongType({ allow: 'number' }), fc.constantFrom(0, -1, 1.5, 999)],
        answers: [
          wrongType(),
          fc.constant({}),
          fc.constant({ ...answers, useYears: 'forever' }),
          fc.constant({ ...answers, shoeSize: '42' }),
          withControl().map((v) => ({ ...answers, housing: v })),
        ],
        assessedOn: [badDays()],
        override: [wrongType(), enumJunk(['high', 'medium', 'low'])],
        reason: [wrongType(), overlong(500), withHardControl()],
      }),
      required: ['instrumentVersion', 'answers'],
      statuses: [400],
    },
    {
      label: 'POST /api/violation-tasks/:id/complete',
      as: 'office',
      method: 'POST',
      url: (ids) => `/api/violation-tasks/${ids.risk.taskId}/complete`,
      valid: () => ({ reportedToPoliceOn: '2026-11-01', policeDecision: 'pending' }),
      bad: () => ({
        reportedToPoliceOn: [badDays(), fc.constantFrom('2026-10-03', '2026-01-01')],
        policeDecision: [wrongType(), enumJunk(['pending', 'compulsoryIsolation', 'notIsolated'])],
        note: [wrongType(), overlong(1000), withHardControl()],
      }),
      required: ['reportedToPoliceOn', 'policeDecision'],
      statuses: [400],
    },
    {
      label: 'POST /api/violation-tasks/:id/dismiss',
      as: 'office',
      method: 'POST',
      url: (ids) => `/api/violation-tasks/${ids.risk.taskId}/dismiss`,
      valid: () => ({ reason: '经核实不属实' }),
      bad: () => ({ reason: [wrongType(), blank(), overlong(500), withHardControl()] }),
      required: ['reason'],
      statuses: [400],
    },
    {
      label: 'POST /api/persons/:id/transfers',
      as: 'office',
      method: 'POST',
      url: (ids) => `/api/persons/${ids.person.id}/transfers`,
      valid: () => ({ toOrgUnitId: '00000000-0000-4000-8000-000000000000', reason: '长期居住外地' }),
      bad: (ids) => ({
        toOrgUnitId: [wrongType(), notUuid(), fc.uuid(), fc.constantFrom(ids.community.id, ids.districtId, ids.brigadeId, ids.departmentId)],
        reason: [wrongType(), blank(), overlong(500), withHardControl()],
      }),
      required: ['toOrgUnitId', 'reason'],
      statuses: [400],
    },
    {
      label: 'POST /api/transfers/:id/accept',
      as: 'township2',
      method: 'POST',
      url: (ids) => `/api/transfers/${ids.risk.transferId}/accept`,
      valid: () => ({ acceptedOn: '2026-11-23' }),
      bad: () => ({ acceptedOn: [badDays(), fc.constantFrom('2026-11-22', '2026-01-01')], note: [wrongType(), overlong(500), withHardControl()] }),
      required: ['acceptedOn'],
      statuses: [400],
    },
    {
      label: 'POST /api/transfers/:id/return',
      as: 'township2',
      method: 'POST',
      url: (ids) => `/api/transfers/${ids.risk.transferId}/return`,
      valid: () => ({ returnReason: '本人不在本辖区居住' }),
      bad: () => ({ returnReason: [wrongType(), blank(), overlong(500), withHardControl()] }),
      required: ['returnReason'],
      statuses: [400],
    },
    {
      label: 'POST /api/transfers/:id/cancel',
      as: 'office',
      method: 'POST',
      url: (ids) => `/api/transfers/${ids.risk.transferId}/cancel`,
      valid: () => ({ reason: '人员仍在本辖区居住' }),
      bad: () => ({ reason: [wrongType(), blank(), overlong(500), withHardControl()] }),
      required: ['reason'],
      statuses: [400],
    },
  ];
}

/**
 * Whole bodies that are not the expected object at all, sent as raw JSON text. The empty object is left out where the
 * endpoint declares it a valid body (acknowledging an alert needs no note).
 */
const garbage = (emptyIsValid: boolean): fc.Arbitrary<{ raw: string }> =>
  fc
    .oneof(
      fc.constantFrom('null', 'true', '0', '"text"', '[]', '[{}]', '{', '{"a":', 'not json', ...(emptyIsValid ? [] : ['{}']), '{"__proto__":{"isAdmin":true}}', '{"constructor":{"prototype":{"isAdmin":true}}}'),
      fc.jsonValue({ maxDepth: 3 }).filter((v) => typeof v !== 'object' || v === null || Array.isArray(v)).map((v) => JSON.stringify(v)),
    )
    .map((raw) => ({ raw }));

/** Deeply nested junk to hang on an otherwise plausible body. */
const deepJunk = (): fc.Arbitrary<unknown> =>
  fc.integer({ min: 1, max: 300 }).map((depth) => {
    let value: unknown = { leaf: true };
    for (let i = 0; i < depth; i++) value = i % 2 === 0 ? { nested: value } : [value];
    return value;
  });

interface Endpoint {
  label: string;
  as: string;
  method: 'POST' | 'PATCH' | 'PUT';
  url: (ids: Ids) => string;
  valid: (ids: Ids) => Record<string, unknown>;
  /** Per field, classes of values that make the request wrong on their own, whatever the other fields hold. */
  bad: (ids: Ids) => Record<string, fc.Arbitrary<Break>[]>;
  required: readonly string[];
  statuses: readonly number[];
  /** `{}` is a complete, valid body (every field optional and none needed). */
  emptyBodyValid?: true;
  headers?: (ids: Ids) => Record<string, string>;
}

const ENDPOINTS: Endpoint[] = [
  {
    label: 'POST /api/orgs',
    as: 'office',
    method: 'POST',
    url: () => '/api/orgs',
    valid: (ids) => ({ parentId: ids.township.id, name: '模糊测试村', kind: 'village', divisionCode: '340199004290' }),
    bad: (ids) => ({
      parentId: [wrongType(), notUuid(), fc.uuid(), fc.constant(ids.grid.id), fc.constant(ids.districtId)],
      name: [wrongType(), blank(), overlong(100), withControl(), fc.constantFrom('石桥村', '青山村')],
      kind: [wrongType(), fc.string({ maxLength: 12 }).filter((s) => !(ORG_KINDS as readonly string[]).includes(s)), fc.constantFrom('grid', 'district', 'township', 'street')],
      divisionCode: [
        wrongType({ nullable: true }),
        fc.string({ maxLength: 14 }).filter((s) => !/^\d{6}(\d{6})?$/.test(s.trim())),
        fc.constantFrom('340199001201', '340199004000', '340199004201', '340199', '110101004201'),
      ],
    }),
    required: ['parentId', 'name', 'kind'],
    statuses: [400, 409],
  },
  {
    label: 'PATCH /api/orgs/:id',
    as: 'office',
    method: 'PATCH',
    url: (ids) => `/api/orgs/${ids.grid.id}`,
    valid: () => ({ name: '第1网格' }),
    bad: () => ({
      name: [wrongType(), blank(), overlong(100), withControl(), fc.constant('第2网格')],
      divisionCode: [wrongType({ nullable: true }), fc.string({ maxLength: 14 }).filter((s) => !/^\d{6}(\d{6})?$/.test(s.trim())), fc.constantFrom('340199001201', '340199001099')],
    }),
    required: [],
    statuses: [400, 409],
  },
  {
    label: 'POST /api/orgs/:id/move',
    as: 'office',
    method: 'POST',
    url: (ids) => `/api/orgs/${ids.village.id}/move`,
    valid: (ids) => ({ newParentId: ids.otherTownship.id }),
    bad: (ids) => ({
      newParentId: [
        wrongType(),
        notUuid(),
        fc.uuid(),
        fc.constantFrom(ids.village.id, ids.grid.id, ids.districtId, ids.village.parentId ?? ids.districtId),
      ],
    }),
    required: ['newParentId'],
    statuses: [400, 409],
  },
  {
    label: 'POST /api/users',
    as: 'sysadmin',
    method: 'POST',
    url: () => '/api/users',
    valid: (ids) => ({ username: 'fuzzuser', displayName: '模糊测试', orgUnitId: ids.districtId }),
    bad: () => ({
      username: [
        wrongType(),
        blank(),
        overlong(64),
        withControl(),
        fc.constantFrom('ab', '张三', 'has space', 'a@b.c', 'x/../y', 'OFFICE', 'Township2', 'sysadmin'),
      ],
      displayName: [wrongType(), blank(), overlong(50), withControl()],
      orgUnitId: [wrongType(), notUuid(), fc.uuid()],
    }),
    required: ['username', 'displayName', 'orgUnitId'],
    statuses: [400, 409],
  },
  {
    label: 'PATCH /api/users/:id',
    as: 'sysadmin',
    method: 'PATCH',
    url: (ids) => `/api/users/${ids.workerId}`,
    valid: () => ({ displayName: '陈静' }),
    bad: () => ({
      displayName: [wrongType(), blank(), overlong(50), withControl()],
      orgUnitId: [wrongType(), notUuid(), fc.uuid()],
      active: [wrongType({ allow: 'boolean' }), fc.constantFrom('false', 'true', '0', '')],
    }),
    required: [],
    statuses: [400],
  },
  {
    label: 'PUT /api/users/:id/roles',
    as: 'secadmin',
    method: 'PUT',
    url: (ids) => `/api/users/${ids.policeId}/roles`,
    valid: () => ({ roles: ['police'] }),
    bad: () => ({
      roles: [
        wrongType({ allow: 'array' }),
        fc.string({ maxLength: 10 }),
        fc.array(fc.string({ maxLength: 10 }).filter((s) => !(ROLES as readonly string[]).includes(s)), { minLength: 1, maxLength: 3 }).map((junk) => ['police', ...junk]),
        fc.array(fc.constantFrom(...ROLES), { minLength: ROLES.length + 1, maxLength: 30 }),
        fc.constantFrom(['sysadmin', 'auditor'], ['secadmin', 'office'], ['auditor', 'police'], [null], [['police']]),
      ],
    }),
    required: ['roles'],
    statuses: [400],
  },
  {
    label: 'PUT /api/policies/security',
    as: 'secadmin',
    method: 'PUT',
    url: () => '/api/policies/security',
    valid: (ids) => ({ ...ids.policy }),
    bad: () => {
      const outside = (min: number, max: number): fc.Arbitrary<Break>[] => [
        wrongType({ allow: 'number' }),
        fc.integer({ max: min - 1 }),
        fc.integer({ min: max + 1 }),
        fc.double({ min, max, noNaN: true }).filter((n) => !Number.isInteger(n)),
        fc.constantFrom(String(min), `${max}`),
      ];
      return {
        passwordMinLength: outside(10, 64),
        passwordMaxAgeDays: outside(1, 365),
        passwordHistory: outside(0, 24),
        lockoutThreshold: outside(3, 10),
        lockoutMinutes: outside(5, 1440),
        idleMinutes: outside(5, 30),
        adminIdleMinutes: outside(5, 15),
        absoluteHours: outside(1, 12),
        inactiveDisableDays: outside(30, 365),
        mfaRequiredRoles: [
          wrongType({ allow: 'array' }),
          fc.constantFrom('office', 'all'),
          fc.array(fc.string({ maxLength: 10 }).filter((s) => !(ROLES as readonly string[]).includes(s)), { minLength: 1, maxLength: 3 }),
        ],
      };
    },
    required: [
      'passwordMinLength', 'passwordMaxAgeDays', 'passwordHistory', 'lockoutThreshold', 'lockoutMinutes',
      'idleMinutes', 'adminIdleMinutes', 'absoluteHours', 'inactiveDisableDays', 'mfaRequiredRoles',
    ],
    statuses: [400],
  },
  {
    label: 'POST /api/auth/password',
    as: 'department',
    method: 'POST',
    url: () => '/api/auth/password',
    valid: () => ({ currentPassword: DEMO, newPassword: 'Brand#NewPass2026' }),
    bad: () => ({
      currentPassword: [wrongType(), fc.constant(''), overlong(1024), fc.string({ minLength: 1, maxLength: 30 }).filter((s) => s !== DEMO)],
      // Every one of these breaks the password policy or the schema; none could become the new password.
      newPassword: [
        wrongType(),
        fc.constant(''),
        overlong(1024),
        fc.string({ minLength: 1, maxLength: 9 }),
        fc.string({ unit: fc.constantFrom('a', 'b', 'c', 'x'), minLength: 10, maxLength: 40 }),
        fc.constantFrom('Password123!', 'Abc123!@#$', 'Department#2026', 'Qingyuan#2027', '禁毒Work#2026x', DEMO),
      ],
    }),
    required: ['currentPassword', 'newPassword'],
    statuses: [400],
  },
  {
    label: 'POST /api/persons',
    as: 'office',
    method: 'POST',
    url: () => '/api/persons',
    valid: (ids) => ({ name: '模糊测试', idNumber: fakeIdNumber(1, '1999-09-09'), orgUnitId: ids.community.id }),
    bad: (ids) => ({
      name: [wrongType(), blank(), overlong(50), withControl()],
      idNumber: [wrongType(), blank(), overlong(32), withControl(), badIdNumbers(), fc.constant(ids.person.idNumber)],
      orgUnitId: [wrongType(), notUuid(), fc.uuid(), fc.constantFrom(ids.districtId, ids.departmentId)],
      ethnicity: [wrongType(), fc.string({ maxLength: 6 }).filter((s) => !(ETHNICITIES as readonly string[]).includes(s))],
      phones: [badPhones()],
      registeredAddress: [wrongType(), overlong(200), withControl()],
      registeredOrgUnitId: [wrongType(), notUuid(), fc.uuid()],
      residence: [wrongType(), overlong(200), withControl()],
      residenceOrgUnitId: [wrongType(), notUuid(), fc.uuid()],
      employment: [wrongType(), overlong(100), withControl()],
      notes: [wrongType(), overlong(1000), withHardControl()],
      contacts: [badContacts()],
    }),
    required: ['name', 'idNumber', 'orgUnitId'],
    statuses: [400, 409],
  },
  {
    label: 'PATCH /api/persons/:id',
    as: 'office',
    method: 'PATCH',
    url: (ids) => `/api/persons/${ids.person.id}`,
    headers: () => ({ 'if-match': '"1"' }),
    valid: () => ({ employment: '务工' }),
    bad: (ids) => ({
      name: [wrongType(), blank(), overlong(50), withControl()],
      idNumber: [wrongType(), blank(), overlong(32), withControl(), badIdNumbers(), fc.constant(ids.otherPerson.idNumber)],
      orgUnitId: [wrongType(), notUuid(), fc.uuid(), fc.constantFrom(ids.districtId, ids.departmentId)],
      phones: [badPhones()],
      residence: [wrongType({ nullable: true }), overlong(200), withControl()],
      notes: [wrongType({ nullable: true }), overlong(1000), withHardControl()],
      status: [wrongType(), fc.string({ maxLength: 10 }).filter((s) => !['active', 'deceased', 'departed'].includes(s))],
      contacts: [badContacts()],
    }),
    required: [],
    statuses: [400, 409],
  },
  {
    label: 'POST /api/persons/:id/reveal',
    as: 'office',
    method: 'POST',
    url: (ids) => `/api/persons/${ids.person.id}/reveal`,
    valid: () => ({ field: 'idNumber', reason: '模糊测试核对' }),
    bad: () => ({
      field: [wrongType(), fc.string({ maxLength: 20 }).filter((s) => !['idNumber', 'phones', 'registeredAddress', 'residence', 'contacts'].includes(s))],
      reason: [wrongType(), blank(), fc.string({ maxLength: 4 }), overlong(200), withControl()],
    }),
    required: ['field', 'reason'],
    statuses: [400],
  },
  {
    label: 'POST /api/persons/:id/detections',
    as: 'office',
    method: 'POST',
    url: (ids) => `/api/persons/${ids.person.id}/detections`,
    valid: () => ({ detectedOn: '2025-03-01', agency: '清源派出所', substances: ['heroin'], outcome: 'fine' }),
    bad: () => ({
      detectedOn: [
        wrongType(),
        fc.string({ maxLength: 12 }).filter((s) => !/^\d{4}-\d{2}-\d{2}$/.test(s)),
        fc.constantFrom('2025-02-29', '2025-13-01', '2025-00-10', '2026-11-24', '2099-01-01', '1900-01-01', '2025-3-1', '2025/03/01'),
      ],
      agency: [wrongType(), blank(), overlong(100), withControl()],
      substances: [
        wrongType({ allow: 'array' }),
        fc.constant([]),
        fc.array(fc.string({ minLength: 1, maxLength: 12 }).filter((s) => !['heroin', 'methamphetamine', 'ketamine', 'cannabis', 'mdma', 'cocaine', 'nps', 'etomidate', 'methadone', 'other'].includes(s.trim())), { minLength: 1, maxLength: 3 }).map((junk) => ['heroin', ...junk]),
        fc.constantFrom(['heroin', 'heroin'], ['HEROIN'], [null], [['heroin']]),
      ],
      outcome: [wrongType(), fc.string({ maxLength: 20 }).filter((s) => !['administrativeDetention', 'communityTreatment', 'compulsoryIsolation', 'criminalDetention', 'fine', 'warning', 'other'].includes(s))],
      notes: [wrongType(), overlong(1000), withHardControl()],
    }),
    required: ['detectedOn', 'agency', 'substances', 'outcome'],
    statuses: [400],
  },
  {
    label: 'POST /api/persons/:id/relationships',
    as: 'office',
    method: 'POST',
    url: (ids) => `/api/persons/${ids.person.id}/relationships`,
    valid: (ids) => ({ relatedPersonId: ids.otherPerson.id, kind: 'family' }),
    bad: (ids) => ({
      relatedPersonId: [wrongType(), notUuid(), fc.uuid(), fc.constant(ids.person.id)],
      kind: [wrongType(), fc.string({ maxLength: 10 }).filter((s) => !['family', 'coUser', 'supplier'].includes(s))],
      notes: [wrongType(), overlong(1000), withHardControl()],
    }),
    required: ['relatedPersonId', 'kind'],
    statuses: [400, 409],
  },
  ...enforcementEndpoints(),
  ...supervisionEndpoints(),
  ...riskEndpoints(),
  ...alertsEndpoints(),
  ...abstinenceEndpoints(),
  ...reportsAndAreasEndpoints(),
  ...savedFiltersEndpoints(),
  ...personPhotoEndpoints(),
  ...reportJobsEndpoints(),
];

/** Dates that are malformed, impossible, in the future (the clock stands at 2026-11-23) or implausibly early. */
const badDays = (options: { nullable?: boolean } = {}): fc.Arbitrary<Break> =>
  fc.oneof(
    wrongType(options),
    fc.string({ maxLength: 12 }).filter((s) => !/^\d{4}-\d{2}-\d{2}$/.test(s)),
    fc.constantFrom('2025-02-29', '2025-13-01', '2025-00-10', '2026-11-24', '2099-01-01', '1900-01-01', '2025-3-1', '2025/03/01'),
  );

/** Quantities that are not a positive decimal string with at most `scale` places. */
const badDecimals = (scale: number): fc.Arbitrary<Break> =>
  fc.oneof(
    wrongType(),
    fc.constantFrom('-1', '0', '0.000', '1e3', 'abc', '', ' ', '.5', '1.', '1,000', '+1', '0x10', 'NaN', 'Infinity', '123456789012', `1.${'0'.repeat(scale)}1`),
    fc.integer({ max: -1 }).map(String),
    fc.string({ unit: fc.constantFrom('1', '.', '-', 'e', ' '), minLength: 1, maxLength: 8 }).filter((v) => !/^\d+(\.\d{1,3})?$/.test(v.trim()) || /^[0.]*$/.test(v.trim())),
  );

const enumJunk = (allowed: readonly string[]): fc.Arbitrary<Break> => fc.string({ maxLength: 20 }).filter((s) => !allowed.includes(s));

/** The supervision module's write endpoints (measures, report-in, measure events, drug tests). */
function supervisionEndpoints(): Endpoint[] {
  const substances = ['heroin', 'methamphetamine', 'ketamine', 'cannabis', 'mdma', 'cocaine', 'nps', 'etomidate', 'methadone', 'other'];
  return [
    {
      label: 'POST /api/persons/:id/measures',
      as: 'office',
      method: 'POST',
      url: (ids) => `/api/persons/${ids.person.id}/measures`,
      valid: (ids) => ({ kind: 'communityTreatment', decisionDate: '2026-10-30', decisionReceivedDate: '2026-11-01', decidingAgency: '清源区公安分局', executingOrgUnitId: ids.community.id }),
      bad: () => ({
        kind: [wrongType(), enumJunk(['communityTreatment', 'compulsoryIsolation', 'communityRehab', 'voluntaryTreatment', 'maintenanceTherapy'])],
        decisionDate: [badDays()],
        decisionReceivedDate: [badDays()],
        decidingAgency: [wrongType(), blank(), overlong(100), withControl()],
        executingOrgUnitId: [wrongType(), notUuid(), fc.uuid()],
        termMonths: [wrongType({ allow: 'number' }), fc.constantFrom(0, 37, 1.5, -1, 12)],
      }),
      required: ['kind', 'decisionDate', 'decidingAgency', 'executingOrgUnitId'],
      statuses: [400, 409],
    },
    {
      label: 'POST /api/measures/:id/report-in',
      as: 'office',
      method: 'POST',
      url: (ids) => `/api/measures/${ids.measureId}/report-in`,
      valid: () => ({ reportedOn: '2026-11-10', agreementSigned: true }),
      bad: () => ({
        reportedOn: [badDays()],
        agreementSigned: [wrongType({ allow: 'boolean' }), fc.constant(false)],
        note: [wrongType(), overlong(1000), withHardControl()],
        justifiedLateReport: [wrongType({ allow: 'boolean' })],
      }),
      required: ['reportedOn', 'agreementSigned'],
      statuses: [400],
    },
    {
      label: 'POST /api/measures/:id/events',
      as: 'office',
      method: 'POST',
      url: (ids) => `/api/measures/${ids.measureId}/events`,
      valid: () => ({ type: 'termination', from: '2026-11-20', reason: 'imprisonment' }),
      bad: () => ({
        type: [wrongType(), enumJunk(['suspension', 'escape', 'extension', 'placeChange', 'termination']), fc.constantFrom('escape', 'extension')],
        from: [badDays()],
        to: [badDays(), fc.constant('2026-11-19')],
        days: [wrongType({ allow: 'number' }), fc.constantFrom(0, -1, 1.5, 367)],
        reason: [wrongType(), enumJunk(['imprisonment', 'compulsoryEducation', 'compulsoryIsolation', 'death', 'other'])],
        note: [wrongType(), overlong(1000), withHardControl()],
      }),
      required: ['type', 'from'],
      statuses: [400],
    },
    {
      label: 'POST /api/persons/:id/tests',
      as: 'office',
      method: 'POST',
      url: (ids) => `/api/persons/${ids.person.id}/tests`,
      valid: () => ({ testedOn: '2026-11-20', kind: 'urine', setting: 'field', result: 'negative' }),
      bad: () => ({
        testedOn: [badDays()],
        kind: [wrongType(), enumJunk(['urine', 'hair', 'saliva'])],
        setting: [wrongType(), enumJunk(['field', 'lab'])],
        result: [wrongType(), enumJunk(['negative', 'positive', 'refused'])],
        substances: [
          wrongType({ allow: 'array' }),
          fc.constantFrom(['heroin'], ['heroin', 'heroin'], ['HEROIN'], [null], [['heroin']]),
          fc.array(fc.string({ minLength: 1, maxLength: 12 }).filter((s) => !substances.includes(s.trim())), { minLength: 1, maxLength: 3 }),
        ],
        measureId: [wrongType(), notUuid(), fc.uuid()],
        tester: [wrongType(), overlong(50), withControl()],
        place: [wrongType(), overlong(100), withControl()],
        notes: [wrongType(), overlong(1000), withHardControl()],
      }),
      required: ['testedOn', 'kind', 'setting', 'result'],
      statuses: [400],
    },
    {
      label: 'POST /api/persons/:id/test-notices',
      as: 'office',
      method: 'POST',
      url: (ids) => `/api/persons/${ids.person.id}/test-notices`,
      valid: () => ({ notifiedOn: '2026-11-20', method: 'phone', dueOn: '2026-11-25' }),
      bad: () => ({
        notifiedOn: [badDays()],
        method: [wrongType(), enumJunk(['phone', 'sms', 'written', 'inPerson'])],
        // Before the notice, more than 30 days after it, or malformed (a future due day is fine).
        dueOn: [wrongType(), fc.string({ maxLength: 12 }).filter((s) => !/^\d{4}-\d{2}-\d{2}$/.test(s)), fc.constantFrom('2025-02-29', '2026-11-19', '2026-12-21', '2099-01-01', '1900-01-01')],
        note: [wrongType(), overlong(500), withHardControl()],
      }),
      required: ['notifiedOn', 'method', 'dueOn'],
      statuses: [400],
    },
    {
      label: 'POST /api/test-notices/:id/excuse',
      as: 'office',
      method: 'POST',
      url: (ids) => `/api/test-notices/${ids.testNoticeId}/excuse`,
      valid: () => ({ reason: '住院治疗' }),
      bad: () => ({ reason: [wrongType(), blank(), overlong(500), withHardControl()] }),
      required: ['reason'],
      statuses: [400],
    },
    ...supervisionWorkEndpoints(),
  ];
}

/** Work teams, visits, leaves, assistance and attachments (modules/supervision/supervision-work.routes.ts). */
function supervisionWorkEndpoints(): Endpoint[] {
  const pdf = Buffer.from('%PDF-1.4\n%%EOF\n').toString('base64');
  const badFile = (): fc.Arbitrary<Break> =>
    fc.oneof(wrongType(), fc.constantFrom('', '%%%', 'not base64!', Buffer.from('plain text').toString('base64'), Buffer.from('MZ\u0090\u0000').toString('base64'),
      Buffer.from('PK\u0003\u0004xl/workbook.xml').toString('base64')));
  const badFileName = (): fc.Arbitrary<Break> => fc.oneof(wrongType(), overlong(200), withControl(), blank(), fc.constantFrom('a/b.pdf', '..\\x.pdf'));
  const attachment = (label: string, url: (ids: Ids) => string): Endpoint => ({
    label, as: 'office', method: 'POST', url,
    valid: () => ({ fileName: '模糊.pdf', contentBase64: pdf }),
    bad: () => ({ fileName: [badFileName()], contentBase64: [badFile()] }),
    required: ['fileName', 'contentBase64'],
    statuses: [400],
  });
  const notDate = (): fc.Arbitrary<Break> => fc.oneof(wrongType(), fc.string({ maxLength: 12 }).filter((s) => !/^\d{4}-\d{2}-\d{2}$/.test(s)), fc.constantFrom('2025-02-29', '2025-13-01'));
  return [
    {
      label: 'POST /api/persons/:id/work-team',
      as: 'office',
      method: 'POST',
      url: (ids) => `/api/persons/${ids.person.id}/work-team`,
      valid: () => ({ teamRole: 'gridWorker', name: '模糊成员', phone: '13800003331', startedOn: '2026-11-02' }),
      bad: () => ({
        teamRole: [wrongType(), enumJunk(['socialWorker', 'policeOfficer', 'gridWorker', 'family'])],
        accountId: [wrongType(), notUuid(), fc.uuid()],
        name: [wrongType(), overlong(50), withControl(), blank()],
        relation: [wrongType(), overlong(20), withControl(), fc.constant('母亲')],
        phone: [wrongType(), fc.constantFrom('12345', '1380000123', '138-0000-1234', '')],
        startedOn: [badDays()],
      }),
      required: ['teamRole', 'startedOn'],
      statuses: [400],
    },
    {
      label: 'POST /api/work-team-members/:id/end',
      as: 'office',
      method: 'POST',
      url: (ids) => `/api/work-team-members/${ids.work.memberId}/end`,
      valid: () => ({ endedOn: '2026-11-20' }),
      bad: () => ({ endedOn: [badDays(), fc.constant('2026-10-31')] }),
      required: ['endedOn'],
      statuses: [400],
    },
    {
      label: 'POST /api/persons/:id/visits',
      as: 'office',
      method: 'POST',
      url: (ids) => `/api/persons/${ids.person.id}/visits`,
      valid: () => ({ visitedOn: '2026-11-20', kind: 'homeVisit', place: '家中', content: '了解近况', findings: '无异常', nextPlan: '下月再访' }),
      bad: () => ({
        visitedOn: [badDays()],
        kind: [wrongType(), enumJunk(['homeVisit', 'talk', 'phone', 'video'])],
        place: [wrongType(), overlong(100), withControl()],
        visitedBy: [wrongType(), notUuid(), fc.uuid()],
        content: [wrongType(), overlong(2000), withHardControl(), blank()],
        findings: [wrongType(), overlong(2000), withHardControl()],
        nextPlan: [wrongType(), overlong(1000), withHardControl()],
      }),
      required: ['visitedOn', 'kind', 'content'],
      statuses: [400],
    },
    {
      label: 'POST /api/persons/:id/leaves',
      as: 'office',
      method: 'POST',
      url: (ids) => `/api/persons/${ids.person.id}/leaves`,
      valid: () => ({ kind: 'leave', from: '2026-11-20', to: '2026-11-22', destination: '合肥市', reason: '探亲', approvedBy: '李晓梅' }),
      bad: () => ({
        kind: [wrongType(), enumJunk(['leave', 'absence']), fc.constant('absence')],
        from: [badDays()],
        to: [notDate(), fc.constantFrom('2026-11-19', '1900-01-01')],
        destination: [wrongType(), overlong(100), withControl()],
        reason: [wrongType(), overlong(500), withHardControl()],
        approvedBy: [wrongType(), overlong(50), withControl()],
        returnedOn: [badDays(), fc.constant('2026-11-19')],
      }),
      required: ['kind', 'from', 'to', 'approvedBy'],
      statuses: [400],
    },
    {
      label: 'POST /api/leaves/:id/return',
      as: 'office',
      method: 'POST',
      url: (ids) => `/api/leaves/${ids.work.leaveId}/return`,
      valid: () => ({ returnedOn: '2026-11-06' }),
      bad: () => ({ returnedOn: [badDays(), fc.constant('2026-10-31')] }),
      required: ['returnedOn'],
      statuses: [400],
    },
    {
      label: 'POST /api/persons/:id/assistance',
      as: 'office',
      method: 'POST',
      url: (ids) => `/api/persons/${ids.person.id}/assistance`,
      valid: () => ({ kind: 'minimumLiving', givenOn: '2026-11-20', provider: '区民政局', amountFen: 68000, notes: '按月发放' }),
      bad: () => ({
        kind: [wrongType(), enumJunk(['employment', 'minimumLiving', 'medical', 'training', 'schooling', 'other'])],
        givenOn: [badDays()],
        provider: [wrongType(), overlong(100), withControl(), blank()],
        amountFen: [wrongType({ allow: 'number' }), fc.constantFrom(-1, 1.5, 100_000_001)],
        notes: [wrongType(), overlong(1000), withHardControl()],
      }),
      required: ['kind', 'givenOn', 'provider'],
      statuses: [400],
    },
    attachment('POST /api/assistance/:id/attachments', (ids) => `/api/assistance/${ids.work.assistanceId}/attachments`),
    attachment('POST /api/measures/:id/attachments', (ids) => `/api/measures/${ids.measureId}/attachments`),
  ];
}

/** The enforcement module's write endpoints (cases, suspects, seizures, assets, handling of drug use, targets). */
function enforcementEndpoints(): Endpoint[] {
  const drugs = ['heroin', 'methamphetamine', 'ketamine', 'cannabis', 'mdma', 'cocaine', 'nps', 'etomidate', 'methadone', 'other'];
  const caseUrl = (ids: Ids) => `/api/cases/${ids.drugCase.id}`;
  return [
    {
      label: 'POST /api/cases',
      as: 'police',
      method: 'POST',
      url: () => '/api/cases',
      valid: (ids) => ({ caseNumber: 'FUZZ-2026-001', type: 'trafficking', level: 'ordinary', filedAt: '2026-03-01', handlingUnitId: ids.brigadeId, orgUnitId: ids.community.id }),
      bad: (ids) => ({
        caseNumber: [wrongType(), blank(), overlong(50), withControl(), fc.constantFrom('案件#1', 'a b', 'x;y', ids.drugCase.caseNumber)],
        type: [wrongType(), enumJunk(CASE_TYPES)],
        level: [wrongType(), enumJunk(CASE_LEVELS)],
        supervision: [wrongType({ nullable: true }), enumJunk(['ministry', 'province'])],
        gang: [wrongType({ allow: 'boolean' }), fc.constantFrom('true', 'false', '1')],
        filedAt: [badDays()],
        solvedAt: [badDays(), fc.constantFrom('2026-02-28', '2025-12-31')],
        prosecutedAt: [badDays(), fc.constantFrom('2026-04-01', '2026-03-01')],
        handlingUnitId: [wrongType(), notUuid(), fc.uuid(), fc.constantFrom(ids.community.id, ids.departmentId, ids.districtId)],
        orgUnitId: [wrongType(), notUuid(), fc.uuid(), fc.constantFrom(ids.departmentId, ids.brigadeId)],
        summary: [wrongType(), overlong(2000), withHardControl()],
      }),
      required: ['caseNumber', 'type', 'level', 'filedAt', 'handlingUnitId', 'orgUnitId'],
      statuses: [400, 409],
    },
    {
      label: 'PATCH /api/cases/:id',
      as: 'police',
      method: 'PATCH',
      url: caseUrl,
      headers: () => ({ 'if-match': '"1"' }),
      valid: () => ({ summary: '模糊测试更新' }),
      bad: (ids) => ({
        caseNumber: [wrongType(), blank(), overlong(50), withControl(), fc.constant(ids.otherCaseNumber)],
        level: [wrongType(), enumJunk(CASE_LEVELS)],
        filedAt: [badDays()],
        solvedAt: [badDays({ nullable: true }), fc.constantFrom('2026-02-28', '2025-01-01')],
        prosecutedAt: [badDays({ nullable: true }), fc.constantFrom('2026-04-01')],
        orgUnitId: [wrongType(), notUuid(), fc.uuid(), fc.constantFrom(ids.departmentId, ids.brigadeId)],
        handlingUnitId: [wrongType(), notUuid(), fc.uuid(), fc.constantFrom(ids.community.id)],
      }),
      required: [],
      statuses: [400, 409],
    },
    {
      label: 'POST /api/cases/:id/suspects',
      as: 'police',
      method: 'POST',
      url: (ids) => `${caseUrl(ids)}/suspects`,
      valid: () => ({ name: '模糊嫌疑人', role: 'principal' }),
      bad: () => ({
        name: [wrongType(), blank(), overlong(50), withControl()],
        idNumber: [wrongType(), blank(), overlong(32), withControl(), badIdNumbers()],
        role: [wrongType(), enumJunk(['principal', 'accomplice', 'other'])],
        caughtAt: [badDays()],
        arrestedAt: [badDays()],
        wantedLevel: [wrongType(), enumJunk(['A', 'B', 'C'])],
        notes: [wrongType(), overlong(1000), withHardControl()],
      }),
      required: ['name', 'role'],
      statuses: [400],
    },
    {
      label: 'PATCH /api/cases/:id/suspects/:suspectId',
      as: 'police',
      method: 'PATCH',
      url: (ids) => `${caseUrl(ids)}/suspects/${ids.drugCase.suspectId}`,
      headers: () => ({ 'if-match': '"1"' }),
      valid: () => ({ notes: '模糊测试' }),
      bad: () => ({
        role: [wrongType(), enumJunk(['principal', 'accomplice', 'other'])],
        caughtAt: [badDays({ nullable: true })],
        criminalDetentionAt: [badDays({ nullable: true }), fc.constant('2026-02-01')],
        wantedLevel: [wrongType({ nullable: true }), enumJunk(['A', 'B', 'C'])],
        notes: [wrongType({ nullable: true }), overlong(1000), withHardControl()],
      }),
      required: [],
      statuses: [400],
    },
    {
      label: 'POST /api/cases/:id/suspects/:suspectId/reveal',
      as: 'police',
      method: 'POST',
      url: (ids) => `${caseUrl(ids)}/suspects/${ids.drugCase.suspectId}/reveal`,
      valid: () => ({ reason: '模糊测试核对' }),
      bad: () => ({ reason: [wrongType(), blank(), fc.string({ maxLength: 4 }), overlong(200), withControl()] }),
      required: ['reason'],
      statuses: [400],
    },
    {
      label: 'POST /api/cases/:id/seizures',
      as: 'police',
      method: 'POST',
      url: (ids) => `${caseUrl(ids)}/seizures`,
      valid: () => ({ drug: 'heroin', grams: '1.5', seizedAt: '2026-03-01' }),
      bad: () => ({
        drug: [wrongType(), blank(), overlong(32), fc.string({ minLength: 1, maxLength: 12 }).filter((s) => !drugs.includes(s.trim())), fc.constantFrom('HEROIN', 'heroin2')],
        grams: [badDecimals(3)],
        packets: [wrongType({ allow: 'number' }), fc.integer({ max: -1 }), fc.double({ min: 0.01, max: 99, noNaN: true }).filter((n) => !Number.isInteger(n)), fc.integer({ min: 1_000_001 }), fc.constant('3')],
        seizedAt: [badDays()],
        place: [wrongType(), overlong(100), withControl()],
      }),
      required: ['drug', 'grams', 'seizedAt'],
      statuses: [400],
    },
    {
      label: 'POST /api/cases/:id/precursor-seizures',
      as: 'police',
      method: 'POST',
      url: (ids) => `${caseUrl(ids)}/precursor-seizures`,
      valid: () => ({ chemical: '麻黄碱', kilograms: '2.5', seizedAt: '2026-03-01' }),
      bad: () => ({
        chemical: [wrongType(), blank(), overlong(50), withControl()],
        kilograms: [badDecimals(3)],
        seizedAt: [badDays()],
        place: [wrongType(), overlong(100), withControl()],
      }),
      required: ['chemical', 'kilograms', 'seizedAt'],
      statuses: [400],
    },
    {
      label: 'POST /api/cases/:id/assets',
      as: 'police',
      method: 'POST',
      url: (ids) => `${caseUrl(ids)}/assets`,
      valid: () => ({ kind: 'seized', amount: '1000.50', description: '现金', recordedAt: '2026-03-01' }),
      bad: () => ({
        kind: [wrongType(), enumJunk(['seized', 'frozen', 'confiscated'])],
        amount: [badDecimals(2), fc.constantFrom('1.005', '0.001')],
        description: [wrongType(), blank(), overlong(200), withControl()],
        recordedAt: [badDays()],
      }),
      required: ['kind', 'amount', 'description', 'recordedAt'],
      statuses: [400],
    },
    {
      label: 'POST /api/enforcement/sanctions',
      as: 'police',
      method: 'POST',
      url: () => '/api/enforcement/sanctions',
      valid: (ids) => ({ name: '模糊对象', idNumber: fakeIdNumber(3, '1999-09-09'), kind: 'compulsoryIsolation', decidedAt: '2026-03-01', orgUnitId: ids.community.id, handlingUnitId: ids.brigadeId }),
      bad: (ids) => ({
        name: [wrongType(), blank(), overlong(50), withControl()],
        idNumber: [wrongType(), blank(), overlong(32), withControl(), badIdNumbers()],
        kind: [wrongType(), enumJunk(['administrativeDetention', 'fine', 'communityTreatment', 'compulsoryIsolation'])],
        decidedAt: [badDays()],
        orgUnitId: [wrongType(), notUuid(), fc.uuid(), fc.constantFrom(ids.departmentId, ids.brigadeId)],
        handlingUnitId: [wrongType(), notUuid(), fc.uuid(), fc.constantFrom(ids.community.id)],
        detentionDays: [wrongType({ allow: 'number' }), fc.integer({ min: -5, max: 30 })],
        fineAmount: [badDecimals(2), fc.constantFrom('100', '2000.00')],
        caseId: [wrongType(), notUuid(), fc.uuid()],
        notes: [wrongType(), overlong(1000), withHardControl()],
      }),
      required: ['name', 'idNumber', 'kind', 'decidedAt', 'orgUnitId', 'handlingUnitId'],
      statuses: [400],
    },
    {
      label: 'PUT /api/targets',
      as: 'office',
      method: 'PUT',
      url: () => '/api/targets',
      valid: (ids) => ({ orgUnitId: ids.township.id, year: 2026, indicator: 'cases.solved', value: 5 }),
      bad: () => ({
        orgUnitId: [wrongType(), notUuid(), fc.uuid()],
        year: [wrongType({ allow: 'number' }), fc.integer({ max: 1999 }), fc.integer({ min: 2101 }), fc.double({ min: 2000.01, max: 2099.99, noNaN: true }).filter((n) => !Number.isInteger(n)), fc.constant('2026')],
        quarter: [wrongType({ nullable: true, allow: 'number' }), fc.integer({ max: 0 }), fc.integer({ min: 5 }), fc.constant(2.5)],
        indicator: [wrongType(), blank(), overlong(64), fc.constantFrom('cases', 'cases.unknown', 'seizures.grams.unicorn', 'seizures.grams.', 'CASES.SOLVED')],
        value: [
          fc.oneof(fc.boolean(), fc.constant(null), fc.array(fc.integer(), { maxLength: 2 }), fc.dictionary(fc.string({ maxLength: 3 }), fc.integer(), { maxKeys: 2 })),
          fc.integer({ max: -1 }),
          fc.double({ min: 0.001, max: 1e6, noNaN: true }).filter((n) => !Number.isInteger(n)),
          fc.constantFrom(100_000_000_000, 1e15, 1e21),
          fc.constantFrom('-1', '1.5', 'abc', '', '1e3', '0.0001'),
        ],
      }),
      required: ['orgUnitId', 'year', 'indicator', 'value'],
      statuses: [400],
    },
  ];
}

interface Attempt {
  body?: Record<string, unknown>;
  raw?: string;
  broken: string[];
}

/** The bad values of one field, including leaving it out when it is required. */
function badValues(endpoint: Endpoint, ids: Ids, field: string): fc.Arbitrary<Break>[] {
  const classes = endpoint.bad(ids)[field] ?? [];
  return endpoint.required.includes(field) ? [...classes, fc.constant(MISSING)] : classes;
}

function build(endpoint: Endpoint, ids: Ids, chosen: Record<string, Break>, extra: Record<string, unknown>): Attempt {
  const body: Record<string, unknown> = { ...extra, ...endpoint.valid(ids) };
  const broken: string[] = [];
  for (const [field, value] of Object.entries(chosen)) {
    if (value === KEEP) continue;
    broken.push(field);
    if (value === MISSING) Reflect.deleteProperty(body, field);
    else body[field] = value;
  }
  return { body, broken };
}

/** A few values of every bad class of every field, each breaking that field alone: run before the random ones. */
function examples(endpoint: Endpoint, ids: Ids): [Attempt][] {
  const cases: [Attempt][] = [];
  for (const field of Object.keys(endpoint.bad(ids))) {
    for (const [i, arbitrary] of badValues(endpoint, ids, field).entries()) {
      for (const value of fc.sample(arbitrary, { numRuns: 2, seed: 2026 + i })) cases.push([build(endpoint, ids, { [field]: value }, {})]);
    }
  }
  return cases;
}

function attempts(endpoint: Endpoint, ids: Ids): fc.Arbitrary<Attempt> {
  const fields = Object.keys(endpoint.bad(ids));
  const anyBad = (field: string): fc.Arbitrary<Break> => fc.oneof(...badValues(endpoint, ids, field));
  const one = fc.constantFrom(...fields).chain((field) => anyBad(field).map((value) => ({ [field]: value })));
  const several = fc
    .record(Object.fromEntries(fields.map((field) => [field, fc.option(anyBad(field), { nil: KEEP, freq: 2 })])))
    .filter((chosen) => Object.values(chosen).some((v) => v !== KEEP));
  const breaks = fc.oneof({ weight: 3, arbitrary: one }, { weight: 1, arbitrary: several });
  const junkKey = fc.oneof(fc.string({ maxLength: 12 }), fc.constantFrom('id', 'roles', 'active', 'path', 'depth', 'passwordHash', 'mustChangePassword', 'isAdmin'));
  const junk = fc.option(
    fc.dictionary(junkKey.filter((k) => !fields.includes(k)), fc.oneof(fc.jsonValue({ maxDepth: 3 }), deepJunk()), { maxKeys: 4 }),
    { nil: {} },
  );
  const structured = fc.tuple(breaks, junk).map(([chosen, extra]) => build(endpoint, ids, chosen, extra));
  return fc.oneof({ weight: 5, arbitrary: structured }, { weight: 1, arbitrary: garbage(endpoint.emptyBodyValid === true).map((g): Attempt => ({ ...g, broken: ['body'] })) });
}

/** Everything the fuzzed endpoints could write, as text: compared before and after every request. */
async function snapshot(app: TestApp): Promise<string> {
  const db = app.platform.db;
  const tables = await Promise.all([
    sql`select * from org_unit order by id`.execute(db),
    sql`select * from app_user order by id`.execute(db),
    sql`select * from user_role order by user_id, role`.execute(db),
    sql`select * from security_policy order by id`.execute(db),
    sql`select * from password_history order by user_id, created_at`.execute(db),
    // The registry holds hundreds of demo rows: compare digests computed in the database rather than the rows.
    sql`select count(*) as n, md5(string_agg(t::text, '|' order by t.id)) as digest from person t`.execute(db),
    sql`select count(*) as n, md5(string_agg(t::text, '|' order by t.id)) as digest from person_contact t`.execute(db),
    sql`select count(*) as n, md5(string_agg(t::text, '|' order by t.id)) as digest from detection t`.execute(db),
    sql`select count(*) as n, md5(string_agg(t::text, '|' order by t.detection_id, t.substance_code)) as digest from detection_substance t`.execute(db),
    ...(['drug_case', 'suspect', 'seizure', 'precursor_seizure', 'drug_asset', 'drug_use_sanction'] as const).map((table) =>
      sql`select count(*) as n, md5(string_agg(t::text, '|' order by t.id)) as digest from ${sql.table(table)} t`.execute(db)),
    sql`select count(*) as n, md5(string_agg(t::text, '|' order by t.org_unit_id, t.year, t.quarter, t.indicator)) as digest from enforcement_target t`.execute(db),
    sql`select count(*) as n, md5(string_agg(t::text, '|' order by t.id)) as digest from person_relationship t`.execute(db),
    ...(['measure', 'measure_event', 'drug_test', 'work_team_member', 'supervision_visit', 'leave_record', 'assistance', 'attachment'] as const).map((table) =>
      sql`select count(*) as n, md5(string_agg(t::text, '|' order by t.id)) as digest from ${sql.table(table)} t`.execute(db)),
    ...(['risk_instrument', 'risk_assessment', 'risk_trigger', 'violation_task', 'person_transfer'] as const).map((table) =>
      sql`select count(*) as n, md5(string_agg(t::text, '|' order by t.id)) as digest from ${sql.table(table)} t`.execute(db)),
    ...(['alert', 'feed_partner'] as const).map((table) =>
      sql`select count(*) as n, md5(string_agg(t::text, '|' order by t.id)) as digest from ${sql.table(table)} t`.execute(db)),
    sql`select count(*) as n, md5(string_agg(t::text, '|' order by t.rule_code, t.org_unit_id)) as digest from alert_rule_setting t`.execute(db),
    sql`select count(*) as n, md5(string_agg(t::text, '|' order by t.level)) as digest from alert_sla t`.execute(db),
    sql`select count(*) as n, md5(string_agg(t::text, '|' order by t.org_unit_id)) as digest from test_policy t`.execute(db),
    sql`select count(*) as n from alert_transition`.execute(db),
    sql`select count(*) as n, md5(string_agg(t::text, '|' order by t.id)) as digest from saved_filter t`.execute(db),
    sql`select count(*) as n, md5(string_agg(t::text, '|' order by t.person_id)) as digest from person_photo t`.execute(db),
    // A refused duplicate registration is audited on purpose (probing ID numbers must leave a trace).
    sql`select count(*) as n from audit_event where action <> 'person.register_refused'`.execute(db),
  ]);
  return JSON.stringify(tables.map((t) => t.rows));
}

function send(agent: Agent, endpoint: Endpoint, ids: Ids, attempt: Attempt): Promise<LightMyRequestResponse> {
  const headers = endpoint.headers?.(ids) ?? {};
  if (attempt.raw !== undefined) return agent.request(endpoint.method, endpoint.url(ids), attempt.raw, { ...headers, 'content-type': 'application/json' });
  return agent.request(endpoint.method, endpoint.url(ids), attempt.body, headers);
}

describe('fuzzing every write endpoint with bad bodies', () => {
  let app: TestApp;
  let ids: Ids;
  const agents = new Map<string, Agent>();

  before(async () => {
    app = await startTestApp();
    for (const username of new Set(ENDPOINTS.map((e) => e.as))) agents.set(username, await app.login(username));
    const office = agents.get('office');
    assert.ok(office);
    const units = await given(app).orgs(office);
    const named = (name: string, parentName?: string): OrgUnit => {
      const parent = parentName ? units.find((u) => u.name === parentName) : undefined;
      const found = units.find((u) => u.name === name && (!parent || u.parentId === parent.id));
      assert.ok(found, name);
      return found;
    };
    const secadmin = agents.get('secadmin');
    assert.ok(secadmin);
    const person = await given(app).person(office, '河畔社区', { name: '模糊目标', phones: ['13800004441'] });
    const otherPerson = await given(app).person(office, '河畔社区', { name: '模糊关系人' });
    const link = await office.post(`/api/persons/${person.id}/relationships`, { relatedPersonId: otherPerson.id, kind: 'coUser' });
    assert.equal(link.statusCode, 201, link.body);
    ids = {
      departmentId: named('区教育局').id,
      community: named('河畔社区'),
      person,
      otherPerson,
      brigadeId: named('公安分局禁毒大队').id,
      drugCase: await fuzzCase(app, named('公安分局禁毒大队').id, named('河畔社区').id),
      otherCaseNumber: 'FUZZ-OTHER-1',
      measureId: await fuzzMeasure(office, person.id, named('河畔社区').id),
      work: await fuzzSupervisionWork(office, person.id),
      risk: await fuzzRisk(app, office, named('河畔社区').id, named('明德社区').id),
      testNoticeId: await (async () => {
        const created = await office.post(`/api/persons/${person.id}/test-notices`, { notifiedOn: '2026-11-20', method: 'phone', dueOn: '2026-11-25' });
        assert.equal(created.statusCode, 201, created.body);
        return created.json<{ id: string }>().id;
      })(),
      township: named('青山镇'),
      grid: named('第1网格', '河畔社区'),
      village: named('白石村'),
      otherTownship: named('柳河镇'),
      districtId: named('示范区').id,
      workerId: (await given(app).userNamed('worker')).id,
      policeId: (await given(app).userNamed('police')).id,
      policy: (await secadmin.get('/api/policies/security')).json<SecurityPolicy>(),
    };
    // The PATCH target really has a sibling called 第2网格, so that rename is a 409.
    named('第2网格', '河畔社区');
  });
  after(() => app.close());

  for (const endpoint of ENDPOINTS) {
    it(`${endpoint.label}: 400/409 problem+json naming a field, never 500, nothing written`, async () => {
      const agent = agents.get(endpoint.as);
      assert.ok(agent);
      const before = await snapshot(app);
      const counts = await Promise.all((['org_unit', 'app_user', 'user_role', 'security_policy'] as const).map((t) => given(app).rowCount(t)));
      const known = new Set([...Object.keys(endpoint.bad(ids)), 'body']);
      await fc.assert(
        fc.asyncProperty(attempts(endpoint, ids), async (attempt) => {
          const response = await send(agent, endpoint, ids, attempt);
          const context = `${response.statusCode} ${response.body.slice(0, 300)}`;
          assert.ok(endpoint.statuses.includes(response.statusCode), context);
          assert.match(String(response.headers['content-type']), /^application\/problem\+json/, context);
          const problem = response.json<Problem>();
          assert.equal(problem.status, response.statusCode);
          assert.match(problem.title, /[\u4e00-\u9fff]/, 'a Chinese title');
          if (response.statusCode === 400) {
            assert.ok(problem.errors && problem.errors.length > 0, context);
            for (const error of problem.errors) {
              assert.ok(known.has(error.field.split('.')[0] ?? ''), `unknown field ${error.field}: ${context}`);
              assert.ok(error.message.length > 0);
            }
          }
          if (response.statusCode === 409) assert.ok(problem.errors?.some((e) => known.has(e.field)), context);
          assert.equal(await snapshot(app), before, `something was written: ${context}`);
        }),
        { numRuns: RUNS, examples: examples(endpoint, ids) },
      );
      const after = await Promise.all((['org_unit', 'app_user', 'user_role', 'security_policy'] as const).map((t) => given(app).rowCount(t)));
      assert.deepEqual(after, counts);
    });
  }

  it('keeps the fuzzed accounts usable: the password and roles are unchanged', async () => {
    assert.equal((await app.attemptLogin('department', DEMO)).statusCode, 200);
    assert.deepEqual((await given(app).userNamed('police')).roles, ['police']);
    const secadmin = agents.get('secadmin');
    assert.ok(secadmin);
    assert.deepEqual((await secadmin.get('/api/policies/security')).json<SecurityPolicy>(), ids.policy);
  });

  it('answers fuzzed account-list queries with 200 or a 400 naming the parameter, never 500', async () => {
    const sysadmin = agents.get('sysadmin');
    assert.ok(sysadmin);
    const params = ['q', 'orgUnitId', 'role', 'active', 'page', 'pageSize'];
    await fc.assert(
      fc.asyncProperty(
        fc.dictionary(fc.constantFrom(...params), fc.oneof(fc.string({ maxLength: 70 }), withControl(), fc.integer().map(String), overlong(64)), { maxKeys: 4 }),
        async (query) => {
          const search = new URLSearchParams(query).toString();
          const response = await sysadmin.get(`/api/users?${search}`);
          assert.ok([200, 400].includes(response.statusCode), `${search}: ${response.statusCode} ${response.body.slice(0, 200)}`);
          if (response.statusCode === 400) {
            const errors = response.json<Problem>().errors ?? [];
            assert.ok(errors.length > 0 && errors.every((e) => params.includes(e.field)), `${search}: ${response.body}`);
          }
        },
      ),
      { numRuns: RUNS },
    );
  });

  it('refuses control characters in any text field and search term, naming the field, never 500', async () => {
    const login = await app.attemptLogin('off\u0000ice', 'Wrong#Guess2026');
    assert.equal(login.statusCode, 400, login.body);
    assert.equal(login.json<{ errors: { field: string }[] }>().errors[0]?.field, 'username');
    const auditor = await app.login('auditor');
    const search = await auditor.get(`/api/audit?actor=${encodeURIComponent('off\u0000ice')}`);
    assert.equal(search.statusCode, 400, search.body);
    assert.equal(search.json<{ errors: { field: string }[] }>().errors[0]?.field, 'actor');
  });
});

/** Report templates and area profiles (dashboards issue): nested bodies fuzzed at their top-level fields. */
function reportsAndAreasEndpoints(): Endpoint[] {
  const square = [[117, 31], [117.1, 31], [117.1, 31.1], [117, 31.1], [117, 31]];
  return [
    {
      label: 'PUT /api/reports/templates/:kind',
      as: 'office',
      method: 'PUT',
      url: () => '/api/reports/templates/bulletin',
      valid: () => ({ title: '{单位}{期间}禁毒工作简报', sections: [{ heading: '打击毒品犯罪', sentences: [{ clauses: [{ indicator: 'cases.solved' }] }] }] }),
      bad: () => ({
        title: [wrongType(), blank(), overlong(60), withHardControl()],
        sections: [
          wrongType({ allow: 'array' }),
          fc.constant([]),
          fc.constant([{ heading: '一', sentences: [{ clauses: [{ indicator: 'cases.unknown' }] }] }]),
          fc.constant([{ heading: '一', sentences: [{ clauses: [{ indicator: 'seizures.grams.unicorn' }] }] }]),
          fc.constant([{ heading: '', sentences: [] }]),
          fc.constant([{ heading: '一', sentences: [{ clauses: [] }] }]),
          fc.constant([{ heading: '一', table: ['cases.solved', 'nope'] }]),
        ],
      }),
      required: ['title', 'sections'],
      statuses: [400],
    },
    {
      label: 'PUT /api/areas/geometry',
      as: 'office',
      method: 'PUT',
      url: () => '/api/areas/geometry',
      valid: () => ({ type: 'FeatureCollection', features: [{ type: 'Feature', properties: { name: '青山镇' }, geometry: { type: 'Polygon', coordinates: [square] } }] }),
      bad: () => ({
        type: [wrongType(), fc.constantFrom('Feature', 'featurecollection')],
        features: [
          wrongType({ allow: 'array' }),
          fc.constant([]),
          fc.constant([{ type: 'Feature', properties: { name: '不存在的乡镇' }, geometry: { type: 'Polygon', coordinates: [square] } }]),
          fc.constant([{ type: 'Feature', properties: {}, geometry: { type: 'Polygon', coordinates: [square] } }]),
          fc.constant([{ type: 'Feature', properties: { name: '青山镇' }, geometry: { type: 'Polygon', coordinates: [square.slice(0, 4)] } }]),
          fc.constant([{ type: 'Feature', properties: { name: '青山镇' }, geometry: { type: 'Point', coordinates: [117, 31] } }]),
          fc.constant([{ type: 'Feature', properties: { name: '青山镇' }, geometry: { type: 'Polygon', coordinates: [[[200, 31], [117.1, 31], [117.1, 31.1], [200, 31]]] } }]),
        ],
      }),
      required: ['type', 'features'],
      statuses: [400],
    },
    {
      label: 'PUT /api/situation-index/config',
      as: 'office',
      method: 'PUT',
      url: () => '/api/situation-index/config',
      valid: () => ({ components: [{ indicator: 'cases.filed', weight: 10, good: 0, bad: 10 }] }),
      bad: () => ({
        components: [
          wrongType({ allow: 'array' }),
          fc.constant([]),
          fc.constant([{ indicator: 'cases.nope', weight: 10, good: 0, bad: 10 }]),
          fc.constant([{ indicator: 'cases.filed', weight: 0, good: 0, bad: 10 }]),
          fc.constant([{ indicator: 'cases.filed', weight: 10, good: 5, bad: 5 }]),
          fc.constant([{ indicator: 'cases.filed', weight: 10, good: 0, bad: 10 }, { indicator: 'cases.filed', weight: 5, good: 0, bad: 10 }]),
          fc.constant([{ indicator: 'cases.filed', weight: '10', good: 0, bad: 10 }]),
        ],
      }),
      required: ['components'],
      statuses: [400],
    },
    {
      label: 'PUT /api/areas/:id/residents',
      as: 'office',
      method: 'PUT',
      url: (ids) => `/api/areas/${ids.township.id}/residents`,
      valid: () => ({ residents: 52000 }),
      bad: () => ({
        residents: [wrongType({ allow: 'number' }), fc.integer({ max: -1 }), fc.integer({ min: 100_000_001 }), fc.constant(1.5), fc.constant('52000')],
      }),
      required: ['residents'],
      statuses: [400],
    },
  ];
}

/** The person's photo (modules/persons/person-photo.service.ts): JPEG or PNG by content, at most 2 MB. */
function personPhotoEndpoints(): Endpoint[] {
  const png = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0x00]).toString('base64');
  return [
    {
      label: 'PUT /api/persons/:id/photo',
      as: 'office',
      method: 'PUT',
      url: (ids) => `/api/persons/${ids.person.id}/photo`,
      valid: () => ({ fileName: '照片.png', contentBase64: png }),
      bad: () => ({
        fileName: [fc.oneof(wrongType(), overlong(200), withControl(), blank(), fc.constantFrom('a/b.png', '..\\x.png'))],
        contentBase64: [
          fc.oneof(wrongType(), fc.constantFrom('', '%%%', 'not base64!', Buffer.from('plain text').toString('base64'), Buffer.from('%PDF-1.4\n%%EOF\n').toString('base64'),
            Buffer.from('PK\u0003\u0004word/document.xml').toString('base64'), Buffer.from('GIF89a').toString('base64'))),
        ],
      }),
      required: ['fileName', 'contentBase64'],
      statuses: [400],
    },
  ];
}

/** 生成任务 (modules/reports): the period and unit are checked before the job is written, so bodies fail first. */
function reportJobsEndpoints(): Endpoint[] {
  return [
    {
      label: 'POST /api/reports/jobs', as: 'office', method: 'POST', url: () => '/api/reports/jobs',
      valid: () => ({ kind: 'bulletin', period: '2026-Q3' }),
      bad: (ids) => ({
        kind: [wrongType(), enumJunk(['bulletin', 'summary'])],
        orgUnitId: [wrongType(), notUuid(), fc.uuid().filter((u) => u !== ids.districtId)],
        period: [
          wrongType(),
          fc.string({ maxLength: 12 }).filter((s) => !/^\d{4}(-Q[1-4]|-(0[1-9]|1[0-2]))?$/.test(s.trim())),
          fc.constantFrom('2027', '2026-12', '2026-13', '2026-00', '2026-Q0', '2026-Q5', '1999', '2026-q3', '2026-7', '3000'),
          withControl(),
        ],
      }),
      required: ['kind', 'period'], statuses: [400],
    },
  ];
}
