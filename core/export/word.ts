/// What Lifa's Word documents share: typefaces per language, the page-number footer, and packing a
/// document into the bytes of a .docx file without Node's Buffer (so it runs in the browser too).
import { AlignmentType, Footer, Packer, PageNumber, Paragraph, TextRun } from 'docx';
import type { Document } from 'docx';
import type { Language } from '../language.ts';

/// A typeface for each script: East Asian characters, and Latin letters and digits.
export interface WordFont {
  readonly eastAsia: string;
  readonly ascii: string;
  readonly hAnsi: string;
}

/// The typefaces of a document in one language: body text, titles, headings and sub-headings.
/// Chinese follows the usage of official documents: FangSong (仿宋) for text, SimSun (宋体) for
/// the title, SimHei (黑体) for chapter headings, KaiTi (楷体) for sections and notes; Latin
/// characters in Times New Roman. English documents are set in Times New Roman throughout.
export interface WordFonts {
  readonly body: WordFont;
  readonly title: WordFont;
  readonly heading: WordFont;
  readonly subheading: WordFont;
}

/// The typefaces for `language`.
export function wordFonts(language: Language): WordFonts {
  const latin = 'Times New Roman';
  const face = (eastAsia: string): WordFont => ({ eastAsia, ascii: latin, hAnsi: latin });
  if (language === 'zh') {
    return {
      body: face('FangSong'),
      title: face('SimSun'),
      heading: face('SimHei'),
      subheading: face('KaiTi'),
    };
  }
  return { body: face(latin), title: face(latin), heading: face(latin), subheading: face(latin) };
}

/// A footer with the page number centred: "— 3 —" in zh (as on official documents), "3" in en.
export function pageNumberFooter(language: Language): Footer {
  const font = wordFonts(language).title;
  const zh = language === 'zh';
  return new Footer({
    children: [
      new Paragraph({
        alignment: AlignmentType.CENTER,
        children: [
          new TextRun({
            font,
            size: zh ? 28 : 20,
            children: zh ? ['— ', PageNumber.CURRENT, ' —'] : [PageNumber.CURRENT],
          }),
        ],
      }),
    ],
  });
}

/// The bytes of `document` as a .docx file. Uses only what browsers and Node both have.
export function packWord(document: Document): Promise<Uint8Array> {
  return Packer.pack(document, 'uint8array');
}

/// Millimetres in twentieths of a point (Word's twips).
export function millimetres(mm: number): number {
  return Math.round((mm * 1440) / 25.4);
}
