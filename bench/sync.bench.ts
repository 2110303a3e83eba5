// Sync benchmark: keystroke-to-peer latency (p50/p99), updates/s and server CPU per keystroke with 1,
// 10 and 50 editors on one 100-article draft, ours (auth, roles, every update durable in SQLite before
// it is broadcast) against two baselines in the same run: the stock `@y/websocket-server@0.1.1` (its
// setupWSConnection over its own http + ws server, as its server.js does) and Hocuspocus 3.4.4 with
// its database extension storing in SQLite (better-sqlite3, the statements of its own
// `@hocuspocus/extension-sqlite`, whose sqlite3 driver takes minutes to compile here; its stock provider
// as the client).
// Goals (issue 18): p50 and p99 ≤ 1.1× the stock server and ≤ 1.0× Hocuspocus at every size; server
// CPU per keystroke ≤ 1× the stock server's. Also: server RSS idle and under load, idle `lifa serve`
// RSS (goal ≤ 100 MiB), RSS per loaded draft (goal < 5 MB), and the time to checkpoint a
// 100,000-update record.
//
// Run: node --import tsx --expose-gc bench/sync.bench.ts [SECONDS]   (or `npm run bench sync`)
// Environment: BENCH_SIZES=1,10,50 picks the editor counts; BENCH_ROUNDS=5 the runs per server and
// size; BENCH_SERVERS=stock,hocuspocus,ours the servers; BENCH_WS8=1 runs the stock server on ws 8 (as
// ours does) instead of its own ws 6.2.7, to tell the libraries' share of a difference from ours;
// BENCH_DEBUG=1 prints each server's event-loop delay; BENCH_CPU_PROF=DIR has each server write a V8 CPU
// profile into DIR.
//
// Each server runs in its own child process (this script, started in a server mode), fresh for every
// run; the clients run in this process. The servers take turns (bench/timing.ts): round r starts
// with a different server, so none always runs on a cooler machine.
//  - latency: N stock clients (y-websocket's WebsocketProvider; HocuspocusProvider for Hocuspocus)
//    type at a steady pace (one character every 1000 / min(20, 100 / N) ms each, so at most 100
//    keystrokes/s in all) into their own article, plus one passive observer. Every receiving peer
//    records, per keystroke, the time from the sender's insert to the update reaching its Y.Doc. Two
//    seconds of warm-up are not counted. Per run: p50 and p99 of that run's samples; the figure is the
//    median of the runs, with their spread (min–max).
//  - updates/s: N raw websockets send 20,000 pre-made keystroke updates in all, as fast as the socket
//    takes them; the figure is keystrokes per second until the observer has every one of them.
//  - server CPU per 1,000 keystrokes (user + system from /proc, over both parts): unlike p99 it hardly
//    moves when other processes share the machine.
import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { HocuspocusProvider } from '@hocuspocus/provider';
import Database from 'better-sqlite3';
import * as encoding from 'lib0/encoding';
import WebSocket from 'ws';
import type { WebSocketServer } from 'ws';
import { WebsocketProvider } from 'y-websocket';
import * as Y from 'yjs';
import { chineseNumeral, parseLaw, sequentialIds } from '../core/index.ts';
import type { SqliteStorage } from '../server/storage/sqlite-storage.ts';
import { codeSizedDraft } from './code-sized-draft.ts';
import {
  formatRuns,
  goalLine,
  interleaved,
  loadRecorder,
  percentile,
  ratioLine,
  runs,
  sleep,
  within,
} from './timing.ts';

const self = fileURLToPath(import.meta.url);
const mode = process.argv[2];
const bodyName = 'body';
const goals = { stock: 1.1, hocuspocus: 1.0, cpu: 1.0, idleRssMiB: 100, perDraftMB: 5 };

type ServerName = 'stock' | 'hocuspocus' | 'ours';
const allServers: readonly ServerName[] = ['stock', 'hocuspocus', 'ours'];

