/// Importing comments from files: CSV with the documented columns
/// (`id, received, article, name, contact, organization, submitterType, text`; only `text` is
/// required, other columns are kept as source data) and JSONL in the shape of the project corpus
/// (`id, receiveDate, submitter, organization, comment, withdrawn, …`: HTML decoded to plain text).
/// A comment goes to the article its `article` value names (a number, "第三条", "Article 3", or an
/// article id), else to the draft as a whole. Withdrawn comments are kept and flagged. The source
/// id is kept as externalId, so importing the same file again adds nothing. A record may name files
/// attached to it (CSV column `attachments`, paths separated by `;`; JSONL field `attachments`, an
/// array of paths), relative to the imported file; see import-attachments.ts.
import { createHash } from 'node:crypto';
import { parse as parseCsv } from 'csv-parse/sync';
import {
  citedArticleNumber,
  describeForbidden,
  findForbiddenCharacter,
  normalizeText,
  parseChineseNumeral,
} from '../../core/index.ts';
import type { Storage } from '../storage/interface.ts';
import { isSubmitterType } from '../storage/submitters.ts';
import type { SubmitterType } from '../storage/submitters.ts';

/// One comment read from a file, not yet stored.
export interface ImportedComment {
  /// 1-based line of the file where the record starts.
  readonly line: number;
  readonly externalId: string;
  /// When it was received (ms since the epoch), or null when the file does not say.
  readonly receivedAt: number | null;
  /// The file's article reference, as written (null when none).
  readonly article: string | null;
  readonly name: string;
  readonly contact: string | null;
  readonly organization: string | null;
  readonly submitterType: SubmitterType | null;
  readonly body: string;
  readonly withdrawn: boolean;
  /// Paths of files attached to it, as written (relative to the imported file).
  readonly attachments: readonly string[];
  /// Other fields of the record, kept with the comment.
  readonly source: Readonly<Record<string, unknown>> | null;
}

/// Something wrong with a file, at a 1-based line. A fatal problem stops the import before anything is
/// stored; the others are reported and the comment is imported anyway.
export interface ImportProblem {
  readonly line: number;
  readonly message: string;
  readonly fatal: boolean;
}

/// The comments of a file and the problems found in it.
export interface ParsedComments {
  readonly records: readonly ImportedComment[];
  readonly problems: readonly ImportProblem[];
}

/// The file formats the importer reads.
export type CommentFileFormat = 'csv' | 'jsonl';

/// The format a file name's extension says (`.csv`, `.jsonl` / `.ndjson`), or undefined.
export function commentFileFormat(path: string): CommentFileFormat | undefined {
  if (/\.csv$/i.test(path)) return 'csv';
  if (/\.(jsonl|ndjson)$/i.test(path)) return 'jsonl';
  return undefined;
}

/// Parse `text` in `format`. Never throws: everything wrong is a problem. A control character or a
/// lone surrogate in a comment's text or submitter (core/text.ts) is a fatal problem naming its line:
/// nothing is stored but what the file says, and such text cannot be stored.
export function parseComments(text: string, format: CommentFileFormat): ParsedComments {
  const parsed = format === 'csv' ? parseCommentsCsv(text) : parseCommentsJsonl(text);
  const problems = [...parsed.problems];
  for (const record of parsed.records) {
    for (const [field, value] of [
      ['text', record.body],
      ['name', record.name],
      ['contact', record.contact],
      ['organization', record.organization],
    ] as const) {
      const found = value === null ? undefined : findForbiddenCharacter(value);
      if (found) {
        problems.push({
          line: record.line,
          message: `the ${field} holds ${describeForbidden(found)}`,
          fatal: true,
        });
        break;
      }
    }
  }
  return problems.length === parsed.problems.length ? parsed : { records: parsed.records, problems };
}

const typeNames: Record<string, SubmitterType> = {
  individual: 'individual',
  person: 'individual',
  个人: 'individual',
  公民: 'individual',
  enterprise: 'enterprise',
  company: 'enterprise',
  business: 'enterprise',
  企业: 'enterprise',
  association: 'association',
  'social organization': 'association',
  协会: 'association',
  社会团体: 'association',
  社会组织: 'association',
  行业协会: 'association',
  government: 'government',
  'government body': 'government',
  'government agency': 'government',
  政府机关: 'government',
  国家机关: 'government',
  政府部门: 'government',
  expert: 'expert',
  专家: 'expert',
  专家学者: 'expert',
  other: 'other',
  其他: 'other',
};

