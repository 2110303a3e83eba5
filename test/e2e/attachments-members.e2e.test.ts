// Attachments as members see them, in Chromium against a real `lifa serve`. The clerk: a public comment
// sent with a PDF shows in the table with its 📎 mark and the PDF's first lines; its detail lists the
// file with type, size, pages, state and text; the original downloads byte for byte; published, it
// appears on the public page and downloads there. The reviewer: files chosen under a new comment are
// listed before sending, one over the limit is refused and removed from the keyboard (the focus kept),
// the comment goes with its files, and its thread lists them — read in the background, the state
// following live — with a download. Screenshots and axe-core (WCAG 2.1 AA) in Chinese and English.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import type { AttachmentJson } from '../../core/index.ts';
import { accessibilityViolations } from '../helpers/axe.ts';
import { pdfFile, pngFile } from '../helpers/attachment-files.ts';
import { clickAfterText, launchChromium, openAs, openDraft, screenshot } from '../helpers/browser.ts';
import { startLifaServer } from '../helpers/lifa-server.ts';
import type { LifaTestServer } from '../helpers/lifa-server.ts';
import { ensureRendererBuilt } from '../helpers/renderer-build.ts';
import { publishForComment } from '../helpers/draft-setup.ts';

// The browser, the server and its reader process share two cores with the rest of the suite.
vi.setConfig({ expect: { poll: { timeout: 30_000, interval: 100 } } });

const law = `Regulations on Testing Attachments
Chapter I General Provisions
Article 1 These Regulations are made to test how attached files are handled.
Article 2 Operators shall keep network logs for six months.
Article 3 These Regulations take effect on the day of publication.
`;

const letterLines = [
  'Joint letter of the Harbour Network Operators Association',
  'Article 2 should allow twelve months of logs for small operators.',
  'We ask the drafting office to hear the operators before the second reading.',
];

let server: LifaTestServer;
let browser: Browser;
let draftId: string;
let folder: string;
let letter: Uint8Array;
let commentId: string;

beforeAll(async () => {
  await ensureRendererBuilt();
  [server, browser] = await Promise.all([
    startLifaServer([
      { username: 'alice', password: 'alice-password', admin: true },
      { username: 'cleo', password: 'cleo-password' },
      { username: 'rita', password: 'rita-password' },
    ]),
    launchChromium(),
  ]);
  draftId = (await server.api<{ id: string }>('alice', 'POST', '/api/drafts', { language: 'en', text: law }))
    .id;
  await server.api('alice', 'PUT', `/api/drafts/${draftId}/members/cleo`, { role: 'clerk' });
  await server.api('alice', 'PUT', `/api/drafts/${draftId}/members/rita`, { role: 'reviewer' });
  await publishForComment(server, 'alice', draftId, 'Consultation draft');

  // A cover note with the substance in its PDF, sent as the public form sends it.
  letter = await pdfFile([letterLines.join('\n')]);
  const form = new FormData();
  form.append('articleId', '');
  form.append('body', 'Please find attached our comments.');
  form.append('name', 'Wang Fang');
  form.append('attachments', new Blob([Uint8Array.from(letter)], { type: 'application/pdf' }), 'letter.pdf');
  const sent = await fetch(`${server.url}/api/public/drafts/${draftId}/comments`, {
    method: 'POST',
    body: form,
  });
  if (sent.status !== 201) throw new Error(`the public comment was refused: ${await sent.text()}`);
  commentId = ((await sent.json()) as { id: string }).id;
  // Read in the background: wait until the server has read it.
  const deadline = Date.now() + 60_000;
  for (;;) {
    const detail = await server.api<{ attachments: AttachmentJson[] }>(
      'cleo',
      'GET',
      `/api/drafts/${draftId}/clerk/comments/${commentId}`,
    );
    if (detail.attachments[0].state === 'read') break;
    if (Date.now() > deadline) throw new Error(`letter.pdf still ${detail.attachments[0].state}`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  folder = mkdtempSync(join(tmpdir(), 'lifa-e2e-members-'));
}, 180_000);

afterAll(async () => {
  await browser?.close();
  await server?.stop();
  if (folder) rmSync(folder, { recursive: true, force: true });
});

/// Two animation frames, so that what was just drawn is on screen for a screenshot.
const painted = (page: Page) =>
  page.evaluate(() => new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done))));

/// The bytes of the next download `start` triggers, with its suggested name.
async function downloaded(page: Page, start: () => Promise<void>): Promise<{ name: string; bytes: Buffer }> {
  const [download] = await Promise.all([page.waitForEvent('download'), start()]);
  const path = await download.path();
  return { name: download.suggestedFilename(), bytes: readFileSync(path) };
}

async function openClerk(language: 'zh' | 'en'): Promise<Page> {
  const { page } = await openAs(browser, server, 'cleo', {
    uiLanguage: language,
    viewport: { width: 1440, height: 900 },
  });
  await page.goto(`${server.url}/drafts/${draftId}/clerk`);
  await page.locator('.clerk-table .vt-row').first().waitFor();
  return page;
}

