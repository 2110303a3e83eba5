// Attachments below the HTTP layer: telling a file's type by its content, decoding text in any
// common encoding, the article a text cites, the content-addressed store, and extraction in worker
// threads — of good files, and of hostile ones built here, none of which may stop the pool.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { citedArticleNumber, combinedText } from '../../core/index.ts';
import { FolderBlobStore, sha256Hex } from '../../server/attachments/blob-store.ts';
import { detectType } from '../../server/attachments/detect.ts';
import { ExtractionPool } from '../../server/attachments/extraction-pool.ts';
import { decodeText } from '../../server/attachments/extract/txt.ts';
import {
  damagedPdf,
  deeplyNestedDocx,
  docxFile,
  encryptedPdf,
  gb18030File,
  loopingPdf,
  manyPagePdf,
  odtFile,
  pdfFile,
  pngFile,
  zipBombDocx,
} from '../helpers/attachment-files.ts';

describe('the type of a file', () => {
  it('is told by its content, whatever its name says', async () => {
    expect(detectType(await pdfFile(['x']))).toMatchObject({ ok: true, value: { type: 'pdf' } });
    expect(detectType(await docxFile(['x']))).toMatchObject({ ok: true, value: { type: 'docx' } });
    expect(detectType(odtFile(['x']))).toMatchObject({ ok: true, value: { type: 'odt' } });
    expect(detectType(gb18030File('中文'))).toMatchObject({ ok: true, value: { type: 'txt' } });
    expect(detectType(pngFile())).toMatchObject({
      ok: true,
      value: { type: 'image', mediaType: 'image/png' },
    });
  });

  it('refuses executables, other archives and empty files with a reason', () => {
    const exe = Uint8Array.from([0x4d, 0x5a, 0x90, 0x00, 0x03, 0x00, 0x00, 0x00, 0x04, 0x00]);
    expect(detectType(exe)).toMatchObject({ ok: false, reason: expect.stringMatching(/not a PDF/) });
    const zip = Uint8Array.from([0x50, 0x4b, 0x03, 0x04, ...new Array(40).fill(0x41)]);
    expect(detectType(zip)).toMatchObject({ ok: false, reason: expect.stringMatching(/neither a Word/) });
    expect(detectType(new Uint8Array())).toEqual({ ok: false, reason: 'the file is empty' });
  });
});

describe('plain text', () => {
  it('is read as UTF-8, UTF-16 with a byte order mark, GB18030/GBK, or else Windows-1252', () => {
    expect(decodeText(new TextEncoder().encode('第十二条'))).toEqual({ text: '第十二条', encoding: 'utf-8' });
    expect(decodeText(gb18030File('关于第十二条的意见'))).toEqual({
      text: '关于第十二条的意见',
      encoding: 'gb18030',
    });
    expect(decodeText(Uint8Array.from([0xff, 0xfe, 0x41, 0x00, 0x2d, 0x4e]))).toEqual({
      text: 'A中',
      encoding: 'utf-16le',
    });
    expect(decodeText(Uint8Array.from([0x63, 0x61, 0x66, 0xe9, 0x20, 0x21]))).toEqual({
      text: 'café !',
      encoding: 'windows-1252',
    });
  });
});

describe('the article a text cites', () => {
  it('is the one cited most, in Chinese or English, never one of another law', () => {
    expect(citedArticleNumber('关于第十二条：建议删除第十二条第二款。另见第三条。', 30)).toBe(12);
    expect(citedArticleNumber('Article 12 goes too far; Article 12(2) most of all. See Article 4.', 30)).toBe(
      12,
    );
    expect(citedArticleNumber('《网络安全法》第二十一条规定了等级保护制度。', 30)).toBeNull();
    expect(citedArticleNumber('第四十条', 30)).toBeNull(); // no such article in a 30-article draft
    expect(citedArticleNumber('See attached file(s)', 30)).toBeNull();
  });

  it('reads a cover note and its attachment as one text', () => {
    const text = combinedText('See attached file(s)', [null, 'We write about Article 7.']);
    expect(text).toBe('See attached file(s)\n\nWe write about Article 7.');
    expect(citedArticleNumber(text, 10)).toBe(7);
  });
});

