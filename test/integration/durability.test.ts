// Durability: the server runs as a child process and is killed with SIGKILL while clients type.
// After a restart every update any client had received is there; compaction changes no byte of the state.
import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { afterAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { hashPassword } from '../../server/auth/password.ts';
import { createDraft } from '../../server/drafts.ts';
import { openStorage } from '../../server/storage/storage.ts';
import { checkpointStored, loadDoc } from '../../server/sync/persistence.ts';
import { addsContent, decodeUpdate } from '../../server/sync/protocol.ts';
import { api, bodyText, connect, lawText, synced, tempDir, type, waitFor } from './helpers.ts';
import type { WebsocketProvider } from 'y-websocket';

const temp = tempDir();
const children: ChildProcess[] = [];
afterAll(() => {
  for (const child of children) if (child.exitCode === null) child.kill('SIGKILL');
  temp.remove();
});

/// Start `lifa serve` on a free port over the temp folder; resolves with its URL.
function serve(): Promise<{ child: ChildProcess; url: string }> {
  const child = spawn(
    process.execPath,
    ['bin/lifa.js', 'serve', '--port', '0', '--data', temp.dir, '--log-level', 'warn'],
    {
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  children.push(child);
  return new Promise((resolve, reject) => {
    let out = '';
    let err = '';
    child.stderr!.on('data', (d) => (err += d));
    child.stdout!.on('data', (d) => {
      out += d;
      const match = /lifa: listening on (\S+)/.exec(out);
      if (match) resolve({ child, url: match[1] });
    });
    child.once('exit', (code) => reject(new Error(`server exited (${code}) before listening: ${err}`)));
  });
}

function killed(child: ChildProcess): Promise<void> {
  return new Promise((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) return resolve();
    child.once('exit', () => resolve());
    child.kill('SIGKILL');
  });
}

describe('durability', () => {
  it('loses nothing any client received when the server is killed with SIGKILL, and compaction keeps every byte', async () => {
    // A draft and three writers, made before the first start.
    const storage = openStorage(temp.dir);
    const hash = await hashPassword('pw');
    for (const name of ['w1', 'w2', 'w3']) storage.users.create(name, hash, true);
    const { draft } = createDraft(storage, { text: lawText(30) });
    storage.close();
    const id = draft.id;

    let { child, url } = await serve();
    const tokens: string[] = [];
    for (const name of ['w1', 'w2', 'w3']) {
      const res = await api(url, 'POST', '/api/session', { body: { username: name, password: 'pw' } });
      tokens.push((res.json as { token: string }).token);
    }
    const wsUrl = () => url.replace(/^http/, 'ws') + '/sync';
    const received: Uint8Array[][] = [[], [], []];
    const clients: WebsocketProvider[] = tokens.map((token, i) => {
      const provider = connect(wsUrl(), id, token);
      provider.doc.on('update', (update: Uint8Array, origin: unknown) => {
        if (origin === provider) received[i].push(update);
      });
      return provider;
    });
    await Promise.all(clients.map((c) => synced(c)));

    // Type until the server dies; keep typing a little after (those edits were never received by anyone).
    let typing = true;
    let n = 0;
    const timer = setInterval(() => {
      if (!typing) return;
      clients.forEach((c, i) => type(c.doc, 2 + ((n + i) % 25), String.fromCharCode(0x41 + i)));
      n++;
    }, 2);
    await waitFor(() => n > 600, 'typing', 20_000);
    await killed(child);
    await new Promise((r) => setTimeout(r, 30));
    typing = false;
    clearInterval(timer);
    const docs = clients.map((c) => c.doc);
    clients.forEach((c) => c.destroy()); // keep their docs; nothing reaches the new server until we say so
    const receivedByClient = received.map((updates) => Y.mergeUpdates(updates));
    expect(received.every((updates) => updates.length > 50)).toBe(true);

    // Restart: a fresh client sees everything any client had received.
    ({ child, url } = await serve());
    const fresh = connect(wsUrl(), id, tokens[0]);
    await synced(fresh);
    for (const update of receivedByClient) expect(addsContent(fresh.doc, decodeUpdate(update))).toBe(false);

    // The old clients reconnect with what they typed offline; everyone converges.
    const again = docs.map((doc, i) => connect(wsUrl(), id, tokens[i], doc));
    await Promise.all(again.map((c) => synced(c)));
    await waitFor(() => [fresh, ...again].every((c) => bodyText(c.doc) === bodyText(docs[0])), 'convergence');
    const final = bodyText(docs[0]);
    fresh.destroy();
    again.forEach((c) => c.destroy());
    await killed(child);

    // Compaction: the state read from snapshot + log and the compacted state are byte-identical.
    const after = openStorage(temp.dir);
    try {
      const before = loadDoc(id, after.record.load(id));
      const stateBefore = Y.encodeStateAsUpdate(before);
      expect(after.record.sinceCheckpoint(id).updates).toBeGreaterThan(0);
      checkpointStored(after, id);
      expect(after.record.sinceCheckpoint(id).updates).toBe(0);
      const compacted = loadDoc(id, after.record.load(id));
      expect(Buffer.from(Y.encodeStateAsUpdate(compacted)).equals(Buffer.from(stateBefore))).toBe(true);
      expect(bodyText(compacted)).toBe(final);
    } finally {
      after.close();
    }
  }, 60_000);
});
