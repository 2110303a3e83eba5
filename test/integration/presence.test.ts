// Presence and sync requests under attack (issue 11, finding 5): a connection sets and removes only
// the presence states it introduced, names and colours come from the signed-in account, states are
// capped in number and size, and asking for the whole document again and again is bounded.
import * as encoding from 'lib0/encoding';
import type WebSocket from 'ws';
import * as Y from 'yjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { userColor } from '../../core/index.ts';
import { connect, lawText, rawSocket, socketClosed, startServer, synced, waitFor } from './helpers.ts';
import type { TestServer } from './helpers.ts';

let t: TestServer;
let alice: string;
let bob: string;
let mallory: string;

beforeAll(async () => {
  t = await startServer({
    limits: { maxPresenceStates: 4, maxPresenceBytes: 4096, syncRequestBurst: 10, syncRequestInterval: 1000 },
  });
  alice = await t.user('alice');
  bob = await t.user('bob');
  mallory = await t.user('mallory');
});
afterAll(async () => {
  await t.close();
});

async function sharedDraft(): Promise<string> {
  const id = await t.draft(alice, { text: lawText(3) });
  await t.grant('bob', id, 'reviewer');
  await t.grant('mallory', id, 'viewer');
  return id;
}

/// An awareness message setting (or with `null`, removing) the states of `entries`.
function presence(entries: Array<{ client: number; clock: number; state: unknown }>): Uint8Array {
  const update = encoding.createEncoder();
  encoding.writeVarUint(update, entries.length);
  for (const { client, clock, state } of entries) {
    encoding.writeVarUint(update, client);
    encoding.writeVarUint(update, clock);
    encoding.writeVarString(update, JSON.stringify(state));
  }
  const message = encoding.createEncoder();
  encoding.writeVarUint(message, 1);
  encoding.writeVarUint8Array(message, encoding.toUint8Array(update));
  return encoding.toUint8Array(message);
}

/// A sync step 1 asking for everything the server has beyond `doc`'s state.
function syncStep1(doc = new Y.Doc()): Uint8Array {
  const message = encoding.createEncoder();
  encoding.writeVarUint(message, 0);
  encoding.writeVarUint(message, 0);
  encoding.writeVarUint8Array(message, Y.encodeStateVector(doc));
  return encoding.toUint8Array(message);
}

/// Bytes received on `socket` from now on.
function received(socket: WebSocket): { bytes: number; frames: Uint8Array[] } {
  const tally = { bytes: 0, frames: [] as Uint8Array[] };
  socket.on('message', (data: Buffer) => {
    tally.bytes += data.length;
    tally.frames.push(new Uint8Array(data));
  });
  return tally;
}

const settle = () => new Promise((resolve) => setTimeout(resolve, 200));

