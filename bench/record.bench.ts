// Record benchmark (issue 15): what keeping the legislative record costs. The code-sized draft
// (1,344 articles) receives 100,000 keystrokes from 10 authors through the server's write path (a
// loaded SharedDraft with one connection per author: validate, attribute, hash-chain, append, apply),
// then is checkpointed. Figures:
//   - storage growth per keystroke of the record (entries with author, time, connection and hash;
//     the checkpoint; the connections), against the baseline: the same keystrokes appended to the
//     update log the server wrote before the record (schema 4's `draft_updates`, draft id + seq + update,
//     one row per keystroke, as it wrote them between two compactions) — budget: at most 3×;
//   - for context, what the server kept before the record after compacting: the growth of the
//     compacted state per keystroke (history thrown away);
//   - write time per keystroke through the same room code (SharedDraft with one in-process connection
//     per author), with the record against with the log the server wrote before the record;
//   - the history side: building the record index (replaying the whole record), one article's
//     history and blame, and verifying the chain and checkpoint.
// Sizes are the pages SQLite uses for each table and index (dbstat), after a WAL checkpoint.
//
// Run: node --import tsx bench/record.bench.ts   (or npm run bench record)
// Environment: LIFA_BENCH_KEYSTROKES (default 100000), LIFA_BENCH_AUTHORS (default 10).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pino } from 'pino';
import * as Y from 'yjs';
import { codeSizedDraft } from './code-sized-draft.ts';
import { stateFromDoc } from '../server/document.ts';
import { articleSessions, blameJson, historyJson } from '../server/record/history.ts';
import { RecordIndexes } from '../server/record/indexes.ts';
import { verifyDraft } from '../server/record/verify.ts';
import { openDatabase } from '../server/storage/database.ts';
import type { Db } from '../server/storage/database.ts';
import { migrations } from '../server/storage/migrations.ts';
import { SqliteStorage } from '../server/storage/sqlite-storage.ts';
import { openStorage } from '../server/storage/storage.ts';
import { emptyHead } from '../server/storage/record-chain.ts';
import { encodeUpdate } from '../server/sync/protocol.ts';
import { SharedDraft } from '../server/sync/room.ts';
import type { Peer, RoomLog } from '../server/sync/room.ts';

const keystrokes = Number(process.env.LIFA_BENCH_KEYSTROKES ?? 100_000);
const authorCount = Number(process.env.LIFA_BENCH_AUTHORS ?? 10);
const budget = 3;

const kib = (bytes: number) => `${(bytes / 1024).toFixed(0)} KiB`;
const perKey = (bytes: number) => `${(bytes / keystrokes).toFixed(1)} B/keystroke`;
const time = <T>(fn: () => T): { value: T; ms: number } => {
  const start = performance.now();
  const value = fn();
  return { value, ms: performance.now() - start };
};

// ---------------------------------------------------------------------------------------------------
// The keystrokes: each author types in articles of their own (author a: articles a, a + N, a + 2N…),
// in bursts of 20 keystrokes taking turns, moving to another of their articles every 500 keystrokes;
// one keystroke in seven is a backspace. Authors do not need each other's updates (they never edit
// the same text), so each keeps only its own replica.

const draft = codeSizedDraft();
const state = stateFromDoc(draft.doc);
console.log(
  `draft: ${draft.articles.toLocaleString('en')} articles, ${draft.characters.toLocaleString('en')} characters, ` +
    `state ${kib(state.length)}; ${keystrokes.toLocaleString('en')} keystrokes by ${authorCount} authors`,
);

function leads(doc: Y.Doc): Y.XmlText[] {
  const found: Y.XmlText[] = [];
  const walk = (type: Y.XmlFragment | Y.XmlElement) => {
    for (const child of type.toArray()) {
      if (child instanceof Y.XmlElement) {
        if (child.nodeName === 'lead') {
          const text = child.get(0);
          if (text instanceof Y.XmlText) found.push(text);
        } else walk(child);
      }
    }
  };
  walk(doc.getXmlFragment('body'));
  return found;
}

const typed: Array<{ author: number; update: Uint8Array }> = [];
const generated = time(() => {
  const replicas = Array.from({ length: authorCount }, (_, author) => {
    const doc = new Y.Doc();
    Y.applyUpdate(doc, state);
    doc.on('update', (update: Uint8Array) => typed.push({ author, update }));
    return { doc, texts: leads(doc), text: null as Y.XmlText | null, at: 0, moves: 0 };
  });
  for (let k = 0; typed.length < keystrokes; k++) {
    const author = Math.floor(k / 20) % authorCount;
    const replica = replicas[author];
    if (!replica.text || k % 500 === 0) {
      const mine = replica.texts.filter((_, i) => i % authorCount === author);
      replica.text = mine[(replica.moves++ * 37) % mine.length];
      replica.at = Math.floor(replica.text.length / 2);
    }
    if (k % 7 === 6 && replica.at > 0) replica.text.delete(--replica.at, 1);
    else replica.text.insert(replica.at++, '改');
  }
  return replicas;
});
console.log(`(keystrokes generated in ${(generated.ms / 1000).toFixed(1)} s)`);

