// Scale-out benchmark (issue 16): several server processes on one PostgreSQL and one Redis against
// the single-process SQLite server, in the same run.
//  - editors: 100 editors (stock y-websocket clients) over 10 drafts of 20 articles, 10 per draft,
//    each typing one character a second into its own article (100 keystrokes/s in all), spread over
//    1, 2 and 3 processes (editor e of draft d on process (d + e) mod N), so most peers of a draft
//    sit on other processes. Keystroke-to-peer latency p50/p99, counted only between peers on
//    different processes when there are several (the single process: every pair); two seconds of
//    warm-up are not counted. Then updates/s: per draft one raw websocket sends 1,000 pre-made
//    keystrokes as fast as the socket takes them, and an observer on another process counts them in.
//    CPU per 1,000 keystrokes: the Lifa processes' user + system time over both parts, and the same
//    with PostgreSQL's and Redis's added (the SQLite server does its storage in its own process).
//  - public comment intake: 20,000 comments from 200 senders (each its own address, through
//    X-Forwarded-For) across 2 processes, against the single SQLite process: sustained rate, p99
//    latency, and every comment stored exactly once (none lost, none duplicated).
// Goals: cross-process p99 ≤ 2× the single SQLite process's p99; updates/s grows with processes.
//
// PostgreSQL runs with fsync off: like SQLite's default durability (`normal`), a committed update
// survives the death of a Lifa process (kill -9), not a power cut. Each server is a child process
// (this script in server mode, createServer as `lifa serve` calls it, with the public form's rate
// limit and proof of work off so that the intake measures storing, not refusing); clients run here.
// Contenders take turns round by round (bench/timing.ts).
//
// Run: npm run bench scale   (node --import tsx --expose-gc bench/scale.bench.ts)
// Environment: BENCH_ROUNDS=2 runs per contender; BENCH_SECONDS=5 the measured typing window;
// BENCH_COMMENTS=20000 comments in the intake.
import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import * as encoding from 'lib0/encoding';
import WebSocket from 'ws';
import { WebsocketProvider } from 'y-websocket';
import * as Y from 'yjs';
import { chineseNumeral } from '../core/index.ts';
import type { Storage as Store } from '../server/storage/interface.ts';
import { startPostgres, startRedis } from '../test/helpers/services.ts';
import { texts } from '../test/integration/helpers.ts';
import {
  formatRuns,
  interleaved,
  loadRecorder,
  percentile,
  ratioLine,
  runs,
  sleep,
  within,
} from './timing.ts';

const self = fileURLToPath(import.meta.url);
const rounds = Number(process.env.BENCH_ROUNDS ?? 2);
const seconds = Number(process.env.BENCH_SECONDS ?? 5);
const commentsWanted = Number(process.env.BENCH_COMMENTS ?? 20_000);
const draftsCount = 10;
const perDraft = 10;
const burstPerDraft = 1000;
const senders = 200;

function lawText(articles: number): string {
  const lines = ['# 网络数据安全管理条例（基准）', '## 第一章 总则'];
  for (let i = 1; i <= articles; i++) {
    lines.push(`第${chineseNumeral(i)}条 网络数据处理者应当依照法律、行政法规的规定，履行数据安全保护义务。`);
  }
  return lines.join('\n') + '\n';
}

// ---------------------------------------------------------------------------------------------
// Server mode: `scale.bench.ts --serve JSON` runs one server and prints its URL.

async function serve(json: string): Promise<void> {
  const { createServer } = await import('../server/app.ts');
  const { pino } = await import('pino');
  const options = JSON.parse(json) as { dataDir: string; databaseUrl?: string; redisUrl?: string };
  const server = await createServer({
    ...options,
    port: 0,
    seedDir: null,
    rendererDir: null,
    logger: pino({ level: 'warn' }, pino.destination(2)),
    publicProof: 'off',
    trustProxy: true,
    publicComments: { burst: 1_000_000, refillInterval: 1 },
    limits: { maxConnectionsPerUser: 1000, newConnectionsPerMinute: 100_000 },
    rooms: { idleTimeout: 600_000 },
  });
  process.stdout.write(`${server.url}\n`);
  process.on('SIGTERM', () => void server.close().then(() => process.exit(0)));
}

