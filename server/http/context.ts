/// What every route needs: storage, the loaded drafts, the logger, and the resolved options.
import type { Logger } from 'pino';
import type { AttachmentLimits } from '../../core/index.ts';
import type { AttachmentService } from '../attachments/service.ts';
import type { LiveConnections } from '../auth/live-connections.ts';
import type { Tickets } from '../auth/tickets.ts';
import type { DraftLimits } from '../drafts.ts';
import type { DraftWork } from '../work/pool.ts';
import type { AutoClustering } from '../clerk/auto-cluster.ts';
import type { RateLimiter } from '../comments/shared-rate-limit.ts';
import type { RecordIndexes } from '../record/indexes.ts';
import type { Storage as Store } from '../storage/interface.ts';
import type { SyncEndpoint } from '../sync/endpoint.ts';
import type { SyncLimits } from '../sync/limits.ts';
import type { DraftRooms } from '../sync/rooms.ts';

/// The server's shared state, handed to each route module.
export interface ServerContext {
  /// The storage interface (SQLite or PostgreSQL).
  readonly store: Store;
  /// The token buckets of limit `name`: shared by every process through Redis when the server has
  /// one, else this process's own.
  readonly rateLimiter: (name: string, burst: number, interval: number) => RateLimiter;
  readonly rooms: DraftRooms;
  /// The record indexes behind per-article history and blame.
  readonly indexes: RecordIndexes;
  readonly sync: SyncEndpoint;
  readonly logger: Logger;
  readonly limits: SyncLimits;
  /// Single-use tickets for websockets and event streams.
  readonly tickets: Tickets;
  /// The open connections of each session, closed when it ends.
  readonly live: LiveConnections;
  /// Limits on drafts: articles, bytes, drafts per user.
  readonly draftLimits: DraftLimits;
  /// Heavy work on big drafts, off the event loop.
  readonly work: DraftWork;
  /// Origin patterns whose pages may open websockets and event streams (besides the server's own).
  readonly allowedOrigins: readonly string[];
  /// Folder of the built renderer (served at `/`), or null.
  readonly rendererDir: string | null;
  /// Files attached to comments: storage, extraction, release.
  readonly attachments: AttachmentService;
  /// Limits on the files one comment carries.
  readonly attachmentLimits: AttachmentLimits;
  /// Clustering of comments in the background, after they change.
  readonly clustering: AutoClustering;
}