// ---------------------------------------------------------------------------------------------------
// The draft: 100 articles, as a Y state update every server starts from.

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
  const storage = (server.store as SqliteStorage).repositories; // the embedded default
  const user = storage.users.create('bench', 'scrypt$1$1$1$AA$AA', true);
  const draft = storage.drafts.create('bench', 'bench', 'zh');
  storage.record.create(draft.id, readFileSync(stateFile), { userId: user.id }); // the very bytes the baselines start from
  const tokens = await Promise.all(Array.from({ length: 120 }, () => startSession(server.store, user)));
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

async function serveStock(stateFile: string): Promise<void> {
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
    loop('stock');
    process.exit(0);
  });
}

async function serveHocuspocus(stateFile: string): Promise<void> {
  // Hocuspocus as its guide sets it up with SQLite storage (a database file, default debounce), the
  // draft stored in that database before it starts, as the extension would have stored it. The
  // Database extension is what @hocuspocus/extension-sqlite is built on; its fetch and store here run
  // the same statements through better-sqlite3 (synchronous, so if anything faster than sqlite3).
  const [{ Server }, { Database: DatabaseExtension }] = await Promise.all([
    import('@hocuspocus/server'),
    import('@hocuspocus/extension-database'),
  ]);
  const dir = mkdtempSync(join(tmpdir(), 'lifa-bench-hp-'));
  const file = join(dir, 'hocuspocus.sqlite');
  const draft = 'bench';
  const db = new Database(file);
  db.exec(
    `CREATE TABLE IF NOT EXISTS "documents" ("name" varchar(255) NOT NULL, "data" blob NOT NULL,
       UNIQUE(name))`,
  );
  db.prepare('INSERT INTO documents (name, data) VALUES (?, ?)').run(draft, readFileSync(stateFile));
  const select = db.prepare<[string], { data: Buffer }>('SELECT data FROM "documents" WHERE name = ?');
  const upsert = db.prepare(
    `INSERT INTO "documents" ("name", "data") VALUES (?, ?) ON CONFLICT(name) DO UPDATE SET data = excluded.data`,
  );
  const server = new Server({
    port: 0,
    address: '127.0.0.1',
    quiet: true,
    extensions: [
      new DatabaseExtension({
        fetch: async ({ documentName }) => select.get(documentName)?.data ?? null,
        store: async ({ documentName, state }) => {
          upsert.run(documentName, state);
        },
      }),
    ],
  });
  await server.listen();
  process.stdout.write(
    JSON.stringify({ url: `http://127.0.0.1:${server.address.port}`, draft, tokens: [] }) + '\n',
  );
  const loop = loopDelay();
  process.on('SIGTERM', () => {
    loop('hocuspocus');
    void server.destroy().finally(() => {
      db.close();
      rmSync(dir, { recursive: true, force: true });
      process.exit(0);
    });
  });
}

