// A drafter's everyday tools in Chromium against a real `lifa serve`, in Chinese and English, at
// 1280×800 and 1920 wide: copy as it reads and paste back with the structure; print (the draft and the
// comparison) through the print stylesheet, checked in the PDF Chromium makes of it; find and replace
// with its scopes, and a reviewer who may find but not replace; the outline filter over whole article
// texts; word and character counts; the help (F1 and ?); the title placeholder; source comments kept
// out of the text. Screenshots in test-artifacts/screenshots/tools-*.
import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { accessibilityViolations } from '../helpers/axe.ts';
import { clickAfterText, editorText, launchChromium, openAs, screenshot } from '../helpers/browser.ts';
import { projectPath } from '../helpers/cli.ts';
import { startLifaServer } from '../helpers/lifa-server.ts';
import type { LifaTestServer } from '../helpers/lifa-server.ts';
import { ensureRendererBuilt } from '../helpers/renderer-build.ts';
import { articleIds } from '../helpers/draft-setup.ts';

vi.setConfig({ expect: { poll: { timeout: 15_000, interval: 50 } } });

const zhLaw = readFileSync(projectPath('test/fixtures/laws/cybersecurity-law-2016.zh.md'), 'utf8');
const enLaw = `Regulations on Everyday Tools
Chapter I General Provisions
Article 1 These Regulations protect data and the databases that hold data.
Article 2 A Data Office keeps the register of processors.
Chapter II Duties
Article 3 Processors shall keep data safe:
(1) by encrypting data at rest;
(2) by logging every access to data.
Article 4 These Regulations take effect on 1 July.
`;

let server: LifaTestServer;
let browser: Browser;
let zhId: string;
let enId: string;

beforeAll(async () => {
  await ensureRendererBuilt();
  [server, browser] = await Promise.all([
    startLifaServer([
      { username: 'alice', password: 'alice-password', admin: true },
      { username: 'rita', password: 'rita-password' },
    ]),
    launchChromium(),
  ]);
  zhId = (await server.api<{ id: string }>('alice', 'POST', '/api/drafts', { language: 'zh', text: zhLaw }))
    .id;
  enId = (await server.api<{ id: string }>('alice', 'POST', '/api/drafts', { language: 'en', text: enLaw }))
    .id;
  await server.api('alice', 'PUT', `/api/drafts/${enId}/members/rita`, { role: 'reviewer' });
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

async function open(page: Page, draftId: string): Promise<void> {
  await page.goto(`${server.url}/drafts/${draftId}`);
  await page.waitForSelector('.lifa-doc');
}

/// Select from the start of article `first`'s text to the end of article `last`'s (0-based; negative
/// counts from the end), as a drag of the mouse would.
async function selectArticles(page: Page, first: number, last: number): Promise<void> {
  await page.evaluate(
    ({ first, last }) => {
      const articles = [...document.querySelectorAll('.lifa-doc .lifa-article')];
      const start = articles.at(first)!.querySelector('.lifa-lead')!;
      const leads = articles.at(last)!.querySelectorAll('.lifa-lead');
      const end = leads[leads.length - 1];
      const walker = document.createTreeWalker(end, NodeFilter.SHOW_TEXT);
      let lastText: Text | null = null;
      for (let node = walker.nextNode(); node; node = walker.nextNode()) lastText = node as Text;
      const firstText = document.createTreeWalker(start, NodeFilter.SHOW_TEXT).nextNode() as Text;
      // The editor takes a selection made in it while it has the focus.
      (document.querySelector('.lifa-doc') as HTMLElement).focus();
      getSelection()!.setBaseAndExtent(firstText, 0, lastText!, lastText!.data.length);
    },
    { first, last },
  );
  await page.waitForTimeout(150); // the editor reads the selection on selectionchange
}

/// Copy the selection through the editor's own copy handler; the clipboard's plain text and HTML.
function copy(page: Page): Promise<{ text: string; html: string }> {
  return page.evaluate(() => {
    const data = new DataTransfer();
    document
      .querySelector('.lifa-doc')!
      .dispatchEvent(new ClipboardEvent('copy', { clipboardData: data, bubbles: true, cancelable: true }));
    return { text: data.getData('text/plain'), html: data.getData('text/html') };
  });
}

/// Paste `clipboard` (plain text, and HTML when given) at the caret.
async function paste(page: Page, clipboard: { text: string; html?: string }): Promise<void> {
  await page.evaluate((clip) => {
    const data = new DataTransfer();
    data.setData('text/plain', clip.text);
    if (clip.html) data.setData('text/html', clip.html);
    document
      .querySelector('.lifa-doc')!
      .dispatchEvent(new ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true }));
  }, clipboard);
}

