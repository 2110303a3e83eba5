// Comments with attachments over the real server: multipart intake on the public and review routes
// with every limit refused by name, types told by content, content-addressed storage shared by
// comments and released with them, extraction in the background (hostile files included, the server
// staying up), and what the files say used as the comment's text: the article it cites, clustering,
// search, the clerk's table and comment, the summary report; downloads, publishing, the public
// listing; and the proof-of-work check of the public form, solved as the widget solves it.
import { solveChallenge } from 'altcha-lib';
import { parse } from 'csv-parse/sync';
import type { Challenge } from 'altcha-lib';
import { deriveKey } from 'altcha-lib/algorithms/pbkdf2';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AttachmentJson, ClerkTableJson } from '../../core/index.ts';
import {
  campaignLetter,
  docxFile,
  gb18030File,
  pdfFile,
  pngFile,
  zipBombDocx,
} from '../helpers/attachment-files.ts';
import { api, lawText, testEngines, startServerOn } from './helpers.ts';
import type { ApiResponse, TestServer } from './helpers.ts';
import { blobStoreFor, sha256Hex } from '../../server/attachments/blob-store.ts';

for (const engine of testEngines) {
  describe(`on ${engine}`, () => {
    let t: TestServer;
    const tokens: Record<string, string> = {};
    const people = ['owner', 'reviewer', 'clerk', 'viewer'] as const;
    type Person = (typeof people)[number];

    beforeAll(async () => {
      t = await startServerOn(engine, { publicComments: { burst: 200, refillInterval: 100 } });
      for (const name of people) tokens[name] = await t.user(name);
    });
    afterAll(async () => {
      await t.close();
    });

    const as = (who: Person | null, method: string, path: string, body?: unknown): Promise<ApiResponse> =>
      api(t.url, method, path, { token: who ? tokens[who] : undefined, body });

    /// A draft of `articles` articles published for comment, every role granted.
    async function published(server = t, articles = 15, language: 'en' | 'zh' = 'en') {
      const owner = server === t ? tokens.owner : await server.user('owner');
      const id = await server.draft(owner, { text: lawText(articles, language) });
      if (server === t)
        for (const role of ['reviewer', 'clerk', 'viewer'] as const) await t.grant(role, id, role);
      const version = await api(server.url, 'POST', `/api/drafts/${id}/versions`, {
        token: owner,
        body: { label: 'v1' },
      });
      const versionId = (version.json as { id: string }).id;
      await api(server.url, 'PUT', `/api/drafts/${id}/public`, {
        token: owner,
        body: { versionId, open: true },
      });
      const page = await api(server.url, 'GET', `/api/public/drafts/${id}`);
      return {
        id,
        articles: (page.json as { articles: { id: string }[] }).articles.map((a) => a.id),
        page: page.json,
      };
    }

    type FileSpec = { name: string; bytes: Uint8Array; type?: string };

    /// POST a multipart form: `fields`, then `files` in the `attachments` field.
    async function postForm(
      path: string,
      fields: Record<string, string>,
      files: readonly FileSpec[],
      options: { token?: string; server?: TestServer } = {},
    ): Promise<ApiResponse> {
      const form = new FormData();
      for (const [k, v] of Object.entries(fields)) form.append(k, v);
      for (const f of files)
        form.append(
          'attachments',
          new Blob([Uint8Array.from(f.bytes)], { type: f.type ?? 'application/octet-stream' }),
          f.name,
        );
      return api((options.server ?? t).url, 'POST', path, { token: options.token, body: form });
    }

    const publicForm = (
      draftId: string,
      fields: Record<string, string>,
      files: readonly FileSpec[],
      server = t,
    ) => postForm(`/api/public/drafts/${draftId}/comments`, { name: 'Li Lei', ...fields }, files, { server });

    interface ClerkComment {
      attachments: AttachmentJson[];
      articleId: string | null;
      citedArticleId: string | null;
    }

    /// The clerk's view of comment `id` once every attachment has been read.
    async function whenRead(draftId: string, id: string): Promise<ClerkComment> {
      const deadline = Date.now() + 60_000;
      for (;;) {
        const res = await as('clerk', 'GET', `/api/drafts/${draftId}/clerk/comments/${id}`);
        expect(res.status, res.text).toBe(200);
        const comment = res.json as ClerkComment;
        if (comment.attachments.every((a) => a.state !== 'pending')) return comment;
        if (Date.now() > deadline) throw new Error(`attachments of ${id} still pending`);
        await new Promise((r) => setTimeout(r, 200));
      }
    }

    describe('intake', () => {
      it('takes a public comment with a PDF, a Word file, GB18030 text and an image, told by content', async () => {
        const { id, page } = await published();
        expect((page as { attachments: unknown }).attachments).toEqual({
          maxFiles: 10,
          maxFileBytes: 10 * 1024 * 1024,
          maxTotalBytes: 50 * 1024 * 1024,
          accepted: ['pdf', 'docx', 'odt', 'txt', 'image'],
        });
        const res = await publicForm(id, { articleId: '', body: 'See attached file(s)' }, [
          { name: 'letter.pdf', bytes: await pdfFile(['We write about the logging duty.']) },
          // Named .txt, but a Word file: the content decides.
          { name: 'misnamed.txt', bytes: await docxFile(['第十二条 建议修改。']) },
          { name: '意见.txt', bytes: gb18030File('关于日志留存的意见') },
          { name: 'photo.png', bytes: pngFile() },
        ]);
        expect(res.status, res.text).toBe(201);
        const body = res.json as { id: string; receipt: string; attachments: AttachmentJson[] };
        expect(body.attachments.map((a) => [a.fileName, a.type, a.download])).toEqual([
          ['letter.pdf', 'pdf', null],
          ['misnamed.txt', 'docx', null],
          ['意见.txt', 'txt', null],
          ['photo.png', 'image', null],
        ]);
        const comment = await whenRead(id, body.id);
        expect(comment.attachments.map((a) => [a.state, a.text])).toEqual([
          ['read', 'We write about the logging duty.'],
          ['read', '第十二条 建议修改。'],
          ['read', '关于日志留存的意见'],
          ['not-read', null],
        ]);
        expect(comment.attachments[0].pages).toBe(1);
      });

      it('refuses each limit with a 4xx that names it, and types it does not take', async () => {
        const { id } = await published();
        const eleven = Array.from({ length: 11 }, (_, i) => ({
          name: `n${i}.txt`,
          bytes: new TextEncoder().encode(`note ${i}`),
        }));
        const many = await publicForm(id, { body: 'x' }, eleven);
        expect(many.status).toBe(413);
        expect((many.json as { detail: string }).detail).toBe(
          'attachments: more than 10 files, the limit per comment',
        );

        const big = await publicForm(id, { body: 'x' }, [
          { name: 'big.txt', bytes: new Uint8Array(10 * 1024 * 1024 + 1).fill(0x61) },
        ]);
        expect(big.status).toBe(413);
        expect((big.json as { detail: string }).detail).toBe(
          'attachments: "big.txt" is larger than 10 MiB, the limit per file',
        );

        const exe = await publicForm(id, { body: 'x' }, [
          { name: 'report.pdf', bytes: Uint8Array.from([0x4d, 0x5a, 0x90, 0, 3, 0, 0, 0]) },
        ]);
        expect(exe.status).toBe(415);
        expect((exe.json as { detail: string }).detail).toMatch(
          /^attachments: "report.pdf" is not a PDF, Word/,
        );

        const other = await postForm(`/api/public/drafts/${id}/comments`, { body: 'x', name: 'n' }, []);
        expect(other.status).toBe(201);
        const wrongField = new FormData();
        wrongField.append('body', 'x');
        wrongField.append('name', 'n');
        wrongField.append('file', new Blob(['hello']), 'a.txt');
        const wf = await fetch(`${t.url}/api/public/drafts/${id}/comments`, {
          method: 'POST',
          body: wrongField,
        });
        expect(wf.status).toBe(400);
        expect(((await wf.json()) as { detail: string }).detail).toBe(
          'body.file: files go in the "attachments" field',
        );

        // A form is held to the rules of any text: no control characters in a field or a file name.
        const note = { name: 'note.txt', bytes: new TextEncoder().encode('a note') };
        const control = await publicForm(id, { body: 'bad\u0007bell' }, [note]);
        expect(control.status).toBe(400);
        expect((control.json as { detail: string }).detail).toMatch(/^body\.body: holds .*U\+0007/);
        const badName = await publicForm(id, { body: 'x' }, [{ ...note, name: 'a\u001bb.txt' }]);
        expect(badName.status).toBe(400);
        expect((badName.json as { detail: string }).detail).toMatch(
          /^attachments\.0: the file name holds .*U\+001B/,
        );

        // Only the comment routes take forms: anywhere else a form is refused, not read as an empty change.
        const form = new FormData();
        form.append('title', 'Renamed');
        const patch = await fetch(`${t.url}/api/drafts/${id}`, {
          method: 'PATCH',
          body: form,
          headers: { authorization: `Bearer ${tokens.owner}` },
        });
        expect(patch.status).toBe(415);
        expect(((await patch.json()) as { detail: string }).detail).toMatch(/^body: send JSON/);

        // Nothing refused left a comment behind.
        const table = (await as('clerk', 'GET', `/api/drafts/${id}/clerk/table`)).json as ClerkTableJson;
        expect(table.rows.id).toHaveLength(1);
      });

      it('refuses a comment whose files together pass the limit per comment', async () => {
        const small = await startServerOn(engine, {
          attachments: { limits: { maxTotalBytes: 2 * 1024 * 1024 } },
        });
        try {
          const { id } = await published(small);
          const mb = (n: string) => ({ name: n, bytes: new Uint8Array(900 * 1024).fill(0x62) });
          const res = await publicForm(id, { body: 'x' }, [mb('a.txt'), mb('b.txt'), mb('c.txt')], small);
          expect(res.status).toBe(413);
          expect((res.json as { detail: string }).detail).toBe(
            'attachments: together larger than 2 MiB, the limit per comment',
          );
        } finally {
          await small.close();
        }
      });

      it('lets reviewers attach files to review comments (multipart, tags as JSON), refusing viewers', async () => {
        const { id, articles } = await published();
        const res = await postForm(
          `/api/drafts/${id}/comments`,
          { articleId: articles[1], body: 'See the marked-up annex', tags: '["annex"]' },
          [{ name: 'annex.docx', bytes: await docxFile(['Annex: delete the second sentence.']) }],
          { token: tokens.reviewer },
        );
        expect(res.status, res.text).toBe(201);
        const created = res.json as { id: string; tags: string[]; attachments: AttachmentJson[] };
        expect(created.tags).toEqual(['annex']);
        expect(created.attachments[0].download).toBe(
          `/api/attachments/${created.attachments[0].id}/download`,
        );
        const viewer = await postForm(
          `/api/drafts/${id}/comments`,
          { articleId: articles[1], body: 'x' },
          [],
          {
            token: tokens.viewer,
          },
        );
        expect(viewer.status).toBe(403);
      });

      it('lists each comment with its files as the reader may see them, read in the background', async () => {
        const { id, articles } = await published();
        const review = await postForm(
          `/api/drafts/${id}/comments`,
          { articleId: articles[0], body: 'Marked-up copy attached' },
          [
            { name: 'markup.pdf', bytes: await pdfFile(['Article 1: say which operators.']) },
            { name: 'photo.png', bytes: pngFile() },
          ],
          { token: tokens.reviewer },
        );
        expect(review.status, review.text).toBe(201);
        const reviewId = (review.json as { id: string }).id;
        const fromPublic = await publicForm(id, { articleId: articles[0], body: 'See attached' }, [
          { name: 'letter.pdf', bytes: await pdfFile(['Letter of Li Lei, 3 River Road.']) },
        ]);
        const publicId = (fromPublic.json as { id: string }).id;
        await whenRead(id, publicId);

        type Listed = { id: string; attachments: AttachmentJson[] };
        const listAs = async (who: Person): Promise<Listed[]> => {
          const res = await as(who, 'GET', `/api/drafts/${id}/comments?articleId=${articles[0]}`);
          expect(res.status, res.text).toBe(200);
          return (res.json as { comments: Listed[] }).comments;
        };
        // The review comment's files: every member downloads them; the text waits for the reader.
        const deadline = Date.now() + 60_000;
        let files: AttachmentJson[];
        for (;;) {
          files = (await listAs('viewer')).find((c) => c.id === reviewId)!.attachments;
          if (files.every((f) => f.state !== 'pending') || Date.now() > deadline) break;
          await new Promise((r) => setTimeout(r, 200));
        }
        expect(files.map((f) => [f.fileName, f.type, f.state, f.text])).toEqual([
          ['markup.pdf', 'pdf', 'read', null],
          ['photo.png', 'image', 'not-read', null],
        ]);
        expect(files[0].excerpt).toBe('Article 1: say which operators.');
        expect(files[0].size).toBeGreaterThan(100);
        expect(files.every((f) => f.download === `/api/attachments/${f.id}/download`)).toBe(true);
        // A public comment's file: its name and state for every member, the original for owners and
        // clerks only.
        const publicFile = async (who: Person) =>
          (await listAs(who)).find((c) => c.id === publicId)!.attachments[0];
        expect(await publicFile('reviewer')).toMatchObject({
          fileName: 'letter.pdf',
          state: 'read',
          download: null,
        });
        expect((await publicFile('clerk')).download).toMatch(/^\/api\/attachments\/\d+\/download$/);
        // A page of comments without files lists none; a deleted comment none either.
        const plain = await as('reviewer', 'POST', `/api/drafts/${id}/comments`, {
          articleId: articles[1],
          body: 'No files here',
        });
        expect((plain.json as Listed).attachments).toEqual([]);
        expect((await as('reviewer', 'DELETE', `/api/comments/${reviewId}`)).status).toBe(204);
        expect((await listAs('reviewer')).find((c) => c.id === reviewId)!.attachments).toEqual([]);
      });

      it('tells members the limits a comment’s files are held to, and no one else', async () => {
        const res = await as('reviewer', 'GET', '/api/attachment-limits');
        expect(res.status).toBe(200);
        expect(res.json).toEqual({
          maxFiles: 10,
          maxFileBytes: 10 * 1024 * 1024,
          maxTotalBytes: 50 * 1024 * 1024,
          accepted: ['pdf', 'docx', 'odt', 'txt', 'image'],
        });
        expect((await as(null, 'GET', '/api/attachment-limits')).status).toBe(401);
      });
    });

    describe('storage', () => {
      it('keeps one file for the same bytes sent twice, and removes it when its last comment is deleted', async () => {
        const { id, articles } = await published();
        const bytes = await pdfFile(['Shared annex of two comments.']);
        const post = async () =>
          (
            await postForm(
              `/api/drafts/${id}/comments`,
              { articleId: articles[0], body: 'annex' },
              [{ name: 'a.pdf', bytes }],
              {
                token: tokens.reviewer,
              },
            )
          ).json as { id: string; attachments: AttachmentJson[] };
        const first = await post();
        const second = await post();
        const sha = sha256Hex(bytes);
        // Where the server keeps the bytes: its data folder on SQLite, a table on PostgreSQL.
        const blobs = blobStoreFor(t.server.store, t.dir);
        expect(await blobs.has(sha)).toBe(true);
        expect((await as('reviewer', 'DELETE', `/api/comments/${first.id}`)).status).toBe(204);
        expect(await blobs.has(sha)).toBe(true);
        expect(
          (await as('reviewer', 'GET', `/api/attachments/${second.attachments[0].id}/download`)).status,
        ).toBe(200);
        expect((await as('reviewer', 'DELETE', `/api/comments/${second.id}`)).status).toBe(204);
        expect(await blobs.has(sha)).toBe(false);
        expect((await as('reviewer', 'GET', `/api/attachments/${second.attachments[0].id}`)).status).toBe(
          404,
        );
      });

      it('marks a zip bomb unreadable and stays up for the next comment', async () => {
        const { id } = await published();
        const res = await publicForm(id, { body: 'Our position is attached' }, [
          { name: 'position.docx', bytes: zipBombDocx() },
        ]);
        expect(res.status).toBe(201);
        const comment = await whenRead(id, (res.json as { id: string }).id);
        expect(comment.attachments[0]).toMatchObject({
          state: 'unreadable',
          reason: expect.stringMatching(/^a zip bomb/),
        });
        expect((await as(null, 'GET', '/api/health')).status).toBe(200);
        expect((await publicForm(id, { body: 'after the bomb' }, [])).status).toBe(201);
      });
    });

    describe('what attachments say, used as the comment’s text', () => {
      it('maps a comment to the article its attachment cites, clusters cover notes by their letters, finds words inside files', async () => {
        const { id, articles } = await published();
        const letterPdf = await pdfFile([campaignLetter.join('\n')]);
        const ids: string[] = [];
        for (let i = 0; i < 3; i++) {
          const res = await publicForm(
            id,
            { body: 'Please find attached our comments.', name: `Member ${i}` },
            [{ name: 'letter.pdf', bytes: letterPdf }],
          );
          ids.push((res.json as { id: string }).id);
        }
        const other = await publicForm(id, { body: 'See attached file(s)', name: 'Zhang' }, [
          {
            name: 'own.docx',
            bytes: await docxFile(['关于第三条：建议把“七日”改为“十五日”。', '第三条第二款也应删去。']),
          },
        ]);
        ids.push((other.json as { id: string }).id);
        for (const c of ids) await whenRead(id, c);

        const mapped = await whenRead(id, ids[3]);
        expect(mapped.articleId).toBeNull();
        expect(mapped.citedArticleId).toBe(articles[2]);

        expect((await as('clerk', 'POST', `/api/drafts/${id}/clusters/run`)).status).toBe(200);
        const table = (await as('clerk', 'GET', `/api/drafts/${id}/clerk/table`)).json as ClerkTableJson;
        const row = (commentId: string) => table.rows.id.indexOf(Number(commentId));
        const clusterOf = (commentId: string) => table.rows.cluster[row(commentId)];
        expect(clusterOf(ids[0])).toBe(clusterOf(ids[1]));
        expect(clusterOf(ids[0])).toBe(clusterOf(ids[2]));
        expect(clusterOf(ids[3])).not.toBe(clusterOf(ids[0]));
        expect(table.clusters[clusterOf(ids[0])]).toMatchObject({ size: 3, kind: 'text' });
        // The table: an attachment count, the first lines of the file, the cited article.
        expect(table.rows.attachments[row(ids[0])]).toBe(1);
        expect(table.rows.attachmentExcerpt[row(ids[0])]).toMatch(
          /^Joint letter of the Alliance for Open Networks/,
        );
        expect(table.articles[table.rows.article[row(ids[3])]].id).toBe(articles[2]);
        expect(table.rows.cited[row(ids[3])]).toBe(1);
        expect(table.rows.article[row(ids[0])]).toBe(table.articles.findIndex((a) => a.id === articles[11]));

        const search = (q: string) =>
          as('clerk', 'GET', `/api/drafts/${id}/clerk/search?q=${encodeURIComponent(q)}`);
        expect(((await search('alliance for open')).json as { ids: number[] }).ids).toEqual(
          ids.slice(0, 3).map(Number),
        );
        expect(((await search('十五日')).json as { ids: number[] }).ids).toEqual([Number(ids[3])]);

        // A disposition for the cluster covers the three campaign letters; the report counts the files.
        const decided = await as('clerk', 'PUT', `/api/drafts/${id}/dispositions`, {
          clusters: [table.clusters[clusterOf(ids[0])].id],
          kind: 'noted',
          reason: 'Transition periods are under review.',
        });
        expect(decided.status, decided.text).toBe(200);
        const report = await as('clerk', 'GET', `/api/drafts/${id}/summary?format=md`);
        expect(report.status).toBe(200);
        expect(report.text).toContain('Attachments: 4, of which 4 read, 0 unreadable.');
        expect(report.text).toContain('Joint letter of the Alliance for Open Networks');

        // The register a clerk opens in a spreadsheet: which comments carried files, and how they read.
        const plain = await publicForm(id, { body: 'No files with this one.', name: 'Wu' }, []);
        const scan = await publicForm(id, { body: 'A scan and a letter.', name: 'Zhou' }, [
          { name: 'scan.png', bytes: pngFile() },
          { name: 'position.docx', bytes: zipBombDocx() },
        ]);
        await whenRead(id, (scan.json as { id: string }).id);
        const download = await as('clerk', 'GET', `/api/drafts/${id}/summary?format=csv`);
        expect(download.status).toBe(200);
        expect(download.headers.get('content-type')).toMatch(/^text\/csv/);
        const rows = parse(download.text, { bom: true, columns: true }) as Record<string, string>[];
        const files = new Map(rows.map((r) => [r.comment_id, r.attachments]));
        for (const letter of ids.slice(0, 3)) expect(files.get(letter)).toBe('letter.pdf (read)');
        expect(files.get(ids[3])).toBe('own.docx (read)');
        expect(files.get((plain.json as { id: string }).id)).toBe('');
        expect(files.get((scan.json as { id: string }).id)).toMatch(
          /^scan\.png \(not read\); position\.docx \(unreadable: a zip bomb[^)]*\)$/,
        );
        // The text column holds what the files say after the cover note.
        expect(rows.find((r) => r.comment_id === ids[3])!.text).toContain('建议把“七日”改为“十五日”');
      });
    });

    describe('originals and the public page', () => {
      it('lets owners and clerks download, others not, and the public only what a clerk published', async () => {
        const { id } = await published();
        const bytes = await pdfFile(['Signed: Wang Fang, 12 Long Street']);
        const res = await publicForm(id, { body: 'Attached' }, [{ name: 'signed letter.pdf', bytes }]);
        const attachment = (res.json as { attachments: AttachmentJson[] }).attachments[0];
        const download = `/api/attachments/${attachment.id}/download`;
        const got = await fetch(t.url + download, { headers: { authorization: `Bearer ${tokens.clerk}` } });
        expect(got.status).toBe(200);
        expect(got.headers.get('content-type')).toBe('application/pdf');
        expect(got.headers.get('content-disposition')).toContain("filename*=UTF-8''signed%20letter.pdf");
        expect(got.headers.get('x-content-type-options')).toBe('nosniff');
        expect(Buffer.from(await got.arrayBuffer()).equals(Buffer.from(bytes))).toBe(true);
        expect((await as('owner', 'GET', download)).status).toBe(200);
        expect((await as('reviewer', 'GET', download)).status).toBe(403);
        expect((await as(null, 'GET', download)).status).toBe(401);

        const listed = async () =>
          ((await as(null, 'GET', `/api/public/drafts/${id}/attachments`)).json as { attachments: unknown[] })
            .attachments;
        expect(await listed()).toEqual([]);
        expect((await as(null, 'GET', `/api/public/attachments/${attachment.id}`)).status).toBe(404);
        expect(
          (await as('reviewer', 'PATCH', `/api/attachments/${attachment.id}`, { published: true })).status,
        ).toBe(403);
        const publish = await as('clerk', 'PATCH', `/api/attachments/${attachment.id}`, { published: true });
        expect(publish.status, publish.text).toBe(200);
        const shown = (await listed()) as { fileName: string; submitter: string; download: string }[];
        expect(shown).toHaveLength(1);
        expect(shown[0]).toMatchObject({
          fileName: 'signed letter.pdf',
          download: `/api/public/attachments/${attachment.id}`,
        });
        expect(shown[0].submitter).toMatch(/^Commenter \d+$/);
        expect(JSON.stringify(shown)).not.toContain('Li Lei');
        expect((await as(null, 'GET', `/api/public/attachments/${attachment.id}`)).status).toBe(200);
        await as('clerk', 'PATCH', `/api/attachments/${attachment.id}`, { published: false });
        expect((await as(null, 'GET', `/api/public/attachments/${attachment.id}`)).status).toBe(404);
      });
    });

    describe('the proof-of-work check', () => {
      it('refuses a comment without a valid proof, takes one solved as the widget does, once, and raises the work with the intake', async () => {
        const guarded = await startServerOn(engine, {
          publicProof: { baseCounter: 20, cost: 10, threshold: 2 },
          publicComments: { burst: 100, refillInterval: 100 },
        });
        try {
          const { id, page } = await published(guarded);
          expect((page as { proof: unknown }).proof).toEqual({
            required: true,
            challenge: '/api/public/proof',
          });
          const solved = async () => {
            const challenge = (await api(guarded.url, 'GET', '/api/public/proof')).json as Challenge;
            const solution = await solveChallenge({ challenge, deriveKey });
            expect(solution).not.toBeNull();
            return {
              payload: Buffer.from(JSON.stringify({ challenge, solution })).toString('base64'),
              challenge,
            };
          };
          const send = (extra: Record<string, string>) =>
            publicForm(id, { body: 'A comment', ...extra }, [], guarded);

          const missing = await send({});
          expect(missing.status).toBe(400);
          expect((missing.json as { detail: string }).detail).toMatch(
            /^altcha: the proof of work is missing/,
          );
          expect((await send({ altcha: 'bm9uc2Vuc2U=' })).status).toBe(400);

          const { payload, challenge } = await solved();
          expect(challenge.parameters.data).toEqual({ level: 0 });
          const forged = JSON.parse(Buffer.from(payload, 'base64').toString()) as {
            solution: { derivedKey: string };
          };
          // A key that was not derived: the signature of the right one does not match it.
          const key = forged.solution.derivedKey;
          forged.solution.derivedKey = (key[0] === '0' ? '1' : '0') + key.slice(1);
          const bad = await send({ altcha: Buffer.from(JSON.stringify(forged)).toString('base64') });
          expect(bad.status).toBe(403);

          expect((await send({ altcha: payload })).status).toBe(201);
          const again = await send({ altcha: payload, body: 'Another comment' });
          expect(again.status).toBe(403);
          expect((again.json as { detail: string }).detail).toMatch(/used before/);

          // JSON bodies carry the proof in the same field.
          const json = await api(guarded.url, 'POST', `/api/public/drafts/${id}/comments`, {
            body: { articleId: null, body: 'By JSON', name: 'n', altcha: (await solved()).payload },
          });
          expect(json.status, json.text).toBe(201);
          // Two comments a minute is the threshold here; a third raises the level.
          expect((await send({ altcha: (await solved()).payload, body: 'Third' })).status).toBe(201);
          const harder = (await solved()).challenge;
          expect((harder.parameters.data as { level: number }).level).toBeGreaterThanOrEqual(1);
        } finally {
          await guarded.close();
        }
      });

      it('is off when the server says so, and /api/public/proof then answers 404', async () => {
        const { page } = await published();
        expect((page as { proof: unknown }).proof).toEqual({ required: false, challenge: null });
        expect((await as(null, 'GET', '/api/public/proof')).status).toBe(404);
      });
    });
  });
}
