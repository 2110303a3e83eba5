// The comment and clerk services over the storage interface, run on both engines: the embedded
// SQLite and a real PostgreSQL (with two storages on it, as two `lifa serve` processes would have).
// What a clerk relies on, end to end below HTTP: comments with attachments kept, read and released;
// a file of comments imported once; clustering, cluster decisions, dispositions and their carrying
// over; the clerk's table and the summary report with the register's attachments column.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { blobStoreFor } from '../../server/attachments/blob-store.ts';
import { detectType } from '../../server/attachments/detect.ts';
import { AttachmentService } from '../../server/attachments/service.ts';
import { clusterDraft, clusteringStale, ensureClustered } from '../../server/clerk/clustering.ts';
import { applyClusterOperation } from '../../server/clerk/decisions.ts';
import { clearDispositions, setDispositions } from '../../server/clerk/dispositions.ts';
import { ClerkError } from '../../server/clerk/errors.ts';
import { renderDraftSummary } from '../../server/clerk/summary.ts';
import { clerkTable } from '../../server/clerk/table.ts';
import { importComments, parseComments } from '../../server/comments/import.ts';
import { importAttachments } from '../../server/comments/import-attachments.ts';
import { docFromState } from '../../server/document.ts';
import { createDraft } from '../../server/drafts.ts';
import type { Storage } from '../../server/storage/interface.ts';
import { openPostgresStorage } from '../../server/storage/postgres/storage.ts';
import { SqliteStorage } from '../../server/storage/sqlite-storage.ts';
import { openStorage } from '../../server/storage/storage.ts';
import { storedState } from '../../server/sync/persistence.ts';
import { docxFile, pdfFile, pngFile } from '../helpers/attachment-files.ts';
import { postgresDatabase } from '../helpers/services.ts';

interface Opened {
  /// The storage the services run on, and a second one on the same database (for PostgreSQL, a
  /// second pool as another process would have; for SQLite, the same storage: one process owns it).
  readonly one: Storage;
  readonly two: Storage;
  readonly dir: string;
  dispose(): Promise<void>;
}

const law = [
  'Network Data Regulations',
  'Article 1 Operators shall keep network logs.',
  'Article 2 Logs shall be kept for six months.',
  'Article 3 Personal information shall be protected.',
  'Article 4 Incidents shall be reported within 24 hours.',
].join('\n');

