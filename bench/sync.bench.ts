// Sync benchmark: keystroke-to-peer latency (p50/p99) and updates/s with 1, 10 and 50 editors on one
// 100-article draft, ours (auth, roles, durable SQLite writes) against the stock
// `@y/websocket-server@0.1.1` (its setupWSConnection over its own http + ws server, as its server.js
// does) in the same run. Budget (DESIGN.md): ours within 1.2× of the baseline at p99.
// Also: RSS per loaded draft, and the time to checkpoint a 100,000-update record.
//
// Run: node --import tsx --expose-gc bench/sync.bench.ts [SECONDS]   (or `npm run bench sync`)
// Environment: BENCH_SIZES=1,10,50 picks the editor counts; BENCH_ROUNDS=3 the runs per server and
// size; BENCH_WS8=1 runs the baseline on ws 8 (as ours does) instead of its own ws 6.2.7, to tell the
// libraries' share of a difference from ours; BENCH_DEBUG=1 prints each server's event-loop delay.
// Server CPU time per 1,000 keystrokes (from /proc) is printed too: unlike p99 it hardly moves when
// other processes share the machine.
//
// Each server runs in its own child process (this script, started in a server mode), fresh for every
// measurement; the clients run in this process.
//  - latency: N stock y-websocket WebsocketProviders type at a steady pace (one character every
//    1000 / min(20, 100 / N) ms each, so at most 100 keystrokes/s in all) into their own article, plus
//    one passive observer. Every receiving peer records, per keystroke, the time from the sender's
//    insert to the update reaching its Y.Doc. Two seconds of warm-up are not counted. Three runs per
//    server and size (BENCH_ROUNDS), alternating which server goes first; p50 is over the pooled
//    samples, p99 the median of the runs' p99s (one run disturbed by another process on the machine
//    should not decide the figure).
//  - updates/s: N raw websockets send 20,000 pre-made keystroke updates in all, as fast as the socket
//    takes them; the figure is keystrokes per second until the observer has every one of them.
import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import * as encoding from 'lib0/encoding';
import WebSocket from 'ws';
import type { WebSocketServer } from 'ws';
import { WebsocketProvider } from 'y-websocket';
import * as Y from 'yjs';
import { chineseNumeral, parseLaw, sequentialIds } from '../core/index.ts';

const self = fileURLToPath(import.meta.url);
const mode = process.argv[2];
const bodyName = 'body';

// ---------------------------------------------------------------------------------------------------
// The draft: 100 articles, as a Y state update both servers start from.

function lawText(articles: number): string {
  const lines = ['# 网络数据安全管理条例（基准）', '## 第一章 总则'];
  for (let i = 1; i <= articles; i++) {
    if (i % 20 === 1 && i > 1) lines.push(`## 第${chineseNumeral(Math.ceil(i / 20))}章 规定`);
    lines.push(
      `第${chineseNumeral(i)}条 网络数据处理者应当依照法律、行政法规的规定，履行数据安全保护义务，第${i}条。`,
    );
  }
  return lines.join('\n') + '\n';
}

async function initialState(): Promise<Uint8Array> {
  const { stateFromDoc } = await import('../server/document.ts');
  return stateFromDoc(parseLaw(lawText(100), { ids: sequentialIds('b') }).doc);
}

/// With BENCH_DEBUG set, a server reports its event-loop delay (p99, max) on stderr when it stops.
function loopDelay(): (name: string) => void {
  const histogram = monitorEventLoopDelay({ resolution: 5 });
  histogram.enable();
  return (name) => {
    if (!process.env.BENCH_DEBUG) return;
    const ms = (ns: number) => (ns / 1e6).toFixed(1);
    process.stderr.write(
      `  ${name} event-loop delay: p99 ${ms(histogram.percentile(99))} ms, max ${ms(histogram.max)} ms\n`,
    );
  };
}

// ---------------------------------------------------------------------------------------------------
// Server modes (child processes). Each prints one JSON line {url, draft, tokens} and runs until killed.

