// The files others open, as their readers need them: the draft's Word document laid out per GB/T
// 9704-2012 (zh), its preamble set by what each note is, runs tagged with their language and the
// document with its author; the Word comparison table keeping headings with their rows, rows whole,
// a lone unchanged article folded, a change of character width not marked as a change; Akoma Ntoso
// identified from the law; the HTML comparison naming deleted articles by their old number; and
// every export leaving the source's comment lines out.
import { readFileSync } from 'node:fs';
import { strFromU8, unzipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import {
  aknIdentity,
  article,
  buildSummary,
  chapter,
  compareDrafts,
  doc,
  exportDraft,
  inlineDiff,
  parseLaw,
  preambleRoles,
  renderAkomaNtoso,
  renderComparison,
  renderSummary,
} from '../../core/index.ts';

const law = (file: string) =>
  parseLaw(readFileSync(new URL(`../fixtures/laws/${file}`, import.meta.url), 'utf8'));
const seed = (file: string) =>
  parseLaw(readFileSync(new URL(`../../drafts/${file}`, import.meta.url), 'utf8'));

function unzip(bytes: Uint8Array): (name: string) => string {
  const files = unzipSync(bytes);
  return (name: string) => strFromU8(files[name]);
}

// The paragraphs of a document.xml, each with its properties and its text.
function paragraphs(xml: string): Array<{ pPr: string; text: string; runs: string[] }> {
  return [...xml.matchAll(/<w:p>([\s\S]*?)<\/w:p>|<w:p [^>]*>([\s\S]*?)<\/w:p>/g)].map((m) => {
    const inner = m[1] ?? m[2];
    return {
      pPr: /<w:pPr>([\s\S]*?)<\/w:pPr>/.exec(inner)?.[1] ?? '',
      text: [...inner.matchAll(/<w:t[^>]*>([^<]*)<\/w:t>/g)].map((t) => t[1]).join(''),
      runs: [...inner.matchAll(/<w:r>([\s\S]*?)<\/w:r>/g)].map((r) => r[1]),
    };
  });
}

const draftWord = async (parsed: ReturnType<typeof parseLaw>, author?: string) =>
  unzip((await exportDraft(parsed.doc, parsed.language, 'docx', { author })) as Uint8Array);

describe('the draft as a Word document (GB/T 9704-2012 for Chinese)', () => {
  it('sets the text in 仿宋 三号 on a 28 pt pitch, the title in 小标宋 二号, on A4 with the standard margins', async () => {
    const read = await draftWord(law('cybersecurity-law-2016.zh.md'));
    const body = read('word/document.xml');
    const all = paragraphs(body);
    const title = all.find((p) => p.text === '中华人民共和国网络安全法')!;
    expect(title.runs[0]).toContain('w:eastAsia="方正小标宋简体"');
    expect(title.runs[0]).toContain('<w:sz w:val="44"/>');
    expect(title.runs[0]).not.toContain('<w:b/>');
    const first = all.find((p) => p.text.startsWith('第一条'))!;
    expect(first.pPr).toContain('w:line="560" w:lineRule="exact"');
    expect(first.pPr).toContain('w:firstLine="640"');
    expect(first.runs[1]).toContain('w:eastAsia="仿宋"');
    expect(first.runs[1]).toContain('<w:sz w:val="32"/>');
    expect(first.runs[0]).toContain('w:eastAsia="黑体"');
    // A4; top 37 mm, bottom 35 mm, left 28 mm, right 26 mm (in twips).
    expect(body).toMatch(/<w:pgSz w:w="11906" w:h="16838"/);
    expect(body).toMatch(/<w:pgMar w:top="2098" w:right="1474" w:bottom="1984" w:left="1587"/);
    const heading = all.find((p) => p.text === '第一章\u3000总则')!;
    expect(heading.pPr).toContain('<w:keepNext/>');
    expect(heading.pPr).toContain('<w:jc w:val="center"/>');
  });

  it('numbers pages "— 1 —", odd pages at the right and even pages at the left', async () => {
    const read = await draftWord(law('cybersecurity-law-2016.zh.md'));
    expect(read('word/settings.xml')).toContain('<w:evenAndOddHeaders/>');
    const body = read('word/document.xml');
    const footers = [...body.matchAll(/<w:footerReference w:type="(\w+)" r:id="(\w+)"\/>/g)];
    expect(footers.map((f) => f[1]).sort()).toEqual(['default', 'even']);
    const rels = read('word/_rels/document.xml.rels');
    const footerXml = (type: string) => {
      const id = footers.find((f) => f[1] === type)![2];
      const target =
        new RegExp(`Id="${id}"[^>]*Target="([^"]+)"`).exec(rels)?.[1] ??
        new RegExp(`Target="([^"]+)"[^>]*Id="${id}"`).exec(rels)![1];
      return read(`word/${target}`);
    };
    for (const [type, side] of [
      ['default', 'right'],
      ['even', 'left'],
    ]) {
      const xml = footerXml(type);
      expect(xml, type).toContain(`<w:jc w:val="${side}"/>`);
      expect(xml, type).toMatch(/— <\/w:t>[\s\S]*PAGE[\s\S]*<w:t xml:space="preserve"> —/);
      expect(xml, type).toContain('<w:sz w:val="28"/>');
    }
  });

  it('tags every run with its language and the document with its author', async () => {
    const zh = await draftWord(law('cybersecurity-law-2016.zh.md'), 'alice');
    const runs = paragraphs(zh('word/document.xml')).flatMap((p) => p.runs);
    expect(runs.length).toBeGreaterThan(100);
    for (const run of runs) expect(run).toContain('<w:lang w:val="zh-CN" w:eastAsia="zh-CN"/>');
    expect(zh('docProps/core.xml')).toContain('<dc:creator>alice</dc:creator>');
    expect(zh('docProps/core.xml')).toContain('<cp:lastModifiedBy>alice</cp:lastModifiedBy>');
    const en = await draftWord(seed('02-incident-response.en.law.txt'));
    for (const run of paragraphs(en('word/document.xml')).flatMap((p) => p.runs))
      expect(run).toContain('<w:lang w:val="en-US" w:eastAsia="zh-CN"/>');
    expect(en('docProps/core.xml')).toContain('<dc:creator>Lifa</dc:creator>');
  });

  it('sets every line of the enactment history alike', async () => {
    const parsed = law('legislation-law-2023.zh.md');
    const all = paragraphs((await draftWord(parsed))('word/document.xml'));
    const history = all.filter((p) => /^\d{4}年\d{1,2}月\d{1,2}日/.test(p.text));
    expect(history).toHaveLength(3);
    const strip = (run: string) => run.replace(/<w:t[^>]*>[^<]*<\/w:t>/, '');
    expect(new Set(history.map((p) => p.pPr)).size).toBe(1);
    expect(new Set(history.map((p) => strip(p.runs[0]))).size).toBe(1);
    expect(history[0].runs[0]).toContain('w:eastAsia="楷体"');
  });

  it('sets 起草说明 as a heading and its paragraphs with a first-line indent', async () => {
    const all = paragraphs((await draftWord(seed('04-industrial-control.zh.law.txt')))('word/document.xml'));
    const heading = all.find((p) => p.text === '起草说明')!;
    expect(heading.pPr).toContain('<w:jc w:val="center"/>');
    expect(heading.runs[0]).toContain('w:eastAsia="黑体"');
    const text = all.filter((p) => p.text.startsWith('工业控制系统包括'))[0];
    expect(text.pPr).toContain('w:firstLine="640"');
    expect(text.runs[0]).toContain('<w:sz w:val="32"/>');
  });

  it('gives the English explanatory note a heading, spacing and the text size', async () => {
    const all = paragraphs((await draftWord(seed('02-incident-response.en.law.txt')))('word/document.xml'));
    const heading = all.find((p) => p.text === 'Explanatory Note')!;
    expect(heading.pPr).toContain('<w:jc w:val="center"/>');
    expect(heading.runs[0]).toContain('<w:b/>');
    expect(heading.runs[0]).toContain('<w:sz w:val="28"/>');
    const text = all.find((p) => p.text.startsWith('Enterprises have become'))!;
    expect(text.runs[0]).toContain('<w:sz w:val="24"/>');
    expect(text.pPr).toContain('w:after="160"');
    expect(text.pPr).toContain('w:firstLine="720"');
  });

  it('indents only the first line of items, as official texts do', async () => {
    const all = paragraphs((await draftWord(law('cybersecurity-law-2016.zh.md')))('word/document.xml'));
    const items = all.filter((p) => /^（[一二三四五六七八九十]+）/.test(p.text));
    expect(items.length).toBeGreaterThan(20);
    for (const i of items) {
      expect(i.pPr).toContain('w:firstLine="640"');
      expect(i.pPr).not.toContain('w:left=');
      expect(i.pPr).not.toContain('w:hanging=');
    }
  });
});

describe('preamble roles', () => {
  it('tells enactment history, an explanatory note heading and text apart, in both languages', () => {
    expect(
      preambleRoles([
        '2016年11月7日 第十二届全国人民代表大会常务委员会第二十四次会议通过',
        '（2023年4月26日第十四届全国人民代表大会常务委员会第二次会议修订）',
        '根据2025年10月28日第十四届全国人民代表大会常务委员会第十八次会议《关于修改〈中华人民共和国网络安全法〉的决定》修正',
        "(Adopted at the 30th Session of the Standing Committee of the 13th National People's Congress on August 20, 2021)",
        '起草说明',
        '关于《网络数据安全条例（草案）》的说明',
        'Explanatory Note',
        '2015年12月和2016年12月，乌克兰电网两度遭受网络攻击，造成用户停电。',
        'The draft comprises eight chapters and 31 articles.',
      ]),
    ).toEqual([
      'enactment',
      'enactment',
      'enactment',
      'enactment',
      'heading',
      'heading',
      'heading',
      'text',
      'text',
    ]);
  });
});

describe('the Word comparison table', () => {
  const before = doc(
    '数据条例',
    chapter(
      '总则',
      article({ id: 'a1' }, '为了保护数据安全，制定本条例。'),
      article({ id: 'a2' }, '本条例所称数据，是指任何以电子方式对信息的记录。'),
      article({ id: 'a3' }, '国家保护数据:依法合理有效利用。'),
    ),
    chapter('附则', article({ id: 'a4' }, '本条例自公布之日起施行。'), article({ id: 'a5' }, '旧的一条。')),
  );
  const after = doc(
    '数据条例',
    chapter(
      '总则',
      article({ id: 'a1' }, '为了保护数据安全，促进数据开发利用，制定本条例。'),
      article({ id: 'a2' }, '本条例所称数据，是指任何以电子方式对信息的记录。'),
      article({ id: 'a3' }, '国家保护数据：依法合理有效利用。'),
    ),
    chapter('附则', article({ id: 'a4' }, '本条例自二〇二六年一月一日起施行。')),
  );
  const comparison = compareDrafts(before, after, 'zh');

  it('treats a colon made full-width as no change', () => {
    expect(comparison.rows[2]).toMatchObject({
      kind: 'unchanged',
      segments: [{ op: 'equal', text: '国家保护数据：依法合理有效利用。' }],
    });
    expect(inlineDiff('规定:如下，共(三)项', '规定：如下；共（三）项', 'zh')).toEqual([
      { op: 'equal', text: '规定：如下' },
      { op: 'delete', text: '，' },
      { op: 'insert', text: '；' },
      { op: 'equal', text: '共（三）项' },
    ]);
  });

  it('folds a lone unchanged article, keeps headings with their rows and rows whole, and tags its runs', async () => {
    const read = unzip((await renderComparison(comparison, 'docx', { author: 'bob' })) as Uint8Array);
    const body = read('word/document.xml');
    const rows = [...body.matchAll(/<w:tr>([\s\S]*?)<\/w:tr>/g)].map((m) => m[1]);
    const textOf = (row: string) => [...row.matchAll(/<w:t[^>]*>([^<]*)<\/w:t>/g)].map((t) => t[1]).join('');
    const folded = rows.filter((r) => textOf(r).endsWith('未修改'));
    expect(folded.map(textOf)).toEqual(['第二条、第三条未修改']);
    expect(body).not.toContain('是指任何以电子方式对信息的记录');
    const heading = rows.find((r) => textOf(r).includes('第二章\u3000附则'))!;
    expect(heading).toContain('<w:cantSplit/>');
    expect((heading.match(/<w:keepNext\/>/g) ?? []).length).toBe(3);
    const article1 = rows.find((r) => textOf(r).includes('为了保护数据安全'))!;
    expect(article1).toContain('<w:cantSplit/>');
    for (const run of [...body.matchAll(/<w:r>([\s\S]*?)<\/w:r>/g)].map((m) => m[1]))
      expect(run).toContain('<w:lang w:val="zh-CN" w:eastAsia="zh-CN"/>');
    expect(read('docProps/core.xml')).toContain('<dc:creator>bob</dc:creator>');
  });

  it('lets an article longer than a page break across pages', async () => {
    const long = '网络运营者应当履行安全保护义务，采取技术措施和其他必要措施。'.repeat(40);
    const big = compareDrafts(
      doc('法', article({ id: 'x' }, long)),
      doc('法', article({ id: 'x' }, long + '新增。')),
      'zh',
    );
    const body = unzip((await renderComparison(big, 'docx')) as Uint8Array)('word/document.xml');
    const rows = [...body.matchAll(/<w:tr>([\s\S]*?)<\/w:tr>/g)].map((m) => m[1]);
    expect(rows).toHaveLength(2); // the header and the article
    expect(rows[1]).not.toContain('<w:cantSplit/>');
  });

  it('names a deleted article by its old number in the HTML list of changes', async () => {
    const html = (await renderComparison(comparison, 'html')) as string;
    const list = /<nav class="toc">([\s\S]*?)<\/nav>/.exec(html)![1];
    expect(list).toContain('>原第五条</a> <span class="note">删除</span>');
    const en = compareDrafts(
      doc('Rules', article({ id: 'e1' }, 'One.'), article({ id: 'e2' }, 'Two.')),
      doc('Rules', article({ id: 'e1' }, 'One, amended.')),
      'en',
    );
    expect((await renderComparison(en, 'html')) as string).toContain('>former Article 2</a>');
  });
});

describe('Akoma Ntoso identification', () => {
  it('builds the work and its expression from the law: country, type, dates of its history, name, language', () => {
    const cyber = law('cybersecurity-law-2016.zh.md');
    const xml = renderAkomaNtoso(cyber.doc, 'zh', { today: '2099-12-31' });
    expect(xml).toContain(
      '<FRBRWork><FRBRthis value="/akn/cn/act/2016-11-07/网络安全法/!main"/><FRBRuri value="/akn/cn/act/2016-11-07/网络安全法"/><FRBRdate date="2016-11-07" name="enactment"/>',
    );
    expect(xml).toContain('<FRBRuri value="/akn/cn/act/2016-11-07/网络安全法/zho@2016-11-07"/>');
    expect(xml).toContain('<FRBRcountry value="cn"/>');
    expect(xml).not.toContain('2099');
    const amended = law('legislation-law-2023.zh.md');
    const id = aknIdentity(
      '中华人民共和国立法法',
      ['2000年3月15日 第九届全国人民代表大会第三次会议通过'],
      'zh',
    );
    expect(id.work).toBe('/akn/cn/act/2000-03-15/立法法');
    const latest = renderAkomaNtoso(amended.doc, 'zh');
    expect(latest).toContain('<FRBRuri value="/akn/cn/act/2000-03-15/立法法/zho@2023-03-13"/>');
    expect(latest).toContain('<FRBRdate date="2023-03-13" name="amendment"/>');
    // Two laws exported the same day are two works.
    const dsl = law('dsl-2021-final.zh.md');
    expect(renderAkomaNtoso(dsl.doc, 'zh')).toContain('<FRBRuri value="/akn/cn/act/2021-06-10/数据安全法"/>');
  });

  it('identifies a draft by its own dates, its kind and its name without draft marks', () => {
    const zh = seed('04-industrial-control.zh.law.txt');
    const xml = renderAkomaNtoso(zh.doc, 'zh', { date: '2025-03-02', workDate: '2025-01-15' });
    expect(xml).toContain('<FRBRuri value="/akn/cn/act/regulations/2025-01-15/工业控制系统安全保护条例"/>');
    expect(xml).toContain('<FRBRdate date="2025-01-15" name="draft"/>');
    expect(xml).toContain(
      '<FRBRuri value="/akn/cn/act/regulations/2025-01-15/工业控制系统安全保护条例/zho@2025-03-02"/>',
    );
    expect(xml).toContain('<FRBRsubtype value="regulations"/>');
    expect(xml).toContain('<act name="regulations">');
    const en = seed('02-incident-response.en.law.txt');
    expect(renderAkomaNtoso(en.doc, 'en', { date: '2025-03-02' })).toContain(
      '<FRBRuri value="/akn/cn/act/regulations/2025-03-02/regulations-on-enterprise-network-security-monitoring-early-warning-and-emergency-response/eng@2025-03-02"/>',
    );
    expect(() => renderAkomaNtoso(en.doc, 'en', { workDate: '2025-02-30' })).toThrow(RangeError);
  });
});

describe('source comment lines', () => {
  it('are left out of every export, txt and md included', async () => {
    const parsed = law('cybersecurity-law-2016.zh.md');
    for (const format of ['txt', 'md', 'html', 'json', 'akn'] as const) {
      const out = (await exportDraft(parsed.doc, 'zh', format)) as string;
      expect(out, format).not.toContain('INFO END');
      if (format !== 'json') expect(out, format).toContain('2016年11月7日'); // json has no preamble
    }
    const word = unzip((await exportDraft(parsed.doc, 'zh', 'docx')) as Uint8Array)('word/document.xml');
    expect(word).not.toContain('INFO END');
    const txt = (await exportDraft(parsed.doc, 'zh', 'txt')) as string;
    expect(txt.split('\n').slice(0, 4)).toEqual([
      '中华人民共和国网络安全法',
      '',
      '2016年11月7日 第十二届全国人民代表大会常务委员会第二十四次会议通过',
      '',
    ]);
  });
});

describe('the summary report as Word', () => {
  it('carries its author and the language of its text', async () => {
    const report = buildSummary({
      draft: { id: 'd', title: '数据条例', language: 'zh' },
      articles: [],
      comments: [],
      clusters: [],
      dispositions: [],
    });
    const read = unzip((await renderSummary(report, 'docx', { author: 'clerk1' })) as Uint8Array);
    expect(read('docProps/core.xml')).toContain('<dc:creator>clerk1</dc:creator>');
    expect(read('word/styles.xml')).toContain('<w:lang w:val="zh-CN" w:eastAsia="zh-CN"/>');
  });
});
