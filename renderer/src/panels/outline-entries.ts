/// The outline pane's rows: parts, chapters, sections and articles in document order, each with its
/// label, its heading or first words, and its depth for indentation. Pure, for testing.
import type { Outline } from '../../../core/index.ts';

/// One row of the outline pane.
export interface OutlineEntry {
  readonly kind: 'part' | 'chapter' | 'section' | 'article';
  readonly id: string | null;
  readonly pos: number;
  readonly label: string;
  /// A heading, or an article's first words.
  readonly text: string;
  /// The heading, or the article's whole text: what the filter searches.
  readonly fullText: string;
  /// 0 for top-level entries, +1 per enclosing part, chapter or section.
  readonly depth: number;
}

/// How many characters of an article's text the outline shows.
export const firstWordsLength = 40;

/// The first words of `text`: its first line, cut to `length` characters with an ellipsis.
export function firstWords(text: string, length = firstWordsLength): string {
  const line = text.split('\n', 1)[0].trim();
  const chars = [...line];
  return chars.length > length ? `${chars.slice(0, length).join('')}…` : line;
}

/// The rows of `outline`, in document order.
export function outlineEntries(outline: Outline): OutlineEntry[] {
  const depthOf = new Map<string, number>();
  const entries: OutlineEntry[] = [];
  for (const division of outline.divisions) {
    const depth = division.parentId ? (depthOf.get(division.parentId) ?? 0) + 1 : 0;
    if (division.id) depthOf.set(division.id, depth);
    entries.push({
      kind: division.kind,
      id: division.id,
      pos: division.pos,
      label: division.label,
      text: division.heading,
      fullText: division.heading,
      depth,
    });
  }
  for (const article of outline.articles) {
    const container = article.sectionId ?? article.chapterId ?? article.partId;
    const depth = container ? (depthOf.get(container) ?? 0) + 1 : 0;
    entries.push({
      kind: 'article',
      id: article.id,
      pos: article.pos,
      label: article.label,
      text: firstWords(article.text),
      fullText: article.text,
      depth,
    });
  }
  return entries.sort((a, b) => a.pos - b.pos);
}

/// The entries matching `query` in their label, heading or anywhere in an article's text (not only its
/// first words); all of them for an empty query.
export function filterEntries(entries: readonly OutlineEntry[], query: string): readonly OutlineEntry[] {
  const needle = query.trim().toLowerCase();
  if (!needle) return entries;
  return entries.filter(
    (entry) => entry.label.toLowerCase().includes(needle) || entry.fullText.toLowerCase().includes(needle),
  );
}

/// What a row shows for `query`: its first words, or — when the match lies further into the article —
/// the words around the match ("…words around the match…"), so the reader sees why it matched.
export function matchWords(entry: OutlineEntry, query: string, length = firstWordsLength): string {
  const needle = query.trim().toLowerCase();
  if (!needle || entry.text.toLowerCase().includes(needle)) return entry.text;
  const text = entry.fullText.replace(/\n/g, ' ');
  const at = text.toLowerCase().indexOf(needle);
  if (at < 0) return entry.text;
  const chars = [...text];
  const start = Math.max(0, [...text.slice(0, at)].length - Math.floor((length - [...needle].length) / 3));
  const slice = chars.slice(start, start + length).join('');
  return `${start > 0 ? '…' : ''}${slice}${start + length < chars.length ? '…' : ''}`;
}
