// The record through the real server: two stock y-websocket clients edit different articles; history
// and blame name only each article's author; restore brings back earlier text exactly, as a new change
// that history and the timeline show; who may see and do what; bad input.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { WebsocketProvider } from 'y-websocket';
import type { ArticleBlameJson, ArticleHistoryJson, RestoreJson, TimelineJson } from '../../core/index.ts';
import { api, connect, lawText, startServer, synced, texts, waitFor, repositories } from './helpers.ts';
import type { TestServer } from './helpers.ts';

let t: TestServer;
const tokens: Record<string, string> = {};
const providers: WebsocketProvider[] = [];

beforeAll(async () => {
  t = await startServer();
  for (const name of ['olga', 'alice', 'bob', 'vera', 'rita']) tokens[name] = await t.user(name);
});
afterAll(async () => {
  for (const provider of providers) provider.destroy();
  await t.close();
});

const get = async <T>(who: string, path: string) => {
  const res = await api(t.url, 'GET', path, { token: tokens[who] });
  if (res.status !== 200) throw new Error(`GET ${path}: ${res.status} ${res.text}`);
  return res.json as T;
};
const exportText = async (id: string) =>
  (await api(t.url, 'GET', `/api/drafts/${id}/export?format=txt`, { token: tokens.olga })).text;

/// The article ids of draft `id`, in order (from the JSON export).
async function articleIds(id: string): Promise<string[]> {
  const res = await api(t.url, 'GET', `/api/drafts/${id}/export?format=json`, { token: tokens.olga });
  return (res.json as { articles: Array<{ id: string }> }).articles.map((a) => a.id);
}

/// Type `text` one character at a time at the end of the lead of the article whose text is texts()[i].
async function typeInto(provider: WebsocketProvider, index: number, text: string): Promise<void> {
  for (const ch of text) {
    const target = texts(provider.doc)[index];
    target.insert(target.length, ch);
    await new Promise((r) => setTimeout(r, 2));
  }
}

const usernames = (entries: ReadonlyArray<{ author: { username: string | null } }>) =>
  new Set(entries.map((e) => e.author.username));

