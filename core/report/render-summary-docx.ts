/// The summary report as a Word document, laid out as the report a legislature publishes on how
/// comments were handled (征求意见采纳情况): A4 landscape; the title; an overview with the totals,
/// the dispositions and the submitters; then one table for all articles — 条文 | 意见摘要 | 意见数 |
/// 处理意见 | 理由 | 修改情况 — with a row per disposition and reason, the article cell spanning its
/// rows and the header row repeated on every page. Inserted text is underlined and deleted text struck
/// through, as in comparison tables.
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
  TextRun,
  VerticalAlign,
  WidthType,
} from 'docx';
import { dispositionKinds } from '../comments/disposition.ts';
import type { DispositionKind } from '../comments/disposition.ts';
import type { Segment } from '../compare/inline.ts';
import type { WordOptions } from '../export/word.ts';
import {
  millimetres,
  packWord,
  pageNumberFooter,
  wordAuthor,
  wordFonts,
  wordLanguage,
} from '../export/word.ts';
import type { WordFonts } from '../export/word.ts';
import type { ArticleChange } from './changes.ts';
import { changedLines } from './changes.ts';
import type { DispositionGroup, SummaryReport, SummarySection } from './summary.ts';
import { textWidthEm } from './text-width.ts';
import { dispositionColors, summaryWords } from './words.ts';
import type { SummaryWords } from './words.ts';

const ruleColor = '8C8C8C';
const headerFill = 'E7E9EC';
const insertColor = '1B6B3A';
const deleteColor = 'B3261E';

/// The .docx bytes of the report; `options.author` is its author (the clerk who exports it).
export function renderSummaryDocx(report: SummaryReport, options: WordOptions = {}): Promise<Uint8Array> {
  return packWord(summaryDocument(report, options));
}

interface Style {
  readonly fonts: WordFonts;
  /// Body size in half-points.
  readonly size: number;
  readonly zh: boolean;
  readonly w: SummaryWords;
}

/// The docx Document of the report (before packing).
export function summaryDocument(report: SummaryReport, options: WordOptions = {}): Document {
  const zh = report.language === 'zh';
  const fonts = wordFonts(report.language);
  const w = summaryWords(report.language, report.draft.title);
  const s: Style = { fonts, size: zh ? 21 : 20, zh, w };
  const pageWidth = millimetres(297 - 2 * 20);

  const children: (Paragraph | Table)[] = [
    new Paragraph({
      alignment: AlignmentType.CENTER,
      spacing: { after: 160 },
      children: [new TextRun({ text: w.title, font: fonts.title, size: zh ? 40 : 32, bold: true })],
    }),
  ];
  if (report.personalData) {
    children.push(
      new Paragraph({
        alignment: AlignmentType.CENTER,
        spacing: { after: 120 },
        border: {
          top: { style: BorderStyle.SINGLE, size: 8, color: deleteColor, space: 2 },
          bottom: { style: BorderStyle.SINGLE, size: 8, color: deleteColor, space: 2 },
        },
        children: [
          new TextRun({
            text: w.personalDataNotice,
            font: fonts.heading,
            size: 24,
            bold: true,
            color: deleteColor,
          }),
        ],
      }),
    );
  }
  const meta = [
    ...(report.versions ? [w.versions(report.versions.from, report.versions.to)] : []),
    w.generated(report.generatedAt),
  ];
  children.push(
    new Paragraph({
      alignment: AlignmentType.CENTER,
      spacing: { after: 240 },
      children: [
        new TextRun({
          text: meta.join(zh ? '　' : '  ·  '),
          font: fonts.subheading,
          size: s.size,
          color: '555555',
        }),
      ],
    }),
  );

  children.push(heading(zh ? `一、${w.overview}` : `1. ${w.overview}`, s));
  children.push(
    new Paragraph({
      alignment: AlignmentType.JUSTIFIED,
      spacing: { after: 160, line: 360 },
      indent: zh ? { firstLine: 480 } : undefined,
      children: [new TextRun({ text: w.totals(report), font: fonts.body, size: zh ? 24 : 22 })],
    }),
  );
  children.push(overviewTable(report, s, pageWidth));

  children.push(heading(zh ? `二、${w.byArticle}` : `2. ${w.byArticle}`, s));
  children.push(articlesTable(report, s, pageWidth));

  return new Document({
    title: w.title,
    ...wordAuthor(options),
    styles: {
      default: {
        document: { run: { font: fonts.body, size: s.size, language: wordLanguage(report.language) } },
      },
    },
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
              bottom: millimetres(18),
              left: millimetres(20),
              right: millimetres(20),
            },
          },
        },
        footers: { default: pageNumberFooter(report.language) },
        children,
      },
    ],
  });
}

