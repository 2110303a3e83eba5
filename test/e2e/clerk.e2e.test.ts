// The clerk's workspace in Chromium against a real `lifa serve`: the corpus comments imported and
// clustered, filtered by article and by text, decided in bulk, a comment moved out of its cluster, the
// report exported; then 100,000 comments (written straight into storage) scrolled to the last row with
// only the rows in view in the DOM.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { normalizeText } from '../../core/index.ts';
import { createDraft } from '../../server/drafts.ts';
import { SqliteStorage } from '../../server/storage/sqlite-storage.ts';
import { openStorage } from '../../server/storage/storage.ts';
import { launchChromium, openAs, screenshot } from '../helpers/browser.ts';
import { lifa, projectPath } from '../helpers/cli.ts';
import { startLifaServer } from '../helpers/lifa-server.ts';
import type { LifaTestServer } from '../helpers/lifa-server.ts';
import { ensureRendererBuilt } from '../helpers/renderer-build.ts';

// The browser and the server share two cores with the rest of the suite: give changes time to show.
vi.setConfig({ expect: { poll: { timeout: 20_000, interval: 50 } } });

const law = `Regulations on Testing Comment Handling
Chapter I General Provisions
Article 1 These Regulations are made to test how comments are handled.
Article 2 A directory of providers shall be kept.
Article 3 The directory shall be accurate.
Article 4 Providers shall update their entries.
Article 5 These Regulations take effect on the day of publication.
`;

interface CorpusRow {
  id: string;
  comment: string | null;
  withdrawn: boolean;
}
const corpusFile = projectPath('test/fixtures/comments/cms-2022-0163.comments.jsonl');
const corpus = readFileSync(corpusFile, 'utf8')
  .trim()
  .split('\n')
  .map((line) => JSON.parse(line) as CorpusRow);
// Comment i goes to article (i % 6) + 1, every sixth to the draft as a whole.
const articleOf = (i: number) => (i % 6 === 5 ? null : (i % 6) + 1);

let server: LifaTestServer;
let browser: Browser;
let page: Page;
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
  draftId = (await server.api<{ id: string }>('alice', 'POST', '/api/drafts', { text: law })).id;
  await server.api('alice', 'PUT', `/api/drafts/${draftId}/members/cleo`, { role: 'clerk' });
  const file = join(server.dataDir, 'comments.jsonl');
  writeFileSync(
    file,
    corpus
      .map((row, i) =>
        JSON.stringify({ ...row, article: articleOf(i) === null ? undefined : String(articleOf(i)) }),
      )
      .join('\n'),
  );
  for (const args of [
    ['comments', 'import', file, '--draft', draftId, '--data', server.dataDir],
    ['comments', 'cluster', '--draft', draftId, '--data', server.dataDir],
  ]) {
    const run = lifa(args);
    if (run.status !== 0) throw new Error(`lifa ${args.join(' ')}: ${run.stderr}`);
  }
  page = (await openAs(browser, server, 'cleo', { uiLanguage: 'en', viewport: { width: 1440, height: 900 } }))
    .page;
}, 180_000);

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

const shown = () => page.locator('.shown-count').innerText();
const tally = (kind: string) => page.locator(`.clerk-counts .tally [data-kind=${kind}] strong`).innerText();

