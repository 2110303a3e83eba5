/// Exports of a whole draft, by format name: the one entry point for the CLI, the server and the app.
import type { Node as PMNode } from 'prosemirror-model';
import type { Language } from '../language.ts';
import { buildOutline } from '../outline.ts';
import { serializeLaw } from '../format/serialize.ts';
import { renderAkomaNtoso } from './akn.ts';
import { escapeMarkdown } from './escape.ts';
import { renderDraftDocx } from './docx.ts';
import { renderDraftHtml } from './html.ts';
import { draftSummary } from './json.ts';
import type { WordOptions } from './word.ts';

/// The formats a draft can be exported to.
export const draftExportFormats = ['txt', 'md', 'html', 'json', 'docx', 'akn'] as const;

/// One of draftExportFormats.
export type DraftExportFormat = (typeof draftExportFormats)[number];

/// MIME type and file extension of each export format.
export const draftExportTypes: Readonly<Record<DraftExportFormat, { mime: string; extension: string }>> = {
  txt: { mime: 'text/plain; charset=utf-8', extension: 'txt' },
  md: { mime: 'text/markdown; charset=utf-8', extension: 'md' },
  html: { mime: 'text/html; charset=utf-8', extension: 'html' },
  json: { mime: 'application/json; charset=utf-8', extension: 'json' },
  docx: {
    mime: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
    extension: 'docx',
  },
  akn: { mime: 'application/akn+xml; charset=utf-8', extension: 'xml' },
};

/// Options of exportDraft: who exports (the Word document's author) and the draft's dates (for the
/// Akoma Ntoso identification when the text's enactment history gives none), YYYY-MM-DD.
export interface DraftExportOptions extends WordOptions {
  /// When this version was cut, or the draft last changed.
  readonly date?: string;
  /// When the draft was begun.
  readonly workDate?: string;
}

/// `doc` in `format`: txt is the plain-text law format without Markdown heading marks, md the same
/// with them (`#`, `##`, `###`) and the text escaped for Markdown (HTML as entities, Markdown
/// punctuation with backslashes: nothing in a draft becomes markup), html a printable page, json the `lifa import --json` shape, docx a
/// Word document (bytes, as a Uint8Array; every other format is a string), akn Akoma Ntoso 3.0 XML.
/// Every format leaves out the source's comment lines (`<!-- … -->`): they are not the law's text.
/// Throws RangeError for a date option that is not YYYY-MM-DD.
export async function exportDraft(
  doc: PMNode,
  language: Language,
  format: DraftExportFormat,
  options: DraftExportOptions = {},
): Promise<string | Uint8Array> {
  switch (format) {
    case 'md':
      return serializeLaw(doc, language, { sourceComments: false, escape: escapeMarkdown });
    case 'txt':
      return stripHeadingMarks(serializeLaw(doc, language, { sourceComments: false }));
    case 'html':
      return renderDraftHtml(buildOutline(doc, language));
    case 'json':
      return JSON.stringify(draftSummary(buildOutline(doc, language)), null, 2) + '\n';
    case 'docx':
      return renderDraftDocx(buildOutline(doc, language), options);
    case 'akn':
      return renderAkomaNtoso(doc, language, { date: options.date, workDate: options.workDate });
  }
}

/// `text` with the Markdown marks removed from the start of heading lines.
export function stripHeadingMarks(text: string): string {
  return text.replace(/^#{1,6}[ \t]+/gm, '');
}
