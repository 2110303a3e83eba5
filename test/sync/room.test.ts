// The write path of a loaded draft over the storage interface, on SQLite and on a real PostgreSQL
// (where an append is a round trip, and so really asynchronous): each writer's update is stored
// before anyone is sent it and in the order it was received; an update storage refuses closes its
// writer (1011) with nothing applied; a server change resolves once stored and is sent after; and
// exclusive() keeps server work on one room from interleaving.
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import type { Storage } from '../../server/storage/interface.ts';
import { openPostgresStorage } from '../../server/storage/postgres/storage.ts';
import { SqliteStorage } from '../../server/storage/sqlite-storage.ts';
import { openStorage } from '../../server/storage/storage.ts';
import { closeCodes, encodeUpdate } from '../../server/sync/protocol.ts';
import { SharedDraft } from '../../server/sync/room.ts';
import type { Peer } from '../../server/sync/room.ts';
import { postgresDatabase } from '../helpers/services.ts';

const logger = pino({ level: 'silent' });

/// An in-process connection that keeps what it is sent and how it was closed.
function peer(userId: number, name: string) {
  const sent: Uint8Array[] = [];
  const state = { closed: false, code: 0, reason: '' };
  const p: Peer & { sent: Uint8Array[]; code: () => number } = {
    userId,
    name,
    role: 'drafter',
    get closed() {
      return state.closed;
    },
    sent,
    code: () => state.code,
    send: (message) => void sent.push(message),
    close: (code, reason) => {
      if (state.closed) return;
      Object.assign(state, { closed: true, code, reason });
    },
  };
  return p;
}

/// `count` single-character updates typed into a copy of `state`, one per keystroke.
function keystrokes(state: Uint8Array, count: number): Uint8Array[] {
  const doc = new Y.Doc();
  Y.applyUpdate(doc, state);
  const updates: Uint8Array[] = [];
  doc.on('update', (update: Uint8Array) => updates.push(update));
  const text = doc.getText('t');
  for (let i = 0; i < count; i++) text.insert(text.length, String.fromCharCode(0x4e00 + i));
  doc.destroy();
  return updates;
}

function firstState(): Uint8Array {
  const doc = new Y.Doc();
  doc.getText('t').insert(0, '第一条');
  return Y.encodeStateAsUpdate(doc);
}

interface Engine {
  readonly name: string;
  open(): Promise<{ storage: Storage; dispose(): Promise<void> }>;
}

const engines: Engine[] = [
  {
    name: 'sqlite',
    async open() {
      const storage = new SqliteStorage(openStorage(':memory:'));
      return { storage, dispose: () => storage.close() };
    },
  },
  {
    name: 'postgres',
    async open() {
      const database = await postgresDatabase();
      const storage = await openPostgresStorage(database.url);
      return {
        storage,
        async dispose() {
          await storage.close();
          await database.drop();
        },
      };
    },
  },
];

