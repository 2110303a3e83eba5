// The web UI that `lifa serve` sends, in Chromium (issue 11, findings 2, 7 and 12): it runs under the
// desktop app's strict Content-Security-Policy without a single violation, opens its websocket with
// a single-use ticket (never the session token in a URL), and the public comment form cuts nothing:
// it counts characters live and refuses an over-long comment with the limit.
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { clickAfterText, launchChromium, openAs, screenshot } from '../helpers/browser.ts';
import { startLifaServer } from '../helpers/lifa-server.ts';
import type { LifaTestServer } from '../helpers/lifa-server.ts';
import { ensureRendererBuilt } from '../helpers/renderer-build.ts';
import { publishForComment } from '../helpers/draft-setup.ts';

vi.setConfig({ expect: { poll: { timeout: 10_000, interval: 50 } } });

const law = `Regulations on Safe Pages
Chapter I General Provisions
Article 1 Alpha provision text.
Article 2 Bravo provision text.
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
  draftId = (await server.api<{ id: string }>('alice', 'POST', '/api/drafts', { language: 'en', text: law }))
    .id;
  await publishForComment(server, 'alice', draftId, 'For comment');
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

/// Record every Content-Security-Policy violation `page` reports.
async function watchViolations(page: Page): Promise<string[]> {
  const violations: string[] = [];
  await page.exposeFunction('__lifaViolation', (text: string) => violations.push(text));
  await page.addInitScript(() =>
    document.addEventListener('securitypolicyviolation', (event) =>
      (window as unknown as { __lifaViolation(text: string): void }).__lifaViolation(
        `${event.violatedDirective} ${event.blockedURI}`,
      ),
    ),
  );
  return violations;
}

describe('the served web UI', { timeout: 90_000 }, () => {
  it('edits under the strict policy, its websocket opened with a ticket', async () => {
    const { page } = await openAs(browser, server, 'alice', { uiLanguage: 'en' });
    const violations = await watchViolations(page);
    const sockets: string[] = [];
    page.on('websocket', (socket) => sockets.push(socket.url()));
    const response = await page.goto(`${server.url}/drafts/${draftId}`);
    expect(response!.headers()['content-security-policy']).toMatch(
      /script-src 'self'.*frame-ancestors 'none'/,
    );
    await page.waitForSelector('.lifa-doc', { timeout: 20_000 });
    await clickAfterText(page, 'Alpha provision text.');
    await page.keyboard.type(' Typed under the policy.');
    await expect
      .poll(() => server.draftText('alice', draftId))
      .toContain('Alpha provision text. Typed under the policy.');
    expect(sockets.length).toBeGreaterThan(0);
    for (const url of sockets) {
      expect(url).toMatch(/\/sync\/[a-z0-9]+\?ticket=[A-Za-z0-9_-]{43}$/);
    }
    expect(sockets.join(' ')).not.toContain('token=');
    expect(violations).toEqual([]);
    await page.context().close();
  });

  it('counts characters in the public form, cuts nothing, and refuses too long a comment with the limit', async () => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    await context.addInitScript(() => localStorage.setItem('lifa.uiLanguage', 'en'));
    const page = await context.newPage();
    const violations = await watchViolations(page);
    await page.goto(`${server.url}/public/${draftId}`);
    const form = page.locator('form[data-form=draft]');
    await form.waitFor();
    const body = form.locator('textarea[name=body]');
    await body.fill('x'.repeat(25_000));
    expect(await body.evaluate((area: HTMLTextAreaElement) => area.value.length)).toBe(25_000);
    const counter = form.locator('.length-counter');
    const count = counter.locator('span').first();
    expect(await count.innerText()).toBe('25,000 / 20,000 characters');
    expect(await counter.getAttribute('class')).toContain('over');
    expect(await body.getAttribute('aria-invalid')).toBe('true');
    await form.locator('input[name=name]').fill('Zhou');
    await form.locator('button[type=submit]').click();
    await expect.poll(() => form.locator('.error-text').innerText()).toContain('20,000 characters');
    await screenshot(page, 'public-form-too-long');
    const none = await server.api<{ comments: unknown[] }>(
      'alice',
      'GET',
      `/api/drafts/${draftId}/comments?kind=public`,
    );
    expect(none.comments).toEqual([]);

    await body.fill('意'.repeat(20_000));
    expect(await count.innerText()).toBe('20,000 / 20,000 characters');
    await form.locator('button[type=submit]').click();
    await expect.poll(() => page.locator('.public-whole .receipt-code').count()).toBe(1);
    const stored = await server.api<{ comments: { body: string }[] }>(
      'alice',
      'GET',
      `/api/drafts/${draftId}/comments?kind=public`,
    );
    expect(stored.comments.map((c) => c.body)).toEqual(['意'.repeat(20_000)]);
    expect(violations).toEqual([]);
    await context.close();

    // The same in Chinese.
    const zh = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    await zh.addInitScript(() => localStorage.setItem('lifa.uiLanguage', 'zh'));
    const zhPage = await zh.newPage();
    await zhPage.goto(`${server.url}/public/${draftId}`);
    const zhForm = zhPage.locator('form[data-form=draft]');
    await zhForm.waitFor();
    await zhForm.locator('textarea[name=body]').fill('意'.repeat(20_001));
    const zhCounter = zhForm.locator('.length-counter');
    expect(await zhCounter.locator('span').first().innerText()).toBe('20,001 / 20,000 字符');
    expect(await zhCounter.getAttribute('class')).toContain('over');
    await zhForm.locator('input[name=name]').fill('周');
    await zhForm.locator('button[type=submit]').click();
    await expect.poll(() => zhForm.locator('.error-text').innerText()).toContain('意见不能超过 20,000 字');
    await screenshot(zhPage, 'public-form-too-long-zh');
    await zh.close();
  });
});
