/// The sync endpoint `/sync/:draftId?token=…`: admits a websocket (limits, token, role), holds its
/// frames until the draft is loaded, then hands them to the draft's room. The stock y-websocket
/// WebsocketProvider connects to it unmodified.
import type { Logger } from 'pino';
import type { RawData, WebSocket } from 'ws';
import { isValidId } from '../../core/index.ts';
import { draftAccess } from '../auth/access.ts';
import type { Role } from '../auth/roles.ts';
import { authenticate } from '../auth/sessions.ts';
import type { Storage } from '../storage/storage.ts';
import { Counter, RateWindow } from './limits.ts';
import type { SyncLimits } from './limits.ts';
import { closeCodes } from './protocol.ts';
import type { Peer, SharedDraft } from './room.ts';
import type { DraftRooms } from './rooms.ts';

const open = 1;

/// A websocket as a room's peer.
class SocketPeer implements Peer {
  closed = false;

  constructor(
    private readonly socket: WebSocket,
    readonly userId: number,
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
  /// The `token` query parameter, or the bearer token of the Authorization header.
  readonly token: string | undefined;
  /// The client's address, for the per-address limit.
  readonly ip: string;
}

/// Admits sync connections and keeps them alive (ping every 30 s; a socket that misses a pong is dropped).
export class SyncEndpoint {
  private readonly perAddress: RateWindow;
  private readonly perToken = new Counter();
  private readonly perDraft = new Counter();
  private readonly alive = new Map<WebSocket, boolean>();
  private readonly keepalive: NodeJS.Timeout;

  constructor(
    private readonly storage: Storage,
    private readonly rooms: DraftRooms,
    private readonly limits: SyncLimits,
    private readonly logger: Logger,
    pingInterval = 30_000,
  ) {
    this.perAddress = new RateWindow(limits.newConnectionsPerMinute);
    this.keepalive = setInterval(() => this.ping(), pingInterval);
    this.keepalive.unref();
  }

  /// Take over `socket`, just upgraded for `request`. Never throws; every refusal is a close code
  /// with a reason: 1013 over a limit, 4401 without a valid token, 4404 for a draft that does not
  /// exist or the user holds no role on (not told apart), 1011 when the draft cannot be loaded.
  accept(socket: WebSocket, request: SyncRequest): void {
    // Listen at once: frames sent before the draft is loaded are queued, not lost.
    const queue: Uint8Array[] = [];
    let queued = 0;
    let deliver: ((message: Uint8Array) => void) | null = null;
    let onClose: (() => void) | null = null;
    let closed = false;
    const refuse = (code: number, reason: string) => {
      closed = true;
      closeSocket(socket, code, reason);
    };
    socket.on('message', (data, isBinary) => {
      if (closed) return;
      if (!isBinary) return refuse(closeCodes.badMessage, 'text frames are not part of the protocol');
      const message = bytes(data);
      if (message.length > this.limits.maxMessageSize) {
        const limit = this.limits.maxMessageSize;
        return refuse(closeCodes.tooBig, `message too big: ${message.length} bytes, the limit is ${limit}`);
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

    if (!this.perAddress.take(request.ip)) {
      return refuse(
        closeCodes.tryAgainLater,
        'too many new connections from your address; retry in a minute',
      );
    }
    const user = authenticate(this.storage, request.token);
    if (!user) return refuse(closeCodes.unauthorized, 'authentication required: missing or invalid token');
    const access = isValidId(request.draftId) ? draftAccess(this.storage, user, request.draftId) : undefined;
    if (!access) return refuse(closeCodes.notFound, 'no such draft');
    const draftId = access.draft.id;
    const tokenKey = request.token!;
    if (this.perToken.get(tokenKey) >= this.limits.maxConnectionsPerToken) {
      return refuse(
        closeCodes.tryAgainLater,
        `too many connections for this session (${this.limits.maxConnectionsPerToken})`,
      );
    }
    if (this.perDraft.get(draftId) >= this.limits.maxConnectionsPerDraft) {
      return refuse(
        closeCodes.tryAgainLater,
        `too many connections to this draft (${this.limits.maxConnectionsPerDraft})`,
      );
    }
    this.perToken.add(tokenKey);
    this.perDraft.add(draftId);
    let room: SharedDraft | null = null;
    let peer: SocketPeer | null = null;
    onClose = () => {
      this.perToken.remove(tokenKey);
      this.perDraft.remove(draftId);
      if (room) {
        if (peer) room.leave(peer);
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
        const current = new SocketPeer(
          socket,
          user.id,
          access.role,
          this.limits.maxBufferedBytes,
          request.ip,
        );
        peer = current;
        try {
          loaded.join(current);
        } catch (error) {
          this.logger.warn({ draft: draftId, err: error }, 'could not join a draft');
          current.close(closeCodes.serverError, 'the draft could not be opened; retry');
          return;
        }
        for (const message of queue.splice(0)) loaded.receive(current, message);
        deliver = (message) => loaded.receive(current, message);
        this.logger.debug({ draft: draftId, user: user.username, role: access.role }, 'sync connection');
      },
      () => refuse(closeCodes.serverError, 'the draft could not be loaded'),
    );
  }

  /// Stop the keepalive timer (connections are closed by DraftRooms.close).
  stop(): void {
    clearInterval(this.keepalive);
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
  }
}
