// Review comments over the real server: every route against every role, threads (replies, resolve and
// reopen, edits with history, soft deletion, tags), filters and paging, bad input, and the live event
// stream.
import * as Y from 'yjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { api, lawText, testEngines, startServerOn } from './helpers.ts';
import type { ApiResponse, TestServer } from './helpers.ts';

for (const engine of testEngines) {
  describe(`on ${engine}`, () => {
    let t: TestServer;
    const tokens: Record<string, string> = {};
    const people = ['owner', 'drafter', 'reviewer', 'clerk', 'viewer', 'outsider', 'admin'] as const;
    type Person = (typeof people)[number];
    const commenters = ['owner', 'drafter', 'reviewer', 'clerk', 'admin'] as const;

    beforeAll(async () => {
      t = await startServerOn(engine);
      for (const name of people) tokens[name] = await t.user(name, { admin: name === 'admin' });
    });
    afterAll(async () => {
      await t.close();
    });

    /// A draft with three articles, its members, and the ids of its articles.
    async function draftWithMembers(): Promise<{ id: string; articles: string[] }> {
      const id = await t.draft(tokens.owner, { text: lawText(3) });
      for (const role of ['drafter', 'reviewer', 'clerk', 'viewer'] as const) await t.grant(role, id, role);
      const outline = await api(t.url, 'GET', `/api/drafts/${id}/export?format=json`, {
        token: tokens.owner,
      });
      const articles = (outline.json as { articles: { id: string }[] }).articles.map((a) => a.id);
      return { id, articles };
    }

    const as = (who: Person | null, method: string, path: string, body?: unknown): Promise<ApiResponse> =>
      api(t.url, method, path, { token: who ? tokens[who] : undefined, body });

    type CommentJson = {
      id: string;
      articleId: string | null;
      parentId: string | null;
      body: string;
      author: string | null;
      status: string;
      tags: string[];
      edited: boolean;
      deleted: boolean;
      mine: boolean;
      anchor: unknown;
    };

    async function comment(
      who: Person,
      draftId: string,
      body: Record<string, unknown>,
    ): Promise<CommentJson> {
      const res = await as(who, 'POST', `/api/drafts/${draftId}/comments`, body);
      expect(res.status, res.text).toBe(201);
      return res.json as CommentJson;
    }

    async function list(who: Person, draftId: string, query = ''): Promise<CommentJson[]> {
      const res = await as(who, 'GET', `/api/drafts/${draftId}/comments${query}`);
      expect(res.status, res.text).toBe(200);
      return (res.json as { comments: CommentJson[] }).comments;
    }

    /// A relative position in a throwaway document, encoded as the editor would send it.
    function encodedPosition(): string {
      const doc = new Y.Doc();
      const text = doc.getText('t');
      text.insert(0, 'hello');
      return Buffer.from(Y.encodeRelativePosition(Y.createRelativePositionFromTypeIndex(text, 2))).toString(
        'base64',
      );
    }

    describe('the role matrix', () => {
      it('lets owners, drafters, reviewers, clerks and admins comment; viewers read; others are not told it exists', async () => {
        const { id, articles } = await draftWithMembers();
        for (const who of commenters) {
          const res = await as(who, 'POST', `/api/drafts/${id}/comments`, {
            articleId: articles[0],
            body: `by ${who}`,
          });
          expect(res.status, who).toBe(201);
          expect(res.json).toMatchObject({
            articleId: articles[0],
            body: `by ${who}`,
            author: who,
            status: 'open',
          });
          expect(typeof (res.json as CommentJson).id).toBe('string');
        }
        const viewer = await as('viewer', 'POST', `/api/drafts/${id}/comments`, {
          articleId: articles[0],
          body: 'no',
        });
        expect(viewer.status).toBe(403);
        expect(viewer.json).toMatchObject({ error: 'forbidden' });
        expect(
          (await as('outsider', 'POST', `/api/drafts/${id}/comments`, { articleId: null, body: 'x' })).status,
        ).toBe(404);
        expect(
          (await as(null, 'POST', `/api/drafts/${id}/comments`, { articleId: null, body: 'x' })).status,
        ).toBe(401);

        for (const who of [...commenters, 'viewer'] as const) {
          expect(
            (await list(who, id)).map((c) => c.body),
            who,
          ).toEqual(commenters.map((c) => `by ${c}`));
        }
        expect((await as('outsider', 'GET', `/api/drafts/${id}/comments`)).status).toBe(404);
        expect((await as(null, 'GET', `/api/drafts/${id}/comments`)).status).toBe(401);
      });

      it('lets only the author edit or delete, any commenter resolve, reopen and tag, and nobody else anything', async () => {
        const { id, articles } = await draftWithMembers();
        const mine = await comment('reviewer', id, { articleId: articles[1], body: 'original' });
        const path = `/api/comments/${mine.id}`;

        for (const who of ['owner', 'drafter', 'clerk', 'admin', 'viewer'] as const) {
          const res = await as(who, 'PATCH', path, { body: `rewritten by ${who}` });
          expect(res.status, who).toBe(403);
        }
        expect((await as('outsider', 'PATCH', path, { body: 'x' })).status).toBe(404);
        expect((await as(null, 'PATCH', path, { body: 'x' })).status).toBe(401);
        const edited = await as('reviewer', 'PATCH', path, { body: 'edited' });
        expect(edited.status).toBe(200);
        expect(edited.json).toMatchObject({ body: 'edited', edited: true, mine: true });

        for (const who of commenters) {
          const resolved = await as(who, 'PATCH', path, { status: 'resolved', tags: [`t-${who}`] });
          expect(resolved.status, who).toBe(200);
          expect(resolved.json).toMatchObject({ status: 'resolved', tags: [`t-${who}`] });
          expect((await as(who, 'PATCH', path, { status: 'open' })).json).toMatchObject({ status: 'open' });
        }
        expect((await as('viewer', 'PATCH', path, { status: 'resolved' })).status).toBe(403);

        for (const who of ['owner', 'drafter', 'clerk', 'admin', 'viewer'] as const) {
          expect((await as(who, 'DELETE', path)).status, who).toBe(403);
        }
        expect((await as('outsider', 'DELETE', path)).status).toBe(404);
        expect((await as(null, 'DELETE', path)).status).toBe(401);
        expect((await as('reviewer', 'DELETE', path)).status).toBe(204);

        for (const who of [...commenters, 'viewer'] as const) {
          expect((await as(who, 'GET', `${path}/history`)).status, who).toBe(200);
        }
        expect((await as('outsider', 'GET', `${path}/history`)).status).toBe(404);
        expect((await as(null, 'GET', `${path}/history`)).status).toBe(401);
      });

      it('lets only owners open and close the comment period; readers see it', async () => {
        const { id } = await draftWithMembers();
        const version = await as('owner', 'POST', `/api/drafts/${id}/versions`, { label: 'for comment' });
        const versionId = (version.json as { id: string }).id;
        const body = { versionId, open: true };
        for (const who of ['drafter', 'reviewer', 'clerk', 'viewer'] as const) {
          expect((await as(who, 'PUT', `/api/drafts/${id}/public`, body)).status, who).toBe(403);
        }
        expect((await as('outsider', 'PUT', `/api/drafts/${id}/public`, body)).status).toBe(404);
        expect((await as(null, 'PUT', `/api/drafts/${id}/public`, body)).status).toBe(401);
        expect((await as('viewer', 'GET', `/api/drafts/${id}/public`)).status).toBe(404);
        const opened = await as('owner', 'PUT', `/api/drafts/${id}/public`, body);
        expect(opened.status).toBe(200);
        expect(opened.json).toMatchObject({ versionId, open: true, accepting: true, closesAt: null });
        for (const who of ['drafter', 'reviewer', 'clerk', 'viewer', 'admin'] as const) {
          expect((await as(who, 'GET', `/api/drafts/${id}/public`)).json, who).toMatchObject({ open: true });
        }
        expect(
          (await as('admin', 'PUT', `/api/drafts/${id}/public`, { versionId, open: false })).json,
        ).toMatchObject({
          open: false,
          accepting: false,
        });
      });

      it('streams events to every reader and refuses the stream to others', async () => {
        const { id } = await draftWithMembers();
        for (const who of ['reviewer', 'viewer'] as const) {
          const res = await fetch(`${t.url}/api/drafts/${id}/events?token=${tokens[who]}`);
          expect(res.status, who).toBe(200);
          expect(res.headers.get('content-type')).toContain('text/event-stream');
          await res.body!.cancel();
        }
        expect((await fetch(`${t.url}/api/drafts/${id}/events?token=${tokens.outsider}`)).status).toBe(404);
        expect((await fetch(`${t.url}/api/drafts/${id}/events`)).status).toBe(401);
        expect((await fetch(`${t.url}/api/drafts/${id}/events?token=not-a-token`)).status).toBe(401);
      });
    });

    describe('threads', () => {
      it('keeps replies with their thread, one level deep, on the thread’s article', async () => {
        const { id, articles } = await draftWithMembers();
        const root = await comment('reviewer', id, { articleId: articles[2], body: 'Why "shall"?' });
        const reply = await comment('drafter', id, { parentId: root.id, body: 'Because it binds.' });
        expect(reply).toMatchObject({ parentId: root.id, articleId: articles[2] });
        const nested = await comment('clerk', id, { parentId: reply.id, body: 'Agreed.' });
        expect(nested.parentId).toBe(root.id);
        const wrongArticle = await as('clerk', 'POST', `/api/drafts/${id}/comments`, {
          parentId: root.id,
          articleId: articles[0],
          body: 'x',
        });
        expect(wrongArticle.status).toBe(400);
        // Resolving the thread keeps it whole in the filtered listing.
        await as('reviewer', 'PATCH', `/api/comments/${root.id}`, { status: 'resolved' });
        expect((await list('viewer', id, '?status=resolved')).map((c) => c.id)).toEqual([
          root.id,
          reply.id,
          nested.id,
        ]);
        expect(await list('viewer', id, '?status=open')).toEqual([]);
        const replyStatus = await as('reviewer', 'PATCH', `/api/comments/${reply.id}`, {
          status: 'resolved',
        });
        expect(replyStatus.status).toBe(400);
      });

      it('keeps the history of edits and a tombstone of deleted comments', async () => {
        const { id, articles } = await draftWithMembers();
        const c = await comment('reviewer', id, { articleId: articles[0], body: 'first' });
        await as('reviewer', 'PATCH', `/api/comments/${c.id}`, { body: 'second' });
        await as('reviewer', 'PATCH', `/api/comments/${c.id}`, { body: 'third' });
        const history = await as('viewer', 'GET', `/api/comments/${c.id}/history`);
        expect((history.json as { edits: { body: string; editor: string }[] }).edits).toMatchObject([
          { body: 'first', editor: 'reviewer' },
          { body: 'second', editor: 'reviewer' },
        ]);
        const reply = await comment('drafter', id, { parentId: c.id, body: 'reply' });
        expect((await as('reviewer', 'DELETE', `/api/comments/${c.id}`)).status).toBe(204);
        expect((await as('reviewer', 'DELETE', `/api/comments/${c.id}`)).status).toBe(204);
        const [tomb, kept] = await list('viewer', id);
        expect(tomb).toMatchObject({ id: c.id, deleted: true, body: '' });
        expect(kept).toMatchObject({ id: reply.id, body: 'reply' });
        expect((await as('reviewer', 'PATCH', `/api/comments/${c.id}`, { body: 'back' })).status).toBe(409);
        expect(
          (await as('drafter', 'POST', `/api/drafts/${id}/comments`, { parentId: c.id, body: 'x' })).status,
        ).toBe(409);
      });

      it('filters by article, tag and kind, and pages with a cursor', async () => {
        const { id, articles } = await draftWithMembers();
        const made: CommentJson[] = [];
        for (let i = 0; i < 7; i++) {
          made.push(
            await comment('reviewer', id, {
              articleId: i % 2 ? articles[1] : null,
              body: `c${i}`,
              tags: i % 3 === 0 ? ['wording', 'wording'] : [],
            }),
          );
        }
        expect(made[0].tags).toEqual(['wording']);
        expect((await list('viewer', id, `?articleId=${articles[1]}`)).map((c) => c.body)).toEqual([
          'c1',
          'c3',
          'c5',
        ]);
        expect((await list('viewer', id, '?articleId=none')).map((c) => c.body)).toEqual([
          'c0',
          'c2',
          'c4',
          'c6',
        ]);
        expect((await list('viewer', id, '?tag=wording')).map((c) => c.body)).toEqual(['c0', 'c3', 'c6']);
        expect(await list('viewer', id, '?kind=public')).toEqual([]);
        expect(await list('viewer', id, '?kind=public,imported')).toEqual([]);
        expect((await list('viewer', id, '?kind=review,public')).length).toBe(7);
        const seen: string[] = [];
        let cursor: string | null = '';
        while (cursor !== null) {
          const res = await as(
            'viewer',
            'GET',
            `/api/drafts/${id}/comments?limit=3${cursor ? `&cursor=${cursor}` : ''}`,
          );
          const page = res.json as { comments: CommentJson[]; nextCursor: string | null };
          seen.push(...page.comments.map((c) => c.body));
          cursor = page.nextCursor;
        }
        expect(seen).toEqual(['c0', 'c1', 'c2', 'c3', 'c4', 'c5', 'c6']);
      });

      it('counts the threads of each kind, open ones apart, without replies or deleted comments', async () => {
        const { id, articles } = await draftWithMembers();
        const first = await comment('reviewer', id, { articleId: articles[0], body: 'one' });
        const second = await comment('reviewer', id, { articleId: articles[1], body: 'two' });
        const third = await comment('reviewer', id, { articleId: null, body: 'three' });
        await comment('drafter', id, { parentId: first.id, body: 'a reply' });
        expect(
          (await as('reviewer', 'PATCH', `/api/comments/${second.id}`, { status: 'resolved' })).status,
        ).toBe(200);
        expect((await as('reviewer', 'DELETE', `/api/comments/${third.id}`)).status).toBe(204);
        const version = (await as('owner', 'POST', `/api/drafts/${id}/versions`, { label: 'v1' })).json as {
          id: string;
        };
        await as('owner', 'PUT', `/api/drafts/${id}/public`, { versionId: version.id, open: true });
        for (const body of ['p1', 'p2']) {
          const sent = await as(null, 'POST', `/api/public/drafts/${id}/comments`, {
            articleId: articles[0],
            body,
            name: 'A Person',
          });
          expect(sent.status, sent.text).toBe(201);
        }
        expect((await as('viewer', 'GET', `/api/drafts/${id}/comments/counts`)).json).toEqual({
          review: { count: 2, open: 1 },
          public: { count: 2, open: 2 },
          imported: { count: 0, open: 0 },
        });
        expect((await as('outsider', 'GET', `/api/drafts/${id}/comments/counts`)).status).toBe(404);
      });

      it('stores a passage anchor and the text exactly as sent, HTML included', async () => {
        const { id, articles } = await draftWithMembers();
        const anchor = {
          start: encodedPosition(),
          end: encodedPosition(),
          quote: 'text of',
          prefix: 'the ',
          suffix: ' article',
        };
        const body = '<script>alert(1)</script> & <b>bold</b>';
        const c = await comment('reviewer', id, { articleId: articles[0], body, anchor });
        expect(c).toMatchObject({ body, anchor });
        expect((await list('viewer', id))[0]).toMatchObject({ body, anchor });
      });
    });

    describe('bad input', () => {
      it('answers 4xx with {error, detail}, never a crash', async () => {
        const { id, articles } = await draftWithMembers();
        const c = await comment('reviewer', id, { articleId: articles[0], body: 'ok' });
        const anchor = {
          start: encodedPosition(),
          end: encodedPosition(),
          quote: 'q',
          prefix: '',
          suffix: '',
        };
        const posts: [unknown, number][] = [
          [{ body: 'no article' }, 400],
          [{ articleId: articles[0] }, 400],
          [{ articleId: articles[0], body: '   ' }, 400],
          [{ articleId: articles[0], body: 'x'.repeat(20_001) }, 413],
          [{ articleId: 'nosucharticle', body: 'x' }, 400],
          [{ articleId: '../x', body: 'x' }, 400],
          [{ articleId: 12, body: 'x' }, 400],
          [{ articleId: articles[0], body: 'x', extra: 1 }, 400],
          [{ articleId: articles[0], body: 'x', tags: ['ok', ''] }, 400],
          [{ articleId: articles[0], body: 'x', tags: Array.from({ length: 21 }, (_, i) => `t${i}`) }, 400],
          [{ articleId: articles[0], body: 'x', tags: ['a\u0000b'] }, 400],
          [{ articleId: null, body: 'x', anchor }, 400],
          [{ articleId: articles[0], body: 'x', anchor: { ...anchor, start: '!!!' } }, 400],
          [{ articleId: articles[0], body: 'x', anchor: { ...anchor, start: 'AA==' } }, 400],
          [{ articleId: articles[0], body: 'x', anchor: { ...anchor, quote: '' } }, 400],
          [{ parentId: '999999', body: 'x' }, 400],
          [{ parentId: c.id, body: 'x', anchor }, 400],
          [{ articleId: articles[0], body: 'x', versionId: 'nosuchversion' }, 400],
          ['not json', 400],
          [[1, 2], 400],
        ];
        for (const [body, status] of posts) {
          const res = await as('reviewer', 'POST', `/api/drafts/${id}/comments`, body);
          expect(res.status, JSON.stringify(body).slice(0, 80)).toBe(status);
          expect(res.json, JSON.stringify(body).slice(0, 80)).toMatchObject({
            error: expect.any(String),
            detail: expect.any(String),
          });
        }
        const patches: [unknown, number][] = [
          [{}, 400],
          [{ status: 'closed' }, 400],
          [{ body: '' }, 400],
          [{ tags: 'wording' }, 400],
          [{ author: 'me' }, 400],
        ];
        for (const [body, status] of patches) {
          expect(
            (await as('reviewer', 'PATCH', `/api/comments/${c.id}`, body)).status,
            JSON.stringify(body),
          ).toBe(status);
        }
        for (const query of [
          '?status=closed',
          '?limit=0',
          '?limit=501',
          '?cursor=abc',
          '?articleId=../x',
          '?kind=x',
          '?kind=review,x',
          '?kind=',
        ]) {
          expect((await as('reviewer', 'GET', `/api/drafts/${id}/comments${query}`)).status, query).toBe(400);
        }
        for (const path of ['/api/comments/abc', '/api/comments/99999999', '/api/comments/-1']) {
          expect((await as('reviewer', 'PATCH', path, { status: 'open' })).status, path).toBe(404);
          expect((await as('reviewer', 'DELETE', path)).status, path).toBe(404);
        }
        expect((await as('reviewer', 'GET', '/api/drafts/nosuchdraft/comments')).status).toBe(404);
        const periods: [unknown, number][] = [
          [{ versionId: 'nosuchversion', open: true }, 400],
          [{ open: true }, 400],
          [{ versionId: 'x', open: 'yes' }, 400],
        ];
        for (const [body, status] of periods) {
          expect(
            (await as('owner', 'PUT', `/api/drafts/${id}/public`, body)).status,
            JSON.stringify(body),
          ).toBe(status);
        }
        const version = await as('owner', 'POST', `/api/drafts/${id}/versions`, { label: 'v' });
        const past = {
          versionId: (version.json as { id: string }).id,
          open: true,
          closesAt: '2000-01-01T00:00:00Z',
        };
        expect((await as('owner', 'PUT', `/api/drafts/${id}/public`, past)).status).toBe(400);
        expect(
          (await as('owner', 'PUT', `/api/drafts/${id}/public`, { ...past, closesAt: 'tomorrow' })).status,
        ).toBe(400);
      });
    });

    describe('live events', () => {
      it('tells an open stream of new and changed comments within a second', async () => {
        const { id, articles } = await draftWithMembers();
        const controller = new AbortController();
        const res = await fetch(`${t.url}/api/drafts/${id}/events`, {
          headers: { authorization: `Bearer ${tokens.viewer}` },
          signal: controller.signal,
        });
        const reader = res.body!.pipeThrough(new TextDecoderStream()).getReader();
        let buffer = '';
        const next = async (type: string): Promise<CommentJson> => {
          const deadline = Date.now() + 1000;
          for (;;) {
            const match = new RegExp(`event: ${type}\\ndata: (.*)\\n\\n`).exec(buffer);
            if (match) {
              buffer = buffer.slice(match.index + match[0].length);
              return JSON.parse(match[1]) as CommentJson;
            }
            const left = deadline - Date.now();
            if (left <= 0) throw new Error(`no ${type} within a second`);
            const chunk = await Promise.race([
              reader.read(),
              new Promise<never>((_, reject) =>
                setTimeout(() => reject(new Error(`no ${type} within a second`)), left),
              ),
            ]);
            buffer += chunk.value ?? '';
          }
        };
        await next('ready');
        const c = await comment('reviewer', id, { articleId: articles[0], body: 'live' });
        expect(await next('comment.created')).toMatchObject({
          id: c.id,
          body: 'live',
          author: 'reviewer',
          mine: false,
        });
        await as('drafter', 'PATCH', `/api/comments/${c.id}`, { status: 'resolved' });
        expect(await next('comment.updated')).toMatchObject({ id: c.id, status: 'resolved' });
        await as('reviewer', 'DELETE', `/api/comments/${c.id}`);
        expect(await next('comment.updated')).toMatchObject({ id: c.id, deleted: true, body: '' });
        controller.abort();
      });

      it('ends a stream whose reader lost access', async () => {
        const { id, articles } = await draftWithMembers();
        const res = await fetch(`${t.url}/api/drafts/${id}/events?token=${tokens.clerk}`);
        const reader = res.body!.getReader();
        await reader.read();
        await t.server.store.memberships.remove(id, (await t.server.store.users.byName('clerk'))!.id);
        await comment('reviewer', id, { articleId: articles[0], body: 'secret' });
        let text = '';
        for (;;) {
          const { value, done } = await reader.read();
          if (done) break;
          text += new TextDecoder().decode(value);
        }
        expect(text).not.toContain('secret');
      });
    });
  });
}
