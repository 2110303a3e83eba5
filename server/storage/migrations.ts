/// The database schema as numbered migrations. A migration is never edited once released: a schema
/// change is a new entry at the end. `PRAGMA user_version` records how many have been applied.
import type Sqlite from 'better-sqlite3';
import { emptyHead, entryHash } from './record-chain.ts';
import type { RecordHead } from './record-chain.ts';

/// One schema step: its number (1-based, consecutive), the SQL that performs it, and for a step that
/// must compute something SQL cannot (hashes), a function run after the SQL in the same transaction.
export interface Migration {
  readonly version: number;
  readonly name: string;
  readonly sql: string;
  readonly run?: (db: Sqlite.Database) => void;
}

/// Every migration, in order.
export const migrations: readonly Migration[] = [
  {
    version: 1,
    name: 'drafts, update logs, versions, users, sessions, memberships, audit',
    sql: `
      CREATE TABLE meta (
        key   TEXT PRIMARY KEY,
        value TEXT NOT NULL
      );
      CREATE TABLE users (
        id            INTEGER PRIMARY KEY,
        username      TEXT NOT NULL UNIQUE,
        password_hash TEXT NOT NULL,
        is_admin      INTEGER NOT NULL DEFAULT 0,
        created_at    INTEGER NOT NULL
      );
      CREATE TABLE sessions (
        token_hash TEXT PRIMARY KEY,
        user_id    INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
        created_at INTEGER NOT NULL,
        expires_at INTEGER NOT NULL
      );
      CREATE INDEX sessions_user ON sessions(user_id);
      CREATE TABLE drafts (
        id         TEXT PRIMARY KEY,
        title      TEXT NOT NULL,
        language   TEXT NOT NULL CHECK (language IN ('zh', 'en')),
        status     TEXT NOT NULL DEFAULT 'drafting',
        created_at INTEGER NOT NULL,
        updated_at INTEGER NOT NULL,
        deleted_at INTEGER
      );
      CREATE TABLE draft_snapshots (
        draft_id   TEXT PRIMARY KEY REFERENCES drafts(id) ON DELETE CASCADE,
        state      BLOB NOT NULL,
        updated_at INTEGER NOT NULL
      );
      CREATE TABLE draft_updates (
        seq      INTEGER PRIMARY KEY,
        draft_id TEXT NOT NULL REFERENCES drafts(id) ON DELETE CASCADE,
        data     BLOB NOT NULL
      );
      CREATE INDEX draft_updates_draft ON draft_updates(draft_id, seq);
      CREATE TABLE versions (
        id         TEXT PRIMARY KEY,
        draft_id   TEXT NOT NULL REFERENCES drafts(id) ON DELETE CASCADE,
        label      TEXT NOT NULL,
        created_at INTEGER NOT NULL,
        author_id  INTEGER REFERENCES users(id) ON DELETE SET NULL,
        state      BLOB NOT NULL,
        outline    TEXT NOT NULL
      );
      CREATE INDEX versions_draft ON versions(draft_id, created_at);
      CREATE TABLE memberships (
        draft_id TEXT NOT NULL REFERENCES drafts(id) ON DELETE CASCADE,
        user_id  INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
        role     TEXT NOT NULL CHECK (role IN ('owner', 'drafter', 'reviewer', 'clerk', 'viewer')),
        PRIMARY KEY (draft_id, user_id)
      ) WITHOUT ROWID;
      CREATE INDEX memberships_user ON memberships(user_id);
      CREATE TABLE audit (
        id       INTEGER PRIMARY KEY,
        at       INTEGER NOT NULL,
        user_id  INTEGER,
        draft_id TEXT,
        action   TEXT NOT NULL,
        detail   TEXT
      );
      CREATE INDEX audit_draft ON audit(draft_id, at);
    `,
  },
  {
    version: 2,
    name: 'update log keyed by (draft, seq) without rowid: one B-tree write per appended update',
    sql: `
      CREATE TABLE draft_updates_by_draft (
        draft_id TEXT NOT NULL REFERENCES drafts(id) ON DELETE CASCADE,
        seq      INTEGER NOT NULL,
        data     BLOB NOT NULL,
        PRIMARY KEY (draft_id, seq)
      ) WITHOUT ROWID;
      INSERT INTO draft_updates_by_draft (draft_id, seq, data) SELECT draft_id, seq, data FROM draft_updates;
      DROP TABLE draft_updates;
      ALTER TABLE draft_updates_by_draft RENAME TO draft_updates;
    `,
  },
  {
    version: 3,
    name: 'comments (review, public, imported), submitters with per-draft pseudonyms, tags, edit history, comment periods',
    sql: `
      CREATE TABLE submitters (
        id             INTEGER PRIMARY KEY,
        draft_id       TEXT NOT NULL REFERENCES drafts(id) ON DELETE CASCADE,
        number         INTEGER NOT NULL,
        identity       TEXT,
        name           TEXT NOT NULL,
        contact        TEXT,
        organization   TEXT,
        submitter_type TEXT CHECK (submitter_type IN
                         ('individual', 'enterprise', 'association', 'government', 'expert', 'other')),
        created_at     INTEGER NOT NULL,
        UNIQUE (draft_id, number),
        UNIQUE (draft_id, identity)
      );
      CREATE TABLE comments (
        id           INTEGER PRIMARY KEY,
        draft_id     TEXT NOT NULL REFERENCES drafts(id) ON DELETE CASCADE,
        kind         TEXT NOT NULL CHECK (kind IN ('review', 'public', 'imported')),
        article_id   TEXT,
        version_id   TEXT REFERENCES versions(id),
        parent_id    INTEGER REFERENCES comments(id) ON DELETE CASCADE,
        status       TEXT NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'resolved')),
        body         TEXT NOT NULL,
        author_id    INTEGER REFERENCES users(id) ON DELETE SET NULL,
        submitter_id INTEGER REFERENCES submitters(id) ON DELETE SET NULL,
        anchor       TEXT,
        external_id  TEXT,
        receipt      TEXT UNIQUE,
        sender       TEXT,
        source       TEXT,
        withdrawn    INTEGER NOT NULL DEFAULT 0,
        created_at   INTEGER NOT NULL,
        updated_at   INTEGER NOT NULL,
        deleted_at   INTEGER,
        UNIQUE (draft_id, external_id)
      );
      CREATE INDEX comments_draft_article ON comments(draft_id, article_id);
      CREATE INDEX comments_parent ON comments(parent_id);
      CREATE INDEX comments_sender ON comments(draft_id, sender) WHERE sender IS NOT NULL;
      CREATE TABLE comment_tags (
        comment_id INTEGER NOT NULL REFERENCES comments(id) ON DELETE CASCADE,
        tag        TEXT NOT NULL,
        PRIMARY KEY (comment_id, tag)
      ) WITHOUT ROWID;
      CREATE INDEX comment_tags_tag ON comment_tags(tag, comment_id);
      CREATE TABLE comment_edits (
        id         INTEGER PRIMARY KEY,
        comment_id INTEGER NOT NULL REFERENCES comments(id) ON DELETE CASCADE,
        body       TEXT NOT NULL,
        editor_id  INTEGER REFERENCES users(id) ON DELETE SET NULL,
        edited_at  INTEGER NOT NULL
      );
      CREATE INDEX comment_edits_comment ON comment_edits(comment_id, id);
      CREATE TABLE comment_periods (
        draft_id   TEXT PRIMARY KEY REFERENCES drafts(id) ON DELETE CASCADE,
        version_id TEXT NOT NULL REFERENCES versions(id),
        open       INTEGER NOT NULL,
        closes_at  INTEGER,
        opened_at  INTEGER NOT NULL,
        closed_at  INTEGER,
        updated_at INTEGER NOT NULL
      );
    `,
  },
  {
    version: 4,
    name: 'clerk: clusters of comments, cluster decisions, dispositions with history, reason templates',
    sql: `
      CREATE TABLE clusterings (
        draft_id     TEXT PRIMARY KEY REFERENCES drafts(id) ON DELETE CASCADE,
        clustered_at INTEGER NOT NULL,
        comments     INTEGER NOT NULL,
        source       TEXT NOT NULL
      );
      CREATE TABLE clusters (
        draft_id       TEXT NOT NULL REFERENCES drafts(id) ON DELETE CASCADE,
        id             TEXT NOT NULL,
        kind           TEXT NOT NULL CHECK (kind IN ('text', 'stub')),
        representative INTEGER NOT NULL,
        size           INTEGER NOT NULL,
        PRIMARY KEY (draft_id, id)
      ) WITHOUT ROWID;
      CREATE TABLE cluster_members (
        comment_id INTEGER PRIMARY KEY REFERENCES comments(id) ON DELETE CASCADE,
        draft_id   TEXT NOT NULL REFERENCES drafts(id) ON DELETE CASCADE,
        cluster_id TEXT NOT NULL
      );
      CREATE INDEX cluster_members_cluster ON cluster_members(draft_id, cluster_id);
      CREATE TABLE cluster_decisions (
        id         INTEGER PRIMARY KEY,
        draft_id   TEXT NOT NULL REFERENCES drafts(id) ON DELETE CASCADE,
        decision   TEXT NOT NULL,
        decided_by INTEGER REFERENCES users(id) ON DELETE SET NULL,
        decided_at INTEGER NOT NULL
      );
      CREATE INDEX cluster_decisions_draft ON cluster_decisions(draft_id, id);
      CREATE TABLE reason_templates (
        id         TEXT PRIMARY KEY,
        draft_id   TEXT NOT NULL REFERENCES drafts(id) ON DELETE CASCADE,
        label      TEXT NOT NULL,
        text       TEXT NOT NULL,
        kind       TEXT CHECK (kind IN ('adopted', 'partly-adopted', 'not-adopted', 'noted', 'out-of-scope')),
        created_at INTEGER NOT NULL,
        updated_at INTEGER NOT NULL,
        deleted_at INTEGER
      );
      CREATE INDEX reason_templates_draft ON reason_templates(draft_id);
      CREATE TABLE dispositions (
        id                INTEGER PRIMARY KEY,
        draft_id          TEXT NOT NULL REFERENCES drafts(id) ON DELETE CASCADE,
        comment_id        INTEGER REFERENCES comments(id) ON DELETE CASCADE,
        cluster_id        TEXT,
        kind              TEXT NOT NULL
                            CHECK (kind IN ('adopted', 'partly-adopted', 'not-adopted', 'noted', 'out-of-scope')),
        reason            TEXT NOT NULL DEFAULT '',
        template_id       TEXT REFERENCES reason_templates(id) ON DELETE SET NULL,
        linked_article_id TEXT,
        linked_version_id TEXT REFERENCES versions(id) ON DELETE SET NULL,
        decided_by        INTEGER REFERENCES users(id) ON DELETE SET NULL,
        decided_at        INTEGER NOT NULL,
        CHECK ((comment_id IS NULL) <> (cluster_id IS NULL))
      );
      CREATE UNIQUE INDEX dispositions_comment ON dispositions(comment_id) WHERE comment_id IS NOT NULL;
      CREATE UNIQUE INDEX dispositions_cluster ON dispositions(draft_id, cluster_id) WHERE cluster_id IS NOT NULL;
      CREATE INDEX dispositions_draft ON dispositions(draft_id);
      CREATE TABLE disposition_history (
        id                INTEGER PRIMARY KEY,
        draft_id          TEXT NOT NULL REFERENCES drafts(id) ON DELETE CASCADE,
        comment_id        INTEGER REFERENCES comments(id) ON DELETE CASCADE,
        cluster_id        TEXT,
        action            TEXT NOT NULL CHECK (action IN ('set', 'cleared', 'carried')),
        kind              TEXT,
        reason            TEXT,
        template_id       TEXT,
        linked_article_id TEXT,
        linked_version_id TEXT,
        decided_by        INTEGER REFERENCES users(id) ON DELETE SET NULL,
        decided_at        INTEGER NOT NULL
      );
      CREATE INDEX disposition_history_comment ON disposition_history(comment_id, id) WHERE comment_id IS NOT NULL;
      CREATE INDEX disposition_history_cluster ON disposition_history(draft_id, cluster_id, id) WHERE cluster_id IS NOT NULL;
    `,
  },
  {
    version: 5,
    name: 'the record: attributed, hash-chained entries kept forever, one checkpoint per draft, connections, version heads',
    sql: `
      CREATE TABLE record_entries (
        draft_id     TEXT NOT NULL REFERENCES drafts(id) ON DELETE CASCADE,
        seq          INTEGER NOT NULL,
        at           INTEGER NOT NULL,
        user_id      INTEGER,
        suggested_by INTEGER,
        connection   INTEGER,
        kind         TEXT,
        data         BLOB NOT NULL,
        hash         BLOB NOT NULL,
        PRIMARY KEY (draft_id, seq)
      ) WITHOUT ROWID;
      CREATE TABLE record_checkpoints (
        draft_id   TEXT PRIMARY KEY REFERENCES drafts(id) ON DELETE CASCADE,
        seq        INTEGER NOT NULL,
        hash       BLOB NOT NULL,
        state      BLOB NOT NULL,
        created_at INTEGER NOT NULL
      );
      CREATE TABLE record_connections (
        id        INTEGER PRIMARY KEY,
        draft_id  TEXT NOT NULL REFERENCES drafts(id) ON DELETE CASCADE,
        user_id   INTEGER,
        address   TEXT,
        opened_at INTEGER NOT NULL
      );
      CREATE INDEX record_connections_draft ON record_connections(draft_id);
      ALTER TABLE versions ADD COLUMN record_seq INTEGER;
      ALTER TABLE versions ADD COLUMN record_hash BLOB;
    `,
    run: recordFromUpdateLog,
  },
  {
    version: 6,
    name: 'suggestions (tracked changes) with their threads and history; dispositions may link the suggestion that carries them out',
    sql: `
      CREATE TABLE suggestions (
        id           INTEGER PRIMARY KEY,
        draft_id     TEXT NOT NULL REFERENCES drafts(id) ON DELETE CASCADE,
        kind         TEXT NOT NULL
                       CHECK (kind IN ('text', 'insert-article', 'delete-article', 'insert-paragraph', 'insert-item')),
        article_id   TEXT NOT NULL,
        quote        TEXT NOT NULL,
        replacement  TEXT NOT NULL,
        prefix       TEXT NOT NULL DEFAULT '',
        suffix       TEXT NOT NULL DEFAULT '',
        place        TEXT,
        anchor_start TEXT,
        anchor_end   TEXT,
        note         TEXT,
        status       TEXT NOT NULL DEFAULT 'open'
                       CHECK (status IN ('open', 'stale', 'accepted', 'rejected', 'withdrawn')),
        author_id    INTEGER REFERENCES users(id) ON DELETE SET NULL,
        word_author  TEXT,
        created_at   INTEGER NOT NULL,
        updated_at   INTEGER NOT NULL,
        decided_by   INTEGER REFERENCES users(id) ON DELETE SET NULL,
        decided_at   INTEGER,
        reason       TEXT,
        applied      TEXT
      );
      CREATE INDEX suggestions_draft ON suggestions(draft_id, status);
      CREATE TABLE suggestion_comments (
        id            INTEGER PRIMARY KEY,
        suggestion_id INTEGER NOT NULL REFERENCES suggestions(id) ON DELETE CASCADE,
        author_id     INTEGER REFERENCES users(id) ON DELETE SET NULL,
        body          TEXT NOT NULL,
        created_at    INTEGER NOT NULL
      );
      CREATE INDEX suggestion_comments_suggestion ON suggestion_comments(suggestion_id, id);
      CREATE TABLE suggestion_history (
        id            INTEGER PRIMARY KEY,
        suggestion_id INTEGER NOT NULL REFERENCES suggestions(id) ON DELETE CASCADE,
        action        TEXT NOT NULL,
        user_id       INTEGER REFERENCES users(id) ON DELETE SET NULL,
        at            INTEGER NOT NULL,
        detail        TEXT
      );
      CREATE INDEX suggestion_history_suggestion ON suggestion_history(suggestion_id, id);
      ALTER TABLE dispositions ADD COLUMN linked_suggestion_id INTEGER REFERENCES suggestions(id) ON DELETE SET NULL;
      ALTER TABLE disposition_history ADD COLUMN linked_suggestion_id INTEGER;
    `,
  },
  {
    version: 7,
    name: 'who created each draft, for the per-user draft quota (filled from the audit log)',
    sql: `
      ALTER TABLE drafts ADD COLUMN created_by INTEGER REFERENCES users(id) ON DELETE SET NULL;
      UPDATE drafts SET created_by = (
        SELECT a.user_id FROM audit a WHERE a.action = 'draft.create' AND a.draft_id = drafts.id ORDER BY a.id LIMIT 1
      );
      CREATE INDEX drafts_created_by ON drafts(created_by);
    `,
  },
  {
    version: 8,
    name: 'single-use tickets for websockets and event streams, shared by every server process',
    sql: `
      CREATE TABLE tickets (
        ticket_hash  TEXT PRIMARY KEY,
        session_hash TEXT NOT NULL REFERENCES sessions(token_hash) ON DELETE CASCADE,
        draft_id     TEXT NOT NULL,
        expires_at   INTEGER NOT NULL
      );
      CREATE INDEX tickets_session ON tickets(session_hash);
      CREATE INDEX tickets_expiry ON tickets(expires_at);
    `,
  },
  {
    version: 9,
    name: 'attachments: content-addressed files with their extracted text, linked to comments; the article a comment cites',
    sql: `
      CREATE TABLE attachment_files (
        sha256       TEXT PRIMARY KEY,
        size         INTEGER NOT NULL,
        type         TEXT NOT NULL CHECK (type IN ('pdf', 'docx', 'odt', 'txt', 'image')),
        media_type   TEXT NOT NULL,
        state        TEXT NOT NULL DEFAULT 'pending'
                       CHECK (state IN ('pending', 'read', 'unreadable', 'not-read')),
        reason       TEXT,
        text         TEXT,
        pages        INTEGER,
        created_at   INTEGER NOT NULL,
        extracted_at INTEGER
      ) WITHOUT ROWID;
      CREATE INDEX attachment_files_pending ON attachment_files(created_at) WHERE state = 'pending';
      CREATE TABLE comment_attachments (
        id         INTEGER PRIMARY KEY,
        comment_id INTEGER NOT NULL REFERENCES comments(id) ON DELETE CASCADE,
        draft_id   TEXT NOT NULL REFERENCES drafts(id) ON DELETE CASCADE,
        sha256     TEXT NOT NULL REFERENCES attachment_files(sha256),
        file_name  TEXT NOT NULL,
        position   INTEGER NOT NULL,
        published  INTEGER NOT NULL DEFAULT 0,
        created_at INTEGER NOT NULL,
        UNIQUE (comment_id, position)
      );
      CREATE INDEX comment_attachments_sha ON comment_attachments(sha256);
      CREATE INDEX comment_attachments_draft ON comment_attachments(draft_id, comment_id);
      ALTER TABLE comments ADD COLUMN cited_article_id TEXT;
    `,
  },
];

