/// Copying a SQLite data folder into an empty PostgreSQL database (`lifa migrate`), then checking the
/// copy: the same number of rows in every table, and every draft's record walking to the same head
/// hash as in SQLite — and the bytes of every attachment, from the data folder into the database (a
/// PostgreSQL deployment keeps them there), each checked against its SHA-256 by PostgreSQL. The copy
/// runs in one transaction: it lands whole or not at all.
import type { BlobStore } from '../../attachments/blob-store.ts';
import type { Db } from '../database.ts';
import { checkChainAsync, emptyHead, hashHex } from '../record-chain.ts';
import type { ChainCheck } from '../record-chain.ts';
import { PgDb } from './db.ts';
import type { PostgresStorage } from './storage.ts';
import { storedIdentity } from './comments.ts';
import { PgRecord } from './record.ts';

/// The tables copied, parents before children (foreign keys hold at every insert).
export const copiedTables = [
  'meta',
  'users',
  'sessions',
  'tickets',
  'drafts',
  'versions',
  'memberships',
  'audit',
  'record_entries',
  'record_checkpoints',
  'record_connections',
  'submitters',
  'comments',
  'comment_tags',
  'comment_edits',
  'comment_periods',
  'clusterings',
  'clusters',
  'cluster_members',
  'cluster_decisions',
  'reason_templates',
  'suggestions',
  'suggestion_comments',
  'suggestion_history',
  'dispositions',
  'disposition_history',
  'attachment_files',
  'comment_attachments',
] as const;

// Columns SQLite keeps as 0/1 and PostgreSQL as booleans.
const booleans = new Set([
  'users.is_admin',
  'comments.withdrawn',
  'comment_periods.open',
  'comment_attachments.published',
]);

// Tables whose ids PostgreSQL draws from an identity: after the copy they continue after the largest.
const identities = [
  'users',
  'audit',
  'record_connections',
  'submitters',
  'comments',
  'comment_edits',
  'cluster_decisions',
  'suggestions',
  'suggestion_comments',
  'suggestion_history',
  'dispositions',
  'disposition_history',
  'comment_attachments',
];

/// Thrown when the copy cannot start or its check fails; the message says why in one line.
export class CopyError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'CopyError';
  }
}

/// What the copy did and found.
export interface CopyReport {
  /// Rows per table: in SQLite, and in PostgreSQL after the copy.
  readonly tables: ReadonlyArray<{
    readonly table: string;
    readonly sqlite: number;
    readonly postgres: number;
  }>;
  /// Per draft: the record's entries and head hash as SQLite has them, and PostgreSQL's check of its copy.
  readonly drafts: ReadonlyArray<{
    readonly draftId: string;
    readonly entries: number;
    readonly sqliteHead: string;
    readonly postgres: ChainCheck;
  }>;
  /// The bytes of attachments: how many files the database names, how many were copied and verified
  /// in PostgreSQL (their SHA-256 computed there), those missing from the data folder already (kept
  /// as rows without bytes, as they were), and those whose copy does not verify.
  readonly attachments: {
    readonly files: number;
    readonly verified: number;
    readonly missing: readonly string[];
    readonly bad: readonly string[];
  };
  /// Whether every count matches, every draft's copy walks to the same head and every attachment's
  /// bytes the data folder had are in PostgreSQL, intact.
  readonly ok: boolean;
}

/// Copy every table of the SQLite database `sqlite` into `target`, which must hold no data yet, and
/// the bytes of its attachments from `blobs` (the data folder's store), and check the copy. `onTable`
/// hears of each table as it is copied (`attachment_blobs` for the bytes). Rejects with CopyError
/// when the target is not empty or SQLite has a table this copy does not know (a newer schema); with
/// what PostgreSQL throws when a row is refused (nothing is then kept).
export async function copySqliteToPostgres(
  sqlite: Db,
  target: PostgresStorage,
  blobs: BlobStore,
  onTable: (table: string, rows: number) => void = () => {},
): Promise<CopyReport> {
  const known = new Set<string>(copiedTables);
  const tables = (
    sqlite
      .prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'")
      .all() as {
      name: string;
    }[]
  ).map((row) => row.name);
  const unknown = tables.filter((name) => !known.has(name));
  if (unknown.length) {
    throw new CopyError(`the SQLite database has tables this Lifa cannot copy: ${unknown.join(', ')}`);
  }
  const db = new PgDb(target.pool);
  const filled: string[] = [];
  for (const table of [...copiedTables, 'attachment_blobs']) {
    if (await db.row(`SELECT 1 FROM ${table} LIMIT 1`)) filled.push(table);
  }
  if (filled.length) {
    throw new CopyError(
      `the PostgreSQL database is not empty (rows in ${filled.join(', ')}); migrate into an empty one`,
    );
  }

  const missing: string[] = [];
  await db.atomic(async (tx) => {
    for (const table of copiedTables) {
      if (!tables.includes(table)) continue;
      onTable(table, await copyTable(sqlite, tx, table));
    }
    if (tables.includes('attachment_files')) {
      const bytes = await copyBlobs(sqlite, tx, blobs, missing);
      onTable('attachment_blobs', bytes);
    }
    // The head of every draft's record; a draft without entries starts from the empty head.
    await tx.exec(
      `INSERT INTO record_heads (draft_id, seq, hash, at)
       SELECT DISTINCT ON (draft_id) draft_id, seq, hash, at FROM record_entries ORDER BY draft_id, seq DESC`,
    );
    await tx.exec(
      `INSERT INTO record_heads (draft_id, seq, hash, at)
       SELECT id, 0, $1, 0 FROM drafts WHERE id NOT IN (SELECT draft_id FROM record_heads)`,
      [Buffer.from(emptyHead.hash)],
    );
    for (const table of identities) {
      await tx.exec(
        `SELECT setval(pg_get_serial_sequence('${table}', 'id'), coalesce(max(id), 0) + 1, false) FROM ${table}`,
      );
    }
  });
  return checkCopy(sqlite, target, tables, missing);
}

