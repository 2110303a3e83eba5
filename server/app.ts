/// `createServer(options)`: storage, loaded drafts, sync endpoint and HTTP app wired together and
/// listening. Used by `lifa serve`, by the integration tests, and by the Electron main process.
///
/// Storage is SQLite in the data folder, or PostgreSQL (`databaseUrl`) shared by several processes;
/// with `redisUrl` those processes share sync updates, presence, comment events and rate limits
/// through Redis (see the README, "Running several processes").
import { randomBytes } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import { Redis } from 'ioredis';
import type { FastifyInstance } from 'fastify';
import { pino } from 'pino';
import type { Logger } from 'pino';
import { defaultAttachmentLimits } from '../core/index.ts';
import type { AttachmentLimits } from '../core/index.ts';
import { blobStoreFor } from './attachments/blob-store.ts';
import type { ExtractionPoolOptions } from './attachments/extraction-pool.ts';
import { AttachmentService } from './attachments/service.ts';
import { LiveConnections } from './auth/live-connections.ts';
import { AutoClustering } from './clerk/auto-cluster.ts';
import type { AutoClusterOptions } from './clerk/auto-cluster.ts';
import { commentEvents, isCommentEvent } from './comments/events.ts';
import type { CommentEvents } from './comments/events.ts';
import { rateLimiter } from './comments/shared-rate-limit.ts';
import { startSession } from './auth/sessions.ts';
import { Tickets } from './auth/tickets.ts';
import { buildHttpApp } from './http/app.ts';
import { isOriginPattern, loopbackOrigins } from './http/security.ts';
import type { HttpOptions } from './http/app.ts';
import type { ServerContext } from './http/context.ts';
import { defaultDraftLimits } from './drafts.ts';
import type { DraftLimits } from './drafts.ts';
import { RecordIndexes } from './record/indexes.ts';
import { defaultSeedDir, seedDrafts } from './seed.ts';
import { collectAfterStartup } from './startup-memory.ts';
import type { Durability } from './storage/database.ts';
import { SqliteStorage } from './storage/sqlite-storage.ts';
import { openStorage } from './storage/storage.ts';
import type { Storage as Store } from './storage/interface.ts';
import { isPostgresUrl } from './storage/postgres/db.ts';
import { openPostgresStorage } from './storage/postgres/storage.ts';
import { SyncEndpoint } from './sync/endpoint.ts';
import { RedisFanout } from './sync/fanout.ts';
import { defaultSyncLimits } from './sync/limits.ts';
import type { SyncLimits } from './sync/limits.ts';
import { closeCodes } from './sync/protocol.ts';
import { DraftRooms } from './sync/rooms.ts';
import { DraftWork } from './work/pool.ts';
import type { DraftWorkOptions } from './work/pool.ts';
import type { RoomOptions } from './sync/rooms.ts';

/// The built renderer in this checkout: `dist/renderer` at the project root.
export const defaultRendererDir = fileURLToPath(new URL('../dist/renderer/', import.meta.url));

/// Name of the one user of local mode.
export const localUsername = 'local';

