// The HTTP API end to end: drafts, import, export, versions, members, static files, local mode, limits.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openStorage } from '../../server/storage/storage.ts';
import {
  api,
  bodyText,
  closed,
  connect,
  lawText,
  rawSocket,
  socketClosed,
  startServer,
  synced,
  tempDir,
  texts,
  type,
  waitFor,
  repositories,
} from './helpers.ts';
import type { TestServer } from './helpers.ts';

let t: TestServer;
let token: string;

beforeAll(async () => {
  t = await startServer();
  token = await t.user('alice');
});
afterAll(async () => {
  await t.close();
});

describe('drafts', () => {
  it('creates an empty draft, and lists, reads, renames, deletes and restores it', async () => {
    const created = await api(t.url, 'POST', '/api/drafts', {
      token,
      body: { title: 'Data rules', language: 'en' },
    });
    expect(created.status).toBe(201);
    const draft = created.json as Record<string, unknown>;
    expect(draft).toMatchObject({
      title: 'Data rules',
      language: 'en',
      status: 'drafting',
      role: 'owner',
      problems: [],
    });
    const id = draft.id as string;

    const list = await api(t.url, 'GET', '/api/drafts', { token });
    expect(list.json).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          id,
          title: 'Data rules',
          language: 'en',
          status: 'drafting',
          role: 'owner',
          updatedAt: expect.any(String),
        }),
      ]),
    );
    expect(
      (await api(t.url, 'PATCH', `/api/drafts/${id}`, { token, body: { title: 'Data Rules 2' } })).json,
    ).toMatchObject({
      title: 'Data Rules 2',
    });
    expect((await api(t.url, 'GET', `/api/drafts/${id}`, { token })).json).toMatchObject({
      id,
      title: 'Data Rules 2',
    });

    expect((await api(t.url, 'DELETE', `/api/drafts/${id}`, { token })).status).toBe(204);
    expect((await api(t.url, 'GET', `/api/drafts/${id}`, { token })).status).toBe(404);
    const listed = (await api(t.url, 'GET', '/api/drafts', { token })).json as Array<{ id: string }>;
    expect(listed.map((d) => d.id)).not.toContain(id);
    const deleted = (await api(t.url, 'GET', '/api/drafts?deleted=true', { token })).json as Array<{
      id: string;
    }>;
    expect(deleted.map((d) => d.id)).toContain(id);
    expect((await api(t.url, 'POST', `/api/drafts/${id}/restore`, { token })).status).toBe(200);
    expect((await api(t.url, 'GET', `/api/drafts/${id}`, { token })).status).toBe(200);
    expect((await api(t.url, 'POST', `/api/drafts/${id}/restore`, { token })).status).toBe(409);

    const txt = await api(t.url, 'GET', `/api/drafts/${id}/export?format=json`, { token });
    expect(txt.status).toBe(200);
    expect((txt.json as { articles: unknown[] }).articles).toHaveLength(1);
  });

  it('imports citations as live references, listing one it cannot resolve among the problems', async () => {
    const text = '# 引用条例\n\n第一条 甲。\n\n第二条 违反本条例第一条、第八条规定的，予以处罚。\n';
    const res = await api(t.url, 'POST', '/api/drafts', { token, body: { text } });
    const draft = res.json as { id: string; problems: Array<{ line: number; message: string }> };
    expect(draft.problems).toEqual([
      { line: 5, message: 'citation 第八条 names 第八条, but the draft has 2 articles: kept as text' },
    ]);
    const akn = await api(t.url, 'GET', `/api/drafts/${draft.id}/export?format=akn`, { token });
    expect(akn.text).toContain('违反本条例<ref href="#art_1">第一条</ref>、第八条规定的');
  });

  it('imports a plain-text law, taking the title from it and returning the problems', async () => {
    const text =
      '# 个人信息保护条例\n## 第一章 总则\n第一条 为了保护个人信息，制定本条例。\n第三条 跳过了第二条。\n';
    const res = await api(t.url, 'POST', '/api/drafts', { token, body: { text } });
    expect(res.status).toBe(201);
    const draft = res.json as {
      id: string;
      title: string;
      language: string;
      problems: Array<{ line: number; message: string }>;
    };
    expect(draft.title).toBe('个人信息保护条例');
    expect(draft.language).toBe('zh');
    expect(draft.problems.length).toBeGreaterThan(0);
    expect(draft.problems[0]).toEqual({ line: expect.any(Number), message: expect.any(String) });

    const txt = await api(t.url, 'GET', `/api/drafts/${draft.id}/export?format=txt`, { token });
    expect(txt.headers.get('content-type')).toMatch(/^text\/plain/);
    expect(txt.text).toContain('第二条 跳过了第二条。');
    const md = await api(t.url, 'GET', `/api/drafts/${draft.id}/export?format=md`, { token });
    expect(md.text).toContain('## 第一章 总则');
    const html = await api(t.url, 'GET', `/api/drafts/${draft.id}/export?format=html`, { token });
    expect(html.headers.get('content-type')).toMatch(/^text\/html/);
    expect(html.text).toContain('个人信息保护条例');
    const json = await api(t.url, 'GET', `/api/drafts/${draft.id}/export?format=json`, { token });
    expect(json.json).toMatchObject({ title: '个人信息保护条例', language: 'zh', problems: [] });
    expect((json.json as { articles: Array<{ label: string }> }).articles.map((a) => a.label)).toEqual([
      '第一条',
      '第二条',
    ]);
    expect((await api(t.url, 'GET', `/api/drafts/${draft.id}/export?format=pdf`, { token })).status).toBe(
      400,
    );
    const docx = await fetch(`${t.url}/api/drafts/${draft.id}/export?format=docx`, {
      headers: { authorization: `Bearer ${token}` },
    });
    expect(
      Buffer.from(await docx.arrayBuffer())
        .subarray(0, 2)
        .toString(),
    ).toBe('PK');
    const akn = await api(t.url, 'GET', `/api/drafts/${draft.id}/export?format=akn`, { token });
    expect(akn.text).toContain('akomaNtoso');
  });

  it('exports the live text, with every edit clients made', async () => {
    const id = await t.draft(token, { text: lawText(3) });
    const p = connect(t.wsUrl, id, token);
    await synced(p);
    type(p.doc, 2, ' Edited live.');
    await new Promise((r) => setTimeout(r, 50));
    const txt = await api(t.url, 'GET', `/api/drafts/${id}/export?format=txt`, { token });
    expect(txt.text).toContain('Article 1 This is the text of article 1. Edited live.');
    p.destroy();
  });
});

