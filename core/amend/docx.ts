/// An instrument as a Word document, set like an official document.
///
/// Chinese follows GB/T 9704-2012 (党政机关公文格式): A4, margins of 37 mm (top), 35 mm (bottom),
/// 28 mm (left, the binding side) and 26 mm (right) leaving the 156 × 225 mm type area; the title in
/// 2号 (22 pt) 小标宋 centred; the text in 3号 (16 pt) 仿宋 on a 28 pt line pitch, each paragraph
/// indented two characters; page numbers in 4号 (14 pt) 宋体 as "— 1 —", on odd pages at the right
/// and on even pages at the left, one character in from the edge of the type area. Word substitutes
/// its own faces where 方正小标宋简体 or 仿宋 are not installed.
///
/// English is set as the NPC's English texts are printed: A4 with 25 mm margins, Times New Roman,
/// the title bold 14 pt centred, the text 12 pt at 1.15 lines, a blank half line between instructions,
/// quoted paragraphs indented, page numbers centred.
import { AlignmentType, Document, Footer, LineRuleType, Paragraph, PageNumber, TextRun } from 'docx';
import { millimetres, packWord, pageNumberFooter } from '../export/word.ts';
import type { Instrument } from './model.ts';
import { instructionNumber } from './text.ts';

const latin = 'Times New Roman';
const zhTitleFont = { eastAsia: '方正小标宋简体', ascii: latin, hAnsi: latin };
const zhBodyFont = { eastAsia: 'FangSong', ascii: latin, hAnsi: latin };
const zhNumberFont = { eastAsia: 'SimSun', ascii: 'SimSun', hAnsi: 'SimSun' };

/// The .docx bytes of `instrument`.
export function renderInstrumentDocx(instrument: Instrument): Promise<Uint8Array> {
  return packWord(instrumentDocument(instrument));
}

/// The docx Document of `instrument` (before packing).
export function instrumentDocument(instrument: Instrument): Document {
  return instrument.language === 'zh' ? chineseDocument(instrument) : englishDocument(instrument);
}

// The lines of the text after the title: the preamble, each instruction (numbered, its quoted
// paragraphs on lines of their own), the closing sentences.
function bodyLines(instrument: Instrument): Array<{ text: string; quoted: boolean; gap: boolean }> {
  const lines: Array<{ text: string; quoted: boolean; gap: boolean }> = [];
  for (const line of instrument.preamble.split('\n'))
    if (line) lines.push({ text: line, quoted: false, gap: true });
  for (const i of instrument.instructions) {
    i.text.split('\n').forEach((line, k) =>
      lines.push({
        text: k === 0 ? instructionNumber(i.number, instrument.language) + line : line,
        quoted: k > 0,
        gap: k === 0,
      }),
    );
  }
  instrument.closing.forEach((sentence, k) => {
    const number =
      instrument.style === 'amendment'
        ? instructionNumber(instrument.instructions.length + k + 1, instrument.language)
        : '';
    lines.push({ text: number + sentence, quoted: false, gap: true });
  });
  return lines;
}

function chineseDocument(instrument: Instrument): Document {
  const size = 32; // half-points: 3号, 16 pt
  const pitch = { line: 560, lineRule: LineRuleType.EXACT }; // 28 pt
  const indent = { firstLine: 2 * 16 * 20 }; // two characters of 16 pt, in twips
  const children: Paragraph[] = [
    new Paragraph({
      alignment: AlignmentType.CENTER,
      spacing: { before: 0, after: 560, line: 700, lineRule: LineRuleType.EXACT },
      children: [new TextRun({ text: instrument.title, font: zhTitleFont, size: 44 })],
    }),
  ];
  for (const line of bodyLines(instrument)) {
    children.push(
      new Paragraph({
        alignment: AlignmentType.JUSTIFIED,
        spacing: { before: 0, after: 0, ...pitch },
        indent,
        children: [new TextRun({ text: line.text, font: zhBodyFont, size })],
      }),
    );
  }
  // Page numbers: 4号 宋体, "— 1 —", odd pages one character in from the right, even from the left.
  const pageNumber = (
    alignment: (typeof AlignmentType)[keyof typeof AlignmentType],
    indentSide: 'left' | 'right',
  ) =>
    new Footer({
      children: [
        new Paragraph({
          alignment,
          indent: { [indentSide]: 280 },
          children: [
            new TextRun({ font: zhNumberFont, size: 28, children: ['— ', PageNumber.CURRENT, ' —'] }),
          ],
        }),
      ],
    });
  return new Document({
    evenAndOddHeaderAndFooters: true,
    title: instrument.title,
    styles: { default: { document: { run: { font: zhBodyFont, size } } } },
    sections: [
      {
        properties: {
          page: {
            size: { width: millimetres(210), height: millimetres(297) },
            margin: {
              top: millimetres(37),
              bottom: millimetres(35),
              left: millimetres(28),
              right: millimetres(26),
              footer: millimetres(28),
            },
          },
        },
        footers: {
          default: pageNumber(AlignmentType.RIGHT, 'right'),
          even: pageNumber(AlignmentType.LEFT, 'left'),
        },
        children,
      },
    ],
  });
}

function englishDocument(instrument: Instrument): Document {
  const size = 24; // 12 pt
  const children: Paragraph[] = [
    new Paragraph({
      alignment: AlignmentType.CENTER,
      spacing: { before: 0, after: 360 },
      children: [new TextRun({ text: instrument.title, font: latin, size: 28, bold: true })],
    }),
  ];
  for (const line of bodyLines(instrument)) {
    children.push(
      new Paragraph({
        alignment: AlignmentType.JUSTIFIED,
        spacing: { before: line.gap ? 120 : 0, after: 0, line: 276, lineRule: LineRuleType.AUTO },
        indent: line.quoted ? { left: 720 } : undefined,
        children: [new TextRun({ text: line.text, font: latin, size })],
      }),
    );
  }
  const margin = millimetres(25);
  return new Document({
    title: instrument.title,
    styles: { default: { document: { run: { font: latin, size } } } },
    sections: [
      {
        properties: {
          page: {
            size: { width: millimetres(210), height: millimetres(297) },
            margin: { top: margin, bottom: margin, left: margin, right: margin },
          },
        },
        footers: { default: pageNumberFooter('en') },
        children,
      },
    ],
  });
}
