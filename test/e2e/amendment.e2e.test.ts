// The comparison view's third view against a real `lifa serve`, in real Chromium: the amending
// instrument between a version and the live draft, each instruction linked to its row of the table and
// back, in both forms (decision and 修正案), exported as DOCX and copied as text; both UI languages,
// and an English draft. Each state passes axe-core's WCAG 2.1 A/AA audit.
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { accessibilityViolations } from '../helpers/axe.ts';
import { clickAfterText, launchChromium, openAs, screenshot } from '../helpers/browser.ts';
import { startLifaServer } from '../helpers/lifa-server.ts';
import type { LifaTestServer } from '../helpers/lifa-server.ts';
import { ensureRendererBuilt } from '../helpers/renderer-build.ts';

vi.setConfig({ expect: { poll: { timeout: 10_000, interval: 50 } } });

const zhLaw = `# 测试数据安全条例

## 第一章 总则

第一条 为了规范数据处理活动，保障数据安全，制定本条例。

第二条 国家网信部门负责统筹协调网络数据安全工作。

第三条 网络数据处理者应当建立健全数据安全管理制度。

## 第二章 法律责任

第四条 违反本条例第三条规定的，由有关主管部门责令改正。

第五条 本条例自公布之日起施行。
`;

let server: LifaTestServer;
let browser: Browser;
let context: BrowserContext;
let page: Page;
let draftId: string;

beforeAll(async () => {
  await ensureRendererBuilt();
  [server, browser] = await Promise.all([
    startLifaServer([{ username: 'alice', password: 'alice-password', admin: true }]),
    launchChromium(),
  ]);
  ({ context, page } = await openAs(browser, server, 'alice', { uiLanguage: 'zh' }));
  await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: server.url });
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

async function createDraft(text: string): Promise<string> {
  const session = await server.signIn('alice');
  const response = await fetch(`${server.url}/api/drafts`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${session.token}` },
    body: JSON.stringify({ text }),
  });
  const id = ((await response.json()) as { id: string }).id;
  await fetch(`${server.url}/api/drafts/${id}/versions`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${session.token}` },
    body: JSON.stringify({ label: '一读稿' }),
  });
  return id;
}

