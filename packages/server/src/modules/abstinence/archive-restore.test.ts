import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { ArchivedPerson, PersonTimeline } from '@qingyuan/shared';
import type { LightMyRequestResponse } from 'fastify';
import { expectProblem } from '../../testing/expect-problem.ts';
import { given } from '../../testing/given.ts';
import { startTestApp, type Agent, type TestApp } from '../../testing/test-app.ts';
import { ARCHIVED_TABLES } from './abstinence.repository.ts';

// The test clock stands at 2026-11-23 (China time). township: 清源街道; township2: 明德街道; office: the district.

function createdId(response: LightMyRequestResponse): string {
  assert.equal(response.statusCode, 201, response.body);
  return response.json<{ id: string }>().id;
}

/** 恢复管控: an archived (戒断三年未复吸) person relapses; the office brings them back from the restricted archive. */
describe('restoring an archived person to supervision (恢复管控)', () => {
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

  const restore = (as: Agent, personId: string, body: object) => as.post(`/api/archive/persons/${personId}/restore`, body);
  const DETECTION = { detectedOn: '2026-11-20', agency: '清源区公安分局', substances: ['methamphetamine'], outcome: 'administrativeDetention' };
  /** Eligible (voluntary treatment ended 2022-03-01, negative tests since), proposed by the township, approved by the office. */
  const archivedPerson = async (name: string) => {
    const person = await given(app).person(township, '河畔社区', { name });
    createdId(await township.post(`/api/persons/${person.id}/detections`, { ...DETECTION, detectedOn: '2022-01-10' }));
    const measureId = createdId(await township.post(`/api/persons/${person.id}/measures`, {
      kind: 'voluntaryTreatment', decisionDate: '2021-06-01', decidingAgency: '清源区人民医院', executingOrgUnitId: riverside,
    }));
    createdId(await township.post(`/api/measures/${measureId}/events`, { type: 'termination', from: '2022-03-01', reason: 'other' }));
    createdId(await township.post(`/api/persons/${person.id}/tests`, { testedOn: '2024-05-02', kind: 'urine', setting: 'field', result: 'negative' }));
    const reviewId = createdId(await township.post(`/api/persons/${person.id}/abstinence-reviews`, { note: '近三年检测均为阴性' }));
    assert.equal((await office.post(`/api/abstinence/reviews/${reviewId}/decision`, { decision: 'approve' })).statusCode, 200);
    assert.equal((await township.get(`/api/persons/${person.id}`)).statusCode, 404, 'archived');
    return { ...person, reviewId };
  };
  const counts = async (personId: string) => ({
    audit: Number((await app.platform.db.selectFrom('audit_event').select((eb) => eb.fn.countAll<string>().as('n')).where('success', '=', true).executeTakeFirstOrThrow()).n),
    detections: (await app.platform.db.selectFrom('detection').select('id').where('person_id', '=', personId).execute()).length,
    person: await app.platform.db.selectFrom('person').select(['status', 'org_path', 'version']).where('id', '=', personId).executeTakeFirstOrThrow(),
  });

  it('a second registration of an archived ID number: archive readers are told it can be restored, others get the neutral 409', async () => {
    const person = await archivedPerson('恢复甲');
    const body = { name: '恢复甲', idNumber: person.idNumber, gender: 'male', orgUnitId: riverside };
    const neutral = expectProblem(await township.post('/api/persons', body), 409, 'idNumber');
    assert.equal(neutral.archivedId, undefined);
    assert.equal(neutral.existingId, undefined);
    assert.doesNotMatch(JSON.stringify(neutral), /档案|恢复/, 'nothing about the archive for a township');
    const toOffice = expectProblem(await office.post('/api/persons', body), 409, 'idNumber');
    assert.equal(toOffice.archivedId, person.id);
    assert.match(toOffice.title, /限制查阅档案.*恢复管控/);
    const other = expectProblem(await township2.post('/api/persons', { ...body, orgUnitId: (await given(app).orgNamed('明德社区')).id }), 409, 'idNumber');
    assert.equal(other.archivedId, undefined);
  });

  it('only the office restores: a township gets 403 (the access matrix), a missing or not archived person 404 — nothing written', async () => {
    const person = await archivedPerson('恢复乙');
    const before = await counts(person.id);
    assert.equal((await restore(township, person.id, { reason: '再次被查获吸毒' })).statusCode, 403);
    assert.equal((await restore(township2, person.id, { reason: '再次被查获吸毒' })).statusCode, 403);
    expectProblem(await restore(office, '00000000-0000-4000-8000-000000000000', { reason: '再次被查获吸毒' }), 404);
    const active = await given(app).person(township, '河畔社区', { name: '恢复在管' });
    expectProblem(await restore(office, active.id, { reason: '不在档案中' }), 404);
    const after = await counts(person.id);
    assert.deepEqual([after.detections, after.person], [before.detections, before.person]);
  });

  it('refuses bad input with 400 naming the field, and writes nothing (not even the restore before a bad detection)', async () => {
    const person = await archivedPerson('恢复丙');
    const before = await counts(person.id);
    const cases: [object, string][] = [
      [{}, 'reason'],
      [{ reason: ' ' }, 'reason'],
      [{ reason: 'x'.repeat(501) }, 'reason'],
      [{ reason: '复吸', detection: { ...DETECTION, detectedOn: '2026-02-30' } }, 'detection.detectedOn'],
      [{ reason: '复吸', detection: { ...DETECTION, outcome: 'unknown' } }, 'detection.outcome'],
      [{ reason: '复吸', detection: { ...DETECTION, substances: [] } }, 'detection.substances'],
      // Checked by the service inside the restore's transaction: the restore rolls back with it.
      [{ reason: '复吸', detection: { ...DETECTION, detectedOn: '2026-11-24' } }, 'detection.detectedOn'],
      [{ reason: '复吸', detection: { ...DETECTION, substances: ['notInCatalogue'] } }, 'detection.substances'],
    ];
    for (const [body, field] of cases) {
      const problem = expectProblem(await restore(office, person.id, body), 400, field);
      assert.match(problem.errors?.[0]?.message ?? '', /[\u4e00-\u9fff]/, `a Chinese message for ${field}`);
    }
    assert.deepEqual(await counts(person.id), before);
  });

  it('restores the person and every archived record into the township\'s lists, with the reason, the detection and an audit row', async () => {
    const person = await archivedPerson('恢复丁');
    const restored = await restore(office, person.id, { reason: '2026-11-20再次被查获吸毒，恢复管控', detection: DETECTION });
    assert.equal(restored.statusCode, 200, restored.body);

    const stored = await app.platform.db.selectFrom('person').select(['status', 'org_path']).where('id', '=', person.id).executeTakeFirstOrThrow();
    assert.equal(stored.status, 'active');
    assert.doesNotMatch(stored.org_path, /^archive:/);
    for (const table of ARCHIVED_TABLES.filter((t) => t !== 'person')) {
      const rows = await app.platform.db.selectFrom(table as 'detection').select('org_path').where('person_id', '=', person.id).execute();
      assert.ok(rows.every((r) => !r.org_path.startsWith('archive:')), `${table}: no archived row left`);
    }
    // Back in the township's ordinary reads: the person, the list and search by ID number, the new detection.
    assert.equal((await township.get(`/api/persons/${person.id}`)).statusCode, 200);
    const search = (await township.get(`/api/persons?q=${person.idNumber}`)).json<{ items: { id: string; status: string }[] }>();
    assert.deepEqual(search.items.map((p) => [p.id, p.status]), [[person.id, 'active']]);
    const detections = await app.platform.db.selectFrom('detection').select(['detected_on', 'org_path']).where('person_id', '=', person.id).orderBy('detected_on').execute();
    assert.deepEqual(detections.map((d) => d.detected_on), ['2022-01-10', '2026-11-20']);
    assert.equal(detections[1]?.org_path, stored.org_path);
    expectProblem(await township2.get(`/api/persons/${person.id}`), 404, undefined);

    // Out of the archive; the approved review keeps when and why; the timeline says so.
    const archive = (await office.get(`/api/archive/persons?q=${person.idNumber}`)).json<{ items: ArchivedPerson[] }>();
    assert.equal(archive.items.length, 0);
    const review = await app.platform.db.selectFrom('abstinence_review').select(['status', 'restored_on', 'restore_reason', 'org_path']).where('id', '=', person.reviewId).executeTakeFirstOrThrow();
    assert.deepEqual([review.status, review.restored_on, review.restore_reason], ['approved', '2026-11-23', '2026-11-20再次被查获吸毒，恢复管控']);
    const timeline = (await township.get(`/api/persons/${person.id}/timeline`)).json<PersonTimeline>().items;
    const entry = timeline.find((e) => e.title.startsWith('恢复管控'));
    assert.deepEqual([entry?.date, entry?.detail], ['2026-11-23', '2026-11-20再次被查获吸毒，恢复管控']);

    const audit = await app.platform.db.selectFrom('audit_event').select(['actor_id', 'changes', 'reason']).where('action', '=', 'archive.restored').where('entity_id', '=', person.id).execute();
    assert.equal(audit.length, 1);
    assert.equal(audit[0]?.actor_id, (await given(app).userNamed('office')).id);
    assert.doesNotMatch(`${JSON.stringify(audit[0]?.changes)} ${audit[0]?.reason ?? ''}`, /再次被查获/, 'the reason stays on the review');

    // Registering the number again now links to the (in-scope) person; restoring twice is a 404.
    const again = expectProblem(await township.post('/api/persons', { name: '恢复丁', idNumber: person.idNumber, gender: 'male', orgUnitId: riverside }), 409, 'idNumber');
    assert.equal(again.existingId, person.id);
    expectProblem(await restore(office, person.id, { reason: '重复恢复' }), 404);
  });
});