/// The submitter type a file's value names (English or Chinese, any case), or null.
export function submitterTypeOf(value: string): SubmitterType | null {
  const key = value.trim().toLowerCase();
  if (isSubmitterType(key)) return key;
  return typeNames[key] ?? null;
}

const hashId = (parts: readonly unknown[]) =>
  `sha256:${createHash('sha256').update(JSON.stringify(parts)).digest('hex').slice(0, 32)}`;

const text = (value: unknown): string | null => {
  if (value === null || value === undefined) return null;
  const s = String(value).trim();
  return s === '' ? null : s;
};

function receivedAt(value: string | null, line: number, problems: ImportProblem[]): number | null {
  if (value === null) return null;
  const ms = Date.parse(value);
  if (Number.isNaN(ms)) {
    problems.push({
      line,
      message: `the date "${value}" is not a date; the import time is used`,
      fatal: false,
    });
    return null;
  }
  return ms;
}

function typeOf(value: string | null, line: number, problems: ImportProblem[]): SubmitterType | null {
  if (value === null) return null;
  const type = submitterTypeOf(value);
  if (!type) problems.push({ line, message: `unknown submitter type "${value}"; left unset`, fatal: false });
  return type;
}

function truthy(value: unknown): boolean {
  if (typeof value === 'boolean') return value;
  return typeof value === 'string' && /^(true|yes|y|1|是)$/i.test(value.trim());
}

const csvColumns = [
  'id',
  'received',
  'article',
  'name',
  'contact',
  'organization',
  'submittertype',
  'text',
  'attachments',
];

/// The paths of a CSV `attachments` cell: separated by semicolons or line breaks, blanks dropped.
export function attachmentPaths(cell: string | null | undefined): string[] {
  if (!cell) return [];
  return cell
    .split(/[;\n]/)
    .map((p) => p.trim())
    .filter((p) => p !== '');
}

/// Parse a CSV file with a header row. Column names are matched without regard to case;
/// `withdrawn` (true/yes/1) is read when present; unknown columns are kept as source data.
export function parseCommentsCsv(input: string): ParsedComments {
  const problems: ImportProblem[] = [];
  let rows: { record: Record<string, string>; info: { lines: number } }[];
  try {
    rows = parseCsv(input, {
      bom: true,
      columns: (header: string[]) => header.map((h) => h.trim().toLowerCase()),
      skip_empty_lines: true,
      relax_quotes: false,
      info: true,
    }) as unknown as typeof rows;
  } catch (error) {
    const e = error as { lines?: number; message?: string };
    const line = e.lines ?? 1;
    const message = (e.message ?? String(error)).replace(/^Invalid Record Length: /, '').split('\n')[0];
    return { records: [], problems: [{ line, message: `not valid CSV: ${message}`, fatal: true }] };
  }
  // A header alone (or nothing): no comments, nothing wrong.
  if (rows.length === 0) return { records: [], problems };
  const columns = Object.keys(rows[0].record);
  if (!columns.includes('text')) {
    return {
      records: [],
      problems: [{ line: 1, message: `no "text" column (columns: ${columns.join(', ')})`, fatal: true }],
    };
  }
  const records: ImportedComment[] = [];
  // The line a record starts on: csv-parse reports the line it ends on.
  let nextLine = 2;
  for (const { record, info } of rows) {
    const line = nextLine;
    nextLine = info.lines + 1;
    const get = (name: string) => text(record[name]);
    const body = (record.text ?? '').replace(/\r\n?/g, '\n').trim();
    const withdrawn = truthy(record.withdrawn);
    if (!body && !withdrawn) problems.push({ line, message: 'empty comment text', fatal: false });
    const extra: Record<string, unknown> = {};
    for (const column of columns) {
      if (!csvColumns.includes(column) && column !== 'withdrawn' && get(column) !== null)
        extra[column] = get(column);
    }
    const name = get('name') ?? '';
    const article = get('article');
    records.push({
      line,
      externalId: get('id') ?? hashId([get('received'), article, name, get('contact'), body]),
      receivedAt: receivedAt(get('received'), line, problems),
      article,
      name,
      contact: get('contact'),
      organization: get('organization'),
      submitterType: typeOf(get('submittertype'), line, problems),
      body,
      withdrawn,
      attachments: attachmentPaths(record.attachments),
      source: Object.keys(extra).length ? extra : null,
    });
  }
  return { records, problems };
}