/// The articles of the live draft, as the server exports them.
async function serverArticles(draftId: string): Promise<string[]> {
  const outline = await server.api<{ articles: Array<{ label: string; text: string }> }>(
    'alice',
    'GET',
    `/api/drafts/${draftId}/export?format=json`,
  );
  return outline.articles.map((a) => `${a.label} ${a.text}`);
}

/// Print the page the way File › Print does (Ctrl+P), into a PDF; its text, page by page, and the
/// first pages as PNG files (test-artifacts/screenshots/NAME-N.png).
async function printToPdf(page: Page, name: string): Promise<string[]> {
  // The browser's print dialog is the one thing not run: the page is printed to PDF instead.
  await page.evaluate(() => {
    (window as unknown as { printed: number }).printed = 0;
    window.print = () => void ((window as unknown as { printed: number }).printed += 1);
  });
  await page.keyboard.press('Control+p');
  expect(await page.evaluate(() => (window as unknown as { printed: number }).printed)).toBe(1);
  const dir = projectPath('test-artifacts/print');
  mkdirSync(dir, { recursive: true });
  const pdf = `${dir}/${name}.pdf`;
  writeFileSync(pdf, await page.pdf({ preferCSSPageSize: true, printBackground: true }));
  execFileSync('pdftoppm', [
    '-png',
    '-r',
    '50',
    '-f',
    '1',
    '-l',
    '2',
    pdf,
    projectPath(`test-artifacts/screenshots/${name}`),
  ]);
  return execFileSync('pdftotext', ['-layout', pdf, '-'], { encoding: 'utf8' })
    .split('\f')
    .filter((p) => p.trim());
}

describe('copying and pasting', { timeout: 90_000 }, () => {
  it('copies articles as they read, labels included, and pasting them back keeps their structure (zh)', async () => {
    const { page, context } = await openAs(browser, server, 'alice', { uiLanguage: 'zh' });
    await open(page, zhId);
    const before = await serverArticles(zhId);
    await selectArticles(page, 1, 2);
    const copied = await copy(page);
    expect(copied.text.split('\n')).toEqual([
      '第二条\u3000在中华人民共和国境内建设、运营、维护和使用网络，以及网络安全的监督管理，适用本法。',
      before[2].replace('第三条 ', '第三条\u3000'),
    ]);
    expect(copied.html).toContain('data-lifa-label');
    expect(copied.html).toMatch(/<span[^>]*data-lifa-label[^>]*>第二条\u3000<\/span>/);

    // Back into the draft, after article 5: two whole articles, numbered 6 and 7, nothing merged.
    await clickAfterText(page, '维护网络空间安全和秩序。');
    await paste(page, copied);
    await expect.poll(async () => (await serverArticles(zhId)).length).toBe(before.length + 2);
    const after = await serverArticles(zhId);
    expect(after[4]).toBe(before[4]);
    expect(after[5]).toBe(before[1].replace('第二条', '第六条'));
    expect(after[6]).toBe(before[2].replace('第三条', '第七条'));
    expect(after[7]).toBe(before[5].replace('第六条', '第八条'));
    expect(after.join('\n')).not.toMatch(/第二条第二条|第二条\u3000第二条/);
    await screenshot(page, 'tools-pasted-zh');
    // One undo takes the pasted articles out again.
    await page.keyboard.press('Control+z');
    await expect.poll(() => serverArticles(zhId)).toEqual(before);

    // The plain text alone (as another program hands it back) keeps the structure too.
    await clickAfterText(page, '维护网络空间安全和秩序。');
    await paste(page, { text: copied.text });
    await expect.poll(async () => (await serverArticles(zhId)).length).toBe(before.length + 2);
    expect((await serverArticles(zhId))[5]).toBe(before[1].replace('第二条', '第六条'));
    await page.keyboard.press('Control+z');
    await expect.poll(() => serverArticles(zhId)).toEqual(before);
    await context.close();
  });

  it('copies a passage inside an article without a label, and an item with its own (en)', async () => {
    const { page, context } = await openAs(browser, server, 'alice', { uiLanguage: 'en' });
    await open(page, enId);
    await page.evaluate(() => {
      const leads = [...document.querySelectorAll('.lifa-doc .lifa-article')][2].querySelectorAll(
        '.lifa-lead',
      );
      const from = leads[0].firstChild as Text;
      const to = leads[1].firstChild as Text;
      (document.querySelector('.lifa-doc') as HTMLElement).focus();
      getSelection()!.setBaseAndExtent(from, 'Processors '.length, to, to.data.length);
    });
    await page.waitForTimeout(150);
    expect((await copy(page)).text).toBe('shall keep data safe:\n(1) by encrypting data at rest;');
    await context.close();
  });
});

