import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { lifa, projectPath } from '../helpers/cli.ts';

const pipl = projectPath('test/fixtures/laws/pipl-2021-final.zh.md');
const ndsrEn = projectPath('test/fixtures/laws/network-data-security-regs-2024-final.en.md');
const tmp = mkdtempSync(join(tmpdir(), 'lifa-cli-'));

describe('lifa --help', () => {
  it('lists the commands', () => {
    const run = lifa(['--help']);
    expect(run.status).toBe(0);
    expect(run.stdout).toMatch(/import/);
    expect(run.stdout).toMatch(/export/);
  });
  it('lists the flags of a command', () => {
    const run = lifa(['import', '--help']);
    expect(run.status).toBe(0);
    expect(run.stdout).toMatch(/--json/);
    expect(run.stdout).toMatch(/--lang/);
  });
});

describe('lifa import', () => {
  it('summarises a Chinese law', () => {
    const run = lifa(['import', pipl]);
    expect(run.status).toBe(0);
    expect(run.stdout).toMatch(/title:\s+中华人民共和国个人信息保护法/);
    expect(run.stdout).toMatch(/articles:\s+74/);
    expect(run.stdout).toMatch(/chapters:\s+8/);
    expect(run.stdout).toMatch(/problems:\s+0/);
  });

  it('prints the documented JSON shape', () => {
    const run = lifa(['import', pipl, '--json']);
    expect(run.status).toBe(0);
    const json = JSON.parse(run.stdout);
    expect(Object.keys(json)).toEqual(['title', 'language', 'chapters', 'articles', 'problems']);
    expect(json.language).toBe('zh');
    expect(json.articles).toHaveLength(74);
    expect(json.articles[0]).toMatchObject({ number: 1, label: '第一条' });
    expect(json.articles[0].chapter).toBe(json.chapters[0].id);
    expect(Object.keys(json.articles[0])).toEqual(['id', 'number', 'label', 'chapter', 'text']);
    expect(Object.keys(json.chapters[0])).toEqual(['id', 'label', 'heading']);
    expect(json.chapters[0]).toMatchObject({ label: '第一章', heading: '总则' });
    expect(json.articles[73].label).toBe('第七十四条');
  });

  it('labels English articles in English', () => {
    const run = lifa(['import', ndsrEn, '--json']);
    const json = JSON.parse(run.stdout);
    expect(json.language).toBe('en');
    expect(json.articles).toHaveLength(64);
    expect(json.articles[63].label).toBe('Article 64');
    expect(json.chapters[0].label).toBe('Chapter I');
  });

  it('reports numbering problems with line numbers and keeps every article', () => {
    const file = join(tmp, 'gap.txt');
    writeFileSync(file, '# 测试条例\n\n第一条 甲。\n\n第三条 乙。\n');
    const json = JSON.parse(lifa(['import', file, '--json']).stdout);
    expect(json.articles.map((a: { text: string }) => a.text)).toEqual(['甲。', '乙。']);
    expect(json.problems).toHaveLength(1);
    expect(json.problems[0].line).toBe(5);
  });

  it('reads citations as live references and lists one it cannot resolve, in both languages', () => {
    const zh = join(tmp, 'cites.zh.txt');
    writeFileSync(zh, '# 测试条例\n\n第一条 甲。\n\n第二条 违反本条例第一条、第九条规定的，予以处罚。\n');
    const json = JSON.parse(lifa(['import', zh, '--json']).stdout);
    expect(json.problems).toEqual([
      { line: 5, message: 'citation 第九条 names 第九条, but the draft has 2 articles: kept as text' },
    ]);
    expect(lifa(['export', zh, '--format', 'akn']).stdout).toContain(
      '本条例<ref href="#art_1">第一条</ref>、第九条',
    );
    const en = join(tmp, 'cites.en.txt');
    writeFileSync(en, '# Test Rules\n\nArticle 1 A.\n\nArticle 2 Articles 1 and 3 of these Rules apply.\n');
    const enJson = JSON.parse(lifa(['import', en, '--json']).stdout);
    expect(enJson.problems).toEqual([
      {
        line: 5,
        message: 'citation 3 of these Rules names Article 3, but the draft has 2 articles: kept as text',
      },
    ]);
    expect(lifa(['export', en, '--format', 'akn']).stdout).toContain(
      'Articles <ref href="#art_1">1</ref> and 3',
    );
  });

  it('exits 2 with one line for a missing file', () => {
    const run = lifa(['import', join(tmp, 'nope.txt')]);
    expect(run.status).toBe(2);
    expect(run.stderr.trim().split('\n')).toHaveLength(1);
    expect(run.stderr).toMatch(/nope\.txt/);
  });

  it('exits 2 with one line for binary input', () => {
    const file = join(tmp, 'binary.bin');
    writeFileSync(file, Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x00, 0xff, 0xfe, 0x00]));
    const run = lifa(['import', file]);
    expect(run.status).toBe(2);
    expect(run.stderr.trim().split('\n')).toHaveLength(1);
  });

  it('exits 2 for a bad --lang', () => {
    const run = lifa(['import', pipl, '--lang', 'fr']);
    expect(run.status).toBe(2);
    expect(run.stderr).toMatch(/--lang/);
  });
});