describe('history, blame and restore with two stock clients', () => {
  let id: string;
  let articles: string[];
  let before: string;
  let beforeEdits: string;

  it('names only the author of each article in its history and blame', async () => {
    id = await t.draft(tokens.olga, { text: lawText(4) });
    await t.grant('alice', id, 'drafter');
    await t.grant('bob', id, 'drafter');
    await t.grant('vera', id, 'viewer');
    await t.grant('rita', id, 'reviewer');
    articles = await articleIds(id);
    before = await exportText(id);
    await new Promise((r) => setTimeout(r, 5));
    beforeEdits = new Date().toISOString();
    await new Promise((r) => setTimeout(r, 5));

    const alice = connect(t.wsUrl, id, tokens.alice);
    const bob = connect(t.wsUrl, id, tokens.bob);
    providers.push(alice, bob);
    await Promise.all([synced(alice), synced(bob)]);
    // texts(): title, chapter heading, then each article's lead.
    await Promise.all([typeInto(alice, 2, ' Alice wrote this.'), typeInto(bob, 3, ' Bob wrote that.')]);
    await waitFor(
      () =>
        texts(alice.doc)[3].toString().endsWith('Bob wrote that.') &&
        texts(bob.doc)[2].toString().endsWith('Alice wrote this.'),
      'both edits everywhere',
    );
    await waitFor(() => repositories(t.server).record.head(id).seq >= 1 + 2 * 17, 'edits recorded');

    const history1 = await get<ArticleHistoryJson>(
      'vera',
      `/api/drafts/${id}/articles/${articles[0]}/history`,
    );
    const history2 = await get<ArticleHistoryJson>(
      'vera',
      `/api/drafts/${id}/articles/${articles[1]}/history`,
    );
    expect(history1.label).toBe('Article 1');
    expect(history1.entries.map((e) => [e.author.username, e.kind])).toEqual([
      ['alice', 'edit'],
      ['olga', 'create'],
    ]);
    expect(history2.entries.map((e) => [e.author.username, e.kind])).toEqual([
      ['bob', 'edit'],
      ['olga', 'create'],
    ]);
    expect(history1.entries[0].changes).toContainEqual({ op: 'insert', text: ' Alice wrote this.' });
    expect(history2.entries[0].changes).toContainEqual({ op: 'insert', text: ' Bob wrote that.' });
    expect(Date.parse(history1.entries[0].from)).toBeGreaterThan(Date.parse(beforeEdits));
    // The other articles were not touched by either.
    const history3 = await get<ArticleHistoryJson>(
      'vera',
      `/api/drafts/${id}/articles/${articles[2]}/history`,
    );
    expect(usernames(history3.entries)).toEqual(new Set(['olga']));

    const blame1 = await get<ArticleBlameJson>('vera', `/api/drafts/${id}/articles/${articles[0]}/blame`);
    const blame2 = await get<ArticleBlameJson>('vera', `/api/drafts/${id}/articles/${articles[1]}/blame`);
    expect(blame1.runs.map((r) => r.text).join('')).toBe(blame1.text);
    expect(blame1.text).toBe('This is the text of article 1. Alice wrote this.');
    expect(blame1.runs.map((r) => [r.text, r.author.username])).toEqual([
      ['This is the text of article 1.', 'olga'],
      [' Alice wrote this.', 'alice'],
    ]);
    expect(blame2.runs.map((r) => [r.text, r.author.username])).toEqual([
      ['This is the text of article 2.', 'olga'],
      [' Bob wrote that.', 'bob'],
    ]);
  });

  it('gives an article as it read at a past time', async () => {
    const then = await get<{ text: string; label: string; seq: number }>(
      'vera',
      `/api/drafts/${id}/articles/${articles[0]}/text?at=${encodeURIComponent(beforeEdits)}`,
    );
    expect(then).toMatchObject({ text: 'This is the text of article 1.', label: 'Article 1', seq: 1 });
  });

  it('restores the whole draft to a time before the edits, exactly, as a change by the restorer', async () => {
    const res = await api(t.url, 'POST', `/api/drafts/${id}/restore`, {
      token: tokens.olga,
      body: { at: beforeEdits },
    });
    expect(res.status).toBe(200);
    const restored = res.json as RestoreJson;
    expect(restored).toMatchObject({ restored: 'draft', changed: true, articles: 4 });
    expect(await exportText(id)).toBe(before);
    const [alice, bob] = providers;
    await waitFor(
      () =>
        !texts(alice.doc)[2].toString().includes('Alice') && !texts(bob.doc)[3].toString().includes('Bob'),
      'clients restored',
    );

    const history1 = await get<ArticleHistoryJson>(
      'olga',
      `/api/drafts/${id}/articles/${articles[0]}/history`,
    );
    expect(history1.entries[0]).toMatchObject({ kind: 'restore', author: { username: 'olga' } });
    expect(history1.entries[0].changes).toContainEqual({ op: 'delete', text: ' Alice wrote this.' });
    expect(history1.entries[0].seq.first).toBe(restored.seq);
    // Nothing was rewritten: the edits are still there, under the restore.
    expect(history1.entries.map((e) => e.kind)).toEqual(['restore', 'edit', 'create']);
    const blame1 = await get<ArticleBlameJson>('olga', `/api/drafts/${id}/articles/${articles[0]}/blame`);
    expect(blame1.runs.map((r) => [r.text, r.author.username])).toEqual([
      ['This is the text of article 1.', 'olga'],
    ]);

    const timeline = await get<TimelineJson>('vera', `/api/drafts/${id}/timeline?kind=restore`);
    expect(timeline.events).toEqual([
      expect.objectContaining({
        kind: 'restore',
        action: 'restore.draft',
        user: 'olga',
        detail: expect.objectContaining({ at: beforeEdits, seq: restored.seq }),
      }),
    ]);
    // Restoring to the same moment again changes nothing and records nothing.
    const again = await api(t.url, 'POST', `/api/drafts/${id}/restore`, {
      token: tokens.olga,
      body: { at: beforeEdits },
    });
    expect(again.json).toMatchObject({ changed: false, seq: null });
  });

  it('restores one article from a version, leaving the others as they are', async () => {
    const [alice, bob] = providers;
    const version = await api(t.url, 'POST', `/api/drafts/${id}/versions`, {
      token: tokens.olga,
      body: { label: 'v1' },
    });
    const vid = (version.json as { id: string; head: { seq: number; hash: string } }).id;
    await Promise.all([typeInto(alice, 2, ' Again A.'), typeInto(bob, 3, ' Again B.')]);
    await waitFor(
      () =>
        repositories(t.server).record.head(id).seq >=
        2 + (version.json as { head: { seq: number } }).head.seq + 16,
      'recorded',
    );
    const res = await api(t.url, 'POST', `/api/drafts/${id}/restore`, {
      token: tokens.bob,
      body: { versionId: vid, articleId: articles[1] },
    });
    expect(res.status).toBe(200);
    expect((res.json as RestoreJson).article).toMatchObject({
      id: articles[1],
      text: 'This is the text of article 2.',
    });
    const text = await exportText(id);
    expect(text).toContain('This is the text of article 1. Again A.');
    expect(text).toContain('Article 2 This is the text of article 2.\n');
    await waitFor(
      () => texts(alice.doc)[3].toString() === 'This is the text of article 2.',
      'alice sees the restore',
    );
    const history2 = await get<ArticleHistoryJson>(
      'olga',
      `/api/drafts/${id}/articles/${articles[1]}/history`,
    );
    expect(history2.entries[0]).toMatchObject({ kind: 'restore', author: { username: 'bob' } });
    const history1 = await get<ArticleHistoryJson>(
      'olga',
      `/api/drafts/${id}/articles/${articles[0]}/history`,
    );
    expect(history1.entries[0]).toMatchObject({ kind: 'edit', author: { username: 'alice' } });
  });

  it('lets readers see history but only owners and drafters restore, and refuses bad input', async () => {
    const restoreAs = (who: string, body: unknown) =>
      api(t.url, 'POST', `/api/drafts/${id}/restore`, { token: tokens[who], body });
    expect((await restoreAs('vera', { at: beforeEdits })).status).toBe(403);
    expect((await restoreAs('rita', { at: beforeEdits })).status).toBe(403);
    const cases: Array<[unknown, number, RegExp]> = [
      [{ at: 'yesterday' }, 400, /body\.at: must be an ISO 8601 time/],
      [{ at: beforeEdits, versionId: 'x' }, 400, /either at .* or versionId/],
      [{ articleId: articles[0] }, 400, /either at/],
      [{ at: '2999-01-01T00:00:00Z' }, 400, /future/],
      [{ at: '2001-01-01T00:00:00Z' }, 409, /did not exist yet/],
      [{ versionId: 'nosuchversion' }, 409, /has no version/],
      [{ at: beforeEdits, articleId: 'nosucharticle' }, 409, /was not in the draft at that time/],
      [{ at: beforeEdits, extra: 1 }, 400, /body/],
    ];
    for (const [body, status, detail] of cases) {
      const res = await restoreAs('olga', body);
      expect([res.status, (res.json as { detail: string }).detail], JSON.stringify(body)).toEqual([
        status,
        expect.stringMatching(detail),
      ]);
    }
    const history = (articleId: string, who = 'vera') =>
      api(t.url, 'GET', `/api/drafts/${id}/articles/${articleId}/history`, { token: tokens[who] });
    expect((await history('nosucharticle')).status).toBe(404);
    expect((await history('bad id!')).status).toBe(400);
    expect((await api(t.url, 'GET', `/api/drafts/${id}/articles/${articles[0]}/blame`)).status).toBe(401);
    const stranger = await t.user('stranger');
    expect(
      (await api(t.url, 'GET', `/api/drafts/${id}/articles/${articles[0]}/history`, { token: stranger }))
        .status,
    ).toBe(404);
    expect(
      (
        await api(t.url, 'GET', `/api/drafts/${id}/articles/${articles[0]}/text?at=soon`, {
          token: tokens.vera,
        })
      ).status,
    ).toBe(400);
    expect(
      (await api(t.url, 'GET', `/api/drafts/${id}/timeline?kind=coffee`, { token: tokens.vera })).status,
    ).toBe(400);
    expect(
      (await api(t.url, 'GET', `/api/drafts/${id}/timeline?format=xml`, { token: tokens.vera })).status,
    ).toBe(400);
  });
});

