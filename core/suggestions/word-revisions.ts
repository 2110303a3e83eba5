/// Suggestions as Word revisions, for the draft's DOCX export: the runs of a paragraph or item with
/// its deleted text in `w:del` and its inserted text in `w:ins` (each with `w:author` and `w:date`),
/// paragraphs and items added as inserted paragraphs (their paragraph mark inserted too, so accepting
/// or rejecting them in Word adds or removes the whole paragraph), and a deleted article as deleted
/// runs and paragraph marks. Numbers are printed, not computed, in Word: an added article is labelled
/// as inserted articles are cited (第五条之一, Article 5A), an added item with the number it will have.
import { DeletedTextRun, InsertedTextRun, TextRun } from 'docx';
import type { IRunOptions, ParagraphChild } from 'docx';
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
import type { DraftRedline, InsertedArticle, RevisionInfo } from './redline.ts';

/// Run formatting (font, size, bold).
export type RunStyle = Omit<IRunOptions, 'text' | 'children'>;

/// A paragraph or item to add, with its runs and its inserted paragraph mark.
export interface WordInsertedBlock {
  readonly kind: 'paragraph' | 'item';
  readonly runs: ParagraphChild[];
  readonly mark: object;
}

/// The Word revisions of one article of a draft being exported.
export interface TrackedWord {
  /// A run of text that belongs to the article itself (its label): deleted with a deleted article.
  run(text: string, style: RunStyle): ParagraphChild;
  /// The runs of the block at `path` whose text is `text`.
  runs(path: readonly number[], text: string, style: RunStyle): ParagraphChild[];
  /// Whether the block at `path` has tracked changes.
  changed(path: readonly number[]): boolean;
  /// The paragraph options of the article's own paragraphs: a deleted paragraph mark when deleted.
  readonly mark: object;
  /// The insertion points of the article.
  readonly points: {
    readonly start: string;
    afterLead(paragraph: number): string;
    afterItem(paragraph: number, item: number): string;
    afterParagraph(paragraph: number): string;
  };
  /// The paragraphs and items added at `point`.
  inserted(point: string, style: RunStyle): WordInsertedBlock[];
  /// The articles added after this one: each as the runs of its paragraphs.
  articlesAfter(
    style: RunStyle,
    labelStyle: RunStyle,
  ): (ParagraphChild[][] & { readonly revision: RevisionInfo })[];
  /// The paragraph options of an added article's paragraphs.
  insertedMark(article: { readonly revision: RevisionInfo }): object;
}

const numbering = new WeakMap<DraftRedline, { next: number }>();

/// Word revision ids are unique in a document: one counter per export.
function nextId(redline: DraftRedline): number {
  let counter = numbering.get(redline);
  if (!counter) numbering.set(redline, (counter = { next: 1 }));
  return counter.next++;
}

/// The revisions of `article` in `redline` (none without one) for a document in `language`.
export function trackedWord(
  redline: DraftRedline | undefined,
  article: OutlineArticle,
  language: Language,
): TrackedWord {
  const marks = redline && article.id ? redline.articles.get(article.id) : undefined;
  const revision = (info: RevisionInfo) => ({
    id: nextId(redline!),
    author: info.author,
    date: wordDate(info.date),
  });
  const deleted = marks?.deleted ?? null;
  const zh = language === 'zh';
  const points = {
    start: startPoint,
    afterLead: afterLeadPoint,
    afterItem: afterItemPoint,
    afterParagraph: afterParagraphPoint,
  };
  const run = (text: string, style: RunStyle): ParagraphChild =>
    deleted ? new DeletedTextRun({ ...style, text, ...revision(deleted) }) : new TextRun({ ...style, text });
  return {
    run,
    changed: (path) => !!deleted || !!marks?.runs.has(blockKey(path)),
    runs: (path, text, style) => {
      const runs = marks?.runs.get(blockKey(path));
      if (deleted || !runs) return [run(text, style)];
      return runs
        .filter((r) => r.text)
        .map((r) =>
          r.kind === 'equal'
            ? new TextRun({ ...style, text: r.text })
            : r.kind === 'delete'
              ? new DeletedTextRun({ ...style, text: r.text, ...revision(r.revision!) })
              : new InsertedTextRun({ ...style, text: r.text, ...revision(r.revision!) }),
        );
    },
    mark: deleted ? { run: { deletion: revision(deleted) } } : {},
    points,
    inserted: (point, style) => {
      const list = marks?.inserted.get(point) ?? [];
      return list.map((block, k) => {
        const rev = revision(block.revision);
        const text =
          block.kind === 'item'
            ? joinLabel(label('item', insertedItemNumber(point, k), language), block.text)
            : block.text;
        return {
          kind: block.kind,
          runs: [new InsertedTextRun({ ...style, text, ...rev })],
          mark: { run: { insertion: revision(block.revision) } },
        };
      });
    },
    articlesAfter: (style, labelStyle) =>
      (marks?.articlesAfter ?? []).map((added: InsertedArticle, k) => {
        const name = insertedArticleLabel(article.label, k, language);
        const paragraphs = added.paragraphs.map((text, i) => {
          const runs: ParagraphChild[] = [
            new InsertedTextRun({ ...style, text, ...revision(added.revision) }),
          ];
          if (i === 0)
            runs.unshift(
              new InsertedTextRun({
                ...labelStyle,
                text: name + (zh ? '\u3000' : ' '),
                ...revision(added.revision),
              }),
            );
          return runs;
        });
        return Object.assign(paragraphs, { revision: added.revision });
      }),
    insertedMark: (added) => ({ run: { insertion: revision(added.revision) } }),
  };
}

/// A date as Word writes it: ISO 8601 to the second, in UTC.
function wordDate(iso: string): string {
  const ms = Date.parse(iso);
  return Number.isFinite(ms) ? new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z') : iso;
}
