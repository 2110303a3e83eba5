/// Suggestions as a redline in the draft's HTML export: deleted words struck through in `<del>`,
/// inserted words underlined in `<ins>` (both naming the suggestion, its author and date), added
/// paragraphs, items and articles as inserted blocks, a deleted article struck through.
import { escapeHtml } from '../export/escape.ts';
import type { Language } from '../language.ts';
import { label } from '../numbering.ts';
import { joinLabel } from '../outline.ts';
import type { OutlineArticle } from '../outline.ts';
import {
  afterItemPoint,
  afterLeadPoint,
  afterParagraphPoint,
  blockKey,
  insertedArticleLabel,
  insertedItemNumber,
  startPoint,
} from './redline.ts';
import type { DraftRedline, RevisionInfo } from './redline.ts';

/// The styles of the redline.
export const redlineStyle = `
ins.sugg { text-decoration: underline; text-decoration-thickness: 2px; color: #0b5c2e; background: #e7f5ec; }
del.sugg { text-decoration: line-through; color: #9b1c1c; background: #fbeaea; }
.article.deleted { opacity: .85; }
p.inserted { border-left: 3px solid #0b5c2e; padding-left: .5em; }
`;

/// The HTML redline of one article (none without a redline).
export interface HtmlRedline {
  /// Whether there is anything to mark in the article.
  readonly active: boolean;
  readonly deleted: boolean;
  /// The block at `path`, whose text is `text`, as escaped HTML with its changes marked.
  text(path: readonly number[], text: string): string;
  /// A piece of the article itself (its label): struck through with a deleted article.
  own(html: string): string;
  /// Added blocks at `point`, as `<p>` elements.
  inserted(point: string): string;
  /// Articles added after this one, as `<section>` elements.
  articlesAfter(): string;
  readonly points: {
    readonly start: string;
    afterLead(paragraph: number): string;
    afterItem(paragraph: number, item: number): string;
    afterParagraph(paragraph: number): string;
  };
}

function attributes(revision: RevisionInfo): string {
  const when = revision.date.slice(0, 10);
  return ` class="sugg" data-suggestion="${escapeHtml(revision.suggestionId)}" datetime="${escapeHtml(revision.date)}" title="${escapeHtml(`${revision.author}, ${when}`)}"`;
}

/// `html` inserted (`ins`) or deleted (`del`) by `revision`.
function mark(tag: 'ins' | 'del', html: string, revision: RevisionInfo): string {
  return html ? `<${tag}${attributes(revision)}>${html}</${tag}>` : '';
}

/// The redline of `article` in `redline` for a page in `language`.
export function htmlRedline(
  redline: DraftRedline | undefined,
  article: OutlineArticle,
  language: Language,
): HtmlRedline {
  const marks = redline && article.id ? redline.articles.get(article.id) : undefined;
  const deleted = marks?.deleted ?? null;
  const zh = language === 'zh';
  const own = (html: string) => (deleted ? mark('del', html, deleted) : html);
  return {
    active: !!marks,
    deleted: !!deleted,
    own,
    text: (path, text) => {
      const runs = marks?.runs.get(blockKey(path));
      if (deleted || !runs) return own(escapeHtml(text));
      return runs
        .map((r) =>
          r.kind === 'equal'
            ? escapeHtml(r.text)
            : mark(r.kind === 'delete' ? 'del' : 'ins', escapeHtml(r.text), r.revision!),
        )
        .join('');
    },
    inserted: (point) => {
      const list = marks?.inserted.get(point) ?? [];
      return list
        .map((block, k) => {
          const text =
            block.kind === 'item'
              ? joinLabel(label('item', insertedItemNumber(point, k), language), block.text)
              : block.text;
          return `<p class="inserted${block.kind === 'item' ? ' item' : ''}">${mark('ins', escapeHtml(text), block.revision)}</p>`;
        })
        .join('');
    },
    articlesAfter: () =>
      (marks?.articlesAfter ?? [])
        .map((added, k) => {
          const name = insertedArticleLabel(article.label, k, language);
          const paragraphs = added.paragraphs.map((text, i) => {
            const lead = i === 0 ? `<span class="label">${escapeHtml(name)}</span>${zh ? '　' : ' '}` : '';
            return `<p class="inserted">${mark('ins', lead + escapeHtml(text), added.revision)}</p>`;
          });
          return `<section class="article inserted">${paragraphs.join('')}</section>`;
        })
        .join(''),
    points: {
      start: startPoint,
      afterLead: afterLeadPoint,
      afterItem: afterItemPoint,
      afterParagraph: afterParagraphPoint,
    },
  };
}
