// The Word files as a reader's office suite lays them out: the Cybersecurity Law as a draft and its
// comparison table with the 2025 amendment, converted to PDF by LibreOffice (soffice) and read back
// page by page (pdftotext): page numbers "— N —" on every page of the draft, the title and the enactment
// history on the first, no chapter heading left alone at the foot of a page, no article row cut
// between two pages of the comparison table.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { compareDrafts, exportDraft, parseLaw, renderComparison } from '../../core/index.ts';
import { onPath } from '../helpers/test-tools.ts';
import { projectPath } from '../helpers/cli.ts';

const dir = mkdtempSync(join(tmpdir(), 'lifa-word-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const read = (file: string) => parseLaw(readFileSync(projectPath(`test/fixtures/laws/${file}`), 'utf8'));

// Convert `names` (.docx in `dir`) to PDF with a profile of our own, so that a LibreOffice already
// running on this machine does not take the job; then the text of each page.
function pagesOf(names: readonly string[]): Map<string, string[]> {
  for (const tool of ['soffice', 'pdftotext'])
    if (!onPath(tool, process.env.PATH))
      throw new Error(
        `${tool} is needed to check Word files: apt-get install libreoffice-writer poppler-utils`,
      );
  const converted = spawnSync(
    'soffice',
    [
      `-env:UserInstallation=file://${dir}/profile`,
      '--headless',
      '--convert-to',
      'pdf',
      '--outdir',
      dir,
      ...names.map((n) => join(dir, `${n}.docx`)),
    ],
    { encoding: 'utf8', timeout: 180_000 },
  );
  expect(converted.status, converted.stderr).toBe(0);
  const pages = new Map<string, string[]>();
  for (const name of names) {
    const text = spawnSync('pdftotext', ['-layout', join(dir, `${name}.pdf`), '-'], { encoding: 'utf8' });
    expect(text.status, text.stderr).toBe(0);
    pages.set(
      name,
      text.stdout.split('\f').filter((page) => page.trim() !== ''),
    );
  }
  return pages;
}

const lines = (page: string) => page.split('\n').filter((line) => line.trim() !== '');

describe('Word files opened in LibreOffice', { timeout: 240_000 }, () => {
  it('lay out the draft and its comparison table as printed', async () => {
    const old = read('cybersecurity-law-2016.zh.md');
    const amended = read('cybersecurity-law-2025-amended.zh.md');
    writeFileSync(join(dir, 'draft.docx'), (await exportDraft(old.doc, 'zh', 'docx')) as Uint8Array);
    const comparison = compareDrafts(old.doc, amended.doc, 'zh', { matchIds: false });
    writeFileSync(join(dir, 'table.docx'), (await renderComparison(comparison, 'docx')) as Uint8Array);
    const pages = pagesOf(['draft', 'table']);

    const draft = pages.get('draft')!;
    expect(draft.length).toBeGreaterThan(10);
    draft.forEach((page, k) => {
      const all = lines(page);
      // pdftotext drops the spaces around the number.
      expect(all[all.length - 1].replace(/\s/g, ''), `page ${k + 1}`).toBe(`—${k + 1}—`);
      // The last line of text is not a chapter heading waiting for its first article on the next page.
      expect(all[all.length - 2].trim(), `page ${k + 1}`).not.toMatch(/^第[一二三四五六七八九十]+章\s/);
    });
    expect(draft[0]).toContain('中华人民共和国网络安全法');
    expect(draft[0].replace(/\s/g, '')).toContain(
      '2016年11月7日第十二届全国人民代表大会常务委员会第二十四次会议通过',
    );

    const table = pages.get('table')!;
    expect(table.length).toBeGreaterThan(3);
    // Each article of the amended law starts its row on the page where its text is: a row cut in two
    // would leave a page starting with text under no label. Every page after the first starts with
    // the repeated header row, then a label, a heading or a folded line.
    table.slice(1).forEach((page, k) => {
      const all = lines(page);
      expect(all[0], `page ${k + 2}`).toMatch(/原条文\s+修改后条文\s+说明/);
      expect(all[1].trim(), `page ${k + 2}`).toMatch(/^(第[一二三四五六七八九十百]+[条章节]|.*未修改)/);
    });
  });
});
