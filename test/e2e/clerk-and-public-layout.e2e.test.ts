// What clerks and the public see, checked in Chromium against a real `lifa serve`: the clerk's table
// sized by content and resizable (by pointer and keyboard, remembered), toasts clear of the Apply
// button, reason templates named and renamed, no "merge 0 groups", the Comments tab counting public
// comments and All listing them, the owner's period controls inside the side panel, the HTML report's
// chart labels whole, the DOCX report's column heads in whole words (laid out by LibreOffice); and the
// public page's contents, closing time, growing comment box and visible length limit. Both languages, 1280×800 and 1920 wide; screenshots in test-artifacts/screenshots.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { Browser, Locator, Page } from 'playwright-core';
import { maxCommentCharacters } from '../../core/index.ts';
import { accessibilityViolations } from '../helpers/axe.ts';
import { launchChromium, openAs, openDraft, screenshot } from '../helpers/browser.ts';
import { startLifaServer } from '../helpers/lifa-server.ts';
import type { LifaTestServer } from '../helpers/lifa-server.ts';
import { ensureRendererBuilt } from '../helpers/renderer-build.ts';
import { articleIds as articleIdsOf, publishForComment, sendPublicComment } from '../helpers/draft-setup.ts';

vi.setConfig({ expect: { poll: { timeout: 15_000, interval: 50 } } });

const law = `Regulations on Testing Layout
Chapter I General Provisions
Article 1 These Regulations are made to test how things are laid out.
Article 2 A directory of providers shall be kept.
Chapter II Duties
Section 1 Keeping the Directory
Article 3 Providers shall publish their contact details.
Article 4 These Regulations take effect on the day of publication.
`;

let server: LifaTestServer;
let browser: Browser;
let draftId: string;
let articleIds: string[];
const closesAt = new Date(Date.UTC(2031, 5, 30, 9, 0));

