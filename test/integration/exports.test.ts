// Exports from the server carry who made them and when the draft is from: the Word documents (draft,
// with or without its suggestions as tracked changes, comparison table, summary report) name the
// signed-in user as their author, and the Akoma Ntoso identification takes the draft's own dates, not
// the day of the export.
import { strFromU8, unzipSync } from 'fflate';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { lawText, startServer, repositories } from './helpers.ts';
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

const download = async (path: string) => {
  const res = await fetch(`${t.url}${path}`, { headers: { authorization: `Bearer ${token}` } });
  expect(res.status, path).toBe(200);
  return new Uint8Array(await res.arrayBuffer());
};
const coreXml = (bytes: Uint8Array) => strFromU8(unzipSync(bytes)['docProps/core.xml']);

describe('exports from the server', () => {
  it('name the signed-in user as the author of every Word document', async () => {
    const id = await t.draft(token, { text: lawText(3, 'zh') });
    const version = await fetch(`${t.url}/api/drafts/${id}/versions`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: JSON.stringify({ label: '一稿' }),
    });
    const { id: vid } = (await version.json()) as { id: string };
    for (const path of [
      `/api/drafts/${id}/export?format=docx`,
      `/api/drafts/${id}/export?format=docx&suggestions=tracked`,
      `/api/drafts/${id}/versions/${vid}/export?format=docx`,
      `/api/drafts/${id}/compare?from=${vid}&to=live&format=docx`,
      `/api/drafts/${id}/summary?format=docx`,
    ]) {
      const xml = coreXml(await download(path));
      expect(xml, path).toContain('<dc:creator>alice</dc:creator>');
      expect(xml, path).toContain('<cp:lastModifiedBy>alice</cp:lastModifiedBy>');
    }
  });

  it('identify a draft in Akoma Ntoso by its own dates', async () => {
    const id = await t.draft(token, { text: lawText(2, 'zh') });
    const created = repositories(t.server).drafts.get(id)!.createdAt;
    const day = new Date(created).toISOString().slice(0, 10);
    const xml = strFromU8(await download(`/api/drafts/${id}/export?format=akn`));
    expect(xml).toContain(`<FRBRuri value="/akn/cn/act/regulations/${day}/测试条例"/>`);
    expect(xml).toContain(`<FRBRdate date="${day}" name="draft"/>`);
    expect(xml).not.toContain('name="export"');
  });
});
