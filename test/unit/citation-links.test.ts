import { readFileSync } from 'node:fs';
import type { Node as PMNode } from 'prosemirror-model';
import { Transform } from 'prosemirror-transform';
import { describe, expect, it } from 'vitest';
import {
  article,
  buildOutline,
  citationLabel,
  compareDrafts,
  doc,
  exportDraft,
  linkCitations,
  parseLaw,
  preamble,
  sequentialIds,
  serializeLaw,
} from '../../core/index.ts';

const read = (file: string) => readFileSync(new URL(`../fixtures/laws/${file}`, import.meta.url), 'utf8');

// The refs of `node` as [label shown, target article number] pairs, in document order.
function refsOf(node: PMNode, language: 'zh' | 'en'): Array<[string, number]> {
  const numbers = new Map(buildOutline(node, language).articles.map((a) => [a.id, a.number]));
  const found: Array<[string, number]> = [];
  node.descendants((child) => {
    if (child.type.name !== 'ref') return;
    const number = numbers.get(child.attrs.target)!;
    const { paragraph: p, item, bare } = child.attrs;
    found.push([citationLabel({ article: number, paragraph: p, item, bare }, language), number]);
  });
  return found;
}

// A law of `count` articles in the plain-text format, article `at` (1-based) holding `text`.
function law(language: 'zh' | 'en', count: number, texts: Record<number, string>): string {
  const lines = [language === 'zh' ? '# 测试条例' : '# Test Regulations', ''];
  for (let n = 1; n <= count; n++) {
    const label = language === 'zh' ? `第${'一二三四五六七八九十'[n - 1]}条` : `Article ${n}`;
    lines.push(`${label} ${texts[n] ?? (language === 'zh' ? '条文。' : 'Text.')}`, '');
  }
  return lines.join('\n');
}

describe('linkCitations through parseLaw: Chinese', () => {
  it('turns 本法第二十一条 into 本法 and a live reference, leaving the text as written', () => {
    const text = law('zh', 4, {
      3: '条文。\n第二款。',
      4: '违反本法第二条规定的，依照本法第三条第二款处理。',
    });
    const parsed = parseLaw(text);
    expect(parsed.problems).toEqual([]);
    expect(refsOf(parsed.doc, 'zh')).toEqual([
      ['第二条', 2],
      ['第三条第二款', 3],
    ]);
    const outline = buildOutline(parsed.doc, 'zh');
    expect(outline.articles[3].text).toBe('违反本法第二条规定的，依照本法第三条第二款处理。');
  });

  it('links both ends of a range and keeps 至 as text', () => {
    const parsed = parseLaw(law('zh', 5, { 5: '违反本条例第二条至第四条规定的，责令改正。' }));
    expect(refsOf(parsed.doc, 'zh')).toEqual([
      ['第二条', 2],
      ['第四条', 4],
    ]);
    expect(buildOutline(parsed.doc, 'zh').articles[4].text).toBe(
      '违反本条例第二条至第四条规定的，责令改正。',
    );
  });

  it('leaves citations that write no article number as text: 前款, 本条, and 第二款 after its article', () => {
    const text = law('zh', 3, {
      2: '条文。\n第二款。',
      3: '依照本法第二条第一款、第二款的规定。\n前款规定的情形，适用本条。',
    });
    const parsed = parseLaw(text);
    expect(parsed.problems).toEqual([]);
    expect(refsOf(parsed.doc, 'zh')).toEqual([['第二条第一款', 2]]);
    const article3 = buildOutline(parsed.doc, 'zh').articles[2];
    expect(article3.paragraphs.map((p) => p.text)).toEqual([
      '依照本法第二条第一款、第二款的规定。',
      '前款规定的情形，适用本条。',
    ]);
  });

  it('lists in Problems, with its line, a citation naming an article the law does not have', () => {
    const text = law('zh', 3, { 2: '依照本法第九条的规定。' });
    const parsed = parseLaw(text);
    expect(parsed.problems).toEqual([
      { line: 5, message: 'citation 本法第九条 names 第九条, but the draft has 3 articles: kept as text' },
    ]);
    expect(refsOf(parsed.doc, 'zh')).toEqual([]);
    expect(buildOutline(parsed.doc, 'zh').articles[1].text).toBe('依照本法第九条的规定。');
  });

  it('lists a 前款 with no paragraph before it, and a paragraph the article does not have', () => {
    const text = law('zh', 2, { 1: '前款规定的情形。', 2: '依照本法第一条第三款的规定。' });
    const parsed = parseLaw(text);
    expect(parsed.problems).toEqual([
      {
        line: 3,
        message: 'citation 前款 names no paragraph: there is none before it in 第一条: kept as text',
      },
      {
        line: 5,
        message: 'citation 本法第一条第三款 names paragraph 3 of 第一条, which has 1: kept as text',
      },
    ]);
  });

  it('leaves citations of other laws alone, however they are named', () => {
    const text = law('zh', 3, {
      1: '依照《中华人民共和国刑法》第二条的规定。',
      2: '构成网络安全法第二条所禁止的行为的，依照网络安全法处罚。',
      3: '网络安全法自2017年施行，其第二条至第三条规定了原则。',
    });
    const parsed = parseLaw(text);
    expect(parsed.problems).toEqual([]);
    expect(refsOf(parsed.doc, 'zh')).toEqual([]);
  });

  it('links a citation written in digits, and says it is shown in words now', () => {
    const parsed = parseLaw(law('zh', 2, { 2: '依照本法第1条的规定。' }));
    expect(refsOf(parsed.doc, 'zh')).toEqual([['第一条', 1]]);
    expect(parsed.problems).toEqual([
      { line: 5, message: 'citation 本法第1条 is a live reference now, shown as 第一条' },
    ]);
  });

  it('links the draft cited by name in the preamble, and nothing else there', () => {
    const text = [
      '# 测试条例',
      '',
      '起草说明：网络安全法第二条规定了原则；本条例第一条、第二条作了细化，草案第三条规定了责任。',
      '',
      '<!-- 来源：第一条 -->',
      '',
      '第一条 条文。',
      '',
      '第二条 条文。',
      '',
      '第三条 条文。',
    ].join('\n');
    const parsed = parseLaw(text);
    expect(parsed.problems).toEqual([]);
    expect(refsOf(parsed.doc, 'zh')).toEqual([
      ['第一条', 1],
      ['第二条', 2],
      ['第三条', 3],
    ]);
    expect(buildOutline(parsed.doc, 'zh').preamble).toEqual([
      '起草说明：网络安全法第二条规定了原则；本条例第一条、第二条作了细化，草案第三条规定了责任。',
      '<!-- 来源：第一条 -->',
    ]);
  });
});

