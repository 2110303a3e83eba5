// The record in the editor against a real `lifa serve`: two people edit one article in two browser
// contexts; the History tab of the article shows each one's session with its diff and the draft's
// creation; the blame toggle tints the article by author with names on hover; restoring the first
// session brings the text back everywhere and shows as a restore; the timeline page lists it and
// exports it; each version shows the record's head. Screenshots in Chinese and English.
import { readFileSync } from 'node:fs';
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
vi.setConfig({ expect: { poll: { timeout: 15_000, interval: 50 } } });

const law = `# 网络数据记录试行规定
## 第一章 总则
第一条 为了规范网络数据处理活动，制定本规定。
第二条 本规定适用于网络数据处理者。
第三条 网络数据处理者应当建立数据安全管理制度。
第四条 有关部门依法实施监督管理。
`;

let server: LifaTestServer;
let browser: Browser;
let draftId: string;
let alice: Page;
let bob: Page;

beforeAll(async () => {
  await ensureRendererBuilt();
  [server, browser] = await Promise.all([
    startLifaServer([
      { username: 'alice', password: 'alice-password', admin: true },
      { username: 'bob', password: 'bob-password' },
    ]),
    launchChromium(),
  ]);
  draftId = (await server.api<{ id: string }>('alice', 'POST', '/api/drafts', { text: law })).id;
  await server.api('alice', 'PUT', `/api/drafts/${draftId}/members/bob`, { role: 'drafter' });
  alice = (await openAs(browser, server, 'alice', { uiLanguage: 'zh' })).page;
  bob = (await openAs(browser, server, 'bob', { uiLanguage: 'en' })).page;
  await Promise.all([openDraft(alice, server, draftId), openDraft(bob, server, draftId)]);
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

const names = (page: Page) => page.locator('.history-entry .history-who .name').allInnerTexts();
const heading = (page: Page) => page.locator('.history-head h3').evaluate((h) => h.textContent);

/// The tinted runs of the editor as [text, author]: spans of one run that ProseMirror drew apart
/// (around another person's cursor) are joined.
const tinted = (page: Page) =>
  page.locator('.lifa-doc .blame-run').evaluateAll((spans) => {
    const runs: Array<[string, string]> = [];
    for (const span of spans) {
      const title = span.getAttribute('title') ?? '';
      const last = runs[runs.length - 1];
      if (last && last[1] === title) last[0] += span.textContent ?? '';
      else runs.push([span.textContent ?? '', title]);
    }
    return runs.map(([text, title]) => [text, title.split(' · ')[0]]);
  });

describe('the history panel', { timeout: 90_000 }, () => {
  it('shows the sessions of the article at the cursor, with who, when and the diff', async () => {
    await clickAfterText(alice, '建立数据安全管理制度');
    await alice.keyboard.type('和应急预案');
    await expect.poll(() => editorText(bob)).toContain('和应急预案');
    await clickAfterText(bob, '和应急预案');
    await bob.keyboard.type('，并定期演练');
    await expect.poll(() => editorText(alice)).toContain('，并定期演练');

    await clickAfterText(alice, '网络数据处理者应当');
    await alice.getByRole('tab', { name: '历史' }).click();
    await expect.poll(() => heading(alice)).toBe('第三条的修改历史');
    await expect.poll(() => names(alice)).toEqual(['bob', 'alice', 'alice']);
    const entries = alice.locator('.history-entry');
    expect(await entries.nth(0).locator('ins').allInnerTexts()).toEqual(['，并定期演练']);
    expect(await entries.nth(1).locator('ins').allInnerTexts()).toEqual(['和应急预案']);
    expect(await entries.nth(2).locator('.badge').innerText()).toBe('创建');
    expect(await entries.nth(0).locator('time').innerText()).toMatch(/\d/);
    await screenshot(alice, 'history-panel-zh');
  });

  it('tints the article by author, with each name on hover', async () => {
    await alice.getByLabel('按作者着色').check();
    await expect.poll(() => alice.locator('.lifa-doc .blame-run').count()).toBeGreaterThanOrEqual(3);
    const runs = await alice
      .locator('.lifa-doc .blame-run')
      .evaluateAll((spans) =>
        spans.map((span) => [span.textContent, span.getAttribute('title')?.split(' · ')[0]]),
      );
    expect(runs).toEqual([
      ['网络数据处理者应当建立数据安全管理制度', 'alice'],
      ['和应急预案', 'alice'],
      ['，并定期演练', 'bob'],
      ['。', 'alice'],
    ]);
    expect(await alice.locator('.blame-legend .blame-author').allInnerTexts()).toEqual(['alice', 'bob']);
    await screenshot(alice, 'history-blame-zh');
  });

  it('restores the article to its first text as a change by the restorer, on every screen', async () => {
    const entries = alice.locator('.history-entry');
    await entries.nth(2).getByRole('button', { name: '恢复本条至此' }).click();
    await alice.getByRole('dialog').getByRole('button', { name: '恢复', exact: true }).click();
    await expect.poll(() => editorText(alice)).not.toContain('和应急预案');
    await expect.poll(() => editorText(bob)).not.toContain('并定期演练');
    expect(await editorText(alice)).toContain('网络数据处理者应当建立数据安全管理制度。');
    await expect.poll(() => names(alice)).toEqual(['alice', 'bob', 'alice', 'alice']);
    expect(await entries.nth(0).locator('.badge').innerText()).toBe('恢复');
    expect(await entries.nth(0).locator('del').allInnerTexts()).toEqual(['和应急预案，并定期演练']);
    // The tint follows: all of the article is alice's again.
    await expect.poll(() => tinted(alice)).toEqual([['网络数据处理者应当建立数据安全管理制度。', 'alice']]);
    await screenshot(alice, 'history-restored-zh');
  });

  it('reads in English, with the blame of the other person', async () => {
    await alice.selectOption('select[name=ui-language]', 'en');
    await expect.poll(() => heading(alice)).toBe('History of 第三条');
    expect(await alice.locator('.history-entry').nth(0).locator('.badge').innerText()).toBe('restore');
    await screenshot(alice, 'history-panel-en');
    await alice.selectOption('select[name=ui-language]', 'zh');

    await clickAfterText(bob, '有关部门依法实施');
    await bob.getByRole('tab', { name: 'History' }).click();
    await expect.poll(() => names(bob)).toEqual(['alice']);
    await clickAfterText(bob, '网络数据处理者应当');
    await expect.poll(() => names(bob)).toEqual(['alice', 'bob', 'alice', 'alice']);
    await bob.getByLabel('Tint by author').check();
    await expect.poll(() => tinted(bob)).toEqual([['网络数据处理者应当建立数据安全管理制度。', 'alice']]);
    await screenshot(bob, 'history-blame-en');
  });
});

describe('the timeline and version heads', { timeout: 90_000 }, () => {
  it('shows the record head with each version', async () => {
    await bob.getByRole('tab', { name: 'Versions' }).click();
    await bob.fill('input[name=version-label]', 'Second reading');
    await bob.getByRole('button', { name: 'Cut', exact: true }).click();
    await expect
      .poll(() => bob.locator('.version .record-head').innerText())
      .toMatch(/^record entry \d+ · [0-9a-f]{12}$/);
    const title = await bob.locator('.version .record-head').getAttribute('title');
    expect(title).toMatch(/[0-9a-f]{64}/);
  });

  it('lists what happened to the draft, filters it and exports it', async () => {
    await bob.getByRole('link', { name: 'Timeline' }).click();
    await bob.waitForURL(/\/timeline$/);
    await expect.poll(() => bob.locator('.timeline-table tbody tr').count()).toBeGreaterThanOrEqual(4);
    const actions = await bob
      .locator('.timeline-table tbody tr')
      .evaluateAll((rows) => rows.map((row) => row.getAttribute('data-action')));
    expect(actions).toEqual(
      expect.arrayContaining(['draft.create', 'member.set', 'restore.article', 'version.create']),
    );
    expect(actions[0]).toBe('version.create'); // newest first
    const restoreRow = bob.locator('.timeline-table tbody tr[data-action="restore.article"]');
    expect(await restoreRow.locator('td').nth(2).innerText()).toBe('alice');
    expect(await restoreRow.locator('td').nth(3).innerText()).toContain('Restored an article');
    await screenshot(bob, 'timeline-en');

    await bob.getByLabel('Restore').check();
    await bob.getByRole('button', { name: 'Filter', exact: true }).click();
    await expect.poll(() => bob.locator('.timeline-table tbody tr').count()).toBe(1);
    const download = bob.waitForEvent('download');
    await bob.getByRole('button', { name: 'Export CSV' }).click();
    const file = await download;
    const csv = readFileSync((await file.path())!, 'utf8');
    expect(csv.split('\r\n')[0]).toBe('time,kind,action,user,detail');
    expect(csv).toContain(',restore,restore.article,alice,');
    expect(csv.trimEnd().split('\r\n')).toHaveLength(2);

    await bob.selectOption('select[name=ui-language]', 'zh');
    await bob.getByRole('button', { name: '清除筛选' }).click();
    await expect.poll(() => bob.locator('.timeline-table tbody tr').count()).toBeGreaterThanOrEqual(4);
    expect(await bob.locator('h1').innerText()).toBe('草案时间线');
    await screenshot(bob, 'timeline-zh');
  });
});
