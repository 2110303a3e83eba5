/// The sync connection of one open draft: its Y.Doc (body in the XmlFragment 'body'), the stock
/// y-websocket provider talking to `/sync/DRAFT_ID?ticket=…` (a fresh single-use ticket for every
/// connection, so the session token is never in a URL), the offline copy in IndexedDB, presence
/// (awareness) and the connection state shown to the user.
import * as Y from 'yjs';
import { WebsocketProvider } from 'y-websocket';
import { IndexeddbPersistence } from 'y-indexeddb';
import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import * as syncProtocol from 'y-protocols/sync';
import type { Awareness } from 'y-protocols/awareness';
import { IdleTask } from '../lib/idle-task.ts';
import { ticketedWebSocket } from './ticket-socket.ts';
import { Store } from '../lib/store.ts';
import type { ReadableStore } from '../lib/store.ts';
import { initialConnectionState, nextConnectionState } from './connection-state.ts';
import type { ConnectionEvent, ConnectionState } from './connection-state.ts';

/// Who this person is to the others: the name and colour of their cursor.
export type { PresenceUser } from '../../../core/index.ts';
import type { PresenceUser } from '../../../core/index.ts';

/// Options of DraftSync.
export interface DraftSyncOptions {
  /// `ws(s)://HOST/sync`.
  readonly syncUrl: string;
  readonly draftId: string;
  /// Fetches a ticket for one connection to the draft (ApiClient.ticket).
  readonly ticket: () => Promise<string>;
  /// The name and colour others see. The server sets them from the signed-in account whatever is
  /// sent; they are set here too so the local copy shows the same.
  readonly user: PresenceUser;
  /// Keep an offline copy in IndexedDB. Defaults to true.
  readonly offlineCopy?: boolean;
}

// y-websocket's message type of sync-protocol messages.
const syncMessageType = 0;

/// Name of the Y.XmlFragment holding a draft's body.
export const bodyFragmentName = 'body';

/// An open draft's shared document and its connection.
export class DraftSync {
  readonly ydoc = new Y.Doc();
  readonly body: Y.XmlFragment;
  readonly provider: WebsocketProvider;
  readonly awareness: Awareness;
  private readonly persistence: IndexeddbPersistence | null;
  private readonly offlineWriter: OfflineWriter | null;
  private readonly connection = new Store<ConnectionState>(initialConnectionState);
  private readonly ready: Promise<void>;

  constructor(options: DraftSyncOptions) {
    this.body = this.ydoc.getXmlFragment(bodyFragmentName);
    this.persistence = options.offlineCopy === false ? null : openOfflineCopy(options.draftId, this.ydoc);
    this.offlineWriter = this.persistence && new OfflineWriter(this.ydoc, this.persistence);
    this.provider = new WebsocketProvider(options.syncUrl, options.draftId, this.ydoc, {
      WebSocketPolyfill: ticketedWebSocket(options.ticket),
      // Tabs share nothing behind the server's back: every change goes through its role check.
      disableBc: true,
    });
    this.awareness = this.provider.awareness;
    this.awareness.setLocalStateField('user', { name: options.user.name, color: options.user.color });

    const emit = (event: ConnectionEvent) =>
      this.connection.update((state) => nextConnectionState(state, event));
    this.provider.on('status', ({ status }) => emit({ type: 'socket', status }));
    this.provider.on('sync', (synced) => {
      if (synced) emit({ type: 'synced' });
    });
    this.provider.on('closed', ({ code, reason }) => emit({ type: 'refused', code, reason }));
    this.ydoc.on('update', (_update, origin) => {
      if (origin !== this.provider && origin !== this.persistence) emit({ type: 'local-change' });
    });
    this.ready = whenReady(this);
    window.addEventListener('offline', this.onNetworkLost);
    window.addEventListener('online', this.onNetworkBack);
  }

  // The browser says the network is gone: an open socket may not notice for a long while, and changes
  // sent into it would be lost, so close it now and count changes as unsynced until the network is back.
  private readonly onNetworkLost = () => {
    if (this.state.get().paused) return;
    this.provider.disconnect();
  };

  private readonly onNetworkBack = () => {
    if (this.state.get().paused) return;
    this.provider.connect();
  };

  /// The connection state, for the status bar.
  get state(): ReadableStore<ConnectionState> {
    return this.connection;
  }

  /// Resolves once there is something to show: the body came from the offline copy or the server, or the
  /// server confirmed the draft is empty. Opening an editor before that would make it invent a filler
  /// document that then merges with the real one.
  whenReady(): Promise<void> {
    return this.ready;
  }

