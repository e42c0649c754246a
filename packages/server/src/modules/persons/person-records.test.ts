import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import type { OrgUnit, PersonListItem, Substance } from '@qingyuan/shared';
import { fakeIdNumber, given } from '../../testing/given.ts';
import { startTestApp, type Agent, type TestApp } from '../../testing/test-app.ts';
import { auditRows, createdId, detail, expectProblem, patch } from './persons-test-support.ts';

type PersonList = { items: PersonListItem[]; total: number };

describe("a person's detections, relationships, and org-tree changes", () => {
  let app: TestApp;
  let township: Agent;
  let office: Agent;
  const detection = { detectedOn: '2025-08-01', agency: '清源派出所', substances: ['methamphetamine', 'ketamine'], outcome: 'administrativeDetention' };

  before(async () => {
    app = await startTestApp();
    township = await app.login('township');
    office = await app.login('office');
  });
  after(() => app.close());

  describe('substance catalogue and detections', () => {
    it('serves the catalogue as data, in its order', async () => {
      const { items } = (await township.get('/api/substances')).json<{ items: Substance[] }>();
      assert.deepEqual(items.map((s) => s.code), ['heroin', 'methamphetamine', 'ketamine', 'cannabis', 'mdma', 'cocaine', 'nps', 'etomidate', 'methadone', 'other']);
      assert.equal(items.find((s) => s.code === 'methamphetamine')?.name, '甲基苯丙胺（冰毒）');
    });

    it('records a detection with its substances and shows it on the person, newest first', async () => {
      const person = await given(app).person(township, '河畔社区');
      const older = createdId(await township.post(`/api/persons/${person.id}/detections`, { ...detection, detectedOn: '2019-03-04', substances: ['heroin'], outcome: 'compulsoryIsolation' }));
      const newer = createdId(await township.post(`/api/persons/${person.id}/detections`, { ...detection, notes: '现场查获' }));
      const { detections } = await detail(township, person.id);
      assert.deepEqual(detections.map((d) => d.id), [newer, older]);
      assert.deepEqual(detections[0]?.substances, [{ code: 'methamphetamine', name: '甲基苯丙胺（冰毒）' }, { code: 'ketamine', name: '氯胺酮' }]);
      assert.equal(detections[0]?.notes, '现场查获');
      const stored = await app.platform.db.selectFrom('detection').select(['org_path', 'created_by']).where('id', '=', newer).executeTakeFirstOrThrow();
      assert.equal(stored.org_path, person.orgUnit.path);
      const audit = await auditRows(app, 'person.detection_added', person.id);
      assert.equal(audit.length, 2);
      assert.deepEqual(JSON.parse(audit[1]?.changes ?? '{}'), { detectionId: newer, detectedOn: 'changed', agency: 'changed', substances: 'changed', outcome: 'changed', notes: 'changed' });
    });

    it('refuses an unknown substance, a future date or one before birth (400 naming the field), writing nothing', async () => {
      const person = await given(app).person(township, '河畔社区');
      const counts = async () => [await given(app).rowCount('detection'), await given(app).rowCount('detection_substance'), await given(app).rowCount('audit_event')];
      const before = await counts();
      const post = (body: object) => township.post(`/api/persons/${person.id}/detections`, { ...detection, ...body });
      expectProblem(await post({ substances: ['methamphetamine', 'unobtainium'] }), 400, 'substances');
      expectProblem(await post({ substances: [] }), 400, 'substances');
      expectProblem(await post({ substances: ['heroin', 'heroin'] }), 400, 'substances');
      expectProblem(await post({ detectedOn: '2026-11-24' }), 400, 'detectedOn');
      expectProblem(await post({ detectedOn: '2025-02-29' }), 400, 'detectedOn');
      expectProblem(await post({ detectedOn: '1960-01-01' }), 400, 'detectedOn');
      expectProblem(await post({ outcome: 'executed' }), 400, 'outcome');
      expectProblem(await post({ agency: '  ' }), 400, 'agency');
      assert.deepEqual(await counts(), before);
      assert.equal(createdId(await post({ detectedOn: '2026-11-23' })).length, 36, 'today is fine');
    });

    it('answers 404 for a missing person', async () => {
      expectProblem(await township.post(`/api/persons/${randomUUID()}/detections`, detection), 404);
    });
  });

  describe('relationships', () => {
    it('links two persons in scope and shows the link from both sides', async () => {
      const buyer = await given(app).person(township, '河畔社区', { name: '下家甲' });
      const supplier = await given(app).person(township, '文昌社区', { name: '上家乙' });
      createdId(await township.post(`/api/persons/${buyer.id}/relationships`, { relatedPersonId: supplier.id, kind: 'supplier', notes: '多次供货' }));
      const fromBuyer = (await detail(township, buyer.id)).relationships;
      assert.deepEqual(fromBuyer.map((r) => [r.kind, r.direction, r.other.name, r.notes]), [['supplier', 'outgoing', '上家乙', '多次供货']]);
      assert.match(fromBuyer[0]?.other.idNumberMasked ?? '', /^\d{4}\*{10}/);
      const fromSupplier = (await detail(township, supplier.id)).relationships;
      assert.deepEqual(fromSupplier.map((r) => [r.kind, r.direction, r.other.id]), [['supplier', 'incoming', buyer.id]]);
    });

    it('refuses itself, an out-of-scope or missing person (same 400), and a duplicate from either side (409)', async () => {
      const a = await given(app).person(township, '河畔社区');
      const b = await given(app).person(township, '河畔社区');
      const foreign = await given(app).person(office, '明德社区');
      const link = (from: string, to: string, kind = 'coUser') => township.post(`/api/persons/${from}/relationships`, { relatedPersonId: to, kind });
      expectProblem(await link(a.id, a.id), 400, 'relatedPersonId');
      const outside = expectProblem(await link(a.id, foreign.id), 400, 'relatedPersonId');
      assert.equal(outside.title, expectProblem(await link(a.id, randomUUID()), 400, 'relatedPersonId').title);
      createdId(await link(a.id, b.id));
      expectProblem(await link(a.id, b.id), 409, 'relatedPersonId');
      expectProblem(await link(b.id, a.id), 409, 'relatedPersonId');
      createdId(await link(b.id, a.id, 'family'));
      expectProblem(await link(foreign.id, a.id), 404);
    });

    it('hides the other side of a link when it lies outside the reader\'s scope', async () => {
      const local = await given(app).person(office, '河畔社区');
      const foreign = await given(app).person(office, '明德社区', { name: '外街人员' });
      createdId(await office.post(`/api/persons/${local.id}/relationships`, { relatedPersonId: foreign.id, kind: 'coUser' }));
      assert.equal((await detail(office, local.id)).relationships.length, 1);
      const response = await township.get(`/api/persons/${local.id}`);
      assert.equal(response.json<{ relationships: unknown[] }>().relationships.length, 0);
      assert.ok(!response.body.includes('外街人员') && !response.body.includes(foreign.id));
    });
  });

  describe('following the org tree', () => {
    it('moves persons and their detections with a moved unit, out of the old township\'s sight', async () => {
      const street = await given(app).orgNamed('清源街道');
      const unit = (await office.post('/api/orgs', { parentId: street.id, name: '迁移测试社区', kind: 'community' })).json<OrgUnit>();
      const person = await given(app).person(township, '迁移测试社区');
      createdId(await township.post(`/api/persons/${person.id}/detections`, detection));
      const mingde = await given(app).orgNamed('明德街道');
      const moved = await office.post(`/api/orgs/${unit.id}/move`, { newParentId: mingde.id });
      assert.equal(moved.statusCode, 200, moved.body);
      const newPath = moved.json<OrgUnit>().path;
      const rows = await app.platform.db.selectFrom('detection').select('org_path').where('person_id', '=', person.id).execute();
      assert.deepEqual(rows.map((r) => r.org_path), [newPath]);
      const stored = await app.platform.db.selectFrom('person').select('org_path').where('id', '=', person.id).executeTakeFirstOrThrow();
      assert.equal(stored.org_path, newPath);
      expectProblem(await township.get(`/api/persons/${person.id}`), 404);
      const township2 = await app.login('township2');
      assert.deepEqual((await township2.get(`/api/persons?q=${person.idNumber}`)).json<PersonList>().items.map((p) => p.id), [person.id]);
    });

    it('refuses to deactivate a unit responsible for persons on the register, until they are moved on', async () => {
      const street = await given(app).orgNamed('清源街道');
      const unit = (await office.post('/api/orgs', { parentId: street.id, name: '停用测试社区', kind: 'community' })).json<OrgUnit>();
      const person = await given(app).person(township, '停用测试社区');
      const refused = expectProblem(await office.post(`/api/orgs/${unit.id}/deactivate`), 400, 'id');
      assert.match(refused.title, /在册人员/);
      assert.equal((await patch(township, person.id, 1, { status: 'deceased' })).statusCode, 200);
      const done = await office.post(`/api/orgs/${unit.id}/deactivate`);
      assert.equal(done.statusCode, 200, done.body);
      // A deactivated unit takes no new persons.
      expectProblem(await township.post('/api/persons', { name: '新人', idNumber: fakeIdNumber(999, '1977-01-01'), orgUnitId: unit.id }), 400, 'orgUnitId');
    });
  });
});