describe('linkCitations through parseLaw: English', () => {
  it('links "Article 3 of this Law" and "Article 2(2)", keeping the rest of the words', () => {
    const parsed = parseLaw(
      law('en', 4, { 2: 'Text.\nMore.', 4: 'Article 3 of this Law and Article 2(2) apply.' }),
      {
        language: 'en',
      },
    );
    expect(parsed.problems).toEqual([]);
    expect(refsOf(parsed.doc, 'en')).toEqual([
      ['Article 3', 3],
      ['Article 2(2)', 2],
    ]);
    expect(buildOutline(parsed.doc, 'en').articles[3].text).toBe(
      'Article 3 of this Law and Article 2(2) apply.',
    );
  });

  it('links each number of a plural list or range as the bare number', () => {
    const text = law('en', 6, {
      4: 'Text.\nMore.',
      6: 'Articles 1 and 2 of this Law, Articles 3 through 5 and paragraph 2 of Article 4 apply.',
    });
    const parsed = parseLaw(text, { language: 'en' });
    expect(parsed.problems).toEqual([]);
    expect(refsOf(parsed.doc, 'en')).toEqual([
      ['1', 1],
      ['2', 2],
      ['3', 3],
      ['5', 5],
      ['Article 4', 4],
    ]);
    expect(buildOutline(parsed.doc, 'en').articles[5].text).toBe(
      'Articles 1 and 2 of this Law, Articles 3 through 5 and paragraph 2 of Article 4 apply.',
    );
  });

  it('leaves "of that Law", "of the Law" and "its Article" alone: they point back at another law', () => {
    const text = law('en', 3, {
      3: 'In accordance with Article 1 of that Law, Article 2 of the Law and its Article 1, and paragraph 2 of that Article.',
    });
    const parsed = parseLaw(text, { language: 'en' });
    expect(parsed.problems).toEqual([]);
    expect(refsOf(parsed.doc, 'en')).toEqual([]);
  });

  it('leaves a lower-case "article 2" as written: prose more often than a citation', () => {
    const parsed = parseLaw(law('en', 2, { 2: 'This is the text of article 2, read with article 9.' }), {
      language: 'en',
    });
    expect(parsed.problems).toEqual([]);
    expect(refsOf(parsed.doc, 'en')).toEqual([]);
  });

  it('lists an article the law does not have, in English', () => {
    const parsed = parseLaw(law('en', 2, { 2: 'Article 7 of these Regulations applies.' }), {
      language: 'en',
    });
    expect(parsed.problems).toEqual([
      {
        line: 5,
        message:
          'citation Article 7 of these Regulations names Article 7, but the draft has 2 articles: kept as text',
      },
    ]);
  });

  it('links a list "of the draft" in the preamble as a whole', () => {
    const text = [
      '# Test Regulations',
      '',
      'Comments are invited on Articles 1, 2 and 3 of the draft, and on Article 2 of the Cybersecurity Law.',
      '',
      'Article 1 Text.',
      '',
      'Article 2 Text.',
      '',
      'Article 3 Text.',
    ].join('\n');
    const parsed = parseLaw(text, { language: 'en' });
    expect(refsOf(parsed.doc, 'en')).toEqual([
      ['1', 1],
      ['2', 2],
      ['3', 3],
    ]);
  });
});

