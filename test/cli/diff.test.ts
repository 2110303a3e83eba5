import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('../..', import.meta.url));
const law = (name: string) => join(root, 'test/fixtures/laws', name);
const oldLaw = law('minors-protection-law-2020.zh.md');
const newLaw = law('minors-protection-law-2024.zh.md');
const scratch = mkdtempSync(join(tmpdir(), 'lifa-diff-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

function lifa(...args: string[]) {
  const run = spawnSync(process.execPath, ['bin/lifa.js', ...args], {
    cwd: root,
    encoding: 'utf8',
    env: { ...process.env, NO_COLOR: '1' },
  });
  return { code: run.status, stdout: run.stdout, stderr: run.stderr };
}

describe('lifa diff', () => {
  it('prints the comparison table by default, its summary on stderr', () => {
    const { code, stdout, stderr } = lifa('diff', oldLaw, newLaw);
    expect(code).toBe(0);
    expect(stdout).toContain('原条文');
    expect(stdout).toContain('{+重视和加强+}');
    expect(stdout).toContain('第一条至第八条未修改');
    expect(stdout).not.toContain('\x1b[');
    expect(stderr).toBe('1 modified, 0 inserted, 0 deleted, 0 moved, 131 unchanged\n');
  });

  it('shows unchanged articles in full with --all', () => {
    const { code, stdout } = lifa('diff', oldLaw, newLaw, '--all');
    expect(code).toBe(0);
    expect(stdout).not.toContain('第一条至第八条未修改');
    expect(stdout).toContain('第一百三十二条');
  });

  it('writes the JSON report: summary and one row per article', () => {
    const { code, stdout, stderr } = lifa('diff', oldLaw, newLaw, '--format', 'json');
    expect(code).toBe(0);
    expect(stderr).toBe('');
    const report = JSON.parse(stdout);
    expect(report.summary).toEqual({ unchanged: 131, modified: 1, inserted: 0, deleted: 0, moved: 0 });
    expect(report.rows).toHaveLength(132);
    expect(report.rows[8]).toMatchObject({
      kind: 'modified',
      old: { number: 9, label: '第九条' },
      moved: false,
    });
  });

  it('writes the same bytes twice', () => {
    const a = lifa(
      'diff',
      law('state-secrets-law-2010.zh.md'),
      law('state-secrets-law-2024.zh.md'),
      '--format',
      'json',
    );
    const b = lifa(
      'diff',
      law('state-secrets-law-2010.zh.md'),
      law('state-secrets-law-2024.zh.md'),
      '--format',
      'json',
    );
    expect(a.code).toBe(0);
    expect(a.stdout).toBe(b.stdout);
  });

  it('writes HTML and Markdown', () => {
    const html = lifa('diff', oldLaw, newLaw, '--format', 'html');
    expect(html.code).toBe(0);
    expect(html.stdout).toMatch(/^<!doctype html>/);
    expect(html.stdout).toContain('<ins>重视和加强</ins>');
    const md = lifa('diff', oldLaw, newLaw, '--format', 'md');
    expect(md.code).toBe(0);
    expect(md.stdout).toContain('| 原条文 | 修改后条文 | 说明 |');
  });

  it('writes a Word document to --out', () => {
    const out = join(scratch, 'table.docx');
    const { code, stdout } = lifa('diff', oldLaw, newLaw, '--format', 'docx', '--out', out);
    expect(code).toBe(0);
    expect(stdout).toBe('');
    expect(readFileSync(out).subarray(0, 2).toString('latin1')).toBe('PK');
  });

  it('writes the table to --out without a summary on stdout', () => {
    const out = join(scratch, 'table.txt');
    const { code, stdout } = lifa('diff', oldLaw, newLaw, '--out', out);
    expect(code).toBe(0);
    expect(stdout).toBe('');
    expect(readFileSync(out, 'utf8')).toContain('第九条');
  });

  it('compares English texts per word', () => {
    const a = join(scratch, 'a.md');
    const b = join(scratch, 'b.md');
    writeFileSync(
      a,
      '# Law\n\nArticle 1 Operators shall report incidents.\n\nArticle 2 This Law takes effect on 1 June.\n',
    );
    writeFileSync(
      b,
      '# Law\n\nArticle 1 Operators shall promptly report incidents.\n\nArticle 2 This Law takes effect on 1 June.\n',
    );
    const { code, stdout } = lifa('diff', a, b, '--format', 'json');
    expect(code).toBe(0);
    expect(JSON.parse(stdout).rows[0].segments).toContainEqual({ op: 'insert', text: ' promptly' });
  });

  describe('bad input: exit 2, one line on stderr', () => {
    const binary = join(scratch, 'binary.dat');
    writeFileSync(binary, Buffer.from([0x50, 0x4b, 0x03, 0x04, 0x00, 0x00, 0xff, 0xfe, 0x00]));
    const cases: Array<[string, string[], RegExp]> = [
      ['a missing file', ['diff', join(scratch, 'nope.md'), newLaw], /no such file/],
      ['a missing argument', ['diff', oldLaw], /missing required argument/],
      [
        'an unknown format',
        ['diff', oldLaw, newLaw, '--format', 'pdf'],
        /--format must be one of table\|json\|html\|docx\|md/,
      ],
      ['a binary file', ['diff', binary, newLaw], /cannot read .*binary/],
      ['docx to standard output', ['diff', oldLaw, newLaw, '--format', 'docx'], /binary: give --out FILE/],
      ['an unknown language', ['diff', oldLaw, newLaw, '--lang', 'fr'], /--lang must be zh or en/],
    ];
    it.each(cases)('refuses %s', (_, args, message) => {
      const { code, stdout, stderr } = lifa(...args);
      expect(code).toBe(2);
      expect(stdout).toBe('');
      expect(stderr).toMatch(message);
      expect(stderr.trimEnd().split('\n')).toHaveLength(1);
    });
  });
});

describe('lifa export to Word and Akoma Ntoso', () => {
  it('writes a docx to --out and AKN XML to standard output', () => {
    const out = join(scratch, 'law.docx');
    expect(lifa('export', newLaw, '--format', 'docx', '--out', out).code).toBe(0);
    expect(readFileSync(out).subarray(0, 2).toString('latin1')).toBe('PK');
    const akn = lifa('export', newLaw, '--format', 'akn');
    expect(akn.code).toBe(0);
    expect(akn.stdout).toContain('<article eId="art_132">');
  });
});
