/// The first step of import: the text cut into blocks, one per non-blank line, an HTML comment
/// spanning several lines being one block. Private to core/format.
///
/// A line counts as blank when it holds only whitespace, including U+3000 (ideographic space) and
/// U+200B (zero-width space), which pasted laws use as spacers. Paragraphs are never wrapped over
/// several lines in legislative text, so consecutive lines are separate blocks whether or not blank
/// lines stand between them.
import type { LawProblem } from './problem.ts';

/// One block of the input.
export interface Block {
  /// 1-based line where the block starts.
  readonly line: number;
  /// The text, trimmed, without Markdown heading marks. A comment keeps its `<!--` and `-->`.
  readonly text: string;
  /// How many `#` marks stood before the text (0 for none).
  readonly marks: number;
  readonly comment: boolean;
}

// `\s` covers U+3000, U+00A0 and U+FEFF but not the zero-width space.
const space = /[\s\u200b]/u;

/// `text` without surrounding whitespace, zero-width spaces included. (A loop, not a regular
/// expression: `/\s+$/` takes quadratic time on a line of many spaces.)
export function trimSpace(text: string): string {
  let start = 0;
  let end = text.length;
  while (start < end && space.test(text[start])) start++;
  while (end > start && space.test(text[end - 1])) end--;
  return text.slice(start, end);
}

/// Cut `input` into blocks. A byte order mark is dropped and CRLF, CR and LF all end a line.
/// An HTML comment left open is read as a one-line comment and reported.
export function splitBlocks(input: string): { blocks: Block[]; problems: LawProblem[] } {
  const lines = input.replace(/^\uFEFF/u, '').split(/\r\n|\r|\n/u);
  const blocks: Block[] = [];
  const problems: LawProblem[] = [];
  for (let i = 0; i < lines.length; i++) {
    const text = trimSpace(lines[i]);
    if (!text) continue;
    const line = i + 1;
    if (text.startsWith('<!--')) {
      const end = text.indexOf('-->', 4) >= 0 ? i : findClose(lines, i + 1);
      if (end < 0) {
        problems.push({
          line,
          message: 'HTML comment without its closing "-->": read as a one-line comment',
        });
        blocks.push({ line, text, marks: 0, comment: true });
        continue;
      }
      const parts = [text, ...lines.slice(i + 1, end + 1).map(trimSpace)];
      blocks.push({ line, text: parts.join('\n'), marks: 0, comment: true });
      i = end;
      continue;
    }
    const marks = /^(#+)[\s\u200b]*/u.exec(text);
    if (marks)
      blocks.push({ line, text: text.slice(marks[0].length), marks: marks[1].length, comment: false });
    else blocks.push({ line, text, marks: 0, comment: false });
  }
  return { blocks, problems };
}

function findClose(lines: readonly string[], from: number): number {
  for (let i = from; i < lines.length; i++) if (lines[i].includes('-->')) return i;
  return -1;
}