/// Options of createServer. Every field has a default.
export interface ServerOptions extends HttpOptions {
  /// Address to listen on. Defaults to 127.0.0.1.
  readonly host?: string;
  /// Port; 0 picks a free one. Defaults to 4321.
  readonly port?: number;
  /// Folder of the database (and of attachment files). Defaults to `.lifa-data` in the working directory.
  readonly dataDir?: string;
  /// A PostgreSQL database (`postgres://…` or `postgresql://…`) to keep everything in instead of
  /// SQLite in dataDir: what several processes serving the same drafts share.
  readonly databaseUrl?: string;
  /// A Redis server (`redis://…`) through which the processes serving one PostgreSQL database tell
  /// each other of stored updates, presence and comment events, and count rate limits together.
  /// Needs databaseUrl (processes cannot share a SQLite folder).
  readonly redisUrl?: string;
  /// Local mode for the desktop app: loopback only, one local owner (admin), and a fresh token for
  /// the app, returned as LifaServer.token. Defaults to false.
  readonly local?: boolean;
  /// Folder of seed drafts loaded on first start; null seeds nothing. Defaults to `drafts/`.
  readonly seedDir?: string | null;
  /// Folder of the built renderer served at `/`; null serves none. Defaults to `dist/renderer`.
  readonly rendererDir?: string | null;
  /// Where logs go; false logs nothing. Defaults to pino at level info on stdout.
  readonly logger?: Logger | false;
  /// Sync limits; missing ones take defaultSyncLimits.
  readonly limits?: Partial<SyncLimits>;
  /// Limits on drafts (articles, bytes, drafts per user); missing ones take defaultDraftLimits.
  readonly drafts?: Partial<DraftLimits>;
  /// When big drafts' work (import, export, version outlines) goes to a worker thread.
  readonly work?: DraftWorkOptions;
  /// Unloading and compaction of drafts.
  readonly rooms?: RoomOptions;
  /// Defaults to `normal`: survives `kill -9`; `full` also survives power loss (see Durability).
  readonly durability?: Durability;
  /// Interval of websocket pings. Defaults to 30 seconds.
  readonly pingInterval?: number;
  /// Attachments of comments: the limits per comment (defaults: defaultAttachmentLimits — 10 files,
  /// 10 MiB each, 50 MiB in all) and the extraction workers' limits (see ExtractionPoolOptions).
  readonly attachments?: {
    readonly limits?: Partial<AttachmentLimits>;
    readonly extraction?: ExtractionPoolOptions;
  };
  /// How long a ticket (`POST /api/drafts/:id/ticket`) is good for, in ms. Defaults to 60 seconds.
  readonly ticketLifetime?: number;
  /// How often open connections are checked against their sessions, in ms, so that a session ended
  /// elsewhere (`lifa user signout`, another process) or expired closes them. Defaults to 10 seconds.
  readonly sessionCheckInterval?: number;
  /// When comments are clustered again after they change (see AutoClustering).
  readonly autoCluster?: AutoClusterOptions;
}

/// A running server.
export interface LifaServer {
  /// `http://HOST:PORT`, with the port actually bound.
  readonly url: string;
  readonly port: number;
  /// In local mode, the token of the local owner; else undefined.
  readonly token: string | undefined;
  /// The storage the server runs on.
  readonly store: Store;
  readonly rooms: DraftRooms;
  readonly app: FastifyInstance;
  /// Stop accepting, close every connection (1001), compact and unload the drafts, close the
  /// database. Resolves when done; a second call returns the same promise.
  close(): Promise<void>;
}

const loopback = new Set(['127.0.0.1', '::1', 'localhost']);

/// Thrown by createServer when a service it was told to use (PostgreSQL, Redis) cannot be reached or
/// refuses; the message says which and why, in one line.
export class ServiceError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ServiceError';
  }
}

// The storage the options name: PostgreSQL at databaseUrl, else SQLite in dataDir.
async function openStores(options: ServerOptions, logger: Logger): Promise<Store> {
  if (options.databaseUrl !== undefined) {
    const url = options.databaseUrl.trim();
    if (!isPostgresUrl(url)) {
      throw new RangeError(`The database must be a postgres:// URL, not "${options.databaseUrl}"`);
    }
    try {
      return await openPostgresStorage(url);
    } catch (error) {
      throw new ServiceError(`cannot open the PostgreSQL database: ${reasonOf(error)}`);
    }
  }
  const storage = openStorage(options.dataDir ?? '.lifa-data', { durability: options.durability });
  storage.checkpointInBackground((message) =>
    logger.error(
      { problem: message },
      'background WAL checkpoint failed; SQLite checkpoints on commit again',
    ),
  );
  return new SqliteStorage(storage);
}

// Why `error` happened, in one line (a refused connection to a name with several addresses is an
// AggregateError with no message of its own).
function reasonOf(error: unknown): string {
  const { message, code } = error as { message?: string; code?: string };
  const text = message?.trim() || code || String(error);
  return text.split('\n')[0];
}

// A problem logged at most once every 10 s (Redis down reports one per reconnect attempt).
function throttledWarning(logger: Logger, what: string): (problem: string) => void {
  let last = 0;
  return (problem) => {
    const now = Date.now();
    if (now - last < 10_000) return;
    last = now;
    logger.warn({ problem }, what);
  };
}