describe('the folder store', () => {
  const dir = mkdtempSync(join(tmpdir(), 'lifa-blobs-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('keeps one copy per content, under its SHA-256, and forgets it on delete', async () => {
    const store = new FolderBlobStore(dir);
    const bytes = new TextEncoder().encode('the same letter');
    const a = await store.put(bytes);
    const b = await store.put(Uint8Array.from(bytes));
    expect(a).toBe(b);
    expect(a).toBe(sha256Hex(bytes));
    expect(store.pathOf(a)).toBe(join(dir, a.slice(0, 2), a.slice(2, 4), a));
    expect(Buffer.from((await store.get(a))!).toString()).toBe('the same letter');
    expect(await store.delete(a)).toBe(true);
    expect(await store.get(a)).toBeUndefined();
    expect(await store.delete(a)).toBe(false);
    await expect(store.get('../../etc/passwd')).rejects.toThrow(RangeError);
  });
});

describe('extraction in reader processes', () => {
  const pool = new ExtractionPool({ limits: { maxPages: 100 } });
  afterAll(() => pool.close());

  it('reads PDF pages, Word, ODT and GB18030 text', async () => {
    expect(await pool.extract(await pdfFile(['Article 12 one', 'Page two']), 'pdf')).toEqual({
      ok: true,
      text: 'Article 12 one\n\nPage two',
      pages: 2,
    });
    expect(await pool.extract(await docxFile(['第十二条 应当修改。', 'Second']), 'docx')).toMatchObject({
      ok: true,
      text: '第十二条 应当修改。\n\nSecond',
    });
    expect(await pool.extract(odtFile(['第一段', 'Second & last']), 'odt')).toMatchObject({
      ok: true,
      text: '第一段\nSecond & last',
    });
    expect(await pool.extract(gb18030File('关于第十二条'), 'txt')).toMatchObject({
      ok: true,
      text: '关于第十二条',
      encoding: 'gb18030',
    });
  });

  it('marks each hostile file unreadable with its reason, and reads the next file as usual', async () => {
    const hostile: [Uint8Array, 'pdf' | 'docx', RegExp][] = [
      [zipBombDocx(), 'docx', /^a zip bomb/],
      [deeplyNestedDocx(), 'docx', /^deeply nested XML/],
      [await encryptedPdf(), 'pdf', /^an encrypted PDF/],
      [loopingPdf(), 'pdf', /page tree loops/],
      [await damagedPdf(), 'pdf', /^a damaged PDF/],
      [await manyPagePdf(150), 'pdf', /^an enormous PDF: 150 pages, more than the 100 read/],
    ];
    for (const [bytes, type, reason] of hostile) {
      const result = await pool.extract(bytes, type);
      expect(result.ok).toBe(false);
      expect(result.ok ? '' : result.reason).toMatch(reason);
    }
    expect(await pool.extract(await pdfFile(['still reading']), 'pdf')).toMatchObject({
      ok: true,
      text: 'still reading',
    });
  });

  it('ends a reader process past its time limit or its memory limit, and starts another for the next file', async () => {
    const slow = new ExtractionPool({ timeout: 150 });
    try {
      const result = await slow.extract(await manyPagePdf(400), 'pdf');
      expect(result).toEqual({ ok: false, reason: 'it took longer than 150 ms to read' });
    } finally {
      await slow.close();
    }
    const small = new ExtractionPool({ maxMemoryMb: 16 });
    try {
      // Ten million Chinese characters: a 20 MB string (and its copies) on a 16 MB heap.
      const huge = new TextEncoder().encode('条'.repeat(10_000_000));
      const result = await small.extract(huge, 'txt');
      expect(result).toEqual({ ok: false, reason: 'it needed more than 16 MB of memory to read' });
      expect(await small.extract(new TextEncoder().encode('after'), 'txt')).toMatchObject({
        ok: true,
        text: 'after',
      });
    } finally {
      await small.close();
    }
  });
});
