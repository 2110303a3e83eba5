/// The record on PostgreSQL (the counterpart of ../record.ts, whose notes say what it keeps). Several
/// processes append to one draft: each append locks the draft's row of `record_heads`, so entries are
/// numbered in commit order and each chains onto the one committed before it, whichever process
/// wrote that. Appends outside a transaction go through group commit (group-commit.ts).
import { checkChainAsync, emptyHead, entryHash, isEntryKind } from '../record-chain.ts';
import type { Attribution, ChainCheck, RecordHead } from '../record-chain.ts';
import type { RecordStore } from '../interface.ts';
import type { Checkpoint, RecordConnection, RecordEntry, StoredState } from '../record.ts';
import type { PgDb } from './db.ts';
import type { GroupCommit } from './group-commit.ts';

/// One update waiting to be appended.
export interface PendingAppend {
  readonly draftId: string;
  readonly update: Uint8Array;
  readonly by: Attribution;
  readonly now: number;
}

/// Thrown for an append to a draft that has no record (no such draft, or it was never created).
export class NoRecordError extends Error {
  constructor(readonly draftId: string) {
    super(`Draft ${draftId} has no record to append to`);
    this.name = 'NoRecordError';
  }
}

/// Append `items` (in order) inside the open transaction of `db`: lock the heads of their drafts (in
/// id order, so two processes never wait on each other in a cycle), chain each entry onto its
/// draft's head, write them all in one statement and move the heads. Returns, for each item, the new
/// head, or the NoRecordError of a draft without a record (its items are left out).
export async function appendInTransaction(
  db: PgDb,
  items: readonly PendingAppend[],
): Promise<Array<RecordHead | NoRecordError>> {
  const ids = [...new Set(items.map((item) => item.draftId))].sort();
  const rows = await db.rows<{ draft_id: string; seq: number; hash: Uint8Array; at: number }>(
    {
      name: 'lifa.record.lockHeads',
      text: 'SELECT draft_id, seq, hash, at FROM record_heads WHERE draft_id = ANY($1::text[]) ORDER BY draft_id FOR UPDATE',
    },
    [ids],
  );
  const heads = new Map<string, RecordHead>(rows.map((row) => [row.draft_id, row]));
  const columns = {
    draft: [] as string[],
    seq: [] as number[],
    at: [] as number[],
    user: [] as (number | null)[],
    suggestedBy: [] as (number | null)[],
    connection: [] as (number | null)[],
    kind: [] as (string | null)[],
    data: [] as Buffer[],
    hash: [] as Buffer[],
  };
  const results = items.map((item) => {
    const head = heads.get(item.draftId);
    if (!head) return new NoRecordError(item.draftId);
    const entry = {
      seq: head.seq + 1,
      at: Math.max(Math.floor(item.now), head.at),
      userId: item.by.userId,
      suggestedBy: item.by.suggestedBy ?? null,
      connection: item.by.connection ?? null,
      kind: item.by.kind ?? null,
      data: item.update,
    };
    const hash = entryHash(head.hash, item.draftId, entry);
    columns.draft.push(item.draftId);
    columns.seq.push(entry.seq);
    columns.at.push(entry.at);
    columns.user.push(entry.userId);
    columns.suggestedBy.push(entry.suggestedBy);
    columns.connection.push(entry.connection);
    columns.kind.push(entry.kind);
    columns.data.push(bytes(entry.data));
    columns.hash.push(bytes(hash));
    const next = { seq: entry.seq, hash, at: entry.at };
    heads.set(item.draftId, next);
    return next;
  });
  if (columns.draft.length === 0) return results;
  const moved = [...heads.entries()].filter(([id]) => rows.some((row) => row.draft_id === id));
  await db.exec(
    {
      name: 'lifa.record.append',
      text: `WITH added AS (
               INSERT INTO record_entries (draft_id, seq, at, user_id, suggested_by, connection, kind, data, hash)
               SELECT * FROM unnest($1::text[], $2::bigint[], $3::bigint[], $4::bigint[], $5::bigint[],
                                    $6::bigint[], $7::text[], $8::bytea[], $9::bytea[]))
             UPDATE record_heads h SET seq = m.seq, hash = m.hash, at = m.at
             FROM unnest($10::text[], $11::bigint[], $12::bytea[], $13::bigint[]) AS m(draft_id, seq, hash, at)
             WHERE h.draft_id = m.draft_id`,
    },
    [
      columns.draft,
      columns.seq,
      columns.at,
      columns.user,
      columns.suggestedBy,
      columns.connection,
      columns.kind,
      columns.data,
      columns.hash,
      moved.map(([id]) => id),
      moved.map(([, head]) => head.seq),
      moved.map(([, head]) => bytes(head.hash)),
      moved.map(([, head]) => head.at),
    ],
  );
  return results;
}

