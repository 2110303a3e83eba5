/// Checking a draft's record for tampering (`lifa verify`): the hash chain of its entries, then that
/// its checkpoint and the heads its versions recorded still match the chain, and that the checkpoint
/// holds what replaying the entries gives — what the server loads is what the record says.
import * as Y from 'yjs';
import { bodyFragment } from '../document.ts';
import { equalBytes, hashHex } from '../storage/record-chain.ts';
import type { ChainBreak, RecordHead } from '../storage/record-chain.ts';
import type { Storage } from '../storage/interface.ts';
import { loadDoc } from '../sync/persistence.ts';

/// The outcome for one draft.
export type DraftCheck =
  | { readonly draftId: string; readonly ok: true; readonly entries: number; readonly head: RecordHead }
  | { readonly draftId: string; readonly ok: false; readonly entries: number; readonly broken: ChainBreak };

/// Check the record of `draftId` (see the module comment). Returns the first problem found.
export async function verifyDraft(storage: Storage, draftId: string): Promise<DraftCheck> {
  const chain = await storage.record.check(draftId);
  if (!chain.ok) return { draftId, ok: false, entries: chain.entries, broken: chain.broken };
  const head = chain.head;
  const fail = (seq: number, reason: string): DraftCheck => ({
    draftId,
    ok: false,
    entries: chain.entries,
    broken: { seq, reason },
  });
  const hashAt = async (seq: number) => (await storage.record.entries(draftId, seq - 1, seq))[0]?.hash;

  const checkpoint = await storage.record.checkpointOf(draftId);
  if (checkpoint) {
    if (checkpoint.seq > head.seq) {
      return fail(
        head.seq + 1,
        `entries ${head.seq + 1} to ${checkpoint.seq} are missing: the checkpoint holds them, the record ends at ${head.seq}`,
      );
    }
    if (!equalBytes((await hashAt(checkpoint.seq)) ?? new Uint8Array(), checkpoint.hash)) {
      return fail(
        checkpoint.seq,
        `the checkpoint at entry ${checkpoint.seq} does not match the record's hash there`,
      );
    }
    if (!sameDocument(await replay(storage, draftId, checkpoint.seq), checkpoint.state)) {
      return fail(
        checkpoint.seq,
        `the checkpoint at entry ${checkpoint.seq} does not hold what the record's entries give`,
      );
    }
  }
  for (const version of await storage.versions.list(draftId)) {
    if (!version.head) continue;
    const name = `version ${version.id} (${version.label})`;
    if (version.head.seq > head.seq) {
      return fail(
        head.seq + 1,
        `entries from ${head.seq + 1} are missing: ${name} was cut at entry ${version.head.seq}`,
      );
    }
    const hash = await hashAt(version.head.seq);
    if (!hash || !equalBytes(hash, version.head.hash)) {
      return fail(
        version.head.seq,
        `entry ${version.head.seq} is not the one ${name} was cut at (its head hash was ${hashHex(version.head.hash)})`,
      );
    }
  }
  return { draftId, ok: true, entries: chain.entries, head };
}

/// Check every draft that has a record, in id order, one after the other.
export async function* verifyAll(storage: Storage): AsyncIterable<DraftCheck> {
  for (const draftId of await storage.record.drafts()) yield await verifyDraft(storage, draftId);
}

// The document the entries up to `seq` give, replayed from the first.
async function replay(storage: Storage, draftId: string, seq: number): Promise<Y.Doc> {
  const entries = await storage.record.entries(draftId, 0, seq);
  return loadDoc(draftId, {
    checkpoint: null,
    checkpointSeq: 0,
    updates: entries.map((entry) => entry.data),
    head: await storage.record.head(draftId),
  });
}

// Whether `doc` and the state `state` hold the same document: the same clocks and the same body.
function sameDocument(doc: Y.Doc, state: Uint8Array): boolean {
  const other = new Y.Doc();
  try {
    Y.applyUpdate(other, state);
    return (
      equalBytes(Y.encodeStateVector(doc), Y.encodeStateVector(other)) &&
      doc.getXmlFragment(bodyFragment).toString() === other.getXmlFragment(bodyFragment).toString()
    );
  } catch {
    return false;
  } finally {
    doc.destroy();
    other.destroy();
  }
}