function heading(text: string, s: Style): Paragraph {
  return new Paragraph({
    spacing: { before: 240, after: 120 },
    keepNext: true,
    children: [new TextRun({ text, font: s.fonts.heading, size: s.zh ? 28 : 24, bold: !s.zh })],
  });
}

const rule = { style: BorderStyle.SINGLE, size: 4, color: ruleColor };
// Cell padding, set once for each table rather than on every cell.
const cellMargins = { top: 60, bottom: 60, left: 100, right: 100 };
const borders = {
  top: rule,
  bottom: rule,
  left: rule,
  right: rule,
  insideHorizontal: rule,
  insideVertical: rule,
};

function text(
  value: string,
  s: Style,
  options: { bold?: boolean; color?: string; size?: number; font?: 'heading' } = {},
) {
  // The body font and size are the document's defaults: a run says only how it differs (a report of
  // thousands of rows is mostly runs, and every attribute written is XML built and packed).
  return new TextRun({
    text: value,
    ...(options.font === 'heading' ? { font: s.fonts.heading } : {}),
    ...(options.size !== undefined && options.size !== s.size ? { size: options.size } : {}),
    ...(options.bold ? { bold: true } : {}),
    ...(options.color ? { color: options.color } : {}),
  });
}

function cell(
  paragraphs: Paragraph[],
  width: number,
  options: { fill?: string; rowSpan?: number; center?: boolean } = {},
): TableCell {
  return new TableCell({
    width: { size: width, type: WidthType.DXA },
    rowSpan: options.rowSpan,
    verticalAlign: options.center ? VerticalAlign.CENTER : VerticalAlign.TOP,
    ...(options.fill ? { shading: { type: ShadingType.CLEAR, fill: options.fill, color: 'auto' } } : {}),
    children: paragraphs.length ? paragraphs : [new Paragraph({})],
  });
}

function headerRow(labels: readonly string[], widths: readonly number[], s: Style): TableRow {
  return new TableRow({
    tableHeader: true,
    cantSplit: true,
    children: labels.map((label, k) =>
      cell(
        [
          new Paragraph({
            alignment: AlignmentType.CENTER,
            children: [text(label, s, { bold: true, font: 'heading' })],
          }),
        ],
        widths[k],
        { fill: headerFill, center: true },
      ),
    ),
  });
}