// node-postgres sends a Buffer as bytea; a plain Uint8Array would be sent as text.
function bytes(data: Uint8Array): Buffer {
  return Buffer.isBuffer(data) ? data : Buffer.from(data.buffer, data.byteOffset, data.byteLength);
}

interface EntryRow {
  seq: number;
  at: number;
  user_id: number | null;
  suggested_by: number | null;
  connection: number | null;
  kind: string | null;
  data: Uint8Array;
  hash: Uint8Array;
}

const entryColumns = 'seq, at, user_id, suggested_by, connection, kind, data, hash';

const entry = (row: EntryRow): RecordEntry => ({
  seq: row.seq,
  at: row.at,
  userId: row.user_id,
  suggestedBy: row.suggested_by,
  connection: row.connection,
  kind: isEntryKind(row.kind) ? row.kind : null,
  data: row.data,
  hash: row.hash,
});

const page = 1000;

/// The `record_entries`, `record_heads`, `record_checkpoints` and `record_connections` tables.
export class PgRecord implements RecordStore {
  constructor(
    private readonly db: PgDb,
    /// Where appends outside a transaction go; null appends each in its own transaction.
    private readonly group: GroupCommit | null,
  ) {}

  async head(draftId: string): Promise<RecordHead> {
    return (
      (await this.db.row<RecordHead>(
        { name: 'lifa.record.head', text: 'SELECT seq, hash, at FROM record_heads WHERE draft_id = $1' },
        [draftId],
      )) ?? emptyHead
    );
  }

  async append(draftId: string, update: Uint8Array, by: Attribution, now: number): Promise<RecordHead> {
    const item = { draftId, update, by, now };
    if (!this.db.inTransaction && this.group) return this.group.append(item);
    const [result] = await this.db.atomic((db) => appendInTransaction(db, [item]));
    if (result instanceof Error) throw result;
    return result;
  }

  create(draftId: string, state: Uint8Array, by: Attribution, now = Date.now()): Promise<RecordHead> {
    return this.db.atomic(async (db) => {
      const added = await db.exec(
        `INSERT INTO record_heads (draft_id, seq, hash, at) VALUES ($1, 0, $2, 0) ON CONFLICT (draft_id) DO NOTHING`,
        [draftId, bytes(emptyHead.hash)],
      );
      if (added === 0) throw new RangeError(`Draft ${draftId} already has a record`);
      const [head] = await appendInTransaction(db, [
        { draftId, update: state, by: { ...by, kind: by.kind ?? 'create' }, now },
      ]);
      if (head instanceof Error) throw head;
      return head;
    });
  }

  load(draftId: string): Promise<StoredState> {
    return this.db.atomic(async (db) => {
      if (!this.db.inTransaction) await db.exec('SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY');
      const checkpoint = await db.row<{ seq: number; state: Uint8Array }>(
        'SELECT seq, state FROM record_checkpoints WHERE draft_id = $1',
        [draftId],
      );
      const checkpointSeq = checkpoint?.seq ?? 0;
      const updates = await db.rows<{ data: Uint8Array }>(
        'SELECT data FROM record_entries WHERE draft_id = $1 AND seq > $2 ORDER BY seq',
        [draftId, checkpointSeq],
      );
      return {
        checkpoint: checkpoint?.state ?? null,
        checkpointSeq,
        updates: updates.map((row) => row.data),
        head: await new PgRecord(db, null).head(draftId),
      };
    });
  }

