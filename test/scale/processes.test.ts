// Several real `lifa serve` processes on one PostgreSQL and one Redis, with the stock y-websocket
// client: two clients of one draft on different processes see each other's edits and presence, and
// an event stream on one process hears a comment changed on another; a process killed with SIGKILL
// while its client types loses nothing that client sent (it reconnects through the load balancer to
// another process, and the record holds every keystroke); after Redis restarts the processes
// reconnect and their clients converge; and while PostgreSQL is down writes are refused with a clear
// close reason, and the server recovers by itself when it is back.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { WebsocketProvider } from 'y-websocket';
import * as Y from 'yjs';
import { hashPassword } from '../../server/auth/password.ts';
import { createDraft } from '../../server/drafts.ts';
import { verifyDraft } from '../../server/record/verify.ts';
import { openPostgresStorage } from '../../server/storage/postgres/storage.ts';
import type { PostgresStorage } from '../../server/storage/postgres/storage.ts';
import { loadDoc } from '../../server/sync/persistence.ts';
import { api, bodyText, connect, lawText, synced, type, waitFor } from '../integration/helpers.ts';
import { startBalancer, startServe } from '../helpers/lifa-processes.ts';
import type { Balancer, ServeProcess } from '../helpers/lifa-processes.ts';
import { postgresDatabase, startPostgres, startRedis } from '../helpers/services.ts';
import type { PostgresServer, RedisServer } from '../helpers/services.ts';

const providers: WebsocketProvider[] = [];
const client = (wsUrl: string, draftId: string, token: string) => {
  const provider = connect(`${wsUrl}/sync`, draftId, token);
  providers.push(provider);
  return provider;
};
const wsOf = (process: ServeProcess) => process.url.replace(/^http/, 'ws');

/// Resolves once `check` resolves true, polling; rejects after `ms`.
async function eventually(check: () => Promise<boolean>, what: string, ms = 20_000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!(await check().catch(() => false))) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/// The draft's text as its record gives it (checkpoint and every entry after it).
async function storedBody(store: PostgresStorage, draftId: string): Promise<string> {
  const doc = loadDoc(draftId, await store.record.load(draftId));
  try {
    return bodyText(doc);
  } finally {
    doc.destroy();
  }
}

async function signIn(url: string, username: string): Promise<string> {
  const response = await api(url, 'POST', '/api/session', { body: { username, password: 'pw' } });
  return (response.json as { token: string }).token;
}