describe('the clerk’s view of attachments', { timeout: 120_000 }, () => {
  it('marks the comment in the table with the first lines of its file, and lists the file in its detail', async () => {
    const page = await openClerk('en');
    const row = page.locator('.clerk-table .vt-row').first();
    expect(await row.locator('.attachment-mark').getAttribute('aria-label')).toBe('Attachments: 1');
    const excerpt = await row.locator('.attachment-excerpt').innerText();
    expect(excerpt).toContain('Joint letter of the Harbour Network Operators Association');
    expect(excerpt).toContain('Article 2 should allow twelve');
    // Sent on the draft as a whole, it stands under the article its letter cites, on the article's
    // first line, inside its row.
    const article = row.locator('.article-seen');
    expect(await article.locator('.article-line').innerText()).toBe('Article 2 (cited in the text)');
    const [cellBox, rowBox] = [await article.boundingBox(), await row.boundingBox()];
    expect(cellBox!.y + cellBox!.height).toBeLessThanOrEqual(rowBox!.y + rowBox!.height + 0.5);

    await row.locator('.vt-cell.text').click();
    const detail = page.locator('.comment-detail');
    await detail.waitFor();
    expect(await detail.innerText()).toContain('Article 2 (cited in the text)');
    const file = detail.locator('.comment-attachments li');
    expect(await file.locator('.attachment-name').innerText()).toBe('letter.pdf');
    expect(await file.locator('.attachment-facts').innerText()).toMatch(/^PDF · \d+ KiB · 1 page · read$/);
    await file.locator('summary').click();
    const text = await file.locator('details .comment-body').innerText();
    for (const line of letterLines) expect(text).toContain(line);
    await painted(page);
    await screenshot(page, 'attachments-clerk-detail-en');
    expect(await accessibilityViolations(page)).toEqual([]);

    // The original, byte for byte, under its name.
    const original = await downloaded(page, () =>
      file.getByRole('button', { name: 'Download letter.pdf' }).click(),
    );
    expect(original.name).toBe('letter.pdf');
    expect(original.bytes.equals(Buffer.from(letter))).toBe(true);

    // Published, the file appears on the public page and downloads there, without an account.
    await file.getByRole('checkbox', { name: 'Publish on the public page' }).check();
    await expect
      .poll(() => file.getByRole('checkbox', { name: 'Publish on the public page' }).isChecked())
      .toBe(true);
    await page.context().close();

    const visitor = await browser.newContext({ viewport: { width: 1200, height: 900 } });
    await visitor.addInitScript(() => localStorage.setItem('lifa.uiLanguage', 'en'));
    const publicPage = await visitor.newPage();
    await publicPage.goto(`${server.url}/public/${draftId}`);
    const published = publicPage.locator('.public-published');
    await published.waitFor();
    expect(await published.locator('h2').innerText()).toBe('Published attachments');
    const link = published.getByRole('link', { name: 'letter.pdf' });
    expect(await published.locator('li').innerText()).toMatch(
      // The article the letter cites (the comment was on the draft as a whole), and a pseudonym.
      /^letter\.pdf \d+ KiB · Article 2 · from Commenter \d+$/,
    );
    expect(await published.innerText()).not.toContain('Wang Fang');
    const fromPublic = await downloaded(publicPage, () => link.click());
    expect(fromPublic.bytes.equals(Buffer.from(letter))).toBe(true);
    await published.scrollIntoViewIfNeeded();
    await painted(publicPage);
    await screenshot(publicPage, 'attachments-public-published-en');
    await visitor.close();
  });

  it('shows the same in Chinese, with no WCAG 2.1 AA violation', async () => {
    const page = await openClerk('zh');
    const row = page.locator('.clerk-table .vt-row').first();
    expect(await row.locator('.attachment-mark').getAttribute('aria-label')).toBe('附件1份');
    await row.locator('.vt-cell.text').click();
    const file = page.locator('.comment-detail .comment-attachments li');
    await file.waitFor();
    expect(await file.locator('.attachment-facts').innerText()).toMatch(/^PDF · \d+ KiB · 1页 · 已读取$/);
    expect(await file.getByRole('button', { name: '下载letter.pdf' }).innerText()).toBe('下载');
    expect(await file.getByRole('checkbox', { name: '在公开页面发布' }).isChecked()).toBe(true);
    await painted(page);
    await screenshot(page, 'attachments-clerk-detail-zh');
    expect(await accessibilityViolations(page)).toEqual([]);
    await page.context().close();
  });
});