// RSS per loaded draft and checkpointing of a 100,000-update record, in a clean process of their own.
async function storageFigures(stateFile: string): Promise<void> {
  const [
    { openStorage },
    { SqliteStorage },
    { DraftRooms },
    { checkpointStored },
    { stateFromDoc },
    { pino },
  ] = await Promise.all([
    import('../server/storage/storage.ts'),
    import('../server/storage/sqlite-storage.ts'),
    import('../server/sync/rooms.ts'),
    import('../server/sync/persistence.ts'),
    import('../server/document.ts'),
    import('pino'),
  ]);
  const gc = (globalThis as { gc?: () => void }).gc ?? (() => {});
  const state = readFileSync(stateFile);
  const dir = mkdtempSync(join(tmpdir(), 'lifa-bench-'));
  const storage = openStorage(dir);
  const logger = pino({ level: 'silent' });
  const rooms = new DraftRooms(new SqliteStorage(storage), logger, { idleTimeout: 3_600_000 });
  const rssPerDraft = async (draftState: Uint8Array, count: number, prefix: string) => {
    const ids = Array.from({ length: count }, (_, i) => {
      const draft = storage.drafts.create(`${prefix}${i}`, 'rss', 'zh');
      storage.record.create(draft.id, draftState, { userId: null });
      return draft.id;
    });
    await rooms.use(ids[0], () => {}); // warm the code paths
    gc();
    const before = process.memoryUsage().rss;
    for (const id of ids.slice(1)) await rooms.acquire(id);
    gc();
    return (process.memoryUsage().rss - before) / (count - 1);
  };
  const small = await rssPerDraft(state, 20, 'small');
  const large = stateFromDoc(codeSizedDraft().doc);
  const codeSized = await rssPerDraft(large, 6, 'large');

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
  const folded = (await checkpointStored(new SqliteStorage(storage), draft.id)) - 1; // the first entry is the draft's first state
  const compactionMs = performance.now() - started;
  const snapshotBytes = storage.record.checkpointOf(draft.id)!.state.length;
  process.stdout.write(
    JSON.stringify({
      rssPerDraft: small,
      rssPerCodeSizedDraft: codeSized,
      stateBytes: state.length,
      codeSizedStateBytes: large.length,
      folded,
      logBytes,
      compactionMs,
      snapshotBytes,
    }) + '\n',
  );
  await rooms.close(1001, 'done');
  storage.close();
  rmSync(dir, { recursive: true, force: true });
}

// ---------------------------------------------------------------------------------------------------
// Clients.

interface Started {
  readonly name: ServerName;
  readonly child: ChildProcess;
  readonly url: string;
  readonly draft: string;
  readonly tokens: string[];
}

