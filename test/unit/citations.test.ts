import { describe, expect, it } from 'vitest';
import {
  parseCitations,
  parseCitation,
  tryParseCitation,
  resolveCitation,
  type Citation,
  type Language,
} from '../../core/index.ts';

// The citation `written` at its `nth` occurrence in `text`, with the given fields; the rest as for a
// bare citation (no law, no paragraph, no item).
function at(text: string, written: string, fields: Partial<Citation>, nth = 0): Citation {
  let start = -1;
  for (let i = 0; i <= nth; i++) start = text.indexOf(written, start + 1);
  if (start < 0) throw new Error(`test bug: ${written} is not in ${text}`);
  return {
    span: [start, start + written.length],
    text: written,
    law: null,
    article: null,
    paragraph: null,
    item: null,
    ...fields,
  };
}

function expectCitations(text: string, expected: Citation[], language?: Language): void {
  const found = parseCitations(text, language);
  expect(found).toEqual(expected);
  for (const c of found) expect(text.slice(c.span[0], c.span[1])).toBe(c.text);
}

describe('parseCitations: Chinese', () => {
  it('reads article, paragraph and item from 第十二条第二款第三项', () => {
    const text = '第十二条第二款第三项';
    expectCitations(text, [at(text, text, { article: 12, paragraph: 2, item: 3 })]);
  });

  it('reads an item without a paragraph from 第十二条第三项, leaving the paragraph null', () => {
    const text = '第十二条第三项';
    expectCitations(text, [at(text, text, { article: 12, item: 3 })]);
  });

  it('accepts the non-standard bracketed item 第十二条第（三）项', () => {
    const text = '第十二条第（三）项';
    expectCitations(text, [at(text, text, { article: 12, item: 3 })]);
  });

  it('reads 第一百零一条 as article 101', () => {
    const text = '第一百零一条';
    expectCitations(text, [at(text, text, { article: 101 })]);
  });

  it('reads Arabic and full-width digits', () => {
    const text = '第5条第２款';
    expectCitations(text, [at(text, text, { article: 5, paragraph: 2 })]);
  });

  it('marks 本法第三十条 as a citation of the same law', () => {
    const text = '本法第三十条';
    expectCitations(text, [at(text, text, { law: 'self', article: 30 })]);
  });

  it('marks 本条例第五条第一款 as a citation of the same regulations', () => {
    const text = '本条例第五条第一款';
    expectCitations(text, [at(text, text, { law: 'self', article: 5, paragraph: 1 })]);
  });

  it('reads the law named in book-title marks, spanning the marks but not the words around them', () => {
    const text = '依照《中华人民共和国网络安全法》第二十一条的规定';
    expectCitations(text, [
      at(text, '《中华人民共和国网络安全法》第二十一条', {
        law: 'other',
        lawName: '中华人民共和国网络安全法',
        article: 21,
      }),
    ]);
  });

  it('reads a law named without book-title marks: 网络安全法第四十一条', () => {
    const text = '网络安全法第四十一条';
    expectCitations(text, [at(text, text, { law: 'other', lawName: '网络安全法', article: 41 })]);
  });

  it('starts a bare law name after the verb before it', () => {
    const text = '根据数据安全法第二十一条和中华人民共和国个人信息保护法第三条，依照刑法第二百八十五条';
    expectCitations(text, [
      at(text, '数据安全法第二十一条', { law: 'other', lawName: '数据安全法', article: 21 }),
      at(text, '中华人民共和国个人信息保护法第三条', {
        law: 'other',
        lawName: '中华人民共和国个人信息保护法',
        article: 3,
      }),
      at(text, '刑法第二百八十五条', { law: 'other', lawName: '刑法', article: 285 }),
    ]);
  });

  it('reads 前款 and 前两款 as relative citations without numbers', () => {
    expectCitations('前款', [at('前款', '前款', { relative: 'previous-paragraph' })]);
    expectCitations('前两款', [at('前两款', '前两款', { relative: 'previous-two-paragraphs' })]);
  });

  it('reads 本条, 本款, 前条 and 前项', () => {
    const text = '本条、本款、前条和前项';
    expectCitations(text, [
      at(text, '本条', { relative: 'this-article' }),
      at(text, '本款', { relative: 'this-paragraph' }),
      at(text, '前条', { relative: 'previous-article' }),
      at(text, '前项', { relative: 'preceding-item' }),
    ]);
  });

  it('reads the paragraph of 本条第二款 and the item of 前款第三项', () => {
    const text = '本条第二款、前款第三项';
    expectCitations(text, [
      at(text, '本条第二款', { paragraph: 2, relative: 'this-article' }),
      at(text, '前款第三项', { item: 3, relative: 'previous-paragraph' }),
    ]);
  });

  it('reads a bare paragraph as one of this article', () => {
    const text = '第二款';
    expectCitations(text, [at(text, text, { paragraph: 2, relative: 'this-article' })]);
  });

  it('reads 第五条至第七条 as one range', () => {
    const text = '第五条至第七条';
    expectCitations(text, [at(text, text, { article: 5, toArticle: 7 })]);
  });

  it('reads a range of items: 前款第二项至第七项', () => {
    const text = '前款第二项至第七项';
    expectCitations(text, [at(text, text, { item: 2, toItem: 7, relative: 'previous-paragraph' })]);
  });

  it('reads 第五条、第七条 as two citations', () => {
    const text = '第五条、第七条';
    expectCitations(text, [at(text, '第五条', { article: 5 }), at(text, '第七条', { article: 7 })]);
  });

  it('shares the law and the higher levels along a list', () => {
    const text = '本法第二十四条第一款、第二款和第五十条第一款';
    expectCitations(text, [
      at(text, '本法第二十四条第一款', { law: 'self', article: 24, paragraph: 1 }),
      at(text, '第二款', { law: 'self', article: 24, paragraph: 2 }),
      at(text, '第五十条第一款', { law: 'self', article: 50, paragraph: 1 }),
    ]);
  });

  it('shares a named law along a list', () => {
    const text = '《中华人民共和国个人信息保护法》第五十三条、第五十四条';
    const lawName = '中华人民共和国个人信息保护法';
    expectCitations(text, [
      at(text, '《中华人民共和国个人信息保护法》第五十三条', { law: 'other', lawName, article: 53 }),
      at(text, '第五十四条', { law: 'other', lawName, article: 54 }),
    ]);
  });

  it('shares a relative anchor along a list of items', () => {
    const text = '前款第一项、第二项';
    expectCitations(text, [
      at(text, '前款第一项', { item: 1, relative: 'previous-paragraph' }),
      at(text, '第二项', { item: 2, relative: 'previous-paragraph' }),
    ]);
  });
});