/// Bytes SQLite uses for each table and index of `db`, after moving the WAL into the file.
function tableBytes(db: Db): Map<string, number> {
  db.pragma('wal_checkpoint(TRUNCATE)');
  const rows = db.prepare('SELECT name, sum(pgsize) AS bytes FROM dbstat GROUP BY name').all() as Array<{
    name: string;
    bytes: number;
  }>;
  return new Map(rows.map((row) => [row.name, row.bytes]));
}
const sum = (sizes: Map<string, number>, names: readonly string[]) =>
  names.reduce((total, name) => total + (sizes.get(name) ?? 0), 0);
const growth = (before: Map<string, number>, after: Map<string, number>, names: readonly string[]) =>
  sum(after, names) - sum(before, names);

// ---------------------------------------------------------------------------------------------------
// Baseline: the update log as the server wrote it before the record (schema 4).

const baselineDir = mkdtempSync(join(tmpdir(), 'lifa-bench-record-base-'));
/// One in-process connection per author, as the sync endpoint makes them (what the room sends them
/// is dropped: authors edit apart and need no one else's updates).
function connections(userIds: readonly number[]): Peer[] {
  return userIds.map((userId, i) => ({
    userId,
    name: `author${i + 1}`,
    role: 'drafter',
    closed: false,
    address: `10.0.0.${i + 1}`,
    send: () => {},
    close: (code, reason) => {
      throw new Error(`author ${i + 1} was closed: ${code} ${reason}`);
    },
  }));
}

/// Every keystroke through `room`, from its author's connection; the time it took (until the room has
/// appended and applied them all).
async function typeInto(room: SharedDraft, peers: readonly Peer[]): Promise<number> {
  for (const peer of peers) room.join(peer);
  const messages = typed.map(({ author, update }) => ({
    peer: peers[author],
    message: encodeUpdate(update),
  }));
  const started = performance.now();
  for (const { peer, message } of messages) room.receive(peer, message);
  await room.settled();
  const ms = performance.now() - started;
  for (const peer of peers) room.leave(peer);
  return ms;
}

const logger = pino({ level: 'silent' });
const userIds = Array.from({ length: authorCount }, (_, a) => a + 1);

const baseline = await (async () => {
  const db = openDatabase(join(baselineDir, 'lifa.sqlite'), { migrations: migrations.slice(0, 4) });
  const now = Date.now();
  db.prepare(
    "INSERT INTO drafts (id, title, language, created_at, updated_at) VALUES ('d', 'b', 'zh', ?, ?)",
  ).run(now, now);
  db.prepare("INSERT INTO draft_snapshots (draft_id, state, updated_at) VALUES ('d', ?, ?)").run(state, now);
  const before = tableBytes(db);
  // The log as the server wrote it before the record: draft id, number, update; its compaction
  // replaced the snapshot and dropped the rows.
  const insert = db.prepare("INSERT INTO draft_updates (draft_id, seq, data) VALUES ('d', ?, ?)");
  const compact = db.transaction((snapshot: Uint8Array) => {
    db.prepare("UPDATE draft_snapshots SET state = ? WHERE draft_id = 'd'").run(snapshot);
    db.prepare("DELETE FROM draft_updates WHERE draft_id = 'd'").run();
  });
  let compacted: Uint8Array = new Uint8Array();
  let seq = 0;
  const log: RoomLog = {
    append: (_draftId, update, _by, at) => {
      insert.run(++seq, update);
      return Promise.resolve({ seq, hash: emptyHead.hash, at });
    },
    checkpoint: (_draftId, snapshot) => {
      compacted = snapshot;
      compact(snapshot);
      return Promise.resolve();
    },
    openConnection: () => Promise.resolve(0),
  };
  const room = SharedDraft.load(
    'd',
    { checkpoint: state, checkpointSeq: 0, updates: [], head: emptyHead },
    log,
    logger,
  );
  const ms = await typeInto(room, connections(userIds));
  const logged = tableBytes(db);
  await room.compact();
  const after = tableBytes(db);
  const text = room.doc.getXmlFragment('body').toString();
  room.destroy();
  db.close();
  return {
    ms,
    updateBytes: typed.reduce((n, { update }) => n + update.length, 0),
    logBytes: growth(before, logged, ['draft_updates']),
    compactedGrowth: growth(before, after, ['draft_snapshots', 'draft_updates']),
    compactedState: compacted.length,
    text,
  };
})();
rmSync(baselineDir, { recursive: true, force: true });

// ---------------------------------------------------------------------------------------------------
// Ours: the record, written through the same room code.

