import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import { PERSON_PHOTO_MAX_BYTES } from '@qingyuan/shared';
import { given } from '../../testing/given.ts';
import { startTestApp, type Agent, type TestApp } from '../../testing/test-app.ts';
import { auditRows, detail, expectProblem, shape } from './persons-test-support.ts';

const PNG = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.from('IHDR 模拟图像数据 png')]);
const JPEG = Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), Buffer.from('JFIF 模拟图像数据 jpeg'), Buffer.from([0xff, 0xd9])]);
/** The `changes` JSON of an audit row. */
const changesOf = (row: { changes: string | null } | undefined): Record<string, unknown> => JSON.parse(row?.changes ?? '{}') as Record<string, unknown>;
const upload = (fileName: string, content: Buffer) => ({ fileName, contentBase64: content.toString('base64') });

describe('person photo (照片)', () => {
  let app: TestApp;
  let township: Agent;
  let township2: Agent;
  let worker: Agent;
  let person: { id: string };

  before(async () => {
    app = await startTestApp();
    township = await app.login('township');
    township2 = await app.login('township2');
    worker = await app.login('worker');
    person = await given(app).person(township, '河畔社区', { name: '照片人员' });
  });
  after(() => app.close());

  const rows = () => app.platform.db.selectFrom('person_photo').selectAll().where('person_id', '=', person.id).execute();
  const url = () => `/api/persons/${person.id}/photo`;

  it('stores a PNG sealed, serves the same bytes with its type and no-store, audits upload and view, flips hasPhoto', async () => {
    assert.equal((await detail(township, person.id)).hasPhoto, false);
    expectProblem(await township.get(url()), 404);
    const put = await township.put(url(), upload('证件照.png', PNG));
    assert.equal(put.statusCode, 204, put.body);
    assert.equal((await detail(township, person.id)).hasPhoto, true);
    const [stored] = await rows();
    assert.ok(stored);
    assert.equal(stored.content_type, 'image/png');
    assert.equal(stored.size_bytes, PNG.length);
    assert.ok(!stored.content_enc.includes(PNG.toString('base64')), 'the image is sealed at rest');
    const got = await township.get(url());
    assert.equal(got.statusCode, 200);
    assert.equal(got.headers['content-type'], 'image/png');
    assert.equal(got.headers['cache-control'], 'no-store');
    assert.equal(got.headers['x-content-type-options'], 'nosniff');
    assert.deepEqual(got.rawPayload, PNG);
    const [uploaded] = await auditRows(app, 'person.photo_uploaded', person.id);
    assert.ok(uploaded);
    assert.equal(changesOf(uploaded).sha256, stored.sha256);
    assert.equal((await auditRows(app, 'person.photo_viewed', person.id)).length, 1);
  });

  it('replaces the photo with a JPEG (one row; the audit keeps the replaced digest)', async () => {
    const [before] = await rows();
    assert.ok(before);
    const put = await township.put(url(), upload('新照片.jpg', JPEG));
    assert.equal(put.statusCode, 204, put.body);
    const after = await rows();
    assert.equal(after.length, 1);
    assert.equal(after[0]?.content_type, 'image/jpeg');
    const got = await township.get(url());
    assert.equal(got.headers['content-type'], 'image/jpeg');
    assert.deepEqual(got.rawPayload, JPEG);
    const audits = await auditRows(app, 'person.photo_uploaded', person.id);
    assert.equal(audits.length, 2);
    assert.equal(changesOf(audits[1]).replacedSha256, before.sha256);
  });

  it('refuses another type (PDF, text named .jpg), an empty or a too large file with 400 naming contentBase64, writing nothing', async () => {
    const [before] = await rows();
    const audits = (await auditRows(app, 'person.photo_uploaded')).length;
    const tooLarge = Buffer.alloc(PERSON_PHOTO_MAX_BYTES + 1, 0);
    PNG.copy(tooLarge);
    for (const body of [
      upload('协议.pdf', Buffer.from('%PDF-1.4\n%%EOF\n')),
      upload('照片.jpg', Buffer.from('这不是图片')),
      upload('照片.png', tooLarge),
      { fileName: '照片.png', contentBase64: '' },
      { fileName: '照片.png', contentBase64: 'not base64!' },
    ]) {
      const problem = expectProblem(await township.put(url(), body), 400, 'contentBase64');
      assert.ok(problem.errors?.every((e) => /[\u4e00-\u9fff]/.test(e.message)));
    }
    expectProblem(await township.put(url(), { contentBase64: PNG.toString('base64') }), 400, 'fileName');
    assert.deepEqual(await rows(), [before]);
    assert.equal((await auditRows(app, 'person.photo_uploaded')).length, audits);
  });

  it('answers another township 404 on all three routes, exactly like a missing person, changing nothing', async () => {
    const [before] = await rows();
    const operations = [
      (id: string) => township2.put(`/api/persons/${id}/photo`, upload('越权.png', PNG)),
      (id: string) => township2.get(`/api/persons/${id}/photo`),
      (id: string) => township2.request('DELETE', `/api/persons/${id}/photo`),
    ];
    for (const operation of operations) {
      const missing = await operation(randomUUID());
      expectProblem(missing, 404);
      assert.deepEqual(shape(await operation(person.id)), shape(missing));
    }
    assert.deepEqual(await rows(), [before]);
    const byTownship2 = await app.platform.db.selectFrom('audit_event').select('seq').where('action', 'like', 'person.photo_%').where('actor_username', '=', 'township2').execute();
    assert.equal(byTownship2.length, 0);
  });

  it('lets a worker reach the photo of its team\'s persons only', async () => {
    for (const operation of [() => worker.put(url(), upload('照片.png', PNG)), () => worker.get(url()), () => worker.request('DELETE', url())]) {
      expectProblem(await operation(), 404);
    }
    const accountId = (await given(app).userNamed('worker')).id;
    const added = await township.post(`/api/persons/${person.id}/work-team`, { teamRole: 'socialWorker', accountId, startedOn: '2026-11-01' });
    assert.equal(added.statusCode, 201, added.body);
    const got = await worker.get(url());
    assert.equal(got.statusCode, 200);
    assert.deepEqual(got.rawPayload, JPEG);
  });

  it('refuses a department account (no persons.read/write) with 403', async () => {
    const department = await app.login('department');
    expectProblem(await department.get(url()), 403);
    expectProblem(await department.put(url(), upload('照片.png', PNG)), 403);
    expectProblem(await department.request('DELETE', url()), 403);
  });

  it('deletes the photo (audited, hasPhoto flips back); deleting none writes nothing', async () => {
    const [before] = await rows();
    assert.ok(before);
    const removed = await township.request('DELETE', url());
    assert.equal(removed.statusCode, 204, removed.body);
    assert.deepEqual(await rows(), []);
    assert.equal((await detail(township, person.id)).hasPhoto, false);
    expectProblem(await township.get(url()), 404);
    const deletions = await auditRows(app, 'person.photo_deleted', person.id);
    assert.equal(deletions.length, 1);
    assert.equal(changesOf(deletions[0]).sha256, before.sha256);
    assert.equal((await township.request('DELETE', url())).statusCode, 204);
    assert.equal((await auditRows(app, 'person.photo_deleted', person.id)).length, 1);
  });
});