describe('lifa export', () => {
  it('writes HTML with computed labels', () => {
    const out = join(tmp, 'pipl.html');
    const run = lifa(['export', pipl, '--format', 'html', '--out', out]);
    expect(run.status).toBe(0);
    const html = readFileSync(out, 'utf8');
    expect(html).toMatch(/^<!doctype html>/);
    expect(html).toContain('第七十四条');
    expect(html).toContain('第一章');
  });

  it('writes plain text without heading marks, and Markdown with them', () => {
    const txt = lifa(['export', pipl, '--format', 'txt']).stdout;
    const md = lifa(['export', pipl, '--format', 'md']).stdout;
    expect(txt.split('\n')[0]).toBe('中华人民共和国个人信息保护法');
    expect(md.split('\n')[0]).toBe('# 中华人民共和国个人信息保护法');
    expect(txt).toMatch(/^第一章 总则$/m);
    expect(md).toMatch(/^## 第一章 总则$/m);
  });

  it('renumbers a law whose written numbers have a gap', () => {
    const file = join(tmp, 'gap2.txt');
    writeFileSync(file, '# 测试条例\n\n第一条 甲。\n\n第三条 乙。\n');
    const txt = lifa(['export', file, '--format', 'txt']).stdout;
    expect(txt).toContain('第二条 乙。');
  });

  it('exits 2 for an unknown format, naming the allowed ones', () => {
    const run = lifa(['export', pipl, '--format', 'pdf']);
    expect(run.status).toBe(2);
    expect(run.stderr).toMatch(/txt\|md\|html/);
    expect(run.stderr.trim().split('\n')).toHaveLength(1);
  });

  it('exits 2 when --format is missing', () => {
    const run = lifa(['export', pipl]);
    expect(run.status).toBe(2);
    expect(run.stderr.trim().split('\n')).toHaveLength(1);
  });
});

describe('usage errors', () => {
  it('exits 2 with one line for an unknown command', () => {
    const run = lifa(['frobnicate']);
    expect(run.status).toBe(2);
    expect(run.stderr.trim().split('\n')).toHaveLength(1);
    expect(run.stderr).toMatch(/frobnicate/);
  });
  it('exits 2 with one line for an unknown flag', () => {
    const run = lifa(['import', pipl, '--frob']);
    expect(run.status).toBe(2);
    expect(run.stderr.trim().split('\n')).toHaveLength(1);
    expect(run.stderr).toMatch(/--frob/);
  });
  it("passes a subcommand's own --version flag to it instead of printing the program version", () => {
    const comments = projectPath('test/fixtures/comments/cms-2022-0163.comments.jsonl');
    const run = lifa([
      'comments',
      'import',
      comments,
      '--draft',
      'no-such-draft',
      '--data',
      tmp,
      '--version',
      'v1',
    ]);
    expect(run.stdout).not.toContain('0.1.0');
    expect(run.status).toBe(2);
    expect(run.stderr).toMatch(/no-such-draft/);
  });
  it('exits 2 when the file argument is missing', () => {
    const run = lifa(['import']);
    expect(run.status).toBe(2);
    expect(run.stderr.trim().split('\n')).toHaveLength(1);
  });
});
