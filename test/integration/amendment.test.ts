// GET /api/drafts/:id/amendment against a real server: the instrument between a version and the live
// draft (articles aligned by their stable ids), naming the rows of the comparison route; its formats;
// and refusals of bad queries and of people without a role.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { api, connect, lawText, startServer, synced, type } from './helpers.ts';
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

describe('GET /api/drafts/:id/amendment', () => {
  it('drafts the instrument between a version and the live draft, linked to the comparison rows', async () => {
    const id = await t.draft(token, { text: lawText(3, 'zh'), language: 'zh' });
    const version = await api(t.url, 'POST', `/api/drafts/${id}/versions`, {
      token,
      body: { label: '一读' },
    });
    const vid = (version.json as { id: string }).id;
    const p = connect(t.wsUrl, id, token);
    await synced(p);
    // Texts: title, chapter heading, then one lead per article: the second article's.
    type(p.doc, 3, '并予公布。');
    await new Promise((r) => setTimeout(r, 50));

    const json = await api(t.url, 'GET', `/api/drafts/${id}/amendment?from=${vid}&to=live`, { token });
    expect(json.status).toBe(200);
    const instrument = json.json as {
      title: string;
      instructions: Array<{ number: number; kind: string; text: string; rows: number[] }>;
      closing: string[];
    };
    expect(instrument.title).toBe('国务院关于修改《测试条例》的决定');
    expect(instrument.instructions).toEqual([
      {
        number: 1,
        kind: 'amend-article',
        text: '在第二条中的“内容。”后增加“并予公布。”。',
        old: { article: 2 },
        new: { article: 2 },
        rows: [1],
      },
    ]);
    const comparison = await api(t.url, 'GET', `/api/drafts/${id}/compare?from=${vid}&to=live`, { token });
    const rows = (comparison.json as { rows: Array<{ kind: string; new: { number: number } }> }).rows;
    expect(rows[1]).toMatchObject({ kind: 'modified', new: { number: 2 } });

    const amendment = await api(
      t.url,
      'GET',
      `/api/drafts/${id}/amendment?from=${vid}&style=amendment&format=txt&effective=${encodeURIComponent('2026年1月1日')}`,
      { token },
    );
    expect(amendment.headers.get('content-type')).toMatch(/^text\/plain/);
    expect(amendment.text).toContain('测试条例修正案');
    expect(amendment.text).toContain('二、本修正案自2026年1月1日起施行。');

    const md = await api(
      t.url,
      'GET',
      `/api/drafts/${id}/amendment?from=${vid}&to=live&style=decision&format=md&title=${encodeURIComponent('关于修改《测试条例》的决定')}`,
      { token },
    );
    expect(md.status).toBe(200);
    expect(md.headers.get('content-type')).toMatch(/^text\/markdown/);
    expect(md.text).toMatch(/^# 关于修改《测试条例》的决定\n/);
    expect(md.text).toContain('一、在第二条中的“内容。”后增加“并予公布。”。');

    const html = await api(t.url, 'GET', `/api/drafts/${id}/amendment?from=${vid}&format=html`, { token });
    expect(html.text).toContain('id="instruction-1" data-kind="amend-article" data-rows="1"');
    const docx = await fetch(`${t.url}/api/drafts/${id}/amendment?from=${vid}&format=docx`, {
      headers: { authorization: `Bearer ${token}` },
    });
    expect(docx.status).toBe(200);
    expect(docx.headers.get('content-disposition')).toContain("filename*=UTF-8''");
    expect(
      Buffer.from(await docx.arrayBuffer())
        .subarray(0, 2)
        .toString(),
    ).toBe('PK');
    p.destroy();
  });

  it('refuses bad queries with 400 and unknown versions or drafts with 404', async () => {
    const id = await t.draft(token, { text: lawText(2) });
    const vid = (
      (await api(t.url, 'POST', `/api/drafts/${id}/versions`, { token, body: { label: 'v1' } })).json as {
        id: string;
      }
    ).id;
    const status = async (query: string) =>
      (await api(t.url, 'GET', `/api/drafts/${id}/amendment${query}`, { token })).status;
    expect(await status('')).toBe(400);
    expect(await status(`?from=${vid}&style=omnibus`)).toBe(400);
    expect(await status(`?from=${vid}&format=pdf`)).toBe(400);
    expect(await status(`?from=${vid}&effective=`)).toBe(400);
    expect(await status(`?from=${vid}&title=%20%20`)).toBe(400);
    expect(await status(`?from=${vid}&title=${encodeURIComponent('关于\n修改')}`)).toBe(400);
    expect(await status(`?from=${vid}&title=${'x'.repeat(301)}`)).toBe(400);
    expect(await status(`?from=${vid}&to=nosuchversion`)).toBe(404);
    expect(await status('?from=nosuchversion')).toBe(404);
    const bad = await api(t.url, 'GET', `/api/drafts/${id}/amendment?from=${vid}&style=omnibus`, { token });
    expect(bad.json).toMatchObject({ error: 'bad request', detail: expect.stringContaining('query.style') });
    const bob = await t.user('bob');
    expect((await api(t.url, 'GET', `/api/drafts/${id}/amendment?from=${vid}`, { token: bob })).status).toBe(
      404,
    );
    expect((await api(t.url, 'GET', `/api/drafts/${id}/amendment?from=${vid}`, {})).status).toBe(401);
    // An unchanged draft: an instrument without instructions, but with its closing sentences.
    const same = await api(t.url, 'GET', `/api/drafts/${id}/amendment?from=${vid}&to=${vid}`, { token });
    expect(same.status).toBe(200);
    expect((same.json as { instructions: unknown[]; closing: string[] }).instructions).toEqual([]);
  });
});
