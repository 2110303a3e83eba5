// Benchmark of the drafting editor in Chromium (DESIGN.md "Performance budgets", issue 18), served by
// a real `lifa serve`, on two code-sized drafts (concatenated from the corpus laws in
// test/fixtures/laws): 1,344 articles in chapters, and 1,300 articles with no chapter (which the
// chapters' content-visibility cannot help). Each draft has 100 open comment threads (ten around the
// typing, the rest spread through it), and the outline pane is on screen.
//   - open to interactive: navigation start to the editor on screen and accepting input, first visit
//     (no offline copy) and second visit (the IndexedDB copy present);
//   - keystroke to paint while typing in the middle of the draft, p50/p95/p99, alone and with a remote
//     peer (a y-websocket client in Node) typing 5 keystrokes per second with its cursor shown;
//   - the page's JavaScript heap after garbage collection, the draft open;
//   - once, on the draft with chapters: typing with 200 open suggestions drawn as tracked changes,
//     against the same typing before they are made and after they are rejected.
// The baseline of each: the same draft in a plain ProseMirror view with the same styles, without Yjs,
// sync or panels (bench/editor/baseline.ts). Baseline and app take turns (bench/timing.ts), five runs
// each (LIFA_BENCH_RUNS); each figure is the median of the runs' figures, with their spread; the load
// average is printed; one ratio line per goal of issue 18 closes the output.
//
// Keystroke to paint is measured in the page: from the keydown event's timestamp to the first task
// after the next animation frame, i.e. after that frame's style, layout and paint. Chromium runs with
// vsync and the frame-rate limit off, so a frame starts as soon as there is work and the figure is the
// work per keystroke, not the wait for the display's next 16.7 ms tick.
//
// Run: node --import tsx bench/editor.bench.ts   (or npm run bench editor)
// Environment: LIFA_BENCH_RUNS (5), LIFA_BENCH_KEYSTROKES per typing run (100), LIFA_BENCH_DRAFTS
// (chapters,flat), LIFA_BENCH_SUGGESTIONS=0 skips the suggestions part, LIFA_BENCH_TRACE=DIR writes a
// Chromium performance trace of one typing run with the peer per draft (open it in DevTools).
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { build } from 'vite';
import * as Y from 'yjs';
import { WebsocketProvider } from 'y-websocket';
import WebSocket from 'ws';
import { toBase64 } from 'lib0/buffer';
import type { Browser, Page } from 'playwright-core';
import { codeSizedDraft } from './code-sized-draft.ts';
import { formatRuns, interleaved, loadRecorder, percentile, ratioLine, runs } from './timing.ts';
import type { Runs } from './timing.ts';
import { launchChromium } from '../test/helpers/browser.ts';
import { projectPath } from '../test/helpers/cli.ts';
import { startLifaServer } from '../test/helpers/lifa-server.ts';
import type { LifaTestServer } from '../test/helpers/lifa-server.ts';
import { ensureRendererBuilt } from '../test/helpers/renderer-build.ts';

const goals = { typing: 1.2, open: 1.5, heap: 2 };
const budgets = { openMs: 1500, keystrokeP95Ms: 16 };
const keystrokes = Number(process.env.LIFA_BENCH_KEYSTROKES ?? 100);
const rounds = Number(process.env.LIFA_BENCH_RUNS ?? 5);
const draftNames = (process.env.LIFA_BENCH_DRAFTS ?? 'chapters,flat').split(',') as DraftName[];
const traceDir = process.env.LIFA_BENCH_TRACE;
const chromiumFlags = ['--disable-gpu-vsync', '--disable-frame-rate-limit'];
// What the remote peer types: a character the corpus does not contain, to count what arrived.
const peerMark = '¤';
const commentThreads = 100;

type DraftName = 'chapters' | 'flat';
const drafts: Record<DraftName, { label: string; chapters: boolean }> = {
  chapters: { label: 'with chapters', chapters: true },
  flat: { label: 'without chapters', chapters: false },
};

const ms = (value: number) => `${value.toFixed(1)} ms`;

// Records, for every keydown, the time to the next animation frame and to the task after it (paint).
const keystrokeProbe = () => {
  const samples: Array<{ frame: number; paint: number }> = [];
  (window as unknown as { lifaKeystrokes: typeof samples }).lifaKeystrokes = samples;
  const channel = new MessageChannel();
  const pending: Array<(now: number) => void> = [];
  channel.port1.onmessage = () => pending.shift()?.(performance.now());
  window.addEventListener(
    'keydown',
    (event) => {
      const start = event.timeStamp;
      requestAnimationFrame(() => {
        const frame = performance.now() - start;
        pending.push((now) => samples.push({ frame, paint: now - start }));
        channel.port2.postMessage(null);
      });
    },
    true,
  );
};

