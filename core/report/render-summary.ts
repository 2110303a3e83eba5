/// The summary report in any of its formats, by name: the one entry point for the CLI and the server.
import { renderSummaryCsv } from './render-summary-csv.ts';
import type { SummaryCsvOptions } from './render-summary-csv.ts';
import type { WordOptions } from '../export/word.ts';
import { renderSummaryDocx } from './render-summary-docx.ts';
import { renderSummaryHtml } from './render-summary-html.ts';
import { renderSummaryMarkdown } from './render-summary-md.ts';
import type { SummaryReport } from './summary.ts';

/// The formats the summary report can be written in.
export const summaryFormats = ['docx', 'csv', 'md', 'html'] as const;

/// One of summaryFormats.
export type SummaryFormat = (typeof summaryFormats)[number];

/// MIME type and file extension of each summary format.
export const summaryTypes: Readonly<Record<SummaryFormat, { mime: string; extension: string }>> = {
  docx: {
    mime: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
    extension: 'docx',
  },
  csv: { mime: 'text/csv; charset=utf-8', extension: 'csv' },
  md: { mime: 'text/markdown; charset=utf-8', extension: 'md' },
  html: { mime: 'text/html; charset=utf-8', extension: 'html' },
};

/// Whether `value` names a summary format.
export function isSummaryFormat(value: unknown): value is SummaryFormat {
  return typeof value === 'string' && (summaryFormats as readonly string[]).includes(value);
}

/// Options of renderSummary: those of the CSV register and of the Word document.
export type SummaryRenderOptions = SummaryCsvOptions & WordOptions;

/// `report` in `format`: docx as bytes (a Uint8Array), every other format as a string — csv the
/// register of comments, md and html the report.
export async function renderSummary(
  report: SummaryReport,
  format: SummaryFormat,
  options: SummaryRenderOptions = {},
): Promise<string | Uint8Array> {
  switch (format) {
    case 'docx':
      return renderSummaryDocx(report, options);
    case 'csv':
      return renderSummaryCsv(report, options);
    case 'md':
      return renderSummaryMarkdown(report);
    case 'html':
      return renderSummaryHtml(report);
  }
}
