// The CSV register's attachments column as the server writes it from storage: every comment's files,
// read a page of comments at a time while the register streams — here over more pages than one,
// with comments without files between them, a review comment's files left out of the register, and
// each reading state named.
import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { renderDraftSummary } from '../../server/clerk/summary.ts';
import { docFromState } from '../../server/document.ts';
import { createDraft } from '../../server/drafts.ts';
import { SqliteStorage } from '../../server/storage/sqlite-storage.ts';
import { openStorage } from '../../server/storage/storage.ts';
import { storedState } from '../../server/sync/persistence.ts';

describe('the register’s attachments column', () => {
  it('names every file of every comment with its reading state, page after page, as it streams', async () => {
    const storage = openStorage(':memory:');
    try {
      const { draft } = await createDraft(new SqliteStorage(storage), {
        language: 'en',
        text: 'Test Regulations\nArticle 1 Operators shall keep logs.\nArticle 2 Logs are kept a year.\n',
      });
      const file = (n: number, state: 'read' | 'not-read' | 'unreadable') => {
        const sha256 = n.toString(16).padStart(64, '0');
        storage.attachments.addFile({
          sha256,
          size: 100,
          type: state === 'not-read' ? 'image' : 'pdf',
          mediaType: state === 'not-read' ? 'image/png' : 'application/pdf',
        });
        if (state !== 'not-read') {
          storage.attachments.setResult(
            sha256,
            state === 'read' ? { state, text: `letter ${n}` } : { state, reason: 'encrypted' },
          );
        }
        return sha256;
      };
      // 1,300 public comments: every other one with a letter, every tenth also with a scan, every
      // 97th letter unreadable — 650 comments with files, more than one page of 500.
      const expected = new Map<number, string>();
      for (let i = 0; i < 1300; i++) {
        const id = storage.comments.insert({
          draftId: draft.id,
          kind: 'public',
          articleId: null,
          body: `Comment number ${i} on the logs, distinct words ${i * 7919}.`,
        });
        if (i % 2 === 1) continue;
        const unreadable = i % 97 === 0;
        const files = [{ sha256: file(i, unreadable ? 'unreadable' : 'read'), fileName: `letter ${i}.pdf` }];
        if (i % 10 === 0) files.push({ sha256: file(100_000 + i, 'not-read'), fileName: `scan ${i}.png` });
        storage.attachments.link(id, draft.id, files);
        expected.set(
          id,
          `letter ${i}.pdf (${unreadable ? 'unreadable: encrypted' : 'read'})` +
            (i % 10 === 0 ? `; scan ${i}.png (not read)` : ''),
        );
      }
      // A review comment's file is not the register's.
      const review = storage.comments.insert({
        draftId: draft.id,
        kind: 'review',
        articleId: null,
        body: 'x',
      });
      storage.attachments.link(review, draft.id, [
        { sha256: file(999_999, 'read'), fileName: 'internal.pdf' },
      ]);

      const store = new SqliteStorage(storage);
      const { data } = await renderDraftSummary(store, draft, 'csv', {
        liveDoc: async () => docFromState(await storedState(store, draft.id)),
      });
      expect(typeof data).not.toBe('string');
      let csv = '';
      for await (const chunk of data as AsyncIterable<string>) csv += chunk;
      const rows = parse(csv, { bom: true, columns: true }) as Record<string, string>[];
      expect(rows).toHaveLength(1300);
      for (const row of rows) {
        expect(row.attachments, row.comment_id).toBe(expected.get(Number(row.comment_id)) ?? '');
      }
      expect(rows.filter((r) => r.attachments !== '')).toHaveLength(650);
      expect(csv).not.toContain('internal.pdf');
    } finally {
      storage.close();
    }
  });
});