/// Start a server. Rejects when the options are invalid (RangeError: for example `local` with a
/// non-loopback host), the database cannot be opened, or the port cannot be bound.
export async function createServer(options: ServerOptions = {}): Promise<LifaServer> {
  const host = options.host ?? '127.0.0.1';
  const port = options.port ?? 4321;
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new RangeError(`Invalid port ${port}`);
  if (options.local && !loopback.has(host)) {
    throw new RangeError(`Local mode listens on loopback only, not on ${host}`);
  }
  const logger =
    options.logger === false ? pino({ level: 'silent' }) : (options.logger ?? pino({ level: 'info' }));
  const limits: SyncLimits = { ...defaultSyncLimits, ...options.limits };
  for (const origin of options.allowedOrigins ?? []) {
    if (!isOriginPattern(origin))
      throw new RangeError(`Invalid allowed origin "${origin}": give scheme://host[:port]`);
  }
  const allowedOrigins = [...loopbackOrigins, ...(options.allowedOrigins ?? [])];
  if (options.redisUrl !== undefined) {
    if (options.databaseUrl === undefined) {
      throw new RangeError(
        'Redis is for several processes on one PostgreSQL database: give a postgres:// database too',
      );
    }
    if (!/^rediss?:\/\/\S+$/i.test(options.redisUrl.trim())) {
      throw new RangeError(`Redis must be a redis:// (or rediss://) URL, not "${options.redisUrl}"`);
    }
  }
  const store = await openStores(options, logger);
  // Late-bound: the fan-out is connected before the rooms and the event hub it feeds exist.
  const fed: { rooms?: DraftRooms; events?: CommentEvents } = {};
  let fanout: RedisFanout | undefined;
  let limitsRedis: Redis | null = null;
  try {
    if (options.redisUrl !== undefined) {
      const url = options.redisUrl.trim();
      const warnOfFanout = throttledWarning(logger, 'fan-out between processes: a problem (no data is lost)');
      try {
        fanout = await RedisFanout.connect(url, randomBytes(9).toString('base64url'), {
          onMessage: (message) => {
            if (message.kind !== 'event') return fed.rooms?.receive(message);
            if (isCommentEvent(message) && message.payload.draftId === message.draftId) {
              fed.events?.receive({ type: message.name, comment: message.payload });
            }
          },
          onReconnect: () => {
            logger.warn('reconnected to Redis; reading what was missed from the record');
            fed.rooms?.repairAll();
          },
          // A failure to connect at start is the start's error, said once; later ones are logged.
          onProblem: (problem) => fanout && warnOfFanout(problem),
        });
        // Rate limits fail fast while Redis is down (each process then counts alone).
        limitsRedis = new Redis(url, {
          lazyConnect: true,
          enableOfflineQueue: false,
          maxRetriesPerRequest: 0,
          retryStrategy: (times: number) => Math.min(50 * times, 1000),
        });
        limitsRedis.on('error', () => {}); // reported by the fan-out's connections already
        await limitsRedis.connect();
      } catch (error) {
        const reason = reasonOf(error);
        throw new ServiceError(/^cannot reach Redis/.test(reason) ? reason : `cannot reach Redis: ${reason}`);
      }
    }
    await store.sessions.purgeExpired();
    if (options.seedDir !== null) await seedDrafts(store, options.seedDir ?? defaultSeedDir, logger);
    const token = options.local ? await localSession(store) : undefined;

    const touched = new Map<string, number>();
    const presence = { maxStates: limits.maxPresenceStates, maxStateBytes: limits.maxPresenceBytes };
    const rooms = new DraftRooms(
      store,
      logger,
      { presence, fanout, ...options.rooms },
      {
        onAppend: (room) => {
          // updatedAt moves at most every 5 s per draft: one row write, not one per keystroke.
          const now = Date.now();
          if (now - (touched.get(room.id) ?? 0) < 5000) return;
          touched.set(room.id, now);
          store.drafts.touch(room.id, now).catch((error: unknown) => {
            logger.error({ draft: room.id, err: error }, 'could not note when a draft changed');
          });
        },
        onRefused: (room, peer) => {
          store.audit
            .record('sync.refused', peer.userId, room.id, { role: peer.role })
            .catch((error: unknown) => {
              logger.error({ draft: room.id, err: error }, 'could not audit a refused update');
            });
        },
      },
    );
    const tickets = new Tickets(store, options.ticketLifetime);
    const live = new LiveConnections();
    fed.rooms = rooms;
    const perMinute = limits.newConnectionsPerMinute;
    const sync = new SyncEndpoint(store, rooms, limits, logger, {
      tickets,
      live,
      pingInterval: options.pingInterval,
      sharedConnections: limitsRedis
        ? rateLimiter(limitsRedis, 'sync-connections', perMinute, 60_000 / perMinute)
        : undefined,
    });
    const rendererDir = options.rendererDir === undefined ? defaultRendererDir : options.rendererDir;
    const draftLimits: DraftLimits = { ...defaultDraftLimits, ...options.drafts };
    const work = new DraftWork(logger, options.work);
    const indexes = new RecordIndexes(store);
    const events = commentEvents(store);
    fed.events = events;
    const bridge = fanout;
    if (bridge) {
      events.connect({
        listen: (draftId) => {
          void bridge.subscribe(draftId).catch(() => {});
          return () => void bridge.unsubscribe(draftId).catch(() => {});
        },
        publish: (event) =>
          void bridge.publish({
            kind: 'event',
            draftId: event.comment.draftId,
            name: event.type,
            payload: event.comment,
          }),
      });
    }
    const attachments = new AttachmentService(
      store,
      blobStoreFor(store, options.dataDir ?? '.lifa-data'),
      logger,
      {
        extraction: options.attachments?.extraction,
        // What an attachment says changes what its comments are about: open clients hear of it.
        onExtracted: (comments) => {
          void (async () => {
            for (const { commentId } of comments) {
              const comment = await store.comments.get(commentId);
              if (comment) events.emit('comment.updated', comment);
            }
          })().catch((error: unknown) => {
            if (!store.isClosed)
              logger.error({ err: error }, 'could not announce comments whose files were read');
          });
        },
      },
    );
    const attachmentLimits = { ...defaultAttachmentLimits, ...options.attachments?.limits };
    const clustering = new AutoClustering(store, logger, options.autoCluster);
    const stopClustering = events.subscribeAll((event) => clustering.changed(event.comment.draftId));
    const ctx: ServerContext = {
      store,
      rateLimiter: (name, burst, interval) => rateLimiter(limitsRedis, name, burst, interval),
      rooms,
      indexes,
      sync,
      logger,
      limits,
      rendererDir,
      attachments,
      attachmentLimits,
      tickets,
      live,
      draftLimits,
      work,
      allowedOrigins,
      clustering,
    };
    const app = await buildHttpApp(ctx, options);
    await app.listen({ host, port });
    const address = app.server.address();
    const bound = typeof address === 'object' && address ? address.port : port;
    const url = `http://${host.includes(':') ? `[${host}]` : host}:${bound}`;
    collectAfterStartup();
    // Files left by an interrupted release go; files received before a restart are read now.
    void attachments.collectGarbage().then(
      () => attachments.kick(),
      (error: unknown) => logger.error({ err: error }, 'attachment clean-up failed'),
    );

    let sweeping = false;
    const sessionCheck = setInterval(() => {
      if (store.isClosed || sweeping) return;
      sweeping = true;
      live
        .sweep(store)
        .catch((error: unknown) => {
          if (!store.isClosed)
            logger.error({ err: error }, 'checking open connections against their sessions failed');
        })
        .finally(() => (sweeping = false));
    }, options.sessionCheckInterval ?? 10_000);
    sessionCheck.unref();

    let closing: Promise<void> | null = null;
    const close = () => {
      closing ??= (async () => {
        clearInterval(sessionCheck);
        sync.stop();
        stopClustering();
        await clustering.close();
        await rooms.close(closeCodes.goingAway, 'the server is shutting down');
        await app.close();
        await attachments.close();
        await work.close();
        indexes.clear();
        await fanout?.close();
        limitsRedis?.disconnect();
        await store.close();
        logger.info('closed');
      })();
      return closing;
    };
    return { url, port: bound, token, store, rooms, app, close };
  } catch (error) {
    await fanout?.close();
    limitsRedis?.disconnect();
    await store.close();
    throw error;
  }
}

// Not a hash: no password ever matches it (verifyPassword refuses a malformed hash).
const noPassword = '!no-password';

/// Make sure the local owner exists (an admin nobody can sign in as: it has no password) and start a
/// session, ending those of earlier runs: only the token printed this time works.
async function localSession(storage: Store): Promise<string> {
  let user = await storage.users.byName(localUsername);
  if (!user) {
    user = await storage.users.create(localUsername, noPassword, true);
  } else if (!user.isAdmin) {
    throw new RangeError(`User "${localUsername}" exists and is not an admin; local mode needs it to be one`);
  }
  await storage.sessions.deleteForUser(user.id);
  return startSession(storage, user);
}
