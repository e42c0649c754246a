import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { AbstinenceReviewDto } from '@qingyuan/shared';
import type { LightMyRequestResponse } from 'fastify';
import { given } from '../../testing/given.ts';
import { startTestApp, type Agent, type TestApp } from '../../testing/test-app.ts';

// The test clock stands at 2026-11-23 (China time). township: 清源街道; township2: 明德街道; office: the district.

function createdId(response: LightMyRequestResponse): string {
  assert.equal(response.statusCode, 201, response.body);
  return response.json<{ id: string }>().id;
}

/** 已批准 after 恢复管控: the approved review of a restored person says so (day and reason) instead of passing for archived. */
describe('the approved review of a person restored to control (已恢复管控)', () => {
  let app: TestApp;
  let township: Agent;
  let township2: Agent;
  let office: Agent;
  let riverside: string;

  before(async () => {
    app = await startTestApp();
    township = await app.login('township');
    township2 = await app.login('township2');
    office = await app.login('office');
    riverside = (await given(app).orgNamed('河畔社区')).id;
  });
  after(() => app.close());

  /** Eligible (voluntary treatment ended 2022-03-01, a negative test since), proposed by the township, approved by the office. */
  const archivedPerson = async (name: string) => {
    const person = await given(app).person(township, '河畔社区', { name });
    createdId(await township.post(`/api/persons/${person.id}/detections`, {
      detectedOn: '2022-01-10', agency: '清源区公安分局', substances: ['methamphetamine'], outcome: 'administrativeDetention',
    }));
    const measureId = createdId(await township.post(`/api/persons/${person.id}/measures`, {
      kind: 'voluntaryTreatment', decisionDate: '2021-06-01', decidingAgency: '清源区人民医院', executingOrgUnitId: riverside,
    }));
    createdId(await township.post(`/api/measures/${measureId}/events`, { type: 'termination', from: '2022-03-01', reason: 'other' }));
    createdId(await township.post(`/api/persons/${person.id}/tests`, { testedOn: '2024-05-02', kind: 'urine', setting: 'field', result: 'negative' }));
    const reviewId = createdId(await township.post(`/api/persons/${person.id}/abstinence-reviews`, { note: '近三年检测均为阴性' }));
    assert.equal((await office.post(`/api/abstinence/reviews/${reviewId}/decision`, { decision: 'approve' })).statusCode, 200);
    return { ...person, reviewId };
  };
  const approved = async (as: Agent): Promise<AbstinenceReviewDto[]> => {
    const response = await as.get('/api/abstinence/reviews?status=approved&pageSize=200');
    assert.equal(response.statusCode, 200, response.body);
    const body = response.json<{ items: AbstinenceReviewDto[]; total: number }>();
    assert.equal(body.total, body.items.length);
    return body.items;
  };

  it('lists an archived review without restore fields, and a restored one with its day and reason — for the office and the township', async () => {
    const kept = await archivedPerson('已批准仍归档');
    const restored = await archivedPerson('已批准后恢复');
    const before = await approved(office);
    assert.deepEqual(
      before.filter((r) => [kept.reviewId, restored.reviewId].includes(r.id)).map((r) => [r.personName, r.status, r.restoredOn, r.restoreReason]).sort(),
      [['已批准仍归档', 'approved', null, null], ['已批准后恢复', 'approved', null, null]],
    );
    assert.deepEqual((await approved(township)).map((r) => r.id), [], 'the township does not read the archive');

    const response = await office.post(`/api/archive/persons/${restored.id}/restore`, { reason: '再次被查获吸毒，恢复管控' });
    assert.equal(response.statusCode, 200, response.body);

    // The office still finds both under 已批准 (the restored one left the archive with its person), told apart by the restore.
    const after = await approved(office);
    const byId = new Map(after.map((r) => [r.id, r]));
    assert.equal(after.length, before.length, 'the restored review is not lost from 已批准');
    assert.deepEqual([byId.get(kept.reviewId)?.restoredOn, byId.get(kept.reviewId)?.restoreReason], [null, null]);
    const row = byId.get(restored.reviewId);
    assert.deepEqual(
      [row?.status, row?.personName, row?.decidedOn, row?.restoredOn, row?.restoreReason],
      ['approved', '已批准后恢复', '2026-11-23', '2026-11-23', '再次被查获吸毒，恢复管控'],
    );
    // The township supervises the person again: it sees that review (restored), never the still archived one.
    assert.deepEqual((await approved(township)).map((r) => [r.id, r.restoredOn, r.restoreReason]), [[restored.reviewId, '2026-11-23', '再次被查获吸毒，恢复管控']]);
    assert.deepEqual(await approved(township2), [], 'another township sees neither');
    // The other lists are unchanged: nothing proposed or rejected appears.
    const all = (await office.get('/api/abstinence/reviews?pageSize=200')).json<{ items: AbstinenceReviewDto[] }>().items;
    assert.ok(!all.some((r) => r.id === kept.reviewId), 'the archived review stays out of the unfiltered ordinary list');
  });
});
