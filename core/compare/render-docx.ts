/// The comparison table as a Word document: A4 landscape, a title and summary, then a table of
/// three columns — original text | revised text | note — whose header row repeats on every page.
/// Inserted text is underlined and deleted text struck through (the convention of published
/// comparison tables), each also coloured for reading on screen. A chapter heading row is kept with
/// the row after it, and an article's row is not split across pages (unless it is longer than a page).
/// Every run carries its language (w:lang), and the document its author.
import {
  AlignmentType,
  BorderStyle,
  Document,
  PageOrientation,
  Paragraph,
  ShadingType,
  Table,
  TableCell,
  TableLayoutType,
  TableRow,
  VerticalAlign,
  WidthType,
} from 'docx';
import type { IRunOptions, TextRun } from 'docx';
import type { Language } from '../language.ts';
import type { WordFonts, WordOptions } from '../export/word.ts';
import {
  millimetres,
  packWord,
  pageNumberFooter,
  wordAuthor,
  wordFonts,
  wordLanguage,
  wordRun,
} from '../export/word.ts';
import type { Comparison, ComparisonRow } from './comparison.ts';
import type { DisplayOptions } from './display.ts';
import {
  cellLabel,
  comparisonWords,
  displayBlocks,
  divisionNote,
  headingText,
  lineKind,
  segmentLines,
  sideSegments,
} from './display.ts';
import type { Segment } from './inline.ts';
import type { DivisionChange } from './structure.ts';

/// Options of renderComparisonDocx.
export type DocxComparisonOptions = DisplayOptions & WordOptions;

const insertColor = '1B6B3A';
const deleteColor = 'B3261E';
const ruleColor = '8C8C8C';

/// The .docx bytes of the comparison table.
export function renderComparisonDocx(
  comparison: Comparison,
  options: DocxComparisonOptions = {},
): Promise<Uint8Array> {
  return packWord(comparisonDocument(comparison, options));
}

/// The docx Document of the comparison table (before packing).
export function comparisonDocument(comparison: Comparison, options: DocxComparisonOptions = {}): Document {
  const language = comparison.language;
  const zh = language === 'zh';
  const fonts = wordFonts(language);
  const words = comparisonWords(comparison);
  const size = zh ? 22 : 20; // half-points: 11 pt and 10 pt
  const pageWidth = millimetres(297 - 2 * 20);
  const widths = [Math.round(pageWidth * 0.42), Math.round(pageWidth * 0.42)];
  widths.push(pageWidth - widths[0] - widths[1]);
  const style: CellStyle = { fonts, size, language };
  const run = (options: IRunOptions) => wordRun(language, options);

  const rows: TableRow[] = [
    new TableRow({
      tableHeader: true,
      cantSplit: true,
      children: [words.oldColumn, words.newColumn, words.noteColumn].map(
        (text, k) =>
          new TableCell({
            width: { size: widths[k], type: WidthType.DXA },
            verticalAlign: VerticalAlign.CENTER,
            shading: { type: ShadingType.CLEAR, fill: 'E7E9EC', color: 'auto' },
            children: [
              new Paragraph({
                alignment: AlignmentType.CENTER,
                children: [run({ text, font: fonts.heading, size: size + 2, bold: true })],
              }),
            ],
          }),
      ),
    }),
  ];

  for (const block of displayBlocks(comparison, options)) {
    if (block.type === 'heading') {
      const change = block.change;
      // Kept with the next row: a chapter heading never sits alone at the foot of a page.
      rows.push(
        new TableRow({
          cantSplit: true,
          children: [
            cell([headingParagraph(change, 'old', style)], widths[0], 'F7F7F7'),
            cell([headingParagraph(change, 'new', style)], widths[1], 'F7F7F7'),
            cell([noteParagraph(divisionNote(change, language), style, true)], widths[2], 'F7F7F7'),
          ],
        }),
      );
    } else if (block.type === 'unchanged') {
      rows.push(
        new TableRow({
          cantSplit: true,
          children: [
            new TableCell({
              columnSpan: 3,
              width: { size: pageWidth, type: WidthType.DXA },
              children: [
                new Paragraph({
                  alignment: AlignmentType.CENTER,
                  children: [run({ text: block.text, font: fonts.body, size: size - 2, color: '6B6B6B' })],
                }),
              ],
            }),
          ],
        }),
      );
    } else {
      const row = block.row;
      rows.push(
        new TableRow({
          cantSplit: fitsOnPage(row, language),
          children: [
            cell(
              articleParagraphs(row, 'old', style),
              widths[0],
              row.kind === 'inserted' ? 'F4F4F4' : undefined,
            ),
            cell(
              articleParagraphs(row, 'new', style),
              widths[1],
              row.kind === 'deleted' ? 'F4F4F4' : undefined,
            ),
            cell([noteParagraph(row.note, style)], widths[2]),
          ],
        }),
      );
    }
  }

  const rule = { style: BorderStyle.SINGLE, size: 4, color: ruleColor };
  const table = new Table({
    rows,
    width: { size: pageWidth, type: WidthType.DXA },
    columnWidths: widths,
    layout: TableLayoutType.FIXED,
    borders: {
      top: rule,
      bottom: rule,
      left: rule,
      right: rule,
      insideHorizontal: rule,
      insideVertical: rule,
    },
  });

  const intro = [
    new Paragraph({
      alignment: AlignmentType.CENTER,
      spacing: { after: 120 },
      children: [run({ text: words.title, font: fonts.title, size: zh ? 36 : 30, bold: !zh })],
    }),
    new Paragraph({
      alignment: AlignmentType.CENTER,
      spacing: { after: 60 },
      children: [run({ text: words.summary(comparison), font: fonts.body, size })],
    }),
    new Paragraph({
      alignment: AlignmentType.CENTER,
      spacing: { after: 200 },
      children: [run({ text: words.legend, font: fonts.body, size: size - 2, color: '555555' })],
    }),
  ];

  return new Document({
    title: words.title,
    ...wordAuthor(options),
    styles: { default: { document: { run: { font: fonts.body, size, language: wordLanguage(language) } } } },
    sections: [
      {
        properties: {
          page: {
            size: {
              width: millimetres(210),
              height: millimetres(297),
              orientation: PageOrientation.LANDSCAPE,
            },
            margin: {
              top: millimetres(20),
              bottom: millimetres(20),
              left: millimetres(20),
              right: millimetres(20),
            },
          },
        },
        footers: { default: pageNumberFooter(language) },
        children: [...intro, table],
      },
    ],
  });
}

