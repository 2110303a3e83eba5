// The clerk's table after the draft moved on: a member of the public commented on 第二条 of the version
// published for comment; the drafters then inserted a new article before it. The clerk sees the
// comment on 第二条 as the commenter saw it, with the version's name, and that it is 第三条 now — in
// Chinese and in English — and the grouping done without asking.
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { Browser } from 'playwright-core';
import { clickAfterText, launchChromium, openAs, openDraft, screenshot } from '../helpers/browser.ts';
import { startLifaServer } from '../helpers/lifa-server.ts';
import type { LifaTestServer } from '../helpers/lifa-server.ts';
import { ensureRendererBuilt } from '../helpers/renderer-build.ts';
import { publishForComment } from '../helpers/draft-setup.ts';

vi.setConfig({ expect: { poll: { timeout: 20_000, interval: 100 } } });

let server: LifaTestServer;
let browser: Browser;
let draftId: string;

beforeAll(async () => {
  await ensureRendererBuilt();
  [server, browser] = await Promise.all([
    startLifaServer([
      { username: 'alice', password: 'alice-password', admin: true },
      { username: 'cleo', password: 'cleo-password' },
    ]),
    launchChromium(),
  ]);
  const text = '数据测试条例\n第一条 甲条文字。\n第二条 乙条文字。\n第三条 丙条文字。\n';
  draftId = (await server.api<{ id: string }>('alice', 'POST', '/api/drafts', { text })).id;
  await server.api('alice', 'PUT', `/api/drafts/${draftId}/members/cleo`, { role: 'clerk' });
  await publishForComment(server, 'alice', draftId, '第一次征求意见稿');
  const published = (await (await fetch(`${server.url}/api/public/drafts/${draftId}`)).json()) as {
    articles: { id: string }[];
  };
  for (const name of ['张三', '李四']) {
    const res = await fetch(`${server.url}/api/public/drafts/${draftId}/comments`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        articleId: published.articles[1].id,
        body: '第二条的期限太短，建议延长至三十日。',
        name,
      }),
    });
    if (res.status !== 201) throw new Error(`public comment refused: ${res.status} ${await res.text()}`);
  }
  // The drafters go on: a new article before the one commented on.
  const { page, context } = await openAs(browser, server, 'alice', { uiLanguage: 'zh' });
  await openDraft(page, server, draftId);
  await clickAfterText(page, '甲条文字。');
  await page.keyboard.press('Control+Enter');
  await page.keyboard.type('新增的条文。');
  for (let tries = 0; !(await server.draftText('alice', draftId)).includes('第三条 乙条文字。'); tries++) {
    if (tries > 100)
      throw new Error(
        `the new article did not reach the server: ${await server.draftText('alice', draftId)}`,
      );
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  await context.close();
}, 180_000);

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

describe("the clerk's article column", { timeout: 90_000 }, () => {
  for (const language of ['zh', 'en'] as const) {
    it(`shows the number the commenter saw, the version and the number now (${language})`, async () => {
      const { page, context } = await openAs(browser, server, 'cleo', { uiLanguage: language });
      await page.goto(`${server.url}/drafts/${draftId}/clerk`);
      await page.waitForSelector('.clerk-table .vt-row', { timeout: 30_000 });
      const cell = page.locator('.clerk-table .vt-row .article-seen').first();
      await expect
        .poll(() => cell.innerText())
        .toBe(
          language === 'zh'
            ? '第二条 → 现为第三条\n第一次征求意见稿'
            : '第二条 → now 第三条\n第一次征求意见稿',
        );
      // The two identical comments are grouped without anyone asking.
      await expect.poll(() => page.locator('[data-testid=grouping-updating]').count()).toBe(0);
      const similar = page.locator('.clerk-table .vt-row').first();
      await expect.poll(() => similar.innerText()).toMatch(/\b2\b/);
      await screenshot(page, `clerk-article-as-seen-${language}`);
      await context.close();
    });
  }
});