interface Started {
  readonly url: string;
  readonly child: ChildProcess;
}

function startServer(options: object): Promise<Started> {
  const child = spawn(process.execPath, ['--import', 'tsx', self, '--serve', JSON.stringify(options)], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  return new Promise((resolve, reject) => {
    let out = '';
    child.stdout!.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      const match = /^(http\S+)\n/.exec(out);
      if (match) resolve({ url: match[1], child });
    });
    child.once('exit', (code) => reject(new Error(`server exited with ${code}`)));
  });
}

function stopServer(started: Started): Promise<void> {
  return new Promise((resolve) => {
    if (started.child.exitCode !== null) return resolve();
    const timer = setTimeout(() => started.child.kill('SIGKILL'), 10_000);
    started.child.once('exit', () => {
      clearTimeout(timer);
      resolve();
    });
    started.child.kill('SIGTERM');
  });
}

// ---------------------------------------------------------------------------------------------
// CPU time from /proc.

function stat(pid: number): string[] | null {
  try {
    return readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
  } catch {
    return null;
  }
}

/// User + system ms of `pid`, with its waited-for children when `children` (PostgreSQL's backends).
function cpuOf(pid: number, children = false): number {
  const fields = stat(pid);
  if (!fields) return 0;
  const ticks =
    Number(fields[11]) + Number(fields[12]) + (children ? Number(fields[13]) + Number(fields[14]) : 0);
  return ticks * 10;
}

/// CPU ms of `root` and every live process below it (PostgreSQL: the postmaster and its backends).
function treeCpu(root: number): number {
  let total = cpuOf(root, true);
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    const fields = stat(Number(entry));
    if (fields && Number(fields[1]) === root) total += cpuOf(Number(entry), true);
  }
  return total;
}

function redisPid(port: number): number {
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const cmd = readFileSync(`/proc/${entry}/cmdline`, 'utf8');
      if (cmd.startsWith('redis-server') && cmd.includes(`:${port}`)) return Number(entry);
    } catch {
      // gone
    }
  }
  return 0;
}

// ---------------------------------------------------------------------------------------------
// Clients.

interface Client {
  readonly doc: Y.Doc;
  readonly provider: WebsocketProvider;
  readonly process: number;
  readonly synced: Promise<void>;
}

function client(server: Started, index: number, draftId: string, token: string): Client {
  const doc = new Y.Doc();
  const provider = new WebsocketProvider(`${server.url.replace(/^http/, 'ws')}/sync`, draftId, doc, {
    params: { token },
    WebSocketPolyfill: WebSocket as unknown as typeof globalThis.WebSocket,
    disableBc: true,
  });
  return {
    doc,
    provider,
    process: index,
    synced: provider.synced
      ? Promise.resolve()
      : new Promise((resolve) => provider.once('sync', () => resolve())),
  };
}

function destroy(c: Client): void {
  c.provider.destroy();
  c.doc.destroy();
}

/// Calls `onKeystroke(client, clock)` for every keystroke of another client that reaches `c`.
function watch(c: Client, onKeystroke: (clientId: number, clock: number) => void): void {
  c.doc.on('afterTransaction', (transaction: Y.Transaction) => {
    if (transaction.origin !== c.provider) return;
    for (const [clientId, after] of transaction.afterState) {
      const before = transaction.beforeState.get(clientId) ?? 0;
      for (let clock = before; clock < after; clock++) onKeystroke(clientId, clock);
    }
  });
}

