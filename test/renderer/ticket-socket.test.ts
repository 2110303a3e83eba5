// The renderer's sync connection through tickets, against a real server: the stock provider opens
// every connection with a fresh single-use ticket and no session token in the URL, reconnects with a
// new one after a drop, and stops on a ticket the server will not give.
import WebSocket from 'ws';
import { WebsocketProvider } from 'y-websocket';
import * as Y from 'yjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiClient } from '../../renderer/src/api/client.ts';
import { ticketedWebSocket, withTicket } from '../../renderer/src/api/ticket-socket.ts';
import type { WebSocketClass } from '../../renderer/src/api/ticket-socket.ts';
import { closed, lawText, startServer, synced, waitFor } from '../integration/helpers.ts';
import type { TestServer } from '../integration/helpers.ts';

let t: TestServer;
let token: string;

beforeAll(async () => {
  t = await startServer();
  token = await t.user('writer');
});
afterAll(async () => {
  await t.close();
});

/// A provider whose sockets fetch tickets through `api`, recording the URLs they open.
function provider(api: ApiClient, draftId: string) {
  const urls: string[] = [];
  class Recording extends WebSocket {
    constructor(url: string, protocols?: string | string[]) {
      super(url, protocols);
      urls.push(url);
    }
  }
  const p = new WebsocketProvider(api.syncUrl(), draftId, new Y.Doc(), {
    WebSocketPolyfill: ticketedWebSocket(
      () => api.ticket(draftId),
      Recording as unknown as WebSocketClass,
    ) as unknown as typeof globalThis.WebSocket,
    disableBc: true,
    maxBackoffTime: 200,
  });
  return { p, urls };
}

describe('ticketed websockets', () => {
  it('connect with a fresh ticket each time and never with the session token', async () => {
    const api = new ApiClient({ serverUrl: t.url, token });
    const id = await t.draft(token, { text: lawText(2) });
    const { p, urls } = provider(api, id);
    await synced(p);
    t.server.rooms.closeConnections(id, 1013, 'try again');
    await waitFor(() => urls.length === 2 && p.synced, 'reconnected');
    expect(urls.every((url) => /\?ticket=[A-Za-z0-9_-]{43}$/.test(url))).toBe(true);
    expect(new Set(urls).size).toBe(2);
    expect(urls.some((url) => url.includes(token))).toBe(false);
    p.destroy();
  });

  it('stop for good when the server refuses the ticket', async () => {
    const owner = new ApiClient({ serverUrl: t.url, token });
    const id = await t.draft(token, { text: lawText(2) });
    const stranger = await t.user('stranger');
    const { p, urls } = provider(owner.withToken(stranger), id);
    const refusal = closed(p);
    expect((await refusal).code).toBe(4404);
    expect(p.shouldConnect).toBe(false);
    expect(urls).toEqual([]);
    p.destroy();
  });

  it('hand each message to onmessage and to listeners added for it, and to none removed', async () => {
    const api = new ApiClient({ serverUrl: t.url, token });
    const id = await t.draft(token, { text: lawText(2) });
    const Ticketed = ticketedWebSocket(() => api.ticket(id), WebSocket as unknown as WebSocketClass);
    const socket = new Ticketed(`${api.syncUrl()}/${id}`);
    const seen = { handler: 0, listener: 0, removed: 0 };
    socket.onmessage = (event) => {
      if (event.data instanceof ArrayBuffer) seen.handler++;
    };
    const removed = () => seen.removed++;
    socket.addEventListener('message', (event) => {
      if ((event as MessageEvent).data instanceof ArrayBuffer) seen.listener++;
    });
    socket.addEventListener('message', removed);
    socket.removeEventListener('message', removed);
    // The server opens with its sync step 1 (and its presence).
    await waitFor(() => seen.handler > 0 && seen.listener === seen.handler, 'a message');
    expect(seen.removed).toBe(0);
    socket.close();
  });

  it('add the ticket to a URL with or without a query', () => {
    expect(withTicket('ws://h/sync/d', 'a b')).toBe('ws://h/sync/d?ticket=a%20b');
    expect(withTicket('ws://h/sync/d?x=1', 't')).toBe('ws://h/sync/d?x=1&ticket=t');
  });
});