describe('the amending instrument in the comparison view', { timeout: 120_000 }, () => {
  it('drafts the instrument for an edit, linked to its row of the table', async () => {
    draftId = await createDraft(zhLaw);
    await page.goto(`${server.url}/drafts/${draftId}`);
    await page.waitForSelector('.lifa-doc');
    await clickAfterText(page, '应当建立健全数据安全管理制度');
    await page.keyboard.type('和操作规程');
    await page.getByRole('tab', { name: '版本' }).click();
    await page.getByRole('button', { name: '与当前草案比较' }).click();
    await page.waitForURL(/\/compare\?/);
    await page.waitForSelector('.compare-table');

    await page.getByRole('radio', { name: '修改决定' }).click();
    await page.waitForSelector('.instrument .instruction');
    expect(await page.locator('.instrument-title').innerText()).toBe(
      '国务院关于修改《测试数据安全条例》的决定',
    );
    expect(await page.locator('.instrument .instruction').allInnerTexts()).toEqual([
      expect.stringMatching(/^一、在第三条中的“理制度”后增加“和操作规程”。/),
    ]);
    expect(await page.locator('.instrument-closing').allInnerTexts()).toEqual([
      '本决定自公布之日起施行。',
      '《测试数据安全条例》根据本决定作相应修改，重新公布。',
    ]);
    await screenshot(page, 'amendment-zh-decision');
    expect(await accessibilityViolations(page)).toEqual([]);

    // The instruction links to its row; the row's 说明 links back.
    await page.getByRole('button', { name: '在对照表中查看第一项所作的修改' }).click();
    await page.waitForSelector('.compare-table tr.focused');
    const row = page.locator('.compare-table tr.focused');
    expect(await row.locator('.new .article-label').innerText()).toBe('第三条');
    await expect.poll(() => page.evaluate(() => document.activeElement?.id)).toBe('compare-row-2');
    await screenshot(page, 'amendment-zh-table-link');
    expect(await accessibilityViolations(page)).toEqual([]);
    await row.getByRole('button', { name: '查看修改决定第一项' }).click();
    await page.waitForSelector('.instrument .instruction.focused');
    await expect.poll(() => page.evaluate(() => document.activeElement?.id)).toBe('instruction-1');
  });

  it('writes the 修正案 form, copies the text and exports DOCX', async () => {
    await page.getByRole('radio', { name: '修正案' }).click();
    await expect.poll(() => page.locator('.instrument-title').innerText()).toBe('测试数据安全条例修正案');
    expect(await page.locator('.instrument-closing').innerText()).toBe('二、本修正案自公布之日起施行。');

    await page.getByRole('button', { name: '复制全文' }).click();
    await expect
      .poll(() => page.evaluate(() => navigator.clipboard.readText()))
      .toMatch(
        /^测试数据安全条例修正案\n\n国务院对《测试数据安全条例》作如下修改：\n\n一、在测试数据安全条例第三条中的“理制度”后增加“和操作规程”。\n/,
      );
    await expect.poll(() => page.locator('.toast').allInnerTexts()).toContain('已复制全文。');

    const download = page.waitForEvent('download');
    await page.getByRole('button', { name: '导出修改决定（DOCX）' }).click();
    const file = await download;
    expect(file.suggestedFilename()).toMatch(/测试数据安全条例修正案.*\.docx$/);
    expect(
      readFileSync((await file.path())!)
        .subarray(0, 2)
        .toString('latin1'),
    ).toBe('PK');
    await screenshot(page, 'amendment-zh-amendment');
    expect(await accessibilityViolations(page)).toEqual([]);
  });

  it('shows the view in English when the UI language is switched', async () => {
    await page.selectOption('select[name=ui-language]', 'en');
    await expect.poll(() => page.getByRole('radio', { name: 'Instrument' }).count()).toBe(1);
    await page.getByRole('radio', { name: 'Decision' }).click();
    await expect
      .poll(() => page.locator('.instrument-title').innerText())
      .toBe('国务院关于修改《测试数据安全条例》的决定');
    expect(await page.getByRole('button', { name: 'Copy as text' }).count()).toBe(1);
    await screenshot(page, 'amendment-en-ui');
    expect(await accessibilityViolations(page)).toEqual([]);
    await page.selectOption('select[name=ui-language]', 'zh');
  });

  it('drafts English instructions for an English draft', async () => {
    const id = await createDraft(
      [
        '# Test Data Regulations',
        '## Chapter I General Provisions',
        'Article 1 These Regulations are formulated to regulate data processing.',
        'Article 2 The national cyberspace administration coordinates data security work.',
        'Article 3 Network data handlers shall establish a data security management system.',
      ].join('\n'),
    );
    // A person whose UI is in English (the sign-in script sets the language on every page load).
    page = (await openAs(browser, server, 'alice', { uiLanguage: 'en' })).page;
    await page.goto(`${server.url}/drafts/${id}`);
    await page.waitForSelector('.lifa-doc');
    await clickAfterText(page, 'coordinates data security work');
    await page.keyboard.type(' across departments');
    await page.getByRole('tab', { name: 'Versions' }).click();
    await page.getByRole('button', { name: 'Compare with live draft' }).click();
    await page.waitForSelector('.compare-table');
    await page.getByRole('radio', { name: 'Instrument' }).click();
    await page.waitForSelector('.instrument .instruction');
    expect(await page.locator('.instrument-title').innerText()).toBe(
      'Decision of the State Council on Amending the Test Data Regulations',
    );
    expect(await page.locator('.instrument .instruction').allInnerTexts()).toEqual([
      expect.stringMatching(/^1\. In Article 2, “across departments” is added after “work”\./),
    ]);
    expect(await page.locator('.instrument-closing').first().innerText()).toBe(
      'This Decision shall come into force as of the date of promulgation.',
    );
    await screenshot(page, 'amendment-en-decision');
    expect(await accessibilityViolations(page)).toEqual([]);

    // The links both ways, in English.
    await page
      .getByRole('button', { name: 'Show the change of instruction 1 in the comparison table' })
      .click();
    const row = page.locator('.compare-table tr.focused');
    await row.waitFor();
    expect(await row.locator('.new .article-label').innerText()).toBe('Article 2');
    expect(await row.locator('.instruction-link').innerText()).toBe('Instruction 1');
    await screenshot(page, 'amendment-en-table-link');
    expect(await accessibilityViolations(page)).toEqual([]);
    await row.getByRole('button', { name: 'Show instruction 1 of the instrument' }).click();
    await expect.poll(() => page.evaluate(() => document.activeElement?.id)).toBe('instruction-1');
  });
});
