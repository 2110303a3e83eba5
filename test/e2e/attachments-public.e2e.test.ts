// The public comment form with attachments and the proof-of-work check on, in Chromium against a real
// `lifa serve --public-proof on`: the limits are shown, files chosen from the keyboard are listed and
// can be removed, a file over the limit is refused before sending, the ALTCHA widget solves its
// challenge by itself, the comment arrives with its files; axe-core finds no WCAG 2.1 AA violation;
// screenshots in Chinese and English.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { accessibilityViolations } from '../helpers/axe.ts';
import { launchChromium, screenshot } from '../helpers/browser.ts';
import { startLifaServer } from '../helpers/lifa-server.ts';
import type { LifaTestServer } from '../helpers/lifa-server.ts';
import { ensureRendererBuilt } from '../helpers/renderer-build.ts';
import { docxFile, pdfFile } from '../helpers/attachment-files.ts';
import { publishForComment } from '../helpers/draft-setup.ts';

vi.setConfig({ expect: { poll: { timeout: 30_000, interval: 100 } } });

let server: LifaTestServer;
let browser: Browser;
let draftId: string;

const law = `第一章 总则
第一条 为了保障网络安全，制定本条例。
第二条 本条例适用于网络运营者。
`;

beforeAll(async () => {
  await ensureRendererBuilt();
  [server, browser] = await Promise.all([
    startLifaServer(
      [{ username: 'alice', password: 'alice-password', admin: true }],
      ['--public-proof', 'on'],
    ),
    launchChromium(),
  ]);
  draftId = (
    await server.api<{ id: string }>('alice', 'POST', '/api/drafts', {
      language: 'zh',
      title: '测试条例',
      text: law,
    })
  ).id;
  await publishForComment(server, 'alice', draftId, '征求意见稿');
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

async function openForm(language: 'zh' | 'en'): Promise<Page> {
  const context = await browser.newContext({ viewport: { width: 1200, height: 1000 } });
  await context.addInitScript((lang) => localStorage.setItem('lifa.uiLanguage', lang), language);
  const page = await context.newPage();
  await page.goto(`${server.url}/public/${draftId}`);
  await page.locator('.public-whole form').waitFor();
  return page;
}

describe('the public form with attachments and the proof-of-work check', { timeout: 120_000 }, () => {
  it('shows limits and chosen files, refuses a file too large, solves the check and sends the files', async () => {
    const page = await openForm('zh');
    const form = page.locator('.public-whole form');
    await expect
      .poll(() => form.locator('.attachment-chooser').innerText())
      .toContain('最多10个文件，每个不超过10 MiB，合计不超过50 MiB');
    await form.locator('textarea').fill('详见附件。');
    await form.locator('input[name="name"]').fill('王芳');

    // Files chosen are listed before sending, each with a button to remove it.
    // Chosen from disk (a browser reads a local file by its path; no 10 MiB copy through the protocol).
    const folder = mkdtempSync(join(tmpdir(), 'lifa-e2e-files-'));
    const letter = join(folder, '意见.pdf');
    const annex = join(folder, 'annex.docx');
    const huge = join(folder, 'huge.txt');
    writeFileSync(letter, await pdfFile(['Article 2 should be narrower.']));
    writeFileSync(annex, await docxFile(['第二条 建议修改。']));
    writeFileSync(huge, Buffer.alloc(10 * 1024 * 1024 + 10, 0x61));
    await form.locator('input[type="file"]').setInputFiles([letter, annex, huge]);
    await expect.poll(() => form.locator('.attachment-chooser-list li').count()).toBe(3);
    expect(await form.locator('[role="alert"]').innerText()).toBe('“huge.txt”超过10 MiB。');
    // Removed from the keyboard.
    await form.getByRole('button', { name: '移除huge.txt' }).focus();
    await page.keyboard.press('Enter');
    await expect.poll(() => form.locator('.attachment-chooser-list li').count()).toBe(2);
    expect(await form.locator('[role="alert"]').count()).toBe(0);
    // The focus stays in the list, on the file before the one removed.
    expect(await page.evaluate(() => document.activeElement?.getAttribute('aria-label'))).toBe(
      '移除annex.docx',
    );

    // The widget solves its challenge by itself; then the comment goes with its files.
    await expect
      .poll(
        () =>
          page.evaluate(() =>
            (document.querySelector('altcha-widget') as unknown as { getState(): string }).getState(),
          ),
        { timeout: 90_000, interval: 500 },
      )
      .toBe('verified');
    await form.getByRole('button', { name: '提交意见' }).click();
    await page.locator('.public-receipt').waitFor({ timeout: 30_000 });
    await screenshot(page, 'attachments-public-zh');
    const receipt = await page.locator('.receipt-code').innerText();
    expect(receipt).toMatch(/^LF-/);

    const table = await server.api<{ rows: { attachments: number[]; excerpt: string[] } }>(
      'alice',
      'GET',
      `/api/drafts/${draftId}/clerk/table`,
    );
    expect(table.rows.attachments).toEqual([2]);
    expect(table.rows.excerpt).toEqual(['详见附件。']);
    rmSync(folder, { recursive: true, force: true });
  });

  it('has no WCAG 2.1 AA violation in either language', async () => {
    for (const language of ['zh', 'en'] as const) {
      const page = await openForm(language);
      await page
        .locator('.public-whole input[type="file"]')
        .setInputFiles([
          { name: 'letter.pdf', mimeType: 'application/pdf', buffer: Buffer.from(await pdfFile(['x'])) },
        ]);
      await page.locator('.attachment-chooser-list li').waitFor();
      await page.waitForTimeout(1500);
      await screenshot(page, `attachments-form-${language}`);
      expect(await accessibilityViolations(page)).toEqual([]);
      await page.context().close();
    }
  });
});