async function readMark(page: Page, name: string, timeout = 60_000): Promise<number> {
  const handle = await page.waitForFunction(
    (mark) => performance.getEntriesByName(mark)[0]?.startTime ?? false,
    name,
    { timeout, polling: 10 },
  );
  return (await handle.jsonValue()) as number;
}

/// Click at the end of the first line of the article `index` (0-based) of the editor in `page`.
async function clickIntoArticle(page: Page, index: number): Promise<void> {
  const point = await page.evaluate((n) => {
    const lead = document.querySelectorAll('.lifa-doc .lifa-article')[n].querySelector('.lifa-lead')!;
    lead.scrollIntoView({ block: 'center' });
    // The text itself: not a suggestion's proposed words, and long enough to click inside.
    const walker = document.createTreeWalker(lead, NodeFilter.SHOW_TEXT);
    let text: Node = lead.firstChild!;
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      if (node.parentElement?.closest('ins, .lifa-sugg-del')) continue;
      text = node;
      if ((node.textContent ?? '').length > 11) break;
    }
    const range = document.createRange();
    range.setStart(text, Math.min(10, text.textContent!.length - 1));
    range.setEnd(text, Math.min(11, text.textContent!.length));
    const box = range.getBoundingClientRect();
    return { x: box.right - 1, y: box.top + box.height / 2 };
  }, index);
  await page.mouse.click(point.x, point.y);
  await page.waitForTimeout(300);
}

/// Type `count` characters at about 20 keystrokes per second and return the per-keystroke samples.
async function typeAndMeasure(page: Page, count: number): Promise<{ frame: number[]; paint: number[] }> {
  await page.evaluate(() => (window as unknown as { lifaKeystrokes: unknown[] }).lifaKeystrokes.splice(0));
  // Latin letters: each is a real key press (keydown, keypress, input), as an IME's commit is not.
  const alphabet = 'abcdefghijklmnopqrstuvwxyz';
  for (let i = 0; i < count; i++) {
    await page.keyboard.press(alphabet[i % alphabet.length]);
    await page.waitForTimeout(50);
  }
  await page.waitForTimeout(200);
  const samples = await page.evaluate(
    () => (window as unknown as { lifaKeystrokes: Array<{ frame: number; paint: number }> }).lifaKeystrokes,
  );
  return { frame: samples.map((s) => s.frame), paint: samples.map((s) => s.paint) };
}

/// A y-websocket client in Node on draft `draftId`, signed in as `username`, with its articles.
async function nodeClient(server: LifaTestServer, draftId: string, username: string) {
  const { token } = await server.signIn(username);
  const ydoc = new Y.Doc();
  const provider = new WebsocketProvider(`${server.url.replace(/^http/, 'ws')}/sync`, draftId, ydoc, {
    params: { token },
    disableBc: true,
    WebSocketPolyfill: WebSocket as unknown as typeof globalThis.WebSocket,
  });
  await new Promise<void>((resolve) => provider.on('sync', (synced: boolean) => synced && resolve()));
  const articles: Y.XmlElement[] = [];
  const collect = (element: Y.XmlFragment | Y.XmlElement) => {
    for (const child of element.toArray()) {
      if (!(child instanceof Y.XmlElement)) continue;
      if (child.nodeName === 'article') articles.push(child);
      else if (['chapter', 'section', 'part'].includes(child.nodeName)) collect(child);
    }
  };
  collect(ydoc.getXmlFragment('body'));
  /// The first text of article `index`: article › paragraph › lead › text.
  const leadText = (index: number) =>
    ((articles[index].get(0) as Y.XmlElement).get(0) as Y.XmlElement).get(0) as Y.XmlText;
  return {
    ydoc,
    provider,
    articles,
    leadText,
    destroy: () => {
      provider.destroy();
      ydoc.destroy(); // ends the awareness's interval
    },
  };
}

