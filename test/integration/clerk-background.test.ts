// What the clerk meets after comments arrive, over the real server: the table labels each comment's
// article as the commenter saw it (the published version's number, with the version) beside its number
// now; comments are grouped again in the background after public comments arrive and after an import,
// and the table says so while it happens; the CSV register carries every comment whole, by number.
import { readFileSync } from 'node:fs';
import { parse } from 'csv-parse/sync';
import * as Y from 'yjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { normalizeText } from '../../core/index.ts';
import { importComments, parseComments } from '../../server/comments/import.ts';
import { api, connect, lawText, startServer, synced } from './helpers.ts';
import type { TestServer } from './helpers.ts';

interface Table {
  stale: boolean;
  updating: boolean;
  clusteredAt: string | null;
  versions: { id: string; label: string }[];
  articles: { id: string; version: number; label: string; current: string | null }[];
  clusters: { id: string; size: number }[];
  rows: { id: number[]; article: number[]; cluster: number[] };
}

let t: TestServer;
let owner: string;
let clerk: string;

beforeAll(async () => {
  t = await startServer({
    publicComments: { burst: 50, refillInterval: 1000 },
    autoCluster: { delay: 150, maxWait: 2000 },
  });
  owner = await t.user('owner');
  clerk = await t.user('clerk');
});
afterAll(async () => {
  await t.close();
});

const table = async (draftId: string): Promise<Table> => {
  const res = await api(t.url, 'GET', `/api/drafts/${draftId}/clerk/table`, { token: clerk });
  expect(res.status, res.text).toBe(200);
  return res.json as Table;
};

// Poll the table until the background grouping has caught up.
async function settled(draftId: string): Promise<Table> {
  let last = await table(draftId);
  const start = Date.now();
  while (last.updating || last.stale) {
    if (Date.now() - start > 15_000) throw new Error('the grouping was not updated in time');
    await new Promise((r) => setTimeout(r, 100));
    last = await table(draftId);
  }
  return last;
}

/// A draft of three articles published for comment as version "第一次征求意见稿".
async function published(): Promise<{ id: string; versionId: string; articles: string[] }> {
  const id = await t.draft(owner, { text: lawText(3, 'zh') });
  await t.grant('clerk', id, 'clerk');
  const version = await api(t.url, 'POST', `/api/drafts/${id}/versions`, {
    token: owner,
    body: { label: '第一次征求意见稿' },
  });
  const versionId = (version.json as { id: string }).id;
  await api(t.url, 'PUT', `/api/drafts/${id}/public`, { token: owner, body: { versionId, open: true } });
  const page = await api(t.url, 'GET', `/api/public/drafts/${id}`);
  return { id, versionId, articles: (page.json as { articles: { id: string }[] }).articles.map((a) => a.id) };
}

const submit = (id: string, articleId: string | null, body: string, name: string) =>
  api(t.url, 'POST', `/api/public/drafts/${id}/comments`, { body: { articleId, body, name } });

// Insert a new first article into the live draft, as an editor would (y-prosemirror's shape).
async function insertFirstArticle(draftId: string): Promise<void> {
  const provider = connect(t.wsUrl, draftId, owner);
  await synced(provider);
  const body = provider.doc.getXmlFragment('body');
  const chapter = body
    .toArray()
    .find((n) => n instanceof Y.XmlElement && n.nodeName === 'chapter') as Y.XmlElement;
  const article = new Y.XmlElement('article');
  article.setAttribute('id', 'newFirst01');
  const paragraph = new Y.XmlElement('paragraph');
  const lead = new Y.XmlElement('lead');
  lead.insert(0, [new Y.XmlText('新增的第一条。')]);
  paragraph.insert(0, [lead]);
  article.insert(0, [paragraph]);
  chapter.insert(1, [article]);
  // The server has it once its export shows four articles.
  for (let i = 0; i < 100; i++) {
    const json = await api(t.url, 'GET', `/api/drafts/${draftId}/export?format=json`, { token: owner });
    if ((json.json as { articles: unknown[] }).articles.length === 4) break;
    await new Promise((r) => setTimeout(r, 50));
  }
  provider.destroy();
}

