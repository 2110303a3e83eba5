/// The hash chain of a draft's record (DESIGN.md "Storage", "The record"). Every entry carries
/// SHA-256(previous entry's hash ‖ the entry's fields), so changing, removing or reordering a stored
/// entry outside the program breaks the chain at that entry. The encoding below is the record's
/// format: any storage (SQLite today, PostgreSQL later) hashes with these functions, byte for byte.
import { hash } from 'node:crypto';
import * as encoding from 'lib0/encoding';

/// What kind of change an entry is. Null (the usual case) is an edit typed by its author.
///  - `create`: the draft's first text (imported or empty), by whoever created it;
///  - `pre-history`: carried over from a database of before the record (no author, no real time);
///  - `restore`: an article or the whole draft put back to an earlier state;
///  - `suggestion`: an accepted suggestion (author = the accepter, suggestedBy = the suggester).
export type EntryKind = 'create' | 'pre-history' | 'restore' | 'suggestion';

/// Every entry kind.
export const entryKinds: readonly EntryKind[] = ['create', 'pre-history', 'restore', 'suggestion'];

/// Whether `value` names an entry kind.
export function isEntryKind(value: unknown): value is EntryKind {
  return typeof value === 'string' && (entryKinds as readonly string[]).includes(value);
}

/// Who made a change, as the record keeps it.
export interface Attribution {
  /// The author; null when unknown (before the record) or when the server acted on its own.
  readonly userId: number | null;
  /// For an accepted suggestion: who suggested it (userId is then the accepter).
  readonly suggestedBy?: number | null;
  /// The sync connection the update came through (see RecordRepository.openConnection), or null for
  /// changes made by the server (restore, accepted suggestion, import).
  readonly connection?: number | null;
  /// Defaults to null: an ordinary edit.
  readonly kind?: EntryKind | null;
}

/// The fields of one entry that its hash covers.
export interface EntryFields {
  readonly seq: number;
  /// Server time, milliseconds since the epoch.
  readonly at: number;
  readonly userId: number | null;
  readonly suggestedBy: number | null;
  readonly connection: number | null;
  readonly kind: EntryKind | null;
  /// The Y update (for a `create` or `pre-history` first entry: a whole state).
  readonly data: Uint8Array;
}

/// Where a draft's chain ends: the last entry's number, hash and time. An empty record has seq 0,
/// the zero hash (genesisHash) and time 0.
export interface RecordHead {
  readonly seq: number;
  readonly hash: Uint8Array;
  readonly at: number;
}

/// The "previous hash" of a draft's first entry: 32 zero bytes.
export const genesisHash: Uint8Array = new Uint8Array(32);

/// The head of a record with no entries.
export const emptyHead: RecordHead = { seq: 0, hash: genesisHash, at: 0 };

/// SHA-256 of `previous` followed by the lib0 encoding of `draftId` and `entry`'s fields (ids and
/// numbers as var-uints with 0 for null, kind as a var-string with '' for null, data as a var-uint8-array).
export function entryHash(previous: Uint8Array, draftId: string, entry: EntryFields): Uint8Array {
  // One buffer and a one-shot hash: this runs for every keystroke.
  const encoder = encoding.createEncoder();
  encoding.writeVarString(encoder, draftId);
  encoding.writeVarUint(encoder, entry.seq);
  encoding.writeVarUint(encoder, entry.at);
  encoding.writeVarUint(encoder, entry.userId ?? 0);
  encoding.writeVarUint(encoder, entry.suggestedBy ?? 0);
  encoding.writeVarUint(encoder, entry.connection ?? 0);
  encoding.writeVarString(encoder, entry.kind ?? '');
  encoding.writeVarUint(encoder, entry.data.length); // the data as a var-uint8-array: length, then bytes
  const header = encoding.toUint8Array(encoder);
  const input = new Uint8Array(previous.length + header.length + entry.data.length);
  input.set(previous, 0);
  input.set(header, previous.length);
  input.set(entry.data, previous.length + header.length);
  return new Uint8Array(hash('sha256', input, 'buffer'));
}

/// `hash` as lower-case hex.
export function hashHex(hash: Uint8Array): string {
  return Buffer.from(hash.buffer, hash.byteOffset, hash.byteLength).toString('hex');
}

/// A stored entry as verification reads it: its fields and the hash stored with it.
export interface StoredEntry extends EntryFields {
  readonly hash: Uint8Array;
}

/// Where and why a chain breaks.
export interface ChainBreak {
  /// The number of the first entry that is missing, changed or out of place.
  readonly seq: number;
  readonly reason: string;
}

/// The outcome of walking one draft's chain.
export type ChainCheck =
  | { readonly ok: true; readonly entries: number; readonly head: RecordHead }
  | { readonly ok: false; readonly entries: number; readonly broken: ChainBreak };

/// Walk `entries` (one draft's, in stored order) and check that they are numbered 1, 2, 3… and that
/// each hash is the hash of its fields chained to the hash expected of the entry before. Returns
/// the first break: a missing entry (a gap, or a record not starting at 1), a changed one (its hash
/// does not match), or two swapped (the first of them does not match).
export function checkChain(draftId: string, entries: Iterable<StoredEntry>): ChainCheck {
  const walker = new ChainWalker(draftId);
  for (const entry of entries) if (!walker.step(entry)) break;
  return walker.result();
}

/// checkChain over entries read a page at a time (from a database that answers asynchronously).
export async function checkChainAsync(
  draftId: string,
  entries: AsyncIterable<StoredEntry>,
): Promise<ChainCheck> {
  const walker = new ChainWalker(draftId);
  for await (const entry of entries) if (!walker.step(entry)) break;
  return walker.result();
}

// checkChain's walk, one entry at a time.
class ChainWalker {
  private previous = genesisHash;
  private seq = 0;
  private at = 0;
  private count = 0;
  private broken: ChainBreak | null = null;

  constructor(private readonly draftId: string) {}

  // Check the next entry; false once the chain is broken (the rest need not be read).
  step(entry: StoredEntry): boolean {
    this.count++;
    const seq = this.seq;
    if (entry.seq !== seq + 1) {
      const reason =
        entry.seq > seq + 1
          ? `entry ${seq + 1} is missing (the record goes from ${seq || 'its start'} to ${entry.seq})`
          : `entry ${entry.seq} is out of place (after entry ${seq})`;
      this.broken = { seq: Math.min(seq + 1, entry.seq), reason };
      return false;
    }
    const expected = entryHash(this.previous, this.draftId, entry);
    if (!equalBytes(expected, entry.hash)) {
      this.broken = {
        seq: entry.seq,
        reason: `entry ${entry.seq} was changed: its hash does not match the chain`,
      };
      return false;
    }
    this.previous = expected;
    this.seq = entry.seq;
    this.at = entry.at;
    return true;
  }

  result(): ChainCheck {
    if (this.broken) return { ok: false, entries: this.count - 1, broken: this.broken };
    return { ok: true, entries: this.count, head: { seq: this.seq, hash: this.previous, at: this.at } };
  }
}

/// Whether two byte arrays hold the same bytes.
export function equalBytes(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}