/// A remote peer typing into article `articleIndex` at `perSecond` keystrokes per second, with its
/// cursor in the awareness like a real peer's. Typing starts at once and runs until `stop()`.
async function remotePeer(server: LifaTestServer, draftId: string, articleIndex: number, perSecond: number) {
  const peer = await nodeClient(server, draftId, 'peer');
  peer.provider.awareness.setLocalStateField('user', { name: 'peer', color: '#8d5a97' });
  const text = peer.leadText(articleIndex);
  let typed = 0;
  const timer = setInterval(() => {
    text.insert(text.length, peerMark);
    typed++;
    const position = Y.createRelativePositionFromTypeIndex(text, text.length);
    const json = Y.relativePositionToJSON(position);
    peer.provider.awareness.setLocalStateField('cursor', { anchor: json, head: json });
  }, 1000 / perSecond);
  return {
    typed: () => typed,
    stop: () => {
      clearInterval(timer);
      peer.destroy();
    },
  };
}

/// `count` open review threads on the draft, each on the 3rd to 10th characters of an article's
/// first text (anchored as the editor anchors a selection): ten around `typingArticle`, the rest
/// spread evenly.
async function openThreads(server: LifaTestServer, draftId: string, typingArticle: number, count: number) {
  const client = await nodeClient(server, draftId, 'alice');
  try {
    const total = client.articles.length;
    const near = Array.from({ length: 10 }, (_, i) => typingArticle - 5 + i);
    const step = Math.floor(total / (count - near.length));
    const chosen = [...new Set([...near, ...Array.from({ length: total }, (_, i) => i * step)])]
      .filter((i) => i >= 0 && i < total)
      .slice(0, count);
    for (const index of chosen) {
      const text = client.leadText(index);
      const content = text.toString();
      const [from, to] = [2, Math.min(10, content.length)];
      await server.api('alice', 'POST', `/api/drafts/${draftId}/comments`, {
        articleId: client.articles[index].getAttribute('id'),
        body: `意见 ${index + 1}：建议明确适用范围。`,
        anchor: {
          start: toBase64(Y.encodeRelativePosition(Y.createRelativePositionFromTypeIndex(text, from))),
          end: toBase64(Y.encodeRelativePosition(Y.createRelativePositionFromTypeIndex(text, to, -1))),
          quote: content.slice(from, to),
          prefix: content.slice(0, from),
          suffix: content.slice(to, to + 32),
        },
      });
    }
    return chosen.length;
  } finally {
    client.destroy();
  }
}

/// Make `count` open suggestions on the draft through the API: ten on the articles around
/// `typingArticle`, the rest spread evenly. Each replaces the first words of an article's text (the
/// first words found once in it). Returns how many were made.
async function openSuggestions(
  server: LifaTestServer,
  draftId: string,
  typingArticle: number,
  count: number,
): Promise<number> {
  const outline = await server.api<{ articles: { id: string; text: string }[] }>(
    'alice',
    'GET',
    `/api/drafts/${draftId}/export?format=json`,
  );
  const articles = outline.articles;
  const near = Array.from({ length: 10 }, (_, i) => typingArticle - 5 + i).filter(
    (i) => i >= 0 && i < articles.length,
  );
  const step = Math.max(1, Math.floor(articles.length / (count - near.length)));
  // Near the typing first, then spread evenly, then any other (until `count` are made).
  const chosen = [
    ...new Set([
      ...near,
      ...Array.from({ length: articles.length }, (_, i) => i * step).filter((i) => i < articles.length),
      ...articles.keys(),
    ]),
  ];
  let made = 0;
  for (const index of chosen) {
    if (made >= count) break;
    const text = articles[index].text.split('\n')[0];
    // A quote found once in the article: its first four characters, else five, six…
    for (let length = 4; length <= Math.min(12, text.length); length++) {
      const quote = text.slice(0, length);
      try {
        await server.api('alice', 'POST', `/api/drafts/${draftId}/suggestions`, {
          articleId: articles[index].id,
          quote,
          replacement: `${quote}（建议）`,
        });
        made++;
        break;
      } catch {
        // Ambiguous in this article: a longer quote.
      }
    }
  }
  return made;
}

/// The page's JavaScript heap after a full garbage collection, in MiB.
async function heapAfterGc(page: Page): Promise<number> {
  const cdp = await page.context().newCDPSession(page);
  try {
    await cdp.send('HeapProfiler.collectGarbage');
    await cdp.send('HeapProfiler.collectGarbage');
    const { usedSize } = (await cdp.send('Runtime.getHeapUsage')) as { usedSize: number };
    return usedSize / 1024 / 1024;
  } finally {
    await cdp.detach();
  }
}

