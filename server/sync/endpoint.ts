/// The sync endpoint `/sync/:draftId?ticket=…` (or `?token=…`): admits a websocket (limits, credentials,
/// role), holds its frames until the draft is loaded, then hands them to the draft's room. The stock
/// y-websocket WebsocketProvider connects to it unmodified.
///
/// Who may hold a place: connections are capped per user (over all their sessions) and per draft; a
/// writer is never refused because readers filled a draft (the least active reader makes way); a
/// read-only connection that sends nothing for a while is closed; each connection may ask for the
/// whole state only so often. Every refusal is a close code with a reason naming the limit.
import type { Logger } from 'pino';
import type { RawData, WebSocket } from 'ws';
import { isValidId } from '../../core/index.ts';
import { draftAccess } from '../auth/access.ts';
import type { DraftAccess } from '../auth/access.ts';
import type { LiveSession } from '../auth/sessions.ts';
import type { LiveConnections } from '../auth/live-connections.ts';
import { canWrite } from '../auth/roles.ts';
import type { Role } from '../auth/roles.ts';
import { authenticateConnection } from '../auth/tickets.ts';
import type { ConnectionCredentials, Tickets } from '../auth/tickets.ts';
import type { RateLimiter } from '../comments/shared-rate-limit.ts';
import type { Storage } from '../storage/interface.ts';
import { Counter, RateWindow, RequestBudget } from './limits.ts';
import type { SyncLimits } from './limits.ts';
import { closeCodes, isStateRequest } from './protocol.ts';
import type { Peer, SharedDraft } from './room.ts';
import type { DraftRooms } from './rooms.ts';

const open = 1;

/// A websocket as a room's peer.
class SocketPeer implements Peer {
  closed = false;

  constructor(
    private readonly socket: WebSocket,
    readonly userId: number,
    readonly name: string,
    public role: Role,
    private readonly maxBuffered: number,
    readonly address?: string,
  ) {}

  send(message: Uint8Array): void {
    if (this.closed || this.socket.readyState !== open) return;
    if (this.socket.bufferedAmount > this.maxBuffered) {
      this.close(closeCodes.tryAgainLater, 'connection too slow: too much unsent data');
      return;
    }
    this.socket.send(message);
  }

  close(code: number, reason: string): void {
    if (this.closed) return;
    this.closed = true;
    closeSocket(this.socket, code, reason);
  }
}

function closeSocket(socket: WebSocket, code: number, reason: string): void {
  try {
    socket.close(code, reason);
  } catch {
    socket.terminate();
  }
}

function bytes(data: RawData): Uint8Array {
  if (Array.isArray(data)) return Buffer.concat(data);
  return data instanceof ArrayBuffer ? new Uint8Array(data) : data;
}

/// What the HTTP layer knows about an incoming websocket.
export interface SyncRequest {
  readonly draftId: string;
  /// The `ticket` or `token` query parameter, or the bearer token of the Authorization header.
  readonly credentials: ConnectionCredentials;
  /// The client's address, for the per-address limit.
  readonly ip: string;
}

/// What a SyncEndpoint works with besides storage and the rooms.
export interface SyncEndpointOptions {
  readonly tickets: Tickets;
  /// Where each connection is recorded under its session, to be closed when the session ends.
  readonly live: LiveConnections;
  /// Interval of websocket pings (and of the check for quiet readers). Defaults to 30 seconds.
  readonly pingInterval?: number;
  /// New connections per address counted across every process (shared through Redis), besides this
  /// process's own count. None with one process.
  readonly sharedConnections?: RateLimiter;
}

/// One admitted connection, as the caps see it.
interface Connection {
  readonly userId: number;
  readonly draftId: string;
  /// The role when admitted; the peer's (which may change) once it joined the room.
  readonly initialRole: Role;
  peer: SocketPeer | null;
  /// When it last sent a frame (ms since the epoch).
  lastActive: number;
  /// Close it with a reason, freeing its place at once.
  evict(code: number, reason: string): void;
}

const roleOf = (connection: Connection): Role => connection.peer?.role ?? connection.initialRole;

/// Admits sync connections and keeps them alive (ping every 30 s; a socket that misses a pong is dropped).
export class SyncEndpoint {
  private readonly perAddress: RateWindow;
  private readonly perUser = new Counter();
  private readonly byDraft = new Map<string, Set<Connection>>();
  private readonly alive = new Map<WebSocket, boolean>();
  private readonly keepalive: NodeJS.Timeout;
  private readonly tickets: Tickets;
  private readonly live: LiveConnections;
  private readonly sharedConnections: RateLimiter | undefined;

