/// A whole draft as a Word document, set as a draft law is printed. Chinese drafts follow GB/T
/// 9704-2012 (the format of official documents): A4 with its margins, text in 仿宋 三号 (16 pt) on a
/// 28 pt line pitch, the title in 方正小标宋简体 二号, chapter headings in 黑体 and sections in 楷体, page
/// numbers "— 1 —" at the outer edge. English drafts are set in Times New Roman 12 pt. Every run
/// carries its language (w:lang) and the document its author. Open suggestions can be shown as Word
/// tracked changes (see trackedWord).
///
/// The preamble is read by what each note is (see preambleRoles): the enactment history under the
/// title, all its lines set alike; an explanatory note (起草说明) with its heading, each paragraph with
/// a first-line indent. Paragraphs, items and subitems of articles start with a two-character indent
/// (zh; half an inch in en) and wrap back to the margin, as official texts do.
import { AlignmentType, Document, LineRuleType, Paragraph } from 'docx';
import type { IRunOptions, ParagraphChild } from 'docx';
import type { Language } from '../language.ts';
import type { Outline, OutlineArticle, OutlineDivision, OutlineItem } from '../outline.ts';
import { joinLabel, readerPreamble } from '../outline.ts';
import type { DraftRedline } from '../suggestions/redline.ts';
import { trackedWord } from '../suggestions/word-revisions.ts';
import { preambleRoles } from './preamble.ts';
import type { WordOptions } from './word.ts';
import {
  millimetres,
  officialPageFooters,
  packWord,
  wordAuthor,
  wordFonts,
  wordLanguage,
  wordRun,
} from './word.ts';

/// Options of a draft's Word document.
export interface DraftWordOptions extends WordOptions {
  /// Open suggestions to show as Word tracked changes (`w:ins` / `w:del`).
  readonly redline?: DraftRedline;
}

/// The .docx bytes of the draft whose outline is `outline`; with `options.redline`, its suggestions
/// as Word tracked changes.
export function renderDraftDocx(outline: Outline, options: DraftWordOptions = {}): Promise<Uint8Array> {
  return packWord(draftDocument(outline, options));
}

/// The docx Document of the draft whose outline is `outline` (before packing; for callers that
/// add to it), with `options.redline`'s suggestions as tracked changes when given.
export function draftDocument(outline: Outline, options: DraftWordOptions = {}): Document {
  const language = outline.language;
  const zh = language === 'zh';
  const fonts = wordFonts(language);
  const size = zh ? 32 : 24; // half-points: 三号 16 pt; 12 pt
  const char = size * 10; // one character's width in twips (16 pt = 320)
  const indent = zh ? 2 * char : 720; // first-line indent: two characters; half an inch
  const line = zh
    ? { line: 560, lineRule: LineRuleType.EXACT } // 28 pt, the line pitch of GB/T 9704
    : { line: 276, lineRule: LineRuleType.AUTO };
  const run = (options: IRunOptions) => wordRun(language, options);

  const children: Paragraph[] = [];
  children.push(
    new Paragraph({
      alignment: AlignmentType.CENTER,
      spacing: {
        before: zh ? 0 : 240,
        after: zh ? 560 : 360,
        line: zh ? 720 : 360,
        lineRule: zh ? LineRuleType.EXACT : LineRuleType.AUTO,
      },
      // 小标宋 is heavy already: bold only in English.
      children: [run({ text: outline.title, font: fonts.title, size: zh ? 44 : 32, bold: !zh })],
    }),
  );
  children.push(...preambleParagraphs(readerPreamble(outline), language, { size, char, indent, line }));

  const blocks: Array<{ pos: number; division?: OutlineDivision; article?: OutlineArticle }> = [
    ...outline.divisions.map((division) => ({ pos: division.pos, division })),
    ...outline.articles.map((article) => ({ pos: article.pos, article })),
  ].sort((a, b) => a.pos - b.pos);

  for (const block of blocks) {
    if (block.division) {
      const d = block.division;
      const font = d.kind === 'section' ? fonts.subheading : fonts.heading;
      children.push(
        new Paragraph({
          alignment: AlignmentType.CENTER,
          keepNext: true,
          spacing: { before: 280, after: 280, ...line },
          children: [
            run({
              text: `${d.label}${zh ? '\u3000' : ' '}${d.heading}`.trim(),
              font,
              size,
              bold: !zh,
            }),
          ],
        }),
      );
      continue;
    }
    const article = block.article!;
    const tracked = trackedWord(options.redline, article, language);
    const tag = { language: wordLanguage(language) };
    const style = { font: fonts.body, size, ...tag };
    // The label in 黑体 (zh), bold (en), then a full-width space.
    const labelStyle = { font: zh ? fonts.heading : fonts.body, size, bold: !zh, ...tag };
    // Paragraphs and items alike: the first line indented, the next ones back at the margin.
    const bodyParagraph = (children: ParagraphChild[], after: number, extra: object = {}) =>
      new Paragraph({
        alignment: AlignmentType.JUSTIFIED,
        indent: { firstLine: indent },
        spacing: { after: zh ? 0 : after, ...line },
        children,
        ...extra,
      });
    const insertedBlocks = (point: string) => {
      for (const inserted of tracked.inserted(point, style)) {
        children.push(bodyParagraph(inserted.runs, inserted.kind === 'paragraph' ? 120 : 60, inserted.mark));
      }
    };
    insertedBlocks(tracked.points.start);
    article.paragraphs.forEach((p, k) => {
      const runs = tracked.runs([k], p.text, style);
      if (k === 0) runs.unshift(tracked.run(article.label + (zh ? '\u3000' : ' '), labelStyle));
      children.push(bodyParagraph(runs, 120, tracked.mark));
      insertedBlocks(tracked.points.afterLead(k));
      const items = (list: readonly OutlineItem[], path: number[]) => {
        list.forEach((item, i) => {
          const at = [...path, i];
          const texts = tracked.changed(at)
            ? [
                tracked.run(joinLabel(item.label, '') + (zh ? '' : ' '), style),
                ...tracked.runs(at, item.text, style),
              ]
            : [run({ text: joinLabel(item.label, item.text), ...style })];
          children.push(bodyParagraph(texts, 60, tracked.mark));
          items(item.subitems, at);
          if (at.length === 2) insertedBlocks(tracked.points.afterItem(k, i));
        });
      };
      items(p.items, [k]);
      insertedBlocks(tracked.points.afterParagraph(k));
    });
    for (const added of tracked.articlesAfter(style, labelStyle)) {
      added.forEach((runs) => children.push(bodyParagraph(runs, 120, tracked.insertedMark(added))));
    }
  }

  return new Document({
    title: outline.title,
    ...wordAuthor(options),
    evenAndOddHeaderAndFooters: zh,
    styles: {
      default: { document: { run: { font: fonts.body, size, language: wordLanguage(language) } } },
    },
    sections: [
      {
        properties: {
          page: {
            size: { width: millimetres(210), height: millimetres(297) },
            margin: zh
              ? {
                  // GB/T 9704-2012 5.2.1: a type area of 156 mm × 225 mm, top margin 37 mm, left 28 mm.
                  top: millimetres(37),
                  bottom: millimetres(35),
                  left: millimetres(28),
                  right: millimetres(26),
                  footer: millimetres(28),
                }
              : { top: 1440, bottom: 1440, left: 1440, right: 1440 },
          },
          ...(zh ? { grid: { linePitch: 560 } } : {}),
        },
        footers: officialPageFooters(language),
        children,
      },
    ],
  });
}

