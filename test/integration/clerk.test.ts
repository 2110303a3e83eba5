// The clerk's workspace over the real server: clustering the corpus comments, dispositions per comment
// and per cluster (with overrides and history), reason templates, cluster decisions kept across
// re-clustering, the summary report in every format, privacy, bad input, and who may do what.
import { readFileSync } from 'node:fs';
import { strFromU8, unzipSync } from 'fflate';
import { parse } from 'csv-parse/sync';
import * as Y from 'yjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { importComments, parseComments } from '../../server/comments/import.ts';
import { api, connect, lawText, synced, testEngines, startServerOn } from './helpers.ts';
import type { ApiResponse, TestServer } from './helpers.ts';

for (const engine of testEngines) {
  describe(`on ${engine}`, () => {
    let t: TestServer;
    const tokens: Record<string, string> = {};
    const people = ['owner', 'drafter', 'reviewer', 'clerk', 'viewer', 'outsider'] as const;
    type Person = (typeof people)[number];

    const corpus = readFileSync(
      new URL('../fixtures/comments/cms-2022-0163.comments.jsonl', import.meta.url),
      'utf8',
    );
    const phrase = 'often important to a patient';

    let draftId: string;
    let articleIds: string[];

    const as = (who: Person | null, method: string, path: string, body?: unknown): Promise<ApiResponse> =>
      api(t.url, method, path, { token: who ? tokens[who] : undefined, body });
    const ok = async (who: Person, method: string, path: string, body?: unknown) => {
      const res = await as(who, method, path, body);
      expect(res.status, `${method} ${path}: ${res.text}`).toBeLessThan(300);
      return res.json as never;
    };

    interface Table {
      stale: boolean;
      clusters: { id: string; size: number }[];
      reasons: string[];
      rows: {
        id: number[];
        cluster: number[];
        disposition: number[];
        source: number[];
        reason: number[];
        submitter: string[];
        article: number[];
      };
    }

    /// Import the corpus into the draft, spreading the comments over its five articles (every fifth on
    /// the draft as a whole), so that each article has some.
    async function importCorpus(lines: string[]): Promise<void> {
      const parsed = parseComments(lines.join('\n'), 'jsonl');
      const records = parsed.records.map((r, i) => ({
        ...r,
        article: i % 6 === 5 ? null : String((i % 6) + 1),
      }));
      await importComments(
        t.server.store,
        draftId,
        records,
        articleIds.map((id, i) => ({ id, number: i + 1 })),
      );
    }

    beforeAll(async () => {
      t = await startServerOn(engine);
      for (const name of people) tokens[name] = await t.user(name);
      draftId = await t.draft(tokens.owner, { text: lawText(5) });
      for (const role of ['drafter', 'reviewer', 'clerk', 'viewer'] as const)
        await t.grant(role, draftId, role);
      const outline = await as('owner', 'GET', `/api/drafts/${draftId}/export?format=json`);
      articleIds = (outline.json as { articles: { id: string }[] }).articles.map((a) => a.id);
      await importCorpus(corpus.trim().split('\n'));
    }, 60_000);
    afterAll(async () => {
      await t.close();
    });

    describe('clustering', () => {
      it('is stale before the first run, and groups the campaign letter when run', async () => {
        const before = (await ok('clerk', 'GET', `/api/drafts/${draftId}/clusters`)) as { stale: boolean };
        expect(before.stale).toBe(true);
        const run = (await ok('clerk', 'POST', `/api/drafts/${draftId}/clusters/run`)) as {
          comments: number;
        };
        expect(run.comments).toBe(646);
        const after = (await ok('viewer', 'GET', `/api/drafts/${draftId}/clusters`)) as {
          stale: boolean;
          clusters: { id: string; size: number; representative: { excerpt: string; submitter: string } }[];
        };
        expect(after.stale).toBe(false);
        expect(after.clusters[0].size).toBeGreaterThanOrEqual(215);
        expect(after.clusters[0].representative.excerpt.toLowerCase()).toContain('information');
        // A viewer sees a pseudonym, never the submitter's name.
        expect(after.clusters[0].representative.submitter).toMatch(/^Commenter \d+$/);
        for (const c of after.clusters) expect(c.size).toBeGreaterThanOrEqual(2);
      });

      it('lists one cluster with its members', async () => {
        const { clusters } = (await ok('clerk', 'GET', `/api/drafts/${draftId}/clusters`)) as {
          clusters: { id: string; size: number }[];
        };
        const one = (await ok('reviewer', 'GET', `/api/drafts/${draftId}/clusters/${clusters[0].id}`)) as {
          members: { id: string; excerpt: string }[];
        };
        expect(one.members).toHaveLength(clusters[0].size);
        expect((await as('clerk', 'GET', `/api/drafts/${draftId}/clusters/nosuch`)).status).toBe(404);
      });
    });

    describe('dispositions', () => {
      let campaign: { id: string; members: string[] };

      beforeAll(async () => {
        const { clusters } = (await ok('clerk', 'GET', `/api/drafts/${draftId}/clusters`)) as {
          clusters: { id: string }[];
        };
        const one = (await ok('clerk', 'GET', `/api/drafts/${draftId}/clusters/${clusters[0].id}`)) as {
          members: { id: string }[];
        };
        campaign = { id: clusters[0].id, members: one.members.map((m) => m.id) };
      });

      it('applies a cluster disposition to every member, a member’s own overriding it', async () => {
        const template = (await ok('clerk', 'POST', `/api/drafts/${draftId}/reason-templates`, {
          label: 'Out of scope',
          text: 'The directory is a matter for a later rule.',
          kind: 'out-of-scope',
        })) as { id: string };
        await ok('clerk', 'PUT', `/api/drafts/${draftId}/dispositions`, {
          clusters: [campaign.id],
          kind: 'partly-adopted',
          reason: 'The directory will list contact details.',
          linkedArticleId: articleIds[2],
        });
        await ok('owner', 'PUT', `/api/drafts/${draftId}/dispositions`, {
          comments: [campaign.members[0]],
          kind: 'out-of-scope',
          reason: 'The directory is a matter for a later rule.',
          templateId: template.id,
        });
        const table = (await ok('clerk', 'GET', `/api/drafts/${draftId}/clerk/table`)) as Table;
        const row = (id: string) => table.rows.id.indexOf(Number(id));
        const first = row(campaign.members[0]);
        const second = row(campaign.members[1]);
        expect([table.rows.disposition[first], table.rows.source[first]]).toEqual([4, 0]);
        expect([table.rows.disposition[second], table.rows.source[second]]).toEqual([1, 1]);
        expect(table.reasons[table.rows.reason[second]]).toBe('The directory will list contact details.');
        const decided = table.rows.disposition.filter((d) => d >= 0).length;
        expect(decided).toBe(campaign.members.length);
      });

      it('renames a reason template, keeping its text and kind, and refuses an empty or blank change', async () => {
        const created = (await ok('clerk', 'POST', `/api/drafts/${draftId}/reason-templates`, {
          label: 'The directory is a matter for a',
          text: 'The directory is a matter for a later rule.',
          kind: 'noted',
        })) as { id: string };
        const path = `/api/drafts/${draftId}/reason-templates/${created.id}`;
        expect(await ok('clerk', 'PATCH', path, { label: '  Later rule  ' })).toEqual({
          id: created.id,
          label: 'Later rule',
          text: 'The directory is a matter for a later rule.',
          kind: 'noted',
        });
        const list = (await ok('viewer', 'GET', `/api/drafts/${draftId}/reason-templates`)) as {
          templates: { id: string; label: string }[];
        };
        expect(list.templates.find((x) => x.id === created.id)?.label).toBe('Later rule');
        expect((await as('clerk', 'PATCH', path, {})).json).toMatchObject({ error: 'bad request' });
        expect((await as('clerk', 'PATCH', path, { label: '   ' })).status).toBe(400);
        expect((await as('clerk', 'PATCH', path, { label: 'x', colour: 'red' })).status).toBe(400);
        expect((await as('reviewer', 'PATCH', path, { label: 'Mine' })).status).toBe(403);
        expect(
          (await as('clerk', 'PATCH', `/api/drafts/${draftId}/reason-templates/nope1234`, { label: 'y' }))
            .status,
        ).toBe(404);
      });

      it('keeps a history of who decided what, and when', async () => {
        const id = campaign.members[0];
        const detail = (await ok('viewer', 'GET', `/api/drafts/${draftId}/clerk/comments/${id}`)) as {
          disposition: { kind: string; decidedBy: string };
          clusterDisposition: { kind: string };
          history: { action: string; kind: string; decidedBy: string }[];
          submitter: { pseudonym: string; name?: string };
        };
        expect(detail.disposition).toMatchObject({ kind: 'out-of-scope', decidedBy: 'owner' });
        expect(detail.clusterDisposition.kind).toBe('partly-adopted');
        expect(detail.history.map((h) => [h.action, h.kind, h.decidedBy])).toEqual([
          ['set', 'out-of-scope', 'owner'],
        ]);
        expect(detail.submitter.name).toBeUndefined();
        const asClerk = (await ok('clerk', 'GET', `/api/drafts/${draftId}/clerk/comments/${id}`)) as {
          submitter: { name?: string };
        };
        expect(asClerk.submitter.name).toMatch(/^Submitter \d+$/);

        await ok('clerk', 'POST', `/api/drafts/${draftId}/dispositions/clear`, { comments: [id] });
        const history = (await ok(
          'clerk',
          'GET',
          `/api/drafts/${draftId}/dispositions/history?comment=${id}`,
        )) as {
          changes: { action: string; decidedBy: string }[];
        };
        expect(history.changes.map((c) => [c.action, c.decidedBy])).toEqual([
          ['set', 'owner'],
          ['cleared', 'clerk'],
        ]);
      });

      it('replaces members’ own dispositions when asked to', async () => {
        const member = campaign.members[2];
        await ok('clerk', 'PUT', `/api/drafts/${draftId}/dispositions`, {
          comments: [member],
          kind: 'noted',
        });
        const result = (await ok('clerk', 'PUT', `/api/drafts/${draftId}/dispositions`, {
          clusters: [campaign.id],
          kind: 'adopted',
          reason: 'Adopted in Article 3.',
          overrideMembers: true,
        })) as { overridden: number; decidedBy: string };
        expect(result).toMatchObject({ overridden: 1, decidedBy: 'clerk' });
      });

      it('refuses bad input with a clear message, changing nothing', async () => {
        const cases: [unknown, number, RegExp][] = [
          [{ comments: ['999999'], kind: 'adopted' }, 404, /no comment 999999/],
          [{ clusters: ['nosuch'], kind: 'adopted' }, 404, /no cluster nosuch/],
          [{ comments: [campaign.members[0]], kind: 'rejected' }, 400, /body\.kind/],
          [{ kind: 'adopted' }, 400, /at least one comment or cluster/],
          [{ comments: ['abc'], kind: 'adopted' }, 400, /body\.comments/],
          [
            { comments: [campaign.members[0]], kind: 'adopted', templateId: 'zzzzzzzzzz' },
            404,
            /no reason template/,
          ],
          [{ comments: [campaign.members[0]], kind: 'adopted', extra: 1 }, 400, /body/],
        ];
        for (const [body, status, message] of cases) {
          const res = await as('clerk', 'PUT', `/api/drafts/${draftId}/dispositions`, body);
          expect(res.status, JSON.stringify(body)).toBe(status);
          expect((res.json as { detail: string }).detail).toMatch(message);
        }
        const res = await as('clerk', 'POST', `/api/drafts/${draftId}/clusters/decisions`, {
          action: 'merge',
          clusters: ['x'],
        });
        expect(res.status).toBe(400);
      });
    });

    describe('cluster decisions', () => {
      it('keeps a moved-out comment out, with its disposition, when clustering again after new comments', async () => {
        const { clusters } = (await ok('clerk', 'GET', `/api/drafts/${draftId}/clusters`)) as {
          clusters: { id: string; size: number }[];
        };
        const campaign = clusters[0];
        const one = (await ok('clerk', 'GET', `/api/drafts/${draftId}/clusters/${campaign.id}`)) as {
          members: { id: string; disposition: { kind: string } | null }[];
        };
        const moved = one.members[5].id;
        expect(one.members[5].disposition?.kind).toBe('adopted');
        await ok('clerk', 'POST', `/api/drafts/${draftId}/clusters/decisions`, {
          action: 'move-out',
          cluster: campaign.id,
          comments: [moved],
        });

        // New comments arrive: another copy of the campaign letter.
        const letter = corpus.split('\n').find((line) => line.includes(phrase))!;
        await importCorpus([JSON.stringify({ ...JSON.parse(letter), id: 'NEW-COPY-1' })]);
        const stale = (await ok('clerk', 'GET', `/api/drafts/${draftId}/clusters`)) as { stale: boolean };
        expect(stale.stale).toBe(true);
        // Deciding on a stale clustering is refused: the clerk must see what they change.
        const refused = await as('clerk', 'POST', `/api/drafts/${draftId}/clusters/decisions`, {
          action: 'move-out',
          cluster: campaign.id,
          comments: [one.members[6].id],
        });
        expect(refused.status).toBe(409);
        await ok('clerk', 'POST', `/api/drafts/${draftId}/clusters/run`);

        const again = (await ok('clerk', 'GET', `/api/drafts/${draftId}/clusters`)) as {
          clusters: { id: string; size: number }[];
        };
        expect(again.clusters[0].id).toBe(campaign.id);
        expect(again.clusters[0].size).toBe(campaign.size);
        const detail = (await ok('clerk', 'GET', `/api/drafts/${draftId}/clerk/comments/${moved}`)) as {
          cluster: { id: string; size: number };
          disposition: { kind: string };
          history: { action: string }[];
        };
        expect(detail.cluster.id).not.toBe(campaign.id);
        expect(detail.disposition.kind).toBe('adopted');
        expect(detail.history.map((h) => h.action)).toEqual(['carried']);
      });

      it('keeps merged clusters merged and split ones split', async () => {
        const table = (await ok('clerk', 'GET', `/api/drafts/${draftId}/clerk/table`)) as Table;
        const singles = table.clusters
          .filter((c) => c.size === 1)
          .slice(0, 2)
          .map((c) => c.id);
        await ok('clerk', 'POST', `/api/drafts/${draftId}/clusters/decisions`, {
          action: 'merge',
          clusters: singles,
        });
        const { clusters } = (await ok('clerk', 'GET', `/api/drafts/${draftId}/clusters`)) as {
          clusters: { id: string; size: number }[];
        };
        const merged = clusters.find((c) => singles.includes(c.id))!;
        expect(merged.size).toBe(2);

        const campaign = clusters[0];
        const one = (await ok('clerk', 'GET', `/api/drafts/${draftId}/clusters/${campaign.id}`)) as {
          members: { id: string }[];
        };
        const part = one.members.slice(0, 10).map((m) => m.id);
        await ok('clerk', 'POST', `/api/drafts/${draftId}/clusters/decisions`, {
          action: 'split',
          cluster: campaign.id,
          part,
        });
        await ok('clerk', 'POST', `/api/drafts/${draftId}/clusters/run`);
        const after = (await ok('clerk', 'GET', `/api/drafts/${draftId}/clusters`)) as {
          clusters: { id: string; size: number }[];
        };
        expect(after.clusters[0]).toEqual({
          ...after.clusters[0],
          id: campaign.id,
          size: campaign.size - 10,
        });
        expect(after.clusters.find((c) => singles.includes(c.id))?.size).toBe(2);
        const decisions = (await ok('viewer', 'GET', `/api/drafts/${draftId}/clusters/decisions`)) as {
          decisions: { decision: { kind: string }; decidedBy: string }[];
        };
        expect(decisions.decisions.map((d) => d.decision.kind)).toEqual([
          'apart',
          'together',
          'apart',
          'together',
          'together',
        ]);
        expect(decisions.decisions.every((d) => d.decidedBy === 'clerk')).toBe(true);
      });
    });

    describe('the summary report', () => {
      it('is written in every format', async () => {
        const md = await as('drafter', 'GET', `/api/drafts/${draftId}/summary?format=md`);
        expect(md.status).toBe(200);
        expect(md.headers.get('content-type')).toContain('text/markdown');
        expect(md.text).toContain('comments received');
        expect(md.text).toContain('| Summary of comments | Comments | Disposition | Reason | Change made |');
        const html = await as('viewer', 'GET', `/api/drafts/${draftId}/summary?format=html`);
        expect(html.text).toContain('<svg');
        const docx = await fetch(`${t.url}/api/drafts/${draftId}/summary?format=docx`, {
          headers: { authorization: `Bearer ${tokens.clerk}` },
        });
        const xml = strFromU8(unzipSync(new Uint8Array(await docx.arrayBuffer()))['word/document.xml']);
        expect(xml).toContain('Summary of comments');
        expect(docx.headers.get('content-disposition')).toMatch(/filename\*=UTF-8''/);
      });

      it('shows names only to owners and clerks who ask for them', async () => {
        const plain = await as('clerk', 'GET', `/api/drafts/${draftId}/summary?format=csv`);
        const rows = parse(plain.text, { bom: true, columns: true }) as Record<string, string>[];
        expect(rows.length).toBe(647);
        expect(rows.every((r) => /^Commenter \d+$/.test(r.submitter))).toBe(true);
        expect(Object.keys(rows[0])).not.toContain('contact');
        const personal = await as('clerk', 'GET', `/api/drafts/${draftId}/summary?format=csv&personal=true`);
        const named = parse(personal.text, { bom: true, columns: true }) as Record<string, string>[];
        expect(named.some((r) => /^Submitter \d+$/.test(r.submitter))).toBe(true);
        for (const who of ['drafter', 'reviewer', 'viewer'] as const) {
          const res = await as(who, 'GET', `/api/drafts/${draftId}/summary?format=csv&personal=true`);
          expect(res.status, who).toBe(403);
        }
      });

      it('refuses an unknown format or version', async () => {
        expect((await as('clerk', 'GET', `/api/drafts/${draftId}/summary?format=pdf`)).status).toBe(400);
        const res = await as('clerk', 'GET', `/api/drafts/${draftId}/summary?format=md&from=zzzzzzzzzz`);
        expect(res.status).toBe(400);
        expect((res.json as { detail: string }).detail).toMatch(/no version/);
      });
    });

    describe('who may do what', () => {
      const reads = (id: string) => [
        ['GET', `/api/drafts/${id}/clusters`],
        ['GET', `/api/drafts/${id}/clusters/decisions`],
        ['GET', `/api/drafts/${id}/clerk/table`],
        ['GET', `/api/drafts/${id}/clerk/search?q=patient`],
        ['GET', `/api/drafts/${id}/dispositions`],
        ['GET', `/api/drafts/${id}/reason-templates`],
        ['GET', `/api/drafts/${id}/article-changes`],
        ['GET', `/api/drafts/${id}/summary?format=md`],
      ];
      const writes = (id: string, comment: string) => [
        ['POST', `/api/drafts/${id}/clusters/run`, undefined],
        ['PUT', `/api/drafts/${id}/dispositions`, { comments: [comment], kind: 'noted' }],
        ['POST', `/api/drafts/${id}/dispositions/clear`, { comments: [comment] }],
        ['POST', `/api/drafts/${id}/reason-templates`, { label: 'x', text: 'y' }],
      ];
      const expected: Record<Person, { read: number; write: number }> = {
        owner: { read: 200, write: 200 },
        clerk: { read: 200, write: 200 },
        drafter: { read: 200, write: 403 },
        reviewer: { read: 200, write: 403 },
        viewer: { read: 200, write: 403 },
        outsider: { read: 404, write: 404 },
      };

      it('lets every member read, owners and clerks write, and nobody else in', async () => {
        const table = (await ok('clerk', 'GET', `/api/drafts/${draftId}/clerk/table`)) as Table;
        const comment = String(table.rows.id[0]);
        for (const who of people) {
          for (const [method, path] of reads(draftId)) {
            const res = await as(who, method, path);
            expect(res.status, `${who} ${method} ${path}`).toBe(expected[who].read);
          }
          for (const [method, path, body] of writes(draftId, comment)) {
            const res = await as(who, method as string, path as string, body);
            const want = expected[who].write === 200 ? [200, 201] : [expected[who].write];
            expect(want, `${who} ${method} ${path}: ${res.text}`).toContain(res.status);
          }
        }
        for (const [method, path] of reads(draftId)) expect((await as(null, method, path)).status).toBe(401);
      });

      it('finds comments by their text for every reader', async () => {
        const found = (await ok(
          'viewer',
          'GET',
          `/api/drafts/${draftId}/clerk/search?q=OFTEN%20IMPORTANT`,
        )) as {
          ids: number[];
        };
        expect(found.ids.length).toBeGreaterThanOrEqual(216);
      });
    });

    describe('dispositions linked to the change they caused', () => {
      it('show the comparison row of the linked article, and keep the link when articles are renumbered', async () => {
        const id = await t.draft(tokens.owner, { text: lawText(3) });
        await t.grant('clerk', id, 'clerk');
        const outline = await as('owner', 'GET', `/api/drafts/${id}/export?format=json`);
        const [first, second] = (outline.json as { articles: { id: string }[] }).articles.map((a) => a.id);
        const version = (await ok('owner', 'POST', `/api/drafts/${id}/versions`, {
          label: 'Consultation draft',
        })) as {
          id: string;
        };
        const parsed = parseComments(
          JSON.stringify({ id: 'X1', comment: 'Article 2 should say more.', article: '2' }),
          'jsonl',
        );
        await importComments(
          t.server.store,
          id,
          parsed.records,
          [first, second].map((a, i) => ({ id: a, number: i + 1 })),
          {
            versionId: version.id,
          },
        );

        // The drafter amends Article 2 and inserts a new article before it: Article 2 becomes Article 3.
        const doc = new Y.Doc();
        const client = connect(t.wsUrl, id, tokens.owner, doc);
        await synced(client);
        const chapter = doc
          .getXmlFragment('body')
          .toArray()
          .find((n) => n instanceof Y.XmlElement && n.nodeName === 'chapter') as Y.XmlElement;
        const articles = chapter
          .toArray()
          .filter((n) => n instanceof Y.XmlElement && n.nodeName === 'article');
        doc.transact(() => {
          const text = ((articles[1] as Y.XmlElement).firstChild as Y.XmlElement).firstChild as Y.XmlElement;
          (text.firstChild as Y.XmlText).insert((text.firstChild as Y.XmlText).length, ' It now says more.');
          const inserted = new Y.XmlElement('article');
          inserted.setAttribute('id', 'inserted01');
          const paragraph = new Y.XmlElement('paragraph');
          const lead = new Y.XmlElement('lead');
          lead.insert(0, [new Y.XmlText('A new article.')]);
          paragraph.insert(0, [lead]);
          inserted.insert(0, [paragraph]);
          chapter.insert(chapter.toArray().indexOf(articles[1]), [inserted]);
        });
        // Until the server has the edit.
        for (let tries = 0; ; tries++) {
          const text = await as('owner', 'GET', `/api/drafts/${id}/export?format=txt`);
          if (text.text.includes('A new article.') && text.text.includes('It now says more.')) break;
          if (tries > 200) throw new Error('the edit did not reach the server');
          await new Promise((resolve) => setTimeout(resolve, 25));
        }
        client.destroy();

        const changes = (await ok('clerk', 'GET', `/api/drafts/${id}/article-changes`)) as {
          from: { label: string };
          to: { id: string };
          changes: {
            kind: string;
            old: { id: string; label: string } | null;
            new: { id: string; label: string } | null;
            segments: { op: string; text: string }[];
          }[];
        };
        expect(changes.from.label).toBe('Consultation draft');
        expect(changes.to.id).toBe('live');
        const row = changes.changes.find((c) => c.old?.id === second)!;
        expect(row).toMatchObject({
          kind: 'modified',
          old: { label: 'Article 2' },
          new: { id: second, label: 'Article 3' },
        });
        expect(
          row.segments
            .filter((s) => s.op === 'insert')
            .map((s) => s.text)
            .join(''),
        ).toContain('It now says more.');
        expect(changes.changes.find((c) => c.new?.id === 'inserted01')?.kind).toBe('inserted');

        const { rows } = (await ok('clerk', 'GET', `/api/drafts/${id}/clerk/table`)) as Table;
        await ok('clerk', 'PUT', `/api/drafts/${id}/dispositions`, {
          comments: [String(rows.id[0])],
          kind: 'adopted',
          reason: 'Article 2 now says more.',
          linkedArticleId: second,
        });
        const md = await as('clerk', 'GET', `/api/drafts/${id}/summary?format=md`);
        expect(md.text).toContain('Comments on: Consultation draft; changes up to: the current draft');
        expect(md.text).toContain('**Article 3 (formerly Article 2): amended**');
        expect(md.text).toContain('<ins>');
      });
    });
  });
}
