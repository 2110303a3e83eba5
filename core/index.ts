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
export type { CitationIssue, LinkedCitations } from './citation-links.ts';
export { linkCitations } from './citation-links.ts';
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
export {
  buildOutline,
  articleText,
  joinLabel,
  danglingLabel,
  isSourceComment,
  readerPreamble,
} from './outline.ts';
export { escapeHtml, escapeMarkdown } from './export/escape.ts';
export type { DraftSummary, SummaryProblem } from './export/json.ts';
export { draftSummary } from './export/json.ts';
export { renderDraftHtml, pageStyle } from './export/html.ts';
export type { DraftExportFormat, DraftExportOptions } from './export/draft.ts';
export { exportDraft, draftExportFormats, draftExportTypes, stripHeadingMarks } from './export/draft.ts';
export { renderDraftDocx } from './export/docx.ts';
export type { DraftWordOptions } from './export/docx.ts';
export type { AkomaNtosoOptions, AknDate, AknIdentity } from './export/akn.ts';
export { renderAkomaNtoso, akomaNtosoNamespace, aknIdentity } from './export/akn.ts';
export type { PreambleRole } from './export/preamble.ts';
export { preambleRoles } from './export/preamble.ts';
export type { WordOptions } from './export/word.ts';
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
export { LawTooLongError } from './format/problem.ts';
export type { ParsedLaw, ParseOptions } from './format/parse.ts';
export { parseLaw } from './format/parse.ts';
export type { SerializeOptions } from './format/serialize.ts';
export { serializeLaw } from './format/serialize.ts';
export { decodeLawBytes } from './format/decode.ts';
export type {
  AlignableArticle,
  AlignedKind,
  AlignedGroup,
  Alignment,
  AlignOptions,
  MatchedBy,
} from './compare/align.ts';
export { alignArticles } from './compare/align.ts';
export type { Segment, SegmentOp, InlineDiffOptions, TextDiff } from './compare/inline.ts';
export { inlineDiff, diffTexts, cleanupSegments, similarityOf, wordTokens } from './compare/inline.ts';
export { foldWidth } from './compare/similarity.ts';
export type {
  DivisionLevel,
  DivisionChangeKind,
  ComparedDivision,
  DivisionChange,
  ArticlePlace,
  StructureComparison,
  StructureOptions,
} from './compare/structure.ts';
export { compareStructure } from './compare/structure.ts';
export type {
  ComparedArticle,
  RowKind,
  RowRelation,
  ComparisonRow,
  ComparisonSummary,
  Comparison,
  CompareOptions,
  ComparisonJson,
  ComparisonJsonRow,
} from './compare/comparison.ts';
export { compareDrafts, compareOutlines, comparisonJson } from './compare/comparison.ts';
export type { DisplayOptions, DisplayBlock } from './compare/display.ts';
export { displayBlocks, sideSegments, segmentLines } from './compare/display.ts';
export type { TableOptions } from './compare/render-table.ts';
export { renderComparisonTable, comparisonSummaryLine, displayWidth } from './compare/render-table.ts';
export { renderComparisonHtml, segmentsHtml } from './compare/render-html.ts';
export { renderComparisonMarkdown } from './compare/render-markdown.ts';
export { renderComparisonDocx } from './compare/render-docx.ts';
export type { ComparisonFormat, RenderComparisonOptions } from './compare/render.ts';
export { renderComparison, comparisonFormats, comparisonTypes } from './compare/render.ts';
export { normalizeText, fingerprintText } from './comments/normalize.ts';
export { shingles, defaultShingleSize } from './comments/shingles.ts';
export { minhash, estimateJaccard, signatureSize } from './comments/minhash.ts';
export { lshBuckets, defaultBands, maxBandedSignatures } from './comments/lsh.ts';
export { isStub, maxStubWords } from './comments/stub.ts';
export type {
  AttachmentType,
  AttachmentState,
  AttachmentLimits,
  AttachmentJson,
} from './comments/attachments.ts';
export {
  attachmentTypes,
  defaultAttachmentLimits,
  attachmentExtensions,
  unreadableLabel,
  combinedText,
} from './comments/attachments.ts';
export { citedArticleNumber } from './comments/cited-article.ts';
export type { ClusterDecision, ClusterMembers } from './comments/decisions.ts';
export { mergeClusters, splitCluster, moveOut, decisionFromJSON } from './comments/decisions.ts';
export type {
  CommentText,
  ClusterAssignment,
  ClusterOptions,
  Cluster,
  Clustering,
} from './comments/cluster.ts';
export { clusterComments } from './comments/cluster.ts';
export type { CommentRow, ClustersJson } from './comments/report.ts';
export { clustersJson, clusterAssignments } from './comments/report.ts';
export type { PairScores } from './comments/quality.ts';
export { pairScores } from './comments/quality.ts';
export type {
  DispositionKind,
  DispositionTarget,
  Disposition,
  EffectiveDisposition,
  DispositionCluster,
  DispositionCounts,
  ReasonTemplate,
} from './comments/disposition.ts';
export {
  dispositionKinds,
  isDispositionKind,
  dispositionLabel,
  pendingLabel,
  effectiveDispositions,
  carriedDispositions,
  countDispositions,
} from './comments/disposition.ts';
export type { ChangedArticle, ArticleChange, ArticleChanges, IdentifiedArticle } from './report/changes.ts';
export { articleChanges, noArticleChanges } from './report/changes.ts';
export { commentPlainText, excerpt, textHead } from './report/excerpt.ts';
export type {
  SummaryDraft,
  SummaryArticle,
  SummaryComment,
  SummaryCluster,
  SummaryInput,
  SubmitterCount,
  MainPoint,
  DispositionGroup,
  SummarySection,
  SummaryReport,
  RegisterEntry,
  AttachmentTotals,
} from './report/summary.ts';
export { buildSummary } from './report/summary.ts';
export type { SummaryWords } from './report/words.ts';
export { summaryWords, dispositionColors } from './report/words.ts';
export { csvField, csvRecord, spreadsheetSafe } from './report/csv.ts';
export type { SummaryCsvOptions } from './report/render-summary-csv.ts';
export { renderSummaryCsv, summaryCsvChunks } from './report/render-summary-csv.ts';
export { renderSummaryMarkdown } from './report/render-summary-md.ts';
export { renderSummaryHtml } from './report/render-summary-html.ts';
export { renderSummaryDocx, summaryDocument } from './report/render-summary-docx.ts';
export type { SummaryFormat } from './report/render-summary.ts';
export { renderSummary, summaryFormats, summaryTypes, isSummaryFormat } from './report/render-summary.ts';
export type {
  CommentKind,
  CommentStatus,
  SubmitterType,
  CommentAnchor,
  SubmitterView,
  CommentJson,
  ClerkTableJson,
  ClerkTableArticle,
} from './comments/wire.ts';
export { commentKinds, submitterTypes, isSubmitterType } from './comments/wire.ts';
export type { PresenceUser } from './presence.ts';
export { userColor, presenceUser } from './presence.ts';
export type { ForbiddenCharacter } from './text.ts';
export {
  findForbiddenCharacter,
  stripForbiddenCharacters,
  describeForbidden,
  characterCount,
  xmlSafe,
  maxCommentCharacters,
} from './text.ts';
export {
  appContentSecurityPolicy,
  downloadContentSecurityPolicy,
  apiContentSecurityPolicy,
} from './web-policy.ts';
export type {
  InstrumentStyle,
  ProvisionRef,
  ArticlePosition,
  DivisionRef,
  ItemText,
  ParagraphText,
  Operation as InstrumentOperation,
  InstructionKind,
  Instruction,
  Instrument,
  InstrumentProblem,
} from './amend/model.ts';
export { instrumentStyles, isInstrumentStyle, InstrumentError, problemText } from './amend/model.ts';
export type { DraftOptions } from './amend/draft.ts';
export { draftInstrument, draftFromComparison } from './amend/draft.ts';
export type { ParsedInstrument, ParsedInstruction } from './amend/parse.ts';
export { parseInstrument } from './amend/parse.ts';
export type { ApplyOptions, AppliedInstrument } from './amend/apply.ts';
export { applyInstrument, tryApplyInstrument } from './amend/apply.ts';
export { instrumentText, instrumentBlocks, instructionNumber } from './amend/text.ts';
export { lawDifferences } from './amend/same.ts';
export { sameWords, wordsKey } from './amend/typography.ts';
export type { InstrumentFormat, InstrumentJson, InstructionJson } from './amend/render.ts';
export {
  instrumentFormats,
  isInstrumentFormat,
  instrumentTypes,
  instrumentJson,
  renderInstrument,
  renderInstrumentHtml,
} from './amend/render.ts';
export { renderInstrumentDocx, instrumentDocument } from './amend/docx.ts';
export type {
  SuggestionKind,
  SuggestionStatus,
  BlockPlace,
  SuggestionAnchor,
  SuggestionPerson,
  SuggestionJson,
  SuggestionCommentJson,
  SuggestionEventType,
  SuggestionRequestJson,
} from './suggestions/wire.ts';
export {
  suggestionKinds,
  suggestionStatuses,
  suggestionEventTypes,
  isUndecided,
} from './suggestions/wire.ts';
export type { BlockKind, TextBlock, ArticleText, PositionedArticleText } from './suggestions/text.ts';
export {
  objectReplacement,
  articleTextOf,
  blockAt,
  blockByPath,
  positionOfOffset,
  offsetOfPosition,
} from './suggestions/text.ts';
export type {
  AnchorFailure,
  Anchored,
  LocatableSuggestion,
  StaleReason,
  Location,
  Hint,
} from './suggestions/locate.ts';
export {
  contextLength,
  contextAround,
  anchorQuote,
  locateSuggestion,
  placeBlock,
  insertionIndex,
} from './suggestions/locate.ts';
export type { TrackedKind, Revision, TrackedSegment, TrackedParagraph } from './suggestions/docx-read.ts';
export { readTrackedParagraphs, paragraphTexts } from './suggestions/docx-read.ts';
export type { TrackedProposal, UnmatchedChange, MatchableArticle } from './suggestions/docx-match.ts';
export { matchTrackedChanges } from './suggestions/docx-match.ts';
export type {
  RevisionInfo,
  TrackedSuggestion,
  RedlineRun,
  InsertedBlock,
  InsertedArticle,
  ArticleRedline,
  DraftRedline,
} from './suggestions/redline.ts';
export { draftRedline } from './suggestions/redline.ts';
export type { SessionChange, SessionSpan } from './record/sessions.ts';
export { groupSessions, defaultSessionGap } from './record/sessions.ts';
export type { TextStep, BlameRun } from './record/blame.ts';
export { blameRuns } from './record/blame.ts';
export type {
  ChangeKind,
  ChangeAuthor,
  HistoryEntryJson,
  ArticleHistoryJson,
  BlameRunJson,
  ArticleBlameJson,
  RestoreJson,
} from './record/wire.ts';
export type { TimelineKind, TimelineEventJson, TimelineJson } from './record/timeline.ts';
export {
  timelineKinds,
  isTimelineKind,
  timelineKindOf,
  namedTimelineActions,
  timelineCsvHeader,
  renderTimelineCsv,
} from './record/timeline.ts';
export type { TextPositions } from './record/text-positions.ts';
export { articleTextPositions } from './record/text-positions.ts';