describe('printing', { timeout: 120_000 }, () => {
  it('prints the draft alone, numbered, paginated, headed by its title and with page numbers (zh)', async () => {
    const { page, context } = await openAs(browser, server, 'alice', { uiLanguage: 'zh' });
    // Suggestions are not the draft yet, and blame tints are for the screen: neither is printed.
    const articles = await articleIds(server, 'alice', zhId);
    const suggestions = [
      { kind: 'text', articleId: articles[0], quote: '维护网络空间主权', replacement: '捍卫网络空间主权' },
      { kind: 'insert-article', after: articles[0], text: '建议新增的一条。' },
    ];
    const made: string[] = [];
    for (const suggestion of suggestions)
      made.push(
        (await server.api<{ id: string }>('alice', 'POST', `/api/drafts/${zhId}/suggestions`, suggestion)).id,
      );
    await open(page, zhId);
    await page.waitForSelector('.lifa-doc .lifa-sugg-block');
    await page.locator('.outline-entry.article').first().click();
    await page.locator('.tab', { hasText: '历史' }).click();
    await page.locator('input[name=blame]').check();
    await page.waitForSelector('.lifa-doc .blame-run', { state: 'attached' });
    const pages = await printToPdf(page, 'print-draft-zh');
    for (const id of made) await server.api('alice', 'POST', `/api/suggestions/${id}/reject`, {});
    expect(pages.length).toBeGreaterThan(4);
    expect(pages[0]).toContain('中华人民共和国网络安全法');
    expect(pages[0]).toContain('第一条');
    expect(pages[0]).toMatch(/—\s*1\s*—/);
    expect(pages[1]).toMatch(/—\s*2\s*—/);
    expect(pages[1]).toContain('中华人民共和国网络安全法'); // the running head
    // Nothing cut: the last article is there; nothing but the draft: no outline, toolbar or panels.
    expect(pages.join('\n')).toContain('第七十九条');
    expect(pages.join('\n')).toContain('本法自2017年6月1日起施行。');
    expect(pages.join('\n')).toContain('维护网络空间主权');
    for (const chrome of [
      '共 79 条',
      '筛选条文',
      '问题',
      '新增',
      '导出',
      '已同步',
      'INFO END',
      '字数',
      '直接修改正文',
      '捍卫',
      '建议新增',
    ])
      expect(pages.join('\n'), chrome).not.toContain(chrome);
    await context.close();
  });

  it('prints the comparison table alone, its header on every page (en)', async () => {
    const { page, context } = await openAs(browser, server, 'alice', { uiLanguage: 'en' });
    await server.api('alice', 'POST', `/api/drafts/${enId}/versions`, { label: 'First draft' });
    await open(page, enId);
    await clickAfterText(page, 'take effect on 1 July.');
    await page.keyboard.type(' of next year');
    await page.locator('.tab', { hasText: 'Versions' }).click();
    await page.getByRole('button', { name: 'Compare with live draft' }).first().click();
    await page.waitForSelector('.compare-table');
    await page.locator('input[name=show-unchanged]').check();
    const pages = await printToPdf(page, 'print-compare-en');
    const all = pages.join('\n');
    expect(pages[0]).toContain('Comparison table — Regulations on Everyday Tools');
    expect(pages[0]).toMatch(/1\s*\/\s*\d/);
    expect(all).toContain('Old text');
    expect(all).toContain('of next year');
    for (const chrome of ['Export DOCX', 'Back to editor', 'Next change', 'Outline'])
      expect(all).not.toContain(chrome);
    await context.close();
  });
});