describe('versions', () => {
  it('cuts versions that keep the text of their moment', async () => {
    const id = await t.draft(token, { text: lawText(3) });
    const first = await api(t.url, 'POST', `/api/drafts/${id}/versions`, {
      token,
      body: { label: 'First reading' },
    });
    expect(first.status).toBe(201);
    expect(first.json).toEqual({
      id: expect.any(String),
      label: 'First reading',
      createdAt: expect.any(String),
      author: 'alice',
      head: { seq: 1, hash: expect.stringMatching(/^[0-9a-f]{64}$/) },
    });
    const p = connect(t.wsUrl, id, token);
    await synced(p);
    type(p.doc, 3, ' Amended.');
    await new Promise((r) => setTimeout(r, 50));
    const second = await api(t.url, 'POST', `/api/drafts/${id}/versions`, {
      token,
      body: { label: 'Second reading' },
    });
    const list = await api(t.url, 'GET', `/api/drafts/${id}/versions`, { token });
    expect((list.json as Array<{ label: string }>).map((v) => v.label)).toEqual([
      'First reading',
      'Second reading',
    ]);
    const v1 = (first.json as { id: string }).id;
    const v2 = (second.json as { id: string }).id;
    const old = await api(t.url, 'GET', `/api/drafts/${id}/versions/${v1}/export?format=txt`, { token });
    const now = await api(t.url, 'GET', `/api/drafts/${id}/versions/${v2}/export?format=txt`, { token });
    expect(old.text).not.toContain('Amended.');
    expect(now.text).toContain('Article 2 This is the text of article 2. Amended.');
    expect(
      (await api(t.url, 'GET', `/api/drafts/${id}/versions/nosuchver/export?format=txt`, { token })).status,
    ).toBe(404);
    const json = await api(t.url, 'GET', `/api/drafts/${id}/compare?from=${v1}&to=${v2}&format=json`, {
      token,
    });
    expect(json.status).toBe(200);
    const report = json.json as { summary: { modified: number; unchanged: number }; rows: unknown[] };
    expect(report.summary).toMatchObject({ modified: 1, unchanged: 2 });
    const live = await api(t.url, 'GET', `/api/drafts/${id}/compare?from=${v1}&to=live&format=html`, {
      token,
    });
    expect(live.headers.get('content-type')).toMatch(/^text\/html/);
    expect(live.text).toContain('Amended.');
    const docx = await fetch(`${t.url}/api/drafts/${id}/compare?from=${v1}&format=docx`, {
      headers: { authorization: `Bearer ${token}` },
    });
    expect(docx.status).toBe(200);
    expect(
      Buffer.from(await docx.arrayBuffer())
        .subarray(0, 2)
        .toString(),
    ).toBe('PK');
    expect((await api(t.url, 'GET', `/api/drafts/${id}/compare?from=nosuchver`, { token })).status).toBe(404);
    expect(
      (await api(t.url, 'GET', `/api/drafts/${id}/compare?from=${v1}&format=pdf`, { token })).status,
    ).toBe(400);
    expect((await api(t.url, 'GET', `/api/drafts/${id}/compare`, { token })).status).toBe(400);
    const stored = repositories(t.server).versions.get(id, v2)!;
    expect(JSON.parse(stored.outline).articles).toHaveLength(3);
    p.destroy();
  });
});

