import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { buildOutline, parseLaw, sequentialIds, serializeLaw } from '../../core/index.ts';
import type { Language } from '../../core/index.ts';

// The real laws of /work/shared/corpus/laws, copied byte for byte (English licence headers included).
const fixtures = new URL('../fixtures/laws/', import.meta.url);
const read = (file: string) => readFileSync(new URL(file, fixtures), 'utf8');

interface Expected {
  readonly file: string;
  readonly language: Language;
  readonly title: string;
  readonly articles: number;
  readonly chapters: number;
  readonly sections: number;
  /// Preamble notes: enactment-history lines and HTML comments.
  readonly notes: number;
  /// Items per paragraph of a few articles, counted by hand in the files.
  readonly items: Readonly<Record<number, readonly number[]>>;
}

// Article counts from corpus/README.md; chapter, section and item counts read off the files.
const laws: readonly Expected[] = [
  {
    file: 'cybersecurity-law-2016.zh.md',
    language: 'zh',
    title: '中华人民共和国网络安全法',
    articles: 79,
    chapters: 7,
    sections: 2,
    notes: 2,
    items: { 21: [5], 34: [5], 76: [5] },
  },
  {
    file: 'cybersecurity-law-2025-amended.zh.md',
    language: 'zh',
    title: '中华人民共和国网络安全法',
    articles: 81,
    chapters: 7,
    sections: 2,
    notes: 2,
    items: { 23: [5], 62: [3, 0] },
  },
  {
    file: 'cybersecurity-law-2025-amended.en.md',
    language: 'en',
    title:
      "Cybersecurity Law of the People's Republic of China (as amended 28 October 2025, effective 1 January 2026)",
    articles: 81,
    chapters: 7,
    sections: 2,
    notes: 1,
    items: { 23: [5], 62: [3, 0] },
  },
  {
    file: 'pipl-2021-final.zh.md',
    language: 'zh',
    title: '中华人民共和国个人信息保护法',
    articles: 74,
    chapters: 8,
    sections: 3,
    notes: 2,
    items: { 13: [7, 0], 17: [4, 0, 0] },
  },
  {
    file: 'pipl-2021-final.en.md',
    language: 'en',
    title:
      "Personal Information Protection Law of the People's Republic of China (2021) — NPC English translation (for reference only)",
    articles: 74,
    chapters: 8,
    sections: 3,
    notes: 1,
    items: { 13: [7, 0], 17: [4, 0, 0] },
  },
  {
    file: 'dsl-2021-final.zh.md',
    language: 'zh',
    title: '中华人民共和国数据安全法',
    articles: 55,
    chapters: 7,
    sections: 0,
    notes: 2,
    items: { 1: [0], 55: [0] },
  },
  {
    file: 'network-data-security-regs-2024-final.zh.md',
    language: 'zh',
    title: '网络数据安全管理条例',
    articles: 64,
    chapters: 9,
    sections: 0,
    notes: 1,
    items: { 21: [4, 0], 62: [8] },
  },
  {
    file: 'network-data-security-regs-2024-final.en.md',
    language: 'en',
    title:
      'Regulations on Network Data Security Management (State Council Order No. 790, 2024) — Ministry of Justice English translation',
    articles: 64,
    chapters: 9,
    sections: 0,
    notes: 1,
    items: { 21: [4, 0], 62: [8] },
  },
  {
    file: 'cii-regulations-2021-final.zh.md',
    language: 'zh',
    title: '关键信息基础设施安全保护条例',
    articles: 51,
    chapters: 6,
    sections: 0,
    notes: 1,
    items: { 9: [0, 3], 15: [8], 39: [10] },
  },
  {
    file: 'minors-online-protection-regs-2023-final.zh.md',
    language: 'zh',
    title: '未成年人网络保护条例',
    articles: 60,
    chapters: 7,
    sections: 0,
    notes: 1,
    items: { 20: [6, 0], 34: [3, 0] },
  },
  {
    file: 'minors-protection-law-2020.zh.md',
    language: 'zh',
    title: '中华人民共和国未成年人保护法',
    articles: 132,
    chapters: 9,
    sections: 0,
    notes: 5,
    items: { 16: [10], 22: [0, 0, 4] },
  },
  {
    file: 'minors-protection-law-2024.zh.md',
    language: 'zh',
    title: '中华人民共和国未成年人保护法',
    articles: 132,
    chapters: 9,
    sections: 0,
    notes: 6,
    items: { 17: [11], 22: [0, 0, 4] },
  },
  {
    file: 'state-secrets-law-2010.zh.md',
    language: 'zh',
    title: '中华人民共和国保守国家秘密法',
    articles: 53,
    chapters: 6,
    sections: 0,
    notes: 3,
    items: { 48: [12, 0] },
  },
  {
    file: 'state-secrets-law-2024.zh.md',
    language: 'zh',
    title: '中华人民共和国保守国家秘密法',
    articles: 65,
    chapters: 6,
    sections: 0,
    notes: 4,
    items: { 57: [13, 0] },
  },
  {
    file: 'counter-espionage-law-2014.zh.md',
    language: 'zh',
    title: '中华人民共和国反间谍法',
    articles: 40,
    chapters: 5,
    sections: 0,
    notes: 2,
    items: { 36: [3, 0], 38: [5] },
  },
  {
    file: 'counter-espionage-law-2023.zh.md',
    language: 'zh',
    title: '中华人民共和国反间谍法',
    articles: 71,
    chapters: 6,
    sections: 0,
    notes: 3,
    items: { 4: [6, 0] },
  },
  {
    file: 'legislation-law-2015.zh.md',
    language: 'zh',
    title: '中华人民共和国立法法',
    articles: 105,
    chapters: 6,
    sections: 7,
    notes: 3,
    items: { 8: [11], 45: [0, 2] },
  },
  {
    file: 'legislation-law-2023.zh.md',
    language: 'zh',
    title: '中华人民共和国立法法',
    articles: 120,
    chapters: 6,
    sections: 7,
    notes: 4,
    items: { 11: [11], 48: [0, 2] },
  },
];