describe('several lifa serve processes on one PostgreSQL and one Redis', () => {
  let database: { url: string; drop(): Promise<void> };
  let redis: RedisServer;
  let store: PostgresStorage;
  let processes: ServeProcess[] = [];
  let a: ServeProcess;
  let b: ServeProcess;
  let c: ServeProcess;
  let amina: string;
  let bo: string;
  let aminaId: number;

  beforeAll(async () => {
    [database, redis] = await Promise.all([postgresDatabase(), startRedis()]);
    store = await openPostgresStorage(database.url);
    const hash = await hashPassword('pw');
    aminaId = (await store.users.create('amina', hash, true)).id;
    await store.users.create('bo', hash, true);
    const args = ['--database', database.url, '--redis', redis.url];
    processes = [await startServe(args), await startServe(args), await startServe(args)];
    [a, b, c] = processes;
    // A session made on one process holds on every other.
    amina = await signIn(a.url, 'amina');
    bo = await signIn(b.url, 'bo');
  });
  afterAll(async () => {
    for (const provider of providers.splice(0)) provider.destroy();
    await Promise.allSettled(processes.map((process) => process.stop()));
    await store?.close();
    await redis?.stop();
    await database?.drop();
  });

  it('shows each client the edits and presence of a client on another process, and comment events cross', async () => {
    const { draft } = await createDraft(store, { text: lawText(3) });
    const one = client(wsOf(a), draft.id, amina);
    const two = client(wsOf(b), draft.id, bo);
    await Promise.all([synced(one), synced(two)]);
    type(one.doc, 0, '甲');
    type(two.doc, 1, '乙');
    await waitFor(
      () =>
        bodyText(one.doc) === bodyText(two.doc) &&
        /甲/.test(bodyText(two.doc)) &&
        /乙/.test(bodyText(one.doc)),
      'both edits on both processes',
    );
    one.awareness.setLocalStateField('cursor', { anchor: 5 });
    await waitFor(
      () =>
        (two.awareness.getStates().get(one.doc.clientID) as { cursor?: { anchor: number } })?.cursor
          ?.anchor === 5,
      'the cursor of the client on A, on B',
    );
    expect(two.awareness.getStates().get(one.doc.clientID)).toMatchObject({ user: { name: 'amina' } });

    // An event stream on B hears a comment resolved through A.
    const comment = await store.comments.create({
      draftId: draft.id,
      kind: 'review',
      articleId: null,
      body: '建议明确适用范围。',
      authorId: aminaId,
    });
    const controller = new AbortController();
    const stream = await fetch(`${b.url}/api/drafts/${draft.id}/events?token=${bo}`, {
      signal: controller.signal,
    });
    expect(stream.status).toBe(200);
    const reader = stream.body!.getReader();
    let heard = '';
    const reading = (async () => {
      for (;;) {
        const { value, done } = await reader.read();
        if (done) return;
        heard += new TextDecoder().decode(value);
      }
    })().catch(() => {});
    await waitFor(() => heard.includes('event: ready'), 'the stream on B');
    // The stream subscribes B to the draft's channel; a resolve made before that would not be heard.
    await new Promise((resolve) => setTimeout(resolve, 200));
    const patched = await api(a.url, 'PATCH', `/api/comments/${comment.id}`, {
      token: amina,
      body: { status: 'resolved' },
    });
    expect(patched.status).toBe(200);
    await waitFor(() => heard.includes('event: comment.updated'), 'the comment event on B');
    const data = /event: comment\.updated\ndata: (.*)\n/.exec(heard)![1];
    expect(JSON.parse(data)).toMatchObject({ id: String(comment.id), status: 'resolved' });
    controller.abort();
    await reading;
  });

  it('loses no keystroke when the process a client types into is killed with SIGKILL', async () => {
    const { draft } = await createDraft(store, { text: lawText(3) });
    let targets = [a.port];
    const balancer: Balancer = await startBalancer(() => targets);
    try {
      const writer = client(balancer.wsUrl, draft.id, amina);
      await synced(writer);
      targets = [a.port, c.port]; // after A dies it refuses, and the balancer moves on to C
      const observer = client(wsOf(b), draft.id, bo);
      await synced(observer);
      let typed = 0;
      const keystroke = () => {
        type(writer.doc, typed % 3, String.fromCharCode(0x4e00 + (typed % 2000)));
        typed++;
      };
      const typing = setInterval(keystroke, 15);
      try {
        await waitFor(() => typed >= 30 && /一/.test(bodyText(observer.doc)), 'keystrokes reaching B');
        await a.kill('SIGKILL');
        const atKill = typed;
        let reconnected = false;
        writer.on('sync', (state: boolean) => (reconnected ||= state));
        await waitFor(
          () => reconnected && typed >= atKill + 30,
          'the writer back on another process',
          20_000,
        );
      } finally {
        clearInterval(typing);
      }
      await waitFor(
        () => bodyText(observer.doc) === bodyText(writer.doc),
        'the observer to converge',
        20_000,
      );
      // Every keystroke reached the record: what was acknowledged to anyone, and the rest besides.
      await eventually(
        async () => (await storedBody(store, draft.id)) === bodyText(writer.doc),
        'the record',
      );
      expect(await verifyDraft(store, draft.id)).toMatchObject({ ok: true });
      expect((await store.record.head(draft.id)).seq).toBeGreaterThan(typed / 2);
    } finally {
      await balancer.close();
    }
  });

  it('converges after Redis restarts', async () => {
    const { draft } = await createDraft(store, { text: lawText(3) });
    const one = client(wsOf(b), draft.id, amina);
    const two = client(wsOf(c), draft.id, bo);
    await Promise.all([synced(one), synced(two)]);
    await redis.stop();
    type(one.doc, 0, '停');
    type(two.doc, 1, '机');
    await redis.start();
    await waitFor(
      () =>
        bodyText(one.doc) === bodyText(two.doc) &&
        /停/.test(bodyText(two.doc)) &&
        /机/.test(bodyText(one.doc)),
      'both clients to converge',
      20_000,
    );
    // And the fan-out carries edits again.
    type(one.doc, 2, '再');
    await waitFor(() => /再/.test(bodyText(two.doc)), 'an edit after the restart', 20_000);
    expect(await storedBody(store, draft.id)).toBe(bodyText(one.doc));
  });
});

describe('a lifa serve process when PostgreSQL goes away', () => {
  let postgres: PostgresServer;
  let redis: RedisServer;
  let store: PostgresStorage;
  let server: ServeProcess | undefined;

  beforeAll(async () => {
    // A cluster of its own: stopping the shared one would break the other files.
    [postgres, redis] = await Promise.all([startPostgres(), startRedis()]);
    store = await openPostgresStorage(postgres.url, { connectTimeout: 2000 });
    await store.users.create('amina', await hashPassword('pw'), true);
    server = await startServe(['--database', postgres.url, '--redis', redis.url]);
  });
  afterAll(async () => {
    for (const provider of providers.splice(0)) provider.destroy();
    await server?.stop();
    await store?.close();
    await redis?.stop();
    await postgres?.destroy();
  });

  it('refuses writes with a clear close reason while it is down, and recovers by itself', async () => {
    const { draft } = await createDraft(store, { text: lawText(3) });
    const token = await signIn(server!.url, 'amina');
    const writer = client(wsOf(server!), draft.id, token);
    await synced(writer);
    const reasons: string[] = [];
    writer.on('connection-close', (event: CloseEvent | null) => {
      if (event) reasons.push(`${event.code} ${event.reason}`);
    });
    await postgres.stop();
    type(writer.doc, 0, '断电');
    await waitFor(
      () => reasons.includes('1011 storage failure: the update was not saved'),
      'the write refused',
    );
    await postgres.start();
    await eventually(
      async () => /断电/.test(await storedBody(store, draft.id)),
      'the write stored after the restart',
    );
    await waitFor(() => writer.wsconnected && writer.synced, 'the writer connected again');
    type(writer.doc, 1, '恢复');
    await eventually(
      async () => (await storedBody(store, draft.id)) === bodyText(writer.doc),
      'later writes stored',
    );
    expect(await verifyDraft(store, draft.id)).toMatchObject({ ok: true });
    expect(Y.encodeStateVector(writer.doc).length).toBeGreaterThan(0);
  });
});
