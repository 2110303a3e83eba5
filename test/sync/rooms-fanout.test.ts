// Loaded drafts in several processes over one PostgreSQL and one Redis, in one test process: two
// DraftRooms, each with its own storage (pool, group commit) and its own Redis connections, as two
// `lifa serve` have. What one stores reaches the other's connections and is stored once; presence
// crosses, also to a process that loads the draft later; a process that missed announcements (Redis
// restarted) reads them back from the record; and a checkpoint written by a process whose room is
// behind the record drops nothing.
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as awarenessProtocol from 'y-protocols/awareness';
import * as encoding from 'lib0/encoding';
import * as Y from 'yjs';
import { verifyDraft } from '../../server/record/verify.ts';
import { openPostgresStorage } from '../../server/storage/postgres/storage.ts';
import type { PostgresStorage } from '../../server/storage/postgres/storage.ts';
import { RedisFanout } from '../../server/sync/fanout.ts';
import { loadDoc } from '../../server/sync/persistence.ts';
import { encodeUpdate, messageAwareness } from '../../server/sync/protocol.ts';
import type { Peer } from '../../server/sync/room.ts';
import { DraftRooms } from '../../server/sync/rooms.ts';
import { postgresDatabase, startRedis } from '../helpers/services.ts';
import type { RedisServer } from '../helpers/services.ts';

const logger = pino({ level: 'silent' });

/// An in-process connection that keeps what it is sent.
function peer(userId: number, name: string) {
  const sent: Uint8Array[] = [];
  let closed = false;
  const p: Peer & { sent: Uint8Array[] } = {
    userId,
    name,
    role: 'drafter',
    get closed() {
      return closed;
    },
    sent,
    send: (message) => void sent.push(message),
    close: () => void (closed = true),
  };
  return p;
}

/// One server process: its storage, its fan-out and its loaded drafts.
interface Node {
  readonly storage: PostgresStorage;
  readonly rooms: DraftRooms;
  close(): Promise<void>;
}

async function startNode(databaseUrl: string, redisUrl: string | null, name: string): Promise<Node> {
  const storage = await openPostgresStorage(databaseUrl);
  const late: { rooms?: DraftRooms } = {};
  const fanout = redisUrl
    ? await RedisFanout.connect(redisUrl, name, {
        onMessage: (message) => late.rooms?.receive(message),
        onReconnect: () => late.rooms?.repairAll(),
      })
    : undefined;
  const built = (late.rooms = new DraftRooms(storage, logger, { fanout, repairInterval: 60_000 }));
  return {
    storage,
    rooms: built,
    async close() {
      await built.close(1001, 'test over');
      await fanout?.close();
      await storage.close();
    },
  };
}

const until = async (check: () => boolean | Promise<boolean>, what: string, ms = 15_000) => {
  const deadline = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
};

/// A client's document of draft state `state`, and a function that types `count` characters into it,
/// each keystroke handed to `send` as a sync update message.
function client(state: Uint8Array) {
  const doc = new Y.Doc();
  Y.applyUpdate(doc, state);
  return {
    doc,
    type(text: string, send: (message: Uint8Array) => void) {
      const updates: Uint8Array[] = [];
      const listen = (update: Uint8Array) => updates.push(update);
      doc.on('update', listen);
      const t = doc.getText('t');
      for (const char of text) t.insert(t.length, char);
      doc.off('update', listen);
      for (const update of updates) send(encodeUpdate(update));
    },
  };
}

