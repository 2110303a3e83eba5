/// What Lifa's Word documents share: typefaces per language, the language tags of runs, the
/// document's author, the page-number footers, and packing a document into the bytes of a .docx file
/// without Node's Buffer (so it runs in the browser too).
import { AlignmentType, Footer, Packer, PageNumber, Paragraph, TextRun } from 'docx';
import type { Document, IRunOptions } from 'docx';
import type { Language } from '../language.ts';

/// Options every Word export takes.
export interface WordOptions {
  /// The document's author and last editor (Word's File › Properties): the signed-in user who
  /// exported it. Defaults to "Lifa".
  readonly author?: string;
}

/// The author and last editor to write into a document's properties.
export function wordAuthor(options: WordOptions = {}): { creator: string; lastModifiedBy: string } {
  const author = options.author?.trim() || 'Lifa';
  return { creator: author, lastModifiedBy: author };
}

/// The `w:lang` of every run of a document in `language`: Chinese text is zh-CN in both; Latin text is
/// zh-CN in a Chinese document (so a spelling checker leaves "SCADA" alone) and en-US in an English one.
export function wordLanguage(language: Language): { value: string; eastAsia: string } {
  return { value: language === 'zh' ? 'zh-CN' : 'en-US', eastAsia: 'zh-CN' };
}

/// A run tagged with the document's language (see wordLanguage).
export function wordRun(language: Language, options: IRunOptions): TextRun {
  return new TextRun({ ...options, language: wordLanguage(language) });
}

/// A typeface for each script: East Asian characters, and Latin letters and digits.
export interface WordFont {
  readonly eastAsia: string;
  readonly ascii: string;
  readonly hAnsi: string;
}

/// The typefaces of a document in one language: body text, titles, headings and sub-headings.
/// Chinese follows GB/T 9704-2012 (the format of official documents): 仿宋 for text, 方正小标宋简体 for
/// the title, 黑体 for chapter headings, 楷体 for sections and notes; Latin characters in Times New
/// Roman. Fonts are named as Chinese Windows and WPS name them, so Word finds them there. English
/// documents are set in Times New Roman throughout.
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
      body: face('仿宋'),
      title: face('方正小标宋简体'),
      heading: face('黑体'),
      subheading: face('楷体'),
    };
  }
  return { body: face(latin), title: face(latin), heading: face(latin), subheading: face(latin) };
}

/// A footer with the page number centred: "— 3 —" in zh (as on official documents), "3" in en.
export function pageNumberFooter(language: Language): Footer {
  return numberFooter(language, AlignmentType.CENTER);
}

/// The footers of a document printed as official documents are (GB/T 9704-2012, 7.5): in zh the page
/// number "— 3 —" in 4号 (14 pt) 宋体, on odd pages at the right and on even pages at the left, one
/// character in from the edge of the text; in en "3" centred on every page. Needs the document's
/// `evenAndOddHeaderAndFooters`.
export function officialPageFooters(language: Language): { default: Footer; even: Footer } {
  if (language !== 'zh') return { default: pageNumberFooter(language), even: pageNumberFooter(language) };
  return {
    default: numberFooter(language, AlignmentType.RIGHT, { right: 280 }),
    even: numberFooter(language, AlignmentType.LEFT, { left: 280 }),
  };
}

function numberFooter(
  language: Language,
  alignment: (typeof AlignmentType)[keyof typeof AlignmentType],
  indent?: { left?: number; right?: number },
): Footer {
  const zh = language === 'zh';
  return new Footer({
    children: [
      new Paragraph({
        alignment,
        ...(indent ? { indent } : {}),
        children: [
          wordRun(language, {
            // 宋体 for the numbers of official documents; Latin digits in the same face.
            font: zh ? { eastAsia: '宋体', ascii: '宋体', hAnsi: '宋体' } : wordFonts(language).body,
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
