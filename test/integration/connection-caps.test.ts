// Readers cannot lock writers out (issue 11, finding 4): connections are capped per user (not per
// session), a writer always gets into a full draft (the least active reader makes way), quiet
// read-only connections are closed, and every refusal names the limit it hit.
import type WebSocket from 'ws';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connect, lawText, rawSocket, socketClosed, startServer, synced } from './helpers.ts';
import type { TestServer } from './helpers.ts';

let t: TestServer;
let owner: string;

beforeAll(async () => {
  t = await startServer({ limits: { maxConnectionsPerDraft: 10, maxConnectionsPerUser: 4 } });
  owner = await t.user('owner');
});
afterAll(async () => {
  await t.close();
});

/// Sign `name` in `times` times (each a session of its own) and return the tokens.
async function sessions(name: string, times: number): Promise<string[]> {
  const tokens = [await t.user(name)];
  while (tokens.length < times) {
    const res = await fetch(`${t.url}/api/session`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: name, password: 'correct horse' }),
    });
    tokens.push(((await res.json()) as { token: string }).token);
  }
  return tokens;
}

/// Whether `socket` is still open after the server had time to refuse it.
async function stillOpen(socket: WebSocket): Promise<boolean> {
  await new Promise((resolve) => setTimeout(resolve, 150));
  return socket.readyState === socket.OPEN;
}

describe('connection caps', () => {
  it('count a user’s connections over all their sessions, and say which cap refused one', async () => {
    const id = await t.draft(owner, { text: lawText(2) });
    const tokens = await sessions('vera', 4);
    await t.grant('vera', id, 'viewer');
    const open: WebSocket[] = [];
    for (const token of tokens) open.push(await rawSocket(t.wsUrl, id, token));
    for (const socket of open) expect(await stillOpen(socket)).toBe(true);
    const fifth = await socketClosed(await rawSocket(t.wsUrl, id, tokens[3]));
    expect(fifth.code).toBe(1013);
    expect(fifth.reason).toMatch(/your account \(4\)/);
    open.forEach((socket) => socket.close());
  });

  it('let a writer into a draft that readers filled, closing the least active reader', async () => {
    const id = await t.draft(owner, { text: lawText(3) });
    const readers: WebSocket[] = [];
    for (const name of ['walt', 'xena', 'yuri']) {
      const [token] = await sessions(name, 1);
      await t.grant(name, id, 'viewer');
      const count = name === 'yuri' ? 2 : 4;
      for (let i = 0; i < count; i++) readers.push(await rawSocket(t.wsUrl, id, token));
    }
    for (const socket of readers) expect(await stillOpen(socket)).toBe(true);
    const closings = readers.map((socket) => socketClosed(socket, 30_000));

    // The draft is full (10): one more reader is refused, naming the draft's cap.
    const [zoe] = await sessions('zoe', 1);
    await t.grant('zoe', id, 'viewer');
    const refused = await socketClosed(await rawSocket(t.wsUrl, id, zoe));
    expect(refused).toEqual({ code: 1013, reason: expect.stringMatching(/this draft \(10\)/) });

    // A drafter and the owner still get in; the first two readers (the least active) make way.
    const [drafter] = await sessions('dora', 1);
    await t.grant('dora', id, 'drafter');
    const writers = [connect(t.wsUrl, id, drafter), connect(t.wsUrl, id, owner)];
    await Promise.all(writers.map((w) => synced(w)));
    const first = await closings[0];
    expect(first.code).toBe(1013);
    expect(first.reason).toMatch(/editor/);
    expect((await closings[1]).code).toBe(1013);
    expect(readers.slice(2).every((socket) => socket.readyState === socket.OPEN)).toBe(true);
    writers.forEach((w) => w.destroy());
    readers.forEach((socket) => socket.close());
  });

  it('close read-only connections that stay quiet, and keep writers and readers that talk', async () => {
    const s = await startServer({ limits: { readerIdleTimeout: 400 }, pingInterval: 50 });
    try {
      const boss = await s.user('boss');
      const viewer = await s.user('viewer');
      const id = await s.draft(boss, { text: lawText(2) });
      await s.grant('viewer', id, 'viewer');
      const quiet = await rawSocket(s.wsUrl, id, viewer);
      const talking = await rawSocket(s.wsUrl, id, viewer);
      const writer = await rawSocket(s.wsUrl, id, boss);
      const quietClosed = socketClosed(quiet);
      const talk = setInterval(() => talking.send(new Uint8Array([3])), 100); // "who is here?"
      const { code, reason } = await quietClosed;
      clearInterval(talk);
      expect(code).toBe(1013);
      expect(reason).toMatch(/quiet/);
      expect(talking.readyState).toBe(talking.OPEN);
      expect(writer.readyState).toBe(writer.OPEN);
      talking.close();
      writer.close();
    } finally {
      await s.close();
    }
  });
});
