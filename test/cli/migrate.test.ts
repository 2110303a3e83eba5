// `lifa migrate --data DIR --database postgres://…` on a data folder with every kind of thing in it —
// users and sessions, drafts whose records several authors typed, a checkpoint and versions,
// review/public/imported comments with submitters, tags and edits, a comment period, a clustering with
// decisions, dispositions and their history, reason templates, suggestions with threads, the audit
// log — copied into a real, empty PostgreSQL and read back through the storage interface. Also: the
// copy refuses a database that is not empty, and reports a record broken in SQLite.
import { cpSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FolderBlobStore } from '../../server/attachments/blob-store.ts';
import { clusterDraft } from '../../server/clerk/clustering.ts';
import { setDispositions } from '../../server/clerk/dispositions.ts';
import { clerkStorage } from '../../server/storage/clerk.ts';
import { createDraft } from '../../server/drafts.ts';
import type { Storage } from '../../server/storage/interface.ts';
import { openPostgresStorage } from '../../server/storage/postgres/storage.ts';
import { hashHex } from '../../server/storage/record-chain.ts';
import { SqliteStorage } from '../../server/storage/sqlite-storage.ts';
import { openStorage } from '../../server/storage/storage.ts';
import { suggestionStorage } from '../../server/storage/suggestions.ts';
import { checkpointStored, storedState } from '../../server/sync/persistence.ts';
import { lawText } from '../integration/helpers.ts';
import { lifa } from '../helpers/cli.ts';
import { Authors } from '../helpers/record-authors.ts';
import { postgresDatabase } from '../helpers/services.ts';

const root = mkdtempSync(join(tmpdir(), 'lifa-migrate-'));
const data = join(root, 'data');
const drafts: string[] = [];
let target: { url: string; drop(): Promise<void> };
let second: { url: string; drop(): Promise<void> };
let letterSha = '';
let lost = '';

beforeAll(async () => {
  [target, second] = await Promise.all([postgresDatabase(), postgresDatabase()]);
  const storage = openStorage(data);
  const alice = storage.users.create('alice', 'hash-a', true).id;
  const bob = storage.users.create('张三', 'hash-b').id;
  storage.sessions.create('token-hash', bob, Date.now() + 60_000);
  for (const language of ['en', 'zh'] as const) {
    const { draft } = await createDraft(new SqliteStorage(storage), {
      text: lawText(6, language),
      ownerId: alice,
    });
    storage.memberships.set(draft.id, bob, 'drafter');
    const authors = new Authors(storage, draft.id, language);
    const [first, next] = [...authors.texts(alice).keys()];
    for (let i = 0; i < 8; i++) {
      authors.type(i % 2 ? bob : alice, i % 2 ? next : first, language === 'zh' ? `字${i}` : ` w${i}`);
      authors.advance(1000);
    }
    drafts.push(draft.id);
  }
  const [id] = drafts;
  const store = new SqliteStorage(storage);
  await checkpointStored(store, id);
  storage.versions.create({
    id: 'v1',
    draftId: id,
    label: '征求意见稿',
    authorId: alice,
    state: await storedState(store, id),
    outline: '{"articles":[]}',
    head: storage.record.head(id),
    createdAt: 1000,
  });
  storage.versions.create({
    id: 'v0',
    draftId: id,
    label: 'same time, made second',
    authorId: null,
    state: await storedState(store, id),
    outline: '{}',
    head: null,
    createdAt: 1000,
  });
  storage.commentPeriods.set(id, 'v1', true, null);
  const review = storage.comments.create({
    draftId: id,
    kind: 'review',
    articleId: null,
    body: 'first',
    authorId: bob,
    tags: ['b', 'a'],
  });
  storage.comments.update(review.id, { body: 'first, edited', status: 'resolved' }, alice);
  storage.comments.create({
    draftId: id,
    kind: 'review',
    articleId: null,
    body: 'reply',
    parentId: review.id,
  });
  for (let i = 0; i < 12; i++) {
    const submitter = storage.submitters.resolve(id, { name: i % 3 ? `人${i}` : '', contact: `c${i}` });
    storage.comments.insert({
      draftId: id,
      kind: i % 2 ? 'public' : 'imported',
      articleId: null,
      versionId: 'v1',
      body: i < 6 ? '建议删除本条，理由相同。' : `不同的意见 ${i}`,
      submitterId: submitter.id,
      externalId: i % 2 ? null : `ext-${i}`,
      receipt: i % 2 ? `r-${i}` : null,
      source: { n: i },
      withdrawn: i === 11,
    });
  }
  // Two files attached to the first public comment: one read, one whose bytes a crash lost.
  const blobs = new FolderBlobStore(join(data, 'attachments'));
  const letter = new TextEncoder().encode('第二条 附件里的意见');
  const sha = await blobs.put(letter);
  storage.attachments.addFile({ sha256: sha, size: letter.length, type: 'txt', mediaType: 'text/plain' });
  storage.attachments.setResult(sha, { state: 'read', text: '第二条 附件里的意见' });
  lost = 'f'.repeat(64);
  storage.attachments.addFile({ sha256: lost, size: 3, type: 'pdf', mediaType: 'application/pdf' });
  const firstPublic = storage.comments.list(id, { kind: 'public', limit: 1 })[0].id;
  const [attachment] = storage.attachments.link(firstPublic, id, [
    { sha256: sha, fileName: '意见.txt' },
    { sha256: lost, fileName: 'lost.pdf' },
  ]);
  storage.attachments.setPublished(attachment, true);
  letterSha = sha;
  const run = await clusterDraft(store, id);
  const template = 'tpl1';
  clerkStorage(storage).reasonTemplates.create(id, template, {
    label: '采纳',
    text: '已采纳。',
    kind: 'adopted',
  });
  const biggest = run.clustering.clusters[0];
  await setDispositions(
    store,
    id,
    { comments: [], clusters: [biggest.id] },
    { kind: 'adopted', reason: '理由', templateId: template, linkedArticleId: null, linkedVersionId: 'v1' },
    alice,
  );
  const suggestion = suggestionStorage(storage).create({
    draftId: id,
    kind: 'text',
    articleId: 'a',
    quote: 'q',
    replacement: 'r',
    prefix: '',
    suffix: '',
    authorId: bob,
  });
  suggestionStorage(storage).addComment(suggestion.id, alice, '同意');
  suggestionStorage(storage).decide(suggestion.id, 'rejected', alice, '不需要');
  storage.audit.record('draft.rename', alice, id, { title: 'x' });
  storage.meta.set('seeded', 'yes');
  storage.close();
});