describe('the comparison without colour', { timeout: 90_000 }, () => {
  it('steps through the changes from the keyboard and says insertions in words (en, zh UI)', async () => {
    for (const language of ['en', 'zh'] as const) {
      const { page, context } = await openAs(browser, server, 'alice', { uiLanguage: language });
      const versions = await server.api<Array<{ id: string }>>(
        'alice',
        'GET',
        `/api/drafts/${enId}/versions`,
      );
      await page.goto(`${server.url}/drafts/${enId}/compare?from=${versions[0].id}&to=live`);
      await page.waitForSelector('.compare-table');
      const position = page.locator('.change-position');
      await expect.poll(() => position.innerText()).toBe(language === 'en' ? 'Changes: 1' : '共 1 处修改');
      await page.keyboard.press('Alt+ArrowDown');
      await expect
        .poll(() => position.innerText())
        .toBe(language === 'en' ? 'Change 1 of 1' : '第 1 处修改，共 1 处');
      expect(await page.evaluate(() => document.activeElement?.getAttribute('data-kind'))).toBe('modified');
      // The inserted words, as a screen reader reads them: said to be an insertion, start and end.
      const cell = await page.locator('tr[data-kind=modified] td.new').evaluate((td) => td.textContent);
      expect(cell).toContain(
        language === 'en' ? 'Inserted:  of next year (end of insertion)' : '新增： of next year（新增完）',
      );
      await page.getByRole('radio', { name: language === 'en' ? 'Redline' : '修订稿' }).click();
      await page.waitForSelector('.redline');
      await page.getByRole('button', { name: language === 'en' ? 'Next change' : '下一处修改' }).click();
      await expect.poll(() => page.locator('.redline-article.is-current-change').count()).toBe(1);
      await screenshot(page, `tools-redline-${language}`);
      await context.close();
    }
  });
});

describe('find and replace', { timeout: 90_000 }, () => {
  it('finds across the draft, in one article or chapter, by case and whole word, and replaces (en, 1920 wide)', async () => {
    const { page, context } = await openAs(browser, server, 'alice', {
      uiLanguage: 'en',
      viewport: { width: 1920, height: 1080 },
    });
    await open(page, enId);
    await clickAfterText(page, 'Processors shall');
    await page.keyboard.press('Control+f');
    await expect.poll(() => page.evaluate(() => document.activeElement?.getAttribute('name'))).toBe('find');
    await page.keyboard.type('data');
    const status = () => page.locator('.find-status').innerText();
    // Seven in all (four before Article 3); the first after the caret is current.
    await expect.poll(status).toBe('5 of 7');
    await page.keyboard.press('Enter');
    await expect.poll(status).toBe('6 of 7');
    await page.locator('input[name=whole-word]').check();
    await expect.poll(status).toMatch(/of 6$/); // not "databases"
    await page.locator('input[name=match-case]').check();
    await expect.poll(status).toMatch(/of 5$/); // not "Data Office"
    await page.selectOption('select[name=find-scope]', 'article');
    await expect.poll(status).toMatch(/of 3$/); // Article 3 and its items
    await page.selectOption('select[name=find-scope]', 'chapter');
    await expect.poll(status).toMatch(/of 3$/); // Chapter II: Article 3 (Article 4 has none)
    await page.selectOption('select[name=find-scope]', 'all');
    await expect.poll(status).toMatch(/of 5$/);
    await screenshot(page, 'tools-find-en-1920');
    // Replace, in Article 3 only.
    await page.selectOption('select[name=find-scope]', 'article');
    await page.keyboard.press('Control+h');
    await page.locator('input[name=replace]').fill('information');
    await page.getByRole('button', { name: 'Replace all' }).click();
    await expect
      .poll(async () => (await serverArticles(enId))[2])
      .toBe(
        'Article 3 Processors shall keep information safe:\n(1) by encrypting information at rest;\n(2) by logging every access to information.',
      );
    expect((await serverArticles(enId))[0]).toContain('protect data');
    expect(await accessibilityViolations(page)).toEqual([]);
    // Escape closes the bar, its highlights go, the caret is back in the text; one undo undoes all.
    await page.keyboard.press('Escape');
    await expect.poll(() => page.locator('.find-bar').count()).toBe(0);
    await expect.poll(() => page.locator('.lifa-find-match').count()).toBe(0);
    await page.keyboard.press('Control+z');
    await expect.poll(async () => (await serverArticles(enId))[2]).toContain('keep data safe');
    // In Suggesting mode the drafter's typing becomes suggestions: replacing waits for Editing.
    await page.locator('.mode-bar [data-mode=suggesting]').click();
    await page.keyboard.press('Control+h');
    expect(await page.locator('input[name=replace]').count()).toBe(0);
    expect(await page.locator('.find-note').innerText()).toBe(
      'Replacing works in Editing mode only: switch to Editing first.',
    );
    await page.locator('.mode-bar [data-mode=editing]').click();
    await expect.poll(() => page.locator('input[name=replace]').count()).toBe(1);
    await context.close();
  });

  it('lets a reviewer find but not replace (zh UI)', async () => {
    const { page, context } = await openAs(browser, server, 'rita', { uiLanguage: 'zh' });
    await open(page, enId);
    await page.keyboard.press('Control+h');
    await page.keyboard.type('data');
    await expect.poll(() => page.locator('.find-status').innerText()).toMatch(/^第 1 处，共 \d+ 处$/);
    expect(await page.locator('input[name=replace]').count()).toBe(0);
    expect(await page.locator('.find-note').innerText()).toBe('只读：您的角色不能替换正文。');
    await screenshot(page, 'tools-find-reviewer-zh');
    await context.close();
  });

  it('filters the outline by words anywhere in an article, showing where they matched (zh)', async () => {
    const { page, context } = await openAs(browser, server, 'alice', { uiLanguage: 'zh' });
    await open(page, zhId);
    // Deep in article 21, far from its first words.
    await page.fill('input[name=outline-filter]', '网络日志不少于六个月');

    await expect
      .poll(() => page.locator('.outline-entry').allInnerTexts())
      .toEqual([expect.stringMatching(/^第二十一条\s+….*网络日志不少于六个月/s)]);
    await page
      .locator('.outline-pane')
      .screenshot({ path: projectPath('test-artifacts/screenshots/tools-outline-filter-zh.png') });
    await context.close();
  });
});