describe('parseCitations: English', () => {
  it('reads the paragraph of Article 12(2)', () => {
    const text = 'Article 12(2)';
    expectCitations(text, [at(text, text, { article: 12, paragraph: 2 })]);
  });

  it('reads paragraph and item of Article 12(2)(3)', () => {
    const text = 'Article 12(2)(3)';
    expectCitations(text, [at(text, text, { article: 12, paragraph: 2, item: 3 })]);
  });

  it('accepts a space before the bracket: Article 12 (2)', () => {
    const text = 'Article 12 (2)';
    expectCitations(text, [at(text, text, { article: 12, paragraph: 2 })]);
  });

  it.each(['Articles 5 to 7', 'Articles 5-7', 'Articles 5–7', 'Articles 5 through 7'])(
    'reads %s as one range',
    (text) => {
      expectCitations(text, [at(text, text, { article: 5, toArticle: 7 })]);
    },
  );

  it('reads Articles 5 and 7 as two citations, each spanning what is written for it', () => {
    const text = 'Articles 5 and 7';
    expectCitations(text, [at(text, 'Articles 5', { article: 5 }), at(text, '7', { article: 7 })]);
  });

  it('reads paragraph 2 of Article 8', () => {
    const text = 'paragraph 2 of Article 8';
    expectCitations(text, [at(text, text, { article: 8, paragraph: 2 })]);
  });

  it('reads item (3) of Article 15', () => {
    const text = 'item (3) of Article 15';
    expectCitations(text, [at(text, text, { article: 15, item: 3 })]);
  });

  it('reads item (3) of paragraph 2 of Article 15', () => {
    const text = 'item (3) of paragraph 2 of Article 15';
    expectCitations(text, [at(text, text, { article: 15, paragraph: 2, item: 3 })]);
  });

  it('reads ordinal paragraphs: the first paragraph of Article 17', () => {
    const text = 'the first paragraph of Article 17';
    expectCitations(text, [at(text, text, { article: 17, paragraph: 1 })]);
  });

  it('reads the comma form Article 61, paragraph 3, of this Law', () => {
    const text = 'Article 61, paragraph 3, of this Law';
    expectCitations(text, [at(text, text, { law: 'self', article: 61, paragraph: 3 })]);
  });

  it('reads another law named after the article: Article 21 of the Cybersecurity Law', () => {
    const text = 'in accordance with Article 21 of the Cybersecurity Law, the operator';
    expectCitations(text, [
      at(text, 'Article 21 of the Cybersecurity Law', {
        law: 'other',
        lawName: 'Cybersecurity Law',
        article: 21,
      }),
    ]);
  });

  it('keeps "of the People\'s Republic of China" and "on …" in the law name', () => {
    const text = "Article 5 of the Law of the People's Republic of China on Guarding State Secrets, and";
    const lawName = "Law of the People's Republic of China on Guarding State Secrets";
    expectCitations(text, [at(text, `Article 5 of the ${lawName}`, { law: 'other', lawName, article: 5 })]);
  });

  it('marks Article 5 of these Regulations and Article 5 of this Law as the same law', () => {
    for (const text of ['Article 5 of these Regulations', 'Article 5 of this Law']) {
      expectCitations(text, [at(text, text, { law: 'self', article: 5 })]);
    }
  });

  it('reads the preceding paragraph, the preceding two paragraphs and this Article', () => {
    const text = 'the preceding paragraph, the preceding two paragraphs and this Article';
    expectCitations(text, [
      at(text, 'the preceding paragraph', { relative: 'previous-paragraph' }),
      at(text, 'the preceding two paragraphs', { relative: 'previous-two-paragraphs' }),
      at(text, 'this Article', { relative: 'this-article' }),
    ]);
  });

  it('reads items of a relative paragraph: item (1) or (2) of the preceding paragraph', () => {
    const text = 'conduct described in item (1) or (2) of the preceding paragraph causes';
    expectCitations(text, [
      at(text, 'item (1)', { item: 1, relative: 'previous-paragraph' }),
      at(text, '(2) of the preceding paragraph', { item: 2, relative: 'previous-paragraph' }),
    ]);
  });

  it('gives a law named after a list to every element of it', () => {
    const text = 'violates Article 24, paragraphs 1 or 2, or Articles 43 through 45 of this Law by';
    expectCitations(text, [
      at(text, 'Article 24, paragraphs 1', { law: 'self', article: 24, paragraph: 1 }),
      at(text, '2', { law: 'self', article: 24, paragraph: 2 }, 1), // the second "2": the first is in 24
      at(text, 'Articles 43 through 45 of this Law', { law: 'self', article: 43, toArticle: 45 }),
    ]);
  });

  it('does not give a law to a citation separated from it by more than a list separator', () => {
    const text = 'Article 5 applies, and Article 7 of this Law';
    expectCitations(text, [
      at(text, 'Article 5', { article: 5 }),
      at(text, 'Article 7 of this Law', { law: 'self', article: 7 }),
    ]);
  });
});

