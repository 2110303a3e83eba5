/// What every route needs: storage, the loaded drafts, the logger, and the resolved options.
import type { Logger } from 'pino';
import type { AttachmentLimits } from '../../core/index.ts';
import type { AttachmentService } from '../attachments/service.ts';
import type { RecordIndexes } from '../record/indexes.ts';
import type { Storage } from '../storage/storage.ts';
import type { SyncEndpoint } from '../sync/endpoint.ts';
import type { SyncLimits } from '../sync/limits.ts';
import type { DraftRooms } from '../sync/rooms.ts';

/// The server's shared state, handed to each route module.
export interface ServerContext {
  readonly storage: Storage;
  readonly rooms: DraftRooms;
  /// The record indexes behind per-article history and blame.
  readonly indexes: RecordIndexes;
  readonly sync: SyncEndpoint;
  readonly logger: Logger;
  readonly limits: SyncLimits;
  /// Folder of the built renderer (served at `/`), or null.
  readonly rendererDir: string | null;
  /// Files attached to comments: storage, extraction, release.
  readonly attachments: AttachmentService;
  /// Limits on the files one comment carries.
  readonly attachmentLimits: AttachmentLimits;
}
