// Versions in the UI against a real `lifa serve`: import a corpus law into a new draft (file picker),
// cut a version, edit one article, compare the version with the live draft: the comparison shows that
// edit and nothing else, as a table and as a redline, and exports as HTML and DOCX.
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { clickAfterText, launchChromium, openAs, screenshot } from '../helpers/browser.ts';
import { projectPath } from '../helpers/cli.ts';
import { startLifaServer } from '../helpers/lifa-server.ts';
import type { LifaTestServer } from '../helpers/lifa-server.ts';
import { ensureRendererBuilt } from '../helpers/renderer-build.ts';

// The browser and the server share two cores with the rest of the suite: give changes time to show.
vi.setConfig({ expect: { poll: { timeout: 10_000, interval: 50 } } });

const lawFile = projectPath('test/fixtures/laws/cybersecurity-law-2016.zh.md');

let server: LifaTestServer;
let browser: Browser;
let page: Page;
let draftId: string;

beforeAll(async () => {
  await ensureRendererBuilt();
  [server, browser] = await Promise.all([
    startLifaServer([{ username: 'alice', password: 'alice-password', admin: true }]),
    launchChromium(),
  ]);
  page = (await openAs(browser, server, 'alice', { uiLanguage: 'zh' })).page;
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

describe('versions and comparison', { timeout: 90_000 }, () => {
  it('imports a corpus law from a file into a new draft', async () => {
    await page.goto(server.url);
    await page.getByRole('button', { name: '导入法律文本' }).click();
    const chooser = page.waitForEvent('filechooser');
    await page.getByRole('button', { name: '选择文件…' }).click();
    await (await chooser).setFiles(lawFile);
    await expect.poll(() => page.locator('textarea[name=text]').inputValue()).toContain('第七十九条');
    await page.getByRole('button', { name: '导入', exact: true }).click();
    await page.waitForURL(/\/drafts\/[^/]+$/);
    draftId = new URL(page.url()).pathname.split('/').pop()!;
    await page.waitForSelector('.lifa-doc');
    await expect.poll(() => page.locator('.outline-entry.article').count()).toBe(79);
    expect(await page.locator('.crumb').innerText()).toBe('中华人民共和国网络安全法');
  });

  it('cuts a named version, listed with its author', async () => {
    await page.getByRole('tab', { name: '版本' }).click();
    await page.fill('input[name=version-label]', '第一稿');
    await page.getByRole('button', { name: '保存', exact: true }).click();
    await expect.poll(() => page.locator('.version .name').allInnerTexts()).toEqual(['第一稿']);
    expect(await page.locator('.version .meta').innerText()).toContain('alice');
    await screenshot(page, 'versions-panel-zh');
  });

  it('compares the version with the live draft after an edit, showing exactly that edit', async () => {
    await clickAfterText(page, '推进网络基础设施建设和互联互通');
    await page.keyboard.type('和安全可控');
    await page.getByRole('button', { name: '与当前草案比较' }).click();
    await page.waitForURL(/\/compare\?/);
    await page.waitForSelector('.compare-table');
    const count = (kind: string) => page.locator(`.compare-summary [data-kind=${kind}] strong`).innerText();
    expect(await count('modified')).toBe('1');
    for (const kind of ['inserted', 'deleted', 'moved']) expect(await count(kind)).toBe('0');
    expect(await count('unchanged')).toBe('78');
    const rows = page.locator('.compare-table tbody tr[data-kind]');
    expect(await rows.count()).toBe(1);
    expect(await rows.locator('.new ins').allInnerTexts()).toEqual(['和安全可控']);
    expect(await rows.locator('.old del').count()).toBe(0);
    expect(await rows.locator('.new .article-label').innerText()).toBe('第三条');
    await screenshot(page, 'compare-zh-table');

    await page.getByRole('radio', { name: '修订稿' }).click();
    expect(await page.locator('.redline ins').allInnerTexts()).toEqual(['和安全可控']);
    await screenshot(page, 'compare-zh-redline');
  });

  it('exports the comparison as HTML and DOCX', async () => {
    for (const [name, extension] of [
      ['导出 HTML', '.html'],
      ['导出 DOCX', '.docx'],
    ] as const) {
      const download = page.waitForEvent('download');
      await page.getByRole('button', { name }).click();
      const file = await download;
      expect(file.suggestedFilename()).toMatch(new RegExp(`\\${extension}$`));
      const bytes = readFileSync((await file.path())!);
      if (extension === '.html') expect(bytes.toString('utf8')).toContain('和安全可控');
      else expect(bytes.subarray(0, 2).toString('latin1')).toBe('PK');
    }
  });

  it('shows the comparison in English when the UI language is switched', async () => {
    await page.selectOption('select[name=ui-language]', 'en');
    await expect.poll(() => page.locator('#compare-title').innerText()).toBe('Comparison');
    await page.getByRole('radio', { name: 'Table' }).click();
    await screenshot(page, 'compare-en-ui-table');
    await page.selectOption('select[name=ui-language]', 'zh');
  });

  it('exports the live draft', async () => {
    await page.getByRole('button', { name: '返回编辑' }).click();
    await page.waitForSelector('.lifa-doc');
    for (const format of ['txt', 'docx']) {
      await page.getByRole('button', { name: /导出/ }).first().click();
      const download = page.waitForEvent('download');
      await page.click(`.menu-list button[data-format=${format}]`);
      const file = await download;
      const bytes = readFileSync((await file.path())!);
      if (format === 'txt') expect(bytes.toString('utf8')).toContain('和安全可控');
      else expect(bytes.subarray(0, 2).toString('latin1')).toBe('PK');
    }
    expect(draftId).toBeTruthy();
  });
});