describe('parseCitations: what is not a citation', () => {
  it.each([
    ['the Articles of Association', 'en'],
    ['an article of clothing', 'en'],
    ['this article of clothing', 'en'],
    ['总则', 'zh'],
    ['依照本法规定', 'zh'],
    ['合同第一条款', 'zh'],
    ['根本条件', 'zh'],
    ['目前款项', 'zh'],
    ['刑法第二百八十七条之一', 'zh'],
    ['第三项目', 'zh'],
  ] as const)('finds nothing in "%s"', (text, language) => {
    expect(parseCitations(text, language)).toEqual([]);
  });

  it('skips article headings at the start of a line, but not citations there', () => {
    const zh = '第一条 为了保护个人信息权益，制定本法。\n第二条第一款规定的情形';
    expectCitations(zh, [at(zh, '第二条第一款', { article: 2, paragraph: 1 })]);
    const en = 'Article 1 This Law is enacted.\nArticle 12 (2) applies.';
    expectCitations(en, [at(en, 'Article 12 (2)', { article: 12, paragraph: 2 })]);
  });

  it('reads weak English forms only in an English text', () => {
    const text = '见 the preceding paragraph 与 Article 5 of this Law 及 paragraph 2';
    expectCitations(text, [at(text, 'Article 5 of this Law', { law: 'self', article: 5 })], 'zh');
    expect(parseCitations(text, 'en').map((c) => c.text)).toEqual([
      'the preceding paragraph',
      'Article 5 of this Law',
      'paragraph 2',
    ]);
  });

  it('reads Chinese citations inside an English text', () => {
    const text = 'The draft follows 本法第五条 and Article 7 of this Law.';
    expect(parseCitations(text).map((c) => [c.text, c.law, c.article])).toEqual([
      ['本法第五条', 'self', 5],
      ['Article 7 of this Law', 'self', 7],
    ]);
  });

  it('throws RangeError for an unsupported language', () => {
    expect(() => parseCitations('第五条', 'fr' as Language)).toThrow(RangeError);
  });
});