describe('presence', () => {
  it('shows the account’s name and colour, whatever the client claims, and keeps the rest', async () => {
    const id = await sharedDraft();
    const [watcher, liar] = [connect(t.wsUrl, id, bob), connect(t.wsUrl, id, mallory)];
    await Promise.all([synced(watcher), synced(liar)]);
    liar.awareness.setLocalState({ user: { name: 'alice (admin)', color: '#000000' }, cursor: { at: 7 } });
    await waitFor(() => watcher.awareness.getStates().get(liar.doc.clientID)?.cursor?.at === 7, 'presence');
    expect(watcher.awareness.getStates().get(liar.doc.clientID)).toEqual({
      user: { name: 'mallory', color: userColor('mallory') },
      cursor: { at: 7 },
    });
    watcher.destroy();
    liar.destroy();
  });

  it('lets a connection set and remove only the states it introduced', async () => {
    const id = await sharedDraft();
    const [victim, watcher] = [connect(t.wsUrl, id, alice), connect(t.wsUrl, id, bob)];
    await Promise.all([synced(victim), synced(watcher)]);
    victim.awareness.setLocalStateField('user', { name: 'alice' });
    const client = victim.doc.clientID;
    await waitFor(() => watcher.awareness.getStates().get(client)?.user?.name === 'alice', 'presence');
    const clock = victim.awareness.meta.get(client)!.clock;

    const attacker = await rawSocket(t.wsUrl, id, mallory);
    attacker.send(presence([{ client, clock: clock + 5, state: { user: { name: 'hacked' } } }]));
    attacker.send(presence([{ client, clock: clock + 6, state: null }]));
    await settle();
    expect(watcher.awareness.getStates().get(client)?.user?.name).toBe('alice');
    expect(attacker.readyState).toBe(attacker.OPEN);
    // Its own state it may set and remove.
    attacker.send(presence([{ client: 4242, clock: 1, state: { cursor: null } }]));
    await waitFor(() => watcher.awareness.getStates().get(4242)?.user?.name === 'mallory', 'own state');
    attacker.send(presence([{ client: 4242, clock: 2, state: null }]));
    await waitFor(() => !watcher.awareness.getStates().has(4242), 'own state removed');
    attacker.close();
    victim.destroy();
    watcher.destroy();
  });

  it('closes a connection that floods presence with states, and relays none of them', async () => {
    const id = await sharedDraft();
    const attacker = await rawSocket(t.wsUrl, id, mallory);
    const refused = socketClosed(attacker);
    const ghosts = Array.from({ length: 10_000 }, (_, i) => ({
      client: 1_000_000 + i,
      clock: 1,
      state: { g: i },
    }));
    attacker.send(presence(ghosts));
    const { code, reason } = await refused;
    expect(code).toBe(4400);
    expect(reason).toMatch(/presence states .*\(4\)/);
    const newcomer = connect(t.wsUrl, id, bob);
    await synced(newcomer);
    await settle();
    expect([...newcomer.awareness.getStates().keys()]).toEqual([newcomer.doc.clientID]);
    newcomer.destroy();
  });

  it('closes a connection that sends an oversized state, and relays nothing of it', async () => {
    const id = await sharedDraft();
    const watcher = connect(t.wsUrl, id, bob);
    await synced(watcher);
    const attacker = await rawSocket(t.wsUrl, id, mallory);
    const refused = socketClosed(attacker);
    attacker.send(presence([{ client: 777, clock: 1, state: { blob: 'x'.repeat(10_000) } }]));
    const { code, reason } = await refused;
    expect(code).toBe(4400);
    expect(reason).toMatch(/presence state too big: \d+ bytes, the limit is 4096/);
    await settle();
    expect(watcher.awareness.getStates().has(777)).toBe(false);
    watcher.destroy();
  });
});

describe('sync requests', () => {
  it('answer only what the client lacks', async () => {
    const id = await sharedDraft();
    const reader = connect(t.wsUrl, id, bob);
    await synced(reader);
    const socket = await rawSocket(t.wsUrl, id, bob);
    const tally = received(socket);
    await settle();
    const before = tally.frames.length;
    socket.send(syncStep1(reader.doc));
    await waitFor(() => tally.frames.length > before, 'answer');
    // A sync step 2 holding an empty update: nothing is missing.
    expect(tally.frames[before].length).toBeLessThan(16);
    expect([...tally.frames[before].subarray(0, 2)]).toEqual([0, 1]);
    socket.close();
    reader.destroy();
  });

  it('are bounded: a flood of requests for the whole draft is answered a few times, then closed', async () => {
    const id = await t.draft(alice, { text: lawText(400) });
    await t.grant('mallory', id, 'viewer');
    const socket = await rawSocket(t.wsUrl, id, mallory);
    const tally = received(socket);
    const refused = socketClosed(socket);
    const request = syncStep1();
    for (let i = 0; i < 2000; i++) socket.send(request);
    const { code, reason } = await refused;
    expect(code).toBe(1013);
    expect(reason).toMatch(/sync requests/);
    // Each answer is the whole draft; no more than the burst (10) and the greeting got through.
    const whole = tally.frames.reduce((max, frame) => Math.max(max, frame.length), 0);
    expect(whole).toBeGreaterThan(10_000);
    expect(tally.bytes).toBeLessThanOrEqual(12 * whole);
  });
});
