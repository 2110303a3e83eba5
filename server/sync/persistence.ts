/// Reading a draft's record into a Y.Doc: as it is now (checkpoint + entries since), as it was after
/// any entry (replayed from the first), and checkpointing a draft that is not loaded.
import type { Logger } from 'pino';
import * as Y from 'yjs';
import type { StoredState } from '../storage/record.ts';
import type { Storage as Store } from '../storage/interface.ts';

/// Thrown when a draft's stored checkpoint or first entry cannot be applied: the draft is damaged and
/// must not be served (an empty document in its place would overwrite the stored one in clients).
export class DraftLoadError extends Error {
  constructor(
    readonly draftId: string,
    cause: unknown,
  ) {
    super(`Draft ${draftId} cannot be loaded: ${cause instanceof Error ? cause.message : String(cause)}`);
    this.name = 'DraftLoadError';
  }
}

/// A fresh Y.Doc holding `stored` (checkpoint, then the entries after it in order, in one
/// transaction). Entries that fail to apply are skipped and reported to `logger` (they failed when
/// first received too). Throws DraftLoadError when the checkpoint, or without one the first entry
/// (the draft's first state), cannot be applied.
export function loadDoc(draftId: string, stored: StoredState, logger?: Logger, gc = true): Y.Doc {
  const doc = new Y.Doc({ gc });
  doc.transact(() => {
    const fail = (error: unknown) => {
      doc.destroy();
      throw new DraftLoadError(draftId, error);
    };
    if (stored.checkpoint) {
      try {
        Y.applyUpdate(doc, stored.checkpoint);
      } catch (error) {
        fail(error);
      }
    }
    stored.updates.forEach((update, index) => {
      try {
        Y.applyUpdate(doc, update);
      } catch (error) {
        if (index === 0 && !stored.checkpoint) fail(error);
        const seq = stored.checkpointSeq + index + 1;
        logger?.warn({ draft: draftId, seq, err: error }, 'skipped a stored update that cannot be applied');
      }
    });
  });
  return doc;
}

/// The document of draft `draftId` as it was right after entry `seq` of its record: the checkpoint
/// when it is not later than `seq`, else the first entry, and the entries up to `seq` replayed in
/// order, exactly as the server applied them. With `gc` false deleted content is kept. Rejects with
/// DraftLoadError for a damaged draft.
export async function docAt(storage: Store, draftId: string, seq: number, gc = true): Promise<Y.Doc> {
  const checkpoint = gc ? await storage.record.checkpointOf(draftId) : undefined;
  const from = checkpoint && checkpoint.seq <= seq ? checkpoint : undefined;
  const entries = await storage.record.entries(draftId, from?.seq ?? 0, seq);
  return loadDoc(
    draftId,
    {
      checkpoint: from?.state ?? null,
      checkpointSeq: from?.seq ?? 0,
      updates: entries.map((entry) => entry.data),
      head: await storage.record.head(draftId),
    },
    undefined,
    gc,
  );
}

/// Write a new checkpoint of draft `draftId` holding every entry of its record. Only for a draft that
/// is not loaded (a loaded one is checkpointed by its room). Returns how many entries the new
/// checkpoint took in beyond the old one (0: nothing to do). Rejects with DraftLoadError for a
/// damaged draft, and with what storage throws.
export async function checkpointStored(storage: Store, draftId: string, logger?: Logger): Promise<number> {
  const stored = await storage.record.load(draftId);
  if (stored.updates.length === 0) return 0;
  const doc = loadDoc(draftId, stored, logger);
  try {
    await storage.record.checkpoint(draftId, Y.encodeStateAsUpdate(doc), stored.head);
  } finally {
    doc.destroy();
  }
  return stored.updates.length;
}

/// The stored state of draft `draftId` as one Y update (its checkpoint and the entries since,
/// merged), for readers that do not load the draft (the CLI). Empty update for an unknown draft.
export async function storedState(storage: Store, draftId: string): Promise<Uint8Array> {
  const stored = await storage.record.load(draftId);
  const parts = stored.checkpoint ? [stored.checkpoint, ...stored.updates] : [...stored.updates];
  if (parts.length === 0) return Y.encodeStateAsUpdate(new Y.Doc());
  return parts.length === 1 ? parts[0] : Y.mergeUpdates(parts);
}
