import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { PersonDetail } from '@qingyuan/shared';
import { fakeIdNumber, given } from '../../testing/given.ts';
import { startTestApp, type Agent, type TestApp } from '../../testing/test-app.ts';
import { createdId, enforcementGiven, expectProblem } from '../../testing/enforcement-given.ts';

/** 查获 fed by 查处吸毒: a handling of drug use is typed once, in enforcement, and shows on the person's record. */
describe('sanctions feed the person’s detections (nothing typed twice)', () => {
  let app: TestApp;
  let police: Agent;
  let township: Agent;
  let g: ReturnType<typeof enforcementGiven>;

  before(async () => {
    app = await startTestApp();
    police = await app.login('police');
    township = await app.login('township');
    g = enforcementGiven(app);
  });
  after(() => app.close());

  const detections = async (id: string) => (await township.get(`/api/persons/${id}`)).json<PersonDetail>().detections;
  const sanction = async (idNumber: string, fields: Record<string, unknown>) => createdId(await police.post('/api/enforcement/sanctions', {
    name: '测试人员', idNumber, orgUnitId: (await g.unit('河畔社区')).id, handlingUnitId: (await g.unit('公安分局禁毒大队')).id, ...fields,
  }));

  it('a sanction of a registered person becomes their detection, audited; typing it again on the person page is refused', async () => {
    const person = await given(app).person(township, '河畔社区');
    const sanctionId = await sanction(person.idNumber, { kind: 'administrativeDetention', detentionDays: 10, decidedAt: '2026-11-01' });
    const [fed, ...rest] = await detections(person.id);
    assert.equal(rest.length, 0);
    assert.equal(fed?.detectedOn, '2026-11-01');
    assert.equal(fed?.outcome, 'administrativeDetention');
    assert.equal(fed?.agency, '公安分局禁毒大队');
    const row = await app.platform.db.selectFrom('detection').select('sanction_id').where('person_id', '=', person.id).executeTakeFirstOrThrow();
    assert.equal(row.sanction_id, sanctionId);
    const audit = await app.platform.db.selectFrom('audit_event').select(['action', 'entity_id']).where('action', '=', 'person.detection_added').where('entity_id', '=', person.id).execute();
    assert.equal(audit.length, 1);

    const again = await township.post(`/api/persons/${person.id}/detections`, { detectedOn: '2026-11-01', agency: '清源派出所', substances: ['heroin'], outcome: 'administrativeDetention' });
    expectProblem(again, 409, 'outcome');
    assert.equal((await detections(person.id)).length, 1, 'nothing written');
    // Another outcome that day is a different detection and may be typed.
    assert.equal((await township.post(`/api/persons/${person.id}/detections`, { detectedOn: '2026-11-01', agency: '清源派出所', substances: ['heroin'], outcome: 'warning' })).statusCode, 201);
  });

  it('a detection typed first is linked to the later sanction, not duplicated; an unregistered person gets none', async () => {
    const person = await given(app).person(township, '河畔社区');
    assert.equal((await township.post(`/api/persons/${person.id}/detections`, { detectedOn: '2026-10-01', agency: '清源派出所', substances: ['heroin'], outcome: 'fine' })).statusCode, 201);
    const sanctionId = await sanction(person.idNumber, { kind: 'fine', fineAmount: '500', decidedAt: '2026-10-01' });
    const list = await detections(person.id);
    assert.equal(list.length, 1);
    const row = await app.platform.db.selectFrom('detection').select('sanction_id').where('person_id', '=', person.id).executeTakeFirstOrThrow();
    assert.equal(row.sanction_id, sanctionId);

    const before = Number((await app.platform.db.selectFrom('detection').select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow()).n);
    await sanction(fakeIdNumber(977, '1979-09-09'), { kind: 'compulsoryIsolation', decidedAt: '2026-10-02' });
    const after = Number((await app.platform.db.selectFrom('detection').select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow()).n);
    assert.equal(after, before);
  });
});
