// Text is stored as accepted, or refused with the reason (issue 11, findings 7 and 10): no silent cut
// of long comments, the limit counted in characters and named in a 413; control characters and lone
// surrogates refused at every entry point; Akoma Ntoso well-formed whatever a draft holds.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Document, InsertedTextRun, Packer, Paragraph, TextRun } from 'docx';
import { XMLValidator } from 'fast-xml-parser';
import * as Y from 'yjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadDoc } from '../../server/sync/persistence.ts';
import { lifa } from '../helpers/cli.ts';
import {
  api,
  closed,
  connect,
  importDocx,
  lawText,
  startServer,
  synced,
  texts,
  repositories,
} from './helpers.ts';
import type { TestServer } from './helpers.ts';

let t: TestServer;
let owner: string;

beforeAll(async () => {
  t = await startServer({ publicComments: { burst: 100, refillInterval: 100 } });
  owner = await t.user('owner');
});
afterAll(async () => {
  await t.close();
});

/// A draft published for comment: its id and first article.
async function published(): Promise<{ id: string; article: string }> {
  const id = await t.draft(owner, { text: lawText(2) });
  const version = await api(t.url, 'POST', `/api/drafts/${id}/versions`, {
    token: owner,
    body: { label: 'v1' },
  });
  const versionId = (version.json as { id: string }).id;
  await api(t.url, 'PUT', `/api/drafts/${id}/public`, { token: owner, body: { versionId, open: true } });
  const page = await api(t.url, 'GET', `/api/public/drafts/${id}`);
  return { id, article: (page.json as { articles: { id: string }[] }).articles[0].id };
}

const submit = (id: string, body: Record<string, unknown>) =>
  api(t.url, 'POST', `/api/public/drafts/${id}/comments`, { body: { name: 'Qian', ...body } });

const stored = async (id: string) =>
  (
    (await api(t.url, 'GET', `/api/drafts/${id}/comments?kind=public`, { token: owner })).json as {
      comments: { body: string }[];
    }
  ).comments;

describe('long comments', () => {
  it('refuses a 90,000-character public comment with 413 naming the limit, and stores nothing', async () => {
    const { id, article } = await published();
    for (const body of ['意'.repeat(90_000), 'x'.repeat(90_000), 'x'.repeat(20_001)]) {
      const res = await submit(id, { articleId: article, body });
      expect(res.status).toBe(413);
      expect((res.json as { detail: string }).detail).toMatch(/20,?000 characters/);
    }
    expect(await stored(id)).toEqual([]);
  });

  it('stores a 20,000-character public comment whole, counting characters, not UTF-16 units', async () => {
    const { id, article } = await published();
    const body = '𠀀'.repeat(10_000) + '意见'.repeat(4_999) + 'ok'; // 20,000 characters, 30,000 UTF-16 units
    const res = await submit(id, { articleId: article, body });
    expect(res.status, res.text).toBe(201);
    const [comment] = await stored(id);
    expect(comment.body).toBe(body);
    expect([...comment.body].length).toBe(20_000);
  });

  it('refuses an over-long review comment the same way', async () => {
    const id = await t.draft(owner, { text: lawText(2) });
    const res = await api(t.url, 'POST', `/api/drafts/${id}/comments`, {
      token: owner,
      body: { articleId: null, body: 'y'.repeat(20_001) },
    });
    expect(res.status).toBe(413);
    expect((res.json as { detail: string }).detail).toMatch(/body: 20,?001 characters; the limit is 20,?000/);
  });
});

describe('long comments on suggestions', () => {
  it('are refused with 413 naming the limit; a 20,000-character one is stored whole', async () => {
    const id = await t.draft(owner, { text: lawText(2) });
    const suggestionId = await suggestion(id);
    const comment = (body: string) =>
      api(t.url, 'POST', `/api/suggestions/${suggestionId}/comments`, { token: owner, body: { body } });
    const long = await comment('x'.repeat(90_000));
    expect(long.status).toBe(413);
    expect((long.json as { detail: string }).detail).toMatch(/90,?000 characters; the limit is 20,?000/);
    const whole = '𠀀'.repeat(20_000); // 20,000 characters, 40,000 UTF-16 units
    expect((await comment(whole)).status).toBe(201);
    const thread = await api(t.url, 'GET', `/api/suggestions/${suggestionId}/comments`, { token: owner });
    expect((thread.json as { comments: { body: string }[] }).comments.map((c) => c.body)).toEqual([whole]);
  });
});