afterAll(async () => {
  await Promise.all([target?.drop(), second?.drop()]);
  rmSync(root, { recursive: true, force: true });
});

describe('lifa migrate', () => {
  it('copies every table into an empty PostgreSQL and checks counts and every record’s head hash', async () => {
    const run = lifa(['migrate', '--data', data, '--database', target.url]);
    expect(run.stderr).not.toMatch(/internal error/);
    expect(run.status).toBe(0);
    for (const table of [
      'users',
      'record_entries',
      'comments',
      'clusters',
      'dispositions',
      'suggestions',
      'audit',
    ])
      expect(run.stdout).toMatch(new RegExp(`^${table}  ok  [1-9]\\d* rows$`, 'm'));
    for (const id of drafts)
      expect(run.stdout).toMatch(new RegExp(`^draft ${id}  ok  \\d+ entries  head [0-9a-f]{64}$`, 'm'));
    expect(run.stdout).toMatch(
      new RegExp(
        `^attachments  ok  1 of 2 files' bytes copied and verified, 1 missing in ${data} already \\(${lost}\\)$`,
        'm',
      ),
    );

    const before = new SqliteStorage(openStorage(data));
    const after = await openPostgresStorage(target.url);
    try {
      await sameContent(before, after);
      // The bytes are in PostgreSQL now: a process with no data folder serves them.
      expect(Buffer.from((await after.blobs.get(letterSha))!).toString()).toBe('第二条 附件里的意见');
      expect(await after.blobs.has(lost)).toBe(false);
      // PostgreSQL carries on from where SQLite stopped: new rows get new ids, appends chain on.
      const [id] = drafts;
      const head = await before.record.head(id);
      const next = await after.record.append(id, Uint8Array.of(0, 0), { userId: 1 }, Date.now());
      expect(next.seq).toBe(head.seq + 1);
      expect(await after.record.check(id)).toMatchObject({ ok: true, entries: head.seq + 1 });
      const user = await after.users.create('new-user', 'h');
      expect(user.id).toBeGreaterThan(2);
      const comment = await after.comments.create({
        draftId: id,
        kind: 'review',
        articleId: null,
        body: 'after',
      });
      expect(comment.id).toBeGreaterThan(14);
    } finally {
      await before.close();
      await after.close();
    }
  }, 120_000);

  it('refuses a PostgreSQL database that is not empty, and bad or missing URLs, with one line', () => {
    const again = lifa(['migrate', '--data', data, '--database', target.url]);
    expect(again.status).toBe(2);
    expect(again.stderr).toMatch(/^lifa: the PostgreSQL database is not empty \(rows in meta, users, /);
    const missing = lifa(['migrate', '--data', data], '', { LIFA_DATABASE_URL: '' });
    expect([missing.status, missing.stderr.trim()]).toEqual([
      2,
      'lifa: --database: name the PostgreSQL database to copy into (postgres://…)',
    ]);
    const notPg = lifa(['migrate', '--data', data, '--database', 'mysql://x']);
    expect([notPg.status, notPg.stderr.trim()]).toEqual([
      2,
      'lifa: --database must be a postgres:// URL, not "mysql://x"',
    ]);
    const noData = lifa(['migrate', '--data', join(root, 'nothing'), '--database', target.url]);
    expect([noData.status, noData.stderr.trim()]).toEqual([
      2,
      `lifa: no Lifa database in ${join(root, 'nothing')}`,
    ]);
    const unreachable = lifa(['migrate', '--data', data, '--database', 'postgres://postgres@127.0.0.1:1/x']);
    expect(unreachable.status).toBe(2);
    expect(unreachable.stderr).toMatch(/^lifa: cannot open the PostgreSQL database: .*ECONNREFUSED/);
  }, 120_000);

  it('reports a record that was already broken in SQLite, and exits 1', () => {
    const broken = join(root, 'broken');
    cpSync(data, broken, { recursive: true });
    const db = new Database(join(broken, 'lifa.sqlite'));
    db.prepare('UPDATE record_entries SET data = ? WHERE draft_id = ? AND seq = 3').run(
      Buffer.of(9),
      drafts[1],
    );
    db.close();
    // …and an attachment whose file was changed on disk: its bytes no longer match their SHA-256.
    const file = new FolderBlobStore(join(broken, 'attachments')).pathOf(letterSha);
    writeFileSync(file, 'changed');
    const run = lifa(['migrate', '--data', broken, '--database', second.url]);
    expect(run.status).toBe(1);
    expect(run.stdout).toMatch(
      new RegExp(
        `^attachments  MISMATCH  0 of 2 files' bytes copied and verified, 1 missing .*, 1 not intact in PostgreSQL \\(${letterSha}\\)$`,
        'm',
      ),
    );
    expect(run.stdout).toMatch(new RegExp(`^draft ${drafts[1]}  MISMATCH  broken at entry 3: `, 'm'));
    expect(run.stdout).toMatch(new RegExp(`^draft ${drafts[0]}  ok`, 'm'));
    expect(run.stderr).toMatch(/lifa: the copy does not match the SQLite database/);
  }, 120_000);
});

// Everything the interface reads is the same on both sides.
async function sameContent(a: Storage, b: Storage): Promise<void> {
  const plain = (value: unknown): unknown =>
    value === undefined
      ? undefined
      : JSON.parse(
          JSON.stringify(value, (_k, v) => (v && v.type === 'Buffer' ? hashHex(Buffer.from(v.data)) : v)),
        );
  const both = async <T>(read: (s: Storage) => Promise<T>) =>
    expect(plain(await read(b))).toEqual(plain(await read(a)));
  await both((s) => s.users.credentials('张三'));
  await both((s) => s.meta.get('seeded'));
  await both((s) => s.sessions.lookup('token-hash'));
  await both((s) => s.drafts.list(1, true));
  for (const id of drafts) {
    await both((s) => s.memberships.list(id));
    await both((s) => s.versions.list(id));
    await both((s) => s.versions.get(id, 'v1'));
    await both((s) => s.record.entries(id));
    await both((s) => s.record.checkpointOf(id));
    await both((s) => s.record.load(id));
    await both((s) => s.audit.forDraft(id));
    await both((s) => s.comments.list(id, { limit: 1000 }));
    await both((s) => s.commentPeriods.get(id));
    await both((s) => s.clusters.list(id));
    await both((s) => s.clusters.assignments(id));
    await both((s) => s.clusters.info(id));
    await both((s) => s.dispositions.list(id));
    await both((s) => s.reasonTemplates.list(id));
    await both((s) => s.clerkComments.all(id));
    await both((s) => s.suggestions.list(id));
    await both((s) => s.attachments.published(id));
    await both((s) => s.attachments.counts(id));
    await both(async (s) => [...(await s.attachments.summaries(id))]);
    await both((s) => s.attachments.filesAfter(id, 0, 100));
    await both((s) => s.clerkComments.texts(id));
    await both((s) => s.clerkComments.textsAfter(id, 0, 100));
  }
  await both((s) => s.comments.history(1));
  await both((s) => s.suggestions.history(1));
  await both((s) => s.suggestions.comments(1));
  await both(async (s) => (await s.clusters.list(drafts[0])).map((c) => c.id));
  const cluster = (await a.clusters.list(drafts[0]))[0].id;
  await both((s) => s.dispositions.history(drafts[0], 'cluster', cluster));
}
