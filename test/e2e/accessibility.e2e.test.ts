// Every page of Lifa audited with axe-core's WCAG 2.1 A/AA rules in Chromium, in Chinese and in English,
// against a real `lifa serve`: sign-in, the not-found page, the draft list and its dialogs, the editor
// with each side panel and its dialogs (suggestions and Suggesting mode, the history with blame, the
// restore dialogs), the timeline, the comparison table and redline, the clerk's table and panels, and
// the public page with its form. Each state is also kept as a screenshot (1280×800, and 1920 wide
// for the big pages) in test-artifacts/screenshots/a11y-*.
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { accessibilityViolations } from '../helpers/axe.ts';
import { launchChromium, openAs, screenshot, selectText } from '../helpers/browser.ts';
import { startLifaServer } from '../helpers/lifa-server.ts';
import type { LifaTestServer } from '../helpers/lifa-server.ts';
import { ensureRendererBuilt } from '../helpers/renderer-build.ts';
import { projectPath } from '../helpers/cli.ts';
import { articleIds, publishForComment, sendPublicComment } from '../helpers/draft-setup.ts';

vi.setConfig({ expect: { poll: { timeout: 15_000, interval: 50 } } });

// Real laws, long enough that every pane scrolls: the Cybersecurity Law in Chinese (with its
// `<!-- INFO END -->` source comment) and its English translation.
const laws = {
  zh: readFileSync(projectPath('test/fixtures/laws/cybersecurity-law-2016.zh.md'), 'utf8'),
  en: readFileSync(projectPath('test/fixtures/laws/cybersecurity-law-2025-amended.en.md'), 'utf8'),
};

type Language = keyof typeof laws;
const languages: readonly Language[] = ['zh', 'en'];

let server: LifaTestServer;
let browser: Browser;
const draftIds: Record<Language, string> = { zh: '', en: '' };

beforeAll(async () => {
  await ensureRendererBuilt();
  [server, browser] = await Promise.all([
    startLifaServer([
      { username: 'alice', password: 'alice-password', admin: true },
      { username: 'rita', password: 'rita-password' },
      { username: 'carl', password: 'carl-password' },
    ]),
    launchChromium(),
  ]);
  for (const language of languages) {
    const id = (
      await server.api<{ id: string }>('alice', 'POST', '/api/drafts', { language, text: laws[language] })
    ).id;
    draftIds[language] = id;
    await server.api('alice', 'PUT', `/api/drafts/${id}/members/rita`, { role: 'reviewer' });
    await server.api('alice', 'PUT', `/api/drafts/${id}/members/carl`, { role: 'clerk' });
    await publishForComment(
      server,
      'alice',
      id,
      language === 'zh' ? '征求意见稿' : 'Consultation draft',
      new Date(Date.UTC(2031, 5, 30, 9, 0)),
    );
    const articles = await articleIds(server, 'alice', id);
    await server.api('rita', 'POST', `/api/drafts/${id}/comments`, {
      articleId: articles[0],
      body: language === 'zh' ? '建议明确“网络数据”的定义。' : 'Please define network data.',
    });
    const same =
      language === 'zh' ? '建议删除第三条第三项，理由同上。' : 'Delete item 3 of Article 3, same reason.';
    for (const [name, body] of [
      ['Li Lei', same],
      ['Han Meimei', same],
      ['Wang Fang', language === 'zh' ? '第四条很好。' : 'Article 4 is good.'],
    ]) {
      await sendPublicComment(server, id, { articleId: articles[2], body, name });
    }
    await server.api('carl', 'POST', `/api/drafts/${id}/clusters/run`);
    // The reviewer's suggestions on the fourth article: new words (with a discussion), a new article.
    const words = await server.api<{ id: string }>('rita', 'POST', `/api/drafts/${id}/suggestions`, {
      kind: 'text',
      articleId: articles[3],
      ...suggested[language],
    });
    await server.api('rita', 'POST', `/api/suggestions/${words.id}/comments`, {
      body: language === 'zh' ? '“持续”更准确。' : '“Due” is the usual word.',
    });
    await server.api('rita', 'POST', `/api/drafts/${id}/suggestions`, {
      kind: 'insert-article',
      after: articles[3],
      text:
        language === 'zh'
          ? '国家鼓励网络安全技术创新。'
          : 'The State encourages innovation in cybersecurity.',
    });
  }
}, 180_000);

