/// The heavy work on drafts — reading a plain-text law into a first Y state, exporting a draft (also
/// with its suggestions as tracked changes), building what a version keeps, reading a marked-up
/// DOCX — as jobs with plain-data inputs and outputs, so the server can run
/// them in a worker thread (pool.ts) and keep its own thread free for every other request.
import * as Y from 'yjs';
import { buildOutline, exportDraft, LawTooLongError } from '../../core/index.ts';
import type {
  DraftExportFormat,
  DraftExportOptions,
  Language,
  MatchableArticle,
  TrackedProposal,
  UnmatchedChange,
  WordOptions,
} from '../../core/index.ts';
import { DraftContentError, docFromState } from '../document.ts';
import { prepareDraft } from '../drafts.ts';
import type { NewDraft, PreparedDraft } from '../drafts.ts';
import type { StoredState } from '../storage/record.ts';
import { DocxImportError, matchDocx, renderTracked } from '../suggestions/docx-files.ts';
import type { TrackedSource } from '../suggestions/docx-files.ts';
import { loadDoc } from '../sync/persistence.ts';

/// A draft's text as the jobs take it: what its record holds (read without loading the draft), or a
/// single state update as the checkpoint.
export interface DraftSource {
  readonly draftId: string;
  readonly stored: StoredState;
}

/// A job and what it returns.
export interface DraftJobs {
  /// A new draft from its text (prepareDraft), refusing more than `maxArticles` articles.
  prepare: {
    input: { job: 'prepare'; draft: Omit<NewDraft, 'ownerId'>; maxArticles: number };
    output: PreparedDraft;
  };
  /// A draft in an export format.
  export: {
    input: {
      job: 'export';
      source: DraftSource;
      language: Language;
      format: DraftExportFormat;
      options?: DraftExportOptions;
    };
    output: string | Uint8Array;
  };
  /// What a version keeps of a draft: its state and its outline (as JSON).
  version: {
    input: { job: 'version'; source: DraftSource; language: Language };
    output: { state: Uint8Array; outline: string };
  };
  /// The live draft with its located suggestions as tracked changes (DOCX) or a redline (HTML).
  tracked: {
    input: {
      job: 'tracked';
      source: TrackedSource;
      language: Language;
      format: 'docx' | 'html';
      options?: WordOptions;
    };
    output: string | Uint8Array;
  };
  /// The tracked changes of a DOCX file matched to the draft's articles.
  docx: {
    input: { job: 'docx'; bytes: Uint8Array; articles: readonly MatchableArticle[] };
    output: { proposals: TrackedProposal[]; unmatched: UnmatchedChange[] };
  };
}

/// Any job.
export type DraftJob = DraftJobs[keyof DraftJobs]['input'];

/// What job `J` returns.
export type DraftJobOutput<J extends DraftJob> = DraftJobs[J['job']]['output'];

/// The size of `source` in bytes, to decide where its job runs.
export function sourceSize(source: DraftSource): number {
  let bytes = source.stored.checkpoint?.length ?? 0;
  for (const update of source.stored.updates) bytes += update.length;
  return bytes;
}

// The state of `source` as one update: its log applied as loading the draft would.
function stateOf(source: DraftSource): Uint8Array {
  const { checkpoint, updates } = source.stored;
  if (updates.length === 0 && checkpoint) return checkpoint;
  const doc = loadDoc(source.draftId, source.stored);
  try {
    return Y.encodeStateAsUpdate(doc);
  } finally {
    doc.destroy();
  }
}

/// Do `job` here. Throws what the work throws: LawTooLongError, DraftContentError, DraftLoadError,
/// DocxImportError.
export async function runDraftJob<J extends DraftJob>(job: J): Promise<DraftJobOutput<J>> {
  switch (job.job) {
    case 'prepare':
      return prepareDraft(job.draft, job.maxArticles) as DraftJobOutput<J>;
    case 'export': {
      const data = await exportDraft(
        docFromState(stateOf(job.source)),
        job.language,
        job.format,
        job.options,
      );
      return data as DraftJobOutput<J>;
    }
    case 'version': {
      const state = stateOf(job.source);
      const outline = JSON.stringify(buildOutline(docFromState(state), job.language));
      return { state, outline } as DraftJobOutput<J>;
    }
    case 'tracked':
      return (await renderTracked(job.source, job.language, job.format, job.options)) as DraftJobOutput<J>;
    case 'docx':
      return matchDocx(job.bytes, job.articles) as DraftJobOutput<J>;
  }
  throw new TypeError(`Unknown draft job ${(job as { job: unknown }).job}`);
}

/// An error as it crosses between threads (structured clone keeps no class).
export interface JobError {
  readonly name: string;
  readonly message: string;
  readonly maxArticles?: number;
  readonly line?: number;
  readonly status?: 400 | 413 | 415;
}

/// `error` as plain data.
export function jobError(error: unknown): JobError {
  if (error instanceof LawTooLongError) {
    return { name: error.name, message: error.message, maxArticles: error.maxArticles, line: error.line };
  }
  if (error instanceof DocxImportError)
    return { name: error.name, message: error.message, status: error.status };
  if (error instanceof Error) return { name: error.name, message: error.message };
  return { name: 'Error', message: String(error) };
}

/// The error `data` describes, with its class back when it is one the routes answer to.
export function fromJobError(data: JobError): Error {
  if (data.name === 'LawTooLongError') return new LawTooLongError(data.maxArticles!, data.line!);
  if (data.name === 'DraftContentError') return new DraftContentError(data.message);
  if (data.name === 'DocxImportError') return new DocxImportError(data.message, data.status);
  const error = new Error(data.message);
  error.name = data.name;
  return error;
}
