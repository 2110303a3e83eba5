/// A whole draft as a Word document, set as a draft law is printed: the title centred, the
/// preamble under it, chapter and section headings centred, article labels in bold, paragraphs
/// with a two-character first-line indent (zh), items and subitems indented, page numbers in the
/// footer. Chinese drafts are set in FangSong (仿宋, 三号) on A4 with the margins of official
/// documents; English drafts in Times New Roman.
import { AlignmentType, Document, LineRuleType, Paragraph, TextRun } from 'docx';
import type { ParagraphChild } from 'docx';
import type { Outline, OutlineArticle, OutlineDivision, OutlineItem } from '../outline.ts';
import { joinLabel, readerPreamble } from '../outline.ts';
import type { DraftRedline } from '../suggestions/redline.ts';
import { trackedWord } from '../suggestions/word-revisions.ts';
import { millimetres, packWord, pageNumberFooter, wordFonts } from './word.ts';

/// The .docx bytes of the draft whose outline is `outline`; with `redline`, its suggestions as Word
/// tracked changes.
export function renderDraftDocx(outline: Outline, redline?: DraftRedline): Promise<Uint8Array> {
  return packWord(draftDocument(outline, redline));
}

/// The docx Document of the draft whose outline is `outline` (before packing; for callers that
/// add to it), with `redline`'s suggestions as tracked changes when given.
export function draftDocument(outline: Outline, redline?: DraftRedline): Document {
  const zh = outline.language === 'zh';
  const fonts = wordFonts(outline.language);
  const size = zh ? 32 : 24; // half-points: 三号 16 pt; 12 pt
  const indent = zh ? 2 * size * 10 : 0; // two characters, in twips
  const itemIndent = zh ? indent : 720;
  const line = zh
    ? { line: 560, lineRule: LineRuleType.EXACT } // 28 pt, the grid of official documents
    : { line: 276, lineRule: LineRuleType.AUTO };

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
      children: [new TextRun({ text: outline.title, font: fonts.title, size: zh ? 44 : 32, bold: true })],
    }),
  );
  for (const note of readerPreamble(outline)) {
    children.push(
      new Paragraph({
        // Centred when it fits on one line (about 30 characters of 14 pt on A4 in zh), else justified.
        alignment: note.length <= (zh ? 30 : 80) ? AlignmentType.CENTER : AlignmentType.JUSTIFIED,
        spacing: { after: 0, ...line },
        children: [new TextRun({ text: note, font: fonts.subheading, size: zh ? 28 : 22 })],
      }),
    );
  }
  if (readerPreamble(outline).length)
    children.push(new Paragraph({ spacing: { after: 0, ...line }, children: [] }));

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
            new TextRun({
              text: `${d.label}${zh ? '\u3000' : ' '}${d.heading}`.trim(),
              font,
              size,
              bold: !zh || d.kind === 'section',
            }),
          ],
        }),
      );
      continue;
    }
    const article = block.article!;
    const tracked = trackedWord(redline, article, outline.language);
    const labelFont = zh ? fonts.heading : fonts.body;
    const bodyParagraph = (children: ParagraphChild[], extra: object = {}) =>
      new Paragraph({
        alignment: AlignmentType.JUSTIFIED,
        indent: { firstLine: indent },
        spacing: { after: zh ? 0 : 120, ...line },
        children,
        ...extra,
      });
    const itemParagraph = (left: number, children: ParagraphChild[], extra: object = {}) =>
      new Paragraph({
        alignment: AlignmentType.JUSTIFIED,
        indent: { left },
        spacing: { after: zh ? 0 : 60, ...line },
        children,
        ...extra,
      });
    const insertedBlocks = (point: string, left: number) => {
      for (const inserted of tracked.inserted(point, { font: fonts.body, size })) {
        children.push(
          inserted.kind === 'paragraph'
            ? bodyParagraph(inserted.runs, inserted.mark)
            : itemParagraph(left, inserted.runs, inserted.mark),
        );
      }
    };
    insertedBlocks(tracked.points.start, itemIndent);
    article.paragraphs.forEach((p, k) => {
      const runs = tracked.runs([k], p.text, { font: fonts.body, size });
      if (k === 0) {
        runs.unshift(
          tracked.run(article.label + (zh ? '\u3000' : ' '), { font: labelFont, size, bold: true }),
        );
      }
      children.push(bodyParagraph(runs, tracked.mark));
      insertedBlocks(tracked.points.afterLead(k), itemIndent);
      const items = (list: readonly OutlineItem[], left: number, path: number[]) => {
        list.forEach((item, i) => {
          const at = [...path, i];
          const style = { font: fonts.body, size };
          const texts = tracked.changed(at)
            ? [
                tracked.run(joinLabel(item.label, '') + (zh ? '' : ' '), style),
                ...tracked.runs(at, item.text, style),
              ]
            : [new TextRun({ text: joinLabel(item.label, item.text), ...style })];
          children.push(itemParagraph(left, texts, tracked.mark));
          items(item.subitems, left + itemIndent, at);
          if (at.length === 2) insertedBlocks(tracked.points.afterItem(k, i), itemIndent);
        });
      };
      items(p.items, itemIndent, [k]);
      insertedBlocks(tracked.points.afterParagraph(k), itemIndent);
    });
    for (const added of tracked.articlesAfter(
      { font: fonts.body, size },
      { font: labelFont, size, bold: true },
    )) {
      added.forEach((runs) => children.push(bodyParagraph(runs, tracked.insertedMark(added))));
    }
  }

  return new Document({
    title: outline.title,
    styles: { default: { document: { run: { font: fonts.body, size } } } },
    sections: [
      {
        properties: {
          page: {
            size: { width: millimetres(210), height: millimetres(297) },
            margin: zh
              ? {
                  top: millimetres(37),
                  bottom: millimetres(35),
                  left: millimetres(28),
                  right: millimetres(26),
                }
              : { top: 1440, bottom: 1440, left: 1440, right: 1440 },
          },
        },
        footers: { default: pageNumberFooter(outline.language) },
        children,
      },
    ],
  });
}