describe('the Cybersecurity Law imported', () => {
  const text = read('cybersecurity-law-2016.zh.md');
  const parsed = parseLaw(text, { ids: sequentialIds('c') });
  const old = parsed.doc;

  // The same draft with a new 第一条 inserted before the first article.
  function withNewFirstArticle(): PMNode {
    const first = buildOutline(old, 'zh').articles[0];
    return new Transform(old).insert(first.pos, article({ id: 'new-first' }, '新增的第一条。')).doc;
  }

  it('reads every article citation of 本法 as a live reference, with no problem', () => {
    expect(parsed.problems).toEqual([]);
    const refs = refsOf(old, 'zh');
    expect(refs).toHaveLength(24);
    expect(refs[0]).toEqual(['第二十一条', 21]);
    // Nothing reads differently: the text written back is the text read.
    expect(serializeLaw(old, 'zh')).toBe(serializeLaw(parseLaw(serializeLaw(old, 'zh')).doc, 'zh'));
    expect(buildOutline(old, 'zh').articles[33].text).toContain('除本法第二十一条的规定外');
  });

  it('keeps 第三十五条 pointing at its article after a new 第一条: 第二十一条 becomes 第二十二条', () => {
    const renumbered = buildOutline(withNewFirstArticle(), 'zh');
    const article35 = renumbered.articles[34];
    expect(article35.label).toBe('第三十五条');
    expect(article35.text).toContain('除本法第二十二条的规定外');
    expect(renumbered.articles[59].text).toContain('本法第二十二条、第二十六条规定的');
  });

  it('compares as modified exactly the articles whose citations were renumbered', () => {
    const comparison = compareDrafts(old, withNewFirstArticle(), 'zh');
    expect(comparison.summary.inserted).toBe(1);
    const withRefs = new Set<number>();
    buildOutline(old, 'zh').articles.forEach((a) => {
      if (/本(?:法|条例)第/.test(a.text)) withRefs.add(a.number);
    });
    const modified = comparison.rows.filter((row) => row.kind === 'modified').map((row) => row.old!.number);
    expect(new Set(modified)).toEqual(withRefs);
    expect(comparison.summary.unchanged).toBe(79 - withRefs.size);
    const row34 = comparison.rows.find((row) => row.old?.number === 34)!;
    expect(row34.new!.label).toBe('第三十五条');
    expect(row34.segments.filter((s) => s.op !== 'equal').map((s) => `${s.op}:${s.text}`)).toEqual([
      'delete:一',
      'insert:二',
    ]);
  });

  it('exports the renumbered citations in every text format', async () => {
    const renumbered = withNewFirstArticle();
    for (const format of ['txt', 'html', 'akn'] as const) {
      const out = (await exportDraft(renumbered, 'zh', format)) as string;
      expect(out, format).toContain('除本法');
      expect(out, format).not.toContain('除本法第二十一条的规定外');
    }
  });
});

describe('linkCitations', () => {
  it('returns the same document when there is nothing to link', () => {
    const plain = doc('t', preamble('说明。'), article('条文。'));
    const result = linkCitations(plain, 'zh');
    expect(result.doc).toBe(plain);
    expect(result.linked).toBe(0);
    expect(result.issues).toEqual([]);
  });
});
