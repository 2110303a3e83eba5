// Session tokens stay out of logs and URLs (issue 11, finding 2, and finding 13's commenter address):
// every log line is scanned for the tokens and tickets used; the browser connects its websocket and
// event stream with a short-lived single-use ticket instead of its session token.
import { Writable } from 'node:stream';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createServer } from '../../server/app.ts';
import { api, closed, connect, lawText, rawSocket, socketClosed, startServer, synced } from './helpers.ts';
import type { TestServer } from './helpers.ts';

let t: TestServer;
let token: string;
const lines: string[] = [];

beforeAll(async () => {
  const sink = new Writable({
    write(chunk: Buffer, _encoding, done) {
      lines.push(...chunk.toString().split('\n').filter(Boolean));
      done();
    },
  });
  t = await startServer({ logger: pino({ level: 'trace' }, sink), trustProxy: true, ticketLifetime: 500 });
  token = await t.user('alice');
});
afterAll(async () => {
  await t.close();
});

const ticketFor = async (draftId: string, bearer = token) => {
  const res = await api(t.url, 'POST', `/api/drafts/${draftId}/ticket`, { token: bearer });
  expect(res.status, res.text).toBe(200);
  const body = res.json as { ticket: string; expiresIn: number };
  expect(body.expiresIn).toBe(0.5);
  return body.ticket;
};

/// Open the event stream at `query` and resolve with the status and the first chunk.
const openEvents = async (draftId: string, query: string) => {
  const controller = new AbortController();
  const res = await fetch(`${t.url}/api/drafts/${draftId}/events?${query}`, { signal: controller.signal });
  let first = '';
  if (res.ok && res.body) {
    const reader = res.body.getReader();
    first = new TextDecoder().decode((await reader.read()).value);
  }
  controller.abort();
  return { status: res.status, first };
};

describe('tickets', () => {
  it('open one websocket, once, within their lifetime, for their draft only', async () => {
    const id = await t.draft(token, { text: lawText(3) });
    const other = await t.draft(token, { text: lawText(2) });
    const ticket = await ticketFor(id);
    const p = connect(t.wsUrl, id, undefined, undefined, false);
    p.params = { ticket };
    p.connect();
    await synced(p);
    p.destroy();

    const again = connect(t.wsUrl, id, undefined, undefined, false);
    again.params = { ticket };
    again.connect();
    expect((await closed(again)).code).toBe(4401);
    again.destroy();

    const wrongDraft = await ticketFor(id);
    const elsewhere = connect(t.wsUrl, other, undefined, undefined, false);
    elsewhere.params = { ticket: wrongDraft };
    elsewhere.connect();
    expect((await closed(elsewhere)).code).toBe(4401);
    elsewhere.destroy();

    const stale = await ticketFor(id);
    await new Promise((resolve) => setTimeout(resolve, 600));
    const late = connect(t.wsUrl, id, undefined, undefined, false);
    late.params = { ticket: stale };
    late.connect();
    expect((await closed(late)).code).toBe(4401);
    late.destroy();
  });

  it('open the event stream once, and die with the session they came from', async () => {
    const id = await t.draft(token, { text: lawText(2) });
    const ticket = await ticketFor(id);
    const first = await openEvents(id, `ticket=${ticket}`);
    expect(first.status).toBe(200);
    expect(first.first).toContain('event: ready');
    expect((await openEvents(id, `ticket=${ticket}`)).status).toBe(401);

    const leaving = await t.user('leaver');
    await t.grant('leaver', id, 'viewer');
    const orphan = await ticketFor(id, leaving);
    expect((await api(t.url, 'DELETE', '/api/session', { token: leaving })).status).toBe(204);
    expect((await openEvents(id, `ticket=${orphan}`)).status).toBe(401);
  });

  it('are good at any server process on the same data, once', async () => {
    const id = await t.draft(token, { text: lawText(2) });
    const other = await createServer({
      port: 0,
      dataDir: t.dir,
      logger: false,
      seedDir: null,
      rendererDir: null,
    });
    try {
      const ticket = await ticketFor(id);
      const wsUrl = other.url.replace(/^http/, 'ws') + '/sync';
      const p = connect(wsUrl, id, undefined, undefined, false);
      p.params = { ticket };
      p.connect();
      await synced(p);
      p.destroy();
      const again = connect(t.wsUrl, id, undefined, undefined, false);
      again.params = { ticket };
      again.connect();
      expect((await closed(again)).code).toBe(4401);
      again.destroy();
    } finally {
      await other.close();
    }
  });

  it('are given only to members of the draft', async () => {
    const id = await t.draft(token, { text: lawText(2) });
    const outsider = await t.user('outsider');
    expect((await api(t.url, 'POST', `/api/drafts/${id}/ticket`, { token: outsider })).status).toBe(404);
    expect((await api(t.url, 'POST', `/api/drafts/${id}/ticket`)).status).toBe(401);
  });
});

describe('the log', () => {
  it('never holds a session token, a ticket, or a public commenter’s address', async () => {
    const id = await t.draft(token, { text: lawText(3) });
    const secrets = [token];
    // The stock client with ?token=, a raw socket with a wrong token, the event stream with ?token=.
    const p = connect(t.wsUrl, id, token);
    await synced(p);
    p.destroy();
    const wrong = 'not-a-real-token-but-shaped-like-one-xxxxxxxx';
    secrets.push(wrong);
    await socketClosed(await rawSocket(t.wsUrl, id, wrong));
    expect((await openEvents(id, `token=${token}`)).status).toBe(200);
    expect((await openEvents(id, `token=${wrong}`)).status).toBe(401);
    // Tickets, used and unused.
    const ticket = await ticketFor(id);
    secrets.push(ticket);
    expect((await openEvents(id, `ticket=${ticket}`)).status).toBe(200);
    expect((await openEvents(id, `ticket=${ticket}`)).status).toBe(401);
    // Tokens in the query of other routes, and a failing route.
    await api(t.url, 'GET', `/api/drafts?token=${token}`);
    await api(t.url, 'GET', `/api/nothing?access_token=${token}&x=1`);
    // A public comment from a proxied address.
    const version = await api(t.url, 'POST', `/api/drafts/${id}/versions`, { token, body: { label: 'v1' } });
    const versionId = (version.json as { id: string }).id;
    await api(t.url, 'PUT', `/api/drafts/${id}/public`, { token, body: { versionId, open: true } });
    const comment = await api(t.url, 'POST', `/api/public/drafts/${id}/comments`, {
      body: { articleId: null, body: 'a view', name: 'Zhao' },
      headers: { 'x-forwarded-for': '203.0.113.99' },
    });
    expect(comment.status).toBe(201);
    await new Promise((resolve) => setTimeout(resolve, 100));

    expect(lines.length).toBeGreaterThan(20);
    expect(lines.some((line) => line.includes('/sync/'))).toBe(true);
    expect(lines.some((line) => line.includes('[redacted]'))).toBe(true);
    for (const secret of secrets) {
      expect(lines.filter((line) => line.includes(secret) || line.includes(secret.slice(0, 16)))).toEqual([]);
    }
    expect(lines.filter((line) => line.includes('203.0.113.99'))).toEqual([]);
  });
});