describe('members', () => {
  it('sets and lists roles', async () => {
    await t.user('bob');
    const id = await t.draft(token);
    expect(
      (await api(t.url, 'PUT', `/api/drafts/${id}/members/bob`, { token, body: { role: 'reviewer' } })).json,
    ).toEqual({
      username: 'bob',
      role: 'reviewer',
    });
    expect((await api(t.url, 'GET', `/api/drafts/${id}/members`, { token })).json).toEqual([
      { username: 'alice', role: 'owner' },
      { username: 'bob', role: 'reviewer' },
    ]);
    expect(
      (await api(t.url, 'PUT', `/api/drafts/${id}/members/nobody`, { token, body: { role: 'viewer' } }))
        .status,
    ).toBe(404);
    expect(
      (await api(t.url, 'PUT', `/api/drafts/${id}/members/bob`, { token, body: { role: 'king' } })).status,
    ).toBe(400);
  });
});

describe('the server', () => {
  it('answers health checks', async () => {
    expect((await api(t.url, 'GET', '/api/health')).json).toMatchObject({ status: 'ok' });
  });

  it('serves the renderer with a fallback for the app routes, and nothing outside its folder', async () => {
    const temp = tempDir();
    const dist = join(temp.dir, 'renderer');
    mkdirSync(join(dist, 'assets'), { recursive: true });
    writeFileSync(join(dist, 'index.html'), '<!doctype html><title>app</title>');
    writeFileSync(join(dist, 'assets', 'main-abc.js'), 'console.log(1)');
    writeFileSync(join(temp.dir, 'secret.txt'), 'secret');
    const s = await startServer({ rendererDir: dist });
    expect((await api(s.url, 'GET', '/')).text).toContain('<title>app</title>');
    const js = await api(s.url, 'GET', '/assets/main-abc.js');
    expect(js.headers.get('content-type')).toMatch(/javascript/);
    expect((await api(s.url, 'GET', '/drafts/abc')).text).toContain('<title>app</title>');
    expect((await api(s.url, 'GET', '/public/abc/def')).text).toContain('<title>app</title>');
    expect((await api(s.url, 'GET', '/nothing.js')).status).toBe(404);
    expect((await api(s.url, 'GET', '/%2e%2e/secret.txt')).status).toBe(404);
    expect((await api(s.url, 'GET', '/api/nothing')).json).toMatchObject({ error: 'not found' });
    // A page nobody has: a browser gets the app (which shows its not-found page) with status 404, a
    // program the JSON 404; a missing asset stays a plain 404 for browsers too.
    const html = { headers: { accept: 'text/html,application/xhtml+xml,*/*;q=0.8' } };
    const unknownPage = await api(s.url, 'GET', '/no/such/page', html);
    expect(unknownPage.status).toBe(404);
    expect(unknownPage.headers.get('content-type')).toMatch(/text\/html/);
    expect(unknownPage.text).toContain('<title>app</title>');
    expect((await api(s.url, 'GET', '/no/such/page')).json).toMatchObject({ error: 'not found' });
    expect((await api(s.url, 'GET', '/assets/missing.js', html)).json).toMatchObject({ error: 'not found' });
    expect((await api(s.url, 'GET', '/api/nothing', html)).json).toMatchObject({ error: 'not found' });
    await s.close();
    temp.remove();
    // Without a build, `/` says how to make one.
    const page = await api(t.url, 'GET', '/');
    expect(page.status).toBe(200);
    expect(page.text).toContain('npm run build');
  });

  it('runs in local mode with one local owner and a printed token', async () => {
    const s = await startServer({ local: true, seedDir: join(import.meta.dirname, '../../drafts') });
    expect(s.server.token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    const list = await api(s.url, 'GET', '/api/drafts', { token: s.server.token });
    expect((list.json as unknown[]).length).toBeGreaterThan(0);
    expect((await api(s.url, 'GET', '/api/session', { token: s.server.token })).json).toEqual({
      user: { username: 'local', isAdmin: true },
    });
    await s.close();
    await expect(startServer({ local: true, host: '0.0.0.0' })).rejects.toThrow(/loopback/);
  });

  it('flushes on shutdown and serves the same text after a restart', async () => {
    const s = await startServer({ rooms: { idleTimeout: 60_000 } });
    const tok = await s.user('carol', { admin: true });
    const id = await s.draft(tok, { text: lawText(4) });
    const p = connect(s.wsUrl, id, tok);
    await synced(p);
    for (let i = 0; i < 20; i++) type(p.doc, 3, '!');
    await new Promise((r) => setTimeout(r, 50));
    const text = bodyText(p.doc);
    const gone = closed(p);
    await s.server.close();
    expect((await gone).code).toBe(1001);
    p.destroy();
    const storage = openStorage(s.dir);
    expect(storage.record.sinceCheckpoint(id).updates).toBe(0); // compacted on the way out
    storage.close();
    const again = await startServer({ dataDir: s.dir });
    const q = connect(again.wsUrl, id, tok);
    await synced(q);
    expect(bodyText(q.doc)).toBe(text);
    q.destroy();
    await again.close();
  });

  it('compacts a busy draft in the background and unloads an idle one', async () => {
    const s = await startServer({ rooms: { idleTimeout: 100, compactAfterUpdates: 50, compactDelay: 10 } });
    const tok = await s.user('dave', { admin: true });
    const id = await s.draft(tok, { text: lawText(4) });
    const p = connect(s.wsUrl, id, tok);
    await synced(p);
    for (let i = 0; i < 60; i++) type(p.doc, 2, '.');
    await waitFor(() => repositories(s.server).record.sinceCheckpoint(id).updates < 50, 'compaction');
    p.destroy();
    await waitFor(() => !s.server.rooms.loaded(id), 'unload');
    const q = connect(s.wsUrl, id, tok);
    await synced(q);
    expect(texts(q.doc)[2].toString()).toMatch(/\.{60}$/);
    q.destroy();
    await s.close();
  });
});

describe('limits', () => {
  it('refuses frames above the maximum size, with a reason', async () => {
    const s = await startServer({ limits: { maxMessageSize: 1024 } });
    const tok = await s.user('erin', { admin: true });
    const id = await s.draft(tok);
    const socket = await rawSocket(s.wsUrl, id, tok);
    const done = socketClosed(socket);
    socket.send(new Uint8Array(2048));
    const { code, reason } = await done;
    expect(code).toBe(1009);
    expect(reason).toBe('message too big: 2048 bytes, the limit is 1024');
    const huge = await rawSocket(s.wsUrl, id, tok);
    const refused = socketClosed(huge);
    huge.send(new Uint8Array(1024 * 1024)); // far above: ws refuses it before buffering it
    expect((await refused).code).toBe(1009);
    const big = await api(s.url, 'POST', '/api/drafts', { token: tok, body: { text: 'x'.repeat(4096) } });
    expect(big.status).toBe(413);
    await s.close();
  });

  it('limits connections per draft, per user and new connections per address, each with a reason', async () => {
    const s = await startServer({
      limits: { maxConnectionsPerDraft: 2, maxConnectionsPerUser: 3, newConnectionsPerMinute: 8 },
    });
    const tok = await s.user('frank', { admin: true });
    const [d1, d2] = [await s.draft(tok), await s.draft(tok)];
    const a = await rawSocket(s.wsUrl, d1, tok);
    const b = await rawSocket(s.wsUrl, d1, tok);
    const third = await socketClosed(await rawSocket(s.wsUrl, d1, tok));
    expect(third).toEqual({ code: 1013, reason: expect.stringMatching(/draft/) });
    const c = await rawSocket(s.wsUrl, d2, tok);
    const fourth = await socketClosed(await rawSocket(s.wsUrl, d2, tok));
    expect(fourth).toEqual({ code: 1013, reason: expect.stringMatching(/account/) });
    for (const socket of [a, b, c]) socket.close();
    const results = [];
    for (let i = 0; i < 5; i++) {
      const socket = await rawSocket(s.wsUrl, 'nosuchdraft', tok);
      results.push(await socketClosed(socket));
    }
    expect(results.at(-1)).toEqual({ code: 1013, reason: expect.stringMatching(/address/) });
    await s.close();
  });
});
