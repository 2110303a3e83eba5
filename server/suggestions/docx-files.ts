/// The heavy, pure halves of suggestions in Word files — reading an imported DOCX's tracked changes,
/// and writing the live draft with its suggestions as tracked changes (or an HTML redline) — apart
/// from the rooms and storage, so that big files are read and written in the draft worker
/// (server/work/) while the server keeps answering.
import { strFromU8, unzipSync } from 'fflate';
import {
  articleTextOf,
  buildOutline,
  draftRedline,
  matchTrackedChanges,
  readTrackedParagraphs,
  renderDraftDocx,
  renderDraftHtml,
} from '../../core/index.ts';
import type {
  Language,
  MatchableArticle,
  TrackedParagraph,
  TrackedProposal,
  TrackedSuggestion,
  UnmatchedChange,
  WordOptions,
} from '../../core/index.ts';
import { docFromState } from '../document.ts';

/// A file that is not a DOCX, or not one we can read. Routes answer with `status` and the message.
export class DocxImportError extends Error {
  constructor(
    message: string,
    readonly status: 400 | 413 | 415 = 400,
  ) {
    super(message);
    this.name = 'DocxImportError';
  }
}

/// Largest `word/document.xml` unpacked from an imported DOCX, in bytes: a draft at the size limits
/// (5,000 articles, 8 MiB of text) with Word's markup stays far below it, while a small zip that
/// unpacks to gigabytes is refused before anything is unpacked.
export const maxDocumentXmlBytes = 128 * 1024 * 1024;

/// The text of `word/document.xml` in the DOCX `bytes`. Throws DocxImportError when the file is not
/// a zip holding one (415), or when it unpacks to more than maxDocumentXmlBytes (413).
export function documentXml(bytes: Uint8Array): string {
  let files: Record<string, Uint8Array>;
  let unpacked = 0;
  try {
    // Only the size the zip declares is read before unpacking; fflate unpacks into a buffer of that
    // size and no more, so a file that lies about it cannot grow past the limit either.
    files = unzipSync(bytes, {
      filter: (file) => {
        if (file.name !== 'word/document.xml') return false;
        unpacked = file.originalSize;
        return unpacked <= maxDocumentXmlBytes;
      },
    });
  } catch {
    throw new DocxImportError('body: not a .docx file (it is not a zip archive)', 415);
  }
  if (unpacked > maxDocumentXmlBytes) {
    throw new DocxImportError(
      `body: word/document.xml unpacks to ${unpacked} bytes; the limit is ${maxDocumentXmlBytes} bytes`,
      413,
    );
  }
  const xml = files['word/document.xml'];
  if (!xml) throw new DocxImportError('body: not a .docx file (it has no word/document.xml)', 415);
  return strFromU8(xml);
}

/// The paragraphs of the DOCX `bytes` with their tracked changes. Throws DocxImportError for a file
/// that is not a readable DOCX.
function readDocx(bytes: Uint8Array): TrackedParagraph[] {
  const xml = documentXml(bytes);
  try {
    return readTrackedParagraphs(xml);
  } catch (error) {
    if (error instanceof SyntaxError) throw new DocxImportError(`body: ${error.message}`);
    throw error;
  }
}

/// The tracked changes of the DOCX `bytes` matched to `articles` (core/suggestions/docx-match.ts):
/// what they propose, and what could not be placed. Throws DocxImportError as readDocx.
export function matchDocx(
  bytes: Uint8Array,
  articles: readonly MatchableArticle[],
): { proposals: TrackedProposal[]; unmatched: UnmatchedChange[] } {
  return matchTrackedChanges(readDocx(bytes), articles);
}

/// What the tracked export needs of the live draft, read in its room: its state, its open
/// suggestions located in it, and the text of each article they were located in.
export interface TrackedSource {
  readonly state: Uint8Array;
  readonly located: readonly TrackedSuggestion[];
  /// Article id → its text in the Y.Doc when the suggestions were located.
  readonly texts: ReadonlyMap<string, string>;
}

/// The draft of `source` in `format` with its suggestions as tracked changes. A suggestion whose
/// article reads differently in the ProseMirror document than in the Y.Doc is left out; `options.author`
/// is the Word document's author.
export async function renderTracked(
  source: TrackedSource,
  language: Language,
  format: 'docx' | 'html',
  options: WordOptions = {},
): Promise<string | Uint8Array> {
  const doc = docFromState(source.state);
  const readBack = new Map<string, string>();
  doc.descendants((node, pos) => {
    if (node.type.name !== 'article') return !node.isTextblock;
    if (node.attrs.id) readBack.set(node.attrs.id as string, articleTextOf(node, pos).text);
    return false;
  });
  const suggestions = source.located.filter(
    (s) => readBack.get(s.articleId) === source.texts.get(s.articleId),
  );
  const outline = buildOutline(doc, language);
  const redline = draftRedline(doc, language, suggestions);
  return format === 'docx'
    ? renderDraftDocx(outline, { ...options, redline })
    : renderDraftHtml(outline, redline);
}
