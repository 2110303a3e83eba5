/// Reading a draft's stored log into a Y.Doc, and compacting the log of a draft that is not loaded.
import type { Logger } from 'pino';
import * as Y from 'yjs';
import type { Storage } from '../storage/storage.ts';
import type { StoredState } from '../storage/updates.ts';

/// Thrown when a draft's stored snapshot cannot be applied: the draft is damaged and must not be
/// served (an empty document in its place would overwrite the stored one in clients).
export class DraftLoadError extends Error {
  constructor(
    readonly draftId: string,
    cause: unknown,
  ) {
    super(`Draft ${draftId} cannot be loaded: ${cause instanceof Error ? cause.message : String(cause)}`);
    this.name = 'DraftLoadError';
  }
}

/// A fresh Y.Doc holding `stored` (snapshot, then the log in order, in one transaction). Updates of
/// the log that fail to apply are skipped and reported to `logger` (they failed when first received
/// too). Throws DraftLoadError when the snapshot cannot be applied.
export function loadDoc(draftId: string, stored: StoredState, logger?: Logger): Y.Doc {
  const doc = new Y.Doc({ gc: true });
  doc.transact(() => {
    if (stored.snapshot) {
      try {
        Y.applyUpdate(doc, stored.snapshot);
      } catch (error) {
        doc.destroy();
        throw new DraftLoadError(draftId, error);
      }
    }
    stored.updates.forEach((update, index) => {
      try {
        Y.applyUpdate(doc, update);
      } catch (error) {
        logger?.warn({ draft: draftId, index, err: error }, 'skipped a stored update that cannot be applied');
      }
    });
  });
  return doc;
}

/// Fold the stored log of draft `draftId` into its snapshot. Only for a draft that is not loaded
/// (a loaded one is compacted by its room). Returns how many updates were folded. Throws
/// DraftLoadError for a damaged draft, and what storage throws.
export function compactStored(storage: Storage, draftId: string, logger?: Logger): number {
  const stored = storage.updates.load(draftId);
  if (stored.updates.length === 0) return 0;
  const doc = loadDoc(draftId, stored, logger);
  try {
    storage.updates.compact(draftId, Y.encodeStateAsUpdate(doc), stored.lastSeq);
  } finally {
    doc.destroy();
  }
  return stored.updates.length;
}