async function rawWriter(server: Started, draftId: string, token: string): Promise<WebSocket> {
  return new Promise((resolve, reject) => {
    const socket = new WebSocket(`${server.url.replace(/^http/, 'ws')}/sync/${draftId}?token=${token}`);
    socket.once('open', () => resolve(socket));
    socket.once('error', reject);
  });
}

function updateFrame(update: Uint8Array): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, 0);
  encoding.writeVarUint(encoder, 2);
  encoding.writeVarUint8Array(encoder, update);
  return encoding.toUint8Array(encoder);
}

// ---------------------------------------------------------------------------------------------
// One contender's setup: its storage (to make drafts and sessions before its processes start).

interface Contender {
  readonly name: string;
  readonly processes: number;
  /// Open the storage, run `fn`, close it (SQLite: the server must not hold the folder meanwhile).
  withStore<T>(fn: (store: Store) => Promise<T>): Promise<T>;
  readonly serverOptions: object;
  /// CPU ms of the services besides the Lifa processes (PostgreSQL and Redis), so far.
  servicesCpu(): number;
}

interface EditorFigures {
  p50: number;
  p99: number;
  samples: number;
  lost: number;
  updatesPerSecond: number;
  lifaCpu: number;
  allCpu: number;
}

async function prepare(contender: Contender, drafts: number) {
  return contender.withStore(async (store) => {
    const { createDraft } = await import('../server/drafts.ts');
    const { startSession } = await import('../server/auth/sessions.ts');
    const { hashPassword } = await import('../server/auth/password.ts');
    let user = await store.users.byName('bench');
    user ??= await store.users.create('bench', await hashPassword('pw'), true);
    const tokens: string[] = [];
    for (let i = 0; i < 4; i++) tokens.push(await startSession(store, user));
    const ids: string[] = [];
    for (let d = 0; d < drafts; d++) ids.push((await createDraft(store, { text: lawText(20) })).draft.id);
    return { ids, tokens };
  });
}

