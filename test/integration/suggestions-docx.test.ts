// Suggestions in and out of Word: the live draft exported with `suggestions=tracked` has real Word
// revisions (w:ins / w:del with w:author and w:date, inserted and deleted paragraph marks), the HTML
// export a redline; a marked-up DOCX — one built here, and one written by LibreOffice — imported
// gives suggestions by their Word authors; LibreOffice opens the exported file (a page is rendered to
// PNG in test-artifacts/ to look at).
import { execFile } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { DeletedTextRun, Document, InsertedTextRun, Packer, Paragraph, TextRun } from 'docx';
import { strFromU8, unzipSync } from 'fflate';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { projectPath } from '../helpers/cli.ts';
import { api, importDocx as postDocx, startServer } from './helpers.ts';
import type { TestServer } from './helpers.ts';

const run = promisify(execFile);

let t: TestServer;
const tokens: Record<string, string> = {};
let work: string;

beforeAll(async () => {
  t = await startServer();
  for (const name of ['owner', 'reviewer', 'clerk', 'viewer', 'outsider']) tokens[name] = await t.user(name);
  work = mkdtempSync(join(tmpdir(), 'lifa-docx-'));
});
afterAll(async () => {
  await t.close();
  rmSync(work, { recursive: true, force: true });
});

const zhLaw = `关键信息基础设施安全保护测试条例
第一章 总则
第一条 为了保障关键信息基础设施安全，制定本条例。
第二条 运营者应当在十五日内报告网络安全事件。
第三条 运营者应当履行下列义务：
（一）设置专门安全管理机构；
（二）定期开展安全检测。
第二章 附则
第四条 本条例自公布之日起施行。
`;

type Suggestion = {
  id: string;
  kind: string;
  articleId: string;
  quote: string;
  replacement: string;
  status: string;
  author: { username: string | null };
  importedBy: { username: string | null } | null;
  createdAt: string;
};

async function draft(text = zhLaw): Promise<{ id: string; articles: string[] }> {
  const id = await t.draft(tokens.owner, { text, language: 'zh' });
  for (const role of ['reviewer', 'clerk', 'viewer'] as const) await t.grant(role, id, role);
  const outline = await api(t.url, 'GET', `/api/drafts/${id}/export?format=json`, { token: tokens.owner });
  return { id, articles: (outline.json as { articles: { id: string }[] }).articles.map((a) => a.id) };
}

async function suggest(who: string, id: string, body: Record<string, unknown>): Promise<Suggestion> {
  const res = await api(t.url, 'POST', `/api/drafts/${id}/suggestions`, { token: tokens[who], body });
  expect(res.status, res.text).toBe(201);
  return res.json as Suggestion;
}

/// Every kind of suggestion on the draft `id`.
async function suggestEverything(id: string, articles: string[]): Promise<void> {
  await suggest('reviewer', id, { articleId: articles[1], quote: '十五日', replacement: '七十二小时' });
  await suggest('clerk', id, {
    articleId: articles[0],
    quote: '',
    prefix: '为了保障',
    suffix: '关键信息',
    replacement: '国家',
  });
  await suggest('clerk', id, { articleId: articles[2], quote: '专门', replacement: '' });
  await suggest('reviewer', id, {
    kind: 'insert-item',
    articleId: articles[2],
    paragraph: 1,
    after: 2,
    text: '制定应急预案。',
  });
  await suggest('reviewer', id, {
    kind: 'insert-article',
    after: articles[1],
    text: '运营者应当每年开展一次风险评估。',
  });
  await suggest('clerk', id, { kind: 'delete-article', articleId: articles[3] });
}

async function download(id: string, query: string): Promise<Uint8Array> {
  const res = await fetch(`${t.url}/api/drafts/${id}/export?${query}`, {
    headers: { authorization: `Bearer ${tokens.viewer}` },
  });
  expect(res.status, await res.clone().text()).toBe(200);
  return new Uint8Array(await res.arrayBuffer());
}

