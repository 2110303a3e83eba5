// `lifa amend` and `lifa amend apply` as a user runs them: the instrument in each format, applying it
// back, and one line on stderr with exit status 2 for every bad input.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { buildOutline, lawDifferences, parseLaw } from '../../core/index.ts';
import { lifa, projectPath } from '../helpers/cli.ts';

const law = (name: string) => projectPath(`test/fixtures/laws/${name}`);
const old2016 = law('cybersecurity-law-2016.zh.md');
const new2025 = law('cybersecurity-law-2025-amended.zh.md');
const scratch = mkdtempSync(join(tmpdir(), 'lifa-amend-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

const outline = (text: string) => {
  const parsed = parseLaw(text, { language: 'zh' });
  return buildOutline(parsed.doc, 'zh');
};

// Each run starts node; on a loaded machine ten runs take longer than the default 30 s.
describe('lifa amend', { timeout: 120_000 }, () => {
  it('writes the decision as text, and apply turns the old law into the new one', () => {
    const drafted = lifa(['amend', old2016, new2025, '--effective', '2026年1月1日']);
    expect(drafted.status).toBe(0);
    expect(drafted.stderr).toBe('');
    expect(drafted.stdout).toMatch(/^全国人民代表大会常务委员会关于修改《中华人民共和国网络安全法》的决定\n/);
    expect(drafted.stdout).toContain('二、将第十八条改为第十九条，删去第二款。');
    expect(drafted.stdout).toContain('本决定自2026年1月1日起施行。');
    const instrument = join(scratch, 'decision.txt');
    writeFileSync(instrument, drafted.stdout);
    const applied = lifa(['amend', 'apply', old2016, instrument]);
    expect(applied.status).toBe(0);
    expect(lawDifferences(outline(applied.stdout), outline(readFileSync(new2025, 'utf8')))).toEqual([]);
  });

  it('writes the JSON shape {title, preamble, instructions, closing}', () => {
    const run = lifa([
      'amend',
      law('minors-protection-law-2020.zh.md'),
      law('minors-protection-law-2024.zh.md'),
      '--format',
      'json',
    ]);
    expect(run.status).toBe(0);
    const json = JSON.parse(run.stdout);
    expect(Object.keys(json)).toEqual(['title', 'preamble', 'instructions', 'closing']);
    expect(json.instructions).toEqual([
      {
        number: 1,
        kind: 'rewrite-article',
        text: expect.stringMatching(/^将第九条修改为：“各级人民政府应当重视和加强未成年人保护工作。/),
        old: { article: 9 },
        new: { article: 9 },
        rows: [8],
      },
    ]);
  });

  it('writes a 修正案 with --style amendment, and Markdown, HTML and DOCX by --out', () => {
    const md = join(scratch, 'amendment.md');
    expect(lifa(['amend', old2016, new2025, '--style', 'amendment', '--out', md]).status).toBe(0);
    const text = readFileSync(md, 'utf8');
    expect(text).toMatch(/^# 中华人民共和国网络安全法修正案\n/);
    expect(text).toContain('在网络安全法第二条后增加一条，作为第二条之一：');
    // Markdown reads back too.
    const applied = lifa(['amend', 'apply', old2016, md]);
    expect(applied.status).toBe(0);
    expect(lawDifferences(outline(applied.stdout), outline(readFileSync(new2025, 'utf8')))).toEqual([]);

    const html = join(scratch, 'decision.html');
    expect(lifa(['amend', old2016, new2025, '--out', html]).status).toBe(0);
    expect(readFileSync(html, 'utf8')).toContain('<section class="instruction" id="instruction-2"');
    const docx = join(scratch, 'decision.docx');
    expect(lifa(['amend', old2016, new2025, '--out', docx]).status).toBe(0);
    expect(readFileSync(docx).subarray(0, 2).toString('latin1')).toBe('PK');
  });

  it('writes English instructions with --lang en, under --title and --effective', () => {
    const oldEn = join(scratch, 'old.en.txt');
    const newEn = join(scratch, 'new.en.txt');
    writeFileSync(
      oldEn,
      'Test Regulations\n\nArticle 1 These Regulations protect data.\n\nArticle 2 Operators shall keep logs for six months.\n',
    );
    writeFileSync(
      newEn,
      'Test Regulations\n\nArticle 1 These Regulations protect data.\n\nArticle 2 Operators shall appoint an officer.\n\nArticle 3 Operators shall keep logs for twelve months.\n',
    );
    const run = lifa([
      'amend',
      oldEn,
      newEn,
      '--lang',
      'en',
      '--title',
      'Decision on Amending the Test Regulations',
      '--effective',
      '1 January 2026',
    ]);
    expect(run.status).toBe(0);
    expect(run.stdout.split('\n\n')).toEqual([
      'Decision on Amending the Test Regulations',
      'It is decided by the State Council that the Test Regulations shall be amended as follows:',
      '1. One article is added as Article 2: “Operators shall appoint an officer.”',
      '2. Article 2 is renumbered as Article 3, and in it, “six” is replaced with “twelve”.',
      'This Decision shall come into force as of 1 January 2026.',
      'The Test Regulations shall be revised correspondingly in accordance with this Decision, with the order of its articles adjusted accordingly, and be re-promulgated.\n',
    ]);
    const instrument = join(scratch, 'decision.en.txt');
    writeFileSync(instrument, run.stdout);
    const applied = lifa(['amend', 'apply', oldEn, instrument, '--lang', 'en']);
    expect(applied.status).toBe(0);
    expect(applied.stdout).toBe(
      readFileSync(newEn, 'utf8').replace(/^Test Regulations/, '# Test Regulations'),
    );
    // A Chinese and an English text are not two versions of one law.
    const mixed = lifa(['amend', oldEn, new2025]);
    expect(mixed.status).toBe(2);
    expect(mixed.stderr).toMatch(
      /^lifa: .*old\.en\.txt is en but .*\.zh\.md is zh: give two texts of one law, or --lang\n$/,
    );
  });

  it('adds the headnote with --headnote', () => {
    const instrument = join(scratch, 'headnote.txt');
    writeFileSync(instrument, lifa(['amend', old2016, new2025]).stdout);
    const out = join(scratch, 'amended.md');
    const run = lifa([
      'amend',
      'apply',
      old2016,
      instrument,
      '--headnote',
      '2025年10月28日第十四届全国人民代表大会常务委员会第十八次会议',
      '--out',
      out,
    ]);
    expect(run.status).toBe(0);
    expect(readFileSync(out, 'utf8')).toContain(
      '根据2025年10月28日第十四届全国人民代表大会常务委员会第十八次会议《关于修改〈中华人民共和国网络安全法〉的决定》修正',
    );
  });

  it('exits 2 with one line for bad arguments', () => {
    const cases: Array<[string[], RegExp]> = [
      [
        ['amend', old2016, new2025, '--style', 'omnibus'],
        /^lifa: --style must be one of decision\|amendment, not "omnibus"\n$/,
      ],
      [
        ['amend', old2016, new2025, '--format', 'pdf'],
        /^lifa: --format must be one of txt\|md\|html\|json\|docx, not "pdf"\n$/,
      ],
      [
        ['amend', old2016, new2025, '--format', 'docx'],
        /^lifa: docx instrument is binary: give --out FILE\n$/,
      ],
      [['amend', old2016, join(scratch, 'missing.md')], /^lifa: cannot read .*missing\.md: no such file\n$/],
      [['amend', old2016], /^lifa: missing required argument 'new'\n$/],
      [['amend', old2016, new2025, '--lang', 'fr'], /^lifa: --lang must be zh or en, not "fr"\n$/],
      [['amend', old2016, new2025, '--title', ' '], /^lifa: --title must not be empty\n$/],
      [['amend', old2016, new2025, '--effective', ''], /^lifa: --effective must not be empty\n$/],
      [['amend', old2016, new2025, '--title', '关于\n修改'], /^lifa: --title must be one line of text\n$/],
      [['amend', 'apply', old2016], /^lifa: missing required argument 'instrument'\n$/],
    ];
    for (const [args, stderr] of cases) {
      const run = lifa(args);
      expect(run.status, args.join(' ')).toBe(2);
      expect(run.stderr).toMatch(stderr);
      expect(run.stdout).toBe('');
    }
  });

  it('exits 2 naming the instruction when an instrument cannot be applied, and writes nothing', () => {
    const bad = join(scratch, 'bad.txt');
    writeFileSync(
      bad,
      [
        '全国人民代表大会常务委员会关于修改《中华人民共和国网络安全法》的决定',
        '一、将第十八条改为第十九条，删去第二款。',
        '二、将第二十一条中的“网络”修改为“信息网络”。',
        '三、删去第九十条。',
      ].join('\n'),
    );
    const out = join(scratch, 'never.md');
    const run = lifa(['amend', 'apply', old2016, bad, '--out', out]);
    expect(run.status).toBe(2);
    expect(run.stderr).toMatch(
      /^lifa: .*bad\.txt: instruction 2: “网络” is found \d+ times in 第二十一条: quote more words so that it is found once \(and 1 more problem\)\n$/,
    );
    expect(() => readFileSync(out)).toThrow();
    const binary = join(scratch, 'binary.txt');
    writeFileSync(binary, Buffer.from([0xff, 0xfe, 0x00, 0x01]));
    const run2 = lifa(['amend', 'apply', old2016, binary]);
    expect(run2.status).toBe(2);
    expect(run2.stderr.split('\n')).toEqual([
      expect.stringMatching(/^lifa: cannot read .*binary\.txt: /),
      '',
    ]);
    // The JSON of an instrument is not an instrument: refused, not applied as no change.
    const json = join(scratch, 'instrument.json');
    writeFileSync(json, lifa(['amend', old2016, new2025, '--format', 'json']).stdout);
    const run3 = lifa(['amend', 'apply', old2016, json]);
    expect(run3.status).toBe(2);
    expect(run3.stderr).toMatch(/^lifa: .*instrument\.json: no numbered instruction found/);
  });
});
