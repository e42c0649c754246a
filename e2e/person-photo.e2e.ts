import assert from 'node:assert/strict';
import { deflateSync } from 'node:zlib';
import { after, before, describe, it } from 'node:test';
import { signIn, startPlatform, type RunningPlatform } from './support/platform.ts';

/** A valid 2×2 PNG (CRCs computed), so the server's magic-number check and the browser's decoder both accept it. */
function tinyPng(): Buffer {
  const crcTable = Array.from({ length: 256 }, (_, n) => {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    return c >>> 0;
  });
  const crc = (bytes: Buffer) => {
    let c = 0xffffffff;
    for (const b of bytes) c = (crcTable[(c ^ b) & 0xff] ?? 0) ^ (c >>> 8);
    return (c ^ 0xffffffff) >>> 0;
  };
  const chunk = (type: string, data: Buffer) => {
    const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
    const out = Buffer.alloc(body.length + 8);
    out.writeUInt32BE(data.length, 0);
    body.copy(out, 4);
    out.writeUInt32BE(crc(body), body.length + 4);
    return out;
  };
  const header = Buffer.alloc(13);
  header.writeUInt32BE(2, 0);
  header.writeUInt32BE(2, 4);
  header.set([8, 2, 0, 0, 0], 8); // 8-bit RGB
  const rows = Buffer.from([0, 200, 30, 30, 30, 200, 30, 0, 30, 30, 200, 200, 200, 30]);
  return Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), chunk('IHDR', header), chunk('IDAT', deflateSync(rows)), chunk('IEND', Buffer.alloc(0))]);
}

describe('乡镇专干 uploads, sees and deletes a person’s photo (照片)', () => {
  let platform: RunningPlatform;
  before(async () => {
    platform = await startPlatform();
  });
  after(() => platform.close());

  it('shows the placeholder, then the uploaded photo, then the placeholder again after deleting it', async () => {
    const page = await signIn(platform, 'township');
    await page.getByRole('menuitem', { name: '人员管理' }).click();
    const firstLink = page.getByTestId('persons-table').getByRole('link').first();
    await firstLink.waitFor();
    await firstLink.click();
    const photo = page.getByTestId('person-photo');
    await photo.getByTestId('person-photo-placeholder').waitFor();

    await photo.locator('input[type=file]').setInputFiles({ name: '照片.png', mimeType: 'image/png', buffer: tinyPng() });
    await page.getByText('已上传照片').waitFor();
    const image = photo.getByTestId('person-photo-image');
    await image.waitFor();
    assert.match((await image.locator('img').getAttribute('src')) ?? '', /^blob:/, 'the photo is shown from the fetched bytes');

    await photo.getByRole('button', { name: /删除照片/ }).click();
    await page.locator('.ant-popconfirm').getByRole('button', { name: /删\s?除/ }).click();
    await page.getByText('已删除照片').waitFor();
    await photo.getByTestId('person-photo-placeholder').waitFor();
    await page.context().close();
  });
});