beforeAll(async () => {
  await ensureRendererBuilt();
  [server, browser] = await Promise.all([
    startLifaServer([
      { username: 'alice', password: 'alice-password', admin: true },
      { username: 'carl', password: 'carl-password' },
    ]),
    launchChromium(),
  ]);
  draftId = (await server.api<{ id: string }>('alice', 'POST', '/api/drafts', { language: 'en', text: law }))
    .id;
  await server.api('alice', 'PUT', `/api/drafts/${draftId}/members/carl`, { role: 'clerk' });
  await publishForComment(server, 'alice', draftId, 'Consultation draft', closesAt);
  articleIds = await articleIdsOf(server, 'alice', draftId);
  await server.api('alice', 'POST', `/api/drafts/${draftId}/comments`, {
    articleId: articleIds[0],
    body: 'A review comment.',
  });
  const campaign = 'Closed providers must stay listed in the directory for five more years, with a note.';
  for (const [name, body, article] of [
    ['Maximilian Alexander Featherstonehaugh-Smythe', campaign, 1],
    ['Bo Chen', campaign, 1],
    ['Cai Wu', 'Contact details should include a phone number that answers.', 2],
    ['Dan Xu', 'The directory should be searchable by district.', 1],
    ['Eve Lin', 'The draft as a whole is welcome.', null],
  ] as const) {
    await sendPublicComment(server, draftId, {
      articleId: article === null ? null : articleIds[article],
      body,
      name,
    });
  }
  await server.api('carl', 'POST', `/api/drafts/${draftId}/clusters/run`);
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

const box = async (locator: Locator) => (await locator.boundingBox())!;
const overlaps = (a: { x: number; y: number; width: number; height: number }, b: typeof a) =>
  a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;
const columnWidth = (page: Page, column: string) =>
  page
    .locator(`.clerk-table .vt-header [data-column=${column}]`)
    .evaluate((cell) => cell.getBoundingClientRect().width);

describe("the clerk's workspace", { timeout: 120_000 }, () => {
  it('sizes columns by their content and lets the clerk resize them, by pointer or keyboard', async () => {
    const { page, context } = await openAs(browser, server, 'carl', { uiLanguage: 'en' });
    await page.goto(`${server.url}/drafts/${draftId}/clerk`);
    await page.waitForSelector('.clerk-table .vt-row');
    // Whole submitter names (one of 45 letters is capped, its whole name in its tooltip); the comment
    // column wider than the (empty) reason column.
    const cut = await page
      .locator('.clerk-table .vt-row .vt-cell:nth-child(5)')
      .evaluateAll((cells) =>
        cells
          .filter((cell) => cell.scrollWidth > cell.clientWidth + 1)
          .map((cell) => cell.getAttribute('title')),
      );
    expect(cut).toEqual(['Maximilian Alexander Featherstonehaugh-Smythe']);
    expect(await columnWidth(page, 'text')).toBeGreaterThan(2 * (await columnWidth(page, 'reason')));
    expect(await columnWidth(page, 'submitter')).toBeLessThanOrEqual(200);
    // At 1280 wide every column is in view: the table does not scroll sideways.
    expect(
      await page.locator('.clerk-table').evaluate((table) => table.scrollWidth - table.clientWidth),
    ).toBeLessThanOrEqual(0);
    await screenshot(page, 'clerk-columns-en-1280');

    // The keyboard: the reason column's handle, → three times.
    const reason = await columnWidth(page, 'reason');
    await page.locator('.clerk-table [data-column=reason] .column-resizer').focus();
    for (let i = 0; i < 3; i++) await page.keyboard.press('ArrowRight');
    await expect.poll(() => columnWidth(page, 'reason')).toBeCloseTo(reason + 48, 0);
    // The pointer: drag the comment column's handle 120 px to the right.
    const handle = await box(page.locator('.clerk-table [data-column=text] .column-resizer'));
    const text = await columnWidth(page, 'text');
    await page.mouse.move(handle.x + handle.width / 2, handle.y + handle.height / 2);
    await page.mouse.down();
    await page.mouse.move(handle.x + handle.width / 2 + 120, handle.y + handle.height / 2, { steps: 6 });
    await page.mouse.up();
    await expect.poll(() => columnWidth(page, 'text')).toBeCloseTo(text + 120, -1);
    // Remembered.
    await page.reload();
    await page.waitForSelector('.clerk-table .vt-row');
    expect(await columnWidth(page, 'reason')).toBeCloseTo(reason + 48, 0);
    // Home gives a column back its width by content.
    await page.locator('.clerk-table [data-column=reason] .column-resizer').focus();
    await page.keyboard.press('Home');
    await expect.poll(() => columnWidth(page, 'reason')).toBeCloseTo(reason, 0);
    await context.close();
  });

  it('names and renames reason templates, keeps toasts off Apply, and offers merging only for two groups', async () => {
    const { page, context } = await openAs(browser, server, 'carl', {
      uiLanguage: 'en',
      viewport: { width: 1920, height: 1080 },
    });
    await page.goto(`${server.url}/drafts/${draftId}/clerk`);
    await page.waitForSelector('.clerk-table .vt-row');
    await page.locator('.clerk-table .vt-row .vt-cell.text').nth(2).click();
    await page.getByRole('radio', { name: 'Noted' }).check();
    await page.fill('textarea[name=reason]', 'A phone number is a matter for the later rules on contact.');
    await page.getByRole('button', { name: 'Save as a template…' }).click();
    const name = page.locator('input[name=template-name]');
    expect(await name.inputValue()).toBe('A phone number is a matt…');
    await name.fill('Phone numbers: later rules');
    await name.press('Enter');
    await expect
      .poll(() => page.locator('select[name=reason-template] option').allInnerTexts())
      .toContain('Phone numbers: later rules');
    await page.selectOption('select[name=reason-template]', { label: 'Phone numbers: later rules' });
    await page.getByRole('button', { name: 'Rename template' }).click();
    await page.locator('input[name=template-name]').fill('Contact: later rules');
    await page.locator('.template-name').getByRole('button', { name: 'Rename template' }).click();
    await expect
      .poll(() => page.locator('select[name=reason-template] option:checked').innerText())
      .toBe('Contact: later rules');
    const { templates } = await server.api<{ templates: Array<{ label: string; text: string }> }>(
      'carl',
      'GET',
      `/api/drafts/${draftId}/reason-templates`,
    );
    expect(templates).toEqual([
      expect.objectContaining({
        label: 'Contact: later rules',
        text: 'A phone number is a matter for the later rules on contact.',
      }),
    ]);

    // Apply: the message it gives does not cover the button.
    const apply = page.getByRole('button', { name: 'Apply' });
    await apply.click();
    const toast = page.locator('.toast').last();
    await toast.waitFor();
    expect(overlaps(await box(toast), await box(apply))).toBe(false);
    await screenshot(page, 'clerk-toast-en-1920');

    // Merging: a hint until two groups are ticked.
    await page.getByRole('tab', { name: 'Similar comments' }).click();
    await page.waitForSelector('.cluster-panel');
    expect(await page.locator('button[name=merge]').count()).toBe(0);
    expect(await page.locator('.cluster-panel').innerText()).not.toMatch(/Merge the 0/);
    await screenshot(page, 'clerk-clusters-hint-en-1920');
    await context.close();
  });

  it('draws the HTML report’s chart with every label whole', async () => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
    const page = await context.newPage();
    const token = (await server.signIn('carl')).token;
    const response = await fetch(`${server.url}/api/drafts/${draftId}/summary?format=html`, {
      headers: { authorization: `Bearer ${token}` },
    });
    await page.setContent(await response.text());
    const labels = await page.locator('figure.chart svg text[text-anchor=end]').evaluateAll((texts) =>
      texts.map((text) => {
        const box = (text as SVGTextElement).getBBox();
        return { text: text.textContent, left: box.x };
      }),
    );
    expect(labels.map((l) => l.text)).toContain('General comments and others');
    for (const label of labels) expect(label.left, label.text ?? '').toBeGreaterThanOrEqual(0);
    await page.locator('figure.chart').screenshot({ path: 'test-artifacts/screenshots/report-chart-en.png' });
    await context.close();
  });
});

describe('the DOCX report', { timeout: 240_000 }, () => {
  /// The report of `id` as LibreOffice lays it out: its text, line by line as on the page. Its first
  /// page is kept as test-artifacts/screenshots/report-docx-NAME.png.
  async function reportLines(id: string, name: string): Promise<string[]> {
    const token = (await server.signIn('carl')).token;
    const response = await fetch(`${server.url}/api/drafts/${id}/summary?format=docx`, {
      headers: { authorization: `Bearer ${token}` },
    });
    expect(response.status).toBe(200);
    const work = mkdtempSync(join(tmpdir(), 'lifa-report-'));
    try {
      writeFileSync(join(work, 'report.docx'), new Uint8Array(await response.arrayBuffer()));
      // A profile of its own, so runs never share LibreOffice's lock.
      execFileSync(
        'soffice',
        [
          `-env:UserInstallation=file://${join(work, 'profile')}`,
          '--headless',
          '--convert-to',
          'pdf',
          '--outdir',
          work,
          join(work, 'report.docx'),
        ],
        { stdio: 'ignore', timeout: 180_000 },
      );
      execFileSync('pdftoppm', [
        '-png',
        '-r',
        '60',
        '-f',
        '1',
        '-l',
        '1',
        '-singlefile',
        join(work, 'report.pdf'),
        `test-artifacts/screenshots/report-docx-${name}`,
      ]);
      const text = execFileSync('pdftotext', ['-layout', join(work, 'report.pdf'), '-'], {
        encoding: 'utf8',
      });
      return text.split('\n').map((line) => line.replace(/\s+/g, ' ').trim());
    } finally {
      rmSync(work, { recursive: true, force: true });
    }
  }

  it('heads its columns with whole words, in both languages', async () => {
    // The table's header row, every label on one line: none broken mid-word ("Comme nts").
    const en = await reportLines(draftId, 'en');
    expect(en).toContain('Article Summary of comments Comments Disposition Reason Change made');
    const zhDraft = (
      await server.api<{ id: string }>('alice', 'POST', '/api/drafts', {
        language: 'zh',
        text: '# 版式测试规定\n## 第一章 总则\n第一条 为了测试版式，制定本规定。\n第二条 本规定自公布之日起施行。\n',
      })
    ).id;
    await server.api('alice', 'PUT', `/api/drafts/${zhDraft}/members/carl`, { role: 'clerk' });
    await publishForComment(server, 'alice', zhDraft, '征求意见稿');
    const zhArticles = await articleIdsOf(server, 'alice', zhDraft);
    await sendPublicComment(server, zhDraft, {
      articleId: zhArticles[0],
      body: '建议写明目的。',
      name: '李雷',
    });
    const zh = await reportLines(zhDraft, 'zh');
    expect(zh).toContain('条文 意见摘要 意见数 处理意见 理由 修改情况');
  });
});

describe("the draft page's comments", { timeout: 90_000 }, () => {
  it('counts public comments on the tab, lists them under All, and fits the period controls, filled in (zh)', async () => {
    const { page, context } = await openAs(browser, server, 'alice', { uiLanguage: 'zh' });
    await openDraft(page, server, draftId);
    const tab = page.locator('.side-pane .tab').nth(2);
    await expect.poll(() => tab.locator('.count').innerText()).toBe('6'); // 1 open review thread + 5 public
    expect(await tab.locator('.count').getAttribute('title')).toBe('1 条审阅意见待处理，5 条公众意见');
    await tab.click();
    await page.locator('.comment-scopes button', { hasText: '全部' }).click();
    await expect.poll(() => page.locator('.public-heading').innerText()).toBe('公众意见和导入意见（5 条）');
    await expect.poll(() => page.locator('.public-comments .thread').count()).toBe(5);
    expect(await page.locator('.thread-list').first().locator('.thread').count()).toBe(1);
    await page.locator('.comment-scopes button', { hasText: '公众意见' }).click();
    await page.waitForSelector('.period-form');
    // The form shows the period as it stands, so opening it again keeps its closing time.
    await expect
      .poll(() =>
        page
          .locator('input[name=period-closes]')
          .evaluate(
            (input) =>
              (input as HTMLInputElement).value && new Date((input as HTMLInputElement).value).toISOString(),
          ),
      )
      .toBe(closesAt.toISOString());
    expect(await page.locator('select[name=period-version] option:checked').innerText()).toBe(
      'Consultation draft',
    );
    const pane = await box(page.locator('.side-pane'));
    for (const control of await page
      .locator('.period-form .select, .period-form .input, .period-form .button')
      .all()) {
      const b = await box(control);
      expect(b.x + b.width).toBeLessThanOrEqual(pane.x + pane.width);
    }
    await screenshot(page, 'comments-period-zh-1280');
    await context.close();
  });
});

describe('the public page', { timeout: 90_000 }, () => {
  for (const [language, width, height] of [
    ['en', 1280, 800],
    ['zh', 1920, 1080],
  ] as const) {
    it(`has contents, the closing time, a growing comment box and its limit in view (${language}, ${width})`, async () => {
      const context = await browser.newContext({ viewport: { width, height } });
      await context.addInitScript((lng) => localStorage.setItem('lifa.uiLanguage', lng), language);
      const page = await context.newPage();
      await page.goto(`${server.url}/public/${draftId}`);
      await page.waitForSelector('.public-article');
      // Contents: chapters and the section with their articles, each a link to the article.
      const contents = page.locator('nav.public-contents');
      expect(await contents.locator('.contents-division').allInnerTexts()).toEqual([
        'Chapter I General Provisions',
        'Chapter II Duties',
        'Section 1 Keeping the Directory',
      ]);
      expect(await contents.locator('a .contents-label').allInnerTexts()).toEqual([
        'Article 1',
        'Article 2',
        'Article 3',
        'Article 4',
      ]);
      await contents.locator('a', { hasText: 'Article 3' }).click();
      await expect.poll(() => page.evaluate(() => location.hash)).toBe(`#article-${articleIds[2]}`);
      // The form for the whole draft says so, once.
      expect(await page.locator('form.public-form[data-form=draft]').getAttribute('aria-label')).toBe(
        language === 'zh' ? '对草案整体提意见' : 'Comment on the whole draft',
      );
      // The closing date and time, in full.
      const closes = await page.locator('.public-closes').innerText();
      if (language === 'en')
        expect(closes).toMatch(/^Comments close on Monday(,)? 30 June 2031(,| at) \d\d:\d\d/);
      else expect(closes).toMatch(/^征求意见截止时间：2031年6月30日星期一 .*\d\d:\d\d/);
      // The comment box grows with its text; its length and the limit are in view.
      await page.locator('.public-comment-toggle').first().click();
      const body = page.locator('.public-article textarea[name=body]');
      const before = (await box(body)).height;
      await body.fill(Array.from({ length: 14 }, (_, i) => `Line ${i + 1} of a long comment.`).join('\n'));
      await expect.poll(async () => (await box(body)).height).toBeGreaterThan(before + 100);
      const counter = page.locator('.public-article .length-counter');
      const limit = maxCommentCharacters.toLocaleString(language === 'zh' ? 'zh-CN' : 'en');
      expect(await counter.innerText()).toMatch(
        new RegExp(`^\\d{3} / ${limit} ${language === 'zh' ? '字符' : 'characters'}$`),
      );
      expect(await body.getAttribute('maxlength')).toBeNull();
      await body.fill('x'.repeat(maxCommentCharacters - 50));
      await expect.poll(() => counter.getAttribute('class')).toContain('near');
      await body.fill('A short comment.');
      await expect.poll(() => counter.innerText()).toMatch(/^16 /);
      await page.evaluate(
        () => new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done))),
      );
      await screenshot(page, `public-page-${language}-${width}`);
      expect(await accessibilityViolations(page)).toEqual([]);
      await context.close();
    });
  }
});