describe('counts, help, the empty title and source comments', { timeout: 90_000 }, () => {
  it('counts the draft and the selection, Chinese characters one each', async () => {
    const { page, context } = await openAs(browser, server, 'alice', { uiLanguage: 'zh' });
    await open(page, zhId);
    await expect
      .poll(() => page.locator('.editor-status .count-draft').innerText())
      .toMatch(/^全文：字数 [\d,]+，字符 [\d,]+$/);
    const chars = Number(
      (await page.locator('.editor-status .count-draft').innerText())
        .match(/字符 ([\d,]+)/)![1]
        .replace(/,/g, ''),
    );
    expect(chars).toBeGreaterThan(8000);
    await selectArticles(page, -1, -1);
    await expect
      .poll(() => page.locator('.editor-status .count-selection').innerText())
      .toBe('选中：字数 12，字符 16'); // 本法自2017年6月1日起施行。: 9 characters of Chinese + 3 numbers
    await screenshot(page, 'tools-counts-zh');
    await context.close();
  });

  it('opens the help with F1 and with ?, in both languages, but ? typed in the text is a question mark', async () => {
    for (const language of ['zh', 'en'] as const) {
      const { page, context } = await openAs(browser, server, 'alice', { uiLanguage: language });
      await open(page, enId);
      await page.keyboard.press('F1');
      await page.waitForSelector('.help');
      expect(await page.locator('.dialog-head').innerText()).toBe(
        language === 'zh' ? '帮助与快捷键' : 'Help and keyboard shortcuts',
      );
      expect(await page.locator('.shortcut-table kbd', { hasText: 'Ctrl+Enter' }).count()).toBeGreaterThan(0);
      await screenshot(page, `tools-help-${language}`);
      await page.keyboard.press('Escape');
      await page.locator('.outline-entry').first().focus();
      await page.keyboard.press('Shift+Slash');
      await page.waitForSelector('.help');
      await page.keyboard.press('Escape');
      await clickAfterText(page, 'take effect on 1 July');
      await page.keyboard.type('?');
      await page.waitForTimeout(200);
      expect(await page.locator('.help').count()).toBe(0);
      expect(await editorText(page)).toContain('1 July?');
      await page.keyboard.press('Backspace');
      await context.close();
    }
  });

  it('shows a placeholder to type the title into, and keeps source comments folded out of the text', async () => {
    const empty = (await server.api<{ id: string }>('alice', 'POST', '/api/drafts', { language: 'zh' })).id;
    const { page, context } = await openAs(browser, server, 'alice', { uiLanguage: 'zh' });
    await open(page, empty);
    const placeholder = () =>
      page.evaluate(() => getComputedStyle(document.querySelector('.lifa-title')!, '::before').content);
    await expect.poll(placeholder).toBe('"请输入草案标题"');
    await screenshot(page, 'tools-empty-title-zh');
    await page.locator('.lifa-title').click();
    await page.keyboard.type('新的条例');
    await expect.poll(placeholder).toBe('none');

    await open(page, zhId);
    const note = page.locator('.lifa-preamble .lifa-source-note');
    expect(await note.locator('summary').innerText()).toBe('源文件注释（不属于正文，导出时略去）');
    expect(await page.locator('.lifa-preamble').innerText()).not.toContain('INFO END');
    await note.locator('summary').click();
    expect(await note.locator('code').innerText()).toBe('<!-- INFO END -->');
    await screenshot(page, 'tools-source-note-zh');
    await context.close();
  });
});
