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
export type { Citation, CitationContext, ResolvedCitation, RelativeCitation } from './citations.ts';
export { parseCitations, parseCitation, tryParseCitation, resolveCitation } from './citations.ts';
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
export { escapeHtml } from './export/escape.ts';
export type { DraftSummary, SummaryProblem } from './export/json.ts';
export { draftSummary } from './export/json.ts';
export { renderDraftHtml, pageStyle } from './export/html.ts';
export type { DraftExportFormat } from './export/draft.ts';
export { exportDraft, draftExportFormats, draftExportTypes, stripHeadingMarks } from './export/draft.ts';
export { uniqueIds, uniqueIdsKey, findIdConflicts, fixIds } from './editing/unique-ids.ts';
export {
  ancestorDepth,
  articleAt,
  articlePositions,
  insertArticleAfter,
  insertParagraph,
  insertItem,
  insertChapter,
  insertSection,
  moveArticle,
  splitArticle,
  mergeWithNext,
  deleteArticle,
  replaceBody,
  isEmptyDraft,
} from './editing/structure.ts';
export type { LawProblem } from './format/problem.ts';
export type { ParsedLaw, ParseOptions } from './format/parse.ts';
export { parseLaw } from './format/parse.ts';
export { serializeLaw } from './format/serialize.ts';
export { decodeLawBytes } from './format/decode.ts';