async function serveOurs(stateFile: string): Promise<void> {
  const [{ createServer }, { startSession }] = await Promise.all([
    import('../server/app.ts'),
    import('../server/auth/sessions.ts'),
  ]);
  const dir = mkdtempSync(join(tmpdir(), 'lifa-bench-'));
  const server = await createServer({
    port: 0,
    dataDir: dir,
    logger: false,
    seedDir: null,
    rendererDir: null,
    limits: { newConnectionsPerMinute: 1_000_000, maxConnectionsPerUser: 1_000_000 },
  });
  const { storage } = server;
  const user = storage.users.create('bench', 'scrypt$1$1$1$AA$AA', true);
  const draft = storage.drafts.create('bench', 'bench', 'zh');
  storage.record.create(draft.id, readFileSync(stateFile), { userId: user.id }); // the very bytes the baseline starts from
  const tokens = Array.from({ length: 120 }, () => startSession(storage, user));
  process.stdout.write(JSON.stringify({ url: server.url, draft: draft.id, tokens }) + '\n');
  const loop = loopDelay();
  process.on('SIGTERM', () => {
    loop('ours');
    void server.close().finally(() => {
      rmSync(dir, { recursive: true, force: true });
      process.exit(0);
    });
  });
}

async function serveBaseline(stateFile: string): Promise<void> {
  // Exactly the stock server.js of @y/websocket-server 0.1.1, with its own ws, on a free port.
  const require = createRequire(createRequire(import.meta.url).resolve('@y/websocket-server/package.json'));
  const StockWebSocket = (process.env.BENCH_WS8 ? createRequire(import.meta.url)('ws') : require('ws')) as {
    Server: typeof WebSocketServer;
  };
  const http = await import('node:http');
  const utils = await import('@y/websocket-server/utils');
  const wss = new StockWebSocket.Server({ noServer: true });
  const server = http.createServer((_request, response) => {
    response.writeHead(200, { 'Content-Type': 'text/plain' });
    response.end('okay');
  });
  wss.on('connection', utils.setupWSConnection);
  server.on('upgrade', (request, socket, head) => {
    wss.handleUpgrade(request, socket, head, (ws: WebSocket) => wss.emit('connection', ws, request));
  });
  const draft = 'bench';
  Y.applyUpdate(utils.getYDoc(draft), readFileSync(stateFile));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address() as { port: number };
  process.stdout.write(JSON.stringify({ url: `http://127.0.0.1:${address.port}`, draft, tokens: [] }) + '\n');
  const loop = loopDelay();
  process.on('SIGTERM', () => {
    loop('baseline');
    process.exit(0);
  });
}

// RSS per loaded draft and checkpointing of a 100,000-update record, in a clean process of their own.
async function storageFigures(stateFile: string): Promise<void> {
  const [{ openStorage }, { DraftRooms }, { checkpointStored }, { pino }] = await Promise.all([
    import('../server/storage/storage.ts'),
    import('../server/sync/rooms.ts'),
    import('../server/sync/persistence.ts'),
    import('pino'),
  ]);
  const gc = (globalThis as { gc?: () => void }).gc ?? (() => {});
  const state = readFileSync(stateFile);
  const dir = mkdtempSync(join(tmpdir(), 'lifa-bench-'));
  const storage = openStorage(dir);
  const logger = pino({ level: 'silent' });
  const count = 20;
  const ids = Array.from({ length: count }, (_, i) => {
    const draft = storage.drafts.create(`rss${i}`, 'rss', 'zh');
    storage.record.create(draft.id, state, { userId: null });
    return draft.id;
  });
  const rooms = new DraftRooms(storage, logger, { idleTimeout: 3_600_000 });
  await rooms.use(ids[0], () => {}); // warm the code paths
  gc();
  const before = process.memoryUsage().rss;
  for (const id of ids.slice(1)) await rooms.acquire(id);
  gc();
  const rssPerDraft = (process.memoryUsage().rss - before) / (count - 1);

  // 100,000 single-keystroke updates from one editor, appended to a draft's record.
  const draft = storage.drafts.create('log', 'log', 'zh');
  let head = storage.record.create(draft.id, state, { userId: null });
  const editor = new Y.Doc();
  Y.applyUpdate(editor, state);
  const targets = texts(editor);
  const log: Uint8Array[] = [];
  editor.on('update', (update: Uint8Array) => log.push(update));
  for (let i = 0; i < 100_000; i++) {
    const target = targets[2 + (i % 100)];
    if (i % 7 === 6) target.delete(target.length - 1, 1);
    else target.insert(target.length, '字');
    if (log.length >= 100_000) break;
  }
  storage.record.transaction(() => {
    for (const update of log)
      head = storage.record.append(draft.id, head, update, { userId: null }, Date.now());
  });
  const logBytes = storage.record.sinceCheckpoint(draft.id).bytes - state.length;
  const started = performance.now();
  const folded = checkpointStored(storage, draft.id) - 1; // the first entry is the draft's first state
  const compactionMs = performance.now() - started;
  const snapshotBytes = storage.record.checkpointOf(draft.id)!.state.length;
  process.stdout.write(
    JSON.stringify({ rssPerDraft, stateBytes: state.length, folded, logBytes, compactionMs, snapshotBytes }) +
      '\n',
  );
  await rooms.close(1001, 'done');
  storage.close();
  rmSync(dir, { recursive: true, force: true });
}

