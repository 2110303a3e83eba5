// The low findings of the review of `lifa serve` (issue 11, findings 8, 9, 11–14): comment 404s that
// name no draft, publishing only on purpose, Markdown that carries no HTML, browser protections,
// private files, one answer for unknown users, the proxy setting, a generic honeypot refusal and
// formula look-alikes defused in CSV.
import { mkdirSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import WebSocket from 'ws';
import { parse } from 'csv-parse/sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { appContentSecurityPolicy, spreadsheetSafe } from '../../core/index.ts';
import { lifa } from '../helpers/cli.ts';
import { startLifaServer } from '../helpers/lifa-server.ts';
import { api, lawText, startServer, tempDir } from './helpers.ts';
import type { ApiResponse, TestServer } from './helpers.ts';

let t: TestServer;
let owner: string;
let outsider: string;

beforeAll(async () => {
  const temp = tempDir();
  const dist = join(temp.dir, 'renderer');
  mkdirSync(dist, { recursive: true });
  writeFileSync(join(dist, 'index.html'), '<!doctype html><title>app</title>');
  t = await startServer({
    rendererDir: dist,
    allowedOrigins: ['https://lifa.example.org'],
    publicComments: { burst: 100, refillInterval: 100 },
  });
  owner = await t.user('owner');
  outsider = await t.user('outsider');
});
afterAll(async () => {
  await t.close();
});

/// A draft with a named version, and the version's id.
async function withVersion(text = lawText(2)): Promise<{ id: string; versionId: string }> {
  const id = await t.draft(owner, { text });
  const version = await api(t.url, 'POST', `/api/drafts/${id}/versions`, {
    token: owner,
    body: { label: 'v1' },
  });
  return { id, versionId: (version.json as { id: string }).id };
}

const period = (id: string, body: unknown, token = owner) =>
  api(t.url, 'PUT', `/api/drafts/${id}/public`, { token, body });

describe('comment ids', () => {
  it('get the same 404 whether the comment is missing or on a draft the reader cannot see', async () => {
    const id = await t.draft(owner, { text: lawText(2) });
    const made = await api(t.url, 'POST', `/api/drafts/${id}/comments`, {
      token: owner,
      body: { articleId: null, body: 'mine' },
    });
    const commentId = (made.json as { id: string }).id;
    const hidden = await api(t.url, 'GET', `/api/comments/${commentId}/history`, { token: outsider });
    const missing = await api(t.url, 'GET', '/api/comments/99999999/history', { token: outsider });
    expect(hidden.status).toBe(404);
    expect(hidden.json).toEqual({ error: 'not found', detail: `no comment ${commentId}` });
    expect(missing.json).toEqual({ error: 'not found', detail: 'no comment 99999999' });
    expect(hidden.text).not.toContain(id);
    for (const [method, body] of [
      ['PATCH', { status: 'resolved' }],
      ['DELETE', undefined],
    ] as const) {
      const res = await api(t.url, method, `/api/comments/${commentId}`, { token: outsider, body });
      expect(res.json).toEqual({ error: 'not found', detail: `no comment ${commentId}` });
    }
  });
});

describe('suggestion ids', () => {
  it('get the same 404 whether the suggestion is missing or on a draft the reader cannot see', async () => {
    const id = await t.draft(owner, { text: lawText(2) });
    const outline = await api(t.url, 'GET', `/api/drafts/${id}/export?format=json`, { token: owner });
    const articleId = (outline.json as { articles: { id: string }[] }).articles[0].id;
    const made = await api(t.url, 'POST', `/api/drafts/${id}/suggestions`, {
      token: owner,
      body: { articleId, quote: 'text', replacement: 'words' },
    });
    expect(made.status, made.text).toBe(201);
    const suggestionId = (made.json as { id: string }).id;
    for (const [method, path] of [
      ['GET', ''],
      ['GET', '/history'],
      ['GET', '/comments'],
      ['POST', '/accept'],
      ['DELETE', ''],
    ] as const) {
      const hidden = await api(t.url, method, `/api/suggestions/${suggestionId}${path}`, { token: outsider });
      expect(hidden.status, `${method} ${path}`).toBe(404);
      expect(hidden.json).toEqual({ error: 'not found', detail: `no suggestion ${suggestionId}` });
      expect(hidden.text).not.toContain(id);
    }
    const missing = await api(t.url, 'GET', '/api/suggestions/99999999', { token: outsider });
    expect(missing.json).toEqual({ error: 'not found', detail: 'no suggestion 99999999' });
  });
});

describe('publication', () => {
  it('never comes from closing a period that was not open', async () => {
    const { id, versionId } = await withVersion();
    const closing = await period(id, { versionId, open: false });
    expect(closing.status).toBe(409);
    expect((closing.json as { detail: string }).detail).toMatch(/never (been )?opened/);
    expect((await api(t.url, 'GET', `/api/public/drafts/${id}`)).status).toBe(404);
  });

  it('of one version is not switched to another by closing', async () => {
    const { id, versionId } = await withVersion();
    const other = await api(t.url, 'POST', `/api/drafts/${id}/versions`, {
      token: owner,
      body: { label: 'v2' },
    });
    expect((await period(id, { versionId, open: true })).status).toBe(200);
    const closing = await period(id, { versionId: (other.json as { id: string }).id, open: false });
    expect(closing.status).toBe(409);
    const page = await api(t.url, 'GET', `/api/public/drafts/${id}`);
    expect((page.json as { version: { id: string }; open: boolean }).version.id).toBe(versionId);
  });

  it('can be withdrawn by an owner, keeping the comments, and published again', async () => {
    const { id, versionId } = await withVersion();
    await t.grant('outsider', id, 'drafter');
    expect((await period(id, { versionId, open: true })).status).toBe(200);
    const comment = await api(t.url, 'POST', `/api/public/drafts/${id}/comments`, {
      body: { articleId: null, body: 'kept', name: 'Sun' },
    });
    expect(comment.status).toBe(201);
    expect((await api(t.url, 'DELETE', `/api/drafts/${id}/public`, { token: outsider })).status).toBe(403);
    expect((await api(t.url, 'DELETE', `/api/drafts/${id}/public`, { token: owner })).status).toBe(204);
    expect((await api(t.url, 'GET', `/api/public/drafts/${id}`)).status).toBe(404);
    expect((await api(t.url, 'GET', `/api/drafts/${id}/public`, { token: owner })).status).toBe(404);
    expect((await api(t.url, 'DELETE', `/api/drafts/${id}/public`, { token: owner })).status).toBe(404);
    const kept = await api(t.url, 'GET', `/api/drafts/${id}/comments?kind=public`, { token: owner });
    expect((kept.json as { comments: { body: string }[] }).comments.map((c) => c.body)).toEqual(['kept']);
    expect((await period(id, { versionId, open: true })).status).toBe(200);
    expect((await api(t.url, 'GET', `/api/public/drafts/${id}`)).status).toBe(200);
  });
});

describe('the Markdown export', () => {
  it('escapes HTML and link syntax in the text, through the API and the command line', async () => {
    const law = '# <b>Title</b>\n\nArticle 1 <script>alert(1)</script> & [x](javascript:alert(2)) *bold*\n';
    const id = await t.draft(owner, { text: law, language: 'en' });
    const md = (await api(t.url, 'GET', `/api/drafts/${id}/export?format=md`, { token: owner })).text;
    expect(md).not.toMatch(/<script|<b>|(?<!\\)\]\(javascript/);
    expect(md).toContain(
      '&lt;script&gt;alert(1)&lt;/script&gt; &amp; \\[x\\](javascript:alert(2)) \\*bold\\*',
    );
    expect(md.split('\n')[0]).toBe('# &lt;b&gt;Title&lt;/b&gt;');
    const file = join(t.dir, 'script.law.txt');
    writeFileSync(file, law);
    const cli = lifa(['export', file, '--format', 'md']);
    expect(cli.status).toBe(0);
    expect(cli.stdout).toBe(md);
    // The plain-text export stays the text as written.
    const txt = (await api(t.url, 'GET', `/api/drafts/${id}/export?format=txt`, { token: owner })).text;
    expect(txt).toContain('Article 1 <script>alert(1)</script> & [x](javascript:alert(2)) *bold*');
  });
});

describe('browser protections', () => {
  const headersOf = (res: ApiResponse) => Object.fromEntries(res.headers.entries());

  it('serve the web UI under the desktop app’s policy, framed by nobody, with no referrer', async () => {
    const page = await api(t.url, 'GET', '/drafts/abc');
    expect(page.text).toContain('<title>app</title>');
    expect(headersOf(page)).toMatchObject({
      'content-security-policy': appContentSecurityPolicy(["'self'"]),
      'referrer-policy': 'no-referrer',
      'x-frame-options': 'DENY',
      'x-content-type-options': 'nosniff',
    });
    expect(page.headers.get('content-security-policy')).toContain("frame-ancestors 'none'");
    const json = await api(t.url, 'GET', '/api/drafts', { token: owner });
    expect(headersOf(json)).toMatchObject({
      'content-security-policy': "default-src 'none'; frame-ancestors 'none'",
      'referrer-policy': 'no-referrer',
      'x-content-type-options': 'nosniff',
    });
  });

  it('send exports as attachments under a policy of their own', async () => {
    const { id, versionId } = await withVersion();
    for (const path of [
      `/api/drafts/${id}/export?format=html`,
      `/api/drafts/${id}/versions/${versionId}/export?format=html`,
      `/api/drafts/${id}/compare?from=${versionId}&to=live&format=html`,
      `/api/drafts/${id}/summary?format=html`,
      `/api/drafts/${id}/export?format=html&suggestions=tracked`,
      `/api/drafts/${id}/timeline?format=csv`,
    ]) {
      const res = await api(t.url, 'GET', path, { token: owner });
      expect(res.status, path).toBe(200);
      expect(res.headers.get('content-disposition'), path).toMatch(/^attachment; filename=/);
      const csp = res.headers.get('content-security-policy') ?? '';
      expect(csp, path).toContain('sandbox');
      expect(csp, path).toContain("default-src 'none'");
      expect(csp, path).not.toContain('script-src');
    }
  });

  it('refuse websockets and event streams from a page of another origin', async () => {
    const { id } = await withVersion();
    const open = (origin?: string) =>
      new Promise<string>((resolve) => {
        const socket = new WebSocket(`${t.wsUrl}/${id}?token=${owner}`, origin ? { origin } : {});
        socket.once('open', () => {
          socket.close();
          resolve('open');
        });
        socket.once('unexpected-response', (_request, response) => resolve(`refused ${response.statusCode}`));
        socket.once('error', () => resolve('error'));
      });
    expect(await open('https://evil.example')).toBe('refused 403');
    expect(await open(t.url)).toBe('open'); // the server's own origin
    expect(await open('https://lifa.example.org')).toBe('open'); // configured
    expect(await open()).toBe('open'); // scripts and the stock client send none

    const events = (origin: string) =>
      fetch(`${t.url}/api/drafts/${id}/events`, { headers: { authorization: `Bearer ${owner}`, origin } });
    const evil = await events('https://evil.example');
    expect(evil.status).toBe(403);
    expect(((await evil.json()) as { detail: string }).detail).toMatch(/origin/);
    const own = await events(t.url);
    expect(own.status).toBe(200);
    await own.body?.cancel();
  });

  it('health says only "ok"', async () => {
    expect((await api(t.url, 'GET', '/api/health')).json).toEqual({ status: 'ok' });
  });

  it('build the web UI without source maps unless asked', async () => {
    const config = (await import('../../renderer/vite.config.ts')).default as {
      build: { sourcemap: unknown };
    };
    expect(config.build.sourcemap).toBe(process.env.LIFA_SOURCEMAP === '1');
  });
});

describe('files, users and addresses', () => {
  it('keep the data folder private to its owner (0700) and the database files 0600', async () => {
    const temp = tempDir();
    const dataDir = join(temp.dir, 'fresh');
    const s = await startServer({ dataDir });
    try {
      await s.user('someone');
      expect(statSync(dataDir).mode & 0o777).toBe(0o700);
      for (const file of ['lifa.sqlite', 'lifa.sqlite-wal', 'lifa.sqlite-shm']) {
        expect(statSync(join(dataDir, file)).mode & 0o777, file).toBe(0o600);
      }
    } finally {
      await s.close();
      temp.remove();
    }
  });

  it('answer alike for an unknown user and a user who is not a member', async () => {
    const id = await t.draft(owner, { text: lawText(2) });
    const unknown = await api(t.url, 'DELETE', `/api/drafts/${id}/members/nobody-at-all`, { token: owner });
    const stranger = await api(t.url, 'DELETE', `/api/drafts/${id}/members/outsider`, { token: owner });
    expect(unknown.status).toBe(404);
    expect(unknown.json).toEqual({ error: 'not found', detail: 'nobody-at-all holds no role on this draft' });
    expect(stranger.json).toEqual({ error: 'not found', detail: 'outsider holds no role on this draft' });
  });

  it('take the client address from the connection unless told to trust a proxy', async () => {
    const s = await startServer({ publicComments: { burst: 2, refillInterval: 60_000 } });
    try {
      const token = await s.user('boss');
      const id = await s.draft(token, { text: lawText(2) });
      const version = await api(s.url, 'POST', `/api/drafts/${id}/versions`, { token, body: { label: 'v' } });
      const versionId = (version.json as { id: string }).id;
      await api(s.url, 'PUT', `/api/drafts/${id}/public`, { token, body: { versionId, open: true } });
      const send = (i: number) =>
        api(s.url, 'POST', `/api/public/drafts/${id}/comments`, {
          body: { articleId: null, body: `view ${i}`, name: 'Li' },
          headers: { 'x-forwarded-for': `198.51.100.${i}` },
        });
      const statuses = [];
      for (let i = 1; i <= 3; i++) statuses.push((await send(i)).status);
      expect(statuses).toEqual([201, 201, 429]); // three "addresses", one connection: the burst is 2
    } finally {
      await s.close();
    }
  });

  it('check the proxy, origin and limit flags of `lifa serve`', () => {
    for (const [flag, value] of [
      ['--trust-proxy', 'maybe?'],
      ['--allowed-origin', 'not-an-origin'],
      ['--max-articles', 'many'],
      ['--max-draft-bytes', '-1'],
      ['--max-drafts-per-user', '1.5'],
    ]) {
      const run = lifa(['serve', flag, value, '--port', '0', '--data', join(t.dir, 'unused')]);
      expect(run.status, flag).toBe(2);
      expect(run.stderr.trim().split('\n'), flag).toHaveLength(1);
      expect(run.stderr, flag).toContain(`lifa: ${flag} `);
      expect(run.stderr, flag).toContain(`not "${value}"`);
    }
  });

  it('apply the proxy and limit flags of `lifa serve`', { timeout: 60_000 }, async () => {
    const serve = await startLifaServer(
      [{ username: 'chief', password: 'correct horse', admin: true }],
      ['--trust-proxy', '127.0.0.1', '--max-articles', '3'],
    );
    try {
      const tooLong = await fetch(`${serve.url}/api/drafts`, {
        method: 'POST',
        headers: {
          authorization: `Bearer ${(await serve.signIn('chief')).token}`,
          'content-type': 'application/json',
        },
        body: JSON.stringify({ text: lawText(4) }),
      });
      expect(tooLong.status).toBe(413);
      expect(await tooLong.text()).toMatch(/more than 3 articles/);
      const { id } = await serve.api<{ id: string }>('chief', 'POST', '/api/drafts', { text: lawText(3) });
      const { id: versionId } = await serve.api<{ id: string }>(
        'chief',
        'POST',
        `/api/drafts/${id}/versions`,
        {
          label: 'v1',
        },
      );
      await serve.api('chief', 'PUT', `/api/drafts/${id}/public`, { versionId, open: true });
      // Behind the trusted proxy, each address the proxy names has its own allowance (a burst of 10).
      const comment = (address: string, n: number) =>
        fetch(`${serve.url}/api/public/drafts/${id}/comments`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', 'x-forwarded-for': address },
          body: JSON.stringify({ articleId: null, body: `view ${n}`, name: 'Li' }),
        });
      const statuses: number[] = [];
      for (let i = 0; i < 11; i++) statuses.push((await comment('198.51.100.7', i)).status);
      expect(statuses).toEqual([...Array<number>(10).fill(201), 429]);
      expect((await comment('198.51.100.8', 11)).status).toBe(201);
    } finally {
      await serve.stop();
    }
  });
});

