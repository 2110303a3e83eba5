import { describe, expect, it } from 'vitest';
import {
  chineseNumeral,
  parseChineseNumeral,
  romanNumeral,
  parseRomanNumeral,
  letterNumeral,
  parseLetterNumeral,
  label,
  citationLabel,
} from '../../core/index.ts';

describe('chineseNumeral', () => {
  const cases: Array<[number, string]> = [
    [1, '一'],
    [9, '九'],
    [10, '十'],
    [11, '十一'],
    [19, '十九'],
    [20, '二十'],
    [21, '二十一'],
    [99, '九十九'],
    [100, '一百'],
    [101, '一百零一'],
    [105, '一百零五'],
    [110, '一百一十'],
    [111, '一百一十一'],
    [120, '一百二十'],
    [200, '二百'],
    [999, '九百九十九'],
    [1000, '一千'],
    [1001, '一千零一'],
    [1010, '一千零一十'],
    [1011, '一千零一十一'],
    [1100, '一千一百'],
    [1101, '一千一百零一'],
    [1110, '一千一百一十'],
    [1260, '一千二百六十'],
    [1999, '一千九百九十九'],
    [2000, '二千'],
    [10000, '一万'],
    [10001, '一万零一'],
    [10100, '一万零一百'],
    [11000, '一万一千'],
  ];
  it.each(cases)('writes %i as %s', (n, text) => {
    expect(chineseNumeral(n)).toBe(text);
  });
  it.each(cases)('reads %i back from its numeral', (n, text) => {
    expect(parseChineseNumeral(text)).toBe(n);
  });
  it('round-trips every article number up to 1999', () => {
    for (let n = 1; n <= 1999; n++) expect(parseChineseNumeral(chineseNumeral(n))).toBe(n);
  });
  it('rejects zero, negatives and fractions', () => {
    expect(() => chineseNumeral(0)).toThrow(RangeError);
    expect(() => chineseNumeral(-3)).toThrow(RangeError);
    expect(() => chineseNumeral(1.5)).toThrow(RangeError);
  });
  it('reads 两 and 〇 as written in some texts, and rejects non-numerals', () => {
    expect(parseChineseNumeral('两百')).toBe(200);
    expect(parseChineseNumeral('一〇一')).toBe(101);
    expect(parseChineseNumeral('总则')).toBeNull();
    expect(parseChineseNumeral('')).toBeNull();
  });
});

describe('romanNumeral', () => {
  it.each([
    [1, 'I'],
    [4, 'IV'],
    [9, 'IX'],
    [14, 'XIV'],
    [40, 'XL'],
    [1999, 'MCMXCIX'],
  ] as Array<[number, string]>)('writes %i as %s and reads it back', (n, text) => {
    expect(romanNumeral(n)).toBe(text);
    expect(parseRomanNumeral(text)).toBe(n);
  });
  it('rejects malformed numerals', () => {
    expect(parseRomanNumeral('IIII')).toBeNull();
    expect(parseRomanNumeral('General')).toBeNull();
  });
});

describe('letterNumeral', () => {
  it('counts a..z then aa', () => {
    expect(letterNumeral(1)).toBe('a');
    expect(letterNumeral(26)).toBe('z');
    expect(letterNumeral(27)).toBe('aa');
    expect(parseLetterNumeral('aa')).toBe(27);
  });
});

describe('label', () => {
  it('labels every level in Chinese', () => {
    expect(label('part', 1, 'zh')).toBe('第一编');
    expect(label('chapter', 3, 'zh')).toBe('第三章');
    expect(label('section', 2, 'zh')).toBe('第二节');
    expect(label('article', 101, 'zh')).toBe('第一百零一条');
    expect(label('article', 1010, 'zh')).toBe('第一千零一十条');
    expect(label('paragraph', 2, 'zh')).toBe('第二款');
    expect(label('item', 12, 'zh')).toBe('（十二）');
    expect(label('subitem', 3, 'zh')).toBe('3.');
  });
  it('labels every level in English', () => {
    expect(label('part', 1, 'en')).toBe('Part 1');
    expect(label('chapter', 4, 'en')).toBe('Chapter IV');
    expect(label('section', 2, 'en')).toBe('Section 2');
    expect(label('article', 101, 'en')).toBe('Article 101');
    expect(label('item', 3, 'en')).toBe('(3)');
    expect(label('subitem', 2, 'en')).toBe('(b)');
  });
  it('throws for a number below one', () => {
    expect(() => label('article', 0, 'en')).toThrow(RangeError);
  });
});

describe('citationLabel', () => {
  it('writes article, paragraph and item citations', () => {
    expect(citationLabel({ article: 12, paragraph: 2, item: 3 }, 'zh')).toBe('第十二条第二款第三项');
    expect(citationLabel({ article: 12 }, 'zh')).toBe('第十二条');
    expect(citationLabel({ article: 12, paragraph: 2 }, 'en')).toBe('Article 12(2)');
    expect(citationLabel({ article: 12, paragraph: 2, item: 3 }, 'en')).toBe('Article 12(2)(3)');
  });
});
