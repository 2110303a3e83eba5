/// What every comparison renderer shows, in order: division headings, rows, and runs of unchanged
/// articles folded into one line. Renderers differ only in how they draw these blocks.
import type { Language } from '../language.ts';
import type { Comparison, ComparisonRow } from './comparison.ts';
import type { Segment } from './inline.ts';
import type { DivisionChange } from './structure.ts';

/// Options shared by the comparison renderers.
export interface DisplayOptions {
  /// Whether to show unchanged articles in full (true) or fold each run of them (one alone too),
  /// neither moved nor renumbered out of step, into one line (false). Defaults to false.
  readonly showUnchanged?: boolean;
}

/// One block of a comparison as displayed.
export type DisplayBlock =
  | { readonly type: 'heading'; readonly change: DivisionChange }
  | { readonly type: 'row'; readonly row: ComparisonRow; readonly index: number }
  | { readonly type: 'unchanged'; readonly rows: readonly ComparisonRow[]; readonly text: string };

/// The blocks of `comparison`: each row after the headings it opens, unchanged runs (a lone unchanged
/// article too) folded unless `showUnchanged`.
export function displayBlocks(comparison: Comparison, options: DisplayOptions = {}): DisplayBlock[] {
  const blocks: DisplayBlock[] = [];
  let run: ComparisonRow[] = [];
  const flush = () => {
    if (run.length > 0)
      blocks.push({ type: 'unchanged', rows: run, text: unchangedRunText(run, comparison.language) });
    run = [];
  };
  comparison.rows.forEach((row, index) => {
    if (row.headings.length) flush();
    for (const change of row.headings) blocks.push({ type: 'heading', change });
    const foldable = !options.showUnchanged && row.kind === 'unchanged' && !row.moved;
    if (foldable) {
      const last = run[run.length - 1];
      const inStep =
        !last || (row.old!.number === last.old!.number + 1 && row.new!.number === last.new!.number + 1);
      if (!inStep) flush();
      run.push(row);
      return;
    }
    flush();
    blocks.push({ type: 'row', row, index });
  });
  flush();
  return blocks;
}

/// "第一条至第八条未修改", "第十条至第十二条未修改（原第九条至第十一条）", "第五条未修改",
/// "Articles 3–10 unchanged (formerly Articles 2–9)", "Article 5 unchanged (formerly Article 4)".
export function unchangedRunText(rows: readonly ComparisonRow[], language: Language): string {
  const first = rows[0];
  const last = rows[rows.length - 1];
  const renumbered = first.old!.number !== first.new!.number;
  if (language === 'zh') {
    const range = (a: string, b: string) =>
      rows.length === 1 ? a : rows.length === 2 ? `${a}、${b}` : `${a}至${b}`;
    const now = range(first.new!.label, last.new!.label);
    return renumbered ? `${now}未修改（原${range(first.old!.label, last.old!.label)}）` : `${now}未修改`;
  }
  const range = (a: number, b: number) =>
    rows.length === 1 ? `Article ${a}` : rows.length === 2 ? `Articles ${a} and ${b}` : `Articles ${a}–${b}`;
  const now = range(first.new!.number, last.new!.number);
  return renumbered
    ? `${now} unchanged (formerly ${range(first.old!.number, last.old!.number)})`
    : `${now} unchanged`;
}

/// The segments of one side of a row: equal and deleted runs for the old side, equal and inserted
/// runs for the new side.
export function sideSegments(segments: readonly Segment[], side: 'old' | 'new'): Segment[] {
  const hidden = side === 'old' ? 'insert' : 'delete';
  return segments.filter((s) => s.op !== hidden);
}

/// The label shown at the head of a row's cell: the article's label, with "（续）" / " (cont.)"
/// on the second and later rows of a split (old side) or merge (new side). Empty when the side is absent.
export function cellLabel(row: ComparisonRow, side: 'old' | 'new', language: Language): string {
  const article = side === 'old' ? row.old : row.new;
  if (!article) return '';
  const repeated =
    row.part > 0 &&
    ((side === 'old' && row.relation === 'split') || (side === 'new' && row.relation === 'merged'));
  if (!repeated) return article.label;
  return language === 'zh' ? `${article.label}（续）` : `${article.label} (cont.)`;
}

