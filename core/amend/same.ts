/// What "the same law" means for an instrument's round trip: the same title, the same articles in
/// the same order with the same paragraphs, items and subitems, word for word in the key form of
/// typography.ts (spacing and punctuation width aside), and the same parts, chapters and sections
/// (headings alike but for spacing) holding the same articles.
import type { Outline, OutlineArticle } from '../outline.ts';
import { wordsKey } from './typography.ts';

/// The differences between `a` and `b` as short sentences (at most `limit`, 20 by default); empty
/// when they are the same law.
export function lawDifferences(a: Outline, b: Outline, limit = 20): string[] {
  const out: string[] = [];
  const language = b.language;
  const key = (text: string) => wordsKey(text, language);
  const push = (message: string) => {
    if (out.length < limit) out.push(message);
  };
  if (key(a.title) !== key(b.title)) push(`title: “${a.title}” / “${b.title}”`);
  if (a.articles.length !== b.articles.length)
    push(`${a.articles.length} articles / ${b.articles.length} articles`);
  const n = Math.min(a.articles.length, b.articles.length);
  for (let k = 0; k < n; k++) {
    const x = articleLines(a.articles[k], key);
    const y = articleLines(b.articles[k], key);
    if (x.length !== y.length || x.some((line, i) => line !== y[i])) {
      const at = x.findIndex((line, i) => line !== y[i]);
      push(`${b.articles[k].label}: “${x[at] ?? ''}” / “${y[at] ?? ''}”`);
    }
  }
  const divisions = (o: Outline) => {
    const byId = new Map(o.divisions.map((d) => [d.id, d]));
    return o.articles.map((article) =>
      [article.partId, article.chapterId, article.sectionId]
        .map((id) => (id ? byId.get(id) : undefined))
        .filter((d) => d !== undefined)
        .map((d) => `${d.label} ${d.heading.replace(/\s+/g, '')}`)
        .join(' / '),
    );
  };
  const da = divisions(a);
  const db = divisions(b);
  for (let k = 0; k < n; k++) {
    if (da[k] !== db[k]) push(`${b.articles[k].label} stands in “${da[k]}” / “${db[k]}”`);
  }
  return out;
}

// One line per paragraph, item and subitem, in key form, marked by level so that structure counts.
function articleLines(article: OutlineArticle, key: (text: string) => string): string[] {
  const lines: string[] = [];
  for (const paragraph of article.paragraphs) {
    lines.push(`¶${key(paragraph.text)}`);
    for (const item of paragraph.items) {
      lines.push(`§${key(item.text)}`);
      for (const subitem of item.subitems) lines.push(`·${key(subitem.text)}`);
    }
  }
  return lines;
}
