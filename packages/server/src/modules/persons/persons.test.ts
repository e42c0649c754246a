import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import { composeIdNumber, type PersonListItem, type RevealResult } from '@qingyuan/shared';
import { fakeIdNumber, given } from '../../testing/given.ts';
import { startTestApp, type Agent, type TestApp } from '../../testing/test-app.ts';
import { auditRows, createdId, detail, expectProblem, patch } from './persons-test-support.ts';

type PersonList = { items: PersonListItem[]; total: number };

describe('person registry', () => {
  let app: TestApp;
  let township: Agent;
  let township2: Agent;
  let worker: Agent;
  let riverside: string; // 河畔社区, in 清源街道
  const unused = (n: number) => fakeIdNumber(n, '1985-06-30');

  before(async () => {
    app = await startTestApp();
    township = await app.login('township');
    township2 = await app.login('township2');
    worker = await app.login('worker');
    riverside = (await given(app).orgNamed('河畔社区')).id;
  });
  /** A worker-only account sees a person only on its work team (modules/supervision, worker scope). */
  const onWorkerTeam = async (personId: string): Promise<void> => {
    const accountId = (await given(app).userNamed('worker')).id;
    const added = await township.post(`/api/persons/${personId}/work-team`, { teamRole: 'socialWorker', accountId, startedOn: '2026-11-01' });
    assert.equal(added.statusCode, 201, added.body);
  };
  after(() => app.close());

  describe('registration', () => {
    it('registers a person, deriving birth date and sex from the ID number (body values for them are ignored)', async () => {
      const idNumber = unused(2); // even 17th digit: female
      const id = createdId(await township.post('/api/persons', {
        name: '林晓', idNumber, orgUnitId: riverside, sex: 'male', birthDate: '2001-01-01', ethnicity: '汉族',
        phones: ['13800009991'], residence: '示范区清源街道河畔社区滨江路8号', contacts: [{ name: '林母', relation: '母亲', phone: '13900009992' }],
      }));
      const person = await detail(township, id);
      assert.equal(person.sex, 'female');
      assert.equal(person.age, 41, 'born 1985-06-30, today 2026-11-23');
      assert.equal(person.idNumberMasked, `${idNumber.slice(0, 4)}**********${idNumber.slice(-4)}`);
      assert.deepEqual(person.phonesMasked, ['138****9991']);
      assert.equal(person.residenceMasked, '示范区清源街道河****');
      assert.deepEqual(person.contacts.map((c) => [c.name, c.relation, c.phoneMasked]), [['林母', '母亲', '139****9992']]);
      assert.equal(person.orgUnitName, '河畔社区');
      assert.equal(person.status, 'active');
      assert.equal(person.version, 1);
      const stored = await app.platform.db.selectFrom('person').select(['birth_date', 'sex']).where('id', '=', id).executeTakeFirstOrThrow();
      assert.deepEqual(stored, { birth_date: '1985-06-30', sex: 'female' });
      const [audit] = await auditRows(app, 'person.registered', id);
      assert.ok(audit);
      assert.deepEqual(JSON.parse(audit.changes ?? '{}'), {
        orgUnitId: riverside, name: 'changed', idNumber: 'changed', ethnicity: 'changed', phones: 'changed', residence: 'changed', contacts: 'changed',
      });
    });

    it('refuses a bad ID number with 400 naming idNumber and the GB 11643 problem, writing nothing', async () => {
      const good = unused(3);
      const wrongCheck = good.slice(0, 17) + (good.endsWith('0') ? '1' : '0');
      const cases: [string, RegExp][] = [
        [wrongCheck, /校验位/],
        [composeIdNumber('340188', '1990-02-30', 11), /真实日期/],
        [composeIdNumber('340188', '2026-11-24', 11), /合理范围/],
        [composeIdNumber('990188', '1990-01-01', 11), /行政区划/],
        ['34018819900101', /18位/],
      ];
      const persons = await given(app).rowCount('person');
      const audit = await given(app).rowCount('audit_event');
      for (const [idNumber, message] of cases) {
        const problem = expectProblem(await township.post('/api/persons', { name: '错号', idNumber, orgUnitId: riverside }), 400, 'idNumber');
        assert.match(problem.errors?.[0]?.message ?? '', message, idNumber);
      }
      assert.equal(await given(app).rowCount('person'), persons);
      assert.equal(await given(app).rowCount('audit_event'), audit);
    });

    it('answers a second registration in scope with 409 linking the existing record, however the number is typed', async () => {
      const withX = Array.from({ length: 100 }, (_, n) => composeIdNumber('340188', '1979-09-09', n)).find((id) => id.endsWith('X'))!;
      const first = await given(app).person(township, '河畔社区', { idNumber: withX });
      const persons = await given(app).rowCount('person');
      for (const typed of [first.idNumber, ` ${first.idNumber.toLowerCase().slice(0, 9)} ${first.idNumber.toLowerCase().slice(9)} `]) {
        const problem = expectProblem(await township.post('/api/persons', { name: '重复', idNumber: typed, orgUnitId: riverside }), 409, 'idNumber');
        assert.equal(problem.existingId, first.id);
      }
      assert.equal(await given(app).rowCount('person'), persons);
    });

    it('answers one registered in another township with a neutral 409 (no id, no name, no unit), audited as refused', async () => {
      const first = await given(app).person(township, '河畔社区', { name: '甄一' });
      const mingde = await given(app).orgNamed('明德社区');
      const response = await township2.post('/api/persons', { name: '甄一', idNumber: first.idNumber, orgUnitId: mingde.id });
      const problem = expectProblem(response, 409, 'idNumber');
      assert.equal(problem.existingId, undefined);
      for (const leak of [first.id, '河畔社区', '清源街道', '甄一']) assert.ok(!response.body.includes(leak), leak);
      const refused = await auditRows(app, 'person.register_refused', first.id);
      assert.equal(refused.length, 1);
      assert.equal(refused[0]?.success, false);
      assert.equal(refused[0]?.actor_username, 'township2');
      assert.ok(!(refused[0]?.changes ?? '').includes(first.idNumber));
    });

    it('refuses units outside the scope (same 400 as a missing unit) and units that cannot hold persons', async () => {
      const foreign = await given(app).orgNamed('明德社区');
      const department = await given(app).orgNamed('区教育局');
      const office = await app.login('office');
      for (const field of ['orgUnitId', 'registeredOrgUnitId', 'residenceOrgUnitId']) {
        const body = { name: '越界', idNumber: unused(5), orgUnitId: riverside };
        const outside = await township.post('/api/persons', { ...body, [field]: foreign.id });
        const missing = await township.post('/api/persons', { ...body, [field]: randomUUID() });
        assert.equal(expectProblem(outside, 400, field).title, expectProblem(missing, 400, field).title);
      }
      expectProblem(await office.post('/api/persons', { name: '部门', idNumber: unused(5), orgUnitId: department.id }), 400, 'orgUnitId');
      const district = await given(app).orgNamed('示范区');
      expectProblem(await office.post('/api/persons', { name: '区级', idNumber: unused(5), orgUnitId: district.id }), 400, 'orgUnitId');
    });
  });

  describe('lists, search and reads', () => {
    it('lists masked identities in scope, never a full number or phone', async () => {
      const person = await given(app).person(township, '河畔社区', { name: '列表人', phones: ['13800008881', '0551-66668888'] });
      const response = await township.get('/api/persons?pageSize=200');
      const list = response.json<PersonList>();
      assert.ok(list.total > 1);
      const item = list.items.find((p) => p.id === person.id);
      assert.ok(item);
      assert.deepEqual(item.phonesMasked, ['138****8881', '055******8888']);
      assert.match(item.idNumberMasked, /^\d{4}\*{10}[\dX]{4}$/);
      assert.ok(list.items.every((p) => /^\d{4}\*{10}[\dX]{4}$/.test(p.idNumberMasked)));
      assert.ok(!response.body.includes(person.idNumber) && !response.body.includes('13800008881'));
      assert.ok(!response.body.includes('birth'), 'no birth date in lists');
      assert.equal(response.headers['cache-control'], 'no-store');
    });

    it('finds a person by exact ID number through the blind index, audited without the number', async () => {
      const person = await given(app).person(township, '河畔社区', { name: '检索人' });
      const before = (await auditRows(app, 'person.searched')).length;
      for (const q of [person.idNumber, person.idNumber.toLowerCase()]) {
        const list = (await township.get(`/api/persons?q=${encodeURIComponent(q)}`)).json<PersonList>();
        assert.deepEqual(list.items.map((p) => p.id), [person.id]);
      }
      const partial = (await township.get(`/api/persons?q=${person.idNumber.slice(0, 10)}`)).json<PersonList>();
      assert.equal(partial.total, 0, 'only an exact number matches');
      const searches = (await auditRows(app, 'person.searched')).slice(before);
      assert.equal(searches.length, 3);
      assert.deepEqual(JSON.parse(searches[0]?.changes ?? '{}'), { by: 'idNumber', matches: 1 });
      assert.equal(searches[0]?.entity_id, person.id);
      assert.ok(searches.every((s) => !JSON.stringify(s).includes(person.idNumber.slice(0, 10))));
    });

    it('finds by part of a name, and filters by unit subtree and status', async () => {
      const person = await given(app).person(township, '河畔社区', { name: '欧阳子规' });
      const byName = (await township.get(`/api/persons?q=${encodeURIComponent('子规')}`)).json<PersonList>();
      assert.deepEqual(byName.items.map((p) => p.id), [person.id]);
      const street = await given(app).orgNamed('清源街道');
      const underStreet = (await township.get(`/api/persons?orgUnitId=${street.id}&pageSize=200`)).json<PersonList>();
      const underCommunity = (await township.get(`/api/persons?orgUnitId=${riverside}&pageSize=200`)).json<PersonList>();
      assert.ok(underStreet.total > underCommunity.total && underCommunity.items.some((p) => p.id === person.id));
      const units = await given(app).orgs(township);
      const riversidePath = units.find((u) => u.id === riverside)?.path ?? '?';
      const inCommunity = new Set(units.filter((u) => u.path.startsWith(riversidePath)).map((u) => u.id));
      assert.ok(underCommunity.items.every((p) => inCommunity.has(p.orgUnitId)));
      const departed = (await township.get('/api/persons?status=departed&pageSize=200')).json<PersonList>();
      assert.ok(departed.items.every((p) => p.status === 'departed'));
      expectProblem(await township.get(`/api/persons?orgUnitId=${(await given(app).orgNamed('明德街道')).id}`), 400, 'orgUnitId');
    });

    it('audits every read of a person, and answers an unknown id with 404', async () => {
      const person = await given(app).person(township, '河畔社区');
      await onWorkerTeam(person.id);
      await detail(worker, person.id);
      const views = await auditRows(app, 'person.viewed', person.id);
      assert.deepEqual(views.map((v) => v.actor_username), ['worker']);
      expectProblem(await township.get(`/api/persons/${randomUUID()}`), 404);
    });
  });

  describe('reveal', () => {
    it('gives the full value to a permitted role with a reason, audited with that reason, never cached', async () => {
      const person = await given(app).person(township, '河畔社区', {
        phones: ['13800007771'], registeredAddress: '示范区清源街道文昌社区3号', contacts: [{ name: '赵父', relation: '父亲', phone: '13900007772' }],
      });
      const reveal = (field: string) => township.post(`/api/persons/${person.id}/reveal`, { field, reason: '入户走访核对身份' });
      const idNumber = await reveal('idNumber');
      assert.equal(idNumber.statusCode, 200, idNumber.body);
      assert.equal(idNumber.headers['cache-control'], 'no-store');
      assert.deepEqual(idNumber.json<RevealResult>(), { field: 'idNumber', value: person.idNumber });
      assert.deepEqual((await reveal('phones')).json<RevealResult>(), { field: 'phones', value: ['13800007771'] });
      assert.deepEqual((await reveal('registeredAddress')).json<RevealResult>(), { field: 'registeredAddress', value: '示范区清源街道文昌社区3号' });
      assert.deepEqual((await reveal('residence')).json<RevealResult>(), { field: 'residence', value: null });
      const contacts = (await reveal('contacts')).json<RevealResult>();
      assert.ok(contacts.field === 'contacts');
      assert.deepEqual(contacts.value.map((c) => c.phone), ['13900007772']);
      const audits = await auditRows(app, 'person.revealed', person.id);
      assert.deepEqual(audits.map((a) => JSON.parse(a.changes ?? '{}') as unknown), ['idNumber', 'phones', 'registeredAddress', 'residence', 'contacts'].map((field) => ({ field })));
      assert.ok(audits.every((a) => a.reason === '入户走访核对身份' && a.actor_username === 'township'));
    });

    it('needs a reason of at least 5 characters, and the reveal permission (a worker gets 403, audited)', async () => {
      const person = await given(app).person(township, '河畔社区');
      expectProblem(await township.post(`/api/persons/${person.id}/reveal`, { field: 'idNumber' }), 400, 'reason');
      expectProblem(await township.post(`/api/persons/${person.id}/reveal`, { field: 'idNumber', reason: ' 核对 ' }), 400, 'reason');
      expectProblem(await township.post(`/api/persons/${person.id}/reveal`, { field: 'birthDate', reason: '入户走访核对身份' }), 400, 'field');
      expectProblem(await worker.post(`/api/persons/${person.id}/reveal`, { field: 'idNumber', reason: '入户走访核对身份' }), 403);
      assert.equal((await auditRows(app, 'person.revealed', person.id)).length, 0);
      const denied = await auditRows(app, 'access.denied');
      assert.ok(denied.some((d) => d.actor_username === 'worker' && d.entity_id === 'POST /api/persons/:id/reveal'));
    });
  });

  describe('edits with row versions', () => {
    it('needs If-Match, refuses a stale version with 412, and moves the version and ETag on', async () => {
      const person = await given(app).person(township, '河畔社区');
      expectProblem(await patch(township, person.id, null, { employment: '务工' }), 428, 'if-match');
      expectProblem(await township.request('PATCH', `/api/persons/${person.id}`, { employment: '务工' }, { 'if-match': '*' }), 400, 'if-match');
      await onWorkerTeam(person.id);
      const first = await patch(township, person.id, 1, { employment: '务工', phones: ['13800006661'] });
      assert.equal(first.statusCode, 200, first.body);
      assert.equal(first.headers.etag, '"2"');
      const stale = await patch(worker, person.id, 1, { employment: '无业' });
      expectProblem(stale, 412, 'if-match');
      const now = await detail(township, person.id);
      assert.equal(now.employment, '务工');
      assert.equal(now.version, 2);
      const [audit] = await auditRows(app, 'person.updated', person.id);
      assert.deepEqual(JSON.parse(audit?.changes ?? '{}'), { employment: 'changed', phones: 'changed' });
      assert.ok(!(audit?.changes ?? '').includes('13800006661'));
    });

    it('leaves the version alone when nothing really changes', async () => {
      const person = await given(app).person(township, '河畔社区', { name: '不变', employment: '务农' });
      const response = await patch(township, person.id, 1, { name: '不变', employment: '务农' });
      assert.equal(response.statusCode, 200, response.body);
      assert.equal(response.headers.etag, '"1"');
      assert.equal((await auditRows(app, 'person.updated', person.id)).length, 0);
    });

    it('re-derives sex and birth date from a corrected ID number, refusing one that is taken', async () => {
      const other = await given(app).person(township, '河畔社区');
      const person = await given(app).person(township, '河畔社区');
      expectProblem(await patch(township, person.id, 1, { idNumber: other.idNumber }), 409, 'idNumber');
      const corrected = composeIdNumber('340188', '2000-02-29', 8);
      const response = await patch(township, person.id, 1, { idNumber: corrected });
      assert.equal(response.statusCode, 200, response.body);
      const after = await detail(township, person.id);
      assert.equal(after.sex, 'female');
      assert.equal(after.age, 26);
      const search = (await township.get(`/api/persons?q=${corrected}`)).json<PersonList>();
      assert.deepEqual(search.items.map((p) => p.id), [person.id]);
    });

    it('changes the responsible unit within scope, and the status', async () => {
      const person = await given(app).person(township, '河畔社区');
      const wenchang = await given(app).orgNamed('文昌社区');
      const response = await patch(township, person.id, 1, { orgUnitId: wenchang.id, status: 'departed' });
      assert.equal(response.statusCode, 200, response.body);
      const stored = await app.platform.db.selectFrom('person').select(['org_path', 'status']).where('id', '=', person.id).executeTakeFirstOrThrow();
      assert.deepEqual(stored, { org_path: wenchang.path, status: 'departed' });
      const [audit] = await auditRows(app, 'person.updated', person.id);
      assert.deepEqual(JSON.parse(audit?.changes ?? '{}'), { orgUnitId: { from: riverside, to: wenchang.id }, status: 'changed' });
      expectProblem(await patch(township, person.id, 2, { orgUnitId: (await given(app).orgNamed('明德社区')).id }), 400, 'orgUnitId');
    });
  });
});