// ---------------------------------------------------------------------------------------------------
// Clients.

interface Started {
  readonly child: ChildProcess;
  readonly url: string;
  readonly draft: string;
  readonly tokens: string[];
}

function startChild(args: string[]): Promise<Started> {
  const child = spawn(process.execPath, ['--import', 'tsx', '--expose-gc', self, ...args], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  return new Promise((resolve, reject) => {
    let out = '';
    child.stdout!.on('data', (data) => {
      out += data;
      const line = out.split('\n')[0];
      if (out.includes('\n')) resolve({ child, ...(JSON.parse(line) as Omit<Started, 'child'>) });
    });
    child.once('exit', (code) => reject(new Error(`${args[0]} exited with ${code}`)));
  });
}

function stop(child: ChildProcess): Promise<void> {
  return new Promise((resolve) => {
    child.removeAllListeners('exit');
    child.once('exit', () => resolve());
    child.kill('SIGTERM');
  });
}

function texts(doc: Y.Doc): Y.XmlText[] {
  const found: Y.XmlText[] = [];
  const walk = (node: Y.XmlFragment | Y.XmlElement) => {
    for (const child of node.toArray()) {
      if (child instanceof Y.XmlText) found.push(child);
      else if (child instanceof Y.XmlElement) walk(child);
    }
  };
  walk(doc.getXmlFragment(bodyName));
  return found;
}

function provider(server: Started, index: number): WebsocketProvider {
  const token = server.tokens[index];
  return new WebsocketProvider(
    server.url.replace(/^http/, 'ws') + (server.tokens.length ? '/sync' : ''),
    server.draft,
    new Y.Doc(),
    {
      params: token ? { token } : {},
      WebSocketPolyfill: WebSocket as unknown as typeof globalThis.WebSocket,
      disableBc: true,
    },
  );
}

function whenSynced(p: WebsocketProvider): Promise<void> {
  return p.synced ? Promise.resolve() : new Promise((resolve) => p.once('sync', () => resolve()));
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/// Calls `onKeystroke(client, clock)` for every keystroke of another client that reaches `doc`.
function watch(doc: Y.Doc, origin: unknown, onKeystroke: (client: number, clock: number) => void): void {
  doc.on('afterTransaction', (transaction: Y.Transaction) => {
    if (transaction.origin !== origin) return;
    for (const [client, after] of transaction.afterState) {
      const before = transaction.beforeState.get(client) ?? 0;
      for (let clock = before; clock < after; clock++) onKeystroke(client, clock);
    }
  });
}

function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}

interface Figures {
  latencies: number[];
  lost: number;
  updatesPerSecond: number;
  /// Server CPU time (user + system) per 1,000 keystrokes, over the latency and throughput runs.
  cpuPerThousand: number;
}

/// CPU time used so far by process `pid`, in ms (Linux /proc; NaN elsewhere).
function cpuTime(pid: number): number {
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
    return ((Number(fields[11]) + Number(fields[12])) * 1000) / 100; // utime + stime, in 1/100 s ticks
  } catch {
    return NaN;
  }
}

