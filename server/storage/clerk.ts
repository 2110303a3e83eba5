/// The clerk's storage: clusters, dispositions and reason templates, plus the bulk read of a draft's
/// comments that clustering, the clerk's table and the summary report share. Reached through
/// clerkStorage(storage), one set per open storage.
import type { Statement } from 'better-sqlite3';
import { ClusterRepository } from './clusters.ts';
import type { Db } from './database.ts';
import { DispositionRepository } from './dispositions.ts';
import { ReasonTemplateRepository } from './reason-templates.ts';
import type { Storage } from './storage.ts';
import type { SubmitterType } from './submitters.ts';

/// A comment as the clerk works on it: a public or imported comment that starts a thread (replies are
/// discussion, not submissions) and is not deleted.
export interface ClerkComment {
  readonly id: number;
  readonly kind: 'public' | 'imported';
  readonly articleId: string | null;
  readonly versionId: string | null;
  readonly status: 'open' | 'resolved';
  readonly body: string;
  readonly withdrawn: boolean;
  readonly externalId: string | null;
  readonly createdAt: number;
  /// The submitter's pseudonym number (null when there is no submitter).
  readonly submitterNumber: number | null;
  readonly name: string | null;
  readonly contact: string | null;
  readonly organization: string | null;
  readonly submitterType: SubmitterType | null;
  /// For a comment on the draft as a whole, the article its text and attachments cite most.
  readonly citedArticleId: string | null;
  readonly tags: readonly string[];
}

interface Row {
  id: number;
  kind: 'public' | 'imported';
  article_id: string | null;
  version_id: string | null;
  status: 'open' | 'resolved';
  body: string;
  withdrawn: number;
  external_id: string | null;
  created_at: number;
  s_number: number | null;
  s_name: string | null;
  s_contact: string | null;
  s_organization: string | null;
  s_type: SubmitterType | null;
  cited_article_id: string | null;
}

const clerkWhere = `c.draft_id = ? AND c.parent_id IS NULL AND c.deleted_at IS NULL AND c.kind IN ('public', 'imported')`;

/// Bulk reads of a draft's comments for the clerk.
export class ClerkComments {
  private readonly allStmt: Statement<[number, string], unknown[]>;
  private readonly oneStmt: Statement<[string, number], Row>;
  private readonly textStmt: Statement<[number, number], { body: string }>;
  private readonly idsStmt: Statement<[string], number>;
  private readonly tagsStmt: Statement<[string], { comment_id: number; tag: string }>;
  private readonly textsStmt: Statement<
    [string],
    { id: number; body: string; withdrawn: number; attached: string | null }
  >;
  private readonly attachmentSourceStmt: Statement<[string], { n: number; last: number }>;
  private readonly sourceStmt: Statement<[string], { n: number; last: number; withdrawn: number }>;
  private readonly searchStmt: Statement<[string, string, string], { id: number }>;
  private readonly versionsStmt: Statement<[string], { version_id: string | null; n: number }>;
  private readonly pageStmt: Statement<[string, number, number], unknown[]>;

