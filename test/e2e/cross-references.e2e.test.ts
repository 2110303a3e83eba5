// Cross-references against a real `lifa serve`: insert one to Article 5 from the picker, insert an
// article before it and the reference reads Article 6; delete the target and the reference is flagged
// and listed as a problem. Also: pasting a plain-text law into an empty draft imports its structure.
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { Browser } from 'playwright-core';
import { label } from '../../core/index.ts';
import { clickAfterText, launchChromium, openAs, openDraft, screenshot } from '../helpers/browser.ts';
import { projectPath } from '../helpers/cli.ts';
import { startLifaServer } from '../helpers/lifa-server.ts';
import type { LifaTestServer } from '../helpers/lifa-server.ts';
import { renderedLabelsOf } from '../helpers/rendered-labels.ts';
import { ensureRendererBuilt } from '../helpers/renderer-build.ts';

// The browser and the server share two cores with the rest of the suite: give changes time to show.
vi.setConfig({ expect: { poll: { timeout: 10_000, interval: 50 } } });

const laws = {
  en: `Regulations on Cross-References
Article 1 Alpha provision text.
Article 2 Bravo provision text.
Article 3 Charlie provision text.
Article 4 Delta provision text.
Article 5 Echo provision text.
Article 6 Foxtrot provision text.
`,
  zh: `引用测试条例
第一条 甲条文字。
第二条 乙条文字。
第三条 丙条文字。
第四条 丁条文字。
第五条 戊条文字。
第六条 己条文字。
`,
};

const markers = {
  en: { first: 'Alpha provision text.', fourth: 'Delta provision text.', target: 'Echo provision text.' },
  zh: { first: '甲条文字。', fourth: '丁条文字。', target: '戊条文字。' },
};

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

describe('cross-references', { timeout: 60_000 }, () => {
  for (const language of ['en', 'zh'] as const) {
    it(`follow renumbering and flag a deleted target (${language})`, async () => {
      const draft = await server.api<{ id: string }>('alice', 'POST', '/api/drafts', {
        language,
        text: laws[language],
      });
      const { page, context } = await openAs(browser, server, 'alice', { uiLanguage: language });
      await openDraft(page, server, draft.id);
      const reference = page.locator('.lifa-doc .lifa-ref');

      await clickAfterText(page, markers[language].first);
      await page.keyboard.type(language === 'en' ? ' See ' : '依照');
      await page.keyboard.press('Control+k');
      await page.locator('input[name=reference-search]').fill('5');
      await screenshot(page, `reference-picker-${language}`);
      await page.keyboard.press('Enter');
      await expect.poll(() => reference.innerText()).toBe(label('article', 5, language));

      await clickAfterText(page, markers[language].fourth);
      await page.keyboard.press('Control+Enter');
      await page.keyboard.type(language === 'en' ? 'Inserted.' : '新增条文。');
      await expect.poll(() => reference.innerText()).toBe(label('article', 6, language));
      expect(await renderedLabelsOf(page, 'article')).toHaveLength(7);

      await clickAfterText(page, markers[language].target);
      await page.keyboard.press('Control+Shift+X');
      await page.waitForSelector('[role=dialog]');
      await screenshot(page, `delete-confirm-${language}`);
      await page.keyboard.press('Enter');
      await expect.poll(() => reference.getAttribute('class')).toContain('lifa-ref-dangling');
      expect(await reference.innerText()).toBe(language === 'en' ? '[missing reference]' : '【失效引用】');
      const problems = page.locator('[data-testid=dangling-references] li');
      await expect.poll(() => problems.count()).toBe(1);
      expect(await problems.innerText()).toContain(label('article', 1, language));
      await screenshot(page, `cross-reference-dangling-${language}`);
      await context.close();
    });
  }

  it('imports the structure of a plain-text law pasted into an empty draft', async () => {
    const draft = await server.api<{ id: string }>('alice', 'POST', '/api/drafts', { language: 'zh' });
    const { page, context } = await openAs(browser, server, 'alice');
    await openDraft(page, server, draft.id);
    const text = readFileSync(projectPath('test/fixtures/laws/dsl-2021-final.zh.md'), 'utf8');
    await page.locator('.lifa-doc .lifa-lead').first().click();
    await page.evaluate((law) => {
      const data = new DataTransfer();
      data.setData('text/plain', law);
      document
        .querySelector('.lifa-doc')!
        .dispatchEvent(new ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true }));
    }, text);
    await expect.poll(() => page.locator('.outline-entry.article').count()).toBe(55);
    // Every chapter starts its numbering where the one before ended (chapters are contained for speed).
    expect(await renderedLabelsOf(page, 'chapter')).toEqual(
      [1, 2, 3, 4, 5, 6, 7].map((n) => label('chapter', n, 'zh')),
    );
    expect(await renderedLabelsOf(page, 'article')).toEqual(
      Array.from({ length: 55 }, (_, i) => label('article', i + 1, 'zh')),
    );
    // As displayed, after scrolling to the end (the chapters above are skipped by the browser), then
    // with the cursor in the last chapter (which is then not contained): the labels on screen run on to
    // the last article.
    const expectRunToEnd = async () => {
      const shown = await renderedLabelsOf(page, 'article', '.lifa-doc', true);
      expect(shown.length).toBeGreaterThan(1);
      expect(shown).toEqual(
        Array.from({ length: shown.length }, (_, i) => label('article', 55 - shown.length + i + 1, 'zh')),
      );
    };
    await page.locator('.lifa-doc .lifa-article').last().scrollIntoViewIfNeeded();
    await page.waitForTimeout(200);
    await expectRunToEnd();
    await page.locator('.lifa-doc .lifa-article').last().locator('.lifa-lead').first().click();
    await page.waitForTimeout(200);
    expect(await page.locator('.lifa-chapter.holds-selection').count()).toBe(1);
    await expectRunToEnd();
    // Numbers come from the structure, never from the pasted text.
    expect(await page.locator('.lifa-doc').innerText()).not.toMatch(/^第[一二三四五六七八九十百]+条/m);
    await expect
      .poll(async () => (await server.draftText('alice', draft.id)).includes('第五十五条'))
      .toBe(true);
    await context.close();
  });
});
