// The labels Chromium draws with CSS counters (renderer/src/styles/numbering.css) are the labels core
// computes (core/numbering.ts), for every article number of a code-sized draft and for every level.
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { label } from '../../core/index.ts';
import type { Language } from '../../core/index.ts';
import { launchChromium } from '../helpers/browser.ts';
import { startLifaServer } from '../helpers/lifa-server.ts';
import type { LifaTestServer } from '../helpers/lifa-server.ts';
import { renderedLabelsOf } from '../helpers/rendered-labels.ts';
import { ensureRendererBuilt } from '../helpers/renderer-build.ts';

// The browser and the server share two cores with the rest of the suite: give changes time to show.
vi.setConfig({ expect: { poll: { timeout: 10_000, interval: 50 } } });

let server: LifaTestServer;
let browser: Browser;
let page: Page;

beforeAll(async () => {
  await ensureRendererBuilt();
  [server, browser] = await Promise.all([startLifaServer([]), launchChromium()]);
  page = await browser.newPage();
  // The sign-in page loads the app's stylesheet, numbering included.
  await page.goto(server.url);
  await page.waitForSelector('input[name=username]');
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

/// Draw a structure of `language` (HTML built from the schema's class names) and read its labels.
async function draw(language: Language, html: string, owner: Parameters<typeof renderedLabelsOf>[1]) {
  await page.evaluate(
    ({ language, html }) => {
      document.getElementById('numbering-test')?.remove();
      const root = document.createElement('div');
      root.id = 'numbering-test';
      root.className = `lifa-doc lang-${language}`;
      root.innerHTML = html;
      // The counters alone: without the containment (and the counter starts that go with it, tested
      // through the editor in structure and cross-reference tests) the editor gives chapters. A
      // constructed style sheet: the page's Content-Security-Policy refuses <style> elements.
      const sheet = new CSSStyleSheet();
      sheet.replaceSync('#numbering-test .lifa-chapter { content-visibility: visible; contain: none; }');
      document.adoptedStyleSheets = [...document.adoptedStyleSheets, sheet];
      document.body.append(root);
    },
    { language, html },
  );
  return renderedLabelsOf(page, owner, '#numbering-test', true);
}

const articles = (n: number) =>
  '<article class="lifa-article"><div class="lifa-paragraph"><p class="lifa-lead">x</p></div></article>'.repeat(
    n,
  );

describe('numbering drawn by CSS counters', { timeout: 60_000 }, () => {
  it('writes every article number from 1 to 1,400 as core does, in Chinese and English', async () => {
    for (const language of ['zh', 'en'] as const) {
      const drawn = await draw(language, articles(1400), 'article');
      const expected = Array.from({ length: 1400 }, (_, i) => label('article', i + 1, language));
      expect(drawn).toEqual(expected);
    }
  });

  it('numbers chapters per part, sections per chapter, items per paragraph and subitems per item', async () => {
    const item = (subitems: number) =>
      `<div class="lifa-item"><p class="lifa-lead">i</p>${'<div class="lifa-subitem"><p class="lifa-lead">s</p></div>'.repeat(subitems)}</div>`;
    const article = `<article class="lifa-article"><div class="lifa-paragraph"><p class="lifa-lead">a</p>${item(0)}${item(28)}</div><div class="lifa-paragraph"><p class="lifa-lead">b</p>${item(0).repeat(12)}</div></article>`;
    const chapter = (sections: number) =>
      `<chapter class="lifa-chapter"><h2 class="lifa-heading">c</h2>${`<section class="lifa-section"><h2 class="lifa-heading">s</h2>${article}</section>`.repeat(sections)}</chapter>`;
    const html = `<part class="lifa-part"><h2 class="lifa-heading">p</h2>${chapter(2).repeat(14)}</part><part class="lifa-part"><h2 class="lifa-heading">p</h2>${chapter(1).repeat(3)}</part>`;
    for (const language of ['zh', 'en'] as const) {
      await draw(language, html, 'part');
      const labels = (kind: Parameters<typeof renderedLabelsOf>[1]) =>
        renderedLabelsOf(page, kind, '#numbering-test', true);
      expect(await labels('part')).toEqual([label('part', 1, language), label('part', 2, language)]);
      const chapters = [...Array.from({ length: 14 }, (_, i) => i + 1), 1, 2, 3].map((n) =>
        label('chapter', n, language),
      );
      expect(await labels('chapter')).toEqual(chapters);
      const sections = await labels('section');
      expect(sections.slice(0, 4)).toEqual([1, 2, 1, 2].map((n) => label('section', n, language)));
      const articleLabels = await labels('article');
      expect(articleLabels.at(-1)).toBe(label('article', 14 * 2 + 3, language));
      const items = await labels('item');
      // Per article: items 1–2 in the first paragraph, 1–12 in the second.
      const perArticle = [1, 2, ...Array.from({ length: 12 }, (_, i) => i + 1)].map((n) =>
        label('item', n, language),
      );
      expect(items.slice(0, 14)).toEqual(perArticle);
      const subitems = await labels('subitem');
      expect(subitems.slice(0, 28)).toEqual(
        Array.from({ length: 28 }, (_, i) => label('subitem', i + 1, language)),
      );
    }
  });
});
