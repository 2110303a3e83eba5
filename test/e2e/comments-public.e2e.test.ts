// The public comment page in Chromium against a real `lifa serve`: someone without an account comments
// on every article and on the whole draft and gets receipts; a clerk sees their name and contact, a
// reviewer only a pseudonym; script and HTML in every field show as text on every page and never run.
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { launchChromium, openAs, openDraft, screenshot } from '../helpers/browser.ts';
import { startLifaServer } from '../helpers/lifa-server.ts';
import type { LifaTestServer } from '../helpers/lifa-server.ts';
import { ensureRendererBuilt } from '../helpers/renderer-build.ts';
import { publishForComment } from '../helpers/draft-setup.ts';

vi.setConfig({ expect: { poll: { timeout: 10_000, interval: 50 } } });

const law = `Regulations on Public Commenting
Chapter I General Provisions
Article 1 Alpha provision text.
Article 2 Bravo provision text.
Chapter II Duties
Article 3 Charlie provision text.
`;

/// A payload that would run if any page read it as HTML.
const attack = (where: string) =>
  `<script>window.__pwned='${where}'</script><img src=x onerror="window.__pwned='${where}'"><b>${where}</b>`;
const name = attack('name');
const contact = '<i>c</i>@example.com';

let server: LifaTestServer;
let browser: Browser;
let draftId: string;
let visitor: Page;

beforeAll(async () => {
  await ensureRendererBuilt();
  [server, browser] = await Promise.all([
    startLifaServer([
      { username: 'alice', password: 'alice-password', admin: true },
      { username: 'carl', password: 'carl-password' },
      { username: 'rita', password: 'rita-password' },
    ]),
    launchChromium(),
  ]);
  draftId = (await server.api<{ id: string }>('alice', 'POST', '/api/drafts', { language: 'en', text: law }))
    .id;
  await server.api('alice', 'PUT', `/api/drafts/${draftId}/members/carl`, { role: 'clerk' });
  await server.api('alice', 'PUT', `/api/drafts/${draftId}/members/rita`, { role: 'reviewer' });
  await publishForComment(server, 'alice', draftId, 'Draft for comment');
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  await context.addInitScript(() => localStorage.setItem('lifa.uiLanguage', 'en'));
  visitor = await context.newPage();
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

/// Whether anything a commenter wrote ran, or became an element, on `page`.
async function injected(page: Page): Promise<unknown> {
  return page.evaluate(() => ({
    ran: (window as unknown as { __pwned?: string }).__pwned ?? null,
    elements: document.querySelectorAll('img[src="x"], main script, .comment-body b, .submitter i').length,
  }));
}

describe('the public comment page', { timeout: 60_000 }, () => {
  it('takes a comment on every article and on the whole draft, without an account', async () => {
    await visitor.goto(`${server.url}/public/${draftId}`);
    await visitor.locator('.public-article').first().waitFor();
    expect(await visitor.locator('.public-title').innerText()).toBe('Regulations on Public Commenting');
    expect(await visitor.locator('.public-label').allInnerTexts()).toEqual([
      'Article 1',
      'Article 2',
      'Article 3',
    ]);
    expect(await visitor.locator('.public-division').allInnerTexts()).toEqual([
      'Chapter I General Provisions',
      'Chapter II Duties',
    ]);

    const articles = visitor.locator('.public-article');
    for (let i = 0; i < 3; i++) {
      const article = articles.nth(i);
      await article.locator('.public-comment-toggle').click();
      const form = article.locator('form.public-form');
      await form.locator('textarea[name=body]').fill(`${attack(`body${i + 1}`)} on article ${i + 1}`);
      await form.locator('input[name=name]').fill(name);
      await form.locator('input[name=contact]').fill(contact);
      await form.locator('input[name=organization]').fill(attack('org'));
      await form.locator('select[name=submitterType]').selectOption('association');
      await form.locator('button[type=submit]').click();
      await expect.poll(() => article.locator('.receipt-code').innerText()).toMatch(/^LF-/);
    }
    const whole = visitor.locator('form[data-form=draft]');
    await whole.locator('textarea[name=body]').fill('On the draft as a whole.');
    await whole.locator('input[name=name]').fill('Another Person');
    await whole.locator('button[type=submit]').click();
    await expect.poll(() => visitor.locator('.public-whole .receipt-code').count()).toBe(1);
    expect(await injected(visitor)).toEqual({ ran: null, elements: 0 });
    await screenshot(visitor, 'comments-public-page');

    const stored = await server.api<{ comments: { articleId: string | null; body: string }[] }>(
      'carl',
      'GET',
      `/api/drafts/${draftId}/comments?kind=public`,
    );
    expect(stored.comments).toHaveLength(4);
    expect(stored.comments[0].body).toBe(`${attack('body1')} on article 1`);
    expect(stored.comments[3].articleId).toBeNull();
  });

  it('shows the clerk names and contacts, as text', async () => {
    const { page } = await openAs(browser, server, 'carl', { uiLanguage: 'en' });
    await openDraft(page, server, draftId);
    await page.locator('.tab', { hasText: 'Comments' }).click();
    await page.locator('.comment-scopes button', { hasText: 'Public' }).click();
    await expect.poll(() => page.locator('.public-comments .thread').count()).toBe(4);
    const first = page.locator('.public-comments .thread').first();
    expect(await first.locator('.comment-author').innerText()).toBe(name);
    expect(await first.locator('.submitter-contact').innerText()).toBe(contact);
    expect(await first.locator('.comment-body').innerText()).toBe(`${attack('body1')} on article 1`);
    expect(await first.locator('.thread-article').innerText()).toBe('Article 1');
    expect(await injected(page)).toEqual({ ran: null, elements: 0 });
    await screenshot(page, 'comments-public-clerk');
    await page.context().close();
  });

  it('shows the reviewer a pseudonym only', async () => {
    const { page } = await openAs(browser, server, 'rita', { uiLanguage: 'en' });
    await openDraft(page, server, draftId);
    await page.locator('.tab', { hasText: 'Comments' }).click();
    await page.locator('.comment-scopes button', { hasText: 'Public' }).click();
    await expect.poll(() => page.locator('.public-comments .thread').count()).toBe(4);
    expect(await page.locator('.public-comments .comment-author').allInnerTexts()).toEqual([
      'Commenter 1',
      'Commenter 1',
      'Commenter 1',
      'Commenter 2',
    ]);
    const text = await page.locator('.side-pane').innerText();
    expect(text).not.toContain("__pwned='name'");
    expect(text).not.toContain('@example.com');
    expect(await page.locator('.submitter-contact').count()).toBe(0);
    expect(await injected(page)).toEqual({ ran: null, elements: 0 });
    await page.context().close();
  });

  it('says the period is closed once the owner closes it, and takes no more comments', async () => {
    const period = await server.api<{ versionId: string }>('alice', 'GET', `/api/drafts/${draftId}/public`);
    await server.api('alice', 'PUT', `/api/drafts/${draftId}/public`, {
      versionId: period.versionId,
      open: false,
    });
    await visitor.reload();
    await expect.poll(() => visitor.locator('.public-head .notice.error').innerText()).toContain('closed');
    expect(await visitor.locator('.public-comment-toggle').count()).toBe(0);
    expect(await visitor.locator('form.public-form').count()).toBe(0);
  });
});