// Dispositions and submitter types of the whole draft, side by side in one table of six columns.
function overviewTable(report: SummaryReport, s: Style, pageWidth: number): Table {
  const w = s.w;
  const t = report.totals;
  const total = t.comments || 1;
  const share = (n: number) => `${((100 * n) / total).toFixed(1)}%`;
  const kinds = [...dispositionKinds, 'pending' as const].filter((k) => t.dispositions[k] > 0);
  const types = t.bySubmitterType;
  const all = [0.26, 0.12, 0.12, 0.26, 0.12, 0.12].map((f) => Math.round(pageWidth * f));
  const rows = [
    headerRow([w.byDisposition, w.columns.count, w.share, w.bySubmitter, w.columns.count, w.share], all, s),
  ];
  const n = Math.max(kinds.length, types.length, 1);
  const right = (value: string) =>
    new Paragraph({ alignment: AlignmentType.RIGHT, children: [text(value, s)] });
  for (let i = 0; i < n; i++) {
    const k = kinds[i];
    const type = types[i];
    rows.push(
      new TableRow({
        cantSplit: true,
        children: [
          cell(
            k
              ? [
                  new Paragraph({
                    children: [
                      text('■ ', s, { color: dispositionColors[k].slice(1) }),
                      text(w.disposition(k), s),
                    ],
                  }),
                ]
              : [],
            all[0],
          ),
          cell(k ? [right(String(t.dispositions[k]))] : [], all[1]),
          cell(k ? [right(share(t.dispositions[k]))] : [], all[2]),
          cell(type ? [new Paragraph({ children: [text(w.submitterType(type.type), s)] })] : [], all[3]),
          cell(type ? [right(String(type.count))] : [], all[4]),
          cell(type ? [right(share(type.count))] : [], all[5]),
        ],
      }),
    );
  }
  return new Table({
    rows,
    width: { size: pageWidth, type: WidthType.DXA },
    columnWidths: all,
    layout: TableLayoutType.FIXED,
    borders,
    margins: cellMargins,
  });
}

// The table of every article: 条文 | 意见摘要 | 意见数 | 处理意见 | 理由 | 修改情况.
function articlesTable(report: SummaryReport, s: Style, pageWidth: number): Table {
  const w = s.w;
  const fractions = s.zh ? [0.12, 0.3, 0.065, 0.095, 0.19] : [0.11, 0.29, 0.08, 0.1, 0.18];
  const c = w.columns;
  const labels = [c.article, c.points, c.count, c.disposition, c.reason, c.change];
  const widths = headedWidths(labels, fractions, pageWidth, s);
  const rows = [headerRow(labels, widths, s)];
  for (const section of report.sections) {
    section.groups.forEach((group, k) => {
      const cells: TableCell[] = [];
      if (k === 0)
        cells.push(
          cell(articleCell(section, s), widths[0], { rowSpan: section.groups.length, fill: 'F7F8FA' }),
        );
      cells.push(
        cell(pointParagraphs(group, s), widths[1]),
        cell(
          [new Paragraph({ alignment: AlignmentType.CENTER, children: [text(String(group.count), s)] })],
          widths[2],
          { center: true },
        ),
        cell(
          [
            new Paragraph({
              alignment: AlignmentType.CENTER,
              children: [text(w.disposition(group.kind), s, { bold: true, color: kindColor(group.kind) })],
            }),
          ],
          widths[3],
          { center: true },
        ),
        cell(reasonParagraphs(group, s), widths[4]),
        cell(changeParagraphs(group.changes, s), widths[5]),
      );
      // An article's first row is kept with its second, so that its label never stands alone at
      // the foot of a page; a row without a change (short) is not split across pages.
      const together = k === 0 && section.groups.length > 1;
      rows.push(new TableRow({ children: cells, keepNext: together, cantSplit: group.changes.length === 0 }));
    });
  }
  return new Table({
    rows,
    width: { size: pageWidth, type: WidthType.DXA },
    columnWidths: widths,
    layout: TableLayoutType.FIXED,
    borders,
    margins: cellMargins,
  });
}

// Column widths from `fractions` of the page (the last column takes the rest), each column at least
// as wide as its head: a head is one or two short words, and a word broken across lines
// ("Comme|nts") reads badly. The last column gives up what the others take.
function headedWidths(
  labels: readonly string[],
  fractions: readonly number[],
  pageWidth: number,
  s: Style,
): number[] {
  // Heads are set bold at the body size (half-points); bold faces run about a fifth wider.
  const fit = (label: string) =>
    Math.ceil(textWidthEm(label) * (s.size / 2) * 20 * 1.2) + cellMargins.left + cellMargins.right;
  const widths = fractions.map((f, k) => Math.max(Math.round(pageWidth * f), fit(labels[k])));
  widths.push(pageWidth - widths.reduce((a, b) => a + b, 0));
  return widths;
}

