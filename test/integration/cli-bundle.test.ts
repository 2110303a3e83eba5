// `lifa` runs from one bundled file (bin/lifa.js builds dist/lifa-cli.mjs from the sources): the
// workers the server starts from files beside their modules must be bundled beside it too, or the
// first big draft a server hands to its worker fails, and no attachment is ever read. A real
// `lifa serve` exports a draft large enough to go to the draft worker, in every format that does,
// and reads a file attached to a comment in its attachment reader.
import { statSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { projectPath } from '../helpers/cli.ts';
import { startLifaServer } from '../helpers/lifa-server.ts';
import type { LifaTestServer } from '../helpers/lifa-server.ts';

let server: LifaTestServer;

beforeAll(async () => {
  server = await startLifaServer([{ username: 'alice', password: 'alice-password', admin: true }]);
}, 120_000);
afterAll(async () => {
  await server?.stop();
});

// About 120 KiB of text: above the 64 KiB a server does in its own thread.
function bigLaw(): string {
  const lines = ['# 大型测试条例'];
  for (let i = 1; i <= 300; i++)
    lines.push(`第${i}条 ${'网络运营者应当依法履行安全保护义务，保障网络安全稳定运行。'.repeat(6)}`);
  return lines.join('\n') + '\n';
}

describe('the bundled CLI', () => {
  it('builds its draft worker beside the bundle, and a served big draft exports through it', async () => {
    const bundle = statSync(projectPath('dist/lifa-cli.mjs'));
    const worker = statSync(projectPath('dist/draft-worker.mjs'));
    expect(worker.mtimeMs).toBeGreaterThan(0);
    expect(bundle.size).toBeGreaterThan(0);

    const text = bigLaw();
    expect(Buffer.byteLength(text)).toBeGreaterThan(100 * 1024);
    const { id } = await server.api<{ id: string }>('alice', 'POST', '/api/drafts', {
      title: '大型测试条例',
      language: 'zh',
      text,
    });
    const { token } = await server.signIn('alice');
    for (const format of ['docx', 'akn', 'html'] as const) {
      const response = await fetch(`${server.url}/api/drafts/${id}/export?format=${format}`, {
        headers: { authorization: `Bearer ${token}` },
      });
      expect(response.status, `${format}: ${response.status}`).toBe(200);
      const bytes = new Uint8Array(await response.arrayBuffer());
      if (format === 'docx') expect([...bytes.slice(0, 2)]).toEqual([0x50, 0x4b]);
      else expect(new TextDecoder().decode(bytes)).toContain('第三百条');
    }
  }, 120_000);

  it('reads an attachment in the bundled attachment reader', async () => {
    expect(statSync(projectPath('dist/extract-worker.js')).size).toBeGreaterThan(0);
    const { id } = await server.api<{ id: string }>('alice', 'POST', '/api/drafts', {
      title: '测试条例',
      language: 'zh',
      text: '# 测试条例\n第一条 网络运营者应当履行安全保护义务。\n',
    });
    const { token } = await server.signIn('alice');
    // The article's id, as the public page lists it once a version is open for comment.
    const version = await server.api<{ id: string }>('alice', 'POST', `/api/drafts/${id}/versions`, {
      label: '征求意见稿',
    });
    await server.api('alice', 'PUT', `/api/drafts/${id}/public`, { versionId: version.id, open: true });
    const page = (await (await fetch(`${server.url}/api/public/drafts/${id}`)).json()) as {
      articles: { id: string }[];
    };
    const form = new FormData();
    form.append('articleId', page.articles[0].id);
    form.append('body', '见附件。');
    form.append('attachments', new Blob(['关于第一条的意见：建议明确网络运营者的范围。']), 'note.txt');
    const sent = await fetch(`${server.url}/api/drafts/${id}/comments`, {
      method: 'POST',
      body: form,
      headers: { authorization: `Bearer ${token}` },
    });
    expect(sent.status, await sent.clone().text()).toBe(201);
    const comment = (await sent.json()) as { id: string };
    type Listed = { id: string; attachments: { state: string; excerpt?: string | null }[] };
    const deadline = Date.now() + 60_000;
    let state = 'pending';
    while (state === 'pending' && Date.now() < deadline) {
      await new Promise((r) => setTimeout(r, 200));
      const list = await server.api<{ comments: Listed[] }>('alice', 'GET', `/api/drafts/${id}/comments`);
      state = list.comments.find((c) => c.id === comment.id)?.attachments[0]?.state ?? 'missing';
    }
    expect(state).toBe('read');
  }, 120_000);
});
