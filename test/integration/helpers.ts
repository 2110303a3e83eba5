// Shared set-up of the integration tests: a real server on a random loopback port over SQLite in a
// temp folder (or a fresh database of the test run's PostgreSQL), users, sign-in, and stock
// y-websocket clients.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import WebSocket from 'ws';
import { WebsocketProvider } from 'y-websocket';
import * as Y from 'yjs';
import { chineseNumeral } from '../../core/index.ts';
import { createServer } from '../../server/app.ts';
import type { LifaServer, ServerOptions } from '../../server/app.ts';
import { hashPassword } from '../../server/auth/password.ts';
import type { Role } from '../../server/auth/roles.ts';
import { SqliteStorage } from '../../server/storage/sqlite-storage.ts';
import type { Storage as Repositories } from '../../server/storage/storage.ts';
import { postgresDatabase } from '../helpers/services.ts';

/// The engines a server's storage can run on.
export type TestEngine = 'sqlite' | 'postgres';

/// Both engines, for suites that run on each (the HTTP and sync behaviour must not depend on it).
export const testEngines: readonly TestEngine[] = ['sqlite', 'postgres'];

export interface TestServer {
  readonly server: LifaServer;
  readonly url: string;
  readonly wsUrl: string;
  readonly dir: string;
  /// Create a user and sign in; returns the token.
  user(name: string, options?: { admin?: boolean; password?: string }): Promise<string>;
  /// Give `name` `role` on `draftId` directly in storage.
  grant(name: string, draftId: string, role: Role): Promise<void>;
  /// Create a draft as the holder of `token` (via the API) and return its id.
  draft(token: string, body?: Record<string, unknown>): Promise<string>;
  close(): Promise<void>;
}

// Each stock provider listens to process 'exit'; tests open many.
process.setMaxListeners(200);

// scrypt is slow on purpose (2^17 by default: a few hundred ms a check). Test servers hash at 2^14
// unless a test asks for more, and every test user shares one hash.
const testPasswordCost = 2 ** 14;
let sharedHash: Promise<string> | undefined;

/// A temp folder, removed by the returned function.
/// The synchronous SQLite repositories under `server`'s storage (the embedded default), for tests
/// that look at or change the database behind the server's back.
export function repositories(server: LifaServer): Repositories {
  if (!(server.store instanceof SqliteStorage)) throw new Error('the server does not run on SQLite');
  return server.store.repositories;
}

export function tempDir(): { dir: string; remove: () => void } {
  const dir = mkdtempSync(join(tmpdir(), 'lifa-test-'));
  return { dir, remove: () => rmSync(dir, { recursive: true, force: true }) };
}

/// startServer on `engine`.
export function startServerOn(engine: TestEngine, options: ServerOptions = {}): Promise<TestServer> {
  return startServer(options, engine);
}

/// Start a server with no seed drafts, no logs, no renderer and the public form's proof-of-work
/// check off (tests post public comments as scripts do) unless `options` says otherwise, on `engine`:
/// SQLite in a temp folder by default, else a fresh database of the test run's PostgreSQL (dropped
/// on close).
export async function startServer(
  options: ServerOptions = {},
  engine: TestEngine = 'sqlite',
): Promise<TestServer> {
  const temp = tempDir();
  const database = engine === 'postgres' ? await postgresDatabase() : null;
  const server = await createServer({
    ...(database ? { databaseUrl: database.url } : {}),
    port: 0,
    dataDir: temp.dir,
    logger: false,
    seedDir: null,
    rendererDir: null,
    publicProof: 'off',
    passwordCost: testPasswordCost,
    ...options,
  });
  const url = server.url;
  const t: TestServer = {
    server,
    url,
    wsUrl: url.replace(/^http/, 'ws') + '/sync',
    dir: temp.dir,
    async user(name, { admin = false, password = 'correct horse' } = {}) {
      sharedHash ??= hashPassword('correct horse', testPasswordCost);
      const hash =
        password === 'correct horse' ? await sharedHash : await hashPassword(password, testPasswordCost);
      await server.store.users.create(name, hash, admin);
      const res = await api(url, 'POST', '/api/session', { body: { username: name, password } });
      if (res.status !== 200) throw new Error(`sign-in of ${name} failed: ${res.status}`);
      return (res.json as { token: string }).token;
    },
    async grant(name, draftId, role) {
      await server.store.memberships.set(draftId, (await server.store.users.byName(name))!.id, role);
    },
    async draft(token, body = {}) {
      const res = await api(url, 'POST', '/api/drafts', { token, body });
      if (res.status !== 201) throw new Error(`draft creation failed: ${res.status} ${res.text}`);
      return (res.json as { id: string }).id;
    },
    async close() {
      await server.close();
      await database?.drop();
      temp.remove();
    },
  };
  return t;
}

export interface ApiResponse {
  readonly status: number;
  readonly headers: Headers;
  readonly text: string;
  readonly json: unknown;
}