/// The reviewer's new words for the fourth article.
const suggested = {
  zh: { quote: '不断完善', replacement: '持续完善' },
  en: { quote: 'equal importance', replacement: 'due importance' },
};

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

/// Audit `page` now and keep a screenshot named `a11y-NAME`; returns the violations (empty when clean).
async function audit(page: Page, name: string): Promise<string[]> {
  await screenshot(page, `a11y-${name}`);
  return accessibilityViolations(page);
}

describe.each(languages)('every page passes axe-core WCAG 2.1 A/AA (%s)', (language) => {
  it('sign-in and not-found pages', { timeout: 60_000 }, async () => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
    await context.addInitScript((lng) => localStorage.setItem('lifa.uiLanguage', lng), language);
    const page = await context.newPage();
    const found: Record<string, string[]> = {};
    await page.goto(`${server.url}/`);
    await page.waitForSelector('input[name=username]');
    found.signIn = await audit(page, `sign-in-${language}`);
    await page.click('button[type=submit]');
    await page.waitForSelector('[role=alert]');
    found.signInError = await audit(page, `sign-in-error-${language}`);
    await page.goto(`${server.url}/no/such/page`);
    await page.waitForSelector('.not-found');
    found.notFound = await audit(page, `not-found-${language}`);
    await context.close();
    expect(found).toEqual({ signIn: [], signInError: [], notFound: [] });
  });

  it('the draft list and its dialogs', { timeout: 60_000 }, async () => {
    const { page, context } = await openAs(browser, server, 'alice', { uiLanguage: language });
    const found: Record<string, string[]> = {};
    await page.goto(`${server.url}/`);
    await page.waitForSelector('table.table a');
    found.list = await audit(page, `drafts-${language}`);
    await page.locator('.page-head .button.primary').click();
    await page.waitForSelector('[role=dialog]');
    found.newDraft = await audit(page, `new-draft-${language}`);
    await page.keyboard.press('Escape');
    await page.locator('.page-head .button').first().click();
    await page.waitForSelector('[role=dialog]');
    found.importDraft = await audit(page, `import-draft-${language}`);
    await context.close();
    expect(found).toEqual({ list: [], newDraft: [], importDraft: [] });
  });

  it('the editor with each side panel and its dialogs', { timeout: 90_000 }, async () => {
    const { page, context } = await openAs(browser, server, 'alice', { uiLanguage: language });
    const found: Record<string, string[]> = {};
    await page.goto(`${server.url}/drafts/${draftIds[language]}`);
    await page.waitForSelector('.lifa-doc');
    await page.locator('.outline-entry.article').nth(2).click();
    found.problems = await audit(page, `editor-problems-${language}`);
    await page.locator('.side-pane [role=tab]').nth(1).click();
    await page.waitForSelector('.versions li');
    found.versions = await audit(page, `editor-versions-${language}`);
    await page.locator('.side-pane [role=tab]').nth(2).click();
    await page.waitForSelector('.comment-scopes');
    found.commentsArticle = await audit(page, `editor-comments-${language}`);
    await page.locator('.comment-scopes button').nth(1).click();
    found.commentsAll = await audit(page, `editor-comments-all-${language}`);
    await page.locator('.comment-scopes button').nth(2).click();
    await page.waitForSelector('.period-form');
    found.commentsPublic = await audit(page, `editor-comments-public-${language}`);
    await page.locator('.lifa-doc').focus();
    await page.keyboard.press('Control+Shift+X');
    await page.waitForSelector('[role=dialog]');
    found.confirmDelete = await audit(page, `editor-confirm-${language}`);
    await page.keyboard.press('Escape');
    await page.keyboard.press('Control+K');
    await page.waitForSelector('[role=dialog]');
    found.referencePicker = await audit(page, `editor-reference-${language}`);
    await page.keyboard.press('Escape');
    await page.keyboard.press('Control+H');
    await page.waitForFunction(() => document.activeElement?.getAttribute('name') === 'find');
    await page.keyboard.type(language === 'zh' ? '网络' : 'network');
    await page.waitForSelector('.lifa-find-match.is-current', { state: 'attached' });
    found.findReplace = await audit(page, `editor-find-${language}`);
    await page.keyboard.press('Escape');
    await page.keyboard.press('F1');
    await page.waitForSelector('.help');
    found.help = await audit(page, `help-${language}`);
    await page.keyboard.press('Escape');
    await context.close();
    expect(found).toEqual({
      problems: [],
      versions: [],
      commentsArticle: [],
      commentsAll: [],
      commentsPublic: [],
      confirmDelete: [],
      referencePicker: [],
      findReplace: [],
      help: [],
    });
  });

  it('the editor of a reviewer', { timeout: 60_000 }, async () => {
    const { page, context } = await openAs(browser, server, 'rita', { uiLanguage: language });
    await page.goto(`${server.url}/drafts/${draftIds[language]}`);
    await page.waitForSelector('.lifa-doc');
    await page.locator('.side-pane [role=tab]').nth(2).click();
    await page.waitForSelector('.comment-scopes');
    const found: Record<string, string[]> = {};
    found.reviewer = await audit(page, `editor-reviewer-${language}`);
    // In Viewing mode a selection offers Suggest; its form, and the panel's own proposals.
    await page.locator('.side-pane [role=tab]').nth(3).click();
    await page.locator('.outline-entry.article').nth(3).click();
    await page.waitForSelector('.propose-structure');
    await selectText(page, language === 'zh' ? '网络安全战略' : 'cybersecurity and informatization');
    await page.waitForSelector('.lifa-suggest-new:not([hidden])');
    found.suggestButton = await audit(page, `editor-reviewer-suggest-${language}`);
    await page.locator('.lifa-suggest-new').click();
    await page.waitForSelector('textarea[name=suggestion-replacement]');
    found.proposeWords = await audit(page, `editor-reviewer-propose-${language}`);
    await context.close();
    expect(found).toEqual({ reviewer: [], suggestButton: [], proposeWords: [] });
  });

  it(
    'suggestions, Suggesting mode, the history with blame, the restore dialogs and the timeline',
    {
      timeout: 120_000,
    },
    async () => {
      const { page, context } = await openAs(browser, server, 'alice', { uiLanguage: language });
      const found: Record<string, string[]> = {};
      await page.goto(`${server.url}/drafts/${draftIds[language]}`);
      await page.waitForSelector('.lifa-doc');
      // The fourth article, with the reviewer's suggestions drawn in the text.
      await page.locator('.outline-entry.article').nth(3).click();
      await page.waitForSelector('.lifa-doc .lifa-sugg-del');
      await page.locator('.side-pane [role=tab]').nth(3).click();
      await page.waitForSelector('.suggestion');
      found.suggestions = await audit(page, `editor-suggestions-${language}`);
      const words = page.locator('.suggestion', { hasText: suggested[language].replacement });
      await words.locator('.suggestion-actions button[aria-expanded]').click();
      await page.waitForSelector('.suggestion-thread .comment');
      await words.locator('[data-action=reject]').click();
      await page.waitForSelector('input[name=reject-reason]');
      found.thread = await audit(page, `editor-suggestion-thread-${language}`);
      await page.keyboard.press('Escape');
      // Suggesting mode, with words being typed.
      await page.locator('.mode-bar [data-mode=suggesting]').click();
      await page.locator('.outline-entry.article').nth(4).click();
      await page.keyboard.type(language === 'zh' ? '国家' : 'The ');
      await page.waitForSelector('.lifa-doc .lifa-sugg-ins');
      found.suggesting = await audit(page, `editor-suggesting-${language}`);
      await page.locator('.mode-bar [data-mode=editing]').click();
      // Accepted, the words make a second entry in the article's history.
      await words.locator('[data-action=accept]').click();
      await page.locator('.outline-entry.article').nth(3).click();
      await page.locator('.side-pane [role=tab]').nth(4).click();
      await expect.poll(() => page.locator('.history-entry').count()).toBeGreaterThan(1);
      found.history = await audit(page, `editor-history-${language}`);
      await page.locator('input[name=blame]').check();
      await page.waitForSelector('.blame-legend');
      await page.waitForSelector('.lifa-doc .blame-run', { state: 'attached' });
      found.blame = await audit(page, `editor-blame-${language}`);
      await page.locator('.history-entry button').last().click();
      await page.waitForSelector('[role=dialog]');
      found.restoreArticle = await audit(page, `history-restore-${language}`);
      await page.keyboard.press('Escape');
      await page.locator('.side-pane [role=tab]').nth(1).click();
      await page.locator('.versions li button').last().click();
      await page.waitForSelector('[role=dialog]');
      found.restoreVersion = await audit(page, `version-restore-${language}`);
      await page.keyboard.press('Escape');
      await page.locator('.top-bar a[href$="/timeline"]').click();
      await page.waitForSelector('.timeline-table');
      found.timeline = await audit(page, `timeline-${language}`);
      await context.close();
      expect(found).toEqual({
        suggestions: [],
        thread: [],
        suggesting: [],
        history: [],
        blame: [],
        restoreArticle: [],
        restoreVersion: [],
        timeline: [],
      });
    },
  );

  it('the comparison table and redline', { timeout: 60_000 }, async () => {
    const { page, context } = await openAs(browser, server, 'alice', { uiLanguage: language });
    const found: Record<string, string[]> = {};
    // Changes to compare: words added to article 2, an article inserted after it.
    await page.goto(`${server.url}/drafts/${draftIds[language]}`);
    await page.waitForSelector('.lifa-doc');
    await page.locator('.outline-entry.article').nth(1).click();
    await page.keyboard.type(language === 'zh' ? '新增的文字，' : 'Added words, ');
    await page.keyboard.press('Control+Enter');
    await page.keyboard.type(language === 'zh' ? '新增的一条。' : 'An article added.');
    await page.locator('.tab').nth(1).click();
    await page
      .getByRole('button', { name: language === 'zh' ? '与当前草案比较' : 'Compare with live draft' })
      .first()
      .click();
    await page.waitForSelector('.compare-summary');
    await page.locator('input[name=show-unchanged]').check();
    await page.keyboard.press('Alt+ArrowDown');
    found.table = await audit(page, `compare-table-${language}`);
    await page.locator('.segmented [role=radio]').nth(1).click();
    await page.waitForSelector('.redline');
    found.redline = await audit(page, `compare-redline-${language}`);
    await context.close();
    expect(found).toEqual({ table: [], redline: [] });
  });

  it("the clerk's table and panels", { timeout: 90_000 }, async () => {
    const { page, context } = await openAs(browser, server, 'carl', { uiLanguage: language });
    const found: Record<string, string[]> = {};
    await page.goto(`${server.url}/drafts/${draftIds[language]}/clerk`);
    await page.waitForSelector('.clerk-table .vt-row');
    found.table = await audit(page, `clerk-table-${language}`);
    await page.locator('.clerk-table .vt-row .vt-cell.text').first().click();
    await page.waitForSelector('.disposition-editor');
    found.decide = await audit(page, `clerk-decide-${language}`);
    await page.locator('.clerk-side [role=tab]').nth(1).click();
    await page.waitForSelector('.cluster-panel');
    found.clusters = await audit(page, `clerk-clusters-${language}`);
    await page.locator('.top-bar [aria-haspopup=menu]').click();
    await page.waitForSelector('.summary-menu');
    found.summaryMenu = await audit(page, `clerk-summary-menu-${language}`);
    await context.close();
    expect(found).toEqual({ table: [], decide: [], clusters: [], summaryMenu: [] });
  });

  it('the public page and its form', { timeout: 60_000 }, async () => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
    await context.addInitScript((lng) => localStorage.setItem('lifa.uiLanguage', lng), language);
    const page = await context.newPage();
    const found: Record<string, string[]> = {};
    await page.goto(`${server.url}/public/${draftIds[language]}`);
    await page.waitForSelector('.public-article');
    found.page = await audit(page, `public-${language}`);
    await page.locator('.public-comment-toggle').first().click();
    await page.waitForSelector('.public-article form.public-form');
    await page.locator('.public-article form.public-form button[type=submit]').click();
    await page.waitForSelector('.public-article form.public-form [role=alert]');
    found.form = await audit(page, `public-form-${language}`);
    await context.close();
    expect(found).toEqual({ page: [], form: [] });
  });
});
