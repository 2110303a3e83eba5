// Suggestions in two browsers against a real `lifa serve`, in English and in Chinese: a reviewer in
// Suggesting mode selects words and types new ones while a drafter types above and inside the same
// article; the drafter sees the suggestion arrive live as a tracked change (struck through, the new
// words underlined) on the same words, counted in the outline, accepts it in the Suggestions panel,
// and the text changes for both; Undo (Ctrl+Z) takes it back and it is open again. A drafter in
// Suggesting mode proposes an insertion and a deletion by typing, and a reviewer proposes through
// the Suggest button. Screenshots in test-artifacts/screenshots/suggestions-*.png.
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import {
  clickAfterText,
  launchChromium,
  openAs,
  openDraft,
  screenshot,
  selectText,
} from '../helpers/browser.ts';
import { startLifaServer } from '../helpers/lifa-server.ts';
import type { LifaTestServer } from '../helpers/lifa-server.ts';
import { ensureRendererBuilt } from '../helpers/renderer-build.ts';

vi.setConfig({ expect: { poll: { timeout: 10_000, interval: 50 } } });

let server: LifaTestServer;
let browser: Browser;

beforeAll(async () => {
  await ensureRendererBuilt();
  [server, browser] = await Promise.all([
    startLifaServer([
      { username: 'alice', password: 'alice-password', admin: true },
      { username: 'rita', password: 'rita-password' },
      { username: 'dora', password: 'dora-password' },
    ]),
    launchChromium(),
  ]);
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

/// A draft of `law` with rita as reviewer and dora as drafter, open in both their browsers.
async function openBoth(law: string, language: 'en' | 'zh'): Promise<{ id: string; rita: Page; dora: Page }> {
  const id = (await server.api<{ id: string }>('alice', 'POST', '/api/drafts', { language, text: law })).id;
  await server.api('alice', 'PUT', `/api/drafts/${id}/members/rita`, { role: 'reviewer' });
  await server.api('alice', 'PUT', `/api/drafts/${id}/members/dora`, { role: 'drafter' });
  const rita = (await openAs(browser, server, 'rita', { uiLanguage: language })).page;
  const dora = (await openAs(browser, server, 'dora', { uiLanguage: language })).page;
  await Promise.all([openDraft(rita, server, id), openDraft(dora, server, id)]);
  return { id, rita, dora };
}

/// The text of the document in `page`'s editor: without other people's cursors and without the
/// words suggestions propose (struck words are still in the text).
function documentText(page: Page): Promise<string> {
  return page.evaluate(() => {
    const clone = document.querySelector('.lifa-doc')!.cloneNode(true) as HTMLElement;
    for (const extra of clone.querySelectorAll('.lifa-cursor, .lifa-sugg-ins, .lifa-sugg-block'))
      extra.remove();
    return clone.textContent ?? '';
  });
}

/// The tracked changes shown in `page`'s editor: struck and inserted text, in order.
function marks(page: Page): Promise<{ del: string[]; ins: string[] }> {
  return page.evaluate(() => ({
    del: [...document.querySelectorAll('.lifa-doc .lifa-sugg-del')].map((e) => e.textContent ?? ''),
    ins: [...document.querySelectorAll('.lifa-doc ins.lifa-sugg-ins')].map((e) => e.textContent ?? ''),
  }));
}

async function setMode(page: Page, mode: 'editing' | 'suggesting' | 'viewing'): Promise<void> {
  await page.locator(`.mode-bar button[data-mode="${mode}"]`).click();
  await expect
    .poll(() => page.locator(`.mode-bar button[data-mode="${mode}"]`).getAttribute('aria-checked'))
    .toBe('true');
}

async function openPanel(page: Page, name: RegExp): Promise<void> {
  await page.locator('.tabs .tab', { hasText: name }).click();
  await page.locator('[data-testid="suggestions-panel"]').waitFor();
}

const englishLaw = `Regulations on Test Suggestions
Chapter I General Provisions
Article 1 Alpha provision text.
Article 2 Operators shall report incidents within fifteen days to the authority.
Chapter II Duties
Article 3 Charlie provision text about network operators.
`;

describe('suggestions in English', { timeout: 120_000 }, () => {
  it('goes from a reviewer typing in Suggesting mode to the drafter accepting, live, with undo', async () => {
    const { rita, dora } = await openBoth(englishLaw, 'en');
    // The reviewer has no Editing mode; typing in Viewing mode is not possible.
    expect(await rita.locator('.mode-bar button[data-mode="editing"]').count()).toBe(0);
    await setMode(rita, 'suggesting');

    await selectText(rita, 'fifteen days');
    await rita.keyboard.type('seventy-two hours');
    // The drafter types above the article and inside it, before the words, meanwhile.
    await clickAfterText(dora, 'Alpha provision text.');
    await dora.keyboard.type(' Added above.');
    await clickAfterText(dora, 'Operators shall report');
    await dora.keyboard.type(' promptly');

    for (const page of [rita, dora]) {
      await expect
        .poll(async () => marks(page))
        .toEqual({ del: ['fifteen days'], ins: ['seventy-two hours'] });
      await expect
        .poll(() => documentText(page))
        .toContain('Operators shall report promptly incidents within');
    }
    // Counted in the outline, on Article 2.
    await expect
      .poll(() => dora.locator('.outline-entry[data-kind="article"] .sugg-count').allInnerTexts())
      .toEqual(['1']);
    // Nothing the reviewer did was refused by the server as a text change.
    expect(await rita.locator('.notice.error').count()).toBe(0);
    await screenshot(rita, 'suggestions-en-reviewer-suggesting');

    await openPanel(dora, /^Suggestions/);
    const item = dora.locator('.suggestion').first();
    await expect.poll(() => item.locator('.suggestion-author').innerText()).toBe('rita');
    expect(await item.locator('.suggestion-change del').innerText()).toBe('fifteen days');
    expect(await item.locator('.suggestion-change ins').innerText()).toBe('seventy-two hours');
    await screenshot(dora, 'suggestions-en-drafter-panel');
    await item.locator('button[data-action="accept"]').click();
    for (const page of [rita, dora]) {
      await expect
        .poll(() => documentText(page))
        .toContain('report promptly incidents within seventy-two hours to the authority.');
      await expect.poll(async () => marks(page)).toEqual({ del: [], ins: [] });
    }

    // Undo in the editor takes the accepted change back; the suggestion is open again.
    await clickAfterText(dora, 'Charlie provision');
    await dora.keyboard.press('Control+z');
    for (const page of [rita, dora]) {
      await expect
        .poll(() => documentText(page))
        .toContain('incidents within fifteen days to the authority.');
      await expect
        .poll(async () => marks(page))
        .toEqual({ del: ['fifteen days'], ins: ['seventy-two hours'] });
    }
    await dora.locator('.suggestion button[data-action="accept"]').first().click();
    await expect.poll(() => documentText(rita)).toContain('within seventy-two hours to the authority.');
  });

  it('takes a drafter’s typing in Suggesting mode as suggestions, and a reviewer’s Suggest button', async () => {
    const { rita, dora } = await openBoth(englishLaw, 'en');
    await setMode(dora, 'suggesting');
    await clickAfterText(dora, 'Charlie provision');
    await dora.keyboard.type(' and guidance');
    // Backspace after "about" proposes deleting what it passes, without changing the text.
    await clickAfterText(dora, 'text about');
    for (let i = 0; i < ' about'.length; i++) await dora.keyboard.press('Backspace');
    await clickAfterText(dora, 'Alpha provision');
    await expect.poll(async () => marks(rita)).toEqual({ del: [' about'], ins: [' and guidance'] });
    expect(await documentText(dora)).toContain('Charlie provision text about network operators.');
    await screenshot(dora, 'suggestions-en-drafter-suggesting');
    // Undo in Suggesting mode withdraws the latest suggestion; typing it again brings it back.
    await dora.keyboard.press('Control+z');
    await expect.poll(async () => marks(rita)).toEqual({ del: [], ins: [' and guidance'] });
    await clickAfterText(dora, 'text about');
    for (let i = 0; i < ' about'.length; i++) await dora.keyboard.press('Backspace');
    await clickAfterText(dora, 'Alpha provision');
    await expect.poll(async () => marks(rita)).toEqual({ del: [' about'], ins: [' and guidance'] });

    // The reviewer, in Viewing mode, selects words and uses the Suggest button.
    await selectText(rita, 'network operators');
    const button = rita.locator('.lifa-suggest-new');
    await expect.poll(() => button.isVisible()).toBe(true);
    await button.click();
    const form = rita.locator('form.propose-form');
    await form.locator('textarea[name="suggestion-replacement"]').fill('operators of critical systems');
    await form.locator('input[name="suggestion-note"]').fill('Narrower.');
    await form.locator('button[type=submit]').click();
    await expect.poll(async () => (await marks(dora)).ins).toContain('operators of critical systems');

    // The drafter accepts everything on Article 3 at once; the two overlapping ones cannot both apply.
    await setMode(dora, 'editing');
    await openPanel(dora, /^Suggestions/);
    await dora
      .locator('.suggestion-group', { hasText: 'Article 3' })
      .locator('button', { hasText: 'Accept all' })
      .click();
    await expect.poll(() => documentText(rita)).toContain('Charlie provision and guidance text');
    await expect.poll(() => documentText(rita)).toContain('operators of critical systems');
    await screenshot(dora, 'suggestions-en-after-accept-all');
  });
});

const chineseLaw = `关键信息基础设施安全保护测试条例
第一章 总则
第一条 为了保障关键信息基础设施安全，制定本条例。
第二条 运营者应当在十五日内向有关部门报告网络安全事件。
第三条 运营者应当履行下列义务：
（一）设置专门安全管理机构；
（二）定期开展安全检测。
`;

describe('suggestions in Chinese', { timeout: 120_000 }, () => {
  it('takes a reviewer’s Chinese input as a suggestion the drafter accepts; a new item by Enter', async () => {
    const { rita, dora } = await openBoth(chineseLaw, 'zh');
    await setMode(rita, 'suggesting');
    await selectText(rita, '十五日');
    // An input method commits whole words: insertText is how it reaches the page.
    await rita.keyboard.insertText('七十二小时');
    await clickAfterText(dora, '制定本条例。');
    await dora.keyboard.type('ABC');
    await expect.poll(async () => marks(dora)).toEqual({ del: ['十五日'], ins: ['七十二小时'] });

    // Enter at the end of an item proposes a new item after it.
    await clickAfterText(rita, '定期开展安全检测。');
    await rita.keyboard.press('Enter');
    await rita.keyboard.insertText('制定应急预案。');
    await clickAfterText(rita, '为了保障');
    await expect
      .poll(() => dora.locator('.lifa-doc .lifa-sugg-item ins').allInnerTexts())
      .toEqual(['制定应急预案。']);
    await screenshot(dora, 'suggestions-zh-drafter');

    await openPanel(dora, /^修改建议/);
    await expect.poll(() => dora.locator('.suggestion').count()).toBe(2);
    await screenshot(dora, 'suggestions-zh-panel');
    for (let i = 0; i < 2; i++)
      await dora
        .locator('.suggestion button[data-action="accept"]')
        .first()
        .click()
        .then(() => dora.waitForTimeout(300));
    await expect
      .poll(() => documentText(rita))
      .toContain('运营者应当在七十二小时内向有关部门报告网络安全事件。');
    await expect.poll(() => documentText(rita)).toContain('定期开展安全检测。制定应急预案。');
    await screenshot(rita, 'suggestions-zh-reviewer-after');
  });
});