async function measureEditors(contender: Contender): Promise<EditorFigures> {
  const { ids, tokens } = await prepare(contender, draftsCount);
  const servers = await Promise.all(
    Array.from({ length: contender.processes }, () => startServer(contender.serverOptions)),
  );
  try {
    await sleep(300);
    const lifaCpu = () => servers.reduce((n, s) => n + cpuOf(s.child.pid!), 0);
    const editors: Client[][] = ids.map((id, d) =>
      Array.from({ length: perDraft }, (_, e) => {
        const p = (d + e) % servers.length;
        return client(servers[p], p, id, tokens[e % tokens.length]);
      }),
    );
    const all = editors.flat();
    await Promise.all(all.map((c) => c.synced));
    const processOf = new Map(all.map((c) => [c.doc.clientID, c.process]));
    const cpuStart = lifaCpu();
    const servicesStart = contender.servicesCpu();
    const sent = new Map<string, number>();
    const latencies: number[] = [];
    let from = Infinity;
    let counting = false;
    let expected = 0;
    let received = 0;
    for (const c of all) {
      watch(c, (clientId, clock) => {
        const t0 = sent.get(`${clientId}:${clock}`);
        if (t0 === undefined || t0 < from) return;
        if (servers.length > 1 && processOf.get(clientId) === c.process) return;
        received++;
        latencies.push(performance.now() - t0);
      });
    }
    const crossPeers = (sender: Client, group: Client[]) =>
      group.filter((c) => c !== sender && (servers.length === 1 || c.process !== sender.process)).length;
    const timers: NodeJS.Timeout[] = [];
    editors.forEach((group, d) =>
      group.forEach((c, e) => {
        const target = texts(c.doc)[(d + e) % 20];
        const peers = crossPeers(c, group);
        timers.push(
          setTimeout(
            () =>
              timers.push(
                setInterval(() => {
                  sent.set(`${c.doc.clientID}:${Y.getState(c.doc.store, c.doc.clientID)}`, performance.now());
                  if (counting) expected += peers;
                  target.insert(target.length, '字');
                }, 1000),
              ),
            Math.random() * 1000,
          ),
        );
      }),
    );
    await sleep(2000);
    from = performance.now();
    counting = true;
    await sleep(seconds * 1000);
    counting = false;
    for (const timer of timers) clearInterval(timer);
    const deadline = performance.now() + 5000;
    while (received < expected && performance.now() < deadline) await sleep(20);
    const keystrokes = sent.size;

    // Throughput: per draft a raw socket on one process, an observer (an editor) on another.
    let arrived = 0;
    const bursts = ids.map((_, d) => {
      const doc = new Y.Doc();
      Y.applyUpdate(doc, Y.encodeStateAsUpdate(editors[d][0].doc));
      const updates: Uint8Array[] = [];
      doc.on('update', (update: Uint8Array) => updates.push(update));
      const target = texts(doc)[19];
      for (let i = 0; i < burstPerDraft; i++) target.insert(target.length, 'x');
      const writerId = doc.clientID;
      doc.destroy();
      return { updates, writerId };
    });
    const total = bursts.length * burstPerDraft;
    const done = new Promise<boolean>((resolve) => {
      editors.forEach((group, d) => {
        const observer = group[1]; // on process (d + 1) mod N: another than the writer's when N > 1
        watch(observer, (clientId) => {
          if (clientId === bursts[d].writerId && ++arrived === total) resolve(true);
        });
      });
    });
    const writers = await Promise.all(
      ids.map((id, d) => rawWriter(servers[d % servers.length], id, tokens[d % tokens.length])),
    );
    await sleep(200);
    const started = performance.now();
    bursts.forEach(({ updates }, d) => {
      for (const update of updates) writers[d].send(updateFrame(update));
    });
    await within(done, 120_000, false);
    const updatesPerSecond = (arrived / (performance.now() - started)) * 1000;
    const lifa = lifaCpu() - cpuStart;
    const services = contender.servicesCpu() - servicesStart;
    for (const writer of writers) writer.terminate();
    for (const c of all) destroy(c);
    const per = (cpu: number) => (cpu / (keystrokes + arrived)) * 1000;
    return {
      p50: percentile(latencies, 50),
      p99: percentile(latencies, 99),
      samples: latencies.length,
      lost: expected - received,
      updatesPerSecond,
      lifaCpu: per(lifa),
      allCpu: per(lifa + services),
    };
  } finally {
    await Promise.all(servers.map(stopServer));
  }
}

// ---------------------------------------------------------------------------------------------
// Public comment intake.

interface IntakeFigures {
  readonly skipped?: string;
  readonly rate: number;
  readonly p99: number;
  readonly stored: number;
  readonly distinct: number;
  readonly failed: number;
}

