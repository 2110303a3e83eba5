// Big imports (issue 11, finding 6): a draft's size is limited by configuration (articles, bytes) with
// 413 naming the limit, never a 500; big imports and exports (also of suggestions in Word files) run
// off the event loop so the server keeps answering; a DOCX may not unpack beyond a limit; each user
// may create only so many drafts.
import { strToU8, zipSync } from 'fflate';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { api, importDocx, lawText, startServer } from './helpers.ts';
import type { TestServer } from './helpers.ts';

let t: TestServer;
let token: string;

beforeAll(async () => {
  t = await startServer({ drafts: { maxDraftsPerUser: 1000 } });
  token = await t.user('importer');
});
afterAll(async () => {
  await t.close();
});

/// `n` bare articles, shortest form: about 17 bytes each.
const articles = (n: number) => {
  const lines = ['# Huge'];
  for (let i = 1; i <= n; i++) lines.push(`Article ${i} x`);
  return lines.join('\n');
};

/// Run `request` while polling /api/health of `server` every 20 ms; the answer and how long each
/// check took (ms).
async function whileHealthy<T>(
  request: () => Promise<T>,
  server: TestServer = t,
): Promise<{ res: T; checks: number[] }> {
  let done = false;
  const checks: number[] = [];
  const poll = (async () => {
    while (!done) {
      const start = performance.now();
      const health = await api(server.url, 'GET', '/api/health');
      expect(health.status).toBe(200);
      checks.push(performance.now() - start);
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  })();
  const res = await request();
  done = true;
  await poll;
  return { res, checks };
}

const median = (values: readonly number[]) =>
  [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

/// That the server kept answering all along: health checks came back in well under 200 ms. (The
/// median: on a machine shared with the rest of the suite, the slowest check may wait for a core
/// whatever the server does. Parsing on the server's thread, as before, blocked every check for seconds.)
function expectResponsive(checks: readonly number[]): void {
  expect(checks.length).toBeGreaterThanOrEqual(5);
  expect(median(checks)).toBeLessThan(200);
  expect(Math.max(...checks)).toBeLessThan(1000);
}

describe('draft size limits', () => {
  it('answer a 300,000-article import with 413 naming the limit, and the server keeps answering', async () => {
    // Encoded before the clock starts: this process is the client too.
    const body = JSON.stringify({ text: articles(300_000) });
    const { res, checks } = await whileHealthy(() => api(t.url, 'POST', '/api/drafts', { token, body }));
    expect(res.status, res.text).toBe(413);
    expect(res.json).toEqual({
      error: 'payload too large',
      detail: expect.stringMatching(/more than 5000 articles.*maxArticles/),
    });
    expectResponsive(checks);
    expect((await api(t.url, 'GET', '/api/drafts', { token })).json).toEqual([]);
  });

  it('take a draft at the article limit and refuse one above it', async () => {
    const s = await startServer({ drafts: { maxArticles: 40 } });
    try {
      const owner = await s.user('o');
      expect(
        (await api(s.url, 'POST', '/api/drafts', { token: owner, body: { text: lawText(40) } })).status,
      ).toBe(201);
      const over = await api(s.url, 'POST', '/api/drafts', { token: owner, body: { text: lawText(41) } });
      expect(over.status).toBe(413);
      expect((over.json as { detail: string }).detail).toMatch(/more than 40 articles/);
    } finally {
      await s.close();
    }
  });

  it('refuse a text above the byte limit, naming it', async () => {
    const s = await startServer({ drafts: { maxDraftBytes: 2000 } });
    try {
      const owner = await s.user('o');
      const res = await api(s.url, 'POST', '/api/drafts', { token: owner, body: { text: '中'.repeat(700) } });
      expect(res.status).toBe(413);
      expect((res.json as { detail: string }).detail).toBe(
        'the text is 2100 bytes; the limit is 2000 bytes (maxDraftBytes)',
      );
    } finally {
      await s.close();
    }
  });
});

describe('big drafts', () => {
  it('import and export off the event loop, the text arriving whole', async () => {
    const body = JSON.stringify({ text: lawText(3000) });
    const { res, checks } = await whileHealthy(async () => {
      const created = await api(t.url, 'POST', '/api/drafts', { token, body });
      expect(created.status, created.text).toBe(201);
      const id = (created.json as { id: string }).id;
      const txt = await api(t.url, 'GET', `/api/drafts/${id}/export?format=txt`, { token });
      const docx = await api(t.url, 'GET', `/api/drafts/${id}/export?format=docx`, { token });
      return { txt, docx };
    });
    expect(res.txt.text.split('\n').filter((line) => line.startsWith('Article ')).length).toBe(3000);
    expect(res.txt.text).toContain('Article 3000 This is the text of article 3000.');
    expect(res.docx.status).toBe(200);
    expect(res.docx.text.slice(0, 2)).toBe('PK');
    expectResponsive(checks);
  });
});

describe('suggestions in Word files of big drafts', () => {
  it('are exported as tracked changes and imported off the event loop', { timeout: 180_000 }, async () => {
    // Rooms stay loaded all along: loading a draft, and checkpointing it when it is unloaded, happen on
    // the server's thread for any draft someone opens, and are not what this measures.
    const s = await startServer({ rooms: { idleTimeout: 10 * 60_000 } });
    try {
      const owner = await s.user('owner');
      const suggest = async (id: string, article: number) => {
        const outline = await api(s.url, 'GET', `/api/drafts/${id}/export?format=json`, { token: owner });
        const articleId = (outline.json as { articles: { id: string }[] }).articles[article - 1].id;
        const made = await api(s.url, 'POST', `/api/drafts/${id}/suggestions`, {
          token: owner,
          body: { articleId, quote: 'text', replacement: 'wording' },
        });
        expect(made.status, made.text).toBe(201);
      };
      const id = await s.draft(owner, { text: lawText(3000) });
      await suggest(id, 3000);
      const copyId = await s.draft(owner, { text: lawText(3000) });
      await suggest(copyId, 1);
      const { res, checks } = await whileHealthy(async () => {
        const tracked = `/api/drafts/${id}/export?suggestions=tracked&format=`;
        const html = await api(s.url, 'GET', `${tracked}html`, { token: owner });
        const docx = await fetch(`${s.url}${tracked}docx`, { headers: { authorization: `Bearer ${owner}` } });
        const bytes = new Uint8Array(await docx.arrayBuffer());
        const imported = await importDocx(s.url, owner, copyId, bytes);
        return { html, imported };
      }, s);
      expect(res.html.status).toBe(200);
      expect(res.html.text).toContain('Article 3000');
      expect(res.html.text).toContain('wording');
      expect(res.imported.status, res.imported.text).toBe(201);
      const imported = res.imported.json as { created: { quote: string; replacement: string }[] };
      expect(imported.created.map((c) => [c.quote, c.replacement])).toEqual([['text', 'wording']]);
      expectResponsive(checks);
    } finally {
      await s.close();
    }
  });

  it('refuse a DOCX that would unpack beyond the limit, before unpacking it', async () => {
    const id = await t.draft(token, { text: lawText(2) });
    const zip = zipSync({ 'word/document.xml': strToU8('<w:document/>') });
    // The central directory's record of the file says how big it unpacks (offset 24): claim 4 GiB.
    const view = new DataView(zip.buffer, zip.byteOffset, zip.byteLength);
    let at = zip.length - 22;
    while (view.getUint32(at, true) !== 0x02014b50) at--;
    view.setUint32(at + 24, 0xffffffff, true);
    const res = await importDocx(t.url, token, id, zip);
    expect(res.status, res.text).toBe(413);
    expect((res.json as { detail: string }).detail).toBe(
      'body: word/document.xml unpacks to 4294967295 bytes; the limit is 134217728 bytes',
    );
  });
});

describe('draft quota', () => {
  it('limits how many drafts one user creates; administrators are not limited', async () => {
    const s = await startServer({ drafts: { maxDraftsPerUser: 3 } });
    try {
      const user = await s.user('u');
      const admin = await s.user('root', { admin: true });
      for (let i = 0; i < 3; i++)
        expect((await api(s.url, 'POST', '/api/drafts', { token: user, body: {} })).status).toBe(201);
      const fourth = await api(s.url, 'POST', '/api/drafts', { token: user, body: {} });
      expect(fourth.status).toBe(403);
      expect((fourth.json as { detail: string }).detail).toMatch(/3 drafts.*maxDraftsPerUser/);
      // Deleting one does not give the quota back: deleted drafts keep their storage until purged.
      const [first] = (await api(s.url, 'GET', '/api/drafts', { token: user })).json as { id: string }[];
      expect((await api(s.url, 'DELETE', `/api/drafts/${first.id}`, { token: user })).status).toBe(204);
      expect((await api(s.url, 'POST', '/api/drafts', { token: user, body: {} })).status).toBe(403);
      for (let i = 0; i < 4; i++)
        expect((await api(s.url, 'POST', '/api/drafts', { token: admin, body: {} })).status).toBe(201);
    } finally {
      await s.close();
    }
  });
});
