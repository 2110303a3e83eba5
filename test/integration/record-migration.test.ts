// Migration of a data folder from before the record (schema 4: a snapshot and an update log per
// draft, no authors): the server opens it with the same text, history shows the old changes as
// "unknown (before history)", new edits are attributed, and `lifa verify` passes.
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { parseLaw } from '../../core/index.ts';
import type { ArticleBlameJson, ArticleHistoryJson } from '../../core/index.ts';
import { hashPassword } from '../../server/auth/password.ts';
import { stateFromDoc } from '../../server/document.ts';
import { openDatabase, schemaVersion } from '../../server/storage/database.ts';
import { migrations } from '../../server/storage/migrations.ts';
import { lifa } from '../helpers/cli.ts';
import {
  api,
  connect,
  lawText,
  startServer,
  synced,
  tempDir,
  texts,
  waitFor,
  repositories,
} from './helpers.ts';

const temp = tempDir();
afterAll(() => temp.remove());

describe('migrating a data folder from before the record', () => {
  it('keeps the text, shows old changes as before history, attributes new ones, and verifies', async () => {
    // A schema-4 database as the previous release wrote it: snapshot + log, nothing about authors.
    const db = openDatabase(join(temp.dir, 'lifa.sqlite'), { migrations: migrations.slice(0, 4) });
    const state = stateFromDoc(parseLaw(lawText(3)).doc);
    const editor = new Y.Doc();
    Y.applyUpdate(editor, state);
    const log: Uint8Array[] = [];
    editor.on('update', (update: Uint8Array) => log.push(update));
    const first = texts(editor)[2];
    for (const ch of ' Old words.') first.insert(first.length, ch);
    const then = Date.UTC(2025, 5, 1);
    db.prepare(
      "INSERT INTO drafts (id, title, language, created_at, updated_at) VALUES ('old', 'Old draft', 'en', ?, ?)",
    ).run(then, then + 60_000);
    db.prepare('INSERT INTO draft_snapshots (draft_id, state, updated_at) VALUES (?, ?, ?)').run(
      'old',
      state,
      then,
    );
    const insert = db.prepare('INSERT INTO draft_updates (draft_id, seq, data) VALUES (?, ?, ?)');
    log.forEach((update, i) => insert.run('old', i + 1, update));
    const hash = await hashPassword('pw');
    db.prepare('INSERT INTO users (username, password_hash, is_admin, created_at) VALUES (?, ?, 1, ?)').run(
      'ada',
      hash,
      then,
    );
    expect(schemaVersion(db)).toBe(4);
    db.close();

    const started = await startServer({ dataDir: temp.dir });
    const server = started.server;
    try {
      expect(schemaVersion(repositories(server).db)).toBe(migrations.length);
      const entries = repositories(server).record.entries('old');
      expect(entries).toHaveLength(1 + log.length);
      expect(entries.every((e) => e.kind === 'pre-history' && e.userId === null)).toBe(true);
      expect(entries[0].at).toBe(then);

      const session = await api(server.url, 'POST', '/api/session', {
        body: { username: 'ada', password: 'pw' },
      });
      const token = (session.json as { token: string }).token;
      const text = await api(server.url, 'GET', '/api/drafts/old/export?format=txt', { token });
      expect(text.text).toContain('Article 1 This is the text of article 1. Old words.');
      const outline = await api(server.url, 'GET', '/api/drafts/old/export?format=json', { token });
      const [a1, a2] = (outline.json as { articles: Array<{ id: string }> }).articles.map((a) => a.id);

      // A new edit, through a stock client.
      const provider = connect(server.url.replace(/^http/, 'ws') + '/sync', 'old', token);
      await synced(provider);
      const target = texts(provider.doc)[2];
      for (const ch of ' New words.') target.insert(target.length, ch);
      await waitFor(
        () => repositories(server).record.head('old').seq === 1 + log.length + 11,
        'new edits recorded',
      );
      provider.destroy();

      const history = (await api(server.url, 'GET', `/api/drafts/old/articles/${a1}/history`, { token }))
        .json as ArticleHistoryJson;
      expect(history.entries.map((e) => [e.author.username, e.kind])).toEqual([
        ['ada', 'edit'],
        [null, 'pre-history'],
      ]);
      const blame = (await api(server.url, 'GET', `/api/drafts/old/articles/${a1}/blame`, { token }))
        .json as ArticleBlameJson;
      expect(blame.runs.map((r) => [r.text, r.author.username, r.kind])).toEqual([
        ['This is the text of article 1. Old words.', null, 'pre-history'],
        [' New words.', 'ada', 'edit'],
      ]);
      const untouched = (await api(server.url, 'GET', `/api/drafts/old/articles/${a2}/history`, { token }))
        .json as ArticleHistoryJson;
      expect(untouched.entries).toHaveLength(1);
      expect(untouched.entries[0]).toMatchObject({ author: { username: null }, kind: 'pre-history' });
    } finally {
      await started.close();
    }
    const verify = lifa(['verify', '--data', temp.dir]);
    expect(verify.status, verify.stderr).toBe(0);
    expect(verify.stdout).toMatch(/^old {2}ok {2}\d+ entries {2}head \d+ [0-9a-f]{64}\n$/);
  });
});
