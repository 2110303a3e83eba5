/// The JSON summary of a draft: the shape of `lifa import --json` and of the server's `export?format=json`.
import type { Outline } from '../outline.ts';

/// A problem found while reading a plain-text law.
export interface SummaryProblem {
  readonly line: number;
  readonly message: string;
}

/// `{title, language, chapters, articles, problems}`, with `chapter` on an article holding its chapter's id.
export interface DraftSummary {
  readonly title: string;
  readonly language: 'zh' | 'en';
  readonly chapters: ReadonlyArray<{
    readonly id: string | null;
    readonly label: string;
    readonly heading: string;
  }>;
  readonly articles: ReadonlyArray<{
    readonly id: string | null;
    readonly number: number;
    readonly label: string;
    readonly chapter: string | null;
    readonly text: string;
  }>;
  readonly problems: readonly SummaryProblem[];
}

/// The JSON summary of `outline`, with the reader's `problems` (empty for a live draft).
export function draftSummary(outline: Outline, problems: readonly SummaryProblem[] = []): DraftSummary {
  return {
    title: outline.title,
    language: outline.language,
    chapters: outline.divisions
      .filter((d) => d.kind === 'chapter')
      .map((d) => ({ id: d.id, label: d.label, heading: d.heading })),
    articles: outline.articles.map((a) => ({
      id: a.id,
      number: a.number,
      label: a.label,
      chapter: a.chapterId,
      text: a.text,
    })),
    problems: problems.map((p) => ({ line: p.line, message: p.message })),
  };
}