  constructor(db: Db) {
    const columns = (
      body: string,
    ) => `SELECT c.id, c.kind, c.article_id, c.version_id, c.status, ${body} AS body, c.withdrawn, c.external_id,
        c.created_at, s.number AS s_number, s.name AS s_name, s.contact AS s_contact,
        s.organization AS s_organization, s.submitter_type AS s_type, c.cited_article_id
      FROM comments c LEFT JOIN submitters s ON s.id = c.submitter_id`;
    // What a comment's attachments say: the texts of those read, in order, separated by blank lines.
    const attached = `(SELECT group_concat(t.text, char(10) || char(10)) FROM (
        SELECT f.text FROM comment_attachments a JOIN attachment_files f ON f.sha256 = a.sha256
        WHERE a.comment_id = c.id AND f.state = 'read' ORDER BY a.position) t)`;
    // Rows as arrays (columns in the order of `columns`): 100,000 objects fewer to make and collect.
    this.allStmt = db
      .prepare<[number, string], unknown[]>(
        `${columns('substr(c.body, 1, ?)')} WHERE ${clerkWhere} ORDER BY c.id`,
      )
      .raw(true);
    this.oneStmt = db.prepare(`${columns('c.body')} WHERE ${clerkWhere} AND c.id = ?`);
    this.textStmt = db.prepare(
      `SELECT substr(CASE WHEN a IS NULL THEN body ELSE body || char(10) || char(10) || a END, 1, ?) AS body
       FROM (SELECT c.body, ${attached} AS a FROM comments c WHERE c.id = ?)`,
    );
    this.idsStmt = db
      .prepare<[string], number>(`SELECT c.id FROM comments c WHERE ${clerkWhere}`)
      .pluck(true);
    this.tagsStmt = db.prepare(
      `SELECT t.comment_id, t.tag FROM comment_tags t JOIN comments c ON c.id = t.comment_id
       WHERE ${clerkWhere} ORDER BY t.comment_id, t.tag`,
    );
    this.textsStmt = db.prepare(
      `SELECT c.id, c.body, c.withdrawn, ${attached} AS attached FROM comments c WHERE ${clerkWhere} ORDER BY c.id`,
    );
    this.sourceStmt = db.prepare(
      `SELECT count(*) AS n, coalesce(max(c.id), 0) AS last, coalesce(sum(c.withdrawn), 0) AS withdrawn
       FROM comments c WHERE ${clerkWhere}`,
    );
    this.searchStmt = db.prepare(
      `SELECT c.id FROM comments c WHERE ${clerkWhere} AND (instr(lower(c.body), lower(?)) > 0 OR EXISTS (
         SELECT 1 FROM comment_attachments a JOIN attachment_files f ON f.sha256 = a.sha256
         WHERE a.comment_id = c.id AND f.state = 'read' AND instr(lower(f.text), lower(?)) > 0))
       ORDER BY c.id`,
    );
    this.attachmentSourceStmt = db.prepare(
      `SELECT count(*) AS n, coalesce(max(f.extracted_at), 0) AS last FROM comment_attachments a
       JOIN attachment_files f ON f.sha256 = a.sha256 WHERE a.draft_id = ? AND f.state <> 'pending'`,
    );
    this.pageStmt = db
      .prepare<[string, number, number], unknown[]>(
        `SELECT c.id, c.body, ${attached} FROM comments c WHERE ${clerkWhere} AND c.id > ?
         ORDER BY c.id LIMIT ?`,
      )
      .raw(true);
    this.versionsStmt = db.prepare(
      `SELECT c.version_id, count(*) AS n FROM comments c WHERE ${clerkWhere}
       GROUP BY c.version_id ORDER BY n DESC, c.version_id`,
    );
  }

  /// Every clerk comment of `draftId` (see ClerkComment), in id order, with its tags; each body cut
  /// to its first `textLimit` characters when given (the table and the report need no more, and
  /// 100,000 whole bodies are hundreds of megabytes).
  all(draftId: string, textLimit = 2 ** 31 - 1): ClerkComment[] {
    const tags = new Map<number, string[]>();
    for (const { comment_id, tag } of this.tagsStmt.all(draftId)) {
      const list = tags.get(comment_id);
      if (list) list.push(tag);
      else tags.set(comment_id, [tag]);
    }
    const out: ClerkComment[] = [];
    for (const r of this.allStmt.iterate(textLimit, draftId)) {
      const id = r[0] as number;
      out.push({
        id,
        kind: r[1] as ClerkComment['kind'],
        articleId: r[2] as string | null,
        versionId: r[3] as string | null,
        status: r[4] as ClerkComment['status'],
        body: r[5] as string,
        withdrawn: r[6] === 1,
        externalId: r[7] as string | null,
        createdAt: r[8] as number,
        submitterNumber: r[9] as number | null,
        name: r[10] as string | null,
        contact: r[11] as string | null,
        organization: r[12] as string | null,
        submitterType: r[13] as SubmitterType | null,
        citedArticleId: r[14] as string | null,
        tags: tags.get(id) ?? [],
      });
    }
    return out;
  }