describe('the public form and CSV', () => {
  it('refuses a filled honeypot without saying which field gave it away', async () => {
    const { id, versionId } = await withVersion();
    await period(id, { versionId, open: true });
    const res = await api(t.url, 'POST', `/api/public/drafts/${id}/comments`, {
      body: { articleId: null, body: 'spam', name: 'Bot', website: 'http://spam.example' },
    });
    expect(res.status).toBe(400);
    expect(res.text).not.toMatch(/website|honeypot|empty/i);
  });

  it('defuses full-width and other look-alike formula starts in CSV cells', async () => {
    for (const text of ['＝1+1', '＋1', '－1', '＠SUM(A1)', ' =1+1', '\u3000=1', '=1']) {
      expect(spreadsheetSafe(text), text).toBe(`'${text}`);
    }
    expect(spreadsheetSafe('1 = 1')).toBe('1 = 1');
    expect(spreadsheetSafe('意见')).toBe('意见');
    const id = await t.draft(owner, { text: lawText(2) });
    const csv = join(t.dir, 'formulas.csv');
    writeFileSync(csv, 'text,name\n"＝HYPERLINK(""http://evil.example"")",＠Ann\n');
    expect(lifa(['comments', 'import', csv, '--draft', id, '--data', t.dir]).status).toBe(0);
    const report = await api(t.url, 'GET', `/api/drafts/${id}/summary?format=csv&personal=true`, {
      token: owner,
    });
    const rows = parse(report.text.replace(/^\uFEFF/, ''), { columns: true }) as Record<string, string>[];
    const cells = Object.values(rows[0]);
    expect(cells).toContain('\'＝HYPERLINK("http://evil.example")');
    expect(cells).toContain("'＠Ann");
  });
});
