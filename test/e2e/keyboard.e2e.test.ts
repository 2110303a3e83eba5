// Keyboard alone, in Chromium against a real `lifa serve`: a reviewer reaches an article through the
// outline, selects a passage and comments on it; a clerk filters the table, picks a group of similar
// comments and records a disposition for the whole group; a member of the public goes to an article
// from the contents and comments on it; a reviewer suggests new words in Suggesting mode and a drafter
// accepts them; a drafter reads an article's history, tints it by author, restores its first text and
// filters the timeline. No click anywhere: Tab, arrows, Enter, Space and shortcuts.
// Each state reached is audited with axe-core and kept as a screenshot.
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { accessibilityViolations } from '../helpers/axe.ts';
import { launchChromium, openAs, screenshot } from '../helpers/browser.ts';
import { focusIs, focused, pressUntil, tabTo } from '../helpers/keyboard.ts';
import { startLifaServer } from '../helpers/lifa-server.ts';
import type { LifaTestServer } from '../helpers/lifa-server.ts';
import { ensureRendererBuilt } from '../helpers/renderer-build.ts';
import { articleIds as articleIdsOf, publishForComment, sendPublicComment } from '../helpers/draft-setup.ts';

vi.setConfig({ expect: { poll: { timeout: 15_000, interval: 50 } } });

const law = `Regulations on Keyboard Testing
Chapter I General Provisions
Article 1 These Regulations are made to test the keyboard.
Article 2 A directory of providers shall be kept up to date.
Chapter II Duties
Article 3 Providers shall publish their contact details.
Article 4 These Regulations take effect on the day of publication.
`;

let server: LifaTestServer;
let browser: Browser;
let draftId: string;
let articleIds: string[];

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
  draftId = (await server.api<{ id: string }>('alice', 'POST', '/api/drafts', { language: 'en', text: law }))
    .id;
  await server.api('alice', 'PUT', `/api/drafts/${draftId}/members/rita`, { role: 'reviewer' });
  await server.api('alice', 'PUT', `/api/drafts/${draftId}/members/carl`, { role: 'clerk' });
  await publishForComment(server, 'alice', draftId, 'Consultation draft');
  articleIds = await articleIdsOf(server, 'alice', draftId);
  const campaign = 'The directory must also list providers that closed in the last five years.';
  for (const [name, body] of [
    ['Ann Lee', campaign],
    ['Bo Chen', campaign],
    ['Cai Wu', campaign],
    ['Dan Xu', 'Article 2 is clear enough as it is.'],
  ]) {
    await sendPublicComment(server, draftId, { articleId: articleIds[1], body, name });
  }
  await server.api('carl', 'POST', `/api/drafts/${draftId}/clusters/run`);
}, 120_000);

/// The label of the focused outline entry ("Article 4"), or the focused element's words.
function focusedText(page: Page): Promise<string> {
  return page.evaluate(() => {
    const active = document.activeElement as HTMLElement;
    return active.querySelector('.label')?.textContent ?? active.innerText;
  });
}

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