// Copy the bytes of every file the database names, one at a time (files are up to tens of MiB);
// returns how many were copied. Files whose bytes the folder lacks go into `missing`.
async function copyBlobs(sqlite: Db, tx: PgDb, blobs: BlobStore, missing: string[]): Promise<number> {
  const shas = sqlite
    .prepare('SELECT sha256 FROM attachment_files ORDER BY sha256')
    .pluck(true)
    .all() as string[];
  let copied = 0;
  for (const sha256 of shas) {
    const bytes = await blobs.get(sha256);
    if (!bytes) {
      missing.push(sha256);
      continue;
    }
    await tx.exec('INSERT INTO attachment_blobs (sha256, size, bytes, created_at) VALUES ($1, $2, $3, $4)', [
      sha256,
      bytes.length,
      Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength),
      Date.now(),
    ]);
    copied++;
  }
  return copied;
}

// Copy one table in batches of rows; returns how many rows it had.
async function copyTable(sqlite: Db, tx: PgDb, table: string): Promise<number> {
  const columns = (sqlite.prepare(`PRAGMA table_info(${table})`).all() as { name: string }[]).map(
    (c) => c.name,
  );
  // Rows in the order they were made: versions list by creation time then insertion, which the
  // copy's identity column (`ord`) takes over from SQLite's rowid.
  const order =
    table === 'versions'
      ? 'ORDER BY rowid'
      : columns.includes('id')
        ? 'ORDER BY id'
        : columns.includes('seq')
          ? 'ORDER BY draft_id, seq'
          : '';
  const batch = Math.max(1, Math.floor(30_000 / columns.length));
  let rows: unknown[][] = [];
  let count = 0;
  const flush = async () => {
    if (!rows.length) return;
    const values: unknown[] = [];
    const tuples = rows.map((row) => {
      const slots = row.map((value) => {
        values.push(value);
        return `$${values.length}`;
      });
      return `(${slots.join(', ')})`;
    });
    await tx.exec(`INSERT INTO ${table} (${columns.join(', ')}) VALUES ${tuples.join(', ')}`, values);
    rows = [];
  };
  const statement = sqlite.prepare(`SELECT ${columns.join(', ')} FROM ${table} ${order}`).raw(true);
  // Read everything first: a statement being iterated keeps the connection busy, and each batch
  // waits for PostgreSQL in between.
  for (const raw of statement.all() as unknown[][]) {
    rows.push(
      raw.map((value, i) => {
        const column = `${table}.${columns[i]}`;
        if (booleans.has(column)) return value === 1;
        if (column === 'submitters.identity') return storedIdentity(value as string | null);
        return value;
      }),
    );
    count++;
    if (rows.length >= batch) await flush();
  }
  await flush();
  return count;
}

// Compare row counts and walk every draft's record in PostgreSQL.
async function checkCopy(
  sqlite: Db,
  target: PostgresStorage,
  tables: readonly string[],
  missing: readonly string[],
): Promise<CopyReport> {
  const db = new PgDb(target.pool);
  const counts = [];
  for (const table of copiedTables) {
    if (!tables.includes(table)) continue;
    const inSqlite = (sqlite.prepare(`SELECT count(*) AS n FROM ${table}`).get() as { n: number }).n;
    const inPostgres = (await db.row<{ n: number }>(`SELECT count(*) AS n FROM ${table}`))!.n;
    counts.push({ table, sqlite: inSqlite, postgres: inPostgres });
  }
  const heads = sqlite
    .prepare(
      `SELECT e.draft_id, e.seq, e.hash, (SELECT count(*) FROM record_entries c WHERE c.draft_id = e.draft_id) AS n
       FROM record_entries e
       WHERE e.seq = (SELECT max(seq) FROM record_entries m WHERE m.draft_id = e.draft_id)
       ORDER BY e.draft_id`,
    )
    .all() as { draft_id: string; seq: number; hash: Uint8Array; n: number }[];
  const record = new PgRecord(db, null);
  const drafts = [];
  for (const head of heads) {
    const check = await checkChainAsync(head.draft_id, record.iterate(head.draft_id));
    drafts.push({ draftId: head.draft_id, entries: head.n, sqliteHead: hashHex(head.hash), postgres: check });
  }
  // Every file's bytes hashed by PostgreSQL itself: what a process will serve is what was sent.
  const files = tables.includes('attachment_files')
    ? await db.rows<{ sha256: string; verified: boolean | null }>(
        `SELECT f.sha256, encode(sha256(b.bytes), 'hex') = f.sha256 AS verified
         FROM attachment_files f LEFT JOIN attachment_blobs b ON b.sha256 = f.sha256 ORDER BY f.sha256`,
      )
    : [];
  const absent = new Set(missing);
  const attachments = {
    files: files.length,
    verified: files.filter((f) => f.verified === true).length,
    missing,
    bad: files.filter((f) => f.verified !== true && !absent.has(f.sha256)).map((f) => f.sha256),
  };
  const ok =
    attachments.bad.length === 0 &&
    counts.every((c) => c.sqlite === c.postgres) &&
    drafts.every(
      (d) =>
        d.postgres.ok && d.postgres.entries === d.entries && hashHex(d.postgres.head.hash) === d.sqliteHead,
    );
  return { tables: counts, drafts, attachments, ok };
}
