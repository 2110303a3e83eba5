/// Finding an article to cite: by number ("5"), by label ("第五条", "Article 5"), or by words in its text.
/// Pure, for testing.
import type { OutlineArticle } from '../../../core/index.ts';

/// The articles matching `query`, an exact number match first; at most `limit` of them.
export function searchArticles(
  articles: readonly OutlineArticle[],
  query: string,
  limit = 200,
): readonly OutlineArticle[] {
  const needle = query.trim().toLowerCase();
  if (!needle) return articles.slice(0, limit);
  const number = /^\d+$/.test(needle) ? Number(needle) : null;
  const exact: OutlineArticle[] = [];
  const rest: OutlineArticle[] = [];
  for (const article of articles) {
    if (number !== null && article.number === number) exact.push(article);
    else if (article.label.toLowerCase().includes(needle) || article.text.toLowerCase().includes(needle)) {
      rest.push(article);
    }
    if (exact.length + rest.length >= limit && exact.length > 0) break;
  }
  return [...exact, ...rest].slice(0, limit);
}