describe('server-side edits', () => {
  it('records an edit made through rooms.edit with the accepter and the suggester, and sends it to clients', async () => {
    const id = await t.draft(tokens.olga, { text: lawText(2) });
    await t.grant('alice', id, 'drafter');
    const [first] = await articleIds(id);
    const reader = connect(t.wsUrl, id, tokens.olga);
    providers.push(reader);
    await synced(reader);
    const { rooms } = t.server;
    const storage = repositories(t.server);
    const accepter = storage.users.byName('alice')!.id;
    const suggester = storage.users.byName('rita')!.id;
    const before = storage.record.head(id).seq;
    const result = await rooms.edit(
      id,
      { userId: accepter, suggestedBy: suggester, kind: 'suggestion' },
      (doc) => {
        const lead = texts(doc)[2];
        lead.insert(lead.length, ' As suggested.');
        return lead.toString();
      },
    );
    expect(result).toBe('This is the text of article 1. As suggested.');
    await waitFor(() => texts(reader.doc)[2].toString() === result, 'the client has the edit');
    const [entry] = storage.record.entries(id, before);
    expect(entry).toMatchObject({
      seq: before + 1,
      userId: accepter,
      suggestedBy: suggester,
      kind: 'suggestion',
      connection: null,
    });
    const history = await get<ArticleHistoryJson>('olga', `/api/drafts/${id}/articles/${first}/history`);
    expect(history.entries[0]).toMatchObject({
      kind: 'suggestion',
      author: { username: 'alice', suggestedBy: 'rita' },
      changes: expect.arrayContaining([{ op: 'insert', text: ' As suggested.' }]),
    });
    const blame = await get<ArticleBlameJson>('olga', `/api/drafts/${id}/articles/${first}/blame`);
    expect(blame.runs[1]).toMatchObject({
      text: ' As suggested.',
      kind: 'suggestion',
      author: { username: 'alice', suggestedBy: 'rita' },
    });
    // A change that changes nothing records nothing.
    const head = storage.record.head(id).seq;
    await rooms.edit(id, { userId: accepter }, () => undefined);
    expect(storage.record.head(id).seq).toBe(head);
  });
});