const dir = mkdtempSync(join(tmpdir(), 'lifa-bench-record-'));
const storage = openStorage(dir);
for (let a = 1; a <= authorCount; a++) storage.users.create(`author${a}`, 'x');
storage.drafts.create('d', 'bench', 'zh');
storage.record.create('d', state, { userId: userIds[0] });
const store = new SqliteStorage(storage);
const room = SharedDraft.load('d', storage.record.load('d'), store.record, logger);
const before = tableBytes(storage.db);
const writtenMs = await typeInto(room, connections(userIds));
const checkpointStarted = performance.now();
await room.compact();
const checkpointed = performance.now() - checkpointStarted;
const after = tableBytes(storage.db);
const recordTables = [
  'record_entries',
  'record_checkpoints',
  'record_connections',
  'sqlite_autoindex_record_checkpoints_1',
  'record_connections_draft',
];
const recordGrowth = growth(before, after, recordTables);
const entriesGrowth = growth(before, after, ['record_entries']);
const checkpointGrowth = growth(before, after, [
  'record_checkpoints',
  'sqlite_autoindex_record_checkpoints_1',
]);
const sameText = room.doc.getXmlFragment('body').toString() === baseline.text;
room.destroy();

// The history side.
const indexes = new RecordIndexes(store);
const built = performance.now();
const index = await indexes.index('d');
const indexMs = performance.now() - built;
const articleIds = (() => {
  const ids: string[] = [];
  draft.doc.descendants((node) => {
    if (node.type.name === 'article') ids.push(node.attrs.id as string);
    return node.type.name !== 'article';
  });
  return ids;
})();
const names = (userId: number) => `author${userId}`;
let historyMs = 0;
let blameMs = 0;
let sessions = 0;
let articlesLooked = 0;
for (const id of articleIds.slice(0, 40)) {
  const h = time(() => articleSessions(index, id, 'zh'));
  const found = h.value;
  if (!found || found.sessions.length < 2) continue;
  const json = time(() => historyJson(id, found, 'zh', names));
  const blame = time(() => blameJson(id, found, 'zh', names));
  historyMs += h.ms + json.ms;
  blameMs += h.ms + blame.ms;
  sessions += found.sessions.length;
  articlesLooked++;
}
const verifyStarted = performance.now();
const verifiedCheck = await verifyDraft(store, 'd');
const verified = { ms: performance.now() - verifyStarted, value: verifiedCheck };
indexes.clear();
storage.close();
rmSync(dir, { recursive: true, force: true });

// ---------------------------------------------------------------------------------------------------

const ratio = recordGrowth / baseline.logBytes;
console.log(`\nstorage (pages SQLite uses, after a checkpoint of the WAL):`);
console.log(
  `  baseline, the update log the server wrote before the record: ${kib(baseline.logBytes)}, ${perKey(baseline.logBytes)} ` +
    `(the updates themselves: ${perKey(baseline.updateBytes)})`,
);
console.log(
  `  the record: ${kib(recordGrowth)}, ${perKey(recordGrowth)} — entries ${kib(entriesGrowth)} (${perKey(entriesGrowth)}), ` +
    `checkpoint ${kib(checkpointGrowth)}, connections ${kib(recordGrowth - entriesGrowth - checkpointGrowth)}`,
);
console.log(
  `  record / baseline log: ${ratio.toFixed(2)}× (budget ≤ ${budget}×: ${ratio <= budget ? 'met' : 'MISSED'})`,
);
console.log(
  `  for context, what was kept before the record after compaction (history thrown away): ` +
    `${kib(baseline.compactedGrowth)} growth, ${perKey(baseline.compactedGrowth)} (compacted state ${kib(baseline.compactedState)}); ` +
    `the record keeps ${(recordGrowth / Math.max(1, baseline.compactedGrowth)).toFixed(1)}× that`,
);
console.log(`\nwrite path, per keystroke:`);
console.log(
  `  through the same room code (decode, check, append, apply, broadcast): with the record (attribute, hash, ` +
    `append the entry) ${((writtenMs * 1000) / keystrokes).toFixed(1)} µs; before the record (append the log row) ` +
    `${((baseline.ms * 1000) / keystrokes).toFixed(1)} µs: ${(writtenMs / baseline.ms).toFixed(2)}×; ` +
    `checkpoint at the end ${checkpointed.toFixed(0)} ms`,
);
console.log(`  same final text as the baseline: ${sameText ? 'yes' : 'NO'}`);
console.log(`\nhistory:`);
console.log(
  `  record index of ${index.lastSeq.toLocaleString('en')} entries built in ${(indexMs / 1000).toFixed(2)} s (replayed in slices, yielding)`,
);
console.log(
  `  ${articlesLooked} edited articles (${sessions} sessions): history ${(historyMs / Math.max(1, articlesLooked)).toFixed(1)} ms, ` +
    `blame ${(blameMs / Math.max(1, articlesLooked)).toFixed(1)} ms per article`,
);
console.log(
  `  verify (chain of ${verified.value.entries.toLocaleString('en')} entries, checkpoint replayed): ${(verified.ms / 1000).toFixed(2)} s, ${verified.value.ok ? 'intact' : 'BROKEN'}`,
);
if (!sameText || !verified.value.ok) process.exitCode = 1;
