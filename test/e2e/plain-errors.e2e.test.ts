// Errors in plain words, in Chromium against a real `lifa serve`: an unknown address gets a not-found
// page (status 404), signed in or not, and so does a draft that does not exist; with the server gone
// the badge says Offline and stays so while the connection is retried, counting the changes kept on
// this computer, and cutting a version says why it cannot be done and what to do. Both languages.
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { Browser } from 'playwright-core';
import { accessibilityViolations } from '../helpers/axe.ts';
import { launchChromium, openAs, openDraft, screenshot, clickAfterText } from '../helpers/browser.ts';
import { startLifaServer } from '../helpers/lifa-server.ts';
import type { LifaTestServer } from '../helpers/lifa-server.ts';
import { ensureRendererBuilt } from '../helpers/renderer-build.ts';

vi.setConfig({ expect: { poll: { timeout: 20_000, interval: 100 } } });

const law = `离线测试条例
第一章 总则
第一条 为了测试离线时的提示，制定本条例。
第二条 本条例自公布之日起施行。
`;

let server: LifaTestServer;
let browser: Browser;
let draftId: string;

beforeAll(async () => {
  await ensureRendererBuilt();
  [server, browser] = await Promise.all([
    startLifaServer([{ username: 'alice', password: 'alice-password', admin: true }]),
    launchChromium(),
  ]);
  draftId = (await server.api<{ id: string }>('alice', 'POST', '/api/drafts', { language: 'zh', text: law }))
    .id;
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

describe('plain words when something is wrong', { timeout: 90_000 }, () => {
  it('shows a not-found page for an unknown address, signed in or not (zh, en)', async () => {
    for (const language of ['zh', 'en'] as const) {
      const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
      await context.addInitScript((lng) => localStorage.setItem('lifa.uiLanguage', lng), language);
      const page = await context.newPage();
      const response = await page.goto(`${server.url}/reports/2024/missing`);
      expect(response!.status()).toBe(404);
      await page.waitForSelector('.not-found');
      expect(await page.locator('.not-found h1').innerText()).toBe(
        language === 'zh' ? '找不到这个页面' : 'Page not found',
      );
      expect(await page.locator('body').innerText()).not.toContain('{"error"');
      expect(await page.locator('.not-found').innerText()).toContain('/reports/2024/missing');
      expect(await page.locator('.not-found .button').innerText()).toBe(
        language === 'zh' ? '去登录' : 'Sign in',
      );
      expect(await accessibilityViolations(page)).toEqual([]);
      await screenshot(page, `not-found-${language}`);
      await context.close();
    }
    const { page, context } = await openAs(browser, server, 'alice', { uiLanguage: 'en' });
    await page.goto(`${server.url}/reports/2024/missing`);
    await page.waitForSelector('.not-found');
    expect(await page.locator('.not-found .button').innerText()).toBe('Back to the drafts');
    await page.goto(`${server.url}/drafts/nosuchdraft1`);
    await page.waitForSelector('.not-found');
    expect(await page.locator('.not-found p').first().innerText()).toBe(
      'There is no such draft, or you have no access to it. Ask the draft’s owner.',
    );
    await screenshot(page, 'not-found-draft-en');
    await page.locator('.not-found .button').click();
    await page.waitForSelector('table.table a');
    await context.close();
  });

  it('says Offline while the server is down, counts the changes kept, and says why no version can be cut', async () => {
    const { page, context } = await openAs(browser, server, 'alice', { uiLanguage: 'zh' });
    await openDraft(page, server, draftId);
    const badge = page.locator('.connection');
    await expect.poll(() => badge.getAttribute('data-status')).toBe('connected');
    await server.stop();
    await expect.poll(() => badge.getAttribute('data-status')).toBe('offline');
    // The provider keeps retrying; the badge does not flicker back to "syncing" meanwhile.
    const seen = await page.evaluate(async () => {
      const states = new Set<string>();
      const end = Date.now() + 4000;
      while (Date.now() < end) {
        states.add(document.querySelector('.connection')!.getAttribute('data-status')!);
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
      return [...states];
    });
    expect(seen).toEqual(['offline']);
    await clickAfterText(page, '制定本条例。');
    await page.keyboard.type('离线时写的字');
    await expect.poll(() => badge.innerText()).toMatch(/^离线\s*\d+ 处修改保存在本机$/);
    expect(await badge.getAttribute('title')).toBe(
      '连接已中断。可以继续编辑，修改保存在本机，恢复连接后自动同步。',
    );
    // Cutting a version: what happened and what to do, not "network: Failed to fetch".
    await page.locator('.side-pane .tab').nth(1).click();
    await page.fill('input[name=version-label]', '离线版本');
    await page.getByRole('button', { name: '保存', exact: true }).click();
    await expect
      .poll(() => page.locator('.toast.error').innerText())
      .toBe('当前处于离线状态，不能保存版本。恢复连接后再保存；您的修改已保存在本机。');
    expect(await page.locator('.toasts').innerText()).not.toMatch(/network|fetch/i);
    await screenshot(page, 'offline-zh');
    await context.close();
  });
});
