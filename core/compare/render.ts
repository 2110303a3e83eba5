/// A comparison in any of its output formats, by name: the one entry point for the CLI and the server.
import type { Comparison } from './comparison.ts';
import { comparisonJson } from './comparison.ts';
import type { WordOptions } from '../export/word.ts';
import type { DisplayOptions } from './display.ts';
import { renderComparisonDocx } from './render-docx.ts';
import { renderComparisonHtml } from './render-html.ts';
import { renderComparisonMarkdown } from './render-markdown.ts';
import type { TableOptions } from './render-table.ts';
import { renderComparisonTable } from './render-table.ts';

/// The formats a comparison can be written in.
export const comparisonFormats = ['table', 'json', 'html', 'docx', 'md'] as const;

/// One of comparisonFormats.
export type ComparisonFormat = (typeof comparisonFormats)[number];

/// MIME type and file extension of each comparison format.
export const comparisonTypes: Readonly<Record<ComparisonFormat, { mime: string; extension: string }>> = {
  table: { mime: 'text/plain; charset=utf-8', extension: 'txt' },
  json: { mime: 'application/json; charset=utf-8', extension: 'json' },
  html: { mime: 'text/html; charset=utf-8', extension: 'html' },
  docx: {
    mime: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
    extension: 'docx',
  },
  md: { mime: 'text/markdown; charset=utf-8', extension: 'md' },
};

/// Options of renderComparison: those of every renderer (each reads the ones it knows; `author` is
/// the Word document's).
export type RenderComparisonOptions = DisplayOptions & TableOptions & WordOptions;

/// `comparison` in `format`: table the terminal table, json the `{summary, rows}` report (two-space
/// indented, with a final newline), html a self-contained page, docx a Word document (bytes, as a
/// Uint8Array; every other format is a string), md a Markdown table.
export async function renderComparison(
  comparison: Comparison,
  format: ComparisonFormat,
  options: RenderComparisonOptions = {},
): Promise<string | Uint8Array> {
  switch (format) {
    case 'table':
      return renderComparisonTable(comparison, options);
    case 'json':
      return JSON.stringify(comparisonJson(comparison), null, 2) + '\n';
    case 'html':
      return renderComparisonHtml(comparison, options);
    case 'docx':
      return renderComparisonDocx(comparison, options);
    case 'md':
      return renderComparisonMarkdown(comparison, options);
  }
}