function kindColor(kind: DispositionKind | 'pending'): string {
  return dispositionColors[kind].slice(1);
}

function articleCell(section: SummarySection, s: Style): Paragraph[] {
  const w = s.w;
  const small = s.size - 3;
  const paragraphs = [
    new Paragraph({ children: [text(w.sectionTitle(section), s, { bold: true, font: 'heading' })] }),
    new Paragraph({
      spacing: { before: 60 },
      children: [text(w.figures(section), s, { size: small, color: '555555' })],
    }),
  ];
  const types = section.bySubmitterType;
  if (types.length > 1 || types[0]?.type !== null) {
    for (const { type, count } of types.slice(0, 6)) {
      paragraphs.push(
        new Paragraph({
          children: [text(`${w.submitterType(type)} ${count}`, s, { size: small, color: '555555' })],
        }),
      );
    }
  }
  return paragraphs;
}

function pointParagraphs(group: DispositionGroup, s: Style): Paragraph[] {
  const w = s.w;
  const list = group.points.map(
    (p, k) =>
      new Paragraph({
        alignment: s.zh ? AlignmentType.JUSTIFIED : AlignmentType.LEFT,
        spacing: { after: 60 },
        children: [
          text(`${group.points.length > 1 ? `${k + 1}. ` : ''}${p.stub ? w.attachmentOnly : p.excerpt}`, s),
          ...(p.count > 1 ? [text(w.similar(p.count), s, { color: '555555', size: s.size - 2 })] : []),
        ],
      }),
  );
  if (group.unique > group.points.length) {
    list.push(
      new Paragraph({
        children: [
          text(s.zh ? `等${group.unique}类意见` : `and others: ${group.unique} distinct in all`, s, {
            color: '555555',
            size: s.size - 2,
          }),
        ],
      }),
    );
  }
  return list;
}

function reasonParagraphs(group: DispositionGroup, s: Style): Paragraph[] {
  if (group.reason) {
    return group.reason.split('\n').map(
      (line) =>
        new Paragraph({
          alignment: s.zh ? AlignmentType.JUSTIFIED : AlignmentType.LEFT,
          children: [text(line, s)],
        }),
    );
  }
  if (group.kind === 'pending') return [];
  return [new Paragraph({ children: [text(s.w.noReason, s, { color: '888888' })] })];
}

function changeParagraphs(changes: readonly ArticleChange[], s: Style): Paragraph[] {
  if (!changes.length) {
    return [
      new Paragraph({
        alignment: AlignmentType.CENTER,
        children: [text(s.w.noChange, s, { color: '888888' })],
      }),
    ];
  }
  return changes.flatMap((change, k) => [
    new Paragraph({
      spacing: { before: k ? 120 : 0 },
      children: [text(s.w.changeTitle(change), s, { bold: true, size: s.size - 1 })],
    }),
    ...changedLines(change).map((line) =>
      line === null
        ? new Paragraph({ children: [text(s.w.gap, s, { color: '888888', size: s.size - 1 })] })
        : lineParagraph(line, s),
    ),
  ]);
}

// A line of an article, inserted runs underlined and deleted ones struck through.
function lineParagraph(line: readonly Segment[], s: Style): Paragraph {
  return new Paragraph({
    alignment: s.zh ? AlignmentType.JUSTIFIED : AlignmentType.LEFT,
    children: line.map(
      (segment) =>
        new TextRun({
          text: segment.text,
          size: s.size - 1,
          ...(segment.op === 'insert' ? { underline: {}, color: insertColor } : {}),
          ...(segment.op === 'delete' ? { strike: true, color: deleteColor } : {}),
        }),
    ),
  });
}
