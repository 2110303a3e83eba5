// Structural editing from the keyboard and the toolbar, against a real `lifa serve`: new paragraph,
// item, chapter and section; moving an article across a chapter boundary and back; splitting and
// merging. The outline and the drawn labels follow at once.
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { clickAfterText, launchChromium, openAs, openDraft, screenshot } from '../helpers/browser.ts';
import { startLifaServer } from '../helpers/lifa-server.ts';
import type { LifaTestServer } from '../helpers/lifa-server.ts';
import { renderedLabelsOf } from '../helpers/rendered-labels.ts';
import { ensureRendererBuilt } from '../helpers/renderer-build.ts';

// The browser and the server share two cores with the rest of the suite: give changes time to show.
vi.setConfig({ expect: { poll: { timeout: 10_000, interval: 50 } } });

const law = `Regulations on Structure
Chapter I General Provisions
Article 1 Alpha provision text.
Article 2 Bravo provision text.
Chapter II Duties
Article 3 Charlie provision text.
Article 4 Delta provision text.
`;

let server: LifaTestServer;
let browser: Browser;
let page: Page;

beforeAll(async () => {
  await ensureRendererBuilt();
  [server, browser] = await Promise.all([
    startLifaServer([{ username: 'alice', password: 'alice-password', admin: true }]),
    launchChromium(),
  ]);
  const draft = await server.api<{ id: string }>('alice', 'POST', '/api/drafts', {
    language: 'en',
    text: law,
  });
  page = (await openAs(browser, server, 'alice', { uiLanguage: 'en' })).page;
  await openDraft(page, server, draft.id);
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

/// The outline as "label words" lines, divisions included.
const outline = () => page.locator('.outline-entry').allInnerTexts();
const articleWords = async () =>
  (await page.locator('.outline-entry.article').allInnerTexts()).map((text) =>
    text.replace(/^Article \d+\s+/, ''),
  );

describe('structural editing', { timeout: 60_000 }, () => {
  it('moves an article across a chapter boundary and back', async () => {
    await clickAfterText(page, 'Bravo provision');
    await page.keyboard.press('Alt+ArrowDown');
    await expect
      .poll(outline)
      .toEqual([
        'Chapter I General Provisions',
        'Article 1 Alpha provision text.',
        'Chapter II Duties',
        'Article 2 Bravo provision text.',
        'Article 3 Charlie provision text.',
        'Article 4 Delta provision text.',
      ]);
    await page.locator('button[data-command=moveUp]').click();
    await expect
      .poll(outline)
      .toEqual([
        'Chapter I General Provisions',
        'Article 1 Alpha provision text.',
        'Article 2 Bravo provision text.',
        'Chapter II Duties',
        'Article 3 Charlie provision text.',
        'Article 4 Delta provision text.',
      ]);
  });

  it('splits an article at the cursor and merges it back', async () => {
    await clickAfterText(page, 'Charlie');
    await page.keyboard.press('Control+Shift+Enter');
    await expect
      .poll(articleWords)
      .toEqual([
        'Alpha provision text.',
        'Bravo provision text.',
        'Charlie',
        'provision text.',
        'Delta provision text.',
      ]);
    expect(await renderedLabelsOf(page, 'article')).toHaveLength(5);
    await clickAfterText(page, 'Charlie');
    await page.locator('button[data-command=merge]').click();
    await expect
      .poll(articleWords)
      .toEqual(['Alpha provision text.', 'Bravo provision text.', 'Charlie', 'Delta provision text.']);
    // The merged article keeps the second half as its second paragraph.
    await expect.poll(() => page.locator('.lifa-article').nth(2).locator('.lifa-paragraph').count()).toBe(2);
  });

  it('adds paragraphs and items, numbered as items of their paragraph', async () => {
    await clickAfterText(page, 'Delta provision text.');
    await page.keyboard.press('Control+Alt+Enter');
    await page.keyboard.type('The following apply:');
    await page.keyboard.press('Shift+Enter');
    await page.keyboard.type('first duty;');
    await page.keyboard.press('Enter');
    await page.keyboard.type('second duty.');
    await expect.poll(() => renderedLabelsOf(page, 'item')).toEqual(['(1)', '(2)']);
    expect(await page.locator('.lifa-article').last().locator('.lifa-paragraph').count()).toBe(2);
  });

  it('adds a chapter from the toolbar and a section from the keyboard', async () => {
    await clickAfterText(page, 'Delta provision text.');
    await page.locator('button[data-command=newChapter]').click();
    await page.keyboard.type('Supplementary Provisions');
    await expect
      .poll(() => renderedLabelsOf(page, 'chapter'))
      .toEqual(['Chapter I', 'Chapter II', 'Chapter III']);
    await clickAfterText(page, 'Alpha provision text.');
    await page.keyboard.press('Control+Shift+G');
    await page.keyboard.type('Scope');
    await expect.poll(() => renderedLabelsOf(page, 'section')).toEqual(['Section 1']);
    await expect.poll(outline).toContain('Section 1 Scope');
    await expect.poll(outline).toContain('Chapter III Supplementary Provisions');
    expect(await renderedLabelsOf(page, 'article')).toEqual([1, 2, 3, 4, 5, 6].map((n) => `Article ${n}`));
    await screenshot(page, 'structure-en');
  });
});