  /// Whether the server's state has arrived on the current connection.
  get synced(): boolean {
    return this.provider.synced;
  }

  /// Resolves true once the server has processed every change this client sent so far: a sync round trip
  /// (step 1 out, step 2 back) on the same connection, which the server answers in order. Resolves false
  /// when offline or after `timeout` ms.
  flush(timeout = 5000): Promise<boolean> {
    const ws = this.provider.ws;
    if (!ws || !this.provider.wsconnected || ws.readyState !== WebSocket.OPEN) return Promise.resolve(false);
    return new Promise((resolve) => {
      const done = (result: boolean) => {
        clearTimeout(timer);
        ws.removeEventListener('message', onMessage);
        resolve(result);
      };
      const onMessage = (event: MessageEvent) => {
        if (!(event.data instanceof ArrayBuffer)) return;
        const decoder = decoding.createDecoder(new Uint8Array(event.data));
        if (decoding.readVarUint(decoder) !== syncMessageType) return;
        if (decoding.readVarUint(decoder) === syncProtocol.messageYjsSyncStep2) done(true);
      };
      const timer = setTimeout(() => done(false), timeout);
      ws.addEventListener('message', onMessage);
      const encoder = encoding.createEncoder();
      encoding.writeVarUint(encoder, syncMessageType);
      syncProtocol.writeSyncStep1(encoder, this.ydoc);
      ws.send(encoding.toUint8Array(encoder));
    });
  }

  /// Stop syncing until `reconnect` (changes keep accumulating locally).
  disconnect(): void {
    this.connection.update((state) => nextConnectionState(state, { type: 'pause' }));
    this.provider.disconnect();
  }

  /// Sync again after `disconnect` or a refusal.
  reconnect(): void {
    this.connection.update((state) => nextConnectionState(state, { type: 'resume' }));
    this.provider.connect();
  }

  /// Close the connection and release the document.
  destroy(): void {
    window.removeEventListener('offline', this.onNetworkLost);
    window.removeEventListener('online', this.onNetworkBack);
    this.offlineWriter?.destroy();
    this.provider.destroy();
    void this.persistence?.destroy();
    this.ydoc.destroy();
  }
}

function openOfflineCopy(draftId: string, ydoc: Y.Doc): IndexeddbPersistence | null {
  try {
    return typeof indexedDB === 'undefined' ? null : new IndexeddbPersistence(`lifa-draft-${draftId}`, ydoc);
  } catch (error) {
    console.warn('lifa: no offline copy', error);
    return null;
  }
}

/// Writes changes to the offline copy in batches. y-indexeddb writes every update in its own IndexedDB
/// transaction, two per keystroke; this merges them and writes once things are quiet (at the latest
/// every two seconds), and at once when the page is hidden or closed.
class OfflineWriter {
  private pending: Uint8Array[] = [];
  private readonly task = new IdleTask(() => this.flush(), { delay: 400, maxWait: 2000 });
  private readonly onUpdate = (update: Uint8Array, origin: unknown) => {
    if (origin === this.persistence) return;
    this.pending.push(update);
    this.task.schedule();
  };
  private readonly onHide = () => {
    if (document.visibilityState === 'hidden') this.flush();
  };

  constructor(
    private readonly ydoc: Y.Doc,
    private readonly persistence: IndexeddbPersistence,
  ) {
    ydoc.off('update', persistence._storeUpdate);
    ydoc.on('update', this.onUpdate);
    document.addEventListener('visibilitychange', this.onHide);
    window.addEventListener('pagehide', this.flush);
  }

  /// Write what is pending now.
  readonly flush = (): void => {
    this.task.cancel();
    if (this.pending.length === 0) return;
    const updates = this.pending;
    this.pending = [];
    this.persistence._storeUpdate(updates.length === 1 ? updates[0] : Y.mergeUpdates(updates), null);
  };

  destroy(): void {
    this.flush();
    this.ydoc.off('update', this.onUpdate);
    document.removeEventListener('visibilitychange', this.onHide);
    window.removeEventListener('pagehide', this.flush);
  }
}

function whenReady(sync: DraftSync): Promise<void> {
  return new Promise((resolve) => {
    const check = () => {
      if (sync.body.length > 0 || sync.provider.synced) {
        sync.ydoc.off('update', check);
        sync.provider.off('sync', check);
        resolve();
      }
    };
    sync.ydoc.on('update', check);
    sync.provider.on('sync', check);
    check();
  });
}
