/// The summary report's register as CSV: one record per comment, by comment number, with its article,
/// its cluster and the disposition in force, the files it carried with where their reading stands
/// (`letter.pdf (read); scan.png (not read)`), and its whole text. UTF-8 with a
/// byte-order mark, so that spreadsheet programs read Chinese text correctly; RFC 4180 quoting.
/// Personal data (organisation, contact) has columns only in a report made with personal data;
/// `submitter` holds a pseudonym otherwise.
import { unreadableLabel } from '../comments/attachments.ts';
import { dispositionLabel, pendingLabel } from '../comments/disposition.ts';
import { csvRecord, spreadsheetSafe } from './csv.ts';
import { normalizeText } from '../comments/normalize.ts';
import type { SummaryAttachment, SummaryComment, SummaryReport } from './summary.ts';

/// Options of summaryCsvChunks and renderSummaryCsv.
export interface SummaryCsvOptions {
  /// The whole text of a comment, for a report built without texts (`text` null) so that 100,000 of
  /// them need not be held at once: read here, one at a time, as the CSV is written. Defaults to the
  /// comment's `text`; null gives an empty field.
  readonly readText?: (comment: SummaryComment) => string | null;
  /// The files of a comment, read here one comment at a time as the CSV is written (in ascending
  /// comment number), for a report built without them. Defaults to the comment's `attachments`.
  readonly readAttachments?: (comment: SummaryComment) => readonly SummaryAttachment[];
  /// Records per chunk. Defaults to 256.
  readonly chunkRecords?: number;
  /// Whether the first chunk starts with U+FEFF and the header (false: for the records of a later
  /// part of the register, written after an earlier call's). Defaults to true.
  readonly header?: boolean;
}

/// The register as CSV, in chunks of a few hundred records (the first holds U+FEFF and the header):
/// every comment's whole text, nothing cut: as stored, or through normalizeText when it holds markup
/// (tags and entities resolved, paragraphs kept as line breaks). Nothing is read before a chunk is
/// asked for, so a caller can stream 100,000 comments without holding their texts.
export function* summaryCsvChunks(report: SummaryReport, options: SummaryCsvOptions = {}): Generator<string> {
  const readText = options.readText ?? ((c: SummaryComment) => c.text);
  const readAttachments =
    options.readAttachments ?? ((c: SummaryComment): readonly SummaryAttachment[] => c.attachments ?? []);
  const perChunk = Math.max(1, options.chunkRecords ?? 256);
  const personal = report.personalData;
  const header = [
    'comment_id',
    'external_id',
    'article_id',
    'article',
    'cluster_id',
    'cluster_size',
    'submitter_type',
    'submitter',
    ...(personal ? ['organization', 'contact'] : []),
    'disposition',
    'disposition_label',
    'reason',
    'decided_for',
    'decided_by',
    'decided_at',
    'linked_article_id',
    'attachments',
    'text',
  ];
  const safe = spreadsheetSafe;
  let chunk = options.header === false ? '' : '\ufeff' + csvRecord(header);
  let inChunk = 0;
  for (const entry of report.register) {
    const c = entry.comment;
    const d = entry.disposition;
    chunk += csvRecord([
      c.id,
      safe(c.externalId),
      c.articleId,
      entry.articleLabel,
      entry.clusterId,
      entry.clusterSize,
      safe(c.submitterType),
      safe(c.submitter),
      ...(personal ? [safe(c.organization ?? null), safe(c.contact ?? null)] : []),
      d?.kind ?? 'pending',
      d ? dispositionLabel(d.kind, report.language) : pendingLabel(report.language),
      safe(d?.reason ?? null),
      d?.source ?? null,
      d?.decidedBy ?? null,
      d ? new Date(d.decidedAt).toISOString() : null,
      d?.linkedArticleId ?? null,
      safe(attachmentsField(readAttachments(c))),
      safe(plainText(readText(c) ?? '')),
    ]);
    if (++inChunk === perChunk) {
      yield chunk;
      chunk = '';
      inChunk = 0;
    }
  }
  if (chunk) yield chunk;
}

/// The register as one CSV text (starting with U+FEFF): summaryCsvChunks joined.
export function renderSummaryCsv(report: SummaryReport, options: SummaryCsvOptions = {}): string {
  let out = '';
  for (const chunk of summaryCsvChunks(report, options)) out += chunk;
  return out;
}

/// The files of a comment as one field: each name with where its reading stands, in the order sent,
/// separated by "; " — `letter.pdf (read); scan.png (not read); old.pdf (unreadable: encrypted)`;
/// '' for none. The words are English whatever the draft's language, as the column names are.
function attachmentsField(files: readonly SummaryAttachment[]): string {
  return files.map((f) => `${f.fileName} (${attachmentStateWords(f)})`).join('; ');
}

function attachmentStateWords(file: SummaryAttachment): string {
  switch (file.state) {
    case 'read':
      return 'read';
    case 'not-read':
      return 'not read';
    case 'pending':
      return 'waiting to be read';
    case 'unreadable':
      return unreadableLabel(file.reason);
  }
}

// A comment's text as the register writes it: as stored (comments are stored as plain text), unless it
// holds markup — a tag or an entity, as in an old import of HTML — which normalizeText turns into text.
function plainText(text: string): string {
  return /<[a-zA-Z/!]|&(?:#\d+|#x[\da-fA-F]+|[a-zA-Z]+);/.test(text) ? normalizeText(text) : text;
}
