import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { buildOutline, parseCitations, parseLaw } from '../../core/index.ts';
import { projectPath } from '../helpers/cli.ts';

const folder = projectPath('drafts');
const files = readdirSync(folder)
  .filter((f) => f.endsWith('.law.txt'))
  .sort();

describe('seed drafts', () => {
  it('has eight English drafts, and Chinese versions of the personal-information and industrial-control drafts', () => {
    expect(files.filter((f) => f.endsWith('.en.law.txt'))).toHaveLength(8);
    expect(files.filter((f) => f.endsWith('.zh.law.txt'))).toEqual([
      '03-personal-information.zh.law.txt',
      '04-industrial-control.zh.law.txt',
    ]);
  });

  describe.each(files)('%s', (file) => {
    const text = readFileSync(`${folder}/${file}`, 'utf8');
    const language = file.endsWith('.zh.law.txt') ? 'zh' : 'en';
    const parsed = parseLaw(text);
    const outline = buildOutline(parsed.doc, parsed.language);

    it('imports with no problems, in its language', () => {
      expect(parsed.problems).toEqual([]);
      expect(parsed.language).toBe(language);
    });

    it('is a draft for comment with an explanatory note, at least 4 chapters and 20 articles', () => {
      expect(outline.title).toMatch(language === 'zh' ? /（征求意见稿）$/ : /\(Draft for Comment\)$/);
      expect(outline.preamble[0]).toBe(language === 'zh' ? '起草说明' : 'Explanatory Note');
      expect(outline.divisions.filter((d) => d.kind === 'chapter').length).toBeGreaterThanOrEqual(4);
      expect(outline.articles.length).toBeGreaterThanOrEqual(20);
      expect(outline.articles.some((a) => a.paragraphs.some((p) => p.items.length > 0))).toBe(true);
    });

    it('cites only its own articles that exist', () => {
      const self = outline.articles.flatMap((a) =>
        parseCitations(a.text, language).filter((c) => c.law === 'self' && c.article !== null),
      );
      expect(self.length).toBeGreaterThan(0);
      for (const citation of self) {
        expect(citation.article).toBeLessThanOrEqual(outline.articles.length);
        if (citation.toArticle) expect(citation.toArticle).toBeLessThanOrEqual(outline.articles.length);
      }
    });

    it('cites the Cybersecurity Law', () => {
      const other = outline.articles.flatMap((a) =>
        parseCitations(a.text, language).filter((c) => c.law === 'other'),
      );
      expect(other.some((c) => /网络安全法|Cybersecurity Law/.test(c.lawName ?? ''))).toBe(true);
    });
  });

  it('has Chinese versions that match their English drafts article for article', () => {
    for (const base of ['03-personal-information', '04-industrial-control']) {
      const en = buildOutline(parseLaw(readFileSync(`${folder}/${base}.en.law.txt`, 'utf8')).doc, 'en');
      const zh = buildOutline(parseLaw(readFileSync(`${folder}/${base}.zh.law.txt`, 'utf8')).doc, 'zh');
      expect(zh.articles).toHaveLength(en.articles.length);
      expect(zh.divisions.map((d) => d.kind)).toEqual(en.divisions.map((d) => d.kind));
      expect(zh.articles.map((a) => a.paragraphs.map((p) => p.items.length))).toEqual(
        en.articles.map((a) => a.paragraphs.map((p) => p.items.length)),
      );
    }
  });
});