interface Measures {
  readonly size: number;
  readonly char: number;
  readonly indent: number;
  readonly line: { line: number; lineRule: (typeof LineRuleType)[keyof typeof LineRuleType] };
}

// The preamble: the enactment history, then an explanatory note's heading and paragraphs, then any
// other notes as paragraphs of text. A blank line closes it.
function preambleParagraphs(notes: readonly string[], language: Language, m: Measures): Paragraph[] {
  if (notes.length === 0) return [];
  const zh = language === 'zh';
  const fonts = wordFonts(language);
  const run = (options: IRunOptions) => wordRun(language, options);
  const roles = preambleRoles(notes);
  // Every line of the history alike: centred when each fits on one line, else all justified between
  // indents of two characters (zh: 24 characters of 16 pt fit between them).
  const history = notes.filter((_, i) => roles[i] === 'enactment');
  const centred = history.every((note) => note.length <= (zh ? 24 : 70));
  const out: Paragraph[] = [];
  notes.forEach((note, i) => {
    switch (roles[i]) {
      case 'enactment':
        out.push(
          new Paragraph({
            alignment: centred ? AlignmentType.CENTER : AlignmentType.JUSTIFIED,
            indent: centred ? undefined : { left: 2 * m.char, right: 2 * m.char },
            spacing: { after: 0, ...m.line },
            children: [run({ text: note, font: fonts.subheading, size: m.size, italics: !zh })],
          }),
        );
        break;
      case 'heading':
        out.push(
          new Paragraph({
            alignment: AlignmentType.CENTER,
            keepNext: true,
            spacing: { before: zh ? 560 : 360, after: zh ? 280 : 200, ...m.line },
            children: [
              run({ text: note, font: zh ? fonts.heading : fonts.body, size: zh ? m.size : 28, bold: !zh }),
            ],
          }),
        );
        break;
      case 'text':
        out.push(
          new Paragraph({
            alignment: AlignmentType.JUSTIFIED,
            indent: { firstLine: m.indent },
            spacing: { after: zh ? 0 : 160, ...m.line },
            children: [run({ text: note, font: fonts.body, size: m.size })],
          }),
        );
        break;
    }
  });
  out.push(new Paragraph({ spacing: { after: 0, ...m.line }, children: [] }));
  return out;
}