describe('loaded drafts in two processes, one PostgreSQL and one Redis', () => {
  let database: { url: string; drop(): Promise<void> };
  let redis: RedisServer;
  let a: Node;
  let b: Node;
  let drafts = 0;

  beforeAll(async () => {
    [database, redis] = await Promise.all([postgresDatabase(), startRedis()]);
    a = await startNode(database.url, redis.url, 'A');
    b = await startNode(database.url, redis.url, 'B');
  });
  afterAll(async () => {
    await Promise.allSettled([a?.close(), b?.close()]);
    await redis?.stop();
    await database?.drop();
  });

  const newDraft = async () => {
    const id = `fan${++drafts}`;
    const user = await a.storage.users.create(`writer${drafts}`, 'hash');
    await a.storage.drafts.create(id, 'Draft', 'zh');
    const doc = new Y.Doc();
    doc.getText('t').insert(0, '第一条');
    const state = Y.encodeStateAsUpdate(doc);
    await a.storage.record.create(id, state, { userId: user.id, kind: 'create' });
    return { id, state, userId: user.id };
  };

  it('sends what one process stores to the connections of the other, which stores nothing again', async () => {
    const { id, state, userId } = await newDraft();
    const [roomA, roomB] = await Promise.all([a.rooms.acquire(id), b.rooms.acquire(id)]);
    const writer = peer(userId, 'writer');
    const reader = peer(userId, 'reader');
    roomA.join(writer);
    roomB.join(reader);
    // B answers A's first announcement only once it is subscribed: wait for that (its presence query).
    await new Promise((resolve) => setTimeout(resolve, 200));
    const typist = client(state);
    typist.type('网络安全', (message) => roomA.receive(writer, message));
    await until(() => roomB.doc.getText('t').toString() === '第一条网络安全', 'the text in B');
    const readerDoc = client(state).doc;
    for (const message of reader.sent.slice(1)) {
      // sync step 1 first, then the updates (type 0, sync update 2): apply what B sent its reader
      if (message[0] === 0 && message[1] === 2) Y.applyUpdate(readerDoc, message.slice(3));
    }
    expect(readerDoc.getText('t').toString()).toBe('第一条网络安全');
    // Stored once each: 1 first state + 4 keystrokes, and B's room holds them all without a hole.
    expect((await a.storage.record.head(id)).seq).toBe(5);
    expect(roomB.head.seq).toBe(5);
    expect(roomB.inStep).toBe(true);
    a.rooms.release(roomA);
    b.rooms.release(roomB);
  });

  it('carries presence across, also to a process that loads the draft later', async () => {
    const { id, state, userId } = await newDraft();
    const roomA = await a.rooms.acquire(id);
    const there = peer(userId, 'amina');
    roomA.join(there);
    const typist = client(state);
    const awareness = new awarenessProtocol.Awareness(typist.doc);
    awareness.setLocalState({ cursor: { anchor: 1 } });
    const encoder = encoding.createEncoder();
    encoding.writeVarUint(encoder, messageAwareness);
    encoding.writeVarUint8Array(
      encoder,
      awarenessProtocol.encodeAwarenessUpdate(awareness, [typist.doc.clientID]),
    );
    roomA.receive(there, encoding.toUint8Array(encoder));
    // B loads the draft after the presence was set: it asks, A answers.
    const roomB = await b.rooms.acquire(id);
    await until(() => roomB.awareness.getStates().has(typist.doc.clientID), 'the presence in B');
    expect(roomB.awareness.getStates().get(typist.doc.clientID)).toMatchObject({
      cursor: { anchor: 1 },
      user: { name: 'amina' },
    });
    // Leaving removes it in B too.
    roomA.leave(there);
    await until(() => !roomB.awareness.getStates().has(typist.doc.clientID), 'the presence gone in B');
    awareness.destroy();
    a.rooms.release(roomA);
    b.rooms.release(roomB);
  });

  it('reads what it missed while Redis was down from the record once Redis is back', async () => {
    const { id, state, userId } = await newDraft();
    const [roomA, roomB] = await Promise.all([a.rooms.acquire(id), b.rooms.acquire(id)]);
    const writer = peer(userId, 'writer');
    roomA.join(writer);
    roomB.join(peer(userId, 'reader'));
    await new Promise((resolve) => setTimeout(resolve, 200));
    await redis.stop();
    const typist = client(state);
    typist.type('条例', (message) => roomA.receive(writer, message));
    await roomA.settled();
    expect((await a.storage.record.head(id)).seq).toBe(3); // stored although nobody could be told
    expect(roomB.doc.getText('t').toString()).toBe('第一条');
    await redis.start();
    await until(() => roomB.doc.getText('t').toString() === '第一条条例', 'the text in B after Redis');
    expect(roomB.head.seq).toBe(3);
    a.rooms.release(roomA);
    b.rooms.release(roomB);
  });

  it('fills a hole left by another process from the record, and a checkpoint from a room that is behind drops nothing', async () => {
    const { id, state, userId } = await newDraft();
    // C hears nothing from the others (no fan-out): its room falls behind the record.
    const c = await startNode(database.url, null, 'C');
    try {
      const roomA = await a.rooms.acquire(id);
      const roomC = await c.rooms.acquire(id);
      const inA = peer(userId, 'a');
      const inC = peer(userId, 'c');
      roomA.join(inA);
      roomC.join(inC);
      client(state).type('甲乙丙', (message) => roomA.receive(inA, message));
      await roomA.settled();
      // C's own keystroke is stored after A's three: C holds entry 5 with a hole before it.
      const other = client(state);
      other.type('丁', (message) => roomC.receive(inC, message));
      await roomC.settled();
      expect(roomC.appended.seq).toBe(5);
      expect(roomC.head.seq).toBe(1);
      expect(roomC.inStep).toBe(false);
      expect(roomC.doc.getText('t').toString()).toBe('第一条丁');
      // C checkpoints: from the record, not from its document.
      await c.rooms.compactNow(id);
      const checkpoint = await c.storage.record.checkpointOf(id);
      expect(checkpoint?.seq).toBe(5);
      const fresh = loadDoc(id, await c.storage.record.load(id));
      const stored = fresh.getText('t').toString();
      expect([...stored].sort().join('')).toBe([...'第一条甲乙丙丁'].sort().join(''));
      fresh.destroy();
      expect(await verifyDraft(c.storage, id)).toMatchObject({ ok: true, entries: 5 });
      // And the repair brings C's room up to the record.
      await roomC.repair(c.storage.record);
      expect(roomC.head.seq).toBe(5);
      expect(roomC.inStep).toBe(true);
      expect(roomC.doc.getText('t').toString()).toBe(stored);
      a.rooms.release(roomA);
      c.rooms.release(roomC);
    } finally {
      await c.close();
    }
  });
});