async function measureIntake(
  contender: Contender,
  countRows: (draftId: string) => Promise<[number, number]>,
) {
  const { ids, tokens } = await prepare(contender, 1);
  const draftId = ids[0];
  const servers = await Promise.all(
    Array.from({ length: contender.processes }, () => startServer(contender.serverOptions)),
  );
  try {
    const call = async (server: Started, method: string, path: string, body: unknown, headers = {}) => {
      const response = await fetch(server.url + path, {
        method,
        headers: { 'content-type': 'application/json', authorization: `Bearer ${tokens[0]}`, ...headers },
        body: JSON.stringify(body),
      });
      return {
        status: response.status,
        json: (await response.json().catch(() => null)) as Record<string, unknown>,
      };
    };
    const version = await call(servers[0], 'POST', `/api/drafts/${draftId}/versions`, {
      label: '征求意见稿',
    });
    const versionId = String((version.json as { id: string }).id);
    await call(servers[0], 'PUT', `/api/drafts/${draftId}/public`, { versionId, open: true });
    const post = (sender: number, n: number) =>
      fetch(`${servers[sender % servers.length].url}/api/public/drafts/${draftId}/comments`, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          'x-forwarded-for': `10.${(sender >> 8) & 255}.${sender & 255}.${(n % 200) + 1}`,
        },
        body: JSON.stringify({
          name: `公众${sender}`,
          body: `第${sender}号提交人的第${n}条意见：建议明确数据分类分级的标准。`,
        }),
      });
    const probe = await post(senders, 0);
    if (probe.status === 503) {
      return {
        skipped: `${probe.status} ${await probe.text()}`,
        rate: 0,
        p99: 0,
        stored: 0,
        distinct: 0,
        failed: 0,
      };
    }
    if (probe.status !== 201)
      throw new Error(`public comment refused: ${probe.status} ${await probe.text()}`);
    const each = Math.ceil(commentsWanted / senders);
    const latencies: number[] = [];
    let failed = 0;
    const started = performance.now();
    await Promise.all(
      Array.from({ length: senders }, async (_, sender) => {
        for (let n = 1; n <= each; n++) {
          const t0 = performance.now();
          const response = await post(sender, n);
          await response.arrayBuffer();
          latencies.push(performance.now() - t0);
          if (response.status !== 201) failed++;
        }
      }),
    );
    const rate = ((senders * each) / (performance.now() - started)) * 1000;
    const [stored, distinct] = await countRows(draftId);
    return { rate, p99: percentile(latencies, 99), stored: stored - 1, distinct: distinct - 1, failed };
  } finally {
    await Promise.all(servers.map(stopServer));
  }
}

// ---------------------------------------------------------------------------------------------

