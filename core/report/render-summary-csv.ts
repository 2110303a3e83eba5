/// The summary report's register as CSV: one record per comment, in the report's order (article by
/// article, then general comments), with its cluster and the disposition in force. UTF-8 with a
/// byte-order mark, so that spreadsheet programs read Chinese text correctly; RFC 4180 quoting.
/// Personal data (organisation, contact) has columns only in a report made with personal data;
/// `submitter` holds a pseudonym otherwise.
import { dispositionLabel, pendingLabel } from '../comments/disposition.ts';
import { csvRecord, spreadsheetSafe } from './csv.ts';
import { commentPlainText, excerpt, textHead } from './excerpt.ts';
import type { SummaryReport } from './summary.ts';

/// Options of renderSummaryCsv.
export interface SummaryCsvOptions {
  /// Longest comment text in the `text` column, in characters; 0 for the whole text. Defaults to 200.
  readonly textLength?: number;
}

/// The register as CSV text (starting with U+FEFF).
export function renderSummaryCsv(report: SummaryReport, options: SummaryCsvOptions = {}): string {
  const textLength = options.textLength ?? 200;
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
    'text',
  ];
  const out: string[] = ['\ufeff' + csvRecord(header)];
  const safe = spreadsheetSafe;
  for (const entry of report.register) {
    const c = entry.comment;
    const d = entry.disposition;
    // Only the start of a long text can reach the excerpt: normalise no more than that.
    const plain = commentPlainText(textLength > 0 ? textHead(c.text, textLength * 4) : c.text);
    out.push(
      csvRecord([
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
        safe(textLength > 0 ? excerpt(plain, textLength) : plain),
      ]),
    );
  }
  return out.join('');
}
