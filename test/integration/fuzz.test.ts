// Fuzz: thousands of malformed, truncated, oversized and random websocket frames and HTTP bodies.
// The server stays up, healthy clients keep syncing, and every bad HTTP request gets a 4xx.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as encoding from 'lib0/encoding';
import WebSocket from 'ws';
import * as Y from 'yjs';
import { api, bodyText, connect, lawText, startServer, synced, type, waitFor } from './helpers.ts';
import type { TestServer } from './helpers.ts';

const maxMessageSize = 64 * 1024;
let t: TestServer;
let writer: string;
let reader: string;
let id: string;

// A small deterministic generator, so a failure can be replayed.
let seed = 0x2545f491;
const random = () => {
  seed ^= seed << 13;
  seed ^= seed >>> 17;
  seed ^= seed << 5;
  return (seed >>> 0) / 0x100000000;
};
const int = (n: number) => Math.floor(random() * n);
const pick = <T>(items: readonly T[]): T => items[int(items.length)];
const bytes = (n: number) => Uint8Array.from({ length: n }, () => int(256));

beforeAll(async () => {
  t = await startServer({
    limits: { maxMessageSize, newConnectionsPerMinute: 1_000_000, maxConnectionsPerUser: 1000 },
  });
  writer = await t.user('writer', { admin: true });
  reader = await t.user('reader');
  id = await t.draft(writer, { text: lawText(10) });
  await t.grant('reader', id, 'viewer');
});
afterAll(async () => {
  await t.close();
});

/// Valid messages to mutate: a real update, sync step 1 and 2, an awareness update.
function samples(): Uint8Array[] {
  const doc = new Y.Doc();
  const updates: Uint8Array[] = [];
  doc.on('update', (u: Uint8Array) => updates.push(u));
  doc.getXmlFragment('body').insert(0, [new Y.XmlText('hello')]);
  doc.getText('notes').insert(0, 'some notes');
  doc.getText('notes').delete(2, 3);
  const message = (write: (e: encoding.Encoder) => void) => {
    const e = encoding.createEncoder();
    write(e);
    return encoding.toUint8Array(e);
  };
  return [
    ...updates.map((u) =>
      message(
        (e) => (encoding.writeVarUint(e, 0), encoding.writeVarUint(e, 2), encoding.writeVarUint8Array(e, u)),
      ),
    ),
    message(
      (e) => (
        encoding.writeVarUint(e, 0),
        encoding.writeVarUint(e, 0),
        encoding.writeVarUint8Array(e, Y.encodeStateVector(doc))
      ),
    ),
    message(
      (e) => (
        encoding.writeVarUint(e, 0),
        encoding.writeVarUint(e, 1),
        encoding.writeVarUint8Array(e, Y.encodeStateAsUpdate(doc))
      ),
    ),
    message((e) => {
      encoding.writeVarUint(e, 1);
      const a = encoding.createEncoder();
      encoding.writeVarUint(a, 1);
      encoding.writeVarUint(a, 12345);
      encoding.writeVarUint(a, 1);
      encoding.writeVarString(a, JSON.stringify({ user: { name: 'fuzz' } }));
      encoding.writeVarUint8Array(e, encoding.toUint8Array(a));
    }),
  ];
}

function badFrame(valid: Uint8Array[]): Uint8Array | string {
  const base = pick(valid);
  switch (int(8)) {
    case 0:
      return bytes(1 + int(64)); // random
    case 1:
      return base.subarray(0, int(base.length)); // truncated
    case 2: {
      const copy = base.slice(); // mutated
      for (let i = 0; i < 1 + int(4); i++) copy[int(copy.length)] = int(256);
      return copy;
    }
    case 3:
      return Uint8Array.of(0, int(256), ...bytes(int(16))); // sync with an unknown or garbage body
    case 4:
      return Uint8Array.of(1, ...bytes(int(32))); // awareness garbage
    case 5:
      return Uint8Array.of(int(256), int(256)); // unknown message types
    case 6:
      return 'a text frame';
    default:
      return Uint8Array.of(0, 2, 0xff, 0xff, 0xff, 0xff, 0x0f); // an update claiming 4 GiB
  }
}

