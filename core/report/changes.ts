/// The change made to each article between the version a draft's comments were made on and a later
/// version (or the live draft), found by article id: what the summary report's "change made" column
/// and the clerk's disposition editor show next to a decision. Built from core's comparison, so an
/// article that was renumbered, moved, split or merged is still found under its id.
import type { Comparison, ComparisonRow, RowKind } from '../compare/comparison.ts';
import type { Segment } from '../compare/inline.ts';

/// One side of a change: the article's id, label and text.
export interface ChangedArticle {
  readonly id: string | null;
  readonly label: string;
  readonly text: string;
}

/// What became of one article (one row of the comparison table).
export interface ArticleChange {
  readonly kind: RowKind;
  /// The comparison's change column: "修改；移动", "由原第十条拆分", "Amended" … Empty when unchanged.
  readonly note: string;
  readonly old: ChangedArticle | null;
  readonly new: ChangedArticle | null;
  /// The inline changes: equal+delete read as the old text, equal+insert as the new.
  readonly segments: readonly Segment[];
}

/// The articles of one side of a comparison, in outline order, as far as their ids go.
export interface IdentifiedArticle {
  readonly id: string | null;
}

/// The changes of a comparison, looked up by article id.
export interface ArticleChanges {
  /// Every change, in the comparison's row order.
  readonly all: readonly ArticleChange[];
  /// The changes touching article `id` — as it stood in the older text, or failing that in the
  /// newer one (a split article has several). Empty when the id is in neither.
  of(id: string): readonly ArticleChange[];
}

/// The changes of `comparison`, whose older side is `oldArticles` and newer side `newArticles`
/// (the outlines it was built from, whose articles carry the ids). Throws RangeError when a row
/// points past the end of either list.
export function articleChanges(
  comparison: Comparison,
  oldArticles: readonly IdentifiedArticle[],
  newArticles: readonly IdentifiedArticle[],
): ArticleChanges {
  const byOld = new Map<string, ArticleChange[]>();
  const byNew = new Map<string, ArticleChange[]>();
  const add = (map: Map<string, ArticleChange[]>, id: string | null, change: ArticleChange) => {
    if (id === null) return;
    const list = map.get(id);
    if (list) list.push(change);
    else map.set(id, [change]);
  };
  const idAt = (list: readonly IdentifiedArticle[], index: number | null, side: string): string | null => {
    if (index === null) return null;
    if (index < 0 || index >= list.length)
      throw new RangeError(`Comparison row points at ${side} article ${index} of ${list.length}`);
    return list[index].id;
  };
  const all = comparison.rows.map((row: ComparisonRow) => {
    const oldId = idAt(oldArticles, row.oldIndex, 'old');
    const newId = idAt(newArticles, row.newIndex, 'new');
    const change: ArticleChange = {
      kind: row.kind,
      note: row.note,
      old: row.old && { id: oldId, label: row.old.label, text: row.old.text },
      new: row.new && { id: newId, label: row.new.label, text: row.new.text },
      segments: row.segments,
    };
    add(byOld, oldId, change);
    add(byNew, newId, change);
    return change;
  });
  return { all, of: (id) => byOld.get(id) ?? byNew.get(id) ?? [] };
}

/// No changes at all: for a report made without a later version to compare with.
export const noArticleChanges: ArticleChanges = { all: [], of: () => [] };

/// One line of a change as shown in a report: its segments, or `null` for a run of unchanged lines
/// left out.
export type ChangeLine = readonly Segment[] | null;

/// The lines of `change` worth showing next to a decision: for a modified article, the lines with a
/// change, each run of unchanged lines between or around them replaced by one `null`; for an inserted
/// or deleted article, every line. Empty for an unchanged article.
export function changedLines(change: ArticleChange): ChangeLine[] {
  if (change.kind === 'unchanged') return [];
  const segments: readonly Segment[] = change.segments.length
    ? change.segments
    : [
        change.kind === 'deleted'
          ? { op: 'delete', text: change.old?.text ?? '' }
          : { op: 'insert', text: change.new?.text ?? '' },
      ];
  const lines: Segment[][] = [[]];
  for (const segment of segments) {
    segment.text.split('\n').forEach((piece, k) => {
      if (k > 0) lines.push([]);
      if (piece) lines[lines.length - 1].push({ op: segment.op, text: piece });
    });
  }
  if (change.kind !== 'modified') return lines;
  const shown: ChangeLine[] = [];
  for (const line of lines) {
    if (line.some((s) => s.op !== 'equal')) shown.push(line);
    else if (shown[shown.length - 1] !== null) shown.push(null);
  }
  return shown;
}