interface CellStyle {
  readonly fonts: WordFonts;
  readonly size: number;
  readonly language: Language;
}

function cell(children: Paragraph[], width: number, fill?: string): TableCell {
  return new TableCell({
    width: { size: width, type: WidthType.DXA },
    margins: { top: 60, bottom: 60, left: 100, right: 100 },
    ...(fill ? { shading: { type: ShadingType.CLEAR, fill, color: 'auto' } } : {}),
    children,
  });
}

// Whether an article's row fits on one page, so that it may be kept whole: each side's lines, counted
// from the characters a line of its column holds at the table's size, well within a landscape page.
function fitsOnPage(row: ComparisonRow, language: Language): boolean {
  const perLine = language === 'zh' ? 26 : 56;
  const lines = (text: string | undefined) =>
    (text ?? '').split('\n').reduce((sum, line) => sum + Math.max(1, Math.ceil(line.length / perLine)), 0);
  return Math.max(lines(row.old?.text), lines(row.new?.text)) <= 30;
}

// Runs for segments: inserted underlined, deleted struck through, both coloured.
function runsOf(segments: readonly Segment[], style: CellStyle, bold = false): TextRun[] {
  return segments.map((s) =>
    wordRun(style.language, {
      text: s.text,
      font: style.fonts.body,
      size: style.size,
      bold,
      ...(s.op === 'insert' ? { underline: {}, color: insertColor } : {}),
      ...(s.op === 'delete' ? { strike: true, color: deleteColor } : {}),
    }),
  );
}

// One side of a row: a paragraph per line, the label in bold at the start of the first.
function articleParagraphs(row: ComparisonRow, side: 'old' | 'new', style: CellStyle): Paragraph[] {
  const label = cellLabel(row, side, style.language);
  if (!label) return [new Paragraph({ children: [] })];
  const zh = style.language === 'zh';
  const lines = segmentLines(sideSegments(row.segments, side));
  const labelOp =
    side === 'old' && row.kind === 'deleted'
      ? 'delete'
      : side === 'new' && row.kind === 'inserted'
        ? 'insert'
        : 'equal';
  return lines.map((line, k) => {
    const kind = k === 0 ? 'paragraph' : lineKind(line.map((s) => s.text).join(''), style.language);
    const children = runsOf(line, style);
    if (k === 0) {
      children.unshift(
        ...runsOf(
          [{ op: labelOp, text: label }],
          { ...style, fonts: { ...style.fonts, body: zh ? style.fonts.heading : style.fonts.body } },
          true,
        ),
      );
      children.splice(
        1,
        0,
        wordRun(style.language, { text: zh ? '\u3000' : ' ', font: style.fonts.body, size: style.size }),
      );
    }
    return new Paragraph({
      alignment: AlignmentType.JUSTIFIED,
      spacing: { after: 40 },
      indent: kind === 'paragraph' || zh ? undefined : { left: kind === 'item' ? 283 : 566 },
      children,
    });
  });
}

function headingParagraph(change: DivisionChange, side: 'old' | 'new', style: CellStyle): Paragraph {
  const division = side === 'old' ? change.old : change.new;
  const zh = style.language === 'zh';
  const font = style.fonts.heading;
  let runs: TextRun[] = [];
  if (division) {
    if (change.kind === 'renamed') {
      runs = [
        wordRun(style.language, {
          text: `${division.label}${zh ? '\u3000' : ' '}`,
          font,
          size: style.size,
          bold: !zh,
        }),
        ...runsOf(
          sideSegments(change.segments, side),
          { ...style, fonts: { ...style.fonts, body: font } },
          !zh,
        ),
      ];
    } else {
      const op = change.kind === 'inserted' ? 'insert' : change.kind === 'deleted' ? 'delete' : 'equal';
      runs = runsOf(
        [{ op, text: headingText(change, side, style.language) }],
        { ...style, fonts: { ...style.fonts, body: font } },
        !zh,
      );
    }
  }
  return new Paragraph({ alignment: AlignmentType.CENTER, keepNext: true, children: runs });
}

function noteParagraph(note: string, style: CellStyle, keepNext = false): Paragraph {
  return new Paragraph({
    keepNext,
    children: note
      ? [wordRun(style.language, { text: note, font: style.fonts.body, size: style.size - 2 })]
      : [],
  });
}
