/// The comparison table for a terminal: old text | new text, wrapped to the terminal's width, with
/// CJK characters counted as two columns. Changes are marked with colour (deleted red and struck
/// through, inserted green and underlined) or, without colour, as [-deleted-] and {+inserted+}.
import type { Comparison, ComparisonRow } from './comparison.ts';
import type { DisplayOptions } from './display.ts';
import { cellLabel, comparisonWords, displayBlocks, headingText, sideSegments } from './display.ts';
import type { Segment } from './inline.ts';
import type { DivisionChange } from './structure.ts';

/// Options of renderComparisonTable.
export interface TableOptions extends DisplayOptions {
  /// Total width in terminal columns. Defaults to 100; at least 40 is used.
  readonly width?: number;
  /// Whether to mark changes with ANSI colours instead of brackets. Defaults to false.
  readonly color?: boolean;
}

type Style = 'plain' | 'label' | 'insert' | 'delete' | 'note';

interface Span {
  readonly text: string;
  readonly style: Style;
}

const ansi: Record<Style, string> = {
  plain: '',
  label: '\x1b[1m',
  insert: '\x1b[32;4m',
  delete: '\x1b[31;9m',
  note: '\x1b[2m',
};
const reset = '\x1b[0m';
const brackets: Partial<Record<Style, [string, string]>> = { insert: ['{+', '+}'], delete: ['[-', '-]'] };

/// The comparison as text for a terminal, ending with a newline: a header, then for each row the
/// old and the new article side by side, its note under the new one; unchanged runs folded unless
/// `showUnchanged`.
export function renderComparisonTable(comparison: Comparison, options: TableOptions = {}): string {
  const width = Math.max(40, Math.floor(options.width ?? 100));
  const color = options.color ?? false;
  const column = Math.floor((width - 3) / 2);
  const words = comparisonWords(comparison);
  const zh = comparison.language === 'zh';
  const gap = zh ? '\u3000' : ' ';
  const out: string[] = [];
  const rule = (ch: string) => `${ch.repeat(column + 1)}+${ch.repeat(column + 1)}`;
  const paint = (spans: readonly Span[]) => layout(spans, width, color).map((line) => line.text);

  out.push(...paint([{ text: words.title, style: 'label' }]));
  out.push(...paint([{ text: words.summary(comparison), style: 'note' }]));
  out.push('');
  out.push(
    sideBySide(
      [{ text: words.oldColumn, style: 'label' }],
      [{ text: words.newColumn, style: 'label' }],
      column,
      color,
    ),
  );
  out.push(rule('='));

  const cell = (row: ComparisonRow, side: 'old' | 'new'): Span[] => {
    const label = cellLabel(row, side, comparison.language);
    if (!label) return [];
    return [
      { text: label, style: 'label' },
      { text: gap, style: 'plain' },
      ...spansOf(sideSegments(row.segments, side)),
    ];
  };
  const headingCell = (change: DivisionChange, side: 'old' | 'new'): Span[] => {
    const division = side === 'old' ? change.old : change.new;
    if (!division) return [];
    const mark: Style =
      change.kind === 'inserted' ? 'insert' : change.kind === 'deleted' ? 'delete' : 'label';
    if (change.kind !== 'renamed')
      return [{ text: headingText(change, side, comparison.language), style: mark }];
    return [{ text: division.label + gap, style: 'label' }, ...spansOf(sideSegments(change.segments, side))];
  };

  for (const block of displayBlocks(comparison, options)) {
    if (block.type === 'heading') {
      out.push(sideBySide(headingCell(block.change, 'old'), headingCell(block.change, 'new'), column, color));
      out.push(rule('-'));
    } else if (block.type === 'unchanged') {
      out.push(...paint([{ text: `  … ${block.text} …`, style: 'note' }]));
      out.push(rule('-'));
    } else {
      const right = cell(block.row, 'new');
      if (block.row.note)
        right.push({ text: '\n', style: 'plain' }, { text: `» ${block.row.note}`, style: 'note' });
      out.push(sideBySide(cell(block.row, 'old'), right, column, color));
      out.push(rule('-'));
    }
  }
  return out.join('\n') + '\n';
}

/// One line summing up a comparison, for standard error: "1 modified, 0 inserted, … 131 unchanged".
export function comparisonSummaryLine(comparison: Comparison): string {
  const s = comparison.summary;
  return `${s.modified} modified, ${s.inserted} inserted, ${s.deleted} deleted, ${s.moved} moved, ${s.unchanged} unchanged`;
}

