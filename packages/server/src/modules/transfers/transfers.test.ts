import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { LightMyRequestResponse } from 'fastify';
import type { AlertDto, PersonDetail, TransferDto } from '@qingyuan/shared';
import { DAY } from '../../platform/clock.ts';
import { expectProblem } from '../../testing/expect-problem.ts';
import { given } from '../../testing/given.ts';
import { startTestApp, type Agent, type TestApp } from '../../testing/test-app.ts';

// The test clock starts at 2026-11-23 (China time). township: 清源街道; township2: 明德街道.

function createdId(response: LightMyRequestResponse): string {
  assert.equal(response.statusCode, 201, response.body);
  return response.json<{ id: string }>().id;
}
type List = { items: TransferDto[]; total: number };

describe('transfers between jurisdictions (移交)', () => {
  let app: TestApp;
  let office: Agent;
  let township: Agent;
  let township2: Agent;
  let worker: Agent;
  let receiving: string; // 明德社区 (township2's)
  let ownVillage: string; // 文昌社区 (township's own)

  before(async () => {
    app = await startTestApp();
    office = await app.login('office');
    township = await app.login('township');
    township2 = await app.login('township2');
    worker = await app.login('worker');
    receiving = (await given(app).orgNamed('明德社区')).id;
    ownVillage = (await given(app).orgNamed('文昌社区')).id;
  });
  after(() => app.close());

  const send = (as: Agent, personId: string, body: object = {}) =>
    as.post(`/api/persons/${personId}/transfers`, { toOrgUnitId: receiving, reason: '人员长期居住在明德街道', ...body });
  const list = async (as: Agent, which: string): Promise<TransferDto[]> => {
    const response = await as.get(`/api/transfers?list=${which}&pageSize=200`);
    assert.equal(response.statusCode, 200, response.body);
    return response.json<List>().items;
  };
  const count = async (table: 'person_transfer' | 'audit_event') =>
    Number((await app.platform.db.selectFrom(table).select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow()).n);
  const sees = async (as: Agent, personId: string): Promise<boolean> => {
    const response = await as.get(`/api/persons/${personId}`);
    if (response.statusCode === 404) return false;
    assert.equal(response.statusCode, 200, response.body);
    return true;
  };
  const inList = async (as: Agent, personId: string): Promise<boolean> => {
    const response = await as.get('/api/persons?pageSize=200&q=' + encodeURIComponent('移交测试'));
    assert.equal(response.statusCode, 200, response.body);
    return response.json<{ items: { id: string }[] }>().items.some((p) => p.id === personId);
  };
  const personWithMeasure = async () => {
    const person = await given(app).person(township, '河畔社区', { name: '移交测试' });
    const measureId = createdId(await township.post(`/api/persons/${person.id}/measures`, {
      kind: 'communityTreatment', decisionDate: '2026-11-01', decisionReceivedDate: '2026-11-02', decidingAgency: '清源区公安分局',
      executingOrgUnitId: person.orgUnit.id,
    }));
    return { personId: person.id, measureId };
  };

  it('the person is visible to both sides while pending, the receiver accepts, and then only the receiver sees them', async () => {
    const { personId, measureId } = await personWithMeasure();
    assert.equal(await sees(township2, personId), false);
    const id = createdId(await send(township, personId));
    assert.equal(await sees(township, personId), true);
    assert.equal(await sees(township2, personId), true, 'the receiving side sees the person while the transfer is pending');
    assert.equal(await inList(township2, personId), true);
    assert.equal((await township2.get(`/api/persons/${personId}/measures`)).statusCode, 200);
    // Duties stay with the sender until acceptance: the missed report-in is on the sender's working list only.
    const notReportedIn = async (as: Agent) => (await as.get('/api/supervision/worklist?list=notReportedIn&pageSize=200'))
      .json<{ items: { personId: string }[] }>().items.some((i) => i.personId === personId);
    assert.equal(await notReportedIn(township), true);
    assert.equal(await notReportedIn(township2), false);
    // Seeing is not owning: the receiver cannot yet write about the person.
    expectProblem(await township2.post(`/api/persons/${personId}/tests`, { testedOn: '2026-11-20', kind: 'urine', setting: 'field', result: 'negative' }), 404);

    const incoming = await list(township2, 'incoming');
    const mine = incoming.find((t) => t.id === id);
    assert.equal(mine?.status, 'pending');
    assert.equal(mine?.canDecide, true);
    assert.equal(mine?.fromOrgUnit.name, '河畔社区');
    assert.equal(mine?.toOrgUnit.name, '明德社区');
    assert.equal((await list(township, 'outgoing')).find((t) => t.id === id)?.canDecide, false);
    assert.equal((await list(township, 'incoming')).some((t) => t.id === id), false);
    expectProblem(await township.post(`/api/transfers/${id}/accept`, { acceptedOn: '2026-11-23' }), 404, undefined);
    expectProblem(await township2.post(`/api/transfers/${id}/accept`, {}), 400, 'acceptedOn');
    expectProblem(await township2.post(`/api/transfers/${id}/accept`, { acceptedOn: '2026-11-22' }), 400, 'acceptedOn');
    expectProblem(await township2.post(`/api/transfers/${id}/accept`, { acceptedOn: '2026-11-24' }), 400, 'acceptedOn');

    const accepted = await township2.post(`/api/transfers/${id}/accept`, { acceptedOn: '2026-11-23', note: '已联系本人' });
    assert.equal(accepted.statusCode, 200, accepted.body);
    assert.equal(accepted.json<TransferDto>().status, 'accepted');
    assert.equal(await sees(township, personId), false, 'after acceptance the sender no longer sees the person');
    assert.equal(await inList(township, personId), false);
    assert.equal(await sees(township2, personId), true);
    const detail = (await township2.get(`/api/persons/${personId}`)).json<PersonDetail>();
    assert.equal(detail.orgUnitId, receiving);
    // The measure continues, its path copy follows the person (docs/status.md: it did not before).
    const person = await app.platform.db.selectFrom('person').select('org_path').where('id', '=', personId).executeTakeFirstOrThrow();
    const measure = await app.platform.db.selectFrom('measure').select(['org_path', 'status']).where('id', '=', measureId).executeTakeFirstOrThrow();
    assert.equal(measure.org_path, person.org_path);
    assert.notEqual(measure.status, 'ended');
    assert.equal((await township2.get(`/api/persons/${personId}/measures`)).json<{ items: { id: string }[] }>().items[0]?.id, measureId);
    assert.equal(await notReportedIn(township2), true, 'after acceptance the duties move to the receiver');
    assert.equal(await notReportedIn(township), false);
    assert.equal((await township2.post(`/api/persons/${personId}/tests`, { testedOn: '2026-11-20', kind: 'urine', setting: 'field', result: 'negative' })).statusCode, 201);
    expectProblem(await township2.post(`/api/transfers/${id}/accept`, { acceptedOn: '2026-11-23' }), 409);
    const audit = await app.platform.db.selectFrom('audit_event').select(['action', 'changes']).where('entity_id', '=', personId).where('action', 'like', 'transfer.%').execute();
    assert.deepEqual(audit.map((a) => a.action).sort(), ['transfer.accepted', 'transfer.sent']);
    assert.doesNotMatch(audit.map((a) => a.changes).join(' '), /明德街道/, 'the reason text is not copied into audit rows');
  });

  it('a return leaves the person with the sender; the receiver no longer sees them', async () => {
    const { personId } = await personWithMeasure();
    const id = createdId(await send(township, personId));
    expectProblem(await township2.post(`/api/transfers/${id}/return`, {}), 400, 'returnReason');
    expectProblem(await township2.post(`/api/transfers/${id}/return`, { returnReason: ' ' }), 400, 'returnReason');
    const returned = await township2.post(`/api/transfers/${id}/return`, { returnReason: '经核实本人未在本街道居住' });
    assert.equal(returned.statusCode, 200, returned.body);
    assert.equal(returned.json<TransferDto>().returnReason, '经核实本人未在本街道居住');
    assert.equal(await sees(township2, personId), false);
    assert.equal(await sees(township, personId), true);
    assert.equal((await list(township, 'outgoing')).find((t) => t.id === id)?.status, 'returned');
    const history = (await township.get(`/api/persons/${personId}/transfers`)).json<{ items: TransferDto[] }>().items;
    assert.equal(history.length, 1);
    const audit = await app.platform.db.selectFrom('audit_event').select(['action', 'reason']).where('entity_id', '=', personId).where('action', '=', 'transfer.returned').execute();
    assert.equal(audit[0]?.reason, '经核实本人未在本街道居住');
  });

  it('refuses bad input naming the field and writes nothing; one pending transfer per person (409)', async () => {
    const { personId } = await personWithMeasure();
    const station = (await given(app).orgNamed('明德派出所')).id;
    const before = [await count('person_transfer'), await count('audit_event')];
    expectProblem(await send(township, personId, { toOrgUnitId: ownVillage }), 400, 'toOrgUnitId');
    expectProblem(await send(township, personId, { toOrgUnitId: '00000000-0000-4000-8000-000000000000' }), 400, 'toOrgUnitId');
    expectProblem(await send(township, personId, { toOrgUnitId: 'nope' }), 400, 'toOrgUnitId');
    expectProblem(await send(township, personId, { toOrgUnitId: station }), 400, 'toOrgUnitId');
    expectProblem(await send(township, personId, { reason: '' }), 400, 'reason');
    expectProblem(await send(township, personId, { reason: 'a\u0000b' }), 400, 'reason');
    assert.deepEqual([await count('person_transfer'), await count('audit_event')], before);
    createdId(await send(township, personId));
    expectProblem(await send(township, personId), 409, 'toOrgUnitId');
  });

  it('scope isolation: township2 cannot send, see the history of, or decide on another township\'s transfers it does not receive', async () => {
    const { personId } = await personWithMeasure();
    expectProblem(await send(township2, personId, { toOrgUnitId: ownVillage }), 404);
    expectProblem(await township2.get(`/api/persons/${personId}/transfers`), 404);
    const toOther = createdId(await send(township, personId, { toOrgUnitId: (await given(app).orgNamed('长宁社区')).id }));
    assert.equal(await sees(township2, personId), false, 'a transfer to a third township does not show the person to township2');
    expectProblem(await township2.post(`/api/transfers/${toOther}/accept`, { acceptedOn: '2026-11-23' }), 404);
    expectProblem(await township2.post(`/api/transfers/${toOther}/return`, { returnReason: '不归我管' }), 404);
    assert.equal((await list(township2, 'all')).some((t) => t.id === toOther), false);
    expectProblem(await worker.post(`/api/persons/${personId}/transfers`, { toOrgUnitId: receiving, reason: '社工无权移交' }), 403);
  });

  it('offers the units of other townships as targets, never the caller\'s own or police units', async () => {
    const response = await township.get('/api/transfer-targets');
    assert.equal(response.statusCode, 200, response.body);
    const names = response.json<{ items: { name: string }[] }>().items.map((t) => t.name);
    assert.ok(names.includes('明德社区'));
    assert.ok(names.includes('明德街道'));
    assert.ok(!names.includes('文昌社区'), 'own units are changed by editing the person, not by a transfer');
    assert.ok(!names.some((n) => n.endsWith('派出所')));
    expectProblem(await worker.get('/api/transfer-targets'), 403);
  });

  it('移交撤回: the sender cancels a pending transfer with a reason; the person stays with the sender; audited', async () => {
    const { personId } = await personWithMeasure();
    const id = createdId(await send(township, personId));
    const unknown = '00000000-0000-4000-8000-000000000000';
    const before = [await count('person_transfer'), await count('audit_event')];
    expectProblem(await township.post(`/api/transfers/${id}/cancel`, {}), 400, 'reason');
    expectProblem(await township.post(`/api/transfers/${id}/cancel`, { reason: ' ' }), 400, 'reason');
    expectProblem(await township.post(`/api/transfers/${id}/cancel`, { reason: 'x'.repeat(501) }), 400, 'reason');
    // The receiving side, another township and a worker cannot cancel it.
    expectProblem(await township2.post(`/api/transfers/${id}/cancel`, { reason: '接收方不能撤回' }), 404);
    expectProblem(await township.post(`/api/transfers/${unknown}/cancel`, { reason: '不存在的移交' }), 404);
    assert.deepEqual([await count('person_transfer'), await count('audit_event')], before, 'refusals write nothing');
    expectProblem(await worker.post(`/api/transfers/${id}/cancel`, { reason: '社工无权撤回' }), 403);
    assert.equal((await list(township, 'outgoing')).find((t) => t.id === id)?.canCancel, true);
    assert.equal((await list(township2, 'incoming')).find((t) => t.id === id)?.canCancel, false, 'the receiver decides, it does not cancel');

    const cancelled = await township.post(`/api/transfers/${id}/cancel`, { reason: '经核实本人仍在本街道居住' });
    assert.equal(cancelled.statusCode, 200, cancelled.body);
    const dto = cancelled.json<TransferDto>();
    assert.equal(dto.status, 'cancelled');
    assert.equal(dto.cancelReason, '经核实本人仍在本街道居住');
    assert.equal(dto.canCancel, false);
    assert.equal(dto.decidedOn, '2026-11-23');
    assert.equal(await sees(township, personId), true, 'the person stays with the sender');
    assert.equal(await sees(township2, personId), false, 'the receiver no longer sees the person');
    assert.equal((await list(township2, 'incoming')).some((t) => t.id === id), false);
    const detail = (await township.get(`/api/persons/${personId}`)).json<PersonDetail>();
    assert.equal(detail.orgUnitId, (await given(app).orgNamed('河畔社区')).id, 'the responsible unit did not change');
    const history = (await township.get(`/api/persons/${personId}/transfers`)).json<{ items: TransferDto[] }>().items;
    assert.deepEqual(history.map((t) => [t.status, t.cancelReason]), [['cancelled', '经核实本人仍在本街道居住']]);
    // Once cancelled it can be neither cancelled again nor accepted; a new transfer may be sent.
    const again = expectProblem(await township.post(`/api/transfers/${id}/cancel`, { reason: '再次撤回' }), 409, 'status');
    assert.match(again.title, /已撤回/);
    assert.equal(expectProblem(await township2.post(`/api/transfers/${id}/accept`, { acceptedOn: '2026-11-23' }), 409, 'status').title, '该移交已撤回');
    createdId(await send(township, personId));
    const audit = await app.platform.db.selectFrom('audit_event').select(['action', 'reason', 'changes']).where('entity_id', '=', personId).where('action', '=', 'transfer.cancelled').execute();
    assert.equal(audit.length, 1);
    assert.equal(audit[0]?.reason, '经核实本人仍在本街道居住');
    const events = await app.platform.db.selectFrom('outbox_event').select('type').where('person_id', '=', personId).execute();
    assert.ok(events.some((e) => e.type === 'transfer.cancelled'), 'an outbox event for the alert rule');
  });

  it('cannot cancel a transfer the receiver already accepted (409, Chinese message); township2 cannot cancel another township\'s', async () => {
    const { personId } = await personWithMeasure();
    const id = createdId(await send(township, personId));
    assert.equal((await township2.post(`/api/transfers/${id}/accept`, { acceptedOn: '2026-11-23' })).statusCode, 200);
    // After acceptance the sender no longer sees the person; its outgoing list still shows the transfer.
    const refused = expectProblem(await township.post(`/api/transfers/${id}/cancel`, { reason: '接收后撤回' }), 409, 'status');
    assert.equal(refused.title, '该移交已接收，不能撤回');
    // The receiver (now the owner) cannot cancel the sender's transfer either.
    expectProblem(await township2.post(`/api/transfers/${id}/cancel`, { reason: '接收方撤回' }), 404);
    const toOther = createdId(await send(township2, personId, { toOrgUnitId: (await given(app).orgNamed('长宁社区')).id }));
    expectProblem(await township.post(`/api/transfers/${toOther}/cancel`, { reason: '他乡镇的移交' }), 404);
  });

  it('a transfer still pending after 7 days is escalated to the district office (ManualClock)', async () => {
    const { personId } = await personWithMeasure();
    const id = createdId(await send(township, personId));
    const escalated = async (as: Agent) => (await list(as, 'escalated')).some((t) => t.id === id);
    app.clock.advance(6 * DAY);
    // Sessions idle out over days: sign in again at each step.
    office = await app.login('office');
    township2 = await app.login('township2');
    assert.equal(await escalated(office), false, 'day 6: not yet');
    const waiting = (await list(township2, 'incoming')).find((t) => t.id === id);
    assert.equal(waiting?.pendingDays, 6);
    assert.equal(waiting?.escalated, false);
    app.clock.advance(DAY);
    office = await app.login('office');
    township2 = await app.login('township2');
    assert.equal(await escalated(office), true, 'day 7: escalated');
    assert.equal(await escalated(township2), true);
    const row = (await list(office, 'escalated')).find((t) => t.id === id);
    assert.equal(row?.canDecide, false, 'the office sees it but the receiving township decides');
    assert.match(row?.explanation ?? '', /督办/);
    assert.equal((await township2.post(`/api/transfers/${id}/accept`, { acceptedOn: '2026-11-30' })).statusCode, 200);
    assert.equal(await escalated(office), false, 'accepted: no longer escalated');
  });

  it('cancelling closes the receiver\'s 未按时接收移交 alert by itself (outbox event transfer.cancelled)', async () => {
    township = await app.login('township');
    const { personId } = await personWithMeasure();
    const id = createdId(await send(township, personId));
    app.clock.advance(7 * DAY);
    office = await app.login('office');
    township = await app.login('township');
    township2 = await app.login('township2');
    assert.equal((await office.post('/api/alerts/sweep')).statusCode, 200);
    const unaccepted = async () => {
      const r = await township2.get(`/api/alerts?personId=${personId}&rule=transferUnaccepted&pageSize=200`);
      assert.equal(r.statusCode, 200, r.body);
      return r.json<{ items: AlertDto[] }>().items;
    };
    const [alert] = await unaccepted();
    assert.ok(alert, 'raised on day 8');
    assert.equal(alert.status, 'new');
    assert.equal((await township.post(`/api/transfers/${id}/cancel`, { reason: '本人已返回本街道' })).statusCode, 200);
    await app.alerts.engine.dispatch();
    // The receiver no longer sees the person, so the closed alert is read from the table.
    const row = await app.platform.db.selectFrom('alert').select(['status', 'closed_reason']).where('id', '=', alert.id).executeTakeFirstOrThrow();
    assert.deepEqual([row.status, row.closed_reason], ['autoClosed', '预警条件已消除']);
  });
});
