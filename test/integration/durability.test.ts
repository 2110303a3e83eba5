// Durability: the server runs as a child process and is killed with SIGKILL while clients type.
// After a restart every update any client had received is there, with its author in the record;
// compaction changes no byte of the state and keeps the text of every article at every past time.
import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { afterAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { hashPassword } from '../../server/auth/password.ts';
import { createDraft } from '../../server/drafts.ts';
import { SqliteStorage } from '../../server/storage/sqlite-storage.ts';
import { openStorage } from '../../server/storage/storage.ts';
import { checkpointStored, loadDoc } from '../../server/sync/persistence.ts';
import { addsContent, decodeUpdate } from '../../server/sync/protocol.ts';
import { join } from 'node:path';
import { buildOutline } from '../../core/index.ts';
import type { ArticleBlameJson } from '../../core/index.ts';
import { docFromState } from '../../server/document.ts';
import { lifa } from '../helpers/cli.ts';
import { api, bodyText, connect, lawText, synced, tempDir, type, waitFor } from './helpers.ts';
import type { WebsocketProvider } from 'y-websocket';

const temp = tempDir();
const children: ChildProcess[] = [];
afterAll(() => {
  for (const child of children) if (child.exitCode === null) child.kill('SIGKILL');
  temp.remove();
});

/// Start `lifa serve` on a free port over `dir`; resolves with its URL.
function serve(dir = temp.dir): Promise<{ child: ChildProcess; url: string }> {
  const child = spawn(
    process.execPath,
    ['bin/lifa.js', 'serve', '--port', '0', '--data', dir, '--log-level', 'warn'],
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

function killed(child: ChildProcess, signal: NodeJS.Signals = 'SIGKILL'): Promise<void> {
  return new Promise((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) return resolve();
    child.once('exit', () => resolve());
    child.kill(signal);
  });
}

describe('durability', () => {
  it('loses nothing any client received when the server is killed with SIGKILL, and compaction keeps every byte', async () => {
    // A draft and three writers, made before the first start.
    const storage = openStorage(temp.dir);
    const hash = await hashPassword('pw');
    for (const name of ['w1', 'w2', 'w3']) storage.users.create(name, hash, true);
    const { draft } = await createDraft(new SqliteStorage(storage), { text: lawText(30) });
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
      await checkpointStored(new SqliteStorage(after), id);
      expect(after.record.sinceCheckpoint(id).updates).toBe(0);
      const compacted = loadDoc(id, after.record.load(id));
      expect(Buffer.from(Y.encodeStateAsUpdate(compacted)).equals(Buffer.from(stateBefore))).toBe(true);
      expect(bodyText(compacted)).toBe(final);
    } finally {
      after.close();
    }
  }, 60_000);

  it("keeps every acknowledged update with its author through kill -9, and each article's past text through compaction", async () => {
    const dir = join(temp.dir, 'history');
    const storage = openStorage(dir);
    const hash = await hashPassword('pw');
    for (const name of ['w1', 'w2', 'watcher']) storage.users.create(name, hash, true);
    const { draft } = await createDraft(new SqliteStorage(storage), { text: lawText(12) });
    storage.close();
    const id = draft.id;

    let { child, url } = await serve(dir);
    const signIn = async (name: string) =>
      (
        (await api(url, 'POST', '/api/session', { body: { username: name, password: 'pw' } })).json as {
          token: string;
        }
      ).token;
    const [t1, t2, tw] = [await signIn('w1'), await signIn('w2'), await signIn('watcher')];
    const wsUrl = () => url.replace(/^http/, 'ws') + '/sync';
    const writers = [connect(wsUrl(), id, t1), connect(wsUrl(), id, t2)];
    const watcher = connect(wsUrl(), id, tw);
    const acknowledged: Uint8Array[] = [];
    watcher.doc.on('update', (update: Uint8Array, origin: unknown) => {
      if (origin === watcher) acknowledged.push(update);
    });
    await Promise.all([...writers, watcher].map((c) => synced(c)));
    // Writer i types into articles 1 + i and 5 + i only (texts: title, chapter heading, then leads).
    const targets = [
      [3, 7],
      [4, 8],
    ];
    let n = 0;
    const keystroke = () => {
      writers.forEach((w, i) => type(w.doc, targets[i][n % 2], String.fromCharCode(0x61 + ((n + i) % 26))));
      n++;
    };
    const articleTexts = (doc: Y.Doc) =>
      new Map(buildOutline(docFromState(doc), 'en').articles.map((a) => [a.id!, a.text]));

    // Three rounds of typing, each followed by a pause in which the watcher holds everything: a copy of
    // every article then, and the time.
    const copies: Array<{ at: string; texts: Map<string, string> }> = [];
    for (let round = 0; round < 3; round++) {
      for (let k = 0; k < 40; k++) {
        keystroke();
        await new Promise((r) => setTimeout(r, 2));
      }
      await waitFor(
        () => writers.every((w) => bodyText(w.doc) === bodyText(watcher.doc)),
        'watcher has it all',
      );
      await new Promise((r) => setTimeout(r, 5));
      copies.push({ at: new Date().toISOString(), texts: articleTexts(watcher.doc) });
      await new Promise((r) => setTimeout(r, 5));
    }
    // Type on and kill the server mid-way.
    const timer = setInterval(keystroke, 2);
    await waitFor(() => n > 250, 'typing', 20_000);
    await killed(child);
    clearInterval(timer);
    [...writers, watcher].forEach((c) => c.destroy());
    const received = Y.mergeUpdates(acknowledged);

    // Restart: everything the watcher received is in the record, attributed to whoever typed it.
    ({ child, url } = await serve(dir));
    const token = await signIn('watcher');
    const fresh = connect(wsUrl(), id, token);
    await synced(fresh);
    expect(addsContent(fresh.doc, decodeUpdate(received))).toBe(false);
    const ids = [...articleTexts(fresh.doc).keys()];
    for (const [i, owned] of targets.entries()) {
      for (const index of owned) {
        const articleId = ids[index - 2];
        const blame = (await api(url, 'GET', `/api/drafts/${id}/articles/${articleId}/blame`, { token }))
          .json as ArticleBlameJson;
        expect(blame.text).toBe(articleTexts(fresh.doc).get(articleId));
        const typed = blame.runs.filter((run) => run.kind !== 'create');
        expect(typed.length).toBeGreaterThan(0);
        expect(new Set(typed.map((run) => run.author.username))).toEqual(new Set([`w${i + 1}`]));
      }
    }
    fresh.destroy();
    const reading = openStorage(dir);
    const entries = reading.record.head(id).seq;
    reading.close();
    // A clean stop checkpoints the draft; every entry stays.
    await killed(child, 'SIGTERM');
    const stopped = openStorage(dir);
    expect(stopped.record.head(id).seq).toBe(entries);
    expect(stopped.record.checkpointOf(id)?.seq).toBe(entries);
    expect(stopped.record.entries(id)).toHaveLength(entries);
    stopped.close();

    // After compaction, every article reads at each past time as it did then.
    ({ child, url } = await serve(dir));
    const again = await signIn('watcher');
    for (const copy of copies) {
      for (const [articleId, text] of copy.texts) {
        const res = await api(
          url,
          'GET',
          `/api/drafts/${id}/articles/${articleId}/text?at=${encodeURIComponent(copy.at)}`,
          {
            token: again,
          },
        );
        expect((res.json as { text: string }).text, `${articleId} at ${copy.at}`).toBe(text);
      }
    }
    expect(copies[0].texts.get(ids[1])).not.toBe(copies[2].texts.get(ids[1])); // the copies differ: typing went on
    await killed(child, 'SIGTERM');
    const verify = lifa(['verify', '--data', dir, '--draft', id]);
    expect(verify.status, verify.stderr).toBe(0);
  }, 90_000);
});
