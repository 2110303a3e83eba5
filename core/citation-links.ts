/// Citations typed as text made live: every article number written in a citation of the draft itself
/// ("本法第二十一条", "第四十一条至第四十三条", "Article 23 of this Law", "Articles 35, 36 and 40")
/// becomes a `ref` to that article, so it follows renumbering. Import runs this on what it reads.
///
/// The text reads exactly as before: a ref replaces only the written label it renders ("第二十二条第一款",
/// "Article 12(2)", or the bare "36" of a plural list), and the rest of the citation ("本法", " of this
/// Law", "paragraph 2 of ", "前款") stays text. Citations that write no article number (前款, 本条,
/// "the preceding paragraph", the "第二款" of "第十二条第一款、第二款") name their place by position, so
/// they follow renumbering already and stay text. Citations of another law (《刑法》第二十条) are not
/// this draft's and are left alone.
import type { Node as PMNode } from 'prosemirror-model';
import { Fragment } from 'prosemirror-model';
import type { Citation, CitationContext } from './citations.ts';
import { parseCitations, resolveCitation } from './citations.ts';
import type { Language } from './language.ts';
import { citationLabel } from './numbering.ts';
import { parseChineseNumeral } from './numerals.ts';
import { isSourceComment } from './outline.ts';
import { schema } from './schema.ts';

/// A citation that could not be made live, or was made live in another spelling.
export interface CitationIssue {
  /// The textblock (a `lead` or a preamble `note`) of the input document that holds the citation.
  readonly block: PMNode;
  /// The citation as written.
  readonly text: string;
  /// Why, to follow the citation: "names 第九十条, but the draft has 79 articles", "names no paragraph:
  /// there is none before it in 第三条", or for a citation made live, "is a live reference now, shown as
  /// 第二十一条".
  readonly message: string;
  /// Whether the citation was made live anyway (only respelt, not lost).
  readonly linked: boolean;
}

/// The result of linkCitations.
export interface LinkedCitations {
  /// The document with refs in place of written article numbers; `doc` itself when nothing was linked.
  readonly doc: PMNode;
  /// How many refs were made.
  readonly linked: number;
  /// Citations of the draft that name no place in it, and those linked in another spelling, in
  /// document order.
  readonly issues: readonly CitationIssue[];
}

// What each article holds, to check a citation names a place that exists.
interface ArticleShape {
  readonly id: string | null;
  /// Items per paragraph.
  readonly paragraphs: readonly number[];
}

/// Link the citations of `doc` (a document of core's schema, written in `language`) to the articles they
/// name, in article text and preamble notes (source comments aside). A citation naming an article, a
/// paragraph or an item the draft does not have, or a relative one with nothing before it (前款 in a first
/// paragraph), stays text and is reported; so is a citation whose article has no id. Never throws.
export function linkCitations(doc: PMNode, language: Language): LinkedCitations {
  const articles: ArticleShape[] = [];
  doc.descendants((node) => {
    if (node.type.name !== 'article') return node.isBlock && !node.isTextblock;
    const paragraphs: number[] = [];
    node.forEach((p) => paragraphs.push(p.childCount - 1));
    articles.push({ id: (node.attrs.id as string | null) ?? null, paragraphs });
    return false;
  });
  const linker = new Linker(articles, language);
  const content: PMNode[] = [];
  doc.forEach((child) => content.push(linker.block(child, null)));
  if (linker.linked === 0) return { doc, linked: 0, issues: linker.issues };
  return { doc: doc.copy(Fragment.fromArray(content)), linked: linker.linked, issues: linker.issues };
}

// Walks the document, keeping where it is (article, paragraph, item) for relative citations.
class Linker {
  linked = 0;
  readonly issues: CitationIssue[] = [];
  private articleNumber = 0;

  constructor(
    private readonly articles: readonly ArticleShape[],
    private readonly language: Language,
  ) {}