  constructor(
    private readonly storage: Storage,
    private readonly rooms: DraftRooms,
    private readonly limits: SyncLimits,
    private readonly logger: Logger,
    options: SyncEndpointOptions,
  ) {
    this.tickets = options.tickets;
    this.live = options.live;
    this.sharedConnections = options.sharedConnections;
    this.perAddress = new RateWindow(limits.newConnectionsPerMinute);
    this.keepalive = setInterval(() => this.ping(), options.pingInterval ?? 30_000);
    this.keepalive.unref();
  }

  /// Take over `socket`, just upgraded for `request`. Never throws; every refusal is a close code
  /// with a reason: 1013 over a limit, 4401 without valid credentials (or when the session ends),
  /// 4404 for a draft that does not exist or the user holds no role on (not told apart), 1011 when
  /// the draft cannot be loaded.
  accept(socket: WebSocket, request: SyncRequest): void {
    // Listen at once: frames sent before the draft is loaded are queued, not lost.
    const queue: Uint8Array[] = [];
    let queued = 0;
    let deliver: ((message: Uint8Array) => void) | null = null;
    let onClose: (() => void) | null = null;
    let connection: Connection | null = null;
    let closed = false;
    const { syncRequestBurst, syncRequestInterval } = this.limits;
    const requests = new RequestBudget(syncRequestBurst, syncRequestInterval);
    const refuse = (code: number, reason: string) => {
      closed = true;
      closeSocket(socket, code, reason);
    };
    socket.on('message', (data, isBinary) => {
      if (closed) return;
      if (connection) connection.lastActive = Date.now();
      if (!isBinary) return refuse(closeCodes.badMessage, 'text frames are not part of the protocol');
      const message = bytes(data);
      if (message.length > this.limits.maxMessageSize) {
        const limit = this.limits.maxMessageSize;
        return refuse(closeCodes.tooBig, `message too big: ${message.length} bytes, the limit is ${limit}`);
      }
      if (isStateRequest(message) && !requests.take()) {
        return refuse(
          closeCodes.tryAgainLater,
          `too many sync requests: ${syncRequestBurst} at once, then one every ${syncRequestInterval / 1000} s`,
        );
      }
      if (deliver) return deliver(message);
      queued += message.length;
      if (queued > this.limits.maxMessageSize) {
        return refuse(closeCodes.tryAgainLater, 'too much data before the draft was loaded');
      }
      queue.push(message);
    });
    socket.on('close', () => {
      closed = true;
      this.alive.delete(socket);
      onClose?.();
    });
    socket.on('pong', () => this.alive.set(socket, true));
    this.alive.set(socket, true);

    const tooMany = 'too many new connections from your address; retry in a minute';
    if (!this.perAddress.take(request.ip)) return refuse(closeCodes.tryAgainLater, tooMany);
    // Who it is and what it may do are read from storage; frames meanwhile wait in the queue.
    const admission = (async () => {
      if (this.sharedConnections && !(await this.sharedConnections.take(request.ip)).ok) {
        return { limited: true, session: undefined, access: undefined };
      }
      const session = await authenticateConnection(
        this.storage,
        this.tickets,
        request.credentials,
        request.draftId,
      );
      const access =
        session && isValidId(request.draftId)
          ? await draftAccess(this.storage, session.user, request.draftId)
          : undefined;
      return { limited: false, session, access };
    })();
    admission.then(
      ({ limited, session, access }) => {
        if (closed) return;
        if (limited) return refuse(closeCodes.tryAgainLater, tooMany);
        if (!session) {
          return refuse(
            closeCodes.unauthorized,
            'authentication required: missing or invalid token or ticket',
          );
        }
        if (!access) return refuse(closeCodes.notFound, 'no such draft');
        admit(session, access);
      },
      (error: unknown) => {
        this.logger.error({ err: error }, 'could not check a sync connection against storage');
        refuse(closeCodes.serverError, 'storage failure: could not check your access; retry');
      },
    );
    const admit = (session: LiveSession, access: DraftAccess) => {
      const user = session.user;
      const draftId = access.draft.id;
      const refusal = this.makeRoom(user.id, draftId, access.role);
      if (refusal) return refuse(closeCodes.tryAgainLater, refusal);

      let room: SharedDraft | null = null;
      let released = false;
      const admitted: Connection = {
        userId: user.id,
        draftId,
        initialRole: access.role,
        peer: null,
        lastActive: Date.now(),
        evict: (code, reason) => {
          release();
          if (admitted.peer) admitted.peer.close(code, reason);
          else refuse(code, reason);
        },
      };
      connection = admitted;
      this.perUser.add(String(user.id));
      this.draftConnections(draftId).add(admitted);
      // Frees the connection's places; runs once, on eviction or on close, whichever comes first.
      const release = () => {
        if (released) return;
        released = true;
        this.perUser.remove(String(user.id));
        const set = this.byDraft.get(draftId);
        set?.delete(admitted);
        if (set?.size === 0) this.byDraft.delete(draftId);
      };
      const forget = this.live.add(session, (reason) => admitted.evict(closeCodes.unauthorized, reason));
      onClose = () => {
        forget();
        release();
        if (room) {
          if (admitted.peer) room.leave(admitted.peer);
          this.rooms.release(room);
        }
      };

      this.rooms.acquire(draftId).then(
        (loaded) => {
          if (closed) {
            // Gone while the draft loaded: onClose has run, or will, without a room to release.
            this.rooms.release(loaded);
            return;
          }
          room = loaded;
          const peer = new SocketPeer(
            socket,
            user.id,
            user.username,
            access.role,
            this.limits.maxBufferedBytes,
            request.ip,
          );
          admitted.peer = peer;
          try {
            loaded.join(peer);
          } catch (error) {
            this.logger.warn({ draft: draftId, err: error }, 'could not join a draft');
            peer.close(closeCodes.serverError, 'the draft could not be opened; retry');
            return;
          }
          for (const message of queue.splice(0)) loaded.receive(peer, message);
          deliver = (message) => loaded.receive(peer, message);
          this.logger.debug({ draft: draftId, user: user.username, role: access.role }, 'sync connection');
        },
        () => refuse(closeCodes.serverError, 'the draft could not be loaded'),
      );
    };
  }