// Sentences from /work/shared/corpus/laws/pipl-2021-final.{zh,en}.md, article headings included.
describe('parseCitations: running text of the Personal Information Protection Law', () => {
  it('finds every citation in Chinese sentences', () => {
    const text = [
      '依照本法其他有关规定，处理个人信息应当取得个人同意，但是有前款第二项至第七项规定情形的，不需取得个人同意。',
      '第十八条 个人信息处理者处理个人信息，有法律、行政法规规定应当保密或者不需要告知的情形的，可以不向个人告知前条第一款规定的事项。',
      '第三十条 个人信息处理者处理敏感个人信息的，除本法第十七条第一款规定的事项外，还应当向个人告知处理敏感个人信息的必要性以及对个人权益的影响；依照本法规定可以不向个人告知的除外。',
      '第四十五条 个人有权向个人信息处理者查阅、复制其个人信息；有本法第十八条第一款、第三十五条规定情形的除外。',
      '前两款规定的部门统称为履行个人信息保护职责的部门。',
    ].join('\n\n');
    expectCitations(text, [
      at(text, '前款第二项至第七项', { item: 2, toItem: 7, relative: 'previous-paragraph' }),
      at(text, '前条第一款', { paragraph: 1, relative: 'previous-article' }),
      at(text, '本法第十七条第一款', { law: 'self', article: 17, paragraph: 1 }),
      at(text, '本法第十八条第一款', { law: 'self', article: 18, paragraph: 1 }),
      at(text, '第三十五条', { law: 'self', article: 35 }),
      at(text, '前两款', { relative: 'previous-two-paragraphs' }),
    ]);
  });

  it('finds every citation in the same sentences in English', () => {
    const text = [
      'Individual consent shall be obtained for processing personal information if any other relevant provisions of this Law so provide, except under the circumstances specified in Subparagraphs (2) to (7) of the preceding paragraph.',
      'Article 18 When processing personal information, personal information processors are permitted not to inform individuals of the matters specified in the first paragraph of the preceding article where laws or administrative regulations require confidentiality or provide no requirement for such notification.',
      'Article 30 In addition to the matters specified in the first paragraph of Article 17 of this Law, a processor processing sensitive personal information shall notify an individual of the necessity of processing his sensitive personal information and the impact it has on his rights and interests, except where such notification is not required in accordance with the provisions of this Law.',
      'Article 45 Individuals shall have the right to consult and duplicate their personal information from personal information processors, except under circumstances as set out in the first paragraph of Article 18 and Article 35 of this Law.',
      'The departments provided in the preceding two paragraphs are collectively referred to as the departments with personal information protection duties.',
    ].join('\n\n');
    expectCitations(text, [
      at(text, 'Subparagraphs (2) to (7) of the preceding paragraph', {
        item: 2,
        toItem: 7,
        relative: 'previous-paragraph',
      }),
      at(text, 'the first paragraph of the preceding article', {
        paragraph: 1,
        relative: 'previous-article',
      }),
      at(text, 'the first paragraph of Article 17 of this Law', { law: 'self', article: 17, paragraph: 1 }),
      at(text, 'the first paragraph of Article 18', { law: 'self', article: 18, paragraph: 1 }),
      at(text, 'Article 35 of this Law', { law: 'self', article: 35 }),
      at(text, 'the preceding two paragraphs', { relative: 'previous-two-paragraphs' }),
    ]);
  });

  it('finds a long list in the Network Data Security Regulations, in both languages', () => {
    const zh =
      '第五十五条 违反本条例第十二条、第十六条至第二十条、第二十二条、第四十条第一款和第二款、第四十一条、第四十二条规定的，由网信、电信、公安等主管部门依据各自职责责令改正';
    const en =
      'Article 55 Where anyone violates the provisions of Article 12, Articles 16 to 20, Article 22, paragraphs 1 and 2 of Article 40, Article 41, or Article 42 of these Regulations, cyberspace administration';
    const places = (text: string) =>
      parseCitations(text).map((c) => [c.law, c.article, c.toArticle ?? null, c.paragraph]);
    const expected = [
      ['self', 12, null, null],
      ['self', 16, 20, null],
      ['self', 22, null, null],
      ['self', 40, null, 1],
      ['self', 40, null, 2],
      ['self', 41, null, null],
      ['self', 42, null, null],
    ];
    expect(places(zh)).toEqual(expected);
    expect(places(en)).toEqual(expected);
  });
});