/// Words of the comparison's frame in its language: column headings, titles, summary.
export interface ComparisonWords {
  readonly oldColumn: string;
  readonly newColumn: string;
  readonly noteColumn: string;
  readonly title: string;
  readonly changedArticles: string;
  readonly structure: string;
  readonly table: string;
  readonly redline: string;
  readonly legend: string;
  summary(comparison: Comparison): string;
}

/// The frame's words for `comparison`'s language.
export function comparisonWords(comparison: Comparison): ComparisonWords {
  const title = comparison.newTitle || comparison.oldTitle;
  if (comparison.language === 'zh') {
    return {
      oldColumn: '原条文',
      newColumn: '修改后条文',
      noteColumn: '说明',
      title: title ? `《${stripBookMarks(title)}》修改对照表` : '修改对照表',
      changedArticles: '修改条目',
      structure: '章节变动',
      table: '对照表',
      redline: '修改稿（标注）',
      legend: '下划线为新增内容，删除线为删除内容。',
      summary: ({ summary: s }) =>
        `修改${s.modified}条，新增${s.inserted}条，删除${s.deleted}条，移动${s.moved}条，未修改${s.unchanged}条`,
    };
  }
  return {
    oldColumn: 'Original text',
    newColumn: 'Revised text',
    noteColumn: 'Note',
    title: title ? `Comparison table: ${title}` : 'Comparison table',
    changedArticles: 'Changed articles',
    structure: 'Changes of chapters and sections',
    table: 'Comparison table',
    redline: 'Revised text with changes marked',
    legend: 'Inserted text is underlined; deleted text is struck through.',
    summary: ({ summary: s }) =>
      `${s.modified} amended, ${s.inserted} inserted, ${s.deleted} deleted, ${s.moved} moved, ${s.unchanged} unchanged`,
  };
}

function stripBookMarks(title: string): string {
  return title.replace(/^《(.*)》$/, '$1');
}

/// A heading's text on one side: "第一章 总则" / "Chapter I General Provisions"; empty when absent.
export function headingText(change: DivisionChange, side: 'old' | 'new', language: Language): string {
  const division = side === 'old' ? change.old : change.new;
  if (!division) return '';
  return `${division.label}${language === 'zh' ? '\u3000' : ' '}${division.heading}`.trim();
}

/// Segments cut into lines at their line breaks (paragraphs and items of an article), each line
/// with the segments, or pieces of segments, that fall in it. Never empty: an empty text is one empty line.
export function segmentLines(segments: readonly Segment[]): Segment[][] {
  const lines: Segment[][] = [[]];
  for (const segment of segments) {
    segment.text.split('\n').forEach((piece, k) => {
      if (k > 0) lines.push([]);
      if (piece) lines[lines.length - 1].push({ op: segment.op, text: piece });
    });
  }
  return lines;
}

/// What a line of an article's text is, from the label it starts with: an item (（一） / (1)),
/// a subitem (1. / (a)) or a paragraph.
export function lineKind(line: string, language: Language): 'paragraph' | 'item' | 'subitem' {
  if (language === 'zh') {
    if (/^（[一二三四五六七八九十百千零]+）/.test(line)) return 'item';
    if (/^\d+\.\s*\S/.test(line)) return 'subitem';
    return 'paragraph';
  }
  if (/^\(\d+\)/.test(line)) return 'item';
  if (/^\([a-z]{1,3}\)/.test(line)) return 'subitem';
  return 'paragraph';
}

/// The note column of a division heading row: "新增", "删除", "标题修改" / "inserted", "deleted",
/// "heading amended"; empty otherwise.
export function divisionNote(change: DivisionChange, language: Language): string {
  const zh = language === 'zh';
  switch (change.kind) {
    case 'inserted':
      return zh ? '新增' : 'inserted';
    case 'deleted':
      return zh ? '删除' : 'deleted';
    case 'renamed':
      return zh ? '标题修改' : 'heading amended';
    default:
      return '';
  }
}
