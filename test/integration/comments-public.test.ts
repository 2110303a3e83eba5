// Public comments over the real server: the comment period, the page's API without an account,
// privacy of submitters per role, rate limit, size limit, honeypot, repeated submissions, a closed
// period, and imported comments read through the API.
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildOutline } from '../../core/index.ts';
import { parseCommentsJsonl, importComments } from '../../server/comments/import.ts';
import { docFromState } from '../../server/document.ts';
import { storedState } from '../../server/sync/persistence.ts';
import { projectPath } from '../helpers/cli.ts';
import { api, lawText, testEngines, startServerOn } from './helpers.ts';
import type { ApiResponse, TestServer } from './helpers.ts';

for (const engine of testEngines) {
  describe(`on ${engine}`, () => {
    let t: TestServer;
    const tokens: Record<string, string> = {};
    const people = ['owner', 'drafter', 'reviewer', 'clerk', 'viewer'] as const;
    type Person = (typeof people)[number];

    beforeAll(async () => {
      t = await startServerOn(engine, { publicComments: { burst: 50, refillInterval: 1000 } });
      for (const name of people) tokens[name] = await t.user(name);
    });
    afterAll(async () => {
      await t.close();
    });

    const as = (who: Person | null, method: string, path: string, body?: unknown): Promise<ApiResponse> =>
      api(t.url, method, path, { token: who ? tokens[who] : undefined, body });

    /// A draft published for comment: its id, the published version and its article ids.
    async function published(
      server: TestServer = t,
      owner = tokens.owner,
      language: 'en' | 'zh' = 'en',
    ): Promise<{ id: string; versionId: string; articles: string[] }> {
      const id = await server.draft(owner, { text: lawText(3, language) });
      if (server === t)
        for (const role of ['drafter', 'reviewer', 'clerk', 'viewer'] as const) await t.grant(role, id, role);
      const version = await api(server.url, 'POST', `/api/drafts/${id}/versions`, {
        token: owner,
        body: { label: 'v1' },
      });
      const versionId = (version.json as { id: string }).id;
      const res = await api(server.url, 'PUT', `/api/drafts/${id}/public`, {
        token: owner,
        body: { versionId, open: true },
      });
      expect(res.status, res.text).toBe(200);
      const page = await api(server.url, 'GET', `/api/public/drafts/${id}`);
      return {
        id,
        versionId,
        articles: (page.json as { articles: { id: string }[] }).articles.map((a) => a.id),
      };
    }

    const submit = (id: string, body: unknown, server: TestServer = t) =>
      api(server.url, 'POST', `/api/public/drafts/${id}/comments`, { body });

    describe('the public comment page', () => {
      it('shows nothing of a draft that is not published, then the published version with numbered articles', async () => {
        const id = await t.draft(tokens.owner, { text: lawText(3) });
        expect((await as(null, 'GET', `/api/public/drafts/${id}`)).status).toBe(404);
        expect((await submit(id, { articleId: null, body: 'x', name: 'n' })).status).toBe(404);
        expect((await as(null, 'GET', '/api/public/drafts/nosuchdraft')).status).toBe(404);
        const { id: pid, versionId } = await published();
        const page = await as(null, 'GET', `/api/public/drafts/${pid}`);
        expect(page.status).toBe(200);
        expect(page.json).toMatchObject({
          id: pid,
          title: 'Test Regulations',
          language: 'en',
          version: { id: versionId, label: 'v1' },
          open: true,
          closedReason: null,
          divisions: [{ kind: 'chapter', label: 'Chapter I', heading: 'General Provisions' }],
          articles: [
            { number: 1, label: 'Article 1', text: 'This is the text of article 1.' },
            { number: 2, label: 'Article 2' },
            { number: 3, label: 'Article 3' },
          ],
        });
      });

      it('takes a comment per article and one on the whole draft, each with a receipt', async () => {
        const { id, articles, versionId } = await published();
        for (const articleId of [...articles, null]) {
          const res = await submit(id, {
            articleId,
            body: `On ${articleId ?? 'the draft'}`,
            name: 'Zhang San',
            contact: 'zhang@example.com',
            organization: 'Acme',
            submitterType: 'enterprise',
          });
          expect(res.status, res.text).toBe(201);
          expect(res.json).toEqual({
            id: expect.stringMatching(/^\d+$/),
            receipt: expect.stringMatching(/^LF-/),
            attachments: [],
          });
        }
        const listed = (await as('clerk', 'GET', `/api/drafts/${id}/comments?kind=public`)).json as {
          comments: { articleId: string | null; versionId: string; kind: string }[];
        };
        expect(listed.comments.map((c) => c.articleId)).toEqual([...articles, null]);
        expect(listed.comments.every((c) => c.versionId === versionId && c.kind === 'public')).toBe(true);
      });

      it('shows names and contacts to owners and clerks only; everyone else sees a stable pseudonym', async () => {
        const { id, articles } = await published();
        await submit(id, {
          articleId: articles[0],
          body: 'one',
          name: 'Li Si',
          contact: '+86 138 0000 0000',
        });
        await submit(id, {
          articleId: articles[1],
          body: 'two',
          name: 'Wang Wu',
          contact: 'wang@example.com',
        });
        await submit(id, {
          articleId: articles[2],
          body: 'three',
          name: 'li si ',
          contact: '+86 138 0000 0000',
        });
        for (const who of ['owner', 'clerk'] as const) {
          const res = await as(who, 'GET', `/api/drafts/${id}/comments`);
          const comments = (
            res.json as { comments: { author: string; submitter: Record<string, unknown> }[] }
          ).comments;
          expect(
            comments.map((c) => c.author),
            who,
          ).toEqual(['Li Si', 'Wang Wu', 'Li Si']);
          expect(comments[0].submitter).toMatchObject({
            name: 'Li Si',
            contact: '+86 138 0000 0000',
            number: 1,
          });
          expect(comments[2].submitter.number).toBe(1);
        }
        for (const who of ['drafter', 'reviewer', 'viewer'] as const) {
          const res = await as(who, 'GET', `/api/drafts/${id}/comments`);
          expect(res.text, who).not.toMatch(/Li Si|Wang Wu|example\.com|138 0000/i);
          const comments = (
            res.json as { comments: { author: string; submitter: Record<string, unknown> }[] }
          ).comments;
          expect(
            comments.map((c) => c.author),
            who,
          ).toEqual(['Commenter 1', 'Commenter 2', 'Commenter 1']);
          expect(comments[0].submitter).not.toHaveProperty('name');
          expect(comments[0].submitter).not.toHaveProperty('contact');
        }
      });

      it('writes pseudonyms in the draft’s language', async () => {
        const { id, articles } = await published(t, tokens.owner, 'zh');
        await submit(id, { articleId: articles[0], body: '意见', name: '张三' });
        const res = await as('reviewer', 'GET', `/api/drafts/${id}/comments`);
        expect((res.json as { comments: { author: string }[] }).comments[0].author).toBe('意见人1');
      });

      it('streams a public comment to each reader as that reader may see it', async () => {
        const { id, articles } = await published();
        const open = async (who: Person) => {
          const res = await fetch(`${t.url}/api/drafts/${id}/events?token=${tokens[who]}`);
          const reader = res.body!.pipeThrough(new TextDecoderStream()).getReader();
          let text = '';
          return async (): Promise<string> => {
            while (!text.includes('comment.created')) text += (await reader.read()).value ?? '';
            void reader.cancel();
            return text;
          };
        };
        const [clerk, reviewer] = [await open('clerk'), await open('reviewer')];
        await submit(id, {
          articleId: articles[0],
          body: 'streamed',
          name: 'Zhao Liu',
          contact: 'zl@example.com',
        });
        expect(await clerk()).toContain('Zhao Liu');
        const seen = await reviewer();
        expect(seen).toContain('Commenter 1');
        expect(seen).not.toContain('Zhao Liu');
        expect(seen).not.toContain('zl@example.com');
      });

      it('stores script and HTML payloads exactly as sent, as data', async () => {
        const { id, articles } = await published();
        const payload = `<script>alert('x')</script><img src=x onerror=alert(1)>&lt;b&gt;`;
        const res = await submit(id, {
          articleId: articles[0],
          body: payload,
          name: payload,
          organization: payload,
          contact: 'p@example.com',
        });
        expect(res.status).toBe(201);
        const listed = await as('clerk', 'GET', `/api/drafts/${id}/comments`);
        expect(listed.headers.get('content-type')).toContain('application/json');
        expect(listed.json).toMatchObject({
          comments: [{ body: payload, author: payload, submitter: { name: payload, organization: payload } }],
        });
      });

      it('accepts the same comment sent twice in a row once', async () => {
        const { id, articles } = await published();
        const body = { articleId: articles[0], body: 'twice', name: 'Sun Qi', contact: 'sq@example.com' };
        const first = await submit(id, body);
        const second = await submit(id, body);
        expect(first.status).toBe(201);
        expect(second.status).toBe(200);
        expect(second.json).toMatchObject({ id: (first.json as { id: string }).id, duplicate: true });
        expect((await submit(id, { ...body, body: 'another' })).status).toBe(201);
        expect((await submit(id, body)).status).toBe(201);
        const listed = await as('clerk', 'GET', `/api/drafts/${id}/comments`);
        expect((listed.json as { comments: { body: string }[] }).comments.map((c) => c.body)).toEqual([
          'twice',
          'another',
          'twice',
        ]);
      });

      it('refuses bad input with 4xx and a reason', async () => {
        const { id, articles } = await published();
        const ok = { articleId: articles[0], body: 'fine', name: 'Zhou Ba' };
        const cases: [unknown, number, RegExp][] = [
          [{ ...ok, name: undefined }, 400, /body\.name/],
          [{ ...ok, name: '  ' }, 400, /body\.name/],
          [{ ...ok, body: '' }, 400, /body\.body/],
          [{ ...ok, body: 'x'.repeat(20_001) }, 413, /body\.body: 20,001 characters/],
          [{ ...ok, contact: 'not a contact' }, 400, /email address or a phone number/],
          [{ ...ok, submitterType: 'alien' }, 400, /body\.submitterType/],
          [{ ...ok, articleId: 'nosucharticle' }, 400, /no article nosucharticle/],
          [{ ...ok, articleId: '<script>' }, 400, /body\.articleId/],
          [{ ...ok, isAdmin: true }, 400, /isAdmin|unrecognized/i],
          [{ ...ok, website: 'http://spam.example' }, 400, /^the comment could not be accepted$/],
          [{ ...ok, body: 'x'.repeat(70_000) }, 413, /.+/],
          ['{"broken', 400, /.+/],
        ];
        for (const [body, status, detail] of cases) {
          const res = await submit(id, body);
          expect(res.status, JSON.stringify(body).slice(0, 60)).toBe(status);
          expect((res.json as { detail: string }).detail, JSON.stringify(body).slice(0, 60)).toMatch(detail);
        }
        const listed = await as('clerk', 'GET', `/api/drafts/${id}/comments`);
        expect((listed.json as { comments: unknown[] }).comments).toEqual([]);
      });

      it('refuses comments once the period is closed, with the reason, and says so on the page', async () => {
        const { id, versionId, articles } = await published();
        await as('owner', 'PUT', `/api/drafts/${id}/public`, { versionId, open: false });
        const refused = await submit(id, { articleId: articles[0], body: 'late', name: 'Wu Jiu' });
        expect(refused.status).toBe(403);
        expect((refused.json as { detail: string }).detail).toMatch(/comment period closed on \d{4}-/);
        expect((await as(null, 'GET', `/api/public/drafts/${id}`)).json).toMatchObject({
          open: false,
          closedReason: expect.stringMatching(/closed/),
        });

        const closesAt = new Date(Date.now() + 400).toISOString();
        await as('owner', 'PUT', `/api/drafts/${id}/public`, { versionId, open: true, closesAt });
        expect((await submit(id, { articleId: articles[0], body: 'in time', name: 'Wu Jiu' })).status).toBe(
          201,
        );
        await new Promise((resolve) => setTimeout(resolve, 500));
        const late = await submit(id, { articleId: articles[0], body: 'too late', name: 'Wu Jiu' });
        expect(late.status).toBe(403);
        expect((late.json as { detail: string }).detail).toContain(closesAt.slice(0, 19));
      });
    });

    describe('the rate limit', () => {
      it('answers 429 with Retry-After beyond the burst, per address', async () => {
        const limited = await startServerOn(engine, { publicComments: { burst: 3, refillInterval: 60_000 } });
        try {
          const owner = await limited.user('owner');
          const { id, articles } = await published(limited, owner);
          for (let i = 0; i < 3; i++) {
            expect(
              (await submit(id, { articleId: articles[0], body: `c${i}`, name: 'n' }, limited)).status,
            ).toBe(201);
          }
          const refused = await submit(id, { articleId: articles[0], body: 'c3', name: 'n' }, limited);
          expect(refused.status).toBe(429);
          expect(Number(refused.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
          expect(refused.json).toMatchObject({ error: 'too many requests' });
        } finally {
          await limited.close();
        }
      });
    });

    describe('imported comments', () => {
      it('reads the corpus file (647 comments, 1 withdrawn) under pseudonyms; a second import adds none', async () => {
        const id = await t.draft(tokens.owner, { text: lawText(3) });
        await t.grant('reviewer', id, 'reviewer');
        const storage = t.server.store;
        const parsed = parseCommentsJsonl(
          readFileSync(projectPath('test/fixtures/comments/cms-2022-0163.comments.jsonl'), 'utf8'),
        );
        expect(parsed.problems.filter((p) => p.fatal)).toEqual([]);
        const articles = buildOutline(docFromState(await storedState(storage, id)), 'en').articles;
        const first = await importComments(storage, id, parsed.records, articles);
        expect(first).toMatchObject({ added: 647, skipped: 0, withdrawn: 1 });
        expect(await importComments(storage, id, parsed.records, articles)).toMatchObject({
          added: 0,
          skipped: 647,
        });

        const all: { withdrawn: boolean; author: string; kind: string; submitter: object }[] = [];
        let cursor: string | null = '';
        while (cursor !== null) {
          const res = await as(
            'reviewer',
            'GET',
            `/api/drafts/${id}/comments?limit=500${cursor ? `&cursor=${cursor}` : ''}`,
          );
          const page = res.json as { comments: typeof all; nextCursor: string | null };
          all.push(...page.comments);
          cursor = page.nextCursor;
        }
        expect(all).toHaveLength(647);
        expect(all.filter((c) => c.withdrawn)).toHaveLength(1);
        expect(all.every((c) => c.kind === 'imported' && /^Commenter \d+$/.test(c.author))).toBe(true);
        expect(all.some((c) => 'name' in c.submitter)).toBe(false);
      });
    });
  });
}