  async checkpointOf(draftId: string): Promise<Checkpoint | undefined> {
    const row = await this.db.row<{ seq: number; hash: Uint8Array; state: Uint8Array; created_at: number }>(
      'SELECT seq, hash, state, created_at FROM record_checkpoints WHERE draft_id = $1',
      [draftId],
    );
    return row && { seq: row.seq, hash: row.hash, state: row.state, createdAt: row.created_at };
  }

  async checkpoint(draftId: string, state: Uint8Array, head: RecordHead, now = Date.now()): Promise<void> {
    await this.db.exec(
      `INSERT INTO record_checkpoints AS c (draft_id, seq, hash, state, created_at) VALUES ($1, $2, $3, $4, $5)
       ON CONFLICT (draft_id) DO UPDATE SET seq = excluded.seq, hash = excluded.hash, state = excluded.state,
         created_at = excluded.created_at
       WHERE c.seq <= excluded.seq`,
      [draftId, head.seq, bytes(head.hash), bytes(state), now],
    );
  }

  async sinceCheckpoint(draftId: string): Promise<{ updates: number; bytes: number }> {
    const row = await this.db.row<{ n: number; bytes: number }>(
      `SELECT count(*) AS n, coalesce(sum(length(data)), 0)::bigint AS bytes FROM record_entries
       WHERE draft_id = $1 AND seq > coalesce((SELECT seq FROM record_checkpoints WHERE draft_id = $1), 0)`,
      [draftId],
    );
    return { updates: row!.n, bytes: row!.bytes };
  }

  async entries(draftId: string, after = 0, through = Number.MAX_SAFE_INTEGER): Promise<RecordEntry[]> {
    const rows = await this.db.rows<EntryRow>(
      `SELECT ${entryColumns} FROM record_entries WHERE draft_id = $1 AND seq > $2 AND seq <= $3 ORDER BY seq`,
      [draftId, after, through],
    );
    return rows.map(entry);
  }

  async *iterate(draftId: string): AsyncIterable<RecordEntry> {
    let after = 0;
    for (;;) {
      const rows = await this.db.rows<EntryRow>(
        `SELECT ${entryColumns} FROM record_entries WHERE draft_id = $1 AND seq > $2 ORDER BY seq LIMIT ${page}`,
        [draftId, after],
      );
      for (const row of rows) yield entry(row);
      if (rows.length < page) return;
      after = rows[rows.length - 1].seq;
    }
  }

  async seqAt(draftId: string, time: number): Promise<number> {
    return (
      (
        await this.db.row<{ seq: number }>(
          'SELECT seq FROM record_entries WHERE draft_id = $1 AND at <= $2 ORDER BY seq DESC LIMIT 1',
          [draftId, time],
        )
      )?.seq ?? 0
    );
  }

  async drafts(): Promise<string[]> {
    const rows = await this.db.rows<{ draft_id: string }>(
      'SELECT DISTINCT draft_id COLLATE "C" AS draft_id FROM record_entries ORDER BY 1',
    );
    return rows.map((row) => row.draft_id);
  }

  check(draftId: string): Promise<ChainCheck> {
    return checkChainAsync(draftId, this.iterate(draftId));
  }

  async openConnection(
    draftId: string,
    userId: number | null,
    address: string | null,
    now = Date.now(),
  ): Promise<number> {
    const row = await this.db.row<{ id: number }>(
      'INSERT INTO record_connections (draft_id, user_id, address, opened_at) VALUES ($1, $2, $3, $4) RETURNING id',
      [draftId, userId, address, now],
    );
    return row!.id;
  }

  async connection(id: number): Promise<RecordConnection | undefined> {
    const row = await this.db.row<{
      id: number;
      draft_id: string;
      user_id: number | null;
      address: string | null;
      opened_at: number;
    }>('SELECT id, draft_id, user_id, address, opened_at FROM record_connections WHERE id = $1', [id]);
    return (
      row && {
        id: row.id,
        draftId: row.draft_id,
        userId: row.user_id,
        address: row.address,
        openedAt: row.opened_at,
      }
    );
  }
}