describe('control characters and lone surrogates', () => {
  it('are refused in any JSON text, naming the field, the character and where it stands', async () => {
    const { id, article } = await published();
    const cases: Array<[string, string, unknown, RegExp]> = [
      [
        'POST',
        '/api/drafts',
        { text: '# T\n\nArticle 1 fine\nArticle 2 a\u0000b' },
        /body\.text: .*U\+0000.*line 4/,
      ],
      ['POST', '/api/drafts', { title: 'bell\u0007' }, /body\.title: .*U\+0007/],
      [
        'POST',
        `/api/drafts/${id}/comments`,
        { articleId: null, body: 'lone \ud800 surrogate' },
        /body\.body: .*lone surrogate/,
      ],
      ['PATCH', `/api/drafts/${id}`, { title: 'esc\u001b[31m' }, /body\.title: .*U\+001B/],
    ];
    for (const [method, path, body, detail] of cases) {
      const res = await api(t.url, method, path, { token: owner, body });
      expect(res.status, `${method} ${path}`).toBe(400);
      expect((res.json as { detail: string }).detail).toMatch(detail);
    }
    const res = await submit(id, { articleId: article, body: 'a\ud83db', name: 'N\u0000' });
    expect(res.status).toBe(400);
    expect(await stored(id)).toEqual([]);
  });

  it('leave tabs, line breaks and every other character as sent, byte for byte', async () => {
    const { id, article } = await published();
    const body = 'tab\there\r\nCRLF\nLF 😀 𠀀 \u200b zero-width \u3000 ideographic space';
    expect((await submit(id, { articleId: article, body })).status).toBe(201);
    expect((await stored(id))[0].body).toBe(body);
  });

  it('are refused in a sync update, which is not applied; Akoma Ntoso stays well-formed', async () => {
    const id = await t.draft(owner, { text: lawText(2) });
    const writer = connect(t.wsUrl, id, owner);
    await synced(writer);
    const refused = closed(writer);
    texts(writer.doc)[2].insert(0, 'NUL\u0000here');
    const { code, reason } = await refused;
    expect(code).toBe(4400);
    expect(reason).toMatch(/U\+0000/);
    writer.destroy();
    const akn = await api(t.url, 'GET', `/api/drafts/${id}/export?format=akn`, { token: owner });
    expect(akn.text).not.toContain('NUL');
    expect(wellFormed(akn.text)).toBe(true);
  });

  it('that are already stored (written before they were refused) never make Akoma Ntoso ill-formed', async () => {
    const id = await t.draft(owner, { text: lawText(2) });
    // An update holding a NUL and a form feed, appended to the record the way an older server would have.
    const doc = new Y.Doc();
    Y.applyUpdate(doc, Y.encodeStateAsUpdate(await stateOf(id)));
    const before = Y.encodeStateVector(doc);
    texts(doc)[2].insert(0, 'old\u0000data\u000c');
    const update = Y.encodeStateAsUpdate(doc, before);
    const storage = repositories(t.server);
    const stored = storage.record.load(id);
    storage.record.append(id, stored.head, update, { userId: null }, Date.now());
    const akn = await api(t.url, 'GET', `/api/drafts/${id}/export?format=akn`, { token: owner });
    expect(akn.status).toBe(200);
    expect(wellFormed(akn.text)).toBe(true);
    expect(akn.text).toContain('old\ufffddata\ufffd');
  });

  it("are refused in the tracked changes of a DOCX, in the text or in the author's name", async () => {
    // Each article cites itself (这是第一条的内容): imported, those are live references, which the Word
    // file prints as their labels and the import must match all the same.
    const numerals = '一二三';
    const lines = [
      '# 测试条例',
      '## 第一章 总则',
      ...[...numerals].map((n) => `第${n}条 这是第${n}条的内容。`),
    ];
    const id = await t.draft(owner, { text: lines.join('\n') + '\n', language: 'zh' });
    const insertion = (n: number, author: string, text: string) =>
      new Paragraph({
        children: [
          new TextRun(`第${'一二三'[n - 1]}条\u3000这是第${'一二三'[n - 1]}条的`),
          new InsertedTextRun({ id: n, author, date: '2025-03-01T09:00:00Z', text }),
          new TextRun('内容。'),
        ],
      });
    const document = new Document({
      sections: [
        {
          children: [
            new Paragraph({ children: [new TextRun('测试条例')] }),
            insertion(1, '司法部', '正式'),
            insertion(2, '司法部', '新\u0085增'),
            insertion(3, '司法\u009b部', '补充'),
          ],
        },
      ],
    });
    const res = await importDocx(t.url, owner, id, new Uint8Array(await Packer.toBuffer(document)));
    expect(res.status, res.text).toBe(201);
    const { created, unmatched } = res.json as {
      created: { replacement: string }[];
      unmatched: { reason: string }[];
    };
    expect(created.map((s) => s.replacement)).toEqual(['正式']);
    expect(unmatched.map((u) => u.reason)).toEqual([
      expect.stringMatching(/body\.replacement: .*control character U\+0085/),
      expect.stringMatching(/author's name holds a control character U\+009B/),
    ]);
  });

  it('are refused in a plain-text law on the command line, with the line', () => {
    const file = join(t.dir, 'bell.law.txt');
    writeFileSync(file, '# T\n\nArticle 1 a\nArticle 2 b\u0007c\n');
    const run = lifa(['import', file]);
    expect(run.status).toBe(2);
    expect(run.stderr).toMatch(/line 4: .*control character U\+0007/);
  });
});

/// A suggestion on the first article of draft `id`; its id.
async function suggestion(id: string): Promise<string> {
  const outline = await api(t.url, 'GET', `/api/drafts/${id}/export?format=json`, { token: owner });
  const articleId = (outline.json as { articles: { id: string }[] }).articles[0].id;
  const made = await api(t.url, 'POST', `/api/drafts/${id}/suggestions`, {
    token: owner,
    body: { articleId, quote: 'text', replacement: 'words' },
  });
  expect(made.status, made.text).toBe(201);
  return (made.json as { id: string }).id;
}

/// The stored Y.Doc of draft `id` (which no connection has loaded).
async function stateOf(id: string): Promise<Y.Doc> {
  return loadDoc(id, repositories(t.server).record.load(id));
}

/// Whether `xml` is well-formed: it parses, and holds no character XML 1.0 forbids (which the
/// validator does not check).
function wellFormed(xml: string): boolean {
  // eslint-disable-next-line no-control-regex
  const illegal = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/;
  return XMLValidator.validate(xml) === true && !illegal.test(xml);
}
