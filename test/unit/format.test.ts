import { describe, expect, it } from 'vitest';
import {
  article,
  buildOutline,
  chapter,
  decodeLawBytes,
  findForbiddenCharacter,
  doc,
  isSourceComment,
  paragraph,
  parseLaw,
  ref,
  sequentialIds,
  serializeLaw,
} from '../../core/index.ts';
import type { Outline, ParsedLaw } from '../../core/index.ts';
import type { Node as PMNode } from 'prosemirror-model';

const lines = (...text: string[]) => text.join('\n');

function parse(text: string): ParsedLaw & { outline: Outline } {
  const parsed = parseLaw(text, { ids: sequentialIds() });
  parsed.doc.check();
  return { ...parsed, outline: buildOutline(parsed.doc, parsed.language) };
}

// Every textblock's text, one per line: where kept text must be found.
function allText(node: PMNode): string {
  const texts: string[] = [];
  node.descendants((child) => {
    if (child.isTextblock) texts.push(child.textContent);
    return !child.isTextblock;
  });
  return texts.join('\n');
}

const labelPattern =
  /^(#+\s*)?(第[〇零一二三四五六七八九十百千万两0-9]+[编章节条]|[（(][一二三四五六七八九十]+[）)]|\d+[.．]|Article \d+|(Part|Chapter|Section) [IVXLCDM0-9]+|\(\d+\)|\([a-z]+\))?[\s\u200b]*/u;

// Import drops written labels but must keep every other piece of text of every non-blank line.
function expectAllTextKept(input: string, node: PMNode): void {
  const kept = allText(node);
  for (const line of input.split(/\r\n|\r|\n/u)) {
    const text = line.replace(/^[\s\u200b\uFEFF]+|[\s\u200b]+$/gu, '').replace(labelPattern, '');
    if (text) expect(kept, `line "${line}"`).toContain(text);
  }
}

const summary = (outline: Outline) => ({
  divisions: outline.divisions.map((d) => `${d.label} ${d.heading}`),
  articles: outline.articles.map((a) => a.text),
});

describe('parseLaw', () => {
  const zhLaw = lines(
    '# 示例法',
    '',
    '说明：本法为示例。',
    '',
    '第一编 总则',
    '',
    '## 第一章 一般规定',
    '',
    '第一条 为了示例，制定本法。',
    '',
    '第二条 本法所称示例，包括：',
    '',
    '（一）甲；',
    '',
    '（二）乙，包括：',
    '',
    '1. 子项一；',
    '',
    '2. 子项二。',
    '',
    '前款规定以外的示例，适用本法。',
    '',
    '#### 第一节 细则',
    '',
    '第三条 细则。',
    '',
    '第二编 分则',
    '',
    '第一章 其他',
    '',
    '第四条 其他规定。',
    '',
  );

  it('reads a Chinese law with parts, chapters, sections, items and subitems', () => {
    const { outline, problems, language } = parse(zhLaw);
    expect(problems).toEqual([]);
    expect(language).toBe('zh');
    expect(outline.title).toBe('示例法');
    expect(outline.preamble).toEqual(['说明：本法为示例。']);
    expect(outline.divisions.map((d) => [d.kind, d.label, d.heading])).toEqual([
      ['part', '第一编', '总则'],
      ['chapter', '第一章', '一般规定'],
      ['section', '第一节', '细则'],
      ['part', '第二编', '分则'],
      ['chapter', '第一章', '其他'],
    ]);
    const second = outline.articles[1];
    expect(second.paragraphs).toEqual([
      {
        text: '本法所称示例，包括：',
        items: [
          { label: '（一）', text: '甲；', subitems: [] },
          {
            label: '（二）',
            text: '乙，包括：',
            subitems: [
              { label: '1.', text: '子项一；', subitems: [] },
              { label: '2.', text: '子项二。', subitems: [] },
            ],
          },
        ],
      },
      { text: '前款规定以外的示例，适用本法。', items: [] },
    ]);
    expect(outline.articles.map((a) => [a.label, a.partId, a.chapterId, a.sectionId])).toEqual([
      ['第一条', 'a1', 'a2', null],
      ['第二条', 'a1', 'a2', null],
      ['第三条', 'a1', 'a2', 'a5'],
      ['第四条', 'a7', 'a8', null],
    ]);
  });

  it('writes the Chinese law back in the corpus style', () => {
    const { doc } = parse(zhLaw);
    expect(serializeLaw(doc, 'zh')).toBe(
      lines(
        '# 示例法',
        '',
        '说明：本法为示例。',
        '',
        '## 第一编 总则',
        '',
        '### 第一章 一般规定',
        '',
        '第一条 为了示例，制定本法。',
        '',
        '第二条 本法所称示例，包括：',
        '',
        '（一）甲；',
        '',
        '（二）乙，包括：',
        '',
        '1. 子项一；',
        '',
        '2. 子项二。',
        '',
        '前款规定以外的示例，适用本法。',
        '',
        '#### 第一节 细则',
        '',
        '第三条 细则。',
        '',
        '## 第二编 分则',
        '',
        '### 第一章 其他',
        '',
        '第四条 其他规定。',
        '',
      ),
    );
  });

  const enLaw = lines(
    '# Model Law',
    '',
    '<!-- Licence: CC BY 4.0 (attribution: Example contributors) -->',
    '',
    'Part 1 General Part',
    '',
    'Chapter I General Provisions',
    '',
    'Article 1 This Law is made for testing.',
    '',
    'Article 2 In this Law:',
    '',
    '(1) first;',
    '',
    '(2) second, including:',
    '',
    '(a) one;',
    '',
    '(b) two.',
    '',
    'Other matters are governed by regulations.',
    '',
    'Section 1 Details',
    '',
    'Article 3 Details.',
    '',
    'Part 2 Special Part',
    '',
    'Chapter I Other Provisions',
    '',
    'Chapter II Final Provisions',
    '',
    'Article 4 This Law takes effect on 1 January 2030.',
  );

  it('reads an English law with parts, chapters, sections, items and subitems', () => {
    const { outline, problems, language } = parse(enLaw);
    expect(problems).toEqual([
      { line: 29, message: 'chapter with no articles: its heading is kept as a paragraph of Article 3' },
    ]);
    expect(language).toBe('en');
    expect(outline.title).toBe('Model Law');
    expect(outline.preamble).toEqual(['<!-- Licence: CC BY 4.0 (attribution: Example contributors) -->']);
    expect(summary(outline)).toEqual({
      divisions: [
        'Part 1 General Part',
        'Chapter I General Provisions',
        'Section 1 Details',
        'Part 2 Special Part',
        'Chapter I Final Provisions',
      ],
      articles: [
        'This Law is made for testing.',
        'In this Law:\n(1) first;\n(2) second, including:\n(a) one;\n(b) two.\nOther matters are governed by regulations.',
        'Details.\nChapter I Other Provisions',
        'This Law takes effect on 1 January 2030.',
      ],
    });
  });

  it('writes the English law back in the corpus style', () => {
    const { doc } = parse(enLaw.replace('Chapter I Other Provisions\n\n', ''));
    expect(serializeLaw(doc, 'en')).toBe(
      lines(
        '# Model Law',
        '',
        '<!-- Licence: CC BY 4.0 (attribution: Example contributors) -->',
        '',
        '## Part 1 General Part',
        '',
        '### Chapter I General Provisions',
        '',
        'Article 1 This Law is made for testing.',
        '',
        'Article 2 In this Law:',
        '',
        '(1) first;',
        '',
        '(2) second, including:',
        '',
        '(a) one;',
        '',
        '(b) two.',
        '',
        'Other matters are governed by regulations.',
        '',
        '#### Section 1 Details',
        '',
        'Article 3 Details.',
        '',
        '## Part 2 Special Part',
        '',
        '### Chapter I Final Provisions',
        '',
        'Article 4 This Law takes effect on 1 January 2030.',
        '',
      ),
    );
  });

  it('reads its own export of made-up laws back to the same outline', () => {
    for (const text of [zhLaw, enLaw]) {
      const first = parse(text);
      const again = parse(serializeLaw(first.doc, first.language));
      expect(again.outline).toEqual(first.outline);
    }
  });

  it('accepts the quirks of pasted text', () => {
    const text = [
      '\uFEFF中华人民共和国示例法  ',
      '<!--',
      '多行注释',
      '-->',
      '##第一章\u3000总则',
      '\u200b',
      '第一条\u3000第一款：',
      '(一) 甲；',
      '（二）\u3000乙；',
      '(三)丙。',
      '第二款。\u3000 ',
      '\u200b\u200b',
      '第二条第一款。',
      '   ',
      '第二章 附则',
      '第三条 本法自2030年1月1日起施行。',
    ].join('\r\n');
    const { outline, problems } = parse(text);
    expect(problems).toEqual([]);
    expect(outline.title).toBe('中华人民共和国示例法');
    expect(outline.preamble).toEqual(['<!--\n多行注释\n-->']);
    expect(summary(outline)).toEqual({
      divisions: ['第一章 总则', '第二章 附则'],
      articles: [
        '第一款：\n（一）甲；\n（二）乙；\n（三）丙。\n第二款。',
        '第一款。',
        '本法自2030年1月1日起施行。',
      ],
    });
  });

  it('reads a label written alone on its line, with its text on the next line', () => {
    const { outline, problems } = parse(
      lines('示例法', '第一章', '总则', '第一条', '为了示例。', '（一）', '甲。'),
    );
    expect(problems).toEqual([]);
    expect(summary(outline)).toEqual({ divisions: ['第一章 总则'], articles: ['为了示例。\n（一）甲。'] });
  });

  it('reads a numbered line that is a sentence as text, not as a heading', () => {
    const { outline, problems } = parse(lines('示例法', '第一条 甲。', '第一章规定的事项，适用本条。'));
    expect(problems).toEqual([]);
    expect(outline.divisions).toEqual([]);
    expect(outline.articles[0].text).toBe('甲。\n第一章规定的事项，适用本条。');
  });

  it('reads a short line without a full stop as a paragraph in a law without chapters', () => {
    const { outline } = parse(lines('# 示例法', '第一条 甲。', '本法自公布之日起施行', '第二条 乙。'));
    expect(outline.divisions).toEqual([]);
    expect(outline.articles[0].text).toBe('甲。\n本法自公布之日起施行');
  });

  it('reads a Markdown heading numbered like a list as a heading', () => {
    const { outline, problems } = parse(lines('# Model Law', '## 1. General', 'Article 1 Text.'));
    expect(problems).toEqual([]);
    expect(summary(outline).divisions).toEqual(['Chapter I 1. General']);
  });

  it('takes the first line as the title when it has no heading mark', () => {
    const { outline } = parse(lines('', '  示例法', '', '第一条 甲。'));
    expect(outline.title).toBe('示例法');
  });

  it('leaves the title empty when the text starts with an article', () => {
    const { outline, problems } = parse(lines('', '第一条 甲。', '第二条 乙。'));
    expect(outline.title).toBe('');
    expect(outline.articles).toHaveLength(2);
    expect(problems).toEqual([{ line: 2, message: 'no title line: the title is left empty' }]);
  });

  it('detects the language unless told', () => {
    expect(parseLaw('# 示例法\n\n第一条 甲。').language).toBe('zh');
    expect(parseLaw('# Model Law\n\nArticle 1 Text.').language).toBe('en');
    // Told it is Chinese, the parser looks for 第X条 and finds no article.
    const forced = parseLaw('# Model Law\n\nArticle 1 Text.', { language: 'zh' });
    expect(forced.language).toBe('zh');
    expect(forced.problems.map((p) => p.message)).toEqual([
      'no article found: the text is kept as preamble notes and one empty article is added',
    ]);
  });

  it('gives every part, chapter, section and article an id from the generator, in document order', () => {
    const { doc } = parse(zhLaw);
    const ids: string[] = [];
    doc.descendants((node) => {
      if (node.attrs.id) ids.push(`${node.type.name}:${node.attrs.id}`);
      return true;
    });
    expect(ids).toEqual([
      'part:a1',
      'chapter:a2',
      'article:a3',
      'article:a4',
      'section:a5',
      'article:a6',
      'part:a7',
      'chapter:a8',
      'article:a9',
    ]);
  });

  it('draws random ids by default', () => {
    const { doc } = parseLaw('# 示例法\n\n第一条 甲。\n\n第二条 乙。');
    const [a, b] = [doc.child(1).attrs.id, doc.child(2).attrs.id];
    expect(a).toMatch(/^[a-z0-9]{10}$/u);
    expect(a).not.toBe(b);
  });
});

describe('parseLaw on bad input', () => {
  it('reports an empty document and still returns a valid one', () => {
    for (const text of ['', '  \n\u3000\r\n\u200b\n\uFEFF']) {
      const { doc, outline, problems } = parse(text);
      expect(problems).toEqual([{ line: 1, message: 'empty document' }]);
      expect(() => doc.check()).not.toThrow();
      expect(outline.title).toBe('');
      expect(outline.articles.map((a) => a.text)).toEqual(['']);
    }
  });

  it('reports a gap in article numbering at its line', () => {
    const text = lines('# 示例法', '', '第一条 甲。', '', '第三条 丙。', '', '第四条 丁。');
    const { outline, problems, doc } = parse(text);
    expect(problems).toEqual([
      { line: 5, message: 'gap in article numbering: expected 第二条, found 第三条' },
    ]);
    expect(outline.articles.map((a) => `${a.label} ${a.text}`)).toEqual([
      '第一条 甲。',
      '第二条 丙。',
      '第三条 丁。',
    ]);
    expectAllTextKept(text, doc);
  });

  it('reports a repeated article number and a step back', () => {
    const text = lines('# 示例法', '第一条 甲。', '第二条 乙。', '第二条 丙。', '第一条 丁。');
    const { outline, problems, doc } = parse(text);
    expect(problems).toEqual([
      { line: 4, message: 'repeated article number: 第二条' },
      { line: 5, message: 'article numbering goes back: expected 第三条, found 第一条' },
    ]);
    expect(outline.articles).toHaveLength(4);
    expectAllTextKept(text, doc);
  });

  it('reports gaps in chapter, section and item numbering', () => {
    const text = lines(
      '# 示例法',
      '## 第一章 总则',
      '### 第二节 一般规定',
      '第一条 甲：',
      '（一）子；',
      '（三）丑。',
      '## 第三章 附则',
      '第二条 乙。',
    );
    const { problems, doc } = parse(text);
    expect(problems).toEqual([
      { line: 3, message: 'gap in section numbering: expected 第一节, found 第二节' },
      { line: 6, message: 'gap in item numbering: expected （二）, found （三）' },
      { line: 7, message: 'gap in chapter numbering: expected 第二章, found 第三章' },
    ]);
    expectAllTextKept(text, doc);
  });

  it('reports gaps in English numbering', () => {
    const text = lines(
      '# Law',
      'Chapter I One',
      'Article 1 A:',
      '(1) a;',
      '(2) b.',
      'Chapter III Three',
      'Article 3 C.',
    );
    expect(parse(text).problems).toEqual([
      { line: 6, message: 'gap in chapter numbering: expected Chapter II, found Chapter III' },
      { line: 7, message: 'gap in article numbering: expected Article 2, found Article 3' },
    ]);
  });

  it('restarts item numbering in each paragraph and chapter numbering in each part', () => {
    const text = lines(
      '# 示例法',
      '第一编 总则',
      '第一章 一般规定',
      '第一条 甲：',
      '（一）子；',
      '第二款：',
      '（一）丑。',
      '第二编 分则',
      '第一章 其他',
      '第二条 乙。',
    );
    expect(parse(text).problems).toEqual([]);
  });

  it('keeps text between a chapter heading and its first article in the article before it', () => {
    const text = lines(
      '# 示例法',
      '',
      '## 第一章 总则',
      '',
      '第一条 甲。',
      '',
      '## 第二章 分则',
      '',
      '本章说明。',
      '',
      '第二条 乙。',
    );
    const { outline, problems, doc } = parse(text);
    expect(problems).toEqual([
      {
        line: 9,
        message: 'text between a chapter heading and its first article: kept as a paragraph of 第一条',
      },
    ]);
    expect(summary(outline)).toEqual({
      divisions: ['第一章 总则', '第二章 分则'],
      articles: ['甲。\n本章说明。', '乙。'],
    });
    expectAllTextKept(text, doc);
  });

  it('keeps text after the first chapter heading in the preamble', () => {
    const text = lines('# 示例法', '2030年1月1日通过', '## 第一章 总则', '本章说明。', '第一条 甲。');
    const { outline, problems, doc } = parse(text);
    expect(problems).toEqual([
      { line: 4, message: 'text between a chapter heading and its first article: kept in the preamble' },
    ]);
    expect(outline.preamble).toEqual(['2030年1月1日通过', '本章说明。']);
    expectAllTextKept(text, doc);
  });

  it('keeps an item before any article in the preamble', () => {
    const text = lines('# 示例法', '', '（一）甲；', '', '第一条 乙。');
    const { outline, problems, doc } = parse(text);
    expect(problems).toEqual([{ line: 3, message: 'item outside an article: kept in the preamble' }]);
    expect(outline.preamble).toEqual(['（一）甲；']);
    expect(outline.articles.map((a) => a.text)).toEqual(['乙。']);
    expectAllTextKept(text, doc);
  });

  it('keeps an item between a chapter heading and its first article with the article before', () => {
    const text = lines(
      '# Law',
      'Chapter I One',
      'Article 1 A.',
      'Chapter II Two',
      '(1) stray item;',
      'Article 2 B.',
    );
    const { outline, problems, doc } = parse(text);
    expect(problems).toEqual([
      { line: 5, message: 'item outside an article: kept as a paragraph of Article 1' },
    ]);
    expect(outline.articles[0].text).toBe('A.\n(1) stray item;');
    expectAllTextKept(text, doc);
  });

  it('keeps the heading of a chapter with no articles in the article before it', () => {
    const text = lines(
      '# 示例法',
      '## 第一章 总则',
      '第一条 甲。',
      '## 第二章 空章',
      '## 第三章 附则',
      '第二条 乙。',
      '## 第四章 尾章',
    );
    const { outline, problems, doc } = parse(text);
    expect(problems).toEqual([
      { line: 4, message: 'chapter with no articles: its heading is kept as a paragraph of 第一条' },
      { line: 7, message: 'chapter with no articles: its heading is kept as a paragraph of 第二条' },
    ]);
    expect(summary(outline)).toEqual({
      divisions: ['第一章 总则', '第二章 附则'],
      articles: ['甲。\n第二章 空章', '乙。\n第四章 尾章'],
    });
    expectAllTextKept(text, doc);
  });

  it('keeps the heading of an empty first chapter, and of its empty section, in the preamble', () => {
    const text = lines('# 示例法', '## 第一章 总则', '### 第一节 空节', '## 第二章 分则', '第一条 甲。');
    const { outline, problems, doc } = parse(text);
    expect(problems).toEqual([
      { line: 2, message: 'chapter with no articles: its heading is kept in the preamble' },
      { line: 3, message: 'section with no articles: its heading is kept in the preamble' },
    ]);
    expect(outline.preamble).toEqual(['第一章 总则', '第一节 空节']);
    expect(summary(outline).divisions).toEqual(['第一章 分则']);
    expectAllTextKept(text, doc);
  });

  it('keeps a document without articles as preamble notes and one empty article', () => {
    const text = lines('# 示例法', '', '## 第一章 总则', '', '这里没有条文。', '', '（一）也没有项。');
    const { outline, problems, doc } = parse(text);
    expect(problems).toEqual([
      {
        line: 3,
        message: 'no article found: the text is kept as preamble notes and one empty article is added',
      },
    ]);
    expect(outline.title).toBe('示例法');
    expect(outline.preamble).toEqual(['第一章 总则', '这里没有条文。', '（一）也没有项。']);
    expect(outline.divisions).toEqual([]);
    expect(outline.articles.map((a) => a.text)).toEqual(['']);
    expectAllTextKept(text, doc);
  });

  it('reports a subitem outside an item and a section outside a chapter', () => {
    const text = lines('# 示例法', '### 第一节 一般规定', '第一条 甲。', '1. 子项。');
    const { outline, problems, doc } = parse(text);
    expect(problems).toEqual([
      { line: 2, message: 'section outside a chapter: read as a chapter' },
      { line: 4, message: 'subitem outside an item: kept as a paragraph of 第一条' },
    ]);
    expect(summary(outline)).toEqual({ divisions: ['第一章 一般规定'], articles: ['甲。\n1. 子项。'] });
    expectAllTextKept(text, doc);
  });

  it('moves an HTML comment in the body, and one left open, to the preamble as source notes', () => {
    const text = lines('# 示例法', '第一条 甲。', '<!-- 注 -->', '第二条 乙。', '<!-- 未闭合');
    const { outline, problems, doc } = parse(text);
    expect(problems).toEqual([
      { line: 3, message: 'HTML comment in the body: kept as a source note in the preamble' },
      { line: 5, message: 'HTML comment without its closing "-->": read as a one-line comment' },
      { line: 5, message: 'HTML comment in the body: kept as a source note in the preamble' },
    ]);
    expect(outline.articles.map((a) => a.text)).toEqual(['甲。', '乙。']);
    expect(outline.preamble).toEqual(['<!-- 注 -->', '<!-- 未闭合']);
    expect(outline.preamble.every(isSourceComment)).toBe(true);
    expectAllTextKept(text, doc);
  });
});

describe('parseLaw on any input', () => {
  const vocabulary = [
    '',
    '\u200b',
    '\u3000 ',
    '# 示例法',
    '#',
    '## 第一章 总则',
    '第二章 附则',
    '第三章',
    '### 第一节 细则',
    '第一编 总则',
    '第一条 甲。',
    '第三条',
    '第99999999999条 大。',
    '（一）项；',
    '(二) 项',
    '1. 目',
    '网络素养促进',
    '（略）',
    '<!-- 注 -->',
    '<!--',
    '-->',
    '文字。',
    '# Model Law',
    'Part 1 General',
    'Chapter IV',
    'Chapter 5000 Far',
    'Section 2 Details',
    'Article 9 Text.',
    'Article 1',
    '(1) item;',
    '(b) subitem',
    'Supplementary Provisions',
  ];

  it('never throws, always returns a valid document and keeps every line', () => {
    let seed = 7;
    const random = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
    for (let n = 0; n < 400; n++) {
      const count = Math.floor(random() * 12);
      const text = Array.from(
        { length: count },
        () => vocabulary[Math.floor(random() * vocabulary.length)],
      ).join(random() < 0.5 ? '\n' : '\r\n');
      for (const language of ['zh', 'en'] as const) {
        const parsed = parseLaw(text, { language, ids: sequentialIds() });
        expect(() => parsed.doc.check(), text).not.toThrow();
        expectAllTextKept(text, parsed.doc);
        for (const problem of parsed.problems) {
          expect(problem.line).toBeGreaterThanOrEqual(1);
          expect(problem.line).toBeLessThanOrEqual(Math.max(1, count));
        }
        expect(() => serializeLaw(parsed.doc, language)).not.toThrow();
      }
    }
  });

  it('reads a short line in parentheses between articles as text, not as a chapter title', () => {
    const { outline } = parse(lines('# 示例法', '第一条 甲。', '（略）', '第二条 乙。'));
    expect(outline.divisions).toEqual([]);
    expect(outline.articles[0].text).toBe('甲。\n（略）');
  });

  it('reads a line of many spaces in linear time', () => {
    const text = `# 示例法\n第一条 ${' '.repeat(200_000)}甲${' '.repeat(200_000)}。`;
    const started = performance.now();
    expect(parse(text).outline.articles[0].text).toMatch(/^甲 +。$/u);
    expect(performance.now() - started).toBeLessThan(2000);
  });
});

describe('serializeLaw', () => {
  it('writes cross-references as citations from the current numbering', () => {
    const draft = doc(
      '示例法',
      chapter(
        '总则',
        article({ id: 'one' }, '甲。', '乙。'),
        article({ id: 'two' }, paragraph(['依照', ref('one', 2), '的规定。'])),
      ),
    );
    expect(serializeLaw(draft, 'zh')).toBe(
      lines(
        '# 示例法',
        '',
        '## 第一章 总则',
        '',
        '第一条 甲。',
        '',
        '乙。',
        '',
        '第二条 依照第一条第二款的规定。',
        '',
      ),
    );
    expect(serializeLaw(draft, 'en')).toContain('Article 2 依照Article 1(2)的规定。');
  });

  it('writes an empty title and an empty article as bare marks and labels', () => {
    const { doc: empty } = parseLaw('');
    expect(serializeLaw(empty, 'zh')).toBe('#\n\n第一条\n');
    expect(parseLaw(serializeLaw(empty, 'zh')).problems).toEqual([]);
  });
});

describe('decodeLawBytes', () => {
  const bytes = (...parts: Array<string | number[]>) =>
    new Uint8Array(parts.flatMap((p) => (typeof p === 'string' ? [...new TextEncoder().encode(p)] : p)));

  it('decodes UTF-8 and drops a byte order mark', () => {
    expect(decodeLawBytes(bytes([0xef, 0xbb, 0xbf], '# 示例法\n第一条 甲。'))).toEqual({
      ok: true,
      text: '# 示例法\n第一条 甲。',
    });
  });

  it('names the line and the byte of invalid UTF-8', () => {
    expect(decodeLawBytes(bytes('# 示例法\n第一条 甲。\n', [0xff], '乙'))).toEqual({
      ok: false,
      problem: { line: 3, message: 'not UTF-8 text (byte 0xff)' },
    });
    // Latin-1 "é": a lead byte followed by ASCII.
    expect(decodeLawBytes(bytes('a\r\nb\r\ncaf', [0xe9], ' au lait'))).toEqual({
      ok: false,
      problem: { line: 3, message: 'not UTF-8 text (byte 0xe9)' },
    });
  });

  it('rejects truncated, overlong and surrogate sequences', () => {
    const message = (...b: number[]) => {
      const result = decodeLawBytes(new Uint8Array(b));
      return result.ok ? null : result.problem.message;
    };
    expect(message(0x61, 0xe4, 0xb8)).toBe('not UTF-8 text (byte 0xe4)');
    expect(message(0xc0, 0xaf)).toBe('not UTF-8 text (byte 0xc0)');
    expect(message(0xe0, 0x80, 0xaf)).toBe('not UTF-8 text (byte 0xe0)');
    expect(message(0xed, 0xa0, 0x80)).toBe('not UTF-8 text (byte 0xed)');
    expect(message(0xf4, 0x90, 0x80, 0x80)).toBe('not UTF-8 text (byte 0xf4)');
    expect(message(0x80)).toBe('not UTF-8 text (byte 0x80)');
    expect(message(0xf0, 0x9f, 0x98, 0x80)).toBeNull();
  });

  it('reports binary data at the line of the first NUL byte', () => {
    expect(decodeLawBytes(bytes('line one\nline two\n', [0x00, 0x01, 0x02]))).toEqual({
      ok: false,
      problem: { line: 3, message: 'binary data (NUL byte)' },
    });
  });

  it('accepts exactly the bytes that a fatal TextDecoder accepts, control characters aside', () => {
    let seed = 42;
    const random = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
    const interesting = [
      0x00, 0x0a, 0x41, 0x7f, 0x80, 0xbf, 0xc2, 0xdf, 0xe0, 0xed, 0xef, 0xf0, 0xf4, 0xf5, 0xff,
    ];
    for (let n = 0; n < 3000; n++) {
      const input = new Uint8Array(1 + Math.floor(random() * 6));
      for (let i = 0; i < input.length; i++) {
        input[i] =
          random() < 0.5
            ? interesting[Math.floor(random() * interesting.length)]
            : Math.floor(random() * 256);
      }
      let valid = true;
      try {
        // Tab, line feed and carriage return are the only control characters a law may hold.
        valid = !findForbiddenCharacter(new TextDecoder('utf-8', { fatal: true }).decode(input));
      } catch {
        valid = false;
      }
      expect(decodeLawBytes(input).ok, `bytes ${[...input].join(',')}`).toBe(valid);
    }
  });
});
