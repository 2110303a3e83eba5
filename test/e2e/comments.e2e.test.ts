// Review comments in two browsers against a real `lifa serve`: a reviewer comments on a passage while a
// drafter types above it; the highlight stays on the same words on both screens, the drafter sees the
// comment arrive live, and a passage whose words are deleted falls back to its article with its quote.
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import {
  clickAfterText,
  editorText,
  launchChromium,
  openAs,
  openDraft,
  screenshot,
  selectText,
} from '../helpers/browser.ts';
import { startLifaServer } from '../helpers/lifa-server.ts';
import type { LifaTestServer } from '../helpers/lifa-server.ts';
import { ensureRendererBuilt } from '../helpers/renderer-build.ts';

vi.setConfig({ expect: { poll: { timeout: 10_000, interval: 50 } } });

const law = `Regulations on Test Commenting
Chapter I General Provisions
Article 1 Alpha provision text.
Article 2 Bravo provision text.
Chapter II Duties
Article 3 Charlie provision text about network operators.
Article 4 Delta provision text.
`;

let server: LifaTestServer;
let browser: Browser;
let draftId: string;
let rita: Page;
let dora: Page;

beforeAll(async () => {
  await ensureRendererBuilt();
  [server, browser] = await Promise.all([
    startLifaServer([
      { username: 'alice', password: 'alice-password', admin: true },
      { username: 'rita', password: 'rita-password' },
      { username: 'dora', password: 'dora-password' },
    ]),
    launchChromium(),
  ]);
  draftId = (await server.api<{ id: string }>('alice', 'POST', '/api/drafts', { language: 'en', text: law }))
    .id;
  await server.api('alice', 'PUT', `/api/drafts/${draftId}/members/rita`, { role: 'reviewer' });
  await server.api('alice', 'PUT', `/api/drafts/${draftId}/members/dora`, { role: 'drafter' });
  rita = (await openAs(browser, server, 'rita', { uiLanguage: 'en' })).page;
  dora = (await openAs(browser, server, 'dora', { uiLanguage: 'en' })).page;
  await Promise.all([openDraft(rita, server, draftId), openDraft(dora, server, draftId)]);
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

/// The text under each highlighted passage of `page`, by thread.
function highlights(page: Page): Promise<Record<string, string>> {
  return page.evaluate(() => {
    const byThread: Record<string, string> = {};
    for (const mark of document.querySelectorAll<HTMLElement>('.lifa-comment-mark')) {
      const id = mark.dataset.thread!;
      byThread[id] = (byThread[id] ?? '') + mark.textContent;
    }
    return byThread;
  });
}

describe('review comments', { timeout: 60_000 }, () => {
  it('keeps a passage highlighted on the same words while a drafter edits above it, and shows it live', async () => {
    await selectText(rita, 'Charlie provision text');
    const button = rita.locator('.lifa-comment-new');
    await expect.poll(() => button.isVisible()).toBe(true);
    await button.click();
    const form = rita.locator('form.new-comment');
    await expect.poll(() => form.isVisible()).toBe(true);
    expect(await form.locator('.comment-quote').innerText()).toBe('Charlie provision text');
    await form.locator('textarea').fill('Say which operators <b>exactly</b>.');
    await form.locator('button[type=submit]').click();

    // The drafter's margin shows the new thread within a second or so, without reloading.
    const badge = dora.locator('.lifa-comment-badge');
    await expect.poll(() => badge.getAttribute('data-count'), { timeout: 3000 }).toBe('1');
    await expect.poll(async () => Object.values(await highlights(dora))).toEqual(['Charlie provision text']);

    // The drafter types above the passage, and in front of it in the same article.
    await clickAfterText(dora, 'Alpha provision text.');
    await dora.keyboard.type(' Inserted above by the drafter.');
    await clickAfterText(dora, 'Bravo provision text.');
    await dora.keyboard.press('Enter');
    await dora.keyboard.type('A new paragraph above.');
    for (const page of [rita, dora]) {
      await expect.poll(() => editorText(page)).toContain('A new paragraph above.');
      await expect
        .poll(async () => Object.values(await highlights(page)))
        .toEqual(['Charlie provision text']);
    }

    // The comment itself, as text.
    await rita.locator('.thread .comment-body').first().waitFor();
    expect(await rita.locator('.thread .comment-body').first().innerText()).toBe(
      'Say which operators <b>exactly</b>.',
    );
    expect(await rita.locator('.thread .comment-body b').count()).toBe(0);
    await dora.locator('.lifa-comment-badge').click();
    await expect
      .poll(() => dora.locator('.thread .comment-body').first().innerText())
      .toBe('Say which operators <b>exactly</b>.');
    await screenshot(rita, 'comments-reviewer');
    await screenshot(dora, 'comments-drafter');
  });

  it('follows a reply and a resolve live, and falls back to the article when the passage is deleted', async () => {
    const thread = dora.locator('.thread').first();
    await thread.locator('button', { hasText: 'Reply' }).click();
    await thread.locator('textarea[name=reply-body]').fill('Operators of critical systems.');
    await thread.locator('.reply-form button[type=submit]').click();
    await expect
      .poll(() => rita.locator('.thread .comment.reply .comment-body').first().innerText())
      .toBe('Operators of critical systems.');

    // The drafter deletes the quoted words: the thread stays on Article 3, with its quote.
    await selectText(dora, 'Charlie provision text about');
    await dora.keyboard.press('Delete');
    await expect.poll(() => editorText(rita)).not.toContain('Charlie provision');
    await expect.poll(async () => Object.keys(await highlights(rita)).length).toBe(0);
    await rita.locator('.tab', { hasText: 'Comments' }).click();
    await rita.locator('.comment-scopes button', { hasText: 'All' }).click();
    await expect.poll(() => rita.locator('.comment-quote.is-lost').count()).toBe(1);
    expect(await rita.locator('.comment-quote.is-lost').innerText()).toContain('Charlie provision text');
    expect(await rita.locator('.thread .thread-article').first().innerText()).toBe('Article 3');

    await rita.locator('.thread button', { hasText: 'Resolve' }).click();
    await expect.poll(() => dora.locator('.lifa-comment-badge').getAttribute('data-open')).toBe('0');
  });
});