  /// Clerk comment `id` of `draftId`, or undefined.
  get(draftId: string, id: number): ClerkComment | undefined {
    const row = this.oneStmt.get(draftId, id);
    return row && fromRow(row, []);
  }

  /// The first `textLimit` characters of comment `id`'s text followed by what its attachments say,
  /// or null when there is no such comment.
  textOf(id: number, textLimit = 2 ** 31 - 1): string | null {
    return this.textStmt.get(textLimit, id)?.body ?? null;
  }

  /// The ids of every clerk comment of `draftId`.
  ids(draftId: string): Set<number> {
    return new Set(this.idsStmt.all(draftId));
  }

  /// Just the ids, texts and withdrawn flags of every clerk comment: what clustering reads. A
  /// comment's text is its own followed by what its attachments say (a cover note and its
  /// attachment count as one text).
  texts(draftId: string): { id: string; text: string; withdrawn: boolean }[] {
    return this.textsStmt.all(draftId).map((row) => ({
      id: String(row.id),
      text: row.attached === null ? row.body : `${row.body}\n\n${row.attached}`,
      withdrawn: row.withdrawn === 1,
    }));
  }

  /// The state of the clerk comments of `draftId`, as a short string that changes whenever a comment
  /// is added, deleted or withdrawn, or one of its attachments has been read (their texts never
  /// change otherwise: submissions are kept as sent).
  source(draftId: string): string {
    const row = this.sourceStmt.get(draftId)!;
    const files = this.attachmentSourceStmt.get(draftId)!;
    const base = `${row.n}:${row.last}:${row.withdrawn}`;
    return files.n === 0 ? base : `${base}:${files.n}:${files.last}`;
  }

  /// The whole texts of the next `limit` clerk comments of `draftId` after comment `afterId`, in id
  /// order, each followed by what its attachments say (as textOf): a page at a time, so that a long
  /// read (a streamed register) never holds the connection.
  textsAfter(draftId: string, afterId: number, limit: number): Array<{ id: number; body: string }> {
    return this.pageStmt.all(draftId, afterId, limit).map((row) => ({
      id: row[0] as number,
      body: row[2] === null ? (row[1] as string) : `${row[1] as string}\n\n${row[2] as string}`,
    }));
  }

  /// Ids of the clerk comments of `draftId` whose text or attachments contain `query` (ASCII
  /// letters in any case).
  search(draftId: string, query: string): number[] {
    return this.searchStmt.all(draftId, query, query).map((row) => row.id);
  }

  /// The version most clerk comments of `draftId` were made on (null: the live draft), or undefined
  /// when there are none.
  mainVersion(draftId: string): string | null | undefined {
    const top = this.versionsStmt.get(draftId);
    return top ? top.version_id : undefined;
  }
}

function fromRow(row: Row, tags: readonly string[]): ClerkComment {
  return {
    id: row.id,
    kind: row.kind,
    articleId: row.article_id,
    versionId: row.version_id,
    status: row.status,
    body: row.body,
    withdrawn: row.withdrawn === 1,
    externalId: row.external_id,
    createdAt: row.created_at,
    submitterNumber: row.s_number,
    name: row.s_name,
    contact: row.s_contact,
    organization: row.s_organization,
    submitterType: row.s_type,
    citedArticleId: row.cited_article_id,
    tags,
  };
}

/// The clerk's repositories over one database.
export class ClerkStorage {
  readonly clusters: ClusterRepository;
  readonly dispositions: DispositionRepository;
  readonly reasonTemplates: ReasonTemplateRepository;
  readonly comments: ClerkComments;

  constructor(db: Db) {
    this.clusters = new ClusterRepository(db);
    this.dispositions = new DispositionRepository(db);
    this.reasonTemplates = new ReasonTemplateRepository(db);
    this.comments = new ClerkComments(db);
  }
}

const made = new WeakMap<Storage, ClerkStorage>();

/// The clerk's repositories of `storage` (made on first use, prepared once).
export function clerkStorage(storage: Storage): ClerkStorage {
  let clerk = made.get(storage);
  if (!clerk) made.set(storage, (clerk = new ClerkStorage(storage.db)));
  return clerk;
}