const jsonlKnown = new Set([
  'id',
  'receiveDate',
  'received',
  'submitter',
  'name',
  'contact',
  'organization',
  'submitterType',
  'comment',
  'text',
  'withdrawn',
  'article',
  'articleId',
  'attachments',
]);

/// Parse JSONL: one JSON object a line, blank lines ignored. Fields: `id`, `receiveDate` (or
/// `received`), `submitter` (or `name`), `contact`, `organization`, `submitterType`, `comment` (or
/// `text`; HTML tags and entities decoded to plain text), `withdrawn`, `article` (or `articleId`);
/// other fields are kept as source data.
export function parseCommentsJsonl(input: string): ParsedComments {
  const problems: ImportProblem[] = [];
  const records: ImportedComment[] = [];
  const lines = input.replace(/^\uFEFF/, '').split('\n');
  for (let i = 0; i < lines.length; i++) {
    const line = i + 1;
    const raw = lines[i].replace(/\r$/, '');
    if (!raw.trim()) continue;
    let value: unknown;
    try {
      value = JSON.parse(raw);
    } catch (error) {
      problems.push({ line, message: `not valid JSON: ${(error as Error).message}`, fatal: true });
      continue;
    }
    if (!value || typeof value !== 'object' || Array.isArray(value)) {
      problems.push({ line, message: 'not a JSON object', fatal: true });
      continue;
    }
    const o = value as Record<string, unknown>;
    const comment = o.comment ?? o.text ?? null;
    if (comment !== null && typeof comment !== 'string') {
      problems.push({ line, message: '"comment" must be a string or null', fatal: true });
      continue;
    }
    const badField = ['id', 'submitter', 'name', 'contact', 'organization', 'article', 'articleId'].find(
      (key) =>
        o[key] !== undefined && o[key] !== null && typeof o[key] !== 'string' && typeof o[key] !== 'number',
    );
    if (badField) {
      problems.push({ line, message: `"${badField}" must be a string or a number`, fatal: true });
      continue;
    }
    const files = o.attachments ?? [];
    if (!Array.isArray(files) || files.some((f) => typeof f !== 'string')) {
      problems.push({ line, message: '"attachments" must be an array of file paths', fatal: true });
      continue;
    }
    const withdrawn = truthy(o.withdrawn);
    const body = comment === null ? '' : normalizeText(comment);
    if (!body && !withdrawn) problems.push({ line, message: 'empty comment text', fatal: false });
    const source: Record<string, unknown> = {};
    for (const [key, field] of Object.entries(o)) {
      if (!jsonlKnown.has(key) && field !== null && field !== undefined) source[key] = field;
    }
    const name = text(o.submitter ?? o.name) ?? '';
    const article = text(o.article ?? o.articleId);
    const received = text(o.receiveDate ?? o.received);
    records.push({
      line,
      externalId: text(o.id) ?? hashId([received, article, name, text(o.contact), body]),
      receivedAt: receivedAt(received, line, problems),
      article,
      name,
      contact: text(o.contact),
      organization: text(o.organization),
      submitterType: typeOf(text(o.submitterType), line, problems),
      body,
      withdrawn,
      attachments: (files as string[]).map((f) => f.trim()).filter((f) => f !== ''),
      source: Object.keys(source).length ? source : null,
    });
  }
  return { records, problems };
}

/// An article as the importer matches it.
export interface ArticleRef {
  readonly id: string | null;
  /// 1-based number through the draft.
  readonly number: number;
}

