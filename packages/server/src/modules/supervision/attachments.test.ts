import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import { ATTACHMENT_MAX_BYTES, type AssistanceDto, type AttachmentDto } from '@qingyuan/shared';
import { expectProblem } from '../../testing/expect-problem.ts';
import { given } from '../../testing/given.ts';
import { startTestApp, type Agent, type TestApp } from '../../testing/test-app.ts';

const PDF = Buffer.from('%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n');
const PNG = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52]);
const b64 = (bytes: Buffer): string => bytes.toString('base64');

describe('attachments: assistance papers and measure agreements (协议书)', () => {
  let app: TestApp;
  let township: Agent;
  let township2: Agent;
  let personId: string;
  let assistanceId: string;
  let measureId: string;

  const count = async (): Promise<number> =>
    Number((await app.platform.db.selectFrom('attachment').select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow()).n);

  before(async () => {
    app = await startTestApp();
    township = await app.login('township');
    township2 = await app.login('township2');
    personId = (await given(app).person(township, '河畔社区')).id;
    const assistance = await township.post(`/api/persons/${personId}/assistance`, { kind: 'medical', givenOn: '2026-11-01', provider: '区医院' });
    assert.equal(assistance.statusCode, 201, assistance.body);
    assistanceId = assistance.json<{ id: string }>().id;
    const community = await given(app).orgNamed('河畔社区');
    const measure = await township.post(`/api/persons/${personId}/measures`, {
      kind: 'communityTreatment', decisionDate: '2026-11-10', decisionReceivedDate: '2026-11-12', decidingAgency: '清源区公安分局', executingOrgUnitId: community.id,
    });
    assert.equal(measure.statusCode, 201, measure.body);
    measureId = measure.json<{ id: string }>().id;
  });
  after(() => app.close());

  it('stores a PDF for an assistance record (type sniffed, sha256 kept), lists it and serves it back, audited', async () => {
    const upload = await township.post(`/api/assistance/${assistanceId}/attachments`, { fileName: '医疗救助审批表.pdf', contentBase64: b64(PDF) });
    assert.equal(upload.statusCode, 201, upload.body);
    const id = upload.json<{ id: string }>().id;
    const [item] = (await township.get(`/api/persons/${personId}/assistance`)).json<{ items: AssistanceDto[] }>().items;
    const sha256 = createHash('sha256').update(PDF).digest('hex');
    assert.deepEqual(item?.attachments.map((a) => [a.id, a.fileName, a.contentType, a.sizeBytes, a.sha256]), [[id, '医疗救助审批表.pdf', 'application/pdf', PDF.length, sha256]]);
    const download = await township.get(`/api/attachments/${id}`);
    assert.equal(download.statusCode, 200);
    assert.equal(download.headers['content-type'], 'application/pdf');
    assert.equal(download.headers['x-content-type-options'], 'nosniff');
    assert.match(String(download.headers['content-disposition']), /^attachment; .*filename\*=UTF-8''%E5%8C%BB/);
    assert.deepEqual(download.rawPayload, PDF);
    const audit = await app.platform.db.selectFrom('audit_event').select(['action', 'changes', 'actor_username']).where('entity_id', '=', personId)
      .where('action', 'in', ['attachment.uploaded', 'attachment.downloaded']).orderBy('seq').execute();
    assert.deepEqual(audit.map((a) => a.action), ['attachment.uploaded', 'attachment.downloaded']);
    assert.ok(audit.every((a) => a.actor_username === 'township' && (a.changes ?? '').includes(sha256)));
  });

  it('keeps the agreement (协议书) of a measure: upload a PNG, list it', async () => {
    const upload = await township.post(`/api/measures/${measureId}/attachments`, { fileName: '社区戒毒协议书.png', contentBase64: b64(PNG) });
    assert.equal(upload.statusCode, 201, upload.body);
    const list = (await township.get(`/api/measures/${measureId}/attachments`)).json<{ items: AttachmentDto[] }>().items;
    assert.deepEqual(list.map((a) => [a.fileName, a.contentType]), [['社区戒毒协议书.png', 'image/png']]);
  });

  it('refuses a type it does not recognise by content (whatever the name says), an oversized file and bad base64, writing nothing', async () => {
    const before = await count();
    const url = `/api/assistance/${assistanceId}/attachments`;
    const exe = Buffer.concat([Buffer.from('MZ'), Buffer.alloc(64)]);
    expectProblem(await township.post(url, { fileName: '伪装.pdf', contentBase64: b64(exe) }), 400, 'contentBase64');
    expectProblem(await township.post(url, { fileName: '文本.png', contentBase64: b64(Buffer.from('just text, not an image')) }), 400, 'contentBase64');
    // A ZIP that is not a Word document.
    const zip = Buffer.concat([Buffer.from([0x50, 0x4b, 0x03, 0x04]), Buffer.from('other/file.txt')]);
    expectProblem(await township.post(url, { fileName: '压缩包.docx', contentBase64: b64(zip) }), 400, 'contentBase64');
    const big = Buffer.alloc(ATTACHMENT_MAX_BYTES + 1, 0x20);
    PDF.copy(big);
    expectProblem(await township.post(url, { fileName: '太大.pdf', contentBase64: b64(big) }), 400, 'contentBase64');
    expectProblem(await township.post(url, { fileName: '坏.pdf', contentBase64: '%%%not-base64%%%' }), 400, 'contentBase64');
    expectProblem(await township.post(url, { fileName: '../etc/passwd', contentBase64: b64(PDF) }), 400, 'fileName');
    assert.equal(await count(), before);
    // Exactly 10 MB is allowed.
    const limit = Buffer.alloc(ATTACHMENT_MAX_BYTES, 0x20);
    PDF.copy(limit);
    assert.equal((await township.post(url, { fileName: '恰好10MB.pdf', contentBase64: b64(limit) })).statusCode, 201);
    assert.equal(await count(), before + 1);
  });

  it('scopes attachments like the person: township2 gets 404 on upload, list and download, unaudited as a download', async () => {
    const upload = await township.post(`/api/assistance/${assistanceId}/attachments`, { fileName: '材料.pdf', contentBase64: b64(PDF) });
    const id = upload.json<{ id: string }>().id;
    const before = await count();
    expectProblem(await township2.get(`/api/attachments/${id}`), 404);
    expectProblem(await township2.post(`/api/assistance/${assistanceId}/attachments`, { fileName: '材料.pdf', contentBase64: b64(PDF) }), 404);
    expectProblem(await township2.post(`/api/measures/${measureId}/attachments`, { fileName: '材料.pdf', contentBase64: b64(PDF) }), 404);
    expectProblem(await township2.get(`/api/measures/${measureId}/attachments`), 404);
    assert.equal(await count(), before);
    const downloads = await app.platform.db.selectFrom('audit_event').select('actor_username').where('action', '=', 'attachment.downloaded').execute();
    assert.ok(downloads.every((d) => d.actor_username !== 'township2'));
  });
});