describe('the clerk view', { timeout: 120_000 }, () => {
  it('lists every comment with the counts in view', async () => {
    await page.goto(`${server.url}/drafts/${draftId}/clerk`);
    await page.waitForSelector('.clerk-table .vt-row');
    await expect.poll(shown).toBe('Showing 646 of 647');
    expect(await tally('pending')).toBe('646');
    // Only the rows in view are in the DOM.
    expect(await page.locator('.clerk-table .vt-row').count()).toBeLessThan(60);
  });

  it('filters by article and by text', async () => {
    const onSecond = corpus.filter((r, i) => !r.withdrawn && articleOf(i) === 2).length;
    await page.selectOption('select[name=filter-article]', { label: 'Article 2' });
    await expect.poll(shown).toBe(`Showing ${onSecond} of 647`);
    await page.selectOption('select[name=filter-article]', 'all');

    const phrase = 'often important to a patient';
    const matching = corpus.filter(
      (r) =>
        !r.withdrawn &&
        normalizeText(r.comment ?? '')
          .toLowerCase()
          .includes(phrase),
    );
    await page.fill('input[name=clerk-search]', 'Often Important to a Patient');
    await expect.poll(shown).toBe(`Showing ${matching.length} of 647`);
  });

  it('records a disposition for every selected comment at once', async () => {
    await page.getByRole('checkbox', { name: 'Select every comment shown' }).check();
    const selectedCount = await page.locator('.selected-count').innerText();
    expect(selectedCount).toContain('215 selected');
    await page.getByRole('tab', { name: 'Decide' }).click();
    await expect
      .poll(() => page.locator('.editor-target').innerText())
      .toBe('Decide on the 215 selected comments');
    await page.getByRole('radio', { name: 'Partly adopted' }).check();
    await page.fill('textarea[name=reason]', 'Contact details will be listed in the directory.');
    await page.getByRole('button', { name: 'Apply' }).click();
    await expect.poll(() => tally('partly-adopted')).toBe('215');
    expect(
      await page.locator('.clerk-table .vt-row .disposition-chip.kind-partly-adopted').count(),
    ).toBeGreaterThan(5);
    const stored = await server.api<{ dispositions: { target: string }[] }>(
      'cleo',
      'GET',
      `/api/drafts/${draftId}/dispositions`,
    );
    expect(stored.dispositions.filter((d) => d.target === 'comment')).toHaveLength(215);
    await screenshot(page, 'clerk-bulk-disposition-en');
  });

  it('shows a cluster and moves a comment out of it', async () => {
    await page.getByRole('button', { name: 'Clear filters' }).click();
    await page.getByRole('button', { name: 'Clear selection' }).click();
    await page.locator('.clerk-table .vt-header .vt-sort', { hasText: 'Similar' }).click();
    await page.locator('.clerk-table .vt-row .cluster-size').first().click();
    await expect
      .poll(() => page.locator('.shown-cluster p').first().innerText())
      .toMatch(/group of 2\d\d similar/);
    const before = Number((await shown()).match(/Showing (\d+)/)![1]);
    await page.locator('.clerk-table .vt-row input[type=checkbox]').nth(1).check();
    await page.getByRole('button', { name: 'Move the 1 selected out of the group' }).click();
    await expect
      .poll(
        async () =>
          (
            await server.api<{ decisions: unknown[] }>(
              'cleo',
              'GET',
              `/api/drafts/${draftId}/clusters/decisions`,
            )
          ).decisions.length,
      )
      .toBe(1);
    const clusters = await server.api<{ clusters: { size: number }[] }>(
      'cleo',
      'GET',
      `/api/drafts/${draftId}/clusters`,
    );
    expect(clusters.clusters[0].size).toBe(before - 1);
    await screenshot(page, 'clerk-clusters-en');
  });

  it('decides for a whole cluster and shows the decision with the article it links to', async () => {
    await page.locator('.cluster-list .cluster-open').first().click();
    await page.locator('.clerk-table .vt-row').first().click();
    await page.getByRole('tab', { name: 'Decide' }).click();
    await page.getByRole('radio', { name: /Its group/ }).click();
    await expect
      .poll(() => page.locator('.editor-target').innerText())
      .toMatch(/Decide on all \d+ comments of the group/);
    await page.getByRole('radio', { name: 'Noted' }).check();
    await page.getByRole('button', { name: 'Apply' }).click();
    await expect.poll(() => page.locator('.toasts').innerText()).toMatch(/marked “Noted”/);
  });

  it('exports the report as DOCX and HTML', async () => {
    for (const format of ['docx', 'html']) {
      await page.getByRole('button', { name: /Export the report/ }).click();
      const download = page.waitForEvent('download');
      await page.click(`.summary-menu button[data-format=${format}]`);
      const bytes = readFileSync((await (await download).path())!);
      if (format === 'docx') expect(bytes.subarray(0, 2).toString('latin1')).toBe('PK');
      else expect(bytes.toString('utf8')).toContain('Partly adopted');
    }
  });
});