async function measure(
  server: Started,
  editors: number,
  seconds: number,
  burst: Uint8Array[][],
): Promise<Figures> {
  // Latency with stock clients typing at a steady pace.
  const observer = provider(server, 0);
  const clients = Array.from({ length: editors }, (_, i) => provider(server, i + 1));
  await Promise.all([observer, ...clients].map(whenSynced));
  const cpuStart = cpuTime(server.child.pid!);
  const sent = new Map<string, number>();
  const latencies: number[] = [];
  let counting = false;
  let from = Infinity; // keystrokes sent from here on count (the first seconds are warm-up)
  let expected = 0;
  let observed = 0;
  for (const p of [observer, ...clients]) {
    watch(p.doc, p, (client, clock) => {
      const t0 = sent.get(`${client}:${clock}`);
      if (t0 === undefined || t0 < from) return;
      if (p === observer) observed++;
      latencies.push(performance.now() - t0);
    });
  }
  const perEditor = Math.min(20, 100 / editors);
  const interval = 1000 / perEditor;
  const timers: NodeJS.Timeout[] = [];
  clients.forEach((c, i) => {
    const target = texts(c.doc)[2 + (i % 100)];
    const start = setTimeout(() => {
      timers.push(
        setInterval(() => {
          const clock = Y.getState(c.doc.store, c.doc.clientID);
          sent.set(`${c.doc.clientID}:${clock}`, performance.now());
          if (counting) expected++;
          target.insert(target.length, '字');
        }, interval),
      );
    }, Math.random() * interval);
    timers.push(start);
  });
  await sleep(2000); // warm-up
  (globalThis as { gc?: () => void }).gc?.(); // start the window without garbage of the warm-up
  from = performance.now();
  counting = true;
  await sleep(seconds * 1000);
  counting = false;
  for (const timer of timers) clearInterval(timer);
  const deadline = performance.now() + 5000;
  while (observed < expected && performance.now() < deadline) await sleep(20);
  const keystrokes = expected;
  for (const c of clients) c.destroy();

  // Throughput: raw sockets send pre-made keystrokes as fast as they can.
  const total = burst.reduce((n, updates) => n + updates.length, 0);
  let arrived = 0;
  const writerIds = new Set(burst.map((updates) => Y.decodeUpdate(updates[0]).structs[0].id.client));
  const done = new Promise<void>((resolve) => {
    watch(observer.doc, observer, (client) => {
      if (writerIds.has(client) && ++arrived === total) resolve();
    });
  });
  const sockets = await Promise.all(
    burst.map(
      (_, i) =>
        new Promise<WebSocket>((resolve, reject) => {
          const token = server.tokens[30 + i];
          const base = server.url.replace(/^http/, 'ws') + (server.tokens.length ? '/sync' : '');
          const socket = new WebSocket(`${base}/${server.draft}${token ? `?token=${token}` : ''}`);
          socket.once('open', () => resolve(socket));
          socket.once('error', reject);
        }),
    ),
  );
  await sleep(200);
  const started = performance.now();
  burst.forEach((updates, i) => {
    for (const update of updates) {
      const encoder = encoding.createEncoder();
      encoding.writeVarUint(encoder, 0);
      encoding.writeVarUint(encoder, 2);
      encoding.writeVarUint8Array(encoder, update);
      sockets[i].send(encoding.toUint8Array(encoder));
    }
  });
  await Promise.race([done, sleep(60_000)]);
  const updatesPerSecond = (arrived / (performance.now() - started)) * 1000;
  const cpu = cpuTime(server.child.pid!) - cpuStart;
  for (const socket of sockets) socket.terminate();
  observer.destroy();
  return {
    latencies,
    lost: expected - observed,
    updatesPerSecond,
    cpuPerThousand: (cpu / (keystrokes + arrived)) * 1000,
  };
}

/// `writers` lists of keystroke updates, 20,000 in all, each list from its own client, made on `state`.
function makeBurst(state: Uint8Array, writers: number): Uint8Array[][] {
  const per = Math.floor(20_000 / writers);
  return Array.from({ length: writers }, (_, w) => {
    const doc = new Y.Doc();
    Y.applyUpdate(doc, state);
    const updates: Uint8Array[] = [];
    doc.on('update', (update: Uint8Array) => updates.push(update));
    const target = texts(doc)[2 + ((w * 7) % 100)];
    for (let i = 0; i < per; i++) target.insert(target.length, 'x');
    doc.destroy();
    return updates;
  });
}