  // `node` with its textblocks linked; `node` itself when nothing in it changed.
  block(node: PMNode, context: CitationContext | null): PMNode {
    switch (node.type.name) {
      case 'title':
      case 'heading':
        return node;
      case 'note':
        return isSourceComment(node.textContent) ? node : this.textblock(node, null);
      case 'lead':
        // An HTML comment kept in the body is the source's, not the law's.
        return isSourceComment(node.textContent) ? node : this.textblock(node, context);
      case 'article':
        this.articleNumber++;
        return this.children(node, (child, index) =>
          this.block(child, { article: this.articleNumber, paragraph: index + 1 }),
        );
      case 'paragraph':
        // The lead, then the items (项), numbered from 1.
        return this.children(node, (child, index) =>
          this.block(child, index === 0 ? context : { ...context!, item: index }),
        );
      case 'item':
        // The item's lead and its subitems (目) share the item's place.
        return this.children(node, (child) => this.block(child, context));
      default:
        return this.children(node, (child) => this.block(child, context));
    }
  }

  private children(node: PMNode, map: (child: PMNode, index: number) => PMNode): PMNode {
    if (node.isLeaf || node.isTextblock) return node;
    const content: PMNode[] = [];
    let changed = false;
    node.forEach((child, _offset, index) => {
      const next = map(child, index);
      if (next !== child) changed = true;
      content.push(next);
    });
    return changed ? node.copy(Fragment.fromArray(content)) : node;
  }

  // A textblock with the article numbers of its citations turned into refs. Each text node is read on
  // its own, so the pieces keep its marks.
  private textblock(node: PMNode, context: CitationContext | null): PMNode {
    const content: PMNode[] = [];
    let changed = false;
    node.forEach((child) => {
      if (!child.isText) {
        content.push(child);
        return;
      }
      const pieces = this.linkText(node, child.text!, context);
      if (pieces === null) {
        content.push(child);
        return;
      }
      changed = true;
      for (const piece of pieces) {
        content.push(typeof piece === 'string' ? schema.text(piece, child.marks) : piece.mark(child.marks));
      }
    });
    return changed ? node.copy(Fragment.fromArray(content)) : node;
  }

  // The text as strings and ref nodes, or null when no citation in it was linked.
  private linkText(
    block: PMNode,
    text: string,
    context: CitationContext | null,
  ): Array<string | PMNode> | null {
    const pieces: Array<string | PMNode> = [];
    let done = 0;
    const citations = parseCitations(text, this.language);
    const ours = citationsOfThisDraft(text, citations, context !== null);
    for (const [index, citation] of citations.entries()) {
      if (!ours[index]) continue;
      const problem = this.check(citation, context ?? { article: 1 });
      if (problem) {
        this.issues.push({ block, text: citation.text, message: problem, linked: false });
        continue;
      }
      for (const mention of writtenArticles(citation, this.language)) {
        const target = this.articles[mention.article - 1]?.id;
        if (!target) continue; // checked above; a number read differently here stays text
        const ref = schema.nodes.ref.create({
          target,
          paragraph: mention.paragraph,
          item: mention.item,
          bare: mention.bare,
        });
        const start = citation.span[0] + mention.start;
        const end = citation.span[0] + mention.end;
        if (start > done) pieces.push(text.slice(done, start));
        pieces.push(ref);
        done = end;
        this.linked++;
        const written = text.slice(start, end);
        const shown = citationLabel(mention, this.language);
        if (written !== shown) {
          const message = `is a live reference now, shown as ${shown}`;
          this.issues.push({ block, text: citation.text, message, linked: true });
        }
      }
    }
    if (done === 0) return null;
    if (done < text.length) pieces.push(text.slice(done));
    return pieces;
  }

