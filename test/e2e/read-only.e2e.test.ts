// A reviewer gets the draft read-only: typing and structural shortcuts change nothing, on screen or on
// the server, while the drafter's changes still reach the reviewer.
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import {
  clickAfterText,
  editorText,
  launchChromium,
  openAs,
  openDraft,
  screenshot,
} from '../helpers/browser.ts';
import { startLifaServer } from '../helpers/lifa-server.ts';
import type { LifaTestServer } from '../helpers/lifa-server.ts';
import { ensureRendererBuilt } from '../helpers/renderer-build.ts';

// The browser and the server share two cores with the rest of the suite: give changes time to show.
vi.setConfig({ expect: { poll: { timeout: 10_000, interval: 50 } } });

const law = `网络数据安全测试条例
第一章 总则
第一条 为了测试只读模式，制定本条例。
第二条 审阅人不能修改正文。
第二章 附则
第三条 本条例自公布之日起施行。
`;

let server: LifaTestServer;
let browser: Browser;
let draftId: string;
let reviewer: Page;
let drafter: Page;

beforeAll(async () => {
  await ensureRendererBuilt();
  [server, browser] = await Promise.all([
    startLifaServer([
      { username: 'alice', password: 'alice-password', admin: true },
      { username: 'rita', password: 'rita-password' },
    ]),
    launchChromium(),
  ]);
  draftId = (await server.api<{ id: string }>('alice', 'POST', '/api/drafts', { language: 'zh', text: law }))
    .id;
  await server.api('alice', 'PUT', `/api/drafts/${draftId}/members/rita`, { role: 'reviewer' });
  reviewer = (await openAs(browser, server, 'rita')).page;
  drafter = (await openAs(browser, server, 'alice')).page;
  await Promise.all([openDraft(reviewer, server, draftId), openDraft(drafter, server, draftId)]);
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

describe('read-only roles', { timeout: 60_000 }, () => {
  it("cannot change the reviewer's text or the server's", async () => {
    const before = await server.draftText('alice', draftId);
    const shown = await editorText(reviewer);
    // The reviewer's caret moves (to select passages from the keyboard), but the text says it is read-only.
    expect(await reviewer.locator('.lifa-doc').getAttribute('aria-readonly')).toBe('true');
    await expect.poll(() => reviewer.locator('.toolbar .read-only-note').innerText()).toContain('审阅人');
    expect(await reviewer.locator('.toolbar button[data-command]').count()).toBe(0);

    await clickAfterText(reviewer, '审阅人不能修改正文。');
    await reviewer.keyboard.type('篡改');
    for (const key of [
      'Enter',
      'Backspace',
      'Delete',
      'Control+Enter',
      'Alt+ArrowUp',
      'Control+Shift+X',
      'Control+z',
    ]) {
      await reviewer.keyboard.press(key);
    }
    await reviewer.evaluate(() => {
      const data = new DataTransfer();
      data.setData('text/plain', '粘贴的文字');
      document
        .querySelector('.lifa-doc')!
        .dispatchEvent(new ClipboardEvent('paste', { clipboardData: data, bubbles: true }));
    });
    await reviewer.waitForTimeout(500);
    expect(await editorText(reviewer)).toBe(shown);
    expect(await server.draftText('alice', draftId)).toBe(before);
    expect(await reviewer.locator('.connection').getAttribute('data-status')).toBe('connected');
    await screenshot(reviewer, 'read-only-zh-reviewer');
  });

  it("still shows the drafter's changes", async () => {
    await clickAfterText(drafter, '本条例自公布之日起施行。');
    await drafter.keyboard.type('起草人的修改。');
    await expect.poll(() => editorText(reviewer)).toContain('起草人的修改。');
  });
});
