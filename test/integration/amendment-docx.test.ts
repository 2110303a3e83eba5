// The instrument's DOCX opened by LibreOffice: it converts to a PDF on A4 whose text is the
// instrument's, with page numbers; the first page is kept as an image in test-artifacts to look at.
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { buildOutline, draftInstrument, parseLaw, renderInstrument } from '../../core/index.ts';
import { projectPath } from '../helpers/cli.ts';

const scratch = mkdtempSync(join(tmpdir(), 'lifa-amend-docx-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

const outline = (file: string, language: 'zh' | 'en') =>
  buildOutline(parseLaw(readFileSync(projectPath(file), 'utf8'), { language }).doc, language);

// soffice with a profile of its own, so that it neither waits for nor disturbs another instance.
function toPdf(docx: string): string {
  const profile = pathToFileURL(join(scratch, `profile-${Date.now()}`)).href;
  const run = spawnSync(
    'soffice',
    [`-env:UserInstallation=${profile}`, '--headless', '--convert-to', 'pdf', '--outdir', scratch, docx],
    { encoding: 'utf8', timeout: 120_000 },
  );
  expect(run.status, run.stderr).toBe(0);
  return docx.replace(/\.docx$/, '.pdf');
}

const tool = (command: string, ...args: string[]) => {
  const run = spawnSync(command, args, { encoding: 'utf8', timeout: 60_000 });
  expect(run.status, run.stderr).toBe(0);
  return run.stdout;
};

describe('the instrument as DOCX, opened by LibreOffice', { timeout: 180_000 }, () => {
  it('sets the Chinese decision on A4 pages, numbered, with every instruction', async () => {
    const instrument = draftInstrument(
      outline('test/fixtures/laws/cybersecurity-law-2016.zh.md', 'zh'),
      outline('test/fixtures/laws/cybersecurity-law-2025-amended.zh.md', 'zh'),
      { matchIds: false, effective: '2026年1月1日' },
    );
    const docx = join(scratch, 'decision.docx');
    writeFileSync(docx, (await renderInstrument(instrument, 'docx')) as Uint8Array);
    const pdf = toPdf(docx);
    const info = tool('pdfinfo', pdf);
    expect(info).toMatch(/Page size:\s+595\.\d+ x 841\.\d+ pts \(A4\)/);
    const pages = Number(/Pages:\s+(\d+)/.exec(info)![1]);
    expect(pages).toBeGreaterThanOrEqual(3);
    const text = tool('pdftotext', '-layout', pdf, '-').replace(/\s+/g, '');
    expect(text).toContain('全国人民代表大会常务委员会关于修改《中华人民共和国网络安全法》的决定');
    expect(text).toContain('二、将第十八条改为第十九条，删去第二款。');
    expect(text).toContain('本决定自2026年1月1日起施行。');
    expect(text).toContain(`—${pages}—`);
    const shots = projectPath('test-artifacts/screenshots');
    mkdirSync(shots, { recursive: true });
    tool(
      'pdftoppm',
      '-png',
      '-r',
      '60',
      '-f',
      '1',
      '-l',
      '1',
      '-singlefile',
      pdf,
      join(shots, 'amendment-docx-zh'),
    );
  });

  it('sets English instructions too', async () => {
    const law = outline('test/fixtures/laws/cybersecurity-law-2025-amended.en.md', 'en');
    const revised = parseLaw(
      readFileSync(projectPath('test/fixtures/laws/cybersecurity-law-2025-amended.en.md'), 'utf8').replace(
        /network operators/,
        'network service providers',
      ),
      { language: 'en' },
    );
    const instrument = draftInstrument(law, buildOutline(revised.doc, 'en'), { matchIds: false });
    expect(instrument.instructions.length).toBe(1);
    const docx = join(scratch, 'english.docx');
    writeFileSync(docx, (await renderInstrument(instrument, 'docx')) as Uint8Array);
    const text = tool('pdftotext', toPdf(docx), '-').replace(/\s+/g, ' ');
    expect(text).toContain(instrument.instructions[0].text.replace(/\s+/g, ' ').slice(0, 40));
    expect(text).toContain('This Decision shall come into force');
  });
});
