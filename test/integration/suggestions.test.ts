// Suggestions (tracked changes) over the real server: every route against every role, accepting
// applies exactly the change (and undo takes it back), overlapping suggestions (accept one → the other
// is stale → 409), stale after a drafter's edit through a stock y-websocket client (and open again
// when the words come back), a reviewer's direct change still refused with 4403, structural
// suggestions, deciding many at once, bad input, and the live event stream.
import * as Y from 'yjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readEvents } from '../../renderer/src/api/comments.ts';
import { importComments, parseComments } from '../../server/comments/import.ts';
import { api, closed, connect, synced, texts, waitFor, testEngines, startServerOn } from './helpers.ts';
import type { ApiResponse, TestServer } from './helpers.ts';

for (const engine of testEngines) {
  describe(`on ${engine}`, () => {
    let t: TestServer;
    const tokens: Record<string, string> = {};
    const people = ['owner', 'drafter', 'reviewer', 'clerk', 'viewer', 'outsider', 'admin'] as const;
    type Person = (typeof people)[number];
    const suggesters = ['owner', 'drafter', 'reviewer', 'clerk', 'admin'] as const;
    const deciders = ['owner', 'drafter', 'admin'] as const;

    beforeAll(async () => {
      t = await startServerOn(engine);
      for (const name of people) tokens[name] = await t.user(name, { admin: name === 'admin' });
    });
    afterAll(async () => {
      await t.close();
    });

    const as = (who: Person | null, method: string, path: string, body?: unknown): Promise<ApiResponse> =>
      api(t.url, method, path, { token: who ? tokens[who] : undefined, body });

    type Suggestion = {
      id: string;
      kind: string;
      articleId: string;
      quote: string;
      replacement: string;
      status: string;
      author: { username: string | null };
      mine: boolean;
      decidedBy: { username: string | null } | null;
      reason: string | null;
      createdAt: string;
    };

    const law = `Regulations on Test Suggestions
Chapter I General Provisions
Article 1 Network operators shall keep logs for fifteen days.
Article 2 Operators of critical information infrastructure shall report incidents within fifteen days.
Chapter II Duties
Article 3 Each operator shall appoint a security officer.
(1) the officer shall be trained;
(2) the officer shall report to the board.
Article 4 These Regulations take effect on the date of promulgation.
`;

    /// A draft of `law` with every member, and the ids of its articles.
    async function draftWithMembers(text = law): Promise<{ id: string; articles: string[] }> {
      const id = await t.draft(tokens.owner, { text, language: 'en' });
      for (const role of ['drafter', 'reviewer', 'clerk', 'viewer'] as const) await t.grant(role, id, role);
      return { id, articles: await articleIds(id) };
    }

    async function articleIds(id: string): Promise<string[]> {
      const outline = await as('owner', 'GET', `/api/drafts/${id}/export?format=json`);
      return (outline.json as { articles: { id: string }[] }).articles.map((a) => a.id);
    }

    /// The live draft as plain text.
    async function liveText(id: string): Promise<string> {
      const res = await as('owner', 'GET', `/api/drafts/${id}/export?format=txt`);
      expect(res.status).toBe(200);
      return res.text;
    }

    /// Poll the async `condition` until it holds.
    async function eventually(condition: () => Promise<boolean>, what: string): Promise<void> {
      const start = Date.now();
      while (!(await condition())) {
        if (Date.now() - start > 10_000) throw new Error(`timed out waiting for ${what}`);
        await new Promise((r) => setTimeout(r, 20));
      }
    }

    async function suggest(who: Person, draftId: string, body: Record<string, unknown>): Promise<Suggestion> {
      const res = await as(who, 'POST', `/api/drafts/${draftId}/suggestions`, body);
      expect(res.status, res.text).toBe(201);
      return res.json as Suggestion;
    }

    async function list(who: Person, draftId: string, query = ''): Promise<Suggestion[]> {
      const res = await as(who, 'GET', `/api/drafts/${draftId}/suggestions${query}`);
      expect(res.status, res.text).toBe(200);
      return res.json as Suggestion[];
    }

    describe('making suggestions', () => {
      it('answers 201 with the suggestion, anchored on the quoted words', async () => {
        const { id, articles } = await draftWithMembers();
        const made = await suggest('reviewer', id, {
          articleId: articles[0],
          quote: 'fifteen days',
          replacement: 'six months',
          note: 'Logs must cover a reporting period.',
        });
        expect(made).toMatchObject({
          kind: 'text',
          articleId: articles[0],
          quote: 'fifteen days',
          replacement: 'six months',
          status: 'open',
          author: { username: 'reviewer' },
          mine: true,
          note: 'Logs must cover a reporting period.',
        });
        expect(Date.parse(made.createdAt)).toBeGreaterThan(Date.now() - 60_000);
        // The text itself is unchanged: a suggestion lives beside it.
        expect(await liveText(id)).toContain('keep logs for fifteen days.');
        const listed = await list('viewer', id);
        expect(listed.map((s) => s.id)).toEqual([made.id]);
        expect(listed[0].mine).toBe(false);
      });
    });

    describe('the role matrix', () => {
      it('lets owners, drafters, reviewers, clerks and admins suggest; viewers get 403, outsiders 404, no token 401', async () => {
        const { id, articles } = await draftWithMembers();
        for (const who of suggesters) {
          const res = await as(who, 'POST', `/api/drafts/${id}/suggestions`, {
            articleId: articles[3],
            quote: 'These Regulations',
            replacement: `These Rules (${who})`,
          });
          expect(res.status, who).toBe(201);
        }
        const body = { articleId: articles[3], quote: 'date', replacement: 'day' };
        expect((await as('viewer', 'POST', `/api/drafts/${id}/suggestions`, body)).status).toBe(403);
        expect((await as('outsider', 'POST', `/api/drafts/${id}/suggestions`, body)).status).toBe(404);
        expect((await as(null, 'POST', `/api/drafts/${id}/suggestions`, body)).status).toBe(401);
        for (const who of [...suggesters, 'viewer'] as const) {
          expect((await list(who, id)).length, who).toBe(5);
        }
        expect((await as('outsider', 'GET', `/api/drafts/${id}/suggestions`)).status).toBe(404);
        expect((await as(null, 'GET', `/api/drafts/${id}/suggestions`)).status).toBe(401);
      });

      it('lets only owners, drafters and admins accept, reject, undo and decide many', async () => {
        const { id, articles } = await draftWithMembers();
        const made = await suggest('reviewer', id, {
          articleId: articles[0],
          quote: 'Network',
          replacement: 'All network',
        });
        for (const who of ['reviewer', 'clerk', 'viewer'] as const) {
          for (const action of ['accept', 'reject', 'undo']) {
            const res = await as(who, 'POST', `/api/suggestions/${made.id}/${action}`, {});
            expect(res.status, `${who} ${action}`).toBe(403);
            expect(res.json).toMatchObject({ error: 'forbidden' });
          }
          const many = await as(who, 'POST', `/api/drafts/${id}/suggestions/decide`, {
            action: 'accept',
            articleId: articles[0],
          });
          expect(many.status, who).toBe(403);
        }
        expect((await as('outsider', 'POST', `/api/suggestions/${made.id}/accept`)).status).toBe(404);
        expect((await as(null, 'POST', `/api/suggestions/${made.id}/accept`)).status).toBe(401);
        for (const who of deciders) {
          const one = await suggest('reviewer', id, {
            articleId: articles[3],
            quote: 'promulgation',
            replacement: `promulgation (${who})`,
          });
          const rejected = await as(who, 'POST', `/api/suggestions/${one.id}/reject`, {
            reason: 'Not needed.',
          });
          expect(rejected.status, who).toBe(200);
          expect(rejected.json).toMatchObject({
            status: 'rejected',
            reason: 'Not needed.',
            decidedBy: { username: who },
          });
          const undone = await as(who, 'POST', `/api/suggestions/${one.id}/undo`);
          expect(undone.status, who).toBe(200);
          expect(undone.json).toMatchObject({ status: 'open', decidedBy: null, reason: null });
          expect((await as(who, 'DELETE', `/api/suggestions/${one.id}`)).status, who).toBe(403);
          expect((await as('reviewer', 'DELETE', `/api/suggestions/${one.id}`)).status).toBe(204);
        }
        const accepted = await as('drafter', 'POST', `/api/suggestions/${made.id}/accept`);
        expect(accepted.status).toBe(200);
        expect(accepted.json).toMatchObject({ status: 'accepted', decidedBy: { username: 'drafter' } });
      });

      it('lets only the author edit, re-base and withdraw; anyone may read, non-viewers comment', async () => {
        const { id, articles } = await draftWithMembers();
        const made = await suggest('clerk', id, {
          articleId: articles[1],
          quote: 'incidents',
          replacement: 'security incidents',
        });
        for (const who of ['owner', 'drafter', 'reviewer', 'admin'] as const) {
          expect((await as(who, 'PATCH', `/api/suggestions/${made.id}`, { note: 'x' })).status, who).toBe(
            403,
          );
          expect((await as(who, 'POST', `/api/suggestions/${made.id}/rebase`, {})).status, who).toBe(403);
          expect((await as(who, 'DELETE', `/api/suggestions/${made.id}`)).status, who).toBe(403);
        }
        expect((await as('viewer', 'PATCH', `/api/suggestions/${made.id}`, { note: 'x' })).status).toBe(403);
        expect((await as('viewer', 'DELETE', `/api/suggestions/${made.id}`)).status).toBe(403);
        const edited = await as('clerk', 'PATCH', `/api/suggestions/${made.id}`, {
          replacement: 'cybersecurity incidents',
          note: 'As public comment 17 asks.',
        });
        expect(edited.status, edited.text).toBe(200);
        expect(edited.json).toMatchObject({
          replacement: 'cybersecurity incidents',
          note: 'As public comment 17 asks.',
        });
        for (const who of [...suggesters, 'viewer'] as const) {
          const one = await as(who, 'GET', `/api/suggestions/${made.id}`);
          expect(one.status, who).toBe(200);
          expect((await as(who, 'GET', `/api/suggestions/${made.id}/history`)).status, who).toBe(200);
          expect((await as(who, 'GET', `/api/suggestions/${made.id}/comments`)).status, who).toBe(200);
        }
        for (const who of ['outsider'] as const) {
          expect((await as(who, 'GET', `/api/suggestions/${made.id}`)).status).toBe(404);
          expect((await as(who, 'GET', `/api/suggestions/${made.id}/comments`)).status).toBe(404);
        }
        const reply = await as('drafter', 'POST', `/api/suggestions/${made.id}/comments`, {
          body: 'Agreed in substance.',
        });
        expect(reply.status).toBe(201);
        expect(
          (await as('viewer', 'POST', `/api/suggestions/${made.id}/comments`, { body: 'no' })).status,
        ).toBe(403);
        const thread = await as('viewer', 'GET', `/api/suggestions/${made.id}/comments`);
        expect(thread.json).toMatchObject({
          comments: [{ author: { username: 'drafter' }, body: 'Agreed in substance.' }],
        });
        expect((await as('viewer', 'GET', `/api/suggestions/${made.id}`)).json).toMatchObject({
          comments: 1,
        });
        const history = await as('owner', 'GET', `/api/suggestions/${made.id}/history`);
        expect((history.json as { history: { action: string }[] }).history.map((h) => h.action)).toEqual([
          'created',
          'edited',
        ]);
        expect((await as('clerk', 'DELETE', `/api/suggestions/${made.id}`)).status).toBe(204);
        expect((await as('clerk', 'DELETE', `/api/suggestions/${made.id}`)).status).toBe(409);
        expect((await as('owner', 'POST', `/api/suggestions/${made.id}/accept`)).status).toBe(409);
        expect((await list('owner', id, '?status=withdrawn')).map((s) => s.id)).toEqual([made.id]);
      });
    });

    describe('accepting', () => {
      it('applies exactly the change, for everyone, as an ordinary edit; undo takes it back', async () => {
        const { id, articles } = await draftWithMembers();
        const peer = connect(t.wsUrl, id, tokens.drafter);
        await synced(peer);
        const before = await liveText(id);
        const replace = await suggest('reviewer', id, {
          articleId: articles[1],
          quote: 'fifteen days',
          replacement: 'seventy-two hours',
        });
        const insert = await suggest('reviewer', id, {
          articleId: articles[2],
          quote: '',
          prefix: 'appoint a ',
          suffix: 'security officer',
          replacement: 'qualified ',
        });
        const remove = await suggest('clerk', id, {
          articleId: articles[0],
          quote: ' for fifteen days',
          replacement: '',
        });
        for (const s of [replace, insert, remove]) {
          const res = await as('drafter', 'POST', `/api/suggestions/${s.id}/accept`);
          expect(res.status, res.text).toBe(200);
          expect(res.json).toMatchObject({ status: 'accepted', decidedBy: { username: 'drafter' } });
        }
        const after = await liveText(id);
        const expected = before
          .replace('report incidents within fifteen days', 'report incidents within seventy-two hours')
          .replace('appoint a security officer', 'appoint a qualified security officer')
          .replace('keep logs for fifteen days.', 'keep logs.');
        expect(after).toBe(expected);
        // The record keeps each accepted change with both names, and the timeline the decision.
        const history = await as('owner', 'GET', `/api/drafts/${id}/articles/${articles[1]}/history`);
        expect(history.status, history.text).toBe(200);
        const entries = (
          history.json as {
            entries: { kind: string; author: unknown; changes: { op: string; text: string }[] }[];
          }
        ).entries;
        expect(entries[0]).toMatchObject({
          kind: 'suggestion',
          author: { username: 'drafter', suggestedBy: 'reviewer' },
        });
        expect(entries[0].changes).toEqual(
          expect.arrayContaining([
            { op: 'delete', text: expect.stringContaining('fifteen') },
            { op: 'insert', text: expect.stringContaining('seventy-two') },
          ]),
        );
        const timeline = await as('owner', 'GET', `/api/drafts/${id}/timeline?kind=suggestion`);
        const actions = (timeline.json as { events: { action: string; user: string }[] }).events.map(
          (e) => `${e.action} ${e.user}`,
        );
        expect(actions.filter((a) => a.startsWith('suggestion.accepted'))).toEqual([
          'suggestion.accepted drafter',
          'suggestion.accepted drafter',
          'suggestion.accepted drafter',
        ]);
        // The stock client got the same text, as updates like anyone's typing.
        await waitFor(
          () => texts(peer.doc).some((x) => x.toString().includes('seventy-two hours')),
          'the change to reach the peer',
        );
        expect(
          texts(peer.doc)
            .map((x) => x.toString())
            .join('\n'),
        ).toContain('appoint a qualified security officer');

        // Undo, newest first, gives back the text it replaced.
        for (const s of [remove, insert, replace]) {
          const res = await as('owner', 'POST', `/api/suggestions/${s.id}/undo`);
          expect(res.status, res.text).toBe(200);
          expect(res.json).toMatchObject({ status: 'open' });
        }
        expect(await liveText(id)).toBe(before);
        expect((await list('owner', id, '?status=open')).length).toBe(3);
        peer.destroy();
      });

      it('refuses to undo an accepted change whose words were edited since (409)', async () => {
        const { id, articles } = await draftWithMembers();
        const made = await suggest('reviewer', id, {
          articleId: articles[3],
          quote: 'promulgation',
          replacement: 'publication',
        });
        expect((await as('owner', 'POST', `/api/suggestions/${made.id}/accept`)).status).toBe(200);
        const peer = connect(t.wsUrl, id, tokens.drafter);
        await synced(peer);
        const text = texts(peer.doc).find((x) => x.toString().includes('publication'))!;
        text.delete(text.toString().indexOf('publication'), 3);
        await eventually(
          async () => (await liveText(id)).includes('lication'),
          'the edit to reach the server',
        );
        const undo = await as('owner', 'POST', `/api/suggestions/${made.id}/undo`);
        expect(undo.status).toBe(409);
        expect(undo.json).toMatchObject({ error: 'conflict' });
        expect((undo.json as { detail: string }).detail).toContain('changed since it was accepted');
        peer.destroy();
      });

      it('makes an overlapping suggestion stale when one is accepted, and answers 409 to accepting it', async () => {
        const { id, articles } = await draftWithMembers();
        const first = await suggest('reviewer', id, {
          articleId: articles[0],
          quote: 'fifteen days',
          replacement: 'thirty days',
        });
        const second = await suggest('clerk', id, {
          articleId: articles[0],
          quote: 'logs for fifteen',
          replacement: 'records for sixty',
        });
        const apart = await suggest('clerk', id, {
          articleId: articles[0],
          quote: 'Network operators',
          replacement: 'Operators',
        });
        expect((await as('owner', 'POST', `/api/suggestions/${first.id}/accept`)).status).toBe(200);
        const refused = await as('owner', 'POST', `/api/suggestions/${second.id}/accept`);
        expect(refused.status).toBe(409);
        expect((refused.json as { detail: string }).detail).toMatch(/stale/);
        expect((await list('viewer', id, '?status=stale')).map((s) => s.id)).toEqual([second.id]);
        // The one on other words of the same article is still open and still applies.
        expect((await as('owner', 'POST', `/api/suggestions/${apart.id}/accept`)).status).toBe(200);
        expect(await liveText(id)).toContain('Article 1 Operators shall keep logs for thirty days.');
        // The author re-bases it on the words there now; then it can be accepted.
        expect((await as('owner', 'POST', `/api/suggestions/${second.id}/rebase`, {})).status).toBe(403);
        const rebased = await as('clerk', 'POST', `/api/suggestions/${second.id}/rebase`, {
          quote: 'logs for thirty',
          replacement: 'records for sixty',
        });
        expect(rebased.status, rebased.text).toBe(200);
        expect(rebased.json).toMatchObject({ status: 'open', quote: 'logs for thirty' });
        expect((await as('drafter', 'POST', `/api/suggestions/${second.id}/accept`)).status).toBe(200);
        expect(await liveText(id)).toContain('Article 1 Operators shall keep records for sixty days.');
      });
    });

    describe('stale detection through the stock y-websocket client', () => {
      it('marks a suggestion stale when a drafter edits its words, and open again when they come back', async () => {
        const { id, articles } = await draftWithMembers();
        const made = await suggest('reviewer', id, {
          articleId: articles[1],
          quote: 'within fifteen days',
          replacement: 'within seventy-two hours',
        });
        const drafter = connect(t.wsUrl, id, tokens.drafter);
        await synced(drafter);
        const text = texts(drafter.doc).find((x) => x.toString().includes('within fifteen days'))!;
        // Typing above the article and in front of the words in the same article moves nothing.
        const first = texts(drafter.doc).find((x) => x.toString().includes('keep logs'))!;
        first.insert(0, 'All ');
        text.insert(0, 'Without delay, ');
        await eventually(
          async () => (await liveText(id)).includes('Without delay'),
          'the edit to reach the server',
        );
        expect((await as('owner', 'GET', `/api/suggestions/${made.id}`)).json).toMatchObject({
          status: 'open',
        });

        const at = text.toString().indexOf('fifteen');
        text.delete(at, 'fifteen'.length);
        text.insert(at, 'ten');
        await eventually(
          async () => (await liveText(id)).includes('within ten days'),
          'the edit to reach the server',
        );
        expect((await list('viewer', id, '?status=stale')).map((s) => s.id)).toEqual([made.id]);
        const refused = await as('drafter', 'POST', `/api/suggestions/${made.id}/accept`);
        expect(refused.status).toBe(409);

        // The drafter puts the words back: the suggestion is open again and applies where it was made.
        const again = text.toString().indexOf('ten days');
        text.delete(again, 3);
        text.insert(again, 'fifteen');
        await eventually(
          async () => (await liveText(id)).includes('within fifteen days'),
          'the edit to reach the server',
        );
        expect((await as('viewer', 'GET', `/api/suggestions/${made.id}`)).json).toMatchObject({
          status: 'open',
        });
        const accepted = await as('drafter', 'POST', `/api/suggestions/${made.id}/accept`);
        expect(accepted.status, accepted.text).toBe(200);
        await waitFor(
          () => text.toString().includes('within seventy-two hours'),
          'the accepted change to reach the drafter',
        );
        expect(text.toString()).toBe(
          'Without delay, Operators of critical information infrastructure shall report incidents within seventy-two hours.',
        );
        drafter.destroy();
      });

      it('still refuses a reviewer who sends a text change directly (4403)', async () => {
        const { id } = await draftWithMembers();
        const reviewer = connect(t.wsUrl, id, tokens.reviewer);
        await synced(reviewer);
        const refusal = closed(reviewer);
        texts(reviewer.doc)[1].insert(0, 'Sneaky ');
        expect(await refusal).toMatchObject({ code: 4403 });
        reviewer.destroy();
        expect(await liveText(id)).not.toContain('Sneaky');
      });
    });

    describe('structural suggestions', () => {
      it('proposes and applies a new article, the deletion of an article, a new paragraph and a new item', async () => {
        const { id, articles } = await draftWithMembers();
        const newArticle = await suggest('reviewer', id, {
          kind: 'insert-article',
          after: articles[1],
          text: 'Operators shall keep an inventory of their systems.\nThe inventory is reviewed each year.',
        });
        expect(newArticle).toMatchObject({ kind: 'insert-article', articleId: articles[1], quote: '' });
        const deletion = await suggest('clerk', id, { kind: 'delete-article', articleId: articles[3] });
        expect(deletion).toMatchObject({
          kind: 'delete-article',
          quote: 'These Regulations take effect on the date of promulgation.',
        });
        const paragraph = await suggest('reviewer', id, {
          kind: 'insert-paragraph',
          articleId: articles[0],
          text: 'Logs are kept in the country.',
        });
        expect(paragraph).toMatchObject({ kind: 'insert-paragraph', place: { paragraph: 1 } });
        const item = await suggest('reviewer', id, {
          kind: 'insert-item',
          articleId: articles[2],
          paragraph: 1,
          after: 1,
          text: 'the officer shall hold a certificate;',
        });
        expect(item).toMatchObject({
          kind: 'insert-item',
          place: { paragraph: 1, item: 1 },
          quote: 'the officer shall be trained;',
        });

        for (const s of [newArticle, deletion, paragraph, item]) {
          const res = await as('owner', 'POST', `/api/suggestions/${s.id}/accept`);
          expect(res.status, res.text).toBe(200);
        }
        expect(lines(await liveText(id))).toBe(`Regulations on Test Suggestions
Chapter I General Provisions
Article 1 Network operators shall keep logs for fifteen days.
Logs are kept in the country.
Article 2 Operators of critical information infrastructure shall report incidents within fifteen days.
Article 3 Operators shall keep an inventory of their systems.
The inventory is reviewed each year.
Chapter II Duties
Article 4 Each operator shall appoint a security officer.
(1) the officer shall be trained;
(2) the officer shall hold a certificate;
(3) the officer shall report to the board.`);
        // Undo puts the deleted article back with its id, and takes the new ones out.
        for (const s of [item, paragraph, deletion, newArticle]) {
          const res = await as('owner', 'POST', `/api/suggestions/${s.id}/undo`);
          expect(res.status, res.text).toBe(200);
        }
        expect(await liveText(id)).toBe((await liveTextOf(law)).replace(/\n$/, '\n'));
        expect(await articleIds(id)).toEqual(articles);
      });

      it('follows its paragraph when a drafter adds one above it, and is stale when it is gone', async () => {
        const { id, articles } = await draftWithMembers();
        const made = await suggest('reviewer', id, {
          kind: 'insert-item',
          articleId: articles[2],
          paragraph: 1,
          after: 2,
          text: 'the officer shall keep records.',
        });
        const drafter = connect(t.wsUrl, id, tokens.drafter);
        await synced(drafter);
        // The drafter adds a first item; the suggestion still goes after "report to the board".
        const lead = texts(drafter.doc).find((x) => x.toString().includes('shall be trained'))!;
        const item = lead.parent!.parent as Y.XmlElement;
        const paragraph = item.parent as Y.XmlElement;
        const added = new Y.XmlElement('item');
        const addedLead = new Y.XmlElement('lead');
        const addedText = new Y.XmlText();
        addedText.insert(0, 'the officer shall be named;');
        addedLead.insert(0, [addedText]);
        added.insert(0, [addedLead]);
        paragraph.insert(1, [added]);
        await eventually(async () => (await liveText(id)).includes('shall be named'), 'the new item');
        expect((await as('owner', 'POST', `/api/suggestions/${made.id}/accept`)).status).toBe(200);
        expect(lines(await liveText(id))).toContain(
          '(1) the officer shall be named;\n(2) the officer shall be trained;\n(3) the officer shall report to the board.\n(4) the officer shall keep records.',
        );
        // A new item placed after an item the drafter then deletes has nowhere to go: stale.
        const orphan = await suggest('reviewer', id, {
          kind: 'insert-item',
          articleId: articles[2],
          paragraph: 1,
          after: 1,
          text: 'the officer shall be independent;',
        });
        expect(orphan.quote).toBe('the officer shall be named;');
        paragraph.delete(1, 1);
        await eventually(async () => !(await liveText(id)).includes('shall be named'), 'the deletion');
        expect((await as('owner', 'GET', `/api/suggestions/${orphan.id}`)).json).toMatchObject({
          status: 'stale',
        });
        expect((await as('owner', 'POST', `/api/suggestions/${orphan.id}/accept`)).status).toBe(409);
        drafter.destroy();
      });

      it('refuses to delete the only article of a chapter (409 on accept)', async () => {
        const { id, articles } = await draftWithMembers(`Small Rules
Chapter I General
Article 1 Only article of the chapter.
Chapter II Other
Article 2 Another.
`);
        const made = await suggest('reviewer', id, { kind: 'delete-article', articleId: articles[0] });
        const res = await as('owner', 'POST', `/api/suggestions/${made.id}/accept`);
        expect(res.status).toBe(409);
        expect((res.json as { detail: string }).detail).toContain('only one of its chapter');
        expect(await liveText(id)).toContain('Only article of the chapter.');
      });
    });

    /// `text` without its blank lines.
    function lines(text: string): string {
      return text
        .split('\n')
        .filter((line) => line.trim())
        .join('\n');
    }

    /// The text the server exports for a draft made from `text` (to compare after undoing everything).
    async function liveTextOf(text: string): Promise<string> {
      const id = await t.draft(tokens.owner, { text, language: 'en' });
      return liveText(id);
    }

    describe('deciding many at once', () => {
      it('accepts all of an article, skipping one made stale by another', async () => {
        const { id, articles } = await draftWithMembers();
        const a = await suggest('reviewer', id, {
          articleId: articles[1],
          quote: 'incidents',
          replacement: 'security incidents',
        });
        const b = await suggest('clerk', id, {
          articleId: articles[1],
          quote: 'report incidents',
          replacement: 'notify incidents',
        });
        const c = await suggest('clerk', id, {
          articleId: articles[1],
          quote: 'fifteen days',
          replacement: 'one day',
        });
        const other = await suggest('clerk', id, {
          articleId: articles[0],
          quote: 'fifteen days',
          replacement: 'one year',
        });
        const res = await as('drafter', 'POST', `/api/drafts/${id}/suggestions/decide`, {
          action: 'accept',
          articleId: articles[1],
        });
        expect(res.status, res.text).toBe(200);
        const outcome = res.json as { decided: Suggestion[]; skipped: (Suggestion & { skipped: string })[] };
        expect(outcome.decided.map((s) => s.id)).toEqual([a.id, c.id]);
        expect(outcome.skipped.map((s) => [s.id, s.status])).toEqual([[b.id, 'stale']]);
        expect(outcome.skipped[0].skipped).toMatch(/stale/);
        expect(await liveText(id)).toContain('shall report security incidents within one day.');
        expect((await as('viewer', 'GET', `/api/suggestions/${other.id}`)).json).toMatchObject({
          status: 'open',
        });
      });

      it('rejects all of an author, with the reason', async () => {
        const { id, articles } = await draftWithMembers();
        await suggest('reviewer', id, { articleId: articles[0], quote: 'logs', replacement: 'records' });
        await suggest('reviewer', id, { articleId: articles[3], quote: 'date', replacement: 'day' });
        const kept = await suggest('clerk', id, {
          articleId: articles[3],
          quote: 'take effect',
          replacement: 'come into force',
        });
        const res = await as('owner', 'POST', `/api/drafts/${id}/suggestions/decide`, {
          action: 'reject',
          author: 'reviewer',
          reason: 'Out of scope of this round.',
        });
        expect(res.status).toBe(200);
        const rejected = await list('viewer', id, '?status=rejected');
        expect(rejected.map((s) => [s.author.username, s.reason])).toEqual([
          ['reviewer', 'Out of scope of this round.'],
          ['reviewer', 'Out of scope of this round.'],
        ]);
        expect((await list('viewer', id, '?status=open')).map((s) => s.id)).toEqual([kept.id]);
        expect((await list('viewer', id, '?author=clerk')).map((s) => s.id)).toEqual([kept.id]);
      });
    });

    describe('bad input', () => {
      it('answers 400 with {error, detail} for a quote that is missing, ambiguous or malformed', async () => {
        const { id, articles } = await draftWithMembers();
        const cases: Array<[Record<string, unknown>, RegExp]> = [
          [{ articleId: articles[0], quote: 'sixteen days', replacement: 'x' }, /not in the article/],
          [{ articleId: articles[2], quote: 'the officer shall', replacement: 'x' }, /occurs 2 times/],
          [
            { articleId: articles[2], quote: 'officer', replacement: 'x', prefix: 'nobody ' },
            /not with that prefix/,
          ],
          [{ articleId: articles[0], quote: '', replacement: 'x' }, /prefix or a suffix/],
          [{ articleId: articles[0], quote: 'logs', replacement: 'logs' }, /changes nothing/],
          [{ articleId: articles[0], quote: 'logs', replacement: 'two\nlines' }, /one line/],
          [{ articleId: 'nosucharticle', quote: 'logs', replacement: 'x' }, /no article nosucharticle/],
          [{ articleId: 'bad id!', quote: 'logs', replacement: 'x' }, /articleId/],
          [{ articleId: articles[0], quote: 'logs' }, /replacement/],
          [{ articleId: articles[0], quote: 'logs', replacement: 'x', extra: 1 }, /extra|unrecognized/i],
          [{ kind: 'rename-chapter', articleId: articles[0] }, /body.kind/],
          [{ kind: 'insert-article', after: articles[0], text: '   ' }, /needs some text/],
          [{ kind: 'insert-paragraph', articleId: articles[0], after: 9, text: 'x' }, /no paragraph 9/],
          [{ kind: 'insert-item', articleId: articles[0], paragraph: 0, text: 'x' }, /paragraph/],
          [
            { articleId: articles[0], quote: 'logs', replacement: 'x', start: 'not base64!', end: 'x' },
            /base64/,
          ],
        ];
        for (const [body, detail] of cases) {
          const res = await as('reviewer', 'POST', `/api/drafts/${id}/suggestions`, body);
          expect(res.status, JSON.stringify(body)).toBe(400);
          expect(res.json, JSON.stringify(body)).toMatchObject({ error: 'bad request' });
          expect((res.json as { detail: string }).detail, JSON.stringify(body)).toMatch(detail);
        }
        const disambiguated = await suggest('reviewer', id, {
          articleId: articles[2],
          quote: 'the officer shall',
          prefix: '\n',
          suffix: ' report',
          replacement: 'the officer must',
        });
        expect(disambiguated.quote).toBe('the officer shall');
        const notJson = await api(t.url, 'POST', `/api/drafts/${id}/suggestions`, {
          token: tokens.reviewer,
          body: '{"articleId":',
        });
        expect(notJson.status).toBe(400);
        expect((await as('owner', 'POST', '/api/suggestions/abc/accept')).status).toBe(404);
        expect((await as('owner', 'POST', '/api/suggestions/999999/accept')).status).toBe(404);
        expect((await as('owner', 'GET', `/api/drafts/${id}/suggestions?status=pending`)).status).toBe(400);
        expect(
          (await as('owner', 'POST', `/api/drafts/${id}/suggestions/decide`, { action: 'accept' })).status,
        ).toBe(400);
        expect(
          (await as('owner', 'POST', `/api/suggestions/${disambiguated.id}/reject`, { reason: 7 })).status,
        ).toBe(400);
      });
    });

    describe('live events', () => {
      it('sends suggestion events on the draft event stream as they happen', async () => {
        const { id, articles } = await draftWithMembers();
        const controller = new AbortController();
        const response = await fetch(`${t.url}/api/drafts/${id}/events`, {
          headers: { authorization: `Bearer ${tokens.viewer}` },
          signal: controller.signal,
        });
        const seen: { type: string; data: { id?: string; status?: string; mine?: boolean } }[] = [];
        const reading = readEvents(response.body!, (type, data) =>
          seen.push({ type, data: JSON.parse(data) }),
        ).catch(() => {});
        await waitFor(() => seen.some((e) => e.type === 'ready'), 'the stream to open');
        const made = await suggest('reviewer', id, {
          articleId: articles[0],
          quote: 'logs',
          replacement: 'records',
        });
        await waitFor(() => seen.some((e) => e.type === 'suggestion.created'), 'the created event');
        expect(seen.find((e) => e.type === 'suggestion.created')!.data).toMatchObject({
          id: made.id,
          status: 'open',
          mine: false,
        });
        await as('drafter', 'POST', `/api/suggestions/${made.id}/accept`);
        await waitFor(
          () => seen.some((e) => e.type === 'suggestion.updated' && e.data.status === 'accepted'),
          'the accepted event',
        );
        controller.abort();
        await reading;
      });
    });

    describe("a clerk's disposition linked to the suggestion that carries it out", () => {
      it('keeps the link and shows the change the suggestion made in the summary report', async () => {
        const { id, articles } = await draftWithMembers();
        const parsed = parseComments(
          'id,article,name,text\nc1,2,Zhang San,Fifteen days is far too long to report an incident.\n',
          'csv',
        );
        await importComments(
          t.server.store,
          id,
          parsed.records,
          articles.map((a, i) => ({ id: a, number: i + 1 })),
        );
        const table = await as('clerk', 'GET', `/api/drafts/${id}/clerk/table`);
        const commentId = String((table.json as { rows: { id: number[] } }).rows.id[0]);
        const made = await suggest('clerk', id, {
          articleId: articles[1],
          quote: 'fifteen days',
          replacement: 'seventy-two hours',
          note: 'Carries out public comment c1.',
        });
        const set = await as('clerk', 'PUT', `/api/drafts/${id}/dispositions`, {
          comments: [commentId],
          kind: 'adopted',
          reason: 'The period is shortened.',
          linkedSuggestionId: made.id,
        });
        expect(set.status, set.text).toBe(200);
        const other = await draftWithMembers();
        const foreign = await suggest('clerk', other.id, {
          articleId: other.articles[0],
          quote: 'logs',
          replacement: 'records',
        });
        const wrong = await as('clerk', 'PUT', `/api/drafts/${id}/dispositions`, {
          comments: [commentId],
          kind: 'adopted',
          linkedSuggestionId: foreign.id,
        });
        expect(wrong.status).toBe(404);
        const detail = await as('clerk', 'GET', `/api/drafts/${id}/clerk/comments/${commentId}`);
        expect(detail.json).toMatchObject({ disposition: { kind: 'adopted', linkedSuggestionId: made.id } });

        expect((await as('drafter', 'POST', `/api/suggestions/${made.id}/accept`)).status).toBe(200);
        const report = await as('clerk', 'GET', `/api/drafts/${id}/summary?format=md`);
        expect(report.status, report.text).toBe(200);
        expect(report.text).toContain(
          `**Article 2: suggestion ${made.id} by clerk (accepted)**<br>…e shall report incidents within <del>fifteen days</del><ins>seventy-two hours</ins>.`,
        );
      });
    });
  });
}
