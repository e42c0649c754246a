import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import JSZip from 'jszip';
import type { Page } from 'playwright-core';
import { INDICATORS, type ReportPreview, type ReportTemplateDto } from '@qingyuan/shared';
import { signIn, startPlatform, type RunningPlatform } from './support/platform.ts';

/** The paragraphs of a .docx (tables left out), as reports.test.ts reads them. */
async function docxParagraphs(content: Buffer): Promise<string[]> {
  const zip = await JSZip.loadAsync(content);
  const xml = (await zip.file('word/document.xml')?.async('string')) ?? '';
  const text = (fragment: string): string => [...fragment.matchAll(/<w:t(?: [^>]*)?>([^<]*)<\/w:t>/g)].map((m) => m[1]).join('');
  const body = xml.replace(/<w:tbl>[\s\S]*?<\/w:tbl>/g, '');
  return [...body.matchAll(/<w:p[ >][\s\S]*?<\/w:p>/g)].map((m) => text(m[0])).filter((p) => p !== '');
}

/** A clause's 同比 words: 同比上升…, 与去年同期持平, 去年同期为零, 较去年同期…个百分点. */
const YOY = /同比|去年同期/;

describe('禁毒办 turns 同比 off for one clause of the bulletin template and the Word bulletin no longer words it', () => {
  let platform: RunningPlatform;
  let page: Page;
  const year = new Date().getFullYear();

  before(async () => {
    platform = await startPlatform();
    page = await signIn(platform, 'office');
  });
  after(async () => {
    await platform.close();
  });

  it('saves the switch through the editor and the .docx drops that clause’s 同比, keeping the others’', async () => {
    const api = async <T>(path: string): Promise<T> => {
      const response = await page.request.get(`${platform.baseUrl}${path}`);
      assert.equal(response.status(), 200, path);
      return (await response.json()) as T;
    };
    // The built-in bulletin (no intros: paragraph k is sentence k, clauses split by ；): the first clause worded with 同比.
    const before = await api<ReportPreview>(`/api/reports/bulletin/preview?year=${String(year)}`);
    assert.equal(before.templateVersion, 0);
    const found = before.sections.flatMap((section, s) => section.paragraphs.flatMap((p, k) => p.split('；').map((clause, j) => ({ s, k, j, clause, sentence: p }))))
      .find((c) => /同比(上升|下降)/.test(c.clause));
    assert.ok(found, 'the demo year words at least one clause with 同比');
    const label = `第${String(found.s + 1)}节第${String(found.k + 1)}句第${String(found.j + 1)}项`;

    await page.getByRole('menuitem', { name: '工作简报' }).click();
    await page.waitForURL(/\/reports/);
    await page.getByTestId('report-preview').waitFor();
    await page.getByRole('button', { name: /编辑模板/ }).click();
    const drawer = page.locator('.ant-drawer', { hasText: '编辑模板：禁毒工作简报' });
    const yoy = drawer.getByRole('switch', { name: `${label}同比` });
    await yoy.waitFor();
    assert.equal(await yoy.getAttribute('aria-checked'), 'true');
    // The 其中 parts of the built-in first clause are shown with it.
    const first = await drawer.getByTestId('clause-第1节第1句第1项').innerText();
    for (const part of [INDICATORS['cases.major'].label, INDICATORS['cases.supervised'].label]) assert.ok(first.includes(part), first);
    await yoy.click();
    assert.equal(await yoy.getAttribute('aria-checked'), 'false');
    await drawer.getByRole('button', { name: /保存为新版本/ }).click();
    await page.getByText('模板已保存（第1版）').waitFor();

    // Saved through the PUT: only that clause changed.
    const saved = await api<ReportTemplateDto>('/api/reports/templates/bulletin');
    assert.equal(saved.version, 1);
    const builtIn = (await api<ReportPreview>(`/api/reports/bulletin/preview?year=${String(year)}`)).templateVersion;
    assert.equal(builtIn, 1);
    const clauses = saved.body.sections.flatMap((section, s) => section.sentences.flatMap((sentence, k) => sentence.clauses.map((c, j) => ({ s, k, j, yoy: c.yoy, details: c.details }))));
    assert.deepEqual(clauses.filter((c) => c.s === found.s && c.k === found.k && c.j === found.j).map((c) => c.yoy), [false]);
    assert.deepEqual(clauses.find((c) => c.s === 0 && c.k === 0 && c.j === 0)?.details, ['cases.major', 'cases.supervised'], '其中 parts kept');

    // The Word bulletin: the same sentence, that clause without its 同比 words, every other clause as before.
    const response = await page.request.get(`${platform.baseUrl}/api/reports/bulletin/docx?year=${String(year)}`);
    assert.equal(response.status(), 200);
    const paragraphs = await docxParagraphs(await response.body());
    const beforeClauses = found.sentence.split('；');
    const sentence = paragraphs.find((p) => p.split('；').length === beforeClauses.length && p.startsWith(beforeClauses[0]?.split('，')[0] ?? '?'));
    assert.ok(sentence, `the sentence in the Word file: ${found.sentence}`);
    const afterClauses = sentence.split('；');
    afterClauses.forEach((clause, j) => {
      if (j !== found.j) assert.equal(clause, beforeClauses[j]);
    });
    const changed = afterClauses[found.j] ?? '';
    assert.doesNotMatch(changed, YOY, changed);
    const withoutYoy = found.clause.split('，').filter((part) => !YOY.test(part)).join('，');
    assert.equal(changed.replace(/。$/, ''), withoutYoy.replace(/。$/, ''));
  });
});