function open(token: string): Promise<WebSocket> {
  return new Promise((resolve, reject) => {
    const socket = new WebSocket(`${t.wsUrl}/${id}?token=${token}`);
    socket.on('error', () => {}); // the server closing abruptly is expected
    socket.once('open', () => resolve(socket));
    socket.once('unexpected-response', () => reject(new Error('upgrade refused')));
  });
}

describe('fuzz', () => {
  it('survives thousands of bad frames while healthy clients keep syncing', async () => {
    const [a, b] = [connect(t.wsUrl, id, writer), connect(t.wsUrl, id, reader)];
    await Promise.all([synced(a), synced(b)]);
    const valid = samples();
    const codes = new Map<number, number>();
    let frames = 0;
    let oversized = 0;
    let keystrokes = 0;
    while (frames < 4000) {
      const socket = await open(frames % 3 === 0 ? reader : writer);
      let closedWith = 0;
      socket.once('close', (code) => {
        closedWith = code;
        codes.set(code, (codes.get(code) ?? 0) + 1);
      });
      // One frame at a time: a ping after each, so the frame was handled when the pong (or close) comes.
      for (let i = 0; i < 20 && !closedWith; i++) {
        if (frames % 200 === 0) {
          socket.send(new Uint8Array(maxMessageSize + 1 + int(1000))); // oversized
          oversized++;
        } else {
          const frame = badFrame(valid);
          socket.send(frame, { binary: typeof frame !== 'string' });
        }
        frames++;
        await new Promise<void>((resolve) => {
          const timer = setTimeout(resolve, 1000);
          const done = () => {
            clearTimeout(timer);
            socket.off('pong', done);
            socket.off('close', done);
            resolve();
          };
          socket.on('pong', done);
          socket.on('close', done);
          if (socket.readyState === WebSocket.OPEN) socket.ping();
          else done();
        });
      }
      if (frames % 50 < 20) {
        type(a.doc, 1 + (frames % 10), 'k');
        keystrokes++;
      }
      if (!closedWith) {
        const done = new Promise((resolve) => socket.once('close', resolve));
        socket.close();
        await done;
      }
    }
    expect(codes.get(4400)).toBeGreaterThan(100);
    expect(codes.get(1009)).toBeGreaterThanOrEqual(1);
    expect(oversized).toBeGreaterThan(10);

    // The healthy pair never dropped and still syncs.
    type(a.doc, 2, 'after the storm');
    await waitFor(() => bodyText(b.doc).includes('after the storm'), 'healthy sync');
    expect(Y.encodeStateVector(b.doc)).toEqual(Y.encodeStateVector(a.doc));
    expect(bodyText(b.doc).split('k').length - 1).toBeGreaterThanOrEqual(keystrokes);
    expect(a.wsconnected && b.wsconnected).toBe(true);
    expect((await api(t.url, 'GET', '/api/health')).status).toBe(200);
    expect(
      (await api(t.url, 'GET', `/api/drafts/${id}/export?format=json`, { token: writer })).status,
    ).toBeLessThan(500);
    a.destroy();
    b.destroy();
  }, 90_000);

  it('answers every bad HTTP request with a 4xx {error, detail}', async () => {
    const version = await api(t.url, 'POST', `/api/drafts/${id}/versions`, {
      token: writer,
      body: { label: 'v1' },
    });
    const vid = (version.json as { id: string }).id;
    const junkValues: unknown[] = [
      null,
      true,
      0,
      -1,
      1e308,
      '',
      ' ',
      'x'.repeat(600),
      [],
      [1, 2],
      {},
      { a: 1 },
      '\u0000',
    ];
    const junkJson = [
      '{',
      '}',
      '[',
      '{"a":',
      'nul',
      '"unterminated',
      '{"__proto__": {"x": 1}}',
      '\u0000',
      '{"title": "a",}',
      '💥',
    ];
    const nonStrings = junkValues.filter((v) => typeof v !== 'string');
    const invalid: Record<string, unknown[]> = {
      username: [...nonStrings, '', 'x'.repeat(65)],
      password: [...nonStrings, '', 'x'.repeat(1025)],
      title: [...nonStrings, '', ' ', 'x'.repeat(501)],
      language: [...junkValues, 'fr', 'ZH'],
      text: nonStrings,
      role: [...junkValues, 'admin', 'Owner'],
      label: [...nonStrings, '', ' ', 'x'.repeat(201)],
    };
    const targets: Array<{ method: string; path: string; fields: Record<string, unknown[]> }> = [
      { method: 'POST', path: '/api/session', fields: { username: ['x'], password: ['y'] } },
      {
        method: 'POST',
        path: '/api/drafts',
        fields: { title: ['T'], language: ['en'], text: ['Article 1 x'] },
      },
      { method: 'PATCH', path: `/api/drafts/${id}`, fields: { title: ['T'] } },
      { method: 'PUT', path: `/api/drafts/${id}/members/reader`, fields: { role: ['viewer'] } },
      { method: 'POST', path: `/api/drafts/${id}/versions`, fields: { label: ['L'] } },
    ];
    const badBody = (fields: Record<string, unknown[]>): { body: string; contentType?: string } => {
      switch (int(6)) {
        case 0:
          return { body: pick(junkJson) };
        case 1:
          return {
            body: JSON.stringify(
              pick(junkValues.filter((v) => typeof v !== 'object' || Array.isArray(v) || v === null)),
            ),
          };
        case 2: {
          // a valid object plus an unknown key
          const object: Record<string, unknown> = {};
          for (const [k, v] of Object.entries(fields)) object[k] = pick(v);
          object[`extra${int(10)}`] = pick(junkValues);
          return { body: JSON.stringify(object) };
        }
        case 3: {
          // one field of a wrong type or value
          const object: Record<string, unknown> = {};
          for (const [k, v] of Object.entries(fields)) object[k] = pick(v);
          const key = pick(Object.keys(fields));
          object[key] = pick(invalid[key]);
          return { body: JSON.stringify(object) };
        }
        case 4:
          return {
            body: 'a=1&b=2',
            contentType: pick([
              'application/x-www-form-urlencoded',
              'text/xml',
              'multipart/form-data; boundary=x',
              'application/octet-stream',
            ]),
          };
        default:
          return { body: JSON.stringify({ title: 'x'.repeat(maxMessageSize) }) }; // over the body limit
      }
    };
    const statuses = new Map<number, number>();
    const count = (status: number) => statuses.set(status, (statuses.get(status) ?? 0) + 1);
    for (let i = 0; i < 1500; i++) {
      const target = pick(targets);
      const { body, contentType } = badBody(target.fields);
      const token = target.path === '/api/session' ? undefined : writer;
      const res = await api(t.url, target.method, target.path, { token, body, contentType });
      count(res.status);
      expect(
        res.status,
        `${target.method} ${target.path} ${body.slice(0, 80)} → ${res.text}`,
      ).toBeGreaterThanOrEqual(400);
      expect(res.status).toBeLessThan(500);
      expect(res.json).toEqual({ error: expect.any(String), detail: expect.any(String) });
    }
    const queries = [
      'format=',
      'format=pdf',
      'format=txt&format=md',
      'format[]=txt',
      '',
      'format=%00',
      'format=%E0%A4%A',
    ];
    const paths = [
      `/api/drafts/${id}/export`,
      `/api/drafts/${id}/versions/${vid}/export`,
      `/api/drafts/${id}/versions/nosuch/export`,
      `/api/drafts/%2e%2e%2f/export`,
      `/api/drafts/${'x'.repeat(5000)}`,
      `/api/drafts/${id}/versions/${'%ff'.repeat(10)}/export`,
    ];
    for (let i = 0; i < 300; i++) {
      const res = await api(t.url, 'GET', `${pick(paths)}?${pick(queries)}`, { token: writer });
      count(res.status);
      expect(res.status, res.text).toBeGreaterThanOrEqual(400);
      expect(res.status).toBeLessThan(500);
    }
    for (const path of [
      '/../../etc/passwd',
      '/%2e%2e/%2e%2e/etc/passwd',
      '/%00',
      '/%',
      '/sync/x',
      '/api',
      '/api/nothing',
    ]) {
      const res = await api(t.url, 'GET', path);
      expect(res.status, path).toBeGreaterThanOrEqual(400);
      expect(res.status, path).toBeLessThan(500);
    }
    expect(statuses.get(400)).toBeGreaterThan(100);
    expect((await api(t.url, 'GET', '/api/health')).status).toBe(200);
  }, 90_000);
});