  // Why `citation`, written at `context`, names no place in the draft; null when it does.
  private check(citation: Citation, context: CitationContext): string | null {
    const resolved = resolveCitation(citation, context);
    if (!resolved) {
      const here = this.articleLabel(context.article);
      switch (citation.relative) {
        case 'previous-article':
          return 'names no article: it is in the first article';
        case 'preceding-item':
          return `names no item: it is not in an item after the first of ${here}`;
        default:
          return `names no paragraph: there is none before it in ${here}`;
      }
    }
    const count = this.articles.length;
    for (const n of [resolved.article, resolved.toArticle]) {
      if (n === undefined) continue;
      if (n > count) return `names ${this.articleLabel(n)}, but the draft has ${count} articles`;
      if (this.articles[n - 1].id === null)
        return `names ${this.articleLabel(n)}, which has no id to link to`;
    }
    const article = this.articles[resolved.article - 1];
    for (const p of [resolved.paragraph, resolved.toParagraph]) {
      if (p !== null && p !== undefined && p > article.paragraphs.length) {
        return `names paragraph ${p} of ${this.articleLabel(resolved.article)}, which has ${article.paragraphs.length}`;
      }
    }
    const items = article.paragraphs[(resolved.paragraph ?? 1) - 1] ?? 0;
    for (const i of [resolved.item, resolved.toItem]) {
      if (i !== null && i !== undefined && i > items) {
        return `names item ${i} of ${this.articleLabel(resolved.article)}, whose paragraph has ${items}`;
      }
    }
    return null;
  }

  private articleLabel(n: number): string {
    return citationLabel({ article: n }, this.language);
  }
}

// Written after a citation, it names a law or article mentioned before: "Article 45 of that Law",
// "paragraph 3 of that Article", "Article 64 of the Law" (a defined term: the parent law).
const enElsewhereAfter =
  /^,?[ \t\u00a0]+of[ \t\u00a0]+(?:that|the said|the same|the)[ \t\u00a0]+(?:Law|Article|Regulations|Code|Act)\b/;
// Written before: "its Article 21", 其第四十条, 该法第十条, 同法第五条, or a law named without book-title
// marks that the parser did not take as one (构成网络安全法第二十七条).
const enElsewhereBefore = /\b(?:its|that|their)[ \t\u00a0]+$/;
const zhElsewhereBefore = /(?:其|该法|该条例|该条|同法|同条|上述法律|[\u4e00-\u9fff](?:法|法典|条例))$/;
// Written before or after, it names the draft itself: 本稿第五条, 草案第五条, "Article 5 of the draft".
const zhDraftBefore = /(?:本稿|草案|征求意见稿)$/;
const enDraftAfter = /^,?[ \t\u00a0]+of[ \t\u00a0]+(?:the|this)[ \t\u00a0]+draft\b/;

const listGap =
  /^(?:[ \t]*[,，、][ \t]*(?:(?:and|or)[ \t]+)?|[ \t]+(?:and|or|and\/or)[ \t]+|和|及|以及|或者|或)$/;

// For each of `citations` (all those of `text`, in order), whether it cites the draft itself. The
// elements of one list ("Articles 14, 15 and 23 of the draft", 草案第十四条、第十五条) share what one
// of them says.
function citationsOfThisDraft(text: string, citations: readonly Citation[], inArticle: boolean): boolean[] {
  const ours = citations.map((citation) => namesThisDraft(text, citation, inArticle));
  if (inArticle) return ours;
  for (let pass = 0; pass < 2; pass++) {
    for (let i = 1; i < citations.length; i++) {
      const [a, b] = pass === 0 ? [i - 1, i] : [citations.length - i, citations.length - i - 1];
      const [first, second] = a < b ? [citations[a], citations[b]] : [citations[b], citations[a]];
      const joined = listGap.test(text.slice(first.span[1], second.span[0]));
      if (joined && ours[a] && !ours[b] && citations[b].law === null) ours[b] = true;
    }
  }
  return ours;
}

// Whether `citation` in `text` cites the draft itself. A citation naming another law does not; nor does
// one pointing back at a law or article named before it (see enElsewhereAfter…). In article text a citation naming no law is
// the draft's own; in a preamble note (an explanatory note, which mostly discusses the parent law) only
// one that names the draft (本条例第五条, "Article 5 of these Regulations", 草案第五条) is.
function namesThisDraft(text: string, citation: Citation, inArticle: boolean): boolean {
  if (citation.law === 'other') return false;
  // A lower-case "article 12" is prose more often than a citation ("the text of article 1"), and a ref
  // would respell it: left as written.
  if (/\barticles?[ \t\u00a0]+\d/.test(citation.text)) return false;
  const before = text.slice(Math.max(0, citation.span[0] - 8), citation.span[0]);
  const after = text.slice(citation.span[1], citation.span[1] + 24);
  if (citation.law === null) {
    if (enElsewhereAfter.test(after) || enElsewhereBefore.test(before) || zhElsewhereBefore.test(before)) {
      return false;
    }
    if (!inArticle) return zhDraftBefore.test(before) || enDraftAfter.test(after);
  }
  return inArticle || citation.article !== null;
}