describe('the timeline', () => {
  it('lists versions, members and exports with who and when (sign-ins are not on it), filterable, as JSON and CSV', async () => {
    const id = await t.draft(tokens.olga, { text: lawText(2) });
    const put = await api(t.url, 'PUT', `/api/drafts/${id}/members/alice`, {
      token: tokens.olga,
      body: { role: 'drafter' },
    });
    expect(put.status).toBe(200);
    const version = await api(t.url, 'POST', `/api/drafts/${id}/versions`, {
      token: tokens.alice,
      body: { label: '初稿' },
    });
    const head = (version.json as { head: { seq: number; hash: string } }).head;
    await api(t.url, 'GET', `/api/drafts/${id}/export?format=docx`, { token: tokens.alice });
    await api(t.url, 'POST', `/api/session`, { body: { username: 'alice', password: 'correct horse' } });

    const all = await get<TimelineJson>('olga', `/api/drafts/${id}/timeline`);
    expect(all.events.map((e) => [e.kind, e.action, e.user])).toEqual([
      ['draft', 'draft.create', 'olga'],
      ['member', 'member.set', 'olga'],
      ['version', 'version.create', 'alice'],
      ['export', 'export.draft', 'alice'],
    ]);
    expect(all.events[2].detail).toMatchObject({ label: '初稿', head });
    expect(all.events.every((e) => !Number.isNaN(Date.parse(e.at)))).toBe(true);

    const filtered = await get<TimelineJson>(
      'olga',
      `/api/drafts/${id}/timeline?kind=version,export&user=alice`,
    );
    expect(filtered.events.map((e) => e.action)).toEqual(['version.create', 'export.draft']);
    const future = await get<TimelineJson>('olga', `/api/drafts/${id}/timeline?from=2999-01-01T00:00:00Z`);
    expect(future.events).toEqual([]);
    expect((await get<TimelineJson>('olga', `/api/drafts/${id}/timeline?user=nobody`)).events).toEqual([]);

    const csv = await api(t.url, 'GET', `/api/drafts/${id}/timeline?format=csv&kind=version`, {
      token: tokens.olga,
    });
    expect(csv.headers.get('content-type')).toMatch(/^text\/csv/);
    const lines = csv.text.trimEnd().split('\r\n');
    expect(lines[0]).toBe('time,kind,action,user,detail');
    expect(lines).toHaveLength(2);
    expect(lines[1]).toMatch(/^\d{4}-.*,version,version\.create,alice,"\{""version"":/);
  });
});