interface DraftFigures {
  readonly articles: number;
  readonly characters: number;
  readonly threads: number;
  readonly open: { baseline: Runs; first: Runs; offline: Runs };
  readonly typing: { baseline: Runs; alone: Runs; peer: Runs };
  readonly typingP50: { baseline: Runs; alone: Runs; peer: Runs };
  readonly heap: { baseline: number; app: number };
  readonly peer: { typed: number; seen: number };
}

async function main(): Promise<void> {
  const load = loadRecorder();
  await ensureRendererBuilt();
  const built = Object.fromEntries(
    draftNames.map((name) => [name, codeSizedDraft({ chapters: drafts[name].chapters })]),
  );
  const baselineDir = projectPath('bench-results/editor-baseline');
  await build({
    configFile: false,
    root: projectPath('bench/editor'),
    logLevel: 'warn',
    build: { outDir: baselineDir, emptyOutDir: true, target: 'es2022' },
  });
  mkdirSync(baselineDir, { recursive: true });
  for (const name of draftNames)
    writeFileSync(
      join(baselineDir, `${name}.json`),
      JSON.stringify({ doc: built[name].doc.toJSON(), language: 'zh' }),
    );
  if (traceDir) mkdirSync(traceDir, { recursive: true });

  const server = await startLifaServer([
    { username: 'alice', password: 'alice-password', admin: true },
    { username: 'peer', password: 'peer-password' },
  ]);
  const browser: Browser = await launchChromium(chromiumFlags);
  console.log(
    `${rounds} runs of each, baseline and app taking turns; ${keystrokes} keystrokes at 20/s per typing run`,
  );
  console.log(load.start);
  const results = new Map<DraftName, DraftFigures>();
  let suggestionsLine: string[] = [];
  try {
    const session = await server.signIn('alice');
    const appContext = async () => {
      const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
      await context.addInitScript(
        (value) => localStorage.setItem('lifa.session', value),
        JSON.stringify(session),
      );
      await context.addInitScript(keystrokeProbe);
      return context;
    };
    const baselineContext = async () => {
      const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
      await context.addInitScript(keystrokeProbe);
      await context.route('http://baseline.invalid/**', (route) => {
        const path = new URL(route.request().url()).pathname.replace(/^\/+/, '') || 'index.html';
        const type = path.endsWith('.js')
          ? 'text/javascript'
          : path.endsWith('.css')
            ? 'text/css'
            : path.endsWith('.json')
              ? 'application/json'
              : 'text/html';
        void route.fulfill({ body: readFileSync(join(baselineDir, path)), contentType: type });
      });
      return context;
    };

    for (const name of draftNames) {
      const draft = built[name];
      const typingArticle = Math.floor(draft.articles / 2);
      const created = await server.api<{ id: string }>('alice', 'POST', '/api/drafts', {
        language: 'zh',
        text: draft.text,
      });
      await server.api('alice', 'PUT', `/api/drafts/${created.id}/members/peer`, { role: 'drafter' });
      const threads = await openThreads(server, created.id, typingArticle, commentThreads);
      console.log(
        `\n== ${draft.articles} articles ${drafts[name].label}, ${draft.characters} characters, ${threads} open comment threads`,
      );

      // Open to interactive, baseline and app in turn.
      const openBaseline = async () => {
        const context = await baselineContext();
        try {
          const page = await context.newPage();
          await page.goto(`http://baseline.invalid/index.html?doc=${name}`);
          return { first: await readMark(page, 'baseline:ready'), offline: NaN };
        } finally {
          await context.close();
        }
      };
      const openApp = async () => {
        const context = await appContext();
        try {
          const page = await context.newPage();
          await page.goto(`${server.url}/drafts/${created.id}`);
          const first = await readMark(page, 'lifa:editor-ready');
          await page.waitForTimeout(1500); // let the offline copy be written
          await page.close();
          const again = await context.newPage();
          await again.goto(`${server.url}/drafts/${created.id}`);
          return { first, offline: await readMark(again, 'lifa:editor-ready') };
        } finally {
          await context.close();
        }
      };
      const opens = await interleaved(rounds, { baseline: openBaseline, app: openApp });

      // Typing: one baseline page and one app page (second visit), taking turns.
      const baseContext = await baselineContext();
      const basePage = await baseContext.newPage();
      await basePage.goto(`http://baseline.invalid/index.html?doc=${name}`);
      await readMark(basePage, 'baseline:ready');
      const context = await appContext();
      const warmup = await context.newPage();
      await warmup.goto(`${server.url}/drafts/${created.id}`);
      await readMark(warmup, 'lifa:editor-ready');
      await warmup.waitForTimeout(1500);
      await warmup.close();
      const page = await context.newPage();
      await page.goto(`${server.url}/drafts/${created.id}`);
      await readMark(page, 'lifa:editor-ready');
      await page.waitForFunction(
        (count) => document.querySelectorAll('.lifa-doc .lifa-comment-badge').length > 0 && count > 0,
        threads,
      );
      await page.waitForTimeout(1000);
      const heap = { baseline: await heapAfterGc(basePage), app: await heapAfterGc(page) };
      await clickIntoArticle(basePage, typingArticle);
      await clickIntoArticle(page, typingArticle);

      let peerTyped = 0;
      let traced = false;
      const typing = await interleaved(rounds, {
        baseline: async () => {
          await basePage.bringToFront();
          return typeAndMeasure(basePage, keystrokes);
        },
        alone: async () => {
          await page.bringToFront();
          return typeAndMeasure(page, keystrokes);
        },
        peer: async () => {
          await page.bringToFront();
          const peer = await remotePeer(server, created.id, 100, 5);
          await page.waitForTimeout(500);
          const trace = traceDir && !traced;
          if (trace)
            await browser.startTracing(page, {
              path: join(traceDir, `editor-${name}-peer.json`),
              screenshots: false,
            });
          const samples = await typeAndMeasure(page, keystrokes);
          if (trace) {
            await browser.stopTracing();
            traced = true;
          }
          peer.stop();
          peerTyped += peer.typed();
          return samples;
        },
      });
      await page.waitForTimeout(500);
      const peerSeen = await page.evaluate(
        (mark) => document.querySelector('.lifa-doc')!.textContent!.split(mark).length - 1,
        peerMark,
      );

      const p = (values: Array<{ paint: number[] }>, q: number) =>
        runs(values.map((v) => percentile(v.paint, q)));
      results.set(name, {
        articles: draft.articles,
        characters: draft.characters,
        threads,
        open: {
          baseline: runs(opens.baseline.map((o) => o.first)),
          first: runs(opens.app.map((o) => o.first)),
          offline: runs(opens.app.map((o) => o.offline)),
        },
        typing: { baseline: p(typing.baseline, 95), alone: p(typing.alone, 95), peer: p(typing.peer, 95) },
        typingP50: { baseline: p(typing.baseline, 50), alone: p(typing.alone, 50), peer: p(typing.peer, 50) },
        heap,
        peer: { typed: peerTyped, seen: peerSeen },
      });
      printDraft(name, results.get(name)!);

      // 200 open suggestions, once, on the draft with chapters.
      if (name === 'chapters' && process.env.LIFA_BENCH_SUGGESTIONS !== '0') {
        suggestionsLine = await suggestionsRun(server, page, created.id, typingArticle);
        for (const line of suggestionsLine) console.log(line);
      }
      await context.close();
      await baseContext.close();
    }
  } finally {
    await browser.close();
    await server.stop();
  }

  // The goals, each on one line: the worse of the two drafts.
  console.log('');
  const worst = (figure: (d: DraftFigures) => number) => {
    let found = { ratio: -Infinity, name: '' as DraftName };
    for (const [name, d] of results) if (figure(d) > found.ratio) found = { ratio: figure(d), name };
    const detail = [...results]
      .map(([name, d]) => `${drafts[name].label} ${figure(d).toFixed(2)}×`)
      .join(', ');
    return { ratio: found.ratio, note: results.size > 1 ? `worse of the drafts: ${detail}` : detail };
  };
  const alone = worst((d) => d.typing.alone.median / d.typing.baseline.median);
  console.log(ratioLine('typing p95 alone / baseline', alone.ratio, goals.typing, alone.note));
  const peer = worst((d) => d.typing.peer.median / d.typing.baseline.median);
  console.log(ratioLine('typing p95 with peer / baseline', peer.ratio, goals.typing, peer.note));
  const open = worst((d) => Math.max(d.open.first.median, d.open.offline.median) / d.open.baseline.median);
  console.log(
    ratioLine('open / baseline', open.ratio, goals.open, `first visit or offline copy, ${open.note}`),
  );
  const heap = results.get('chapters') ?? [...results.values()][0];
  console.log(
    ratioLine(
      'browser heap / baseline',
      heap.heap.app / heap.heap.baseline,
      goals.heap,
      `${heap.articles}-article draft open: ${heap.heap.app.toFixed(1)} MiB against ${heap.heap.baseline.toFixed(1)} MiB`,
    ),
  );
  console.log(load.end());

  mkdirSync(projectPath('bench-results'), { recursive: true });
  writeFileSync(
    projectPath('bench-results/editor.json'),
    JSON.stringify({ rounds, keystrokes, drafts: Object.fromEntries(results), budgets, goals }, null, 2) +
      '\n',
  );
}

