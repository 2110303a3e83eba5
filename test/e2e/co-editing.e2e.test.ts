// Two people co-edit one draft in two browser contexts against a real `lifa serve`: each sees the
// other's text and named cursor; an article inserted at the top renumbers both screens; one goes
// offline, both edit, it reconnects, and both converge.
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import {
  clickAfterText,
  editorText,
  launchChromium,
  openAs,
  openDraft,
  screenshot,
} from '../helpers/browser.ts';
import { startLifaServer } from '../helpers/lifa-server.ts';
import type { LifaTestServer } from '../helpers/lifa-server.ts';
import { renderedLabelsOf } from '../helpers/rendered-labels.ts';
import { ensureRendererBuilt } from '../helpers/renderer-build.ts';

// The browser and the server share two cores with the rest of the suite: give changes time to show.
vi.setConfig({ expect: { poll: { timeout: 10_000, interval: 50 } } });

const law = `Regulations on Test Drafting
Chapter I General Provisions
Article 1 Alpha provision text.
Article 2 Bravo provision text.
Chapter II Duties
Article 3 Charlie provision text.
Article 4 Delta provision text.
Article 5 Echo provision text.
`;

let server: LifaTestServer;
let browser: Browser;
let draftId: string;
let alice: Page;
let bob: Page;
let bobContext: BrowserContext;

beforeAll(async () => {
  await ensureRendererBuilt();
  [server, browser] = await Promise.all([
    startLifaServer([
      { username: 'alice', password: 'alice-password', admin: true },
      { username: 'bob', password: 'bob-password' },
    ]),
    launchChromium(),
  ]);
  const draft = await server.api<{ id: string }>('alice', 'POST', '/api/drafts', {
    language: 'en',
    text: law,
  });
  draftId = draft.id;
  await server.api('alice', 'PUT', `/api/drafts/${draftId}/members/bob`, { role: 'drafter' });
  alice = (await openAs(browser, server, 'alice', { uiLanguage: 'en' })).page;
  ({ page: bob, context: bobContext } = await openAs(browser, server, 'bob', { uiLanguage: 'en' }));
  await Promise.all([openDraft(alice, server, draftId), openDraft(bob, server, draftId)]);
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

const until = async (what: () => Promise<boolean>, timeout = 10_000) => {
  const end = Date.now() + timeout;
  while (!(await what())) {
    if (Date.now() > end) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
};

describe('co-editing', { timeout: 60_000 }, () => {
  it("shows each person the other's text and named cursor", async () => {
    await clickAfterText(alice, 'Alpha provision text.');
    await alice.keyboard.type(' Alice was here.');
    await clickAfterText(bob, 'Charlie provision text.');
    await bob.keyboard.type(' Bob too.');
    await until(async () => (await editorText(bob)).includes('Alice was here.'));
    await until(async () => (await editorText(alice)).includes('Bob too.'));
    for (const page of [alice, bob]) {
      const text = await editorText(page);
      expect(text).toContain('Alpha provision text. Alice was here.');
      expect(text).toContain('Charlie provision text. Bob too.');
    }
    await expect.poll(() => bob.locator('.lifa-cursor[data-user="alice"]').count()).toBe(1);
    await expect.poll(() => alice.locator('.lifa-cursor[data-user="bob"]').count()).toBe(1);
    expect(await bob.locator('.lifa-cursor[data-user="alice"] .lifa-cursor-name').innerText()).toBe('alice');
    await screenshot(alice, 'co-editing-en-alice');
  });

  it('renumbers both screens when one inserts an article at the top', async () => {
    // In the title, "new article" inserts before the first article.
    await alice.locator('.lifa-title').click();
    await alice.keyboard.press('Control+Enter');
    await alice.keyboard.type('A new first article.');
    for (const page of [alice, bob]) {
      await until(async () => (await editorText(page)).includes('A new first article.'));
      expect(await renderedLabelsOf(page, 'article')).toEqual([1, 2, 3, 4, 5, 6].map((n) => `Article ${n}`));
      // The article that was first is now the second, on the page and in the outline.
      const outline = page.locator('.outline-entry.article');
      await expect.poll(() => outline.nth(1).innerText()).toMatch(/^Article 2\s+Alpha provision text\./);
      await expect.poll(() => outline.nth(0).innerText()).toMatch(/^Article 1\s+A new first article\./);
    }
    await screenshot(bob, 'co-editing-en-bob-renumbered');
  });

  it('merges the edits of someone who lost the connection when it comes back', async () => {
    await bobContext.setOffline(true);
    await expect.poll(() => bob.locator('.connection').getAttribute('data-status')).toBe('offline');
    await clickAfterText(bob, 'Delta provision text.');
    await bob.keyboard.type(' Offline edit.');
    await expect
      .poll(async () => Number(await bob.locator('.connection').getAttribute('data-unsynced')))
      .toBeGreaterThan(0);
    await clickAfterText(alice, 'Echo provision text.');
    await alice.keyboard.type(' Online edit.');
    await alice.waitForTimeout(300);
    expect(await editorText(alice)).not.toContain('Offline edit.');
    expect(await editorText(bob)).not.toContain('Online edit.');

    await bobContext.setOffline(false);
    await expect
      .poll(() => bob.locator('.connection').getAttribute('data-status'), { timeout: 10_000 })
      .toBe('connected');
    for (const page of [alice, bob]) {
      await until(async () => {
        const text = await editorText(page);
        return text.includes('Offline edit.') && text.includes('Online edit.');
      });
    }
    expect(await editorText(alice)).toBe(await editorText(bob));
    expect(await bob.locator('.connection').getAttribute('data-unsynced')).toBe('0');
    await until(async () => {
      const text = await server.draftText('alice', draftId);
      return text.includes('Offline edit.') && text.includes('Online edit.');
    });
  });

  it("undoes only one's own changes", async () => {
    await clickAfterText(alice, 'Delta provision text.');
    await alice.keyboard.type(' Alice-undo.');
    await clickAfterText(bob, 'Charlie provision text.');
    await bob.keyboard.type(' Bob-stays.');
    for (const page of [alice, bob]) await expect.poll(() => editorText(page)).toContain('Bob-stays.');
    await expect.poll(() => editorText(bob)).toContain('Alice-undo.');
    await alice.keyboard.press('Control+z');
    for (const page of [alice, bob]) {
      await expect.poll(() => editorText(page)).not.toContain('Alice-undo.');
      expect(await editorText(page)).toContain('Bob-stays.');
    }
  });

  it('saves the title typed at the top of the draft as its title', async () => {
    await clickAfterText(alice, 'Regulations on Test Drafting');
    await alice.keyboard.type(' (Revised)');
    await expect
      .poll(
        async () => (await server.api<{ title: string }>('alice', 'GET', `/api/drafts/${draftId}`)).title,
        { timeout: 10_000 },
      )
      .toBe('Regulations on Test Drafting (Revised)');
    await expect
      .poll(() => alice.locator('.crumb').innerText())
      .toBe('Regulations on Test Drafting (Revised)');
  });

  it('lets someone work offline on purpose and sync when they reconnect', async () => {
    await bob.click('button[data-action="disconnect"]');
    await expect.poll(() => bob.locator('.connection').getAttribute('data-status')).toBe('offline');
    await clickAfterText(bob, 'Bravo provision text.');
    await bob.keyboard.type(' Chosen offline.');
    await alice.waitForTimeout(300);
    expect(await editorText(alice)).not.toContain('Chosen offline.');
    await bob.click('button[data-action="reconnect"]');
    await expect.poll(() => editorText(alice)).toContain('Chosen offline.');
  });
});