function documentXml(bytes: Uint8Array): string {
  return strFromU8(unzipSync(bytes, { filter: (f) => f.name === 'word/document.xml' })['word/document.xml']);
}

/// Every `w:ins` / `w:del` element of `xml` with its author and its text.
function revisions(xml: string): { tag: string; author: string; date: string; text: string }[] {
  const found: { tag: string; author: string; date: string; text: string }[] = [];
  for (const match of xml.matchAll(/<w:(ins|del) ([^>]*?)(\/>|>([\s\S]*?)<\/w:\1>)/g)) {
    const attrs = Object.fromEntries([...match[2].matchAll(/([\w:]+)="([^"]*)"/g)].map((m) => [m[1], m[2]]));
    const text = [...(match[4] ?? '').matchAll(/<w:(?:t|delText)[^>]*>([^<]*)<\/w:(?:t|delText)>/g)]
      .map((m) => m[1])
      .join('');
    found.push({ tag: match[1], author: attrs['w:author'], date: attrs['w:date'], text });
  }
  return found;
}

async function importDocx(id: string, bytes: Uint8Array, who = 'owner') {
  const res = await postDocx(t.url, tokens[who], id, bytes);
  return {
    status: res.status,
    json: res.json as { created: Suggestion[]; unmatched: { reason: string; text: string }[] },
  };
}

/// Run LibreOffice headless with a profile of its own (so runs never share a lock).
async function soffice(args: string[]): Promise<void> {
  const profile = join(work, 'lo-profile');
  await run('soffice', [`-env:UserInstallation=file://${profile}`, '--headless', ...args], {
    timeout: 180_000,
  });
}

const shape = (s: Suggestion) => [s.kind, s.quote, s.replacement];

describe('export with suggestions as tracked changes', () => {
  it('writes w:ins and w:del with w:author and w:date for every open suggestion, and nothing without the parameter', async () => {
    const { id, articles } = await draft();
    await suggestEverything(id, articles);
    const xml = documentXml(await download(id, 'format=docx&suggestions=tracked'));
    const found = revisions(xml);
    expect(found.every((r) => r.author && /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/.test(r.date))).toBe(true);
    const texts = (tag: string, author: string) =>
      found
        .filter((r) => r.tag === tag && r.author === author)
        .map((r) => r.text)
        .join('|');
    expect(texts('del', 'reviewer')).toBe('十五日');
    expect(texts('ins', 'reviewer')).toContain('七十二小时');
    expect(texts('ins', 'reviewer')).toContain('（三）制定应急预案。');
    expect(texts('ins', 'reviewer')).toContain('第二条之一　|运营者应当每年开展一次风险评估。');
    expect(texts('ins', 'clerk')).toBe('国家');
    expect(texts('del', 'clerk')).toContain('专门');
    expect(texts('del', 'clerk')).toContain('第四条　|本条例自公布之日起施行。');
    // Inserted and deleted paragraphs carry their paragraph marks.
    expect(xml).toMatch(/<w:pPr>(?:(?!<\/w:pPr>).)*<w:rPr><w:ins [^>]*w:author="reviewer"/s);
    expect(xml).toMatch(/<w:pPr>(?:(?!<\/w:pPr>).)*<w:rPr><w:del [^>]*w:author="clerk"/s);
    // Revision ids are unique in the document.
    const ids = [...xml.matchAll(/<w:(?:ins|del) w:id="(\d+)"/g)].map((m) => m[1]);
    expect(new Set(ids).size).toBe(ids.length);

    const plain = documentXml(await download(id, 'format=docx'));
    expect(revisions(plain)).toEqual([]);
    expect(plain).toContain('十五日');
    expect(plain).not.toContain('七十二小时');
  });

  it('shows a redline in HTML with suggestions=tracked', async () => {
    const { id, articles } = await draft();
    await suggestEverything(id, articles);
    const html = new TextDecoder().decode(await download(id, 'format=html&suggestions=tracked'));
    expect(html).toMatch(
      /<del class="sugg" data-suggestion="\d+"[^>]*title="reviewer, \d{4}-\d\d-\d\d">十五日<\/del><ins class="sugg"[^>]*>七十二小时<\/ins>/,
    );
    expect(html).toMatch(/<p class="inserted item"><ins [^>]*>（三）制定应急预案。<\/ins><\/p>/);
    expect(html).toContain('<section class="article deleted"');
    expect(html).toContain('第二条之一');
    const plain = new TextDecoder().decode(await download(id, 'format=html'));
    expect(plain).not.toContain('<ins');
    const bad = await api(t.url, 'GET', `/api/drafts/${id}/export?format=txt&suggestions=tracked`, {
      token: tokens.viewer,
    });
    expect(bad.status).toBe(400);
    expect(bad.json).toMatchObject({ error: 'bad request' });
  });
});

describe('import of a marked-up DOCX', () => {
  it('turns the tracked changes of our own export into the same suggestions, by their Word authors', async () => {
    const { id, articles } = await draft();
    await suggestEverything(id, articles);
    const bytes = await download(id, 'format=docx&suggestions=tracked');
    const original = (await api(t.url, 'GET', `/api/drafts/${id}/suggestions`, { token: tokens.owner }))
      .json as Suggestion[];

    const copy = await draft();
    const imported = await importDocx(copy.id, bytes);
    expect(imported.status).toBe(201);
    expect(imported.json.unmatched).toEqual([]);
    expect(imported.json.created.map(shape).sort()).toEqual(original.map(shape).sort());
    expect(imported.json.created.every((s) => s.importedBy?.username === 'owner')).toBe(true);
    const byKind = Object.fromEntries(imported.json.created.map((s) => [s.kind + s.quote, s]));
    expect(byKind['text十五日'].author.username).toBe('reviewer');
    expect(byKind['delete-article' + '本条例自公布之日起施行。'].author.username).toBe('clerk');
  });

  it('reads a DOCX built with tracked changes by another author, and reports what it cannot place', async () => {
    const { id } = await draft();
    const revision = { author: '司法部', date: '2025-03-01T09:00:00Z' };
    const document = new Document({
      sections: [
        {
          children: [
            new Paragraph({ children: [new TextRun('关键信息基础设施安全保护测试条例')] }),
            new Paragraph({
              children: [
                new TextRun('第二条　运营者应当在'),
                new DeletedTextRun({ id: 1, ...revision, text: '十五日' }),
                new InsertedTextRun({ id: 2, ...revision, text: '二十四小时' }),
                new TextRun('内报告网络安全事件。'),
              ],
            }),
            new Paragraph({
              children: [
                new TextRun('（二）定期开展'),
                new InsertedTextRun({ id: 3, author: '工信部', date: '2025-03-02T10:00:00Z', text: '网络' }),
                new TextRun('安全检测。'),
              ],
            }),
            new Paragraph({
              run: { insertion: { id: 4, ...revision } },
              children: [new InsertedTextRun({ id: 5, ...revision, text: '（三）建立安全事件台账。' })],
            }),
            new Paragraph({
              children: [
                new TextRun('第九条　本条例没有这一条，'),
                new InsertedTextRun({ id: 6, ...revision, text: '所以' }),
                new TextRun('无法对应。'),
              ],
            }),
          ],
        },
      ],
    });
    const bytes = new Uint8Array(await Packer.toBuffer(document));
    const imported = await importDocx(id, bytes, 'clerk');
    expect(imported.status).toBe(201);
    expect(imported.json.created.map((s) => [s.kind, s.quote, s.replacement, s.author.username])).toEqual([
      ['text', '十五日', '二十四小时', '司法部'],
      ['text', '', '网络', '工信部'],
      ['insert-item', '定期开展安全检测。', '建立安全事件台账。', '司法部'],
    ]);
    expect(imported.json.created[0].createdAt).toBe('2025-03-01T09:00:00.000Z');
    expect(imported.json.unmatched).toEqual([
      expect.objectContaining({ author: '司法部', reason: expect.stringMatching(/no paragraph or item/) }),
    ]);
  });

  it('refuses what is not a DOCX, viewers, outsiders and requests without a token', async () => {
    const { id } = await draft();
    const docx = await download(id, 'format=docx');
    expect((await importDocx(id, docx, 'outsider')).status).toBe(404);
    const anonymous = await fetch(`${t.url}/api/drafts/${id}/suggestions/import`, {
      method: 'POST',
      headers: { 'content-type': 'application/octet-stream' },
      body: Buffer.from(docx),
    });
    expect(anonymous.status).toBe(401);
    const tracked = `/api/drafts/${id}/export?format=docx&suggestions=tracked`;
    expect((await api(t.url, 'GET', tracked, { token: tokens.outsider })).status).toBe(404);
    expect((await api(t.url, 'GET', tracked)).status).toBe(401);
    for (const who of ['owner', 'reviewer', 'clerk']) {
      const clean = await importDocx(id, docx, who);
      expect(clean.status, who).toBe(201);
      expect(clean.json, who).toEqual({ created: [], unmatched: [] });
    }
    const notZip = await importDocx(id, new TextEncoder().encode('hello'));
    expect(notZip.status).toBe(415);
    const viewer = await importDocx(id, new TextEncoder().encode('hello'), 'viewer');
    expect(viewer.status).toBe(403);
    const empty = await fetch(`${t.url}/api/drafts/${id}/suggestions/import`, {
      method: 'POST',
      headers: { authorization: `Bearer ${tokens.owner}`, 'content-type': 'application/json' },
      body: '{}',
    });
    expect(empty.status).toBe(400);
  });
});

describe('LibreOffice', { timeout: 240_000 }, () => {
  it('opens the exported file with its revisions, and writes a DOCX whose tracked changes import back', async () => {
    const { id, articles } = await draft();
    await suggestEverything(id, articles);
    const bytes = await download(id, 'format=docx&suggestions=tracked');
    const original = (await api(t.url, 'GET', `/api/drafts/${id}/suggestions`, { token: tokens.owner }))
      .json as Suggestion[];
    const source = join(work, 'tracked.docx');
    writeFileSync(source, bytes);

    // LibreOffice reads it and writes it again as DOCX (its own writer: a "DOCX written by LibreOffice").
    const out = join(work, 'lo');
    mkdirSync(out, { recursive: true });
    await soffice(['--convert-to', 'docx:MS Word 2007 XML', '--outdir', out, source]);
    const rewritten = new Uint8Array(readFileSync(join(out, 'tracked.docx')));
    const xml = documentXml(rewritten);
    expect(xml).not.toBe(documentXml(bytes));
    expect(
      revisions(xml).some((r) => r.tag === 'del' && r.author === 'reviewer' && r.text === '十五日'),
    ).toBe(true);

    const copy = await draft();
    const imported = await importDocx(copy.id, rewritten);
    expect(imported.status).toBe(201);
    expect(imported.json.unmatched).toEqual([]);
    expect(imported.json.created.map(shape).sort()).toEqual(original.map(shape).sort());

    // And as a PDF with the changes shown: its first page, for people to look at.
    await soffice(['--convert-to', 'pdf', '--outdir', out, source]);
    const shots = projectPath('test-artifacts/screenshots');
    mkdirSync(shots, { recursive: true });
    await run('pdftoppm', [
      '-png',
      '-r',
      '60',
      '-f',
      '1',
      '-l',
      '1',
      join(out, 'tracked.pdf'),
      join(shots, 'suggestions-docx-libreoffice'),
    ]);
    const png = readFileSync(join(shots, 'suggestions-docx-libreoffice-1.png'));
    expect(png.subarray(1, 4).toString()).toBe('PNG');
  });
});