/// One HTTP request; `body` is sent as JSON unless it is a string or bytes (sent as is, with
/// `contentType`) or a FormData (sent as multipart/form-data).
export async function api(
  base: string,
  method: string,
  path: string,
  options: { token?: string; body?: unknown; contentType?: string; headers?: Record<string, string> } = {},
): Promise<ApiResponse> {
  const headers: Record<string, string> = { ...options.headers };
  if (options.token) headers.authorization = `Bearer ${options.token}`;
  let body: string | Buffer<ArrayBuffer> | FormData | undefined;
  if (options.body instanceof FormData) body = options.body;
  else if (options.body !== undefined) {
    if (typeof options.body === 'string') body = options.body;
    else if (options.body instanceof Uint8Array) body = Buffer.from(options.body);
    else body = JSON.stringify(options.body);
    headers['content-type'] = options.contentType ?? 'application/json';
  }
  const res = await fetch(base + path, { method, headers, body });
  const text = await res.text();
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    json = undefined;
  }
  return { status: res.status, headers: res.headers, text, json };
}

/// `POST /api/drafts/:id/suggestions/import` of the DOCX `bytes`, as the holder of `token`.
export async function importDocx(
  base: string,
  token: string,
  draftId: string,
  bytes: Uint8Array,
): Promise<ApiResponse> {
  return api(base, 'POST', `/api/drafts/${draftId}/suggestions/import`, {
    token,
    body: bytes,
    contentType: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  });
}

/// A stock y-websocket client of draft `draftId`.
export function connect(
  wsUrl: string,
  draftId: string,
  token: string | undefined,
  doc = new Y.Doc(),
  connect = true,
): WebsocketProvider {
  return new WebsocketProvider(wsUrl, draftId, doc, {
    params: token === undefined ? {} : { token },
    WebSocketPolyfill: WebSocket as unknown as typeof globalThis.WebSocket,
    disableBc: true,
    connect,
    maxBackoffTime: 200,
  });
}

/// Resolve once `provider` has synced with the server.
export function synced(provider: WebsocketProvider, timeout = 10_000): Promise<void> {
  if (provider.synced) return Promise.resolve();
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('not synced in time')), timeout);
    provider.once('sync', (state: boolean) => {
      clearTimeout(timer);
      if (state) resolve();
    });
  });
}

/// Resolve with the first close the server sends `provider` ({code, reason}).
export function closed(
  provider: WebsocketProvider,
  timeout = 10_000,
): Promise<{ code: number; reason: string }> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('not closed in time')), timeout);
    const onClose = (event: { code: number; reason: string } | null) => {
      if (!event) return;
      clearTimeout(timer);
      provider.off('connection-close', onClose);
      resolve({ code: event.code, reason: event.reason });
    };
    provider.on('connection-close', onClose);
  });
}

/// Poll `condition` until it holds. Rejects after `timeout` ms naming `what`.
export async function waitFor(condition: () => boolean, what = 'condition', timeout = 10_000): Promise<void> {
  const start = Date.now();
  while (!condition()) {
    if (Date.now() - start > timeout) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 10));
  }
}

/// Every Y.XmlText of the draft body, in document order.
export function texts(doc: Y.Doc): Y.XmlText[] {
  const found: Y.XmlText[] = [];
  const walk = (node: Y.XmlFragment | Y.XmlElement) => {
    for (const child of node.toArray()) {
      if (child instanceof Y.XmlText) found.push(child);
      else if (child instanceof Y.XmlElement) walk(child);
    }
  };
  walk(doc.getXmlFragment('body'));
  return found;
}

/// Type `text` at the end of the `index`-th text of the body (as an editor would).
export function type(doc: Y.Doc, index: number, text: string): void {
  const all = texts(doc);
  const target = all[index % all.length];
  target.insert(target.length, text);
}

/// The body as a string, for comparing documents.
export function bodyText(doc: Y.Doc): string {
  return doc.getXmlFragment('body').toString();
}

/// A raw websocket to the sync endpoint (for malformed frames).
export function rawSocket(wsUrl: string, draftId: string, token: string): Promise<WebSocket> {
  return new Promise((resolve, reject) => {
    const socket = new WebSocket(`${wsUrl}/${draftId}?token=${token}`);
    socket.once('open', () => resolve(socket));
    socket.once('error', reject);
  });
}

/// Resolve with the close code and reason of `socket`.
export function socketClosed(socket: WebSocket, timeout = 10_000): Promise<{ code: number; reason: string }> {
  return new Promise((resolve, reject) => {
    if (socket.readyState === WebSocket.CLOSED) return resolve({ code: 1006, reason: '' });
    const timer = setTimeout(() => reject(new Error('socket not closed in time')), timeout);
    socket.once('close', (code, reason) => {
      clearTimeout(timer);
      resolve({ code, reason: reason.toString() });
    });
  });
}

/// A plain-text law with `n` articles in `language`.
export function lawText(n: number, language: 'zh' | 'en' = 'en'): string {
  if (language === 'zh') {
    const lines = ['# 测试条例', '## 第一章 总则'];
    // No 第X条 in the body: imported text reads those as live references, which would split the lead
    // into several Yjs texts and move the indexes `type` counts on.
    for (let i = 1; i <= n; i++) lines.push(`第${chineseNumeral(i)}条 这是条文${chineseNumeral(i)}的内容。`);
    return lines.join('\n') + '\n';
  }
  const lines = ['# Test Regulations', '## Chapter I General Provisions'];
  for (let i = 1; i <= n; i++) lines.push(`Article ${i} This is the text of article ${i}.`);
  return lines.join('\n') + '\n';
}