async function runMain(): Promise<void> {
  process.setMaxListeners(0); // every stock provider listens to process 'exit'
  const seconds = Number(process.argv[2] ?? 8);
  const dir = mkdtempSync(join(tmpdir(), 'lifa-bench-state-'));
  const stateFile = join(dir, 'state.bin');
  const state = await initialState();
  writeFileSync(stateFile, state);
  console.log(`draft: 100 articles, ${state.length} bytes of Y state; ${seconds} s measured per run`);

  const rounds = Number(process.env.BENCH_ROUNDS ?? 3);
  const sizes = (process.env.BENCH_SIZES ?? '1,10,50').split(',').map(Number);
  const results = new Map<string, Figures[]>();
  for (const editors of sizes) {
    const burst = makeBurst(state, editors);
    for (let round = 0; round < rounds; round++) {
      // Alternate which server goes first, so neither always runs on a cooler machine.
      const order = round % 2 === 0 ? ['baseline', 'ours'] : ['ours', 'baseline'];
      for (const name of order) {
        const server = await startChild([name === 'ours' ? 'serve-ours' : 'serve-baseline', stateFile]);
        try {
          const figures = await measure(server, editors, seconds, burst);
          const key = `${editors} ${name}`;
          results.set(key, [...(results.get(key) ?? []), figures]);
          const sorted = figures.latencies.slice().sort((a, b) => a - b);
          console.log(
            `  ${String(editors).padStart(2)} editors  ${name.padEnd(8)}  p50 ${percentile(sorted, 50).toFixed(2)} ms  ` +
              `p99 ${percentile(sorted, 99).toFixed(2)} ms  (${sorted.length} samples, ${figures.lost} lost)  ` +
              `${Math.round(figures.updatesPerSecond)} updates/s  ${figures.cpuPerThousand.toFixed(0)} ms CPU/1k`,
          );
        } finally {
          await stop(server.child);
        }
      }
    }
  }

  const median = (values: number[]) => {
    const sorted = values.slice().sort((a, b) => a - b);
    const mid = Math.floor(sorted.length / 2);
    return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
  };
  const pooled = (editors: number, name: string) => {
    const runs = results.get(`${editors} ${name}`)!;
    const sorted = runs.flatMap((r) => r.latencies).sort((a, b) => a - b);
    const mean = (f: (r: Figures) => number) => runs.reduce((n, r) => n + f(r), 0) / runs.length;
    const p99s = runs.map((r) =>
      percentile(
        r.latencies.slice().sort((a, b) => a - b),
        99,
      ),
    );
    return {
      p50: percentile(sorted, 50),
      p99: median(p99s),
      samples: sorted.length,
      lost: runs.reduce((n, r) => n + r.lost, 0),
      updatesPerSecond: mean((r) => r.updatesPerSecond),
      cpu: mean((r) => r.cpuPerThousand),
    };
  };
  console.log(
    `\nkeystroke-to-peer latency: p50 of the ${rounds} runs' samples pooled, p99 the median of the runs' p99s;`,
  );
  console.log('updates/s and server CPU: mean of the runs;');
  console.log('ours = token auth + roles + every update committed to SQLite (WAL) before it is broadcast\n');
  console.log(
    'editors | baseline p50 / p99 ms | ours p50 / p99 ms | p99 ratio      | baseline upd/s | ours upd/s | ratio | CPU ms/1k keystrokes base / ours',
  );
  for (const editors of sizes) {
    const base = pooled(editors, 'baseline');
    const ours = pooled(editors, 'ours');
    const ratio = ours.p99 / base.p99;
    console.log(
      `${String(editors).padStart(7)} | ${base.p50.toFixed(2).padStart(9)} / ${base.p99.toFixed(2).padStart(6)}    | ` +
        `${ours.p50.toFixed(2).padStart(6)} / ${ours.p99.toFixed(2).padStart(6)}  | ${ratio.toFixed(2).padStart(5)}× ` +
        `${ratio <= 1.2 ? '(ok)    ' : '(OVER)  '}| ${Math.round(base.updatesPerSecond).toString().padStart(14)} | ` +
        `${Math.round(ours.updatesPerSecond).toString().padStart(10)} | ${(ours.updatesPerSecond / base.updatesPerSecond).toFixed(2)}× | ` +
        `${base.cpu.toFixed(0)} / ${ours.cpu.toFixed(0)}` +
        (base.lost + ours.lost ? `  (lost: ${base.lost} / ${ours.lost})` : ''),
    );
  }

  const figures = await new Promise<Record<string, number>>((resolve, reject) => {
    const child = spawn(
      process.execPath,
      ['--import', 'tsx', '--expose-gc', self, 'storage-figures', stateFile],
      {
        stdio: ['ignore', 'pipe', 'inherit'],
      },
    );
    let out = '';
    child.stdout!.on('data', (d) => (out += d));
    child.once('exit', (code) =>
      code === 0 ? resolve(JSON.parse(out)) : reject(new Error(`storage-figures: ${code}`)),
    );
  });
  console.log(
    `\nRSS per loaded 100-article draft: ${(figures.rssPerDraft / 1024 / 1024).toFixed(2)} MiB (state ${figures.stateBytes} bytes)`,
  );
  console.log(
    `checkpoint of a ${figures.folded.toLocaleString('en')}-update record (${(figures.logBytes / 1024 / 1024).toFixed(1)} MiB): ` +
      `${figures.compactionMs.toFixed(0)} ms → checkpoint of ${(figures.snapshotBytes / 1024).toFixed(0)} KiB`,
  );
  rmSync(dir, { recursive: true, force: true });
}

if (mode === 'serve-ours') await serveOurs(process.argv[3]);
else if (mode === 'serve-baseline') await serveBaseline(process.argv[3]);
else if (mode === 'storage-figures') await storageFigures(process.argv[3]);
else await runMain();