// Whitespace runs (spaces, U+3000, U+200B) collapsed, and removed between Chinese characters (import
// drops the typesetting spaces of headings such as "总  则"); lines trimmed, blank lines and heading marks dropped.
function normalise(text: string): string[] {
  return text
    .replace(/^\uFEFF/u, '')
    .split(/\r\n|\r|\n/u)
    .map((line) =>
      line
        .replace(/[\s\u200b]+/gu, ' ')
        .replace(/(?<=\p{Script=Han}) (?=\p{Script=Han})/gu, '')
        .trim()
        .replace(/^#+ ?/u, ''),
    )
    .filter((line) => line !== '');
}

// 未成年人网络保护条例 writes chapter titles after the first without their labels; export adds them.
const bareTitles: Record<string, string> = {
  网络素养促进: '第二章 网络素养促进',
  网络信息内容规范: '第三章 网络信息内容规范',
  个人信息网络保护: '第四章 个人信息网络保护',
  网络沉迷防治: '第五章 网络沉迷防治',
  法律责任: '第六章 法律责任',
  附则: '第七章 附则',
};

describe('the corpus of real laws', () => {
  it('covers every article count in the corpus README', () => {
    expect(laws.map((law) => law.articles)).toEqual([
      79, 81, 81, 74, 74, 55, 64, 64, 51, 60, 132, 132, 53, 65, 40, 71, 105, 120,
    ]);
  });

  describe.each(laws)('$file', (law) => {
    const text = read(law.file);
    const parsed = parseLaw(text, { ids: sequentialIds() });
    const outline = buildOutline(parsed.doc, parsed.language);

    it('parses into a valid document without problems', () => {
      expect(() => parsed.doc.check()).not.toThrow();
      expect(parsed.problems).toEqual([]);
    });

    it('detects the language of the text', () => {
      expect(parsed.language).toBe(law.language);
    });

    it('reads the title and the preamble notes', () => {
      expect(outline.title).toBe(law.title);
      expect(outline.preamble).toHaveLength(law.notes);
    });

    it('finds every article, chapter and section', () => {
      expect(outline.articles).toHaveLength(law.articles);
      expect(outline.divisions.filter((d) => d.kind === 'chapter')).toHaveLength(law.chapters);
      expect(outline.divisions.filter((d) => d.kind === 'section')).toHaveLength(law.sections);
      expect(outline.divisions.filter((d) => d.kind === 'part')).toHaveLength(0);
    });

    it('finds the items of the articles checked by hand', () => {
      for (const [number, items] of Object.entries(law.items)) {
        const article = outline.articles[Number(number) - 1];
        expect(
          article.paragraphs.map((p) => p.items.length),
          `article ${number}`,
        ).toEqual(items);
      }
    });

    it('writes the text back the same, up to whitespace and heading marks', () => {
      const expected = normalise(
        normalise(text)
          .map((line) => bareTitles[line] ?? line)
          .join('\n'),
      );
      expect(normalise(serializeLaw(parsed.doc, parsed.language))).toEqual(expected);
    });

    it('reads its own export back to the same outline', () => {
      const again = parseLaw(serializeLaw(parsed.doc, parsed.language), { ids: sequentialIds() });
      expect(again.problems).toEqual([]);
      expect(buildOutline(again.doc, again.language)).toEqual(outline);
    });

    it('reads the same outline with CRLF line endings, a BOM and no blank lines', () => {
      const compact = text
        .split('\n')
        .filter((line) => line.trim() !== '')
        .join('\r\n');
      const again = parseLaw('\uFEFF' + compact, { ids: sequentialIds() });
      expect(again.problems).toEqual([]);
      expect(buildOutline(again.doc, again.language)).toEqual(outline);
    });
  });

  it('keeps the licence attribution of the English translations', () => {
    for (const file of ['cybersecurity-law-2025-amended.en.md', 'pipl-2021-final.en.md']) {
      const text = read(file);
      const header = text.split('\n')[2];
      expect(header).toMatch(/^<!-- .*-->$/u);
      const parsed = parseLaw(text);
      expect(buildOutline(parsed.doc, parsed.language).preamble[0]).toBe(header);
      expect(serializeLaw(parsed.doc, parsed.language).split('\n')).toContain(header);
    }
    expect(read('cybersecurity-law-2025-amended.en.md')).toContain('CC BY 4.0');
  });

  it('reads the bare chapter titles of 未成年人网络保护条例 as chapters', () => {
    const parsed = parseLaw(read('minors-online-protection-regs-2023-final.zh.md'));
    const chapters = buildOutline(parsed.doc, 'zh').divisions.map((d) => `${d.label} ${d.heading}`);
    expect(chapters).toEqual([
      '第一章 总则',
      '第二章 网络素养促进',
      '第三章 网络信息内容规范',
      '第四章 个人信息网络保护',
      '第五章 网络沉迷防治',
      '第六章 法律责任',
      '第七章 附则',
    ]);
  });

  it('puts the sections of 立法法 in their chapters', () => {
    const parsed = parseLaw(read('legislation-law-2023.zh.md'));
    const { divisions } = buildOutline(parsed.doc, 'zh');
    const chapterOf = (heading: string) => {
      const section = divisions.find((d) => d.kind === 'section' && d.heading === heading)!;
      return divisions.find((d) => d.id === section.parentId)!.heading;
    };
    expect(chapterOf('立法权限')).toBe('法律');
    expect(chapterOf('规章')).toBe('地方性法规、自治条例和单行条例、规章');
  });
});
