/// The article a comment is about when it does not say so by where it was written: the one its text
/// cites most ("第十二条", "Article 12", "本条例第十二条"), the first cited among equals. Citations of
/// another law (《网络安全法》第十二条, "Article 12 of the Cybersecurity Law") do not count.
import { parseCitations } from '../citations.ts';

/// The 1-based number of the article of the draft (of `articleCount` articles) that `text` cites
/// most, or null when it cites none of them. Never throws.
export function citedArticleNumber(text: string, articleCount: number): number | null {
  const counts = new Map<number, number>();
  for (const citation of parseCitations(text)) {
    if (citation.law === 'other' || citation.article === null) continue;
    const last = Math.min(citation.toArticle ?? citation.article, citation.article + 50);
    for (let n = citation.article; n <= last; n++) {
      if (n >= 1 && n <= articleCount) counts.set(n, (counts.get(n) ?? 0) + 1);
    }
  }
  let best: number | null = null;
  let most = 0;
  for (const [n, count] of counts) {
    if (count > most) {
      best = n;
      most = count;
    }
  }
  return best;
}