  /// Stop the keepalive timer (connections are closed by DraftRooms.close).
  stop(): void {
    clearInterval(this.keepalive);
  }

  private draftConnections(draftId: string): Set<Connection> {
    let set = this.byDraft.get(draftId);
    if (!set) this.byDraft.set(draftId, (set = new Set()));
    return set;
  }

  /// Whether user `userId` may open another connection to `draftId` as `role`: undefined when yes
  /// (after making way for a writer in a full draft), else the reason.
  private makeRoom(userId: number, draftId: string, role: Role): string | undefined {
    const { maxConnectionsPerUser, maxConnectionsPerDraft } = this.limits;
    if (this.perUser.get(String(userId)) >= maxConnectionsPerUser) {
      return `too many connections for your account (${maxConnectionsPerUser})`;
    }
    const inDraft = this.byDraft.get(draftId);
    if (!inDraft || inDraft.size < maxConnectionsPerDraft) return undefined;
    const full = `too many connections to this draft (${maxConnectionsPerDraft})`;
    if (!canWrite(role)) return full;
    let quietest: Connection | null = null;
    for (const other of inDraft) {
      if (canWrite(roleOf(other))) continue;
      if (!quietest || other.lastActive < quietest.lastActive) quietest = other;
    }
    if (!quietest) return full;
    quietest.evict(
      closeCodes.tryAgainLater,
      'the draft is full and an editor needed your place; retry later',
    );
    return undefined;
  }

  private ping(): void {
    for (const [socket, alive] of this.alive) {
      if (!alive) {
        socket.terminate();
        this.alive.delete(socket);
        continue;
      }
      this.alive.set(socket, false);
      try {
        socket.ping();
      } catch {
        socket.terminate();
      }
    }
    this.closeQuietReaders();
  }

  // A read-only connection has nothing to send but presence, which a live client renews every 15 s;
  // one that sends nothing at all only holds a place.
  private closeQuietReaders(now = Date.now()): void {
    const limit = this.limits.readerIdleTimeout;
    for (const connections of [...this.byDraft.values()]) {
      for (const connection of [...connections]) {
        if (canWrite(roleOf(connection)) || now - connection.lastActive <= limit) continue;
        connection.evict(
          closeCodes.tryAgainLater,
          `quiet for ${Math.round(limit / 1000)} s: read-only connections that send nothing are closed`,
        );
      }
    }
  }
}