describe('parseCitation and tryParseCitation', () => {
  it('parses a text that is exactly one citation, ignoring surrounding whitespace', () => {
    expect(parseCitation('  本法第三十条 ')).toEqual(
      at('  本法第三十条 ', '本法第三十条', { law: 'self', article: 30 }),
    );
    expect(parseCitation('the preceding paragraph').relative).toBe('previous-paragraph');
  });

  it('throws a SyntaxError naming a text that is no citation', () => {
    expect(() => parseCitation('总则')).toThrow(SyntaxError);
    expect(() => parseCitation('总则')).toThrow('Not a citation: "总则"');
  });

  it('throws a SyntaxError naming a text with two citations', () => {
    expect(() => parseCitation('第五条、第七条')).toThrow(SyntaxError);
    expect(() => parseCitation('第五条、第七条')).toThrow(
      '2 citations in "第五条、第七条", not one: "第五条", "第七条"',
    );
  });

  it('gives the reason instead of throwing', () => {
    expect(tryParseCitation('总则')).toEqual({ ok: false, reason: 'Not a citation: "总则"' });
    expect(tryParseCitation('Articles 5 and 7')).toEqual({
      ok: false,
      reason: '2 citations in "Articles 5 and 7", not one: "Articles 5", "7"',
    });
    expect(tryParseCitation('依照第五条的规定')).toEqual({
      ok: false,
      reason: 'Not a citation as a whole: "依照第五条的规定" (only "第五条" is one)',
    });
    expect(tryParseCitation('Article 12(2)(3)')).toEqual({
      ok: true,
      value: at('Article 12(2)(3)', 'Article 12(2)(3)', { article: 12, paragraph: 2, item: 3 }),
    });
  });

  it('returns a frozen citation', () => {
    const c = parseCitation('第五条');
    expect(Object.isFrozen(c)).toBe(true);
    expect(Object.isFrozen(c.span)).toBe(true);
  });
});