// An article number written in a citation: where (offsets into the citation's text) and what it names.
interface WrittenArticle {
  readonly start: number;
  readonly end: number;
  readonly article: number;
  readonly paragraph: number | null;
  readonly item: number | null;
  readonly bare: boolean;
}

const zhNumeral = '[零〇一二两三四五六七八九十百千万0-9０-９]+';
// 第N条, with 第N款 and 第N项 when written right after it.
const zhArticle = new RegExp(`第(${zhNumeral})条(?:第(${zhNumeral})款)?(?:第(${zhNumeral})项)?`, 'g');
// "Article 12", "Article 12(2)(3)"; "Articles 23" (the number then stands alone).
const enArticle = /\bArticle(s?)[ \t\u00a0]+(\d+)((?:\(\d+\)){0,2})/g;

function zhNumber(written: string | undefined): number | null {
  if (written === undefined) return null;
  const ascii = written.replace(/[０-９]/g, (ch) => String.fromCharCode(ch.charCodeAt(0) - 0xfee0));
  return parseChineseNumeral(ascii);
}

// The article numbers written in `citation`, in order. In Chinese each 第N条 with the 款 and 项 written
// after it; in English each "Article N(p)(i)", each number after a plural "Articles", and the bare numbers
// that continue such a list ("27 of this Law") or end its range ("Articles 43 through 45").
function writtenArticles(citation: Citation, language: Language): WrittenArticle[] {
  const text = citation.text;
  const found: WrittenArticle[] = [];
  if (language === 'zh' || /第/.test(text)) {
    for (const m of text.matchAll(zhArticle)) {
      const article = zhNumber(m[1]);
      if (article === null) continue;
      found.push({
        start: m.index,
        end: m.index + m[0].length,
        article,
        paragraph: zhNumber(m[2]),
        item: zhNumber(m[3]),
        bare: false,
      });
    }
    if (found.length > 0) return found;
  }
  for (const m of text.matchAll(enArticle)) {
    const plural = m[1] === 's';
    const levels = [...m[3].matchAll(/\((\d+)\)/g)].map((l) => Number(l[1]));
    const numberStart = m.index + m[0].length - m[2].length - m[3].length;
    found.push({
      start: plural ? numberStart : m.index,
      end: plural ? numberStart + m[2].length : m.index + m[0].length,
      article: Number(m[2]),
      paragraph: plural ? null : (levels[0] ?? null),
      item: plural ? null : (levels[1] ?? null),
      bare: plural,
    });
  }
  // An element of a plural list after the first: "27 of this Law" is article 27.
  const lead = /^(\d+)\b/.exec(text);
  if (
    found.length === 0 &&
    lead &&
    citation.article === Number(lead[1]) &&
    citation.paragraph === null &&
    citation.item === null
  ) {
    found.push({
      start: 0,
      end: lead[1].length,
      article: citation.article,
      paragraph: null,
      item: null,
      bare: true,
    });
  }
  // The end of a range of articles: "Articles 43 through 45", "Articles 16 to 20".
  const last = found[found.length - 1];
  if (citation.toArticle !== undefined && last?.bare) {
    const end = new RegExp(`\\b${citation.toArticle}\\b`, 'y');
    const after = /[ \t\u00a0]*(?:[-–—]|to|through)[ \t\u00a0]*/y;
    after.lastIndex = last.end;
    if (after.exec(text)) {
      end.lastIndex = after.lastIndex;
      if (end.exec(text)) {
        found.push({
          start: after.lastIndex,
          end: end.lastIndex,
          article: citation.toArticle,
          paragraph: null,
          item: null,
          bare: true,
        });
      }
    }
  }
  return found;
}