describe('100,000 comments', { timeout: 240_000 }, () => {
  let bigDraft: string;

  beforeAll(async () => {
    // Straight into storage, as fast as SQLite takes them (the server has the same file open).
    const storage = openStorage(server.dataDir);
    try {
      const { draft } = await createDraft(new SqliteStorage(storage), {
        language: 'zh',
        text: '大数据测试条例\n第一条 第一条的内容。\n第二条 第二条的内容。\n',
      });
      bigDraft = draft.id;
      storage.memberships.set(bigDraft, storage.users.byName('cleo')!.id, 'clerk');
      storage.transaction(() => {
        const submitter = storage.submitters.resolve(bigDraft, { name: '测试人', type: 'individual' });
        for (let i = 0; i < 100_000; i++) {
          storage.comments.insert({
            draftId: bigDraft,
            kind: 'imported',
            articleId: null,
            body: `第${i + 1}条意见：建议对本条例第${(i % 2) + 1}条作出修改，理由编号${i}。`,
            submitterId: submitter.id,
            externalId: `big-${i}`,
            createdAt: 1_700_000_000_000 + i,
          });
        }
      });
    } finally {
      storage.close();
    }
  }, 120_000);

  it('scrolls smoothly to the last row with only the rows in view in the DOM', async () => {
    await page.goto(`${server.url}/drafts/${bigDraft}/clerk`);
    await page.waitForSelector('.clerk-table .vt-row', { timeout: 60_000 });
    await expect.poll(shown).toBe('Showing 100000 of 100000');
    // Imported straight into storage: the server groups them in the background once the table is
    // opened, and the page says so until it is done (then it loads the grouped table).
    const updating = page.locator('[data-testid=grouping-updating]');
    expect(await updating.innerText()).toBe('Updating the grouping…');
    await screenshot(page, 'clerk-grouping-updating-en');
    await expect.poll(() => updating.count(), { timeout: 90_000, interval: 500 }).toBe(0);
    await expect.poll(shown).toBe('Showing 100000 of 100000');
    const viewport = page.locator('.clerk-table .vt-viewport');
    // Scroll all the way down in steps. After every step the rows under the viewport are drawn (no blank
    // band left behind) and only those are in the DOM. Frame times are printed for the reader;
    // speed itself is the benchmarks' business, not a test's.
    const steps = await viewport.evaluate(async (element) => {
      const seen: { rows: number; covered: boolean; ms: number }[] = [];
      const box = element.getBoundingClientRect();
      let last = performance.now();
      for (let k = 1; k <= 60; k++) {
        element.scrollTop = (element.scrollHeight * k) / 60;
        await new Promise((resolve) => requestAnimationFrame(() => resolve(null)));
        const now = performance.now();
        // The table draws on the scroll event it gets in that frame; look once it has painted.
        await new Promise((resolve) => requestAnimationFrame(() => resolve(null)));
        const under = document.elementFromPoint(box.left + box.width / 2, box.top + box.height / 2);
        seen.push({
          rows: element.querySelectorAll('.vt-row').length,
          covered: Boolean(under?.closest('.vt-row')),
          ms: now - last,
        });
        last = now;
      }
      await new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve)));
      return seen;
    });
    const frames = steps.map((step) => step.ms).sort((a, b) => a - b);
    console.log(
      `clerk table, 100,000 rows: median frame while scrolling ${frames[30].toFixed(1)} ms, worst ${frames[59].toFixed(1)} ms`,
    );
    expect(steps.filter((step) => !step.covered)).toEqual([]);
    expect(Math.max(...steps.map((step) => step.rows))).toBeLessThan(80);
    const rows = page.locator('.clerk-table .vt-row');
    expect(await rows.count()).toBeLessThan(80);
    const ids = await rows.evaluateAll((list) => list.map((row) => Number(row.getAttribute('data-id'))));
    const last = Math.max(...ids);
    const lastRow = page.locator(`.clerk-table .vt-row[data-id="${last}"]`);
    await expect.poll(() => lastRow.locator('.vt-cell.text').innerText()).toContain('第100000条意见');
    // The last row is on screen, at the bottom of the table.
    const [rowBox, viewBox] = await Promise.all([lastRow.boundingBox(), viewport.boundingBox()]);
    expect(rowBox!.y + rowBox!.height).toBeLessThanOrEqual(viewBox!.y + viewBox!.height + 1);
    expect(rowBox!.y).toBeGreaterThan(viewBox!.y);
    await screenshot(page, 'clerk-100k-bottom');
  });
});
