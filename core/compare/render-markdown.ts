/// The comparison table in Markdown (GitHub-flavoured table): old text | new text | note, inserted
/// text in <ins>, deleted text in <del> (Markdown has no underline, and these render everywhere
/// GitHub's HTML does), paragraphs separated by <br>.
import { escapeMarkdown } from '../export/escape.ts';
import type { Comparison } from './comparison.ts';
import type { DisplayOptions } from './display.ts';
import { cellLabel, comparisonWords, displayBlocks, headingText, sideSegments } from './display.ts';
import type { Segment } from './inline.ts';
import type { DivisionChange } from './structure.ts';

/// Options of renderComparisonMarkdown.
export type MarkdownComparisonOptions = DisplayOptions;

/// The comparison as a Markdown document ending with a newline: title, summary, legend, table.
export function renderComparisonMarkdown(
  comparison: Comparison,
  options: MarkdownComparisonOptions = {},
): string {
  const words = comparisonWords(comparison);
  const language = comparison.language;
  const gap = language === 'zh' ? '\u3000' : ' ';
  const lines: string[] = [
    `# ${escapeMarkdown(words.title)}`,
    '',
    escapeMarkdown(words.summary(comparison)),
    '',
    `_${escapeMarkdown(words.legend)}_`,
    '',
    `| ${escapeMarkdown(words.oldColumn)} | ${escapeMarkdown(words.newColumn)} | ${escapeMarkdown(words.noteColumn)} |`,
    '| --- | --- | --- |',
  ];
  const heading = (change: DivisionChange, side: 'old' | 'new') => {
    const division = side === 'old' ? change.old : change.new;
    if (!division) return '';
    if (change.kind === 'renamed') {
      return `**${escapeMarkdown(division.label)}${gap}${segmentsMarkdown(sideSegments(change.segments, side))}**`;
    }
    const text = `**${escapeMarkdown(headingText(change, side, language))}**`;
    return change.kind === 'inserted'
      ? `<ins>${text}</ins>`
      : change.kind === 'deleted'
        ? `<del>${text}</del>`
        : text;
  };
  for (const block of displayBlocks(comparison, options)) {
    if (block.type === 'heading') {
      lines.push(`| ${heading(block.change, 'old')} | ${heading(block.change, 'new')} | |`);
    } else if (block.type === 'unchanged') {
      lines.push(`| _${escapeMarkdown(block.text)}_ | | |`);
    } else {
      const { row } = block;
      const cell = (side: 'old' | 'new') => {
        const label = cellLabel(row, side, language);
        return label
          ? `**${escapeMarkdown(label)}**${gap}${segmentsMarkdown(sideSegments(row.segments, side))}`
          : '';
      };
      lines.push(`| ${cell('old')} | ${cell('new')} | ${escapeMarkdown(row.note)} |`);
    }
  }
  return lines.join('\n') + '\n';
}

/// Segments as Markdown table-cell content: <ins>/<del> marks, <br> for line breaks.
export function segmentsMarkdown(segments: readonly Segment[]): string {
  return segments
    .map((s) => {
      const text = escapeMarkdown(s.text).replace(/\n/g, '<br>');
      return s.op === 'insert' ? `<ins>${text}</ins>` : s.op === 'delete' ? `<del>${text}</del>` : text;
    })
    .join('')
    .replace(/<(ins|del)><br>/g, '<br><$1>');
}
