// Group-commit benchmark (issue 16): the storage step of the write path — appending one keystroke's
// update to a draft's hash-chained record, durable before anyone is sent it — on the embedded SQLite
// (the baseline: WAL, synchronous=NORMAL, in process) and on a real PostgreSQL 15 started for the run
// (fsync on, synchronous_commit on: durable against a crash of the machine, which SQLite's NORMAL is
// not), with group commit (GroupCommit: one transaction in flight per process, everything that
// arrives meanwhile goes into the next) and without it (one transaction per keystroke).
//
// Load: 100 editors over 10 drafts, each appending a 24-byte update and, once it is stored, the next
// (closed loop: as fast as the store lets them), for LIFA_BENCH_SECONDS (default 5) per store; then
// the same editors at a typing rate of 10 keystrokes per second each (1,000/s in all, open loop).
// Figures: appends per second, latency p50/p99 of one append, and the records' chains checked after.
//
// This is one process. The multi-process editor load of bench/scale (2–3 `lifa serve` over one
// PostgreSQL and Redis) needs the server on the storage interface, which is not done yet.
//
// Run: node --import tsx bench/group-commit.bench.ts   (or npm run bench group-commit)
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { RecordStore } from '../server/storage/interface.ts';
import { PgDb } from '../server/storage/postgres/db.ts';
import { PgRecord } from '../server/storage/postgres/record.ts';
import { openPostgresStorage } from '../server/storage/postgres/storage.ts';
import type { PostgresStorage } from '../server/storage/postgres/storage.ts';
import { SqliteStorage } from '../server/storage/sqlite-storage.ts';
import { openStorage } from '../server/storage/storage.ts';
import { startPostgres } from '../test/helpers/services.ts';

const seconds = Number(process.env.LIFA_BENCH_SECONDS ?? 5);
const editors = 100;
const draftCount = 10;
const update = new Uint8Array(24).fill(7);

interface Figures {
  readonly perSecond: number;
  readonly p50: number;
  readonly p99: number;
  readonly appends: number;
}

const percentile = (sorted: number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * p))];

// Every editor appends, waits for the commit, appends again, until the time is up.
async function closedLoop(record: RecordStore, drafts: string[]): Promise<Figures> {
  const latencies: number[] = [];
  const end = performance.now() + seconds * 1000;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: editors }, async (_, editor) => {
      const draftId = drafts[editor % drafts.length];
      while (performance.now() < end) {
        const t = performance.now();
        await record.append(draftId, update, { userId: editor + 1 }, Date.now());
        latencies.push(performance.now() - t);
      }
    }),
  );
  return figures(latencies, performance.now() - started);
}

// Every editor types at 10 keystrokes per second whether or not the last one is stored yet.
async function openLoop(record: RecordStore, drafts: string[]): Promise<Figures> {
  const latencies: number[] = [];
  const pending: Promise<void>[] = [];
  const started = performance.now();
  const interval = 100;
  const ticks = Math.round((seconds * 1000) / interval);
  for (let tick = 0; tick < ticks; tick++) {
    for (let editor = 0; editor < editors; editor++) {
      const t = performance.now();
      pending.push(
        record
          .append(drafts[editor % drafts.length], update, { userId: editor + 1 }, Date.now())
          .then(() => void latencies.push(performance.now() - t)),
      );
    }
    const next = started + (tick + 1) * interval;
    await new Promise((resolve) => setTimeout(resolve, Math.max(0, next - performance.now())));
  }
  await Promise.all(pending);
  return figures(latencies, performance.now() - started);
}

function figures(latencies: number[], ms: number): Figures {
  const sorted = [...latencies].sort((a, b) => a - b);
  return {
    perSecond: (latencies.length / ms) * 1000,
    p50: percentile(sorted, 0.5),
    p99: percentile(sorted, 0.99),
    appends: latencies.length,
  };
}

async function makeDrafts(storage: SqliteStorage | PostgresStorage, prefix: string): Promise<string[]> {
  const ids = Array.from({ length: draftCount }, (_, i) => `${prefix}${i}`);
  for (const id of ids) {
    await storage.drafts.create(id, id, 'zh');
    await storage.record.create(id, Uint8Array.of(0, 0), { userId: null });
  }
  return ids;
}

const line = (name: string, f: Figures, base?: Figures) =>
  console.log(
    `${name.padEnd(44)} ${f.perSecond.toFixed(0).padStart(7)} appends/s   p50 ${f.p50.toFixed(2).padStart(7)} ms   p99 ${f.p99
      .toFixed(2)
      .padStart(7)} ms` +
      (base
        ? `   throughput ×${(f.perSecond / base.perSecond).toFixed(2)}, p99 ×${(f.p99 / base.p99).toFixed(2)}`
        : ''),
  );

const dir = mkdtempSync(join(tmpdir(), 'lifa-bench-gc-'));
const server = await startPostgres({ fsync: true });
try {
  console.log(
    `${editors} editors over ${draftCount} drafts, ${seconds} s per run; PostgreSQL 15 on loopback with fsync on\n`,
  );
  const sqlite = new SqliteStorage(openStorage(dir));
  const sqliteDrafts = await makeDrafts(sqlite, 's');
  const pg = await openPostgresStorage(server.url, { max: 20 });
  const pgDrafts = await makeDrafts(pg, 'p');
  const perAppend = new PgRecord(new PgDb(pg.pool), null);

  console.log('closed loop (each editor appends again once its last append is stored):');
  const base = await closedLoop(sqlite.record, sqliteDrafts);
  line('SQLite (baseline)', base);
  const grouped = await closedLoop(pg.record, pgDrafts);
  line('PostgreSQL, group commit', grouped, base);
  const stats = pg.group!.stats;
  console.log(
    `${''.padEnd(44)} ${(stats.appends / stats.commits).toFixed(1)} appends per commit on average, largest ${stats.largest}`,
  );
  const single = await closedLoop(perAppend, pgDrafts);
  line('PostgreSQL, one transaction per append', single, base);

  console.log('\nopen loop (10 keystrokes per second per editor, 1,000/s in all):');
  const baseOpen = await openLoop(sqlite.record, sqliteDrafts);
  line('SQLite (baseline)', baseOpen);
  line('PostgreSQL, group commit', await openLoop(pg.record, pgDrafts), baseOpen);
  line('PostgreSQL, one transaction per append', await openLoop(perAppend, pgDrafts), baseOpen);

  let broken = 0;
  for (const id of pgDrafts) if (!(await pg.record.check(id)).ok) broken++;
  for (const id of sqliteDrafts) if (!(await sqlite.record.check(id)).ok) broken++;
  console.log(`\nchains checked after the runs: ${broken === 0 ? 'all intact' : `${broken} BROKEN`}`);
  await pg.close();
  await sqlite.close();
} finally {
  await server.destroy();
  rmSync(dir, { recursive: true, force: true });
}