function printDraft(name: DraftName, d: DraftFigures): void {
  const ratio = (a: Runs, b: Runs) => `×${(a.median / b.median).toFixed(2)} baseline`;
  console.log(`open to interactive (median of ${rounds}, spread):`);
  console.log(`  baseline (plain ProseMirror)      ${formatRuns(d.open.baseline)}`);
  console.log(
    `  app, first visit                  ${formatRuns(d.open.first)}  ${ratio(d.open.first, d.open.baseline)}, ${((d.open.first.median / budgets.openMs) * 100).toFixed(0)}% of the ${budgets.openMs} ms budget`,
  );
  console.log(
    `  app, second visit (offline copy)  ${formatRuns(d.open.offline)}  ${ratio(d.open.offline, d.open.baseline)}`,
  );
  console.log(`keystroke to paint, p95 of each run (median of ${rounds}, spread), and p50:`);
  const row = (label: string, p95: Runs, p50: Runs) =>
    `  ${label.padEnd(32)} p95 ${formatRuns(p95)}  p50 ${ms(p50.median)}  ${ratio(p95, d.typing.baseline)} p95`;
  console.log(row('baseline (plain ProseMirror)', d.typing.baseline, d.typingP50.baseline));
  console.log(row('app, alone', d.typing.alone, d.typingP50.alone));
  console.log(row('app, remote peer at 5/s', d.typing.peer, d.typingP50.peer));
  console.log(`  remote peer typed ${d.peer.typed} characters, ${d.peer.seen} reached the page`);
  console.log(
    `heap after GC: app ${d.heap.app.toFixed(1)} MiB, baseline ${d.heap.baseline.toFixed(1)} MiB (×${(d.heap.app / d.heap.baseline).toFixed(2)}) [${name}]`,
  );
}

