import { describe, expect, it } from 'vitest';
import { ApiClient, ApiError, fileName } from '../../renderer/src/api/client.ts';
import { CommentsApi } from '../../renderer/src/api/comments.ts';

/// A fetch answering from `handler`, recording each request.
function fakeFetch(handler: (url: string, init: RequestInit) => Response) {
  const calls: Array<{ url: string; init: RequestInit }> = [];
  const fetch = async (url: string, init: RequestInit = {}) => {
    calls.push({ url, init });
    return handler(url, init);
  };
  return { fetch, calls };
}

const json = (value: unknown, status = 200, headers: Record<string, string> = {}) =>
  new Response(JSON.stringify(value), {
    status,
    headers: { 'content-type': 'application/json', ...headers },
  });

describe('the API client', () => {
  it('sends the session token and JSON, and reads JSON back', async () => {
    const { fetch, calls } = fakeFetch(() => json({ id: 'v1', label: 'L', createdAt: 1, author: 'a' }, 201));
    const api = new ApiClient({ serverUrl: 'http://h:1/', token: 'tok', fetch });
    expect(await api.createVersion('d 1', 'L')).toEqual({ id: 'v1', label: 'L', createdAt: 1, author: 'a' });
    expect(calls[0].url).toBe('http://h:1/api/drafts/d%201/versions');
    expect(calls[0].init.method).toBe('POST');
    expect((calls[0].init.headers as Record<string, string>).authorization).toBe('Bearer tok');
    expect(calls[0].init.body).toBe('{"label":"L"}');
  });

  it('turns refusals into ApiError with the server’s error and detail', async () => {
    const { fetch } = fakeFetch(() =>
      json({ error: 'forbidden', detail: 'reviewers cannot cut versions' }, 403),
    );
    const api = new ApiClient({ serverUrl: 'http://h', token: 't', fetch });
    const error = await api.createVersion('d', 'x').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiError);
    expect(error).toMatchObject({ status: 403, code: 'forbidden', detail: 'reviewers cannot cut versions' });
  });

  it('reports an expired session once and a network failure as status 0', async () => {
    let unauthorized = 0;
    const refused = new ApiClient({
      serverUrl: 'http://h',
      token: 't',
      fetch: fakeFetch(() => json({ error: 'unauthorized', detail: 'expired' }, 401)).fetch,
      onUnauthorized: () => unauthorized++,
    });
    await expect(refused.listDrafts()).rejects.toMatchObject({ status: 401 });
    expect(unauthorized).toBe(1);
    const down = new ApiClient({
      serverUrl: 'http://h',
      fetch: async () => {
        throw new TypeError('Failed to fetch');
      },
    });
    await expect(down.signIn('a', 'b')).rejects.toMatchObject({ status: 0, code: 'network' });
  });

  it('downloads files with their name, and builds comparison and sync addresses', async () => {
    const { fetch, calls } = fakeFetch(
      () =>
        new Response(new Uint8Array([80, 75]), {
          headers: {
            'content-type': 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
            'content-disposition':
              'attachment; filename="x.docx"; filename*=UTF-8\'\'%E5%AF%B9%E7%85%A7.docx',
          },
        }),
    );
    const api = new ApiClient({ serverUrl: 'https://lifa.example', token: 't', fetch });
    const file = await api.compareFile('d', 'v1', 'live', 'docx', true);
    expect(file.name).toBe('对照.docx');
    expect([...file.data]).toEqual([80, 75]);
    expect(calls[0].url).toBe(
      'https://lifa.example/api/drafts/d/compare?from=v1&to=live&format=docx&all=true',
    );
    expect(api.syncUrl()).toBe('wss://lifa.example/sync');
    expect(fileName('attachment; filename=plain.txt')).toBe('plain.txt');
    expect(fileName(null)).toBeNull();
  });

  it('sends a review comment with files as a form, anchor and tags as JSON text, and downloads a file', async () => {
    const { fetch, calls } = fakeFetch((url) =>
      url.endsWith('/download')
        ? new Response(new Uint8Array([37, 80, 68, 70]), {
            headers: { 'content-type': 'application/pdf', 'content-disposition': 'attachment' },
          })
        : json({ id: '7' }, 201),
    );
    const comments = new CommentsApi('http://h', 'tok', fetch);
    const anchor = { start: 'AQ==', end: 'Ag==', quote: 'operators', prefix: '', suffix: '' };
    const letter = new File([new Uint8Array([1, 2, 3])], '意见.pdf', { type: 'application/pdf' });
    await comments.create('d 1', { articleId: null, body: 'See the annex', anchor, tags: ['annex'] }, [
      letter,
    ]);
    expect(calls[0].url).toBe('http://h/api/drafts/d%201/comments');
    const form = calls[0].init.body as FormData;
    expect(form).toBeInstanceOf(FormData);
    // The boundary is fetch's to set: no content type of our own.
    expect((calls[0].init.headers as Record<string, string>)['content-type']).toBeUndefined();
    expect([...form.keys()]).toEqual(['articleId', 'body', 'anchor', 'tags', 'attachments']);
    expect(form.get('articleId')).toBe('');
    expect(JSON.parse(form.get('anchor') as string)).toEqual(anchor);
    expect(form.get('tags')).toBe('["annex"]');
    expect((form.get('attachments') as File).name).toBe('意见.pdf');
    // Without files, JSON as before.
    await comments.create('d', { articleId: 'a1', body: 'Plain' });
    expect(calls[1].init.body).toBe('{"articleId":"a1","body":"Plain"}');

    const file = await comments.attachment({
      id: '9',
      fileName: '意见.pdf',
      download: '/api/attachments/9/download',
    } as Parameters<CommentsApi['attachment']>[0]);
    expect(calls[2].url).toBe('http://h/api/attachments/9/download');
    expect((calls[2].init.headers as Record<string, string>).authorization).toBe('Bearer tok');
    expect(file).toMatchObject({ name: '意见.pdf', mime: 'application/pdf' });
    expect([...file.data]).toEqual([37, 80, 68, 70]);
  });
});