for (const engine of engines) {
  describe(`a room's write path on ${engine.name}`, () => {
    let storage: Storage;
    let dispose: () => Promise<void>;
    let drafts = 0;
    beforeAll(async () => {
      ({ storage, dispose } = await engine.open());
    });
    afterAll(async () => {
      await dispose?.();
    });

    const loadedDraft = async () => {
      const id = `room${++drafts}`;
      const user = await storage.users.create(`writer${drafts}`, 'hash');
      await storage.drafts.create(id, 'Draft', 'zh');
      const state = firstState();
      await storage.record.create(id, state, { userId: user.id, kind: 'create' });
      const room = SharedDraft.load(id, await storage.record.load(id), storage.record, logger);
      return { id, room, state, userId: user.id };
    };

    it('stores a burst from several connections together, in the order received, refusing a reader among them', async () => {
      const { id, room, state, userId } = await loadedDraft();
      const one = peer(userId, 'one');
      const two = peer(userId, 'two');
      const reviewer = Object.assign(peer(userId, 'reviewer'), { role: 'reviewer' as const });
      const observer = peer(userId, 'observer');
      for (const p of [one, two, reviewer, observer]) room.join(p);
      observer.sent.length = 0;
      // Two writers typing into separate copies, their keystrokes interleaved in one turn, with a
      // reviewer's attempt in the middle: all arrive before the room looks at any.
      const first = keystrokes(state, 6);
      const second = keystrokes(state, 6);
      const order: Array<[ReturnType<typeof peer>, Uint8Array]> = [];
      for (let i = 0; i < 6; i++) order.push([one, first[i]], [two, second[i]]);
      order.splice(5, 0, [reviewer, keystrokes(state, 1)[0]]);
      for (const [from, update] of order) room.receive(from, encodeUpdate(update));
      await room.settled();

      expect(reviewer.code()).toBe(closeCodes.readOnly);
      expect([one.closed, two.closed]).toEqual([false, false]);
      const written = order.filter(([from]) => from !== reviewer).map(([, update]) => update);
      const entries = await storage.record.entries(id, 1);
      expect(entries.map((entry) => Uint8Array.from(entry.data))).toEqual(written);
      expect(observer.sent).toEqual(written.map(encodeUpdate));
      expect(room.head.seq).toBe(1 + written.length);
      expect(await storage.record.check(id)).toMatchObject({ ok: true, entries: 1 + written.length });
      room.destroy();
    });

    it('stores each update before sending it, in the order received, and applies it', async () => {
      const { id, room, state, userId } = await loadedDraft();
      const writer = peer(userId, 'writer');
      const reader = peer(userId, 'reader');
      room.join(writer);
      room.join(reader);
      reader.sent.length = 0;
      // When the reader is sent an update, the record holds it already: ask the stored head then.
      const headsWhenSent: Promise<number>[] = [];
      const send = reader.send;
      reader.send = (message) => {
        headsWhenSent.push(storage.record.head(id).then((head) => head.seq));
        send(message);
      };
      const updates = keystrokes(state, 30);
      for (const update of updates) room.receive(writer, encodeUpdate(update));
      await room.settled();

      expect(writer.closed).toBe(false);
      expect(reader.sent).toEqual(updates.map(encodeUpdate));
      const heads = await Promise.all(headsWhenSent);
      heads.forEach((seq, i) => expect(seq).toBeGreaterThanOrEqual(i + 2)); // entry 1 is the first state
      const entries = await storage.record.entries(id, 1);
      expect(entries.map((entry) => Uint8Array.from(entry.data))).toEqual(updates);
      expect(entries.every((entry) => entry.userId === userId && entry.connection !== null)).toBe(true);
      expect(room.head.seq).toBe(31);
      expect(room.doc.getText('t').toString()).toHaveLength(3 + 30);
      room.destroy();
    });

    it('closes a writer whose update storage refuses (1011), applying and sending nothing', async () => {
      const { room: real, state, userId } = await loadedDraft();
      // A room whose draft has no record: the append is refused by the database.
      const ghost = SharedDraft.load(
        'ghost',
        { checkpoint: state, checkpointSeq: 0, updates: [], head: real.head },
        storage.record,
        logger,
      );
      real.destroy();
      const writer = peer(userId, 'writer');
      const reader = peer(userId, 'reader');
      ghost.join(writer);
      ghost.join(reader);
      reader.sent.length = 0;
      const [update] = keystrokes(state, 1);
      ghost.receive(writer, encodeUpdate(update));
      await ghost.settled();
      expect(writer.code()).toBe(closeCodes.serverError);
      expect(reader.sent).toEqual([]);
      expect(ghost.doc.getText('t').toString()).toBe('第一条');
      ghost.destroy();
    });

    it('resolves a server change once stored, and sends it after', async () => {
      const { id, room, userId } = await loadedDraft();
      const reader = peer(userId, 'reader');
      room.join(reader);
      reader.sent.length = 0;
      const change = room.change({ userId, kind: 'restore' }, (doc) => {
        doc.getText('t').insert(0, '修改');
        return 'done';
      });
      // The document changed at once; nobody is sent it before it is stored.
      expect(room.doc.getText('t').toString()).toBe('修改第一条');
      expect(reader.sent).toEqual([]);
      await expect(change).resolves.toBe('done');
      expect(reader.sent).toHaveLength(1);
      const [entry] = await storage.record.entries(id, 1);
      expect(entry).toMatchObject({ seq: 2, kind: 'restore', userId });
      expect(room.head.seq).toBe(2);
      room.destroy();
    });

    it('runs exclusive work on a room one at a time, in order', async () => {
      const { room } = await loadedDraft();
      const order: string[] = [];
      const work = (name: string, ms: number) =>
        room.exclusive(async () => {
          order.push(`${name} start`);
          await new Promise((resolve) => setTimeout(resolve, ms));
          order.push(`${name} end`);
          if (name === 'b') throw new Error('b failed');
          return name;
        });
      const results = await Promise.allSettled([work('a', 30), work('b', 1), work('c', 1)]);
      expect(order).toEqual(['a start', 'a end', 'b start', 'b end', 'c start', 'c end']);
      expect(results.map((result) => result.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
      room.destroy();
    });
  });
}