async function main(): Promise<void> {
  const load = loadRecorder();
  console.log(
    `scale: ${draftsCount} drafts × ${perDraft} editors, ${seconds} s measured per run, ${rounds} rounds`,
  );
  const [postgres, redis] = await Promise.all([startPostgres(), startRedis()]);
  const dir = mkdtempSync(join(tmpdir(), 'lifa-scale-'));
  try {
    const { openPostgresStorage } = await import('../server/storage/postgres/storage.ts');
    const { SqliteStorage } = await import('../server/storage/sqlite-storage.ts');
    const { openStorage } = await import('../server/storage/storage.ts');
    const pgStore = await openPostgresStorage(postgres.url);
    const postmaster = Number(
      readFileSync(join(postgres.dir, 'data', 'postmaster.pid'), 'utf8').split('\n')[0],
    );
    const redisProcess = redisPid(redis.port);
    const sqliteDir = join(dir, 'sqlite');
    const sqlite: Contender = {
      name: 'sqlite ×1',
      processes: 1,
      async withStore(fn) {
        const store = new SqliteStorage(openStorage(sqliteDir));
        try {
          return await fn(store);
        } finally {
          await store.close();
        }
      },
      serverOptions: { dataDir: sqliteDir },
      servicesCpu: () => 0,
    };
    const pg = (processes: number): Contender => ({
      name: `postgres+redis ×${processes}`,
      processes,
      withStore: (fn) => fn(pgStore),
      serverOptions: { dataDir: join(dir, 'pg-files'), databaseUrl: postgres.url, redisUrl: redis.url },
      servicesCpu: () => treeCpu(postmaster) + (redisProcess ? cpuOf(redisProcess) : 0),
    });
    const contenders = [sqlite, pg(1), pg(2), pg(3)];
    const results = await interleaved(
      rounds,
      Object.fromEntries(contenders.map((c) => [c.name, () => measureEditors(c)])),
    );
    console.log('\neditors: keystroke-to-peer (peers on different processes when there are several)');
    for (const c of contenders) {
      const r = results[c.name];
      console.log(
        `  ${c.name.padEnd(18)} p50 ${formatRuns(runs(r.map((x) => x.p50)))}  p99 ${formatRuns(runs(r.map((x) => x.p99)))}` +
          `  ${runs(r.map((x) => x.updatesPerSecond)).median.toFixed(0)} updates/s (${formatRuns(runs(r.map((x) => x.updatesPerSecond)), 'updates/s', 0)})` +
          `  CPU/1,000 keystrokes: Lifa ${runs(r.map((x) => x.lifaCpu)).median.toFixed(0)} ms, with PostgreSQL+Redis ${runs(r.map((x) => x.allCpu)).median.toFixed(0)} ms` +
          `  (${r.reduce((n, x) => n + x.samples, 0)} samples, ${r.reduce((n, x) => n + x.lost, 0)} not received)`,
      );
    }
    const base = results[sqlite.name];
    const baseP99 = runs(base.map((x) => x.p99)).median;
    const baseRate = runs(base.map((x) => x.updatesPerSecond)).median;
    for (const c of contenders.slice(1)) {
      const r = results[c.name];
      console.log(
        ratioLine(`cross-process p99 ${c.name} / sqlite ×1`, runs(r.map((x) => x.p99)).median / baseP99, 2),
      );
    }
    const rate = (c: Contender) => runs(results[c.name].map((x) => x.updatesPerSecond)).median;
    // Growth: the baseline over ours must fall as processes are added (≤ 1× of the previous step).
    console.log(ratioLine('updates/s sqlite ×1 / postgres+redis ×1', baseRate / rate(contenders[1]), 1));
    console.log(
      ratioLine(
        'updates/s postgres+redis ×1 / ×2 (grows with processes)',
        rate(contenders[1]) / rate(contenders[2]),
        1,
      ),
    );
    console.log(
      ratioLine(
        'updates/s postgres+redis ×2 / ×3 (grows with processes)',
        rate(contenders[2]) / rate(contenders[3]),
        1,
      ),
    );

    console.log(`\npublic comment intake: ${commentsWanted} comments from ${senders} senders (one run each)`);
    const sqliteRows = async (draftId: string): Promise<[number, number]> => {
      const storage = openStorage(sqliteDir);
      try {
        const row = storage.db
          .prepare('SELECT COUNT(*) AS n, COUNT(DISTINCT body) AS d FROM comments WHERE draft_id = ?')
          .get(draftId) as { n: number; d: number };
        return [row.n, row.d];
      } finally {
        storage.close();
      }
    };
    const pgRows = async (draftId: string): Promise<[number, number]> => {
      const { rows } = await pgStore.pool.query<{ n: number; d: number }>(
        'SELECT COUNT(*)::int AS n, COUNT(DISTINCT body)::int AS d FROM comments WHERE draft_id = $1',
        [draftId],
      );
      return [rows[0].n, rows[0].d];
    };
    const intake = {
      sqlite: await measureIntake(sqlite, sqliteRows),
      pg: await measureIntake(pg(2), pgRows),
    };
    const expected = senders * Math.ceil(commentsWanted / senders);
    const line = (name: string, f: IntakeFigures) =>
      f.skipped
        ? `  ${name.padEnd(18)} not run: ${f.skipped}`
        : `  ${name.padEnd(18)} ${f.rate.toFixed(0)} comments/s, p99 ${f.p99.toFixed(1)} ms; stored ${f.stored} of ${expected}, ` +
          `${f.stored - f.distinct} duplicated, ${expected - f.distinct} lost, ${f.failed} refused`;
    console.log(line('sqlite ×1', intake.sqlite));
    console.log(line('postgres+redis ×2', intake.pg));
    if (!intake.pg.skipped)
      console.log(
        ratioLine('intake p99 postgres+redis ×2 / sqlite ×1', intake.pg.p99 / intake.sqlite.p99, 2),
      );
    await pgStore.close();
  } finally {
    await redis.stop();
    await postgres.destroy();
    rmSync(dir, { recursive: true, force: true });
    console.log(load.end());
  }
}

if (process.argv[2] === '--serve') await serve(process.argv[3]);
else await main();