/// The id of the article `value` names among `articles`: an article id, a number ("3"), or a label
/// ("第三条", "Article 3", "Art. 3", "§ 3"). Undefined when it names none.
export function resolveArticle(value: string, articles: readonly ArticleRef[]): string | undefined {
  const v = value.trim();
  const byId = articles.find((a) => a.id === v);
  if (byId?.id) return byId.id;
  let n: number | null = null;
  const zh = /^第\s*([0-9零〇一二三四五六七八九十百千两]+)\s*条$/.exec(v);
  const en = /^(?:article|art\.?|§)?\s*(\d+)$/i.exec(v);
  if (zh) n = /^\d+$/.test(zh[1]) ? Number(zh[1]) : parseChineseNumeral(zh[1]);
  else if (en) n = Number(en[1]);
  if (n === null || !Number.isInteger(n) || n < 1) return undefined;
  return articles.find((a) => a.number === n)?.id ?? undefined;
}

/// Options of importComments.
export interface ImportOptions {
  /// The version the comments were made on; null (the default) for the live draft.
  readonly versionId?: string | null;
  /// Called after every batch with how many records were handled so far and how many there are.
  readonly onProgress?: (done: number, total: number) => void;
  /// Records per transaction. Defaults to 1,000.
  readonly batchSize?: number;
}

/// What an import did.
export interface ImportResult {
  readonly added: number;
  /// Records whose externalId was already there (from an earlier import, or earlier in the file).
  readonly skipped: number;
  readonly withdrawn: number;
  readonly onArticles: number;
  readonly onDraft: number;
  /// Article references that name no article (those comments went to the draft as a whole).
  readonly problems: readonly ImportProblem[];
}

/// Store `records` as imported comments of `draftId`, whose articles are `articles`. Records already
/// imported (same externalId) are skipped. Each batch is one transaction under the draft's import
/// lock, so two imports of one file at once (in one process or two) add each comment once. Rejects
/// when the draft does not exist.
export async function importComments(
  storage: Storage,
  draftId: string,
  records: readonly ImportedComment[],
  articles: readonly ArticleRef[],
  options: ImportOptions = {},
): Promise<ImportResult> {
  if (!(await storage.drafts.get(draftId))) throw new RangeError(`No draft ${draftId}`);
  const batchSize = options.batchSize ?? 1000;
  const problems: ImportProblem[] = [];
  let added = 0;
  let skipped = 0;
  let withdrawn = 0;
  let onArticles = 0;
  const now = Date.now();
  for (let start = 0; start < records.length; start += batchSize) {
    await storage.transaction(
      async (tx) => {
        for (const record of records.slice(start, start + batchSize)) {
          if ((await tx.comments.byExternalId(draftId, record.externalId)) !== undefined) {
            skipped++;
            continue;
          }
          let articleId: string | null = null;
          if (record.article !== null) {
            articleId = resolveArticle(record.article, articles) ?? null;
            if (articleId === null) {
              problems.push({
                line: record.line,
                message: `no article "${record.article}" in the draft; the comment is on the draft as a whole`,
                fatal: false,
              });
            }
          }
          // On the draft as a whole: the article its text cites, if any (its attachments are read later).
          const cited = articleId === null ? citedArticleNumber(record.body, articles.length) : null;
          const citedArticleId =
            cited === null ? null : (articles.find((a) => a.number === cited)?.id ?? null);
          const submitter = await tx.submitters.resolve(
            draftId,
            {
              name: record.name,
              contact: record.contact,
              organization: record.organization,
              type: record.submitterType,
            },
            now,
          );
          await tx.comments.insert({
            draftId,
            kind: 'imported',
            articleId,
            versionId: options.versionId ?? null,
            body: record.body,
            submitterId: submitter.id,
            externalId: record.externalId,
            source: record.source,
            withdrawn: record.withdrawn,
            citedArticleId,
            createdAt: record.receivedAt ?? now,
          });
          added++;
          if (record.withdrawn) withdrawn++;
          if (articleId !== null) onArticles++;
        }
      },
      { lock: `comments-import:${draftId}` },
    );
    options.onProgress?.(Math.min(start + batchSize, records.length), records.length);
  }
  return { added, skipped, withdrawn, onArticles, onDraft: added - onArticles, problems };
}
