// The parser on texts far larger than any law (issue 11, finding 6): no stack overflow however many
// articles or problems, and a limit that stops reading early.
import { describe, expect, it } from 'vitest';
import { LawTooLongError, parseLaw } from '../../core/index.ts';

/// `n` articles all numbered 1: every one after the first is a problem.
const repeated = (n: number) => ['# Huge', ...Array.from({ length: n }, () => 'Article 1 x')].join('\n');

describe('parseLaw on huge texts', () => {
  it('reads 150,000 articles and reports 149,999 problems without running out of stack', () => {
    const parsed = parseLaw(repeated(150_000), { language: 'en' });
    expect(parsed.doc.childCount).toBe(150_001); // the title and the articles
    expect(parsed.problems.length).toBe(149_999);
    expect(parsed.problems[0]).toEqual({ line: 3, message: 'repeated article number: Article 1' });
  });

  it('stops at the first article over maxArticles, naming its line', () => {
    expect(parseLaw(repeated(10), { language: 'en', maxArticles: 10 }).doc.childCount).toBe(11);
    const error = (() => {
      try {
        parseLaw(repeated(150_000), { language: 'en', maxArticles: 10 });
      } catch (caught) {
        return caught;
      }
    })();
    expect(error).toBeInstanceOf(LawTooLongError);
    expect(error).toMatchObject({ maxArticles: 10, line: 12 });
  });
});