function startChild(name: ServerName, stateFile: string): Promise<Started> {
  const child = spawn(
    process.execPath,
    [
      // BENCH_CPU_PROF=DIR: each server writes a V8 CPU profile there when it stops (open it in
      // Chrome's DevTools, or summarise it by self time).
      ...(process.env.BENCH_CPU_PROF ? ['--cpu-prof', '--cpu-prof-dir', process.env.BENCH_CPU_PROF] : []),
      '--import',
      'tsx',
      '--expose-gc',
      self,
      `serve-${name}`,
      stateFile,
    ],
    {
      stdio: ['ignore', 'pipe', 'inherit'],
    },
  );
  return new Promise((resolve, reject) => {
    let out = '';
    child.stdout!.on('data', (data) => {
      out += data;
      const line = out.split('\n')[0];
      if (out.includes('\n'))
        resolve({ name, child, ...(JSON.parse(line) as Omit<Started, 'child' | 'name'>) });
    });
    child.once('exit', (code) => reject(new Error(`serve-${name} exited with ${code}`)));
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

/// A connected client as the server's own stock provider makes it.
interface Client {
  readonly doc: Y.Doc;
  readonly origin: unknown;
  readonly synced: Promise<void>;
  destroy(): void;
}

function client(server: Started, index: number): Client {
  const doc = new Y.Doc();
  if (server.name === 'hocuspocus') {
    // Its own socket per provider (the provider manages it), like one browser tab each.
    const provider = new HocuspocusProvider({
      url: server.url.replace(/^http/, 'ws'),
      WebSocketPolyfill: WebSocket,
      name: server.draft,
      document: doc,
    } as ConstructorParameters<typeof HocuspocusProvider>[0]);
    return {
      doc,
      origin: provider,
      synced: provider.isSynced
        ? Promise.resolve()
        : new Promise((resolve) => provider.on('synced', () => resolve())),
      destroy: () => {
        provider.destroy();
        doc.destroy();
      },
    };
  }
  const token = server.tokens[index];
  const provider = new WebsocketProvider(
    server.url.replace(/^http/, 'ws') + (server.tokens.length ? '/sync' : ''),
    server.draft,
    doc,
    {
      params: token ? { token } : {},
      WebSocketPolyfill: WebSocket as unknown as typeof globalThis.WebSocket,
      disableBc: true,
    },
  );
  return {
    doc,
    origin: provider,
    synced: provider.synced
      ? Promise.resolve()
      : new Promise((resolve) => provider.once('sync', () => resolve())),
    destroy: () => {
      provider.destroy();
      // The provider's awareness runs an interval until its document is destroyed: without this the
      // benchmark never exits.
      doc.destroy();
    },
  };
}

/// A raw websocket that sends pre-made keystroke updates in the server's framing.
async function rawWriter(
  server: Started,
  index: number,
): Promise<{ send(update: Uint8Array): void; close(): void }> {
  const base = server.url.replace(/^http/, 'ws');
  const token = server.tokens[index];
  const url =
    server.name === 'hocuspocus'
      ? base
      : `${base}${server.tokens.length ? '/sync' : ''}/${server.draft}${token ? `?token=${token}` : ''}`;
  const socket = await new Promise<WebSocket>((resolve, reject) => {
    const ws = new WebSocket(url);
    ws.once('open', () => resolve(ws));
    ws.once('error', reject);
  });
  const frame = (write: (encoder: encoding.Encoder) => void) => {
    const encoder = encoding.createEncoder();
    if (server.name === 'hocuspocus') encoding.writeVarString(encoder, server.draft); // every message names its document
    write(encoder);
    return encoding.toUint8Array(encoder);
  };
  if (server.name === 'hocuspocus') {
    // Hocuspocus waits for an authentication message (type 2, token subtype 0) before anything else.
    socket.send(
      frame((e) => {
        encoding.writeVarUint(e, 2);
        encoding.writeVarUint(e, 0);
        encoding.writeVarString(e, '');
      }),
    );
  }
  return {
    send: (update) =>
      socket.send(
        frame((e) => {
          encoding.writeVarUint(e, 0); // sync
          encoding.writeVarUint(e, 2); // update
          encoding.writeVarUint8Array(e, update);
        }),
      ),
    close: () => socket.terminate(),
  };
}

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

interface Figures {
  p50: number;
  p99: number;
  samples: number;
  lost: number;
  updatesPerSecond: number;
  /// Server CPU time (user + system) per 1,000 keystrokes, over the latency and throughput runs.
  cpuPerThousand: number;
  /// Server RSS before any client, and at the end of the run, in MiB.
  rssIdle: number;
  rssLoaded: number;
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

/// Resident set of process `pid`, in MiB (Linux /proc; NaN elsewhere).
function rssMiB(pid: number): number {
  try {
    const match = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return match ? Number(match[1]) / 1024 : NaN;
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
  await sleep(300);
  const rssIdle = rssMiB(server.child.pid!);
  // Latency with stock clients typing at a steady pace.
  const observer = client(server, 0);
  const clients = Array.from({ length: editors }, (_, i) => client(server, i + 1));
  await Promise.all([observer, ...clients].map((c) => c.synced));
  const cpuStart = cpuTime(server.child.pid!);
  const sent = new Map<string, number>();
  const latencies: number[] = [];
  let counting = false;
  let from = Infinity; // keystrokes sent from here on count (the first seconds are warm-up)
  let expected = 0;
  let observed = 0;
  for (const c of [observer, ...clients]) {
    watch(c.doc, c.origin, (clientId, clock) => {
      const t0 = sent.get(`${clientId}:${clock}`);
      if (t0 === undefined || t0 < from) return;
      if (c === observer) observed++;
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
  const done = new Promise<boolean>((resolve) => {
    watch(observer.doc, observer.origin, (clientId) => {
      if (writerIds.has(clientId) && ++arrived === total) resolve(true);
    });
  });
  const writers = await Promise.all(burst.map((_, i) => rawWriter(server, 30 + i)));
  await sleep(200);
  const started = performance.now();
  burst.forEach((updates, i) => {
    for (const update of updates) writers[i].send(update);
  });
  await within(done, 60_000, false);
  const updatesPerSecond = (arrived / (performance.now() - started)) * 1000;
  const cpu = cpuTime(server.child.pid!) - cpuStart;
  const rssLoaded = rssMiB(server.child.pid!);
  for (const writer of writers) writer.close();
  observer.destroy();
  const sorted = latencies.sort((a, b) => a - b);
  return {
    p50: percentile(sorted, 50),
    p99: percentile(sorted, 99),
    samples: sorted.length,
    lost: expected - observed,
    updatesPerSecond,
    cpuPerThousand: (cpu / (keystrokes + arrived)) * 1000,
    rssIdle,
    rssLoaded,
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

/// RSS of a real `lifa serve` once it listens and has been idle for 45 s (its WAL checkpoint worker
/// and its startup garbage gone): on a fresh data folder (seeding the sample drafts) and started again
/// on the same folder.
async function idleServeRss(): Promise<{ first: number; again: number }> {
  const dir = mkdtempSync(join(tmpdir(), 'lifa-bench-serve-'));
  const once = async () => {
    const child = spawn(
      process.execPath,
      ['bin/lifa.js', 'serve', '--port', '0', '--data', dir, '--log-level', 'warn'],
      {
        stdio: ['ignore', 'pipe', 'inherit'],
      },
    );
    await new Promise<void>((resolve, reject) => {
      let out = '';
      child.stdout!.on('data', (data) => {
        out += data;
        if (/listening on/.test(out)) resolve();
      });
      child.once('exit', (code) => reject(new Error(`lifa serve exited with ${code}`)));
    });
    await sleep(45_000);
    const rss = rssMiB(child.pid!);
    await stop(child);
    return rss;
  };
  try {
    const first = await once();
    const again = await once();
    return { first, again };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

async function runMain(): Promise<void> {
  process.setMaxListeners(0); // every stock provider listens to process 'exit'
  const seconds = Number(process.argv[2] ?? 6);
  const load = loadRecorder();
  const dir = mkdtempSync(join(tmpdir(), 'lifa-bench-state-'));
  const stateFile = join(dir, 'state.bin');
  const state = await initialState();
  writeFileSync(stateFile, state);
  const rounds = Number(process.env.BENCH_ROUNDS ?? 5);
  const sizes = (process.env.BENCH_SIZES ?? '1,10,50').split(',').map(Number);
  const servers = (process.env.BENCH_SERVERS ?? allServers.join(','))
    .split(',')
    .filter((name): name is ServerName => (allServers as readonly string[]).includes(name));
  console.log(
    `draft: 100 articles, ${state.length} bytes of Y state; ${seconds} s measured per run, ${rounds} runs per server and size, servers taking turns`,
  );
  console.log(load.start);

  const results = new Map<number, Record<string, Figures[]>>();
  for (const editors of sizes) {
    const burst = makeBurst(state, editors);
    const contenders = Object.fromEntries(
      servers.map((name) => [
        name,
        async () => {
          const server = await startChild(name, stateFile);
          try {
            const f = await measure(server, editors, seconds, burst);
            console.log(
              `  ${String(editors).padStart(2)} editors  ${name.padEnd(10)}  p50 ${f.p50.toFixed(2)} ms  p99 ${f.p99.toFixed(2)} ms  ` +
                `(${f.samples} samples, ${f.lost} lost)  ${Math.round(f.updatesPerSecond)} updates/s  ` +
                `${f.cpuPerThousand.toFixed(0)} ms CPU/1k  RSS ${f.rssIdle.toFixed(0)} → ${f.rssLoaded.toFixed(0)} MiB`,
            );
            return f;
          } finally {
            await stop(server.child);
          }
        },
      ]),
    );
    results.set(editors, await interleaved(rounds, contenders));
  }

  const of = (editors: number, name: string, figure: (f: Figures) => number) =>
    runs((results.get(editors)![name] ?? []).map(figure));
  console.log(
    `\nper server and size: the median of the ${rounds} runs (min–max); ours = token auth + roles +`,
  );
  console.log('every update committed to SQLite (WAL) before it is broadcast; Hocuspocus stores the merged');
  console.log('state after a 2 s debounce (its default), so it is not durable per keystroke.\n');
  for (const editors of sizes) {
    for (const name of servers) {
      console.log(
        `${String(editors).padStart(2)} editors ${name.padEnd(10)}  p50 ${formatRuns(
          of(editors, name, (f) => f.p50),
          'ms',
          2,
        )}  ` +
          `p99 ${formatRuns(
            of(editors, name, (f) => f.p99),
            'ms',
            2,
          )}`,
      );
      console.log(
        `${''.padStart(21)}  ${Math.round(of(editors, name, (f) => f.updatesPerSecond).median)} updates/s, ` +
          `CPU ${formatRuns(
            of(editors, name, (f) => f.cpuPerThousand),
            'ms/1k keystrokes',
            0,
          )}, ` +
          `RSS idle ${of(editors, name, (f) => f.rssIdle).median.toFixed(0)} MiB, loaded ${of(editors, name, (f) => f.rssLoaded).median.toFixed(0)} MiB` +
          (results.get(editors)![name].some((f) => f.lost)
            ? `, lost ${results.get(editors)![name].reduce((n, f) => n + f.lost, 0)}`
            : ''),
      );
    }
  }

  console.log('');
  const lines: string[] = [];
  if (servers.includes('ours')) {
    for (const baseline of ['stock', 'hocuspocus'] as const) {
      if (!servers.includes(baseline)) continue;
      for (const editors of sizes) {
        for (const p of ['p50', 'p99'] as const) {
          const ratio = of(editors, 'ours', (f) => f[p]).median / of(editors, baseline, (f) => f[p]).median;
          lines.push(ratioLine(`sync ${p} at ${editors} editors / ${baseline}`, ratio, goals[baseline]));
        }
        if (baseline === 'stock') {
          const cpu =
            of(editors, 'ours', (f) => f.cpuPerThousand).median /
            of(editors, 'stock', (f) => f.cpuPerThousand).median;
          lines.push(ratioLine(`sync CPU per keystroke at ${editors} editors / stock`, cpu, goals.cpu));
        }
      }
    }
  }
  for (const line of lines) console.log(line);

  const serve = await idleServeRss();
  console.log(
    goalLine('idle lifa serve RSS', serve.again, goals.idleRssMiB, 'MiB') +
      `  (started on its data folder; the very first start, which also seeds the sample drafts: ${serve.first.toFixed(1)} MiB, ` +
      `${serve.first <= goals.idleRssMiB ? 'within' : 'over'} the goal)`,
  );

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
  const mb = (bytes: number) => bytes / 1e6;
  console.log(
    goalLine(
      'RSS per loaded draft (1,344 articles)',
      mb(figures.rssPerCodeSizedDraft),
      goals.perDraftMB,
      'MB',
      2,
    ) +
      `  (state ${figures.codeSizedStateBytes} bytes; a 100-article draft: ${mb(figures.rssPerDraft).toFixed(2)} MB, state ${figures.stateBytes} bytes)`,
  );
  console.log(
    `checkpoint of a ${figures.folded.toLocaleString('en')}-update record (${(figures.logBytes / 1024 / 1024).toFixed(1)} MiB): ` +
      `${figures.compactionMs.toFixed(0)} ms → checkpoint of ${(figures.snapshotBytes / 1024).toFixed(0)} KiB`,
  );
  console.log(load.end());
  rmSync(dir, { recursive: true, force: true });
}

if (mode === 'serve-ours') await serveOurs(process.argv[3]);
else if (mode === 'serve-stock') await serveStock(process.argv[3]);
else if (mode === 'serve-hocuspocus') await serveHocuspocus(process.argv[3]);
else if (mode === 'storage-figures') await storageFigures(process.argv[3]);
else await runMain();