function services(engine: 'sqlite' | 'postgres', open: () => Promise<Opened>) {
  describe(`comment and clerk services on ${engine}`, () => {
    let opened: Opened;
    let store: Storage;
    let attachments: AttachmentService;
    let draftId: string;
    let clerk: number;

    beforeAll(async () => {
      opened = await open();
      store = opened.one;
      attachments = new AttachmentService(store, blobStoreFor(store, opened.dir));
      clerk = (await store.users.create(`clerk${engine}`, 'hash')).id;
      ({
        draft: { id: draftId },
      } = await createDraft(store, { text: law, language: 'en', ownerId: clerk }));
    });
    afterAll(async () => {
      await attachments?.close();
      await opened?.dispose();
    });

    const liveDoc = async () => docFromState(await storedState(store, draftId));

    it('keeps a public comment with its files, reads them, cites the article they name, and releases them', async () => {
      const files = [
        {
          fileName: 'letter.pdf',
          bytes: await pdfFile(['On Article 3: personal information is not protected enough.']),
        },
        { fileName: '../../etc/scan.png', bytes: pngFile() },
      ].map((f) => {
        const detected = detectType(f.bytes);
        if (!detected.ok) throw new Error(detected.reason);
        return { ...f, detected: detected.value };
      });
      const staged = await attachments.stage(files);
      const comment = await store.transaction(async (tx) => {
        const made = await tx.comments.create({
          draftId,
          kind: 'public',
          articleId: null,
          body: 'See my letter.',
        });
        await attachments.link(tx, made.id, draftId, staged);
        return made;
      });
      const stored = await store.attachments.ofComment(comment.id);
      expect(stored.map((a) => [a.fileName, a.type, a.state])).toEqual([
        ['letter.pdf', 'pdf', 'pending'],
        ['scan.png', 'image', 'not-read'],
      ]);
      // The bytes are where every process of this engine reads them.
      const other = blobStoreFor(opened.two, opened.dir);
      expect(Buffer.compare(Buffer.from((await other.get(stored[0].sha256))!), files[0].bytes)).toBe(0);

      attachments.kick();
      await attachments.idle();
      const read = (await store.attachments.ofComment(comment.id))[0];
      expect(read.state).toBe('read');
      expect(read.text).toContain('personal information is not protected');
      const article3 = (await createOutline()).find((a) => a.number === 3)!.id;
      expect((await store.comments.get(comment.id))!.citedArticleId).toBe(article3);
      expect(await store.clerkComments.textOf(comment.id)).toMatch(/^See my letter\.\n\nOn Article 3/);

      // A refused comment's staged files go; a deleted comment lets go of its own.
      const refused = await attachments.stage([
        { fileName: 'x.docx', bytes: await docxFile(['never stored']), detected: files[0].detected },
      ]);
      await attachments.discard(refused);
      expect(await other.has(refused[0].sha256)).toBe(false);
      await store.comments.softDelete(comment.id);
      await attachments.release(comment.id);
      expect(await store.attachments.ofComment(comment.id)).toEqual([]);
      expect(await other.has(stored[0].sha256)).toBe(false);
      expect(await attachments.collectGarbage()).toBe(0);
    });

    it('imports a file of comments once, with the files they name, even when two imports run at once', async () => {
      const folder = mkdtempSync(join(opened.dir, 'import-'));
      writeFileSync(
        join(folder, 'letter.pdf'),
        await pdfFile(['We ask that Article 2 keep logs for one year.']),
      );
      const letter = 'Logs must be kept longer. Article 2 is too weak, six months is not enough.';
      const lines = ['id,article,name,organization,text,attachments'];
      for (let i = 0; i < 40; i++) lines.push(`L${i},2,Signer ${i},,"${letter}",`);
      for (let i = 0; i < 12; i++)
        lines.push(
          `D${i},${(i % 4) + 1},Person ${i},Org ${i},"Distinct view number ${i}: ${'abcdefghijkl'[i]} words ${i * 7919}.",`,
        );
      lines.push('F1,,Filer,,See the attached letter.,letter.pdf;missing.pdf');
      const parsed = parseComments(lines.join('\n') + '\n', 'csv');
      expect(parsed.problems.filter((p) => p.fatal)).toEqual([]);
      const articles = await createOutline();
      // Two imports of the same file at once, from two storages: each comment is stored once.
      const [a, b] = await Promise.all([
        importComments(store, draftId, parsed.records, articles, { batchSize: 10 }),
        importComments(opened.two, draftId, parsed.records, articles, { batchSize: 10 }),
      ]);
      expect(a.added + b.added).toBe(53);
      expect(a.skipped + b.skipped).toBe(53);
      const again = await importComments(store, draftId, parsed.records, articles);
      expect(again).toMatchObject({ added: 0, skipped: 53 });

      const filer = (await store.comments.byExternalId(draftId, 'F1'))!;
      const items = [{ line: 54, commentId: filer, paths: ['letter.pdf', 'missing.pdf'] }];
      const first = await importAttachments(attachments, draftId, items, { baseDir: folder });
      expect(first.attached).toBe(1);
      expect(first.problems.map((p) => p.message)).toEqual([
        'attachment missing.pdf: no such file; the comment is imported without it',
      ]);
      expect((await importAttachments(attachments, draftId, items, { baseDir: folder })).alreadyThere).toBe(
        1,
      );
      await attachments.idle();
      expect(await store.clerkComments.search(draftId, 'ONE YEAR')).toEqual([filer]);
      expect(await store.attachments.counts(draftId)).toMatchObject({ total: 1, read: 1 });
    });

    it('clusters, applies the clerk’s decisions, records dispositions and carries them over', async () => {
      expect(await clusteringStale(store, draftId)).toBe(true);
      const run = await clusterDraft(store, draftId);
      expect(run.comments).toBe(53);
      const campaign = run.clustering.clusters[0];
      expect(campaign.members).toHaveLength(40);
      expect(await ensureClustered(opened.two, draftId)).toBeNull();
      expect(await clusteringStale(opened.two, draftId)).toBe(false);

      const set = await setDispositions(
        store,
        draftId,
        { comments: [], clusters: [campaign.id] },
        {
          kind: 'adopted',
          reason: ' Kept for a year now. ',
          templateId: null,
          linkedArticleId: null,
          linkedVersionId: null,
        },
        clerk,
      );
      expect(set).toMatchObject({ set: 1, overridden: 0 });
      await expect(
        setDispositions(
          store,
          draftId,
          { comments: ['999999999'], clusters: [campaign.id] },
          { kind: 'noted', reason: '', templateId: null, linkedArticleId: null, linkedVersionId: null },
          clerk,
        ),
      ).rejects.toThrow(ClerkError);
      // A bad target changed nothing.
      expect((await store.dispositions.get(draftId, 'cluster', campaign.id))!.kind).toBe('adopted');

      // Moving one signer out: the comment keeps the cluster's disposition as its own.
      const leaving = campaign.members[5];
      const moved = await applyClusterOperation(
        opened.two,
        draftId,
        { action: 'move-out', cluster: campaign.id, comments: [leaving] },
        clerk,
      );
      expect(moved.carried).toBe(1);
      expect(await store.dispositions.get(draftId, 'comment', leaving)).toMatchObject({
        kind: 'adopted',
        reason: 'Kept for a year now.',
      });
      expect((await store.clusters.decisions(draftId)).map((d) => d.decision.kind)).toEqual(['apart']);
      await expect(
        applyClusterOperation(store, draftId, { action: 'merge', clusters: [campaign.id] }, clerk),
      ).rejects.toThrow('merge needs two clusters or more');

      expect(await clearDispositions(store, draftId, { comments: [leaving], clusters: [] }, clerk)).toBe(1);
      expect(await store.dispositions.history(draftId, 'comment', leaving)).toHaveLength(2);

      // A comment arriving makes the clustering stale, and it is brought up to date once.
      await store.comments.create({ draftId, kind: 'public', articleId: null, body: 'A late comment.' });
      expect(await clusteringStale(store, draftId)).toBe(true);
      const [x, y] = await Promise.all([
        ensureClustered(store, draftId),
        ensureClustered(opened.two, draftId),
      ]);
      expect([x, y].filter((r) => r !== null)).toHaveLength(1);
    });

    it('builds the clerk’s table and the summary report, with the register’s attachments column', async () => {
      const articles = await createOutline();
      const table = await clerkTable(store, draftId, articles, 'clerk', 'en');
      expect(table.rows.id).toHaveLength(54);
      expect(table.stale).toBe(false);
      const filer = (await store.comments.byExternalId(draftId, 'F1'))!;
      const at = table.rows.id.indexOf(filer);
      expect(table.rows.attachments[at]).toBe(1);
      expect(table.rows.attachmentExcerpt[at]).toContain('one year');
      expect(table.rows.cited[at]).toBe(1);
      expect(table.rows.disposition.filter((d) => d >= 0)).toHaveLength(39);

      const draft = (await store.drafts.get(draftId))!;
      const md = await renderDraftSummary(store, draft, 'md', { liveDoc });
      expect(md.report.totals.comments).toBe(54);
      expect(md.report.totals.attachments).toMatchObject({ total: 1, read: 1 });
      expect(md.data).toContain('Logs must be kept longer');

      const csv = await renderDraftSummary(store, draft, 'csv', { liveDoc });
      let text = '';
      for await (const chunk of csv.data as AsyncIterable<string>) text += chunk;
      const rows = parse(text, { bom: true, columns: true }) as Record<string, string>[];
      expect(rows).toHaveLength(54);
      const row = rows.find((r) => r.comment_id === String(filer))!;
      expect(row.attachments).toBe('letter.pdf (read)');
      expect(row.text).toMatch(/^See the attached letter\.\s+We ask that Article 2 keep logs for one year\./);
      expect(rows.filter((r) => r.disposition === 'adopted')).toHaveLength(39);
    });

    const createOutline = async () => {
      const { buildOutline } = await import('../../core/index.ts');
      return buildOutline(await liveDoc(), 'en').articles;
    };
  });
}

services('sqlite', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'lifa-services-'));
  const storage = new SqliteStorage(openStorage(dir));
  return {
    one: storage,
    two: storage,
    dir,
    async dispose() {
      await storage.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
});

services('postgres', async () => {
  const database = await postgresDatabase();
  const dir = mkdtempSync(join(tmpdir(), 'lifa-services-'));
  const [one, two] = await Promise.all([
    openPostgresStorage(database.url),
    openPostgresStorage(database.url),
  ]);
  return {
    one,
    two,
    dir,
    async dispose() {
      await Promise.all([one.close(), two.close()]);
      await database.drop();
      rmSync(dir, { recursive: true, force: true });
    },
  };
});