describe('resolveCitation', () => {
  const context = { article: 12, paragraph: 3 };

  it('turns 前款 in paragraph 3 of article 12 into article 12 paragraph 2', () => {
    expect(resolveCitation(parseCitation('前款'), context)).toEqual({
      article: 12,
      paragraph: 2,
      item: null,
    });
  });

  it('turns 前两款 in paragraph 3 into paragraphs 1 to 2', () => {
    expect(resolveCitation(parseCitation('前两款'), context)).toEqual({
      article: 12,
      paragraph: 1,
      toParagraph: 2,
      item: null,
    });
  });

  it('turns 本条 and 本条第二款 into the current article', () => {
    expect(resolveCitation(parseCitation('本条'), context)).toEqual({
      article: 12,
      paragraph: null,
      item: null,
    });
    expect(resolveCitation(parseCitation('本条第二款'), context)).toEqual({
      article: 12,
      paragraph: 2,
      item: null,
    });
  });

  it('keeps the item and its range: 前款第二项至第七项', () => {
    expect(resolveCitation(parseCitation('前款第二项至第七项'), context)).toEqual({
      article: 12,
      paragraph: 2,
      item: 2,
      toItem: 7,
    });
  });

  it('resolves 前条, 本款 and 前项, and English relative phrases alike', () => {
    expect(resolveCitation(parseCitation('前条第一款'), context)).toEqual({
      article: 11,
      paragraph: 1,
      item: null,
    });
    expect(resolveCitation(parseCitation('本款第一项'), context)).toEqual({
      article: 12,
      paragraph: 3,
      item: 1,
    });
    expect(resolveCitation(parseCitation('前项'), { ...context, item: 4 })).toEqual({
      article: 12,
      paragraph: 3,
      item: 3,
    });
    expect(resolveCitation(parseCitation('item (2) of the preceding paragraph'), context)).toEqual({
      article: 12,
      paragraph: 2,
      item: 2,
    });
  });

  it('returns absolute citations of this law as they are', () => {
    expect(resolveCitation(parseCitation('本法第五条至第七条'), context)).toEqual({
      article: 5,
      toArticle: 7,
      paragraph: null,
      item: null,
    });
    expect(resolveCitation(parseCitation('Article 8(2)'), context)).toEqual({
      article: 8,
      paragraph: 2,
      item: null,
    });
  });

  it('returns null where the place cannot exist or is not known', () => {
    expect(resolveCitation(parseCitation('前款'), { article: 12, paragraph: 1 })).toBeNull();
    expect(resolveCitation(parseCitation('前款'), { article: 12 })).toBeNull();
    expect(resolveCitation(parseCitation('前两款'), { article: 12, paragraph: 2 })).toBeNull();
    expect(resolveCitation(parseCitation('前条'), { article: 1 })).toBeNull();
    expect(resolveCitation(parseCitation('前项'), context)).toBeNull();
    expect(resolveCitation(parseCitation('网络安全法第四十一条'), context)).toBeNull();
  });

  it('throws RangeError for a context that is no place', () => {
    expect(() => resolveCitation(parseCitation('前款'), { article: 0 })).toThrow(RangeError);
    expect(() => resolveCitation(parseCitation('前款'), { article: 3, paragraph: 1.5 })).toThrow(RangeError);
  });
});