/// Migration 5: each draft's snapshot and update log become the first entries of its record, of kind
/// `pre-history` with no author (who typed them was never stored), timed at the snapshot's last write
/// and the draft's last change; then the old tables go. The state the draft loads is unchanged.
function recordFromUpdateLog(db: Sqlite.Database): void {
  const drafts = db
    .prepare(
      `SELECT d.id, d.updated_at, s.state, s.updated_at AS snapshot_at
       FROM drafts d LEFT JOIN draft_snapshots s ON s.draft_id = d.id ORDER BY d.id`,
    )
    .all() as Array<{ id: string; updated_at: number; state: Uint8Array | null; snapshot_at: number | null }>;
  const log = db.prepare('SELECT data FROM draft_updates WHERE draft_id = ? ORDER BY seq');
  const insert = db.prepare(
    `INSERT INTO record_entries (draft_id, seq, at, user_id, suggested_by, connection, kind, data, hash)
     VALUES (?, ?, ?, NULL, NULL, NULL, 'pre-history', ?, ?)`,
  );
  for (const draft of drafts) {
    let head: RecordHead = emptyHead;
    const add = (data: Uint8Array, at: number) => {
      const entry = {
        seq: head.seq + 1,
        at: Math.max(at, head.at),
        userId: null,
        suggestedBy: null,
        connection: null,
        kind: 'pre-history' as const,
        data,
      };
      const hash = entryHash(head.hash, draft.id, entry);
      insert.run(draft.id, entry.seq, entry.at, data, hash);
      head = { seq: entry.seq, hash, at: entry.at };
    };
    if (draft.state) add(draft.state, draft.snapshot_at ?? draft.updated_at);
    for (const row of log.all(draft.id) as Array<{ data: Uint8Array }>) add(row.data, draft.updated_at);
  }
  db.exec('DROP TABLE draft_updates; DROP TABLE draft_snapshots;');
}