describe('keyboard alone', { timeout: 90_000 }, () => {
  it('lets a reviewer reach an article, select a passage and comment on it', async () => {
    const { page, context } = await openAs(browser, server, 'rita', { uiLanguage: 'en' });
    await page.goto(`${server.url}/drafts/${draftId}`);
    await page.waitForSelector('.lifa-doc');
    // The outline is one tab stop; ↓ walks it; Enter jumps to the article and puts the caret there.
    await tabTo(page, '.outline-entry');
    await pressUntil(page, 'ArrowDown', async () => (await focusedText(page)) === 'Article 3');
    await page.keyboard.press('Enter');
    expect(await focusIs(page, '.lifa-doc'), await focused(page)).toBe(true);
    // Shift+→ selects the article's first words, as in any editor: the reader's caret moves, the text
    // cannot change.
    for (let i = 0; i < 'Providers shall publish'.length; i++) await page.keyboard.press('Shift+ArrowRight');
    await expect.poll(() => page.evaluate(() => getSelection()?.toString())).toBe('Providers shall publish');
    await screenshot(page, 'keyboard-reviewer-selection-en');
    await page.keyboard.press('Control+Alt+m');
    await expect.poll(() => focusIs(page, 'textarea[name=comment-body]')).toBe(true);
    expect(await page.locator('.new-comment .comment-quote').innerText()).toBe('Providers shall publish');
    await page.keyboard.type('Say which contact details: an email address at least.');
    await screenshot(page, 'keyboard-reviewer-comment-en');
    expect(await accessibilityViolations(page)).toEqual([]);
    await page.keyboard.press('Control+Enter');
    await expect
      .poll(async () => {
        const { comments } = await server.api<{
          comments: Array<{ articleId: string; body: string; anchor: { quote: string } | null }>;
        }>('rita', 'GET', `/api/drafts/${draftId}/comments?kind=review`);
        return comments.map((c) => [c.articleId, c.anchor?.quote, c.body]);
      })
      .toEqual([
        [articleIds[2], 'Providers shall publish', 'Say which contact details: an email address at least.'],
      ]);
    await context.close();
  });

  it('lets a clerk filter, pick a group of similar comments and decide for the whole group', async () => {
    const { page, context } = await openAs(browser, server, 'carl', { uiLanguage: 'en' });
    await page.goto(`${server.url}/drafts/${draftId}/clerk`);
    await page.waitForSelector('.clerk-table .vt-row');
    // Filter to Article 2's comments: the select takes ↓ like any select.
    await tabTo(page, 'select[name=filter-article]');
    await pressUntil(page, 'ArrowDown', async () =>
      // The option names the article as commenters saw it, with the version when there are several.
      /^Article 2(\D|$)/.test(await page.locator('select[name=filter-article] option:checked').innerText()),
    );
    await expect.poll(() => page.locator('.shown-count').innerText()).toBe('Showing 4 of 4');
    // The groups of similar comments: the tab, then the largest group.
    await tabTo(page, '.clerk-side [role=tab]:nth-child(2)');
    await page.keyboard.press('Enter');
    await tabTo(page, '.cluster-open');
    await page.keyboard.press('Enter');
    await expect.poll(() => page.locator('.shown-count').innerText()).toBe('Showing 3 of 4');
    // Back to the table (one tab stop), ↓ takes the first comment of the group.
    await tabTo(page, '.vt-viewport', { backwards: true });
    await page.keyboard.press('ArrowDown');
    await expect.poll(() => page.locator('.clerk-table .vt-row.active').count()).toBe(1);
    // Decide for its whole group: the scope, a kind (arrows move through the radios), a reason, Apply.
    await tabTo(page, '.decide-panel [role=radio]:nth-child(2)');
    await page.keyboard.press('Space');
    await expect.poll(() => page.locator('.editor-target').innerText()).toContain('3');
    await tabTo(page, 'input[name=disposition-kind]');
    await pressUntil(page, 'ArrowRight', () =>
      focusIs(page, 'input[name=disposition-kind][value=not-adopted]'),
    );
    await tabTo(page, 'textarea[name=reason]');
    await page.keyboard.type('Closed providers are out of the directory’s purpose.');
    await tabTo(page, '.disposition-editor button[type=submit]');
    await screenshot(page, 'keyboard-clerk-decide-en');
    expect(await accessibilityViolations(page)).toEqual([]);
    await page.keyboard.press('Enter');
    await expect
      .poll(async () => {
        const table = await server.api<{ rows: { disposition: number[] } }>(
          'carl',
          'GET',
          `/api/drafts/${draftId}/clerk/table`,
        );
        return table.rows.disposition;
      })
      .toEqual([2, 2, 2, -1]);
    await context.close();
  });

  it('lets a reviewer suggest new words in Suggesting mode, and a drafter accept them', async () => {
    const rita = await openAs(browser, server, 'rita', { uiLanguage: 'en' });
    const page = rita.page;
    await page.goto(`${server.url}/drafts/${draftId}`);
    await page.waitForSelector('.lifa-doc');
    await tabTo(page, '.outline-entry');
    await pressUntil(page, 'ArrowDown', async () => (await focusedText(page)) === 'Article 4');
    await page.keyboard.press('Enter');
    expect(await focusIs(page, '.lifa-doc'), await focused(page)).toBe(true);
    // Back to the mode switch; Space picks Suggesting and puts the caret back where it was.
    await tabTo(page, '.mode-bar [data-mode=suggesting]', { backwards: true });
    await page.keyboard.press('Space');
    await expect.poll(() => focusIs(page, '.lifa-doc')).toBe(true);
    for (let i = 0; i < 'These'.length; i++) await page.keyboard.press('Shift+ArrowRight');
    await page.keyboard.type('The');
    // Escape saves the words at once.
    await page.keyboard.press('Escape');
    const suggestions = () =>
      server
        .api<Array<{ articleId: string; quote: string; replacement: string; status: string }>>(
          'alice',
          'GET',
          `/api/drafts/${draftId}/suggestions`,
        )
        .then((found) => found.map((x) => [x.articleId, x.quote, x.replacement, x.status]));
    await expect.poll(suggestions).toEqual([[articleIds[3], 'These', 'The', 'open']]);
    await screenshot(page, 'keyboard-reviewer-suggesting-en');
    expect(await accessibilityViolations(page)).toEqual([]);
    await rita.context.close();

    const alice = await openAs(browser, server, 'alice', { uiLanguage: 'en' });
    await alice.page.goto(`${server.url}/drafts/${draftId}`);
    await alice.page.waitForSelector('.lifa-doc');
    await tabTo(alice.page, '.side-pane [role=tab]:nth-child(4)');
    await alice.page.keyboard.press('Enter');
    await alice.page.waitForSelector('.suggestion');
    // The suggestion's head shows it in the text; Accept carries it out.
    await tabTo(alice.page, '.suggestion-head');
    await alice.page.keyboard.press('Enter');
    await expect.poll(() => alice.page.locator('.suggestion.is-active').count()).toBe(1);
    await tabTo(alice.page, '.suggestion [data-action=accept]');
    await screenshot(alice.page, 'keyboard-drafter-suggestions-en');
    expect(await accessibilityViolations(alice.page)).toEqual([]);
    await alice.page.keyboard.press('Enter');
    await expect.poll(suggestions).toEqual([[articleIds[3], 'These', 'The', 'accepted']]);
    expect(await server.draftText('alice', draftId)).toContain(
      'The Regulations take effect on the day of publication.',
    );
    await alice.context.close();
  });

  it("lets a drafter read an article's history, tint it by author, restore its first text and open the timeline", async () => {
    const { page, context } = await openAs(browser, server, 'alice', { uiLanguage: 'en' });
    await page.goto(`${server.url}/drafts/${draftId}`);
    await page.waitForSelector('.lifa-doc');
    await tabTo(page, '.outline-entry');
    await pressUntil(page, 'ArrowDown', async () => (await focusedText(page)) === 'Article 4');
    await page.keyboard.press('Enter');
    await tabTo(page, '.side-pane [role=tab]:nth-child(5)');
    await page.keyboard.press('Enter');
    // The draft's creation and the accepted suggestion.
    await expect.poll(() => page.locator('.history-entry').count()).toBe(2);
    await tabTo(page, 'input[name=blame]');
    await page.keyboard.press('Space');
    await page.waitForSelector('.blame-legend');
    await tabTo(page, '.history-entry button');
    await screenshot(page, 'keyboard-drafter-history-en');
    expect(await accessibilityViolations(page)).toEqual([]);
    await page.keyboard.press('Enter');
    // The dialog takes the focus on its confirm button.
    await expect.poll(() => focusIs(page, '[role=dialog] button[data-confirm]')).toBe(true);
    await page.keyboard.press('Enter');
    await expect
      .poll(() => server.draftText('alice', draftId))
      .toContain('These Regulations take effect on the day of publication.');
    await tabTo(page, '.history a[href$="/timeline"]');
    await page.keyboard.press('Enter');
    await page.waitForSelector('.timeline-table');
    expect(await page.locator('.timeline-table tr[data-action="restore.article"]').count()).toBe(1);
    await tabTo(page, 'input[name=kind-restore]');
    await page.keyboard.press('Space');
    await tabTo(page, '.timeline-filter button[type=submit]');
    await page.keyboard.press('Enter');
    await expect.poll(() => page.locator('.timeline-table tbody tr').count()).toBe(1);
    await screenshot(page, 'keyboard-drafter-timeline-en');
    expect(await accessibilityViolations(page)).toEqual([]);
    await context.close();
  });

  it('lets a member of the public go to an article from the contents and comment on it', async () => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
    await context.addInitScript(() => localStorage.setItem('lifa.uiLanguage', 'en'));
    const page = await context.newPage();
    await page.goto(`${server.url}/public/${draftId}`);
    await page.waitForSelector('.public-article');
    await tabTo(page, `.public-contents a[href="#article-${articleIds[3]}"]`);
    await page.keyboard.press('Enter');
    await expect.poll(() => focusIs(page, `article[data-article="${articleIds[3]}"]`)).toBe(true);
    await page.keyboard.press('Tab');
    expect(await focusIs(page, '.public-comment-toggle'), await focused(page)).toBe(true);
    expect(await page.evaluate(() => (document.activeElement as HTMLElement).innerText)).toBe(
      'Comment on Article 4',
    );
    await page.keyboard.press('Enter');
    await expect.poll(() => focusIs(page, 'textarea[name=body]')).toBe(true);
    await page.keyboard.type('Publication should be in the official gazette.');
    await tabTo(page, 'input[name=name]');
    await page.keyboard.type('Eve Public');
    await tabTo(page, '.public-article form button[type=submit]');
    await screenshot(page, 'keyboard-public-form-en');
    expect(await accessibilityViolations(page)).toEqual([]);
    await page.keyboard.press('Enter');
    await expect.poll(() => page.locator('.public-article .receipt-code').innerText()).toMatch(/^LF-/);
    const { comments } = await server.api<{ comments: Array<{ articleId: string; body: string }> }>(
      'carl',
      'GET',
      `/api/drafts/${draftId}/comments?kind=public`,
    );
    expect(comments.map((c) => [c.articleId, c.body]).pop()).toEqual([
      articleIds[3],
      'Publication should be in the official gazette.',
    ]);
    await context.close();
  });
});
