// Citations typed as text in an imported law are live references in the editor: the Cybersecurity Law
// imported through the API shows its 24 article citations as references, and after a new article near
// the top, 第三十五条 (formerly 第三十四条) cites 第二十二条, in the editor and in the export. A law pasted
// into an empty draft (English) gets live references too, and its unresolvable citation is in Problems;
// so does a law picked as a file in the Import dialog (Chinese, on a 1920-wide screen).
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { Browser } from 'playwright-core';
import { clickAfterText, launchChromium, openAs, openDraft, screenshot } from '../helpers/browser.ts';
import { projectPath } from '../helpers/cli.ts';
import { startLifaServer } from '../helpers/lifa-server.ts';
import type { LifaTestServer } from '../helpers/lifa-server.ts';
import { ensureRendererBuilt } from '../helpers/renderer-build.ts';

vi.setConfig({ expect: { poll: { timeout: 10_000, interval: 50 } } });

let server: LifaTestServer;
let browser: Browser;

beforeAll(async () => {
  await ensureRendererBuilt();
  [server, browser] = await Promise.all([
    startLifaServer([{ username: 'alice', password: 'alice-password', admin: true }]),
    launchChromium(),
  ]);
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

describe('citations in an imported law', { timeout: 60_000 }, () => {
  it('follow renumbering in the editor: 第三十五条 cites 第二十二条 after a new article (zh)', async () => {
    const text = readFileSync(projectPath('test/fixtures/laws/cybersecurity-law-2016.zh.md'), 'utf8');
    const draft = await server.api<{ id: string; problems: unknown[] }>('alice', 'POST', '/api/drafts', {
      text,
    });
    expect(draft.problems).toEqual([]);
    const { page, context } = await openAs(browser, server, 'alice', { uiLanguage: 'zh' });
    await openDraft(page, server, draft.id);
    const references = page.locator('.lifa-doc .lifa-ref');
    await expect.poll(() => references.count()).toBe(24);
    const citing = page.locator('.lifa-doc .lifa-article').nth(33);
    expect(await citing.locator('.lifa-ref').first().textContent()).toBe('第二十一条');

    await clickAfterText(page, '促进经济社会信息化健康发展，制定本法。');
    await page.keyboard.press('Control+Enter');
    await page.keyboard.type('新增的条文。');
    const renumbered = page.locator('.lifa-doc .lifa-article').nth(34);
    await expect.poll(() => renumbered.locator('.lifa-ref').first().textContent()).toBe('第二十二条');
    await renumbered.scrollIntoViewIfNeeded();
    await screenshot(page, 'imported-citation-renumbered-zh');
    await expect
      .poll(async () =>
        (await server.draftText('alice', draft.id)).includes('第三十五条 除本法第二十二条的规定外'),
      )
      .toBe(true);
    await context.close();
  });

  it('are live in a law imported from a file, and the one it cannot resolve is in Problems (zh, 1920 wide)', async () => {
    const { page, context } = await openAs(browser, server, 'alice', {
      uiLanguage: 'zh',
      viewport: { width: 1920, height: 1080 },
    });
    await page.goto(`${server.url}/`);
    await page.getByRole('button', { name: '导入法律文本' }).click();
    const [chooser] = await Promise.all([
      page.waitForEvent('filechooser'),
      page.getByRole('button', { name: '选择文件…' }).click(),
    ]);
    const law = [
      '引用测试条例',
      '第一条 为了测试引用，制定本条例。',
      '第二条 违反本条例第一条规定的，依照本条例第九条处理。',
      '第三条 本条例第一条至第二条自公布之日起施行。',
    ].join('\n');
    await chooser.setFiles({
      name: '引用测试条例.law.txt',
      mimeType: 'text/plain',
      buffer: Buffer.from(law),
    });
    await page.getByRole('button', { name: '导入', exact: true }).click();
    await page.waitForSelector('.lifa-doc .lifa-article');
    await expect
      .poll(() => page.locator('.lifa-doc .lifa-ref').allInnerTexts())
      .toEqual(['第一条', '第一条', '第二条']);
    // The line, then the parser's words (core reports problems in English, in both interfaces).
    const problems = page.locator('.problem-list li');
    await expect
      .poll(() => problems.allInnerTexts())
      .toEqual(['第 3 行 citation 本条例第九条 names 第九条, but the draft has 3 articles: kept as text']);
    await screenshot(page, 'imported-citation-file-problem-zh-1920');
    await context.close();
  });

  it('are live after a paste, and the one that names no article is listed in Problems (en)', async () => {
    const draft = await server.api<{ id: string }>('alice', 'POST', '/api/drafts', { language: 'en' });
    const { page, context } = await openAs(browser, server, 'alice', { uiLanguage: 'en' });
    await openDraft(page, server, draft.id);
    const law = [
      'Citation Rules',
      'Article 1 Alpha provision text.',
      'Article 2 Bravo provision text.',
      'Article 3 Articles 1 and 2 of these Rules apply, and so does Article 9 of these Rules.',
    ].join('\n');
    await page.locator('.lifa-doc .lifa-lead').first().click();
    await page.evaluate((text) => {
      const data = new DataTransfer();
      data.setData('text/plain', text);
      document
        .querySelector('.lifa-doc')!
        .dispatchEvent(new ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true }));
    }, law);
    const references = page.locator('.lifa-doc .lifa-ref');
    await expect.poll(() => references.allInnerTexts()).toEqual(['1', '2']);
    const third = page.locator('.lifa-doc .lifa-article').nth(2);
    expect(await third.innerText()).toContain('Articles 1 and 2 of these Rules apply, and so does Article 9');
    const problems = page.locator('.problem-list li');
    await expect
      .poll(() => problems.allInnerTexts())
      .toEqual([
        'Line 4 citation Article 9 of these Rules names Article 9, but the draft has 3 articles: kept as text',
      ]);
    await screenshot(page, 'imported-citation-problem-en');
    await context.close();
  });
});
