import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import ExcelJS from 'exceljs';
import type { LightMyRequestResponse } from 'fastify';
import type { PersonTimeline, WorklistRow } from '@qingyuan/shared';
import { expectProblem } from '../../testing/expect-problem.ts';
import { given } from '../../testing/given.ts';
import { startTestApp, type Agent, type TestApp } from '../../testing/test-app.ts';

// The test clock stands at 2026-11-23 (China time). township: 清源街道; township2: 明德街道; worker: 河畔社区 (work-team scope).

function createdId(response: LightMyRequestResponse): string {
  assert.equal(response.statusCode, 201, response.body);
  return response.json<{ id: string }>().id;
}

/** 通知未检: missed notices on a working list and on the person's timeline. */
describe('missed test notices (通知未检) on the working list and the timeline', () => {
  let app: TestApp;
  let office: Agent;
  let township: Agent;
  let township2: Agent;
  let worker: Agent;
  let workerId: string;
  const p = { a: '', b: '', other: '' };
  const n = { aMissed: '', aExcused: '', aTested: '', aOpen: '', bMissed: '', otherMissed: '' };

  const notify = (as: Agent, personId: string, body: object) => as.post(`/api/persons/${personId}/test-notices`, { method: 'phone', ...body });
  const list = async (as: Agent, extra = ''): Promise<{ items: WorklistRow[]; total: number }> => {
    const response = await as.get(`/api/supervision/worklist?list=missedNotices${extra.includes('pageSize') ? '' : '&pageSize=200'}${extra}`);
    assert.equal(response.statusCode, 200, response.body);
    return response.json<{ items: WorklistRow[]; total: number }>();
  };
  const timeline = async (as: Agent, personId: string) => {
    const response = await as.get(`/api/persons/${personId}/timeline`);
    assert.equal(response.statusCode, 200, response.body);
    return response.json<PersonTimeline>().items;
  };

  before(async () => {
    app = await startTestApp();
    office = await app.login('office');
    township = await app.login('township');
    township2 = await app.login('township2');
    worker = await app.login('worker');
    workerId = (await given(app).userNamed('worker')).id;
    p.a = (await given(app).person(township, '河畔社区', { name: '未检甲' })).id;
    p.b = (await given(app).person(township, '河畔社区', { name: '未检乙' })).id;
    p.other = (await given(app).person(township2, '明德社区', { name: '未检他乡' })).id;
    n.aMissed = createdId(await notify(township, p.a, { notifiedOn: '2026-11-02', dueOn: '2026-11-05', method: 'inPerson' }));
    n.aExcused = createdId(await notify(township, p.a, { notifiedOn: '2026-10-18', dueOn: '2026-10-20' }));
    assert.equal((await township.post(`/api/test-notices/${n.aExcused}/excuse`, { reason: '突发疾病住院' })).statusCode, 200);
    n.aTested = createdId(await notify(township, p.a, { notifiedOn: '2026-11-10', dueOn: '2026-11-12', method: 'written' }));
    createdId(await township.post(`/api/persons/${p.a}/tests`, { testedOn: '2026-11-12', kind: 'urine', setting: 'field', result: 'negative' }));
    n.aOpen = createdId(await notify(township, p.a, { notifiedOn: '2026-11-20', dueOn: '2026-11-25', method: 'sms' }));
    n.bMissed = createdId(await notify(township, p.b, { notifiedOn: '2026-11-15', dueOn: '2026-11-20', method: 'sms' }));
    n.otherMissed = createdId(await notify(township2, p.other, { notifiedOn: '2026-11-01', dueOn: '2026-11-03' }));
  });
  after(() => app.close());

  it('lists exactly the unexcused missed notices in scope, longest missed first, with days since due (audited)', async () => {
    const { items, total } = await list(township);
    assert.equal(total, 2);
    assert.deepEqual(items.map((i) => i.noticeId), [n.aMissed, n.bMissed], 'not the excused, tested, open or other township\'s notices');
    const [a, b] = items;
    assert.deepEqual(
      [a?.personId, a?.personName, a?.notifiedOn, a?.noticeMethod, a?.dueDate, a?.daysSinceDue, a?.overdueDays, a?.rule],
      [p.a, '未检甲', '2026-11-02', 'inPerson', '2026-11-05', 18, 18, 'testNotice.missed'],
    );
    assert.match(a?.explanation ?? '', /逾期未到检且无正当理由/);
    assert.deepEqual([b?.personId, b?.daysSinceDue], [p.b, 3]);
    // Paging.
    const page2 = await list(township, '&page=2&pageSize=1');
    assert.deepEqual([page2.total, page2.items.map((i) => i.noticeId)], [2, [n.bMissed]]);
    const audit = await app.platform.db.selectFrom('audit_event').select('changes').where('action', '=', 'supervision.worklist_viewed').execute();
    assert.ok(audit.some((r) => JSON.stringify(r.changes).includes('missedNotices')), 'viewing the list is audited');
  });

  it('is scoped: the other township sees only its own, the office sees both, a worker only its team\'s persons', async () => {
    assert.deepEqual((await list(township2)).items.map((i) => i.noticeId), [n.otherMissed]);
    const all = (await list(office)).items.map((i) => i.noticeId);
    assert.deepEqual([...all].sort(), [n.aMissed, n.bMissed, n.otherMissed].sort());
    const township2Unit = (await given(app).orgNamed('明德社区')).id;
    expectProblem(await township.get(`/api/supervision/worklist?list=missedNotices&orgUnitId=${township2Unit}`), 400, 'orgUnitId');
    const community = (await given(app).orgNamed('河畔社区')).id;
    assert.equal((await list(office, `&orgUnitId=${community}`)).total, 2, 'the unit filter narrows the office\'s list');
    assert.deepEqual((await list(worker)).items, [], 'on no team yet');
    const joined = await township.post(`/api/persons/${p.b}/work-team`, { teamRole: 'socialWorker', accountId: workerId, startedOn: '2026-11-20' });
    assert.equal(joined.statusCode, 201, joined.body);
    assert.deepEqual((await list(worker)).items.map((i) => i.noticeId), [n.bMissed]);
  });

  it('exports the list to Excel with the notice columns, audited with its row count', async () => {
    const response = await township.get('/api/supervision/worklist/export?list=missedNotices');
    assert.equal(response.statusCode, 200, response.body);
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(response.rawPayload as unknown as ArrayBuffer);
    const text = book.worksheets.map((s) => s.getSheetValues().flat().map(String).join('|')).join('\n');
    assert.match(text, /通知未检/);
    assert.match(text, /通知方式/);
    assert.match(text, /未检甲/);
    assert.match(text, /当面/);
    assert.doesNotMatch(text, /未检他乡/);
    const audit = await app.platform.db.selectFrom('audit_event').select('changes').where('action', '=', 'worklist.exported').execute();
    assert.equal(audit.length, 1);
    assert.match(JSON.stringify(audit[0]?.changes), /missedNotices/);
  });

  it('puts 通知检测逾期未检 on the timeline on the due day; an excused one says 已登记正当理由; another township gets 404', async () => {
    const events = (await timeline(township, p.a)).filter((e) => e.title.startsWith('通知检测逾期未检'));
    assert.deepEqual(events.map((e) => [e.date, e.title, e.recordId, e.tone]), [
      ['2026-10-20', '通知检测逾期未检（已登记正当理由）', n.aExcused, 'warning'],
      ['2026-11-05', '通知检测逾期未检', n.aMissed, 'danger'],
    ], 'not the tested one nor the open one');
    assert.match(events[1]?.detail ?? '', /当面通知（2026-11-02）/);
    assert.match(events[0]?.detail ?? '', /已登记正当理由（2026-11-23）/);
    expectProblem(await township2.get(`/api/persons/${p.a}/timeline`), 404);

    // A reason recorded now takes the notice off the list and turns its timeline entry.
    assert.equal((await township.post(`/api/test-notices/${n.aMissed}/excuse`, { reason: '外出务工已提前报备' })).statusCode, 200);
    assert.deepEqual((await list(township)).items.map((i) => i.noticeId), [n.bMissed]);
    const after = (await timeline(township, p.a)).find((e) => e.recordId === n.aMissed);
    assert.equal(after?.title, '通知检测逾期未检（已登记正当理由）');
  });
});
