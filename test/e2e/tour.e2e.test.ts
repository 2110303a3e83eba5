// A drafter's tour in both languages, at 1280×800 and on a 1920-wide screen, against a real `lifa
// serve` with its seed drafts: sign-in, draft list, editor with outline, comparison; typing shifts
// nothing on the page; everything is reachable from the keyboard. Screenshots go to
// test-artifacts/screenshots/ for people to look at.
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { clickAfterText, launchChromium, openAs, screenshot } from '../helpers/browser.ts';
import { startLifaServer } from '../helpers/lifa-server.ts';
import type { LifaTestServer } from '../helpers/lifa-server.ts';
import { ensureRendererBuilt } from '../helpers/renderer-build.ts';

// The browser and the server share two cores with the rest of the suite: give changes time to show.
vi.setConfig({ expect: { poll: { timeout: 10_000, interval: 50 } } });

let server: LifaTestServer;
let browser: Browser;
let drafts: Array<{ id: string; title: string; language: string }>;

beforeAll(async () => {
  await ensureRendererBuilt();
  [server, browser] = await Promise.all([
    startLifaServer([{ username: 'alice', password: 'alice-password', admin: true }]),
    launchChromium(),
  ]);
  drafts = await server.api('alice', 'GET', '/api/drafts');
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

const seed = (language: 'zh' | 'en', title: RegExp) =>
  drafts.find((d) => d.language === language && title.test(d.title))!;

/// Layout shifts recorded since the page loaded (every entry, also those right after input).
const layoutShifts = (page: Page) =>
  page.evaluate(() =>
    (window as unknown as { lifaShifts: number[] }).lifaShifts.filter((value) => value > 0),
  );

describe('a tour of the drafting studio', { timeout: 90_000 }, () => {
  it('signs in through the form and lists the drafts (zh)', async () => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
    await context.addInitScript(() => localStorage.setItem('lifa.uiLanguage', 'zh'));
    const page = await context.newPage();
    await page.goto(`${server.url}/drafts/${seed('zh', /个人信息/).id}`);
    await page.waitForSelector('input[name=username]');
    await screenshot(page, 'sign-in-zh');
    await page.fill('input[name=username]', 'alice');
    await page.fill('input[name=password]', 'wrong');
    await page.click('button[type=submit]');
    await expect.poll(() => page.locator('[role=alert]').innerText()).toBe('用户名或密码不正确。');
    await page.fill('input[name=password]', 'alice-password');
    await page.click('button[type=submit]');
    // The deep link opens once signed in.
    await page.waitForSelector('.lifa-doc');
    expect(await page.locator('.crumb').innerText()).toContain('个人信息');
    await page.click('a.brand');
    await page.waitForSelector('table.table a');
    expect(await page.locator('table.table tbody tr').count()).toBe(drafts.length);
    await screenshot(page, 'drafts-zh');
    await context.close();
  });

  for (const [language, width, height, title, marker] of [
    ['zh', 1280, 800, /个人信息/, '制定本条例。'],
    ['en', 1920, 1080, /Digital Economy/, 'These Regulations are formulated'],
    ['en', 1280, 800, /Digital Economy/, 'These Regulations are formulated'],
  ] as const) {
    it(`shows the editor and its outline without layout shifts while typing (${language}, ${width}×${height})`, async () => {
      const draft = seed(language, title);
      const { page, context } = await openAs(browser, server, 'alice', { viewport: { width, height } });
      await context.addInitScript(() => {
        const shifts: number[] = [];
        (window as unknown as { lifaShifts: number[] }).lifaShifts = shifts;
        new PerformanceObserver((list) => {
          for (const entry of list.getEntries()) shifts.push((entry as unknown as { value: number }).value);
        }).observe({ type: 'layout-shift', buffered: true });
      });
      await page.goto(`${server.url}/drafts/${draft.id}`);
      await page.waitForSelector('.lifa-doc');
      // An article with items, reached through the outline.
      const withItems = language === 'zh' ? '第八条' : 'Article 3';
      await page.locator('.outline-entry.article', { hasText: withItems }).first().click();
      await page.waitForTimeout(300);
      await screenshot(page, `editor-${language}-${width}`);
      await page
        .locator('.outline-pane')
        .screenshot({ path: `test-artifacts/screenshots/outline-${language}-${width}.png` });

      await clickAfterText(page, marker);
      await page.waitForTimeout(500);
      const before = (await layoutShifts(page)).length;
      await page.keyboard.type(language === 'zh' ? '并保障数据安全' : ' and to keep data safe', {
        delay: 30,
      });
      // Long enough for the outline and toolbar to refresh after typing.
      await page.waitForTimeout(2500);
      expect((await layoutShifts(page)).slice(before)).toEqual([]);
      await context.close();
    });
  }

  it('reaches the panels and the toolbar from the keyboard, with a visible focus', async () => {
    const { page, context } = await openAs(browser, server, 'alice', { uiLanguage: 'en' });
    await page.goto(`${server.url}/drafts/${seed('en', /Digital Economy/).id}`);
    await page.waitForSelector('.lifa-doc');
    const reached = new Set<string>();
    await page.locator('body').focus();
    for (let i = 0; i < 40; i++) {
      await page.keyboard.press('Tab');
      const where = await page.evaluate(() => {
        const active = document.activeElement as HTMLElement | null;
        if (!active) return '';
        const style = getComputedStyle(active);
        const visible = style.outlineStyle !== 'none' && style.outlineWidth !== '0px';
        const zone = active.closest('.top-bar, .toolbar, .outline-pane, .side-pane, .lifa-doc, .skip-link');
        const name = zone
          ? ['top-bar', 'toolbar', 'outline-pane', 'side-pane', 'lifa-doc', 'skip-link'].find((c) =>
              zone.classList.contains(c),
            )
          : `${active.tagName}.${active.className}`;
        return `${name}:${visible || active.classList.contains('lifa-doc')}`;
      });
      reached.add(where);
    }
    for (const zone of ['top-bar', 'toolbar', 'outline-pane', 'side-pane']) {
      expect([...reached]).toContain(`${zone}:true`);
    }
    await screenshot(page, 'keyboard-focus-en');
    await context.close();
  });

  it('shows a comparison in English, on a 1920-wide screen', async () => {
    const draft = seed('en', /Digital Economy/);
    await server.api('alice', 'POST', `/api/drafts/${draft.id}/versions`, { label: 'Consultation draft' });
    const { page, context } = await openAs(browser, server, 'alice', {
      viewport: { width: 1920, height: 1080 },
    });
    await page.goto(`${server.url}/drafts/${draft.id}`);
    await page.waitForSelector('.lifa-doc');
    await clickAfterText(page, 'promote the construction of high-speed');
    await page.keyboard.type(', secure');
    await page.locator('.outline-entry.article').nth(4).click();
    await page.keyboard.press('Control+Enter');
    await page.keyboard.type('A new article on digital skills for older people.');
    await page.getByRole('tab', { name: 'Versions' }).click();
    await page.getByRole('button', { name: 'Compare with live draft' }).first().click();
    await page.waitForSelector('.compare-table');
    await screenshot(page, 'compare-en-1920-table');
    await page.getByRole('radio', { name: 'Redline' }).click();
    await screenshot(page, 'compare-en-1920-redline');
    await context.close();
  });
});