/// Typing with 200 open suggestions drawn, against the same typing before they are made and after
/// they are rejected (the mean of the two), in one run each.
async function suggestionsRun(
  server: LifaTestServer,
  page: Page,
  draftId: string,
  typingArticle: number,
): Promise<string[]> {
  const before = await typeAndMeasure(page, keystrokes);
  const made = await openSuggestions(server, draftId, typingArticle, 200);
  await page.waitForFunction(
    (count) => document.querySelector(`.tab [data-suggestion-count="${count}"]`) !== null,
    made,
    { timeout: 60_000 },
  );
  await page.waitForTimeout(1000);
  await clickIntoArticle(page, typingArticle);
  const withSuggestions = await typeAndMeasure(page, keystrokes);
  const drawn = await page.evaluate(() => document.querySelectorAll('.lifa-doc [data-suggestion]').length);
  await server.api('alice', 'POST', `/api/drafts/${draftId}/suggestions/decide`, {
    action: 'reject',
    author: 'alice',
  });
  await page.waitForFunction(
    () => document.querySelector('.tab [data-suggestion-count="0"]') !== null,
    null,
    {
      timeout: 60_000,
    },
  );
  await page.waitForTimeout(1000);
  await clickIntoArticle(page, typingArticle);
  const after = await typeAndMeasure(page, keystrokes);
  const none = {
    p50: (percentile(before.paint, 50) + percentile(after.paint, 50)) / 2,
    p95: (percentile(before.paint, 95) + percentile(after.paint, 95)) / 2,
  };
  const p95 = percentile(withSuggestions.paint, 95);
  return [
    `with ${made} open suggestions (${drawn} marks in the page): p95 ${ms(p95)}, p50 ${ms(percentile(withSuggestions.paint, 50))}; ` +
      `against none (before and after, mean): p95 ×${(p95 / none.p95).toFixed(2)}, p50 ×${(percentile(withSuggestions.paint, 50) / none.p50).toFixed(2)}; ` +
      `${((p95 / budgets.keystrokeP95Ms) * 100).toFixed(0)}% of the ${budgets.keystrokeP95Ms} ms frame`,
  ];
}

await main();