function spansOf(segments: readonly Segment[]): Span[] {
  return segments.map((s) => ({ text: s.text, style: s.op === 'equal' ? 'plain' : s.op }));
}

function sideBySide(left: readonly Span[], right: readonly Span[], column: number, color: boolean): string {
  const a = layout(left, column, color);
  const b = layout(right, column, color);
  const lines: string[] = [];
  for (let k = 0; k < Math.max(a.length, b.length, 1); k++) {
    const l = a[k] ?? { text: '', width: 0 };
    const r = b[k] ?? { text: '', width: 0 };
    lines.push(`${l.text}${' '.repeat(column - l.width)} | ${r.text}`.trimEnd());
  }
  return lines.join('\n');
}

interface Line {
  text: string;
  width: number;
}

// Wrap styled spans into lines of at most `width` columns. Line breaks in the text start new lines;
// words of Latin script are kept whole where they fit; brackets are closed at each line's end and
// reopened on the next.
function layout(spans: readonly Span[], width: number, color: boolean): Line[] {
  const lines: Line[] = [];
  let text = '';
  let used = 0;
  let open: Style | null = null;
  const close = () => {
    if (open !== null) text += color ? (ansi[open] ? reset : '') : (brackets[open]?.[1] ?? '');
    open = null;
  };
  const newLine = () => {
    close();
    lines.push({ text, width: used });
    text = '';
    used = 0;
  };
  for (const span of spans) {
    const marks = color ? null : brackets[span.style];
    const markWidth = marks ? 4 : 0;
    for (const piece of span.text.split(/(\n)/)) {
      if (piece === '\n') {
        newLine();
        continue;
      }
      for (const unit of units(piece, width)) {
        const unitWidth = displayWidth(unit);
        const opening = open !== span.style;
        if (used > 0 && used + unitWidth + (opening ? markWidth : 0) > width) newLine();
        // A wrapped line does not start with the spaces that separated it from the line before.
        if (used === 0 && text === '' && lines.length > 0 && unit.trim() === '') continue;
        if (open !== span.style) {
          close();
          open = span.style;
          if (color) text += ansi[span.style];
          else if (marks) {
            text += marks[0];
            used += markWidth; // the opening and the closing bracket
          }
        }
        text += unit;
        used += unitWidth;
      }
    }
  }
  if (text || lines.length === 0) newLine();
  else close();
  return lines;
}

// Units that are not broken: a word of Latin script with the spaces after it (unless wider than
// a line), or one character.
function units(text: string, width: number): string[] {
  const out: string[] = [];
  for (const unit of text.match(/[A-Za-z0-9\u00C0-\u024F'’.,;:!?()-]+ *| +|[\s\S]/gu) ?? []) {
    if (unit.length > 1 && displayWidth(unit) > width) out.push(...Array.from(unit));
    else out.push(unit);
  }
  return out;
}

/// Columns a string takes in a terminal: 2 for East Asian wide and full-width characters, 0 for
/// combining marks and zero-width characters, 1 otherwise.
export function displayWidth(text: string): number {
  let width = 0;
  for (const ch of text) width += charWidth(ch.codePointAt(0)!);
  return width;
}

function charWidth(code: number): number {
  if (code === 0 || code === 0x200b || code === 0x200c || code === 0x200d || code === 0xfeff) return 0;
  if ((code >= 0x0300 && code <= 0x036f) || (code >= 0xfe00 && code <= 0xfe0f)) return 0;
  if (
    (code >= 0x1100 && code <= 0x115f) ||
    (code >= 0x2e80 && code <= 0x303e) ||
    (code >= 0x3041 && code <= 0x33ff) ||
    (code >= 0x3400 && code <= 0x4dbf) ||
    (code >= 0x4e00 && code <= 0x9fff) ||
    (code >= 0xa000 && code <= 0xa4cf) ||
    (code >= 0xac00 && code <= 0xd7a3) ||
    (code >= 0xf900 && code <= 0xfaff) ||
    (code >= 0xfe30 && code <= 0xfe4f) ||
    (code >= 0xff00 && code <= 0xff60) ||
    (code >= 0xffe0 && code <= 0xffe6) ||
    (code >= 0x1f300 && code <= 0x1f64f) ||
    (code >= 0x20000 && code <= 0x3fffd)
  ) {
    return 2;
  }
  return 1;
}