describe('the reviewer’s files', { timeout: 120_000 }, () => {
  let markup: string;

  /// Rita's editor with the comment form open on Article 2.
  async function newCommentOnArticle2(language: 'zh' | 'en'): Promise<Page> {
    const { page } = await openAs(browser, server, 'rita', {
      uiLanguage: language,
      viewport: { width: 1440, height: 900 },
    });
    await openDraft(page, server, draftId);
    await page.locator('.tab', { hasText: language === 'zh' ? '意见' : 'Comments' }).click();
    await clickAfterText(page, 'six months.');
    await page
      .locator('.comment-target button', {
        hasText: language === 'zh' ? '对本条提意见' : 'Comment on this article',
      })
      .click();
    await page.locator('form.new-comment').waitFor();
    return page;
  }

  it('chooses files, sees them, removes one from the keyboard, and sends the comment with the others', async () => {
    markup = join(folder, 'markup.pdf');
    const photo = join(folder, 'whiteboard.png');
    const huge = join(folder, 'huge.txt');
    writeFileSync(markup, await pdfFile(['Article 2: six months is too short for small operators.']));
    writeFileSync(photo, pngFile());
    writeFileSync(huge, Buffer.alloc(10 * 1024 * 1024 + 10, 0x61));

    const page = await newCommentOnArticle2('en');
    const form = page.locator('form.new-comment');
    expect(await form.locator('.attachment-chooser').innerText()).toContain(
      'Up to 10 files, 10 MiB each, 50 MiB in all',
    );
    await form.locator('textarea[name=comment-body]').fill('Marked-up copy and the whiteboard attached.');
    await form.locator('input[type=file]').setInputFiles([markup, photo, huge]);
    const chosen = form.locator('.attachment-chooser-list li');
    await expect.poll(() => chosen.allInnerTexts()).toHaveLength(3);
    expect((await chosen.allInnerTexts()).map((t) => t.replace(/\s+/g, ' ').trim())).toEqual([
      expect.stringMatching(/^markup\.pdf \d+ KiB ×$/),
      'whiteboard.png 1 KiB ×',
      'huge.txt 10 MiB ×',
    ]);
    // Over the limit: said at once, and nothing is sent while it stands.
    expect(await form.locator('[role=alert]').innerText()).toBe('"huge.txt" is larger than 10 MiB.');
    await form.locator('button[type=submit]').click();
    await page.waitForTimeout(300);
    expect(await page.locator('.thread').count()).toBe(0);

    // Removed from the keyboard: the focus moves to the file before it, the refusal goes.
    await form.getByRole('button', { name: 'Remove huge.txt' }).focus();
    await page.keyboard.press('Enter');
    await expect.poll(() => chosen.count()).toBe(2);
    // The focus moves once the list has re-rendered, which under load is a frame or two later.
    await expect
      .poll(() => page.evaluate(() => document.activeElement?.getAttribute('aria-label')))
      .toBe('Remove whiteboard.png');
    expect(await form.locator('[role=alert]').count()).toBe(0);
    await painted(page);
    await screenshot(page, 'attachments-review-form-en');
    expect(await accessibilityViolations(page)).toEqual([]);

    await form.locator('button[type=submit]').click();
    const thread = page.locator('.thread').first();
    await thread.waitFor();
    expect(await thread.locator('.comment-body').innerText()).toBe(
      'Marked-up copy and the whiteboard attached.',
    );
    const files = thread.locator('.comment-attachments li');
    expect(await files.locator('.attachment-name').allInnerTexts()).toEqual(['markup.pdf', 'whiteboard.png']);
    // Read in the background; the thread follows without a reload.
    await expect
      .poll(() => files.locator('.attachment-facts').allInnerTexts())
      .toEqual([expect.stringMatching(/^PDF · \d+ KiB · 1 page · read$/), 'IMAGE · 1 KiB · image, not read']);
    const got = await downloaded(page, () =>
      files.getByRole('button', { name: 'Download markup.pdf' }).click(),
    );
    expect(got.name).toBe('markup.pdf');
    expect(got.bytes.equals(readFileSync(markup))).toBe(true);
    await painted(page);
    await screenshot(page, 'attachments-review-thread-en');
    expect(await accessibilityViolations(page)).toEqual([]);

    // As stored: the files went with the comment, on Article 2.
    const stored = await server.api<{ comments: { body: string; attachments: AttachmentJson[] }[] }>(
      'rita',
      'GET',
      `/api/drafts/${draftId}/comments?kind=review`,
    );
    expect(stored.comments.map((c) => [c.body, c.attachments.map((a) => a.fileName)])).toEqual([
      ['Marked-up copy and the whiteboard attached.', ['markup.pdf', 'whiteboard.png']],
    ]);
    await page.context().close();
  });

  it('shows the chooser and the thread’s files in Chinese, with no WCAG 2.1 AA violation', async () => {
    const page = await newCommentOnArticle2('zh');
    const form = page.locator('form.new-comment');
    expect(await form.locator('.attachment-chooser legend').innerText()).toBe('附件（选填）');
    await form.locator('input[type=file]').setInputFiles([markup]);
    await form.locator('.attachment-chooser-list li').waitFor();
    expect(await form.getByRole('button', { name: '移除markup.pdf' }).count()).toBe(1);
    const files = page.locator('.thread .comment-attachments li');
    await expect
      .poll(() => files.locator('.attachment-facts').allInnerTexts())
      .toEqual([expect.stringMatching(/^PDF · \d+ KiB · 1页 · 已读取$/), 'IMAGE · 1 KiB · 图片，未读取']);
    expect(await files.first().getByRole('button', { name: '下载markup.pdf' }).count()).toBe(1);
    await painted(page);
    await screenshot(page, 'attachments-review-zh');
    expect(await accessibilityViolations(page)).toEqual([]);
    await page.context().close();
  });
});
