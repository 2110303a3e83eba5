// The public surface of core/: everything other layers may import, listed by name.
export type { Language } from './language.ts';
export { languages, isLanguage, detectLanguage } from './language.ts';
export type { IdGenerator } from './ids.ts';
export { randomId, sequentialIds, isValidId } from './ids.ts';
export {
  chineseNumeral,
  parseChineseNumeral,
  romanNumeral,
  parseRomanNumeral,
  letterNumeral,
  parseLetterNumeral,
} from './numerals.ts';
export type { NumberedKind, CitationTarget } from './numbering.ts';
export { label, citationLabel } from './numbering.ts';
export { schema, identifiedTypes, isIdentified } from './schema.ts';
export type { InlineContent, BuildAttrs } from './build.ts';
export {
  doc,
  preamble,
  part,
  chapter,
  section,
  article,
  paragraph,
  item,
  subitem,
  lead,
  ref,
  withIds,
} from './build.ts';
export type {
  Outline,
  OutlineArticle,
  OutlineDivision,
  OutlineParagraph,
  OutlineItem,
  DanglingReference,
} from './outline.ts';
export { buildOutline, articleText, joinLabel, danglingLabel } from './outline.ts';