describe('the clerk table after renumbering', () => {
  it('shows the number the commenter saw, with the version, and the number now beside it', async () => {
    const { id, articles } = await published();
    expect((await submit(id, articles[1], '第二条的期限太短。', '张三')).status).toBe(201);
    expect((await submit(id, null, '总体赞成。', '李四')).status).toBe(201);
    await insertFirstArticle(id);

    const shown = await settled(id);
    expect(shown.versions).toEqual([{ id: expect.any(String), label: '第一次征求意见稿' }]);
    const row = shown.rows.id.findIndex((_, i) => shown.rows.article[i] >= 0);
    expect(shown.articles[shown.rows.article[row]]).toEqual({
      id: articles[1],
      version: 0,
      label: '第二条',
      current: '第三条',
    });
    expect(shown.rows.article.filter((a) => a < 0)).toHaveLength(1);
  });
});

describe('grouping in the background', () => {
  it('groups public comments as they arrive, and says it is updating until it has', async () => {
    const { id, articles } = await published();
    const letter = '我们建议将第一条中的“网络运营者”改为“网络服务提供者”，以便与上位法保持一致。';
    expect((await submit(id, articles[0], letter, '甲')).status).toBe(201);
    const right = await table(id);
    expect(right.updating).toBe(true);
    expect(right.stale).toBe(true);
    const grouping = async () =>
      (await api(t.url, 'GET', `/api/drafts/${id}/clerk/grouping`, { token: clerk })).json as {
        updating: boolean;
      };
    expect((await grouping()).updating).toBe(true);
    const first = await settled(id);
    expect((await grouping()).updating).toBe(false);
    expect(first.clusteredAt).not.toBeNull();
    expect(first.rows.cluster.every((c) => c >= 0)).toBe(true);

    // A campaign: the same letter from three more people in quick succession.
    for (const name of ['乙', '丙', '丁'])
      expect((await submit(id, articles[0], letter, name)).status).toBe(201);
    expect((await table(id)).updating).toBe(true);
    const after = await settled(id);
    expect(after.rows.id).toHaveLength(4);
    expect(new Set(after.rows.cluster).size).toBe(1);
    expect(after.clusters[after.rows.cluster[0]].size).toBe(4);
  });

  it('groups comments imported while the server runs, once the table is opened', async () => {
    const { id, versionId, articles } = await published();
    const corpus = readFileSync(
      new URL('../fixtures/comments/cms-2022-0163.comments.jsonl', import.meta.url),
      'utf8',
    );
    const parsed = parseComments(corpus.trim(), 'jsonl');
    // As `lifa comments import` does, straight into storage, past this server's routes.
    await importComments(
      t.server.store,
      id,
      parsed.records.map((r) => ({ ...r, article: '1' })),
      articles.map((articleId, i) => ({ id: articleId, number: i + 1 })),
      { versionId },
    );
    const opened = await table(id);
    expect(opened.updating).toBe(true);
    const grouped = await settled(id);
    expect(grouped.rows.id).toHaveLength(647);
    expect(Math.max(...grouped.clusters.map((c) => c.size))).toBeGreaterThan(100);

    // The CSV register: every comment whole, by number.
    const csv = await api(t.url, 'GET', `/api/drafts/${id}/summary?format=csv`, { token: clerk });
    expect(csv.status).toBe(200);
    const rows = parse(csv.text, { bom: true, columns: true }) as Record<string, string>[];
    const ids = rows.map((r) => Number(r.comment_id));
    expect(ids).toEqual([...ids].sort((a, b) => a - b));
    const byExternal = new Map(rows.map((r) => [r.external_id, r.text]));
    const originals = corpus
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line) as { id: string; comment: string | null; withdrawn: boolean })
      .filter((c) => !c.withdrawn);
    expect(rows).toHaveLength(originals.length);
    for (const c of originals) expect(byExternal.get(c.id), c.id).toBe(normalizeText(c.comment ?? ''));
    expect(rows.filter((r) => r.text.length > 200).length).toBeGreaterThan(400);
  });
});
