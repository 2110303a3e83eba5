// Chromium for browser tests: one browser per test file, one context per person, each context signed in
// to a LifaTestServer by putting its session in local storage before the app starts.
import { mkdirSync } from 'node:fs';
import { chromium } from 'playwright-core';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { chromiumExecutable } from './test-tools.ts';
import { projectPath } from './cli.ts';
import type { LifaTestServer } from './lifa-server.ts';

/// Launch headless Chromium with the project's flags: the browser LIFA_CHROMIUM names, else the first on
/// the PATH (see test-tools.ts). Throws, with the one line saying what to install, when there is none.
export function launchChromium(extraArgs: readonly string[] = []): Promise<Browser> {
  return chromium.launch({
    executablePath: chromiumExecutable(),
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      ...extraArgs,
    ],
  });
}

/// Options of openAs.
export interface OpenOptions {
  /// UI language remembered in local storage; 'auto' follows the draft. Defaults to 'auto'.
  readonly uiLanguage?: 'zh' | 'en' | 'auto';
  readonly viewport?: { width: number; height: number };
}

/// A new context signed in as `username`, and a page in it (nothing loaded yet).
export async function openAs(
  browser: Browser,
  server: LifaTestServer,
  username: string,
  options: OpenOptions = {},
): Promise<{ context: BrowserContext; page: Page }> {
  const session = await server.signIn(username);
  const context = await browser.newContext({ viewport: options.viewport ?? { width: 1280, height: 800 } });
  await context.addInitScript(
    ({ session, language }) => {
      localStorage.setItem('lifa.session', JSON.stringify(session));
      if (language === 'auto') localStorage.removeItem('lifa.uiLanguage');
      else localStorage.setItem('lifa.uiLanguage', language);
    },
    { session, language: options.uiLanguage ?? 'auto' },
  );
  const page = await context.newPage();
  page.on('pageerror', (error) => console.error(`[${username}] page error: ${error.message}`));
  return { context, page };
}

/// Open draft `draftId` and wait until its editor is on screen.
export async function openDraft(page: Page, server: LifaTestServer, draftId: string): Promise<void> {
  await page.goto(`${server.url}/drafts/${draftId}`);
  await page.waitForSelector('.lifa-doc', { timeout: 20_000 });
}

/// Save a screenshot of `page` as test-artifacts/screenshots/NAME.png.
export async function screenshot(page: Page, name: string): Promise<string> {
  const dir = projectPath('test-artifacts/screenshots');
  mkdirSync(dir, { recursive: true });
  const path = `${dir}/${name}.png`;
  await page.screenshot({ path });
  return path;
}

/// Put the cursor right after the text `marker` in the editor, by clicking there with the mouse. The
/// marker may span several text nodes (other people's cursors split them) but not two blocks.
export async function clickAfterText(page: Page, marker: string): Promise<void> {
  // Twice: scrolling may render chapters skipped so far (content-visibility), which moves the text a
  // little once the frame after the scroll has laid them out.
  let point: { x: number; y: number } | null = null;
  for (let pass = 0; pass < 2; pass++) {
    point = await page.evaluate(
      async ({ text, scroll }) => {
        const blocks = document.querySelectorAll(
          '.lifa-doc .lifa-lead, .lifa-doc .lifa-heading, .lifa-doc .lifa-title',
        );
        for (const block of blocks) {
          const nodes: Text[] = [];
          const walker = document.createTreeWalker(block, NodeFilter.SHOW_TEXT);
          for (let node = walker.nextNode(); node; node = walker.nextNode()) {
            if (!node.parentElement?.closest('.lifa-cursor')) nodes.push(node as Text);
          }
          const at = nodes
            .map((node) => node.data)
            .join('')
            .indexOf(text);
          if (at < 0) continue;
          // The text node holding the marker's last character, and that character's offset in it.
          let last = at + text.length - 1;
          const node = nodes.find((candidate) => {
            if (last < candidate.data.length) return true;
            last -= candidate.data.length;
            return false;
          })!;
          if (scroll) {
            node.parentElement!.scrollIntoView({ block: 'center' });
            await new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve)));
          }
          const range = document.createRange();
          range.setStart(node, last);
          range.setEnd(node, last + 1);
          const rects = range.getClientRects();
          const box = rects[rects.length - 1];
          // Just right of the character: the caret goes after it (before the left half of the next one).
          return { x: box.right + 1, y: box.top + box.height / 2 };
        }
        return null;
      },
      { text: marker, scroll: pass === 0 },
    );
    if (!point) throw new Error(`text ${marker} not in the editor`);
  }
  await page.mouse.click(point!.x, point!.y);
}

/// The editor's text, without other people's cursors.
export function editorText(page: Page): Promise<string> {
  return page.evaluate(() => {
    const clone = document.querySelector('.lifa-doc')!.cloneNode(true) as HTMLElement;
    for (const cursor of clone.querySelectorAll('.lifa-cursor')) cursor.remove();
    return clone.textContent ?? '';
  });
}

/// Select `text` in the editor of `page`, as a mouse drag would. The text may span several text
/// nodes (highlights, cursors and tracked changes split them), but not other people's cursor labels
/// nor the words suggestions propose.
export async function selectText(page: Page, text: string): Promise<void> {
  await page.evaluate((wanted) => {
    const nodes: Text[] = [];
    const walker = document.createTreeWalker(document.querySelector('.lifa-doc')!, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      if (!node.parentElement?.closest('.lifa-cursor, .lifa-sugg-ins, .lifa-sugg-block'))
        nodes.push(node as Text);
    }
    const at = nodes
      .map((node) => node.data)
      .join('')
      .indexOf(wanted);
    if (at < 0) throw new Error(`no text ${wanted}`);
    // The start goes into the node holding the first character, the end after the last one.
    const point = (offset: number, end: boolean): [Text, number] => {
      for (const node of nodes) {
        if (end ? offset <= node.data.length : offset < node.data.length) return [node, offset];
        offset -= node.data.length;
      }
      throw new Error('past the end');
    };
    const [startNode, startOffset] = point(at, false);
    const [endNode, endOffset] = point(at + wanted.length, true);
    startNode.parentElement!.scrollIntoView({ block: 'center' });
    // As a drag of the mouse would, the selection goes into the focused text (readers' too).
    (document.querySelector('.lifa-doc') as HTMLElement).focus({ preventScroll: true });
    const range = document.createRange();
    range.setStart(startNode, startOffset);
    range.setEnd(endNode, endOffset);
    const selection = getSelection()!;
    selection.removeAllRanges();
    selection.addRange(range);
  }, text);
}
