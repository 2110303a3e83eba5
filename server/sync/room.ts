/// One loaded draft: its Y.Doc, its awareness, the connections editing or reading it, and the write
/// path. Every update a writer sends is validated, appended to the draft's record with its author and
/// connection (synchronously, so it is committed), then applied and broadcast; an update from a
/// read-only connection that would change anything is refused and the connection closed, and nothing
/// of it is applied. Changes the server makes (restore, accepted suggestions) go through change(),
/// with the attribution the caller gives.
import * as decoding from 'lib0/decoding';
import type { Logger } from 'pino';
import * as awarenessProtocol from 'y-protocols/awareness';
import * as syncProtocol from 'y-protocols/sync';
import * as Y from 'yjs';
import { canWrite } from '../auth/roles.ts';
import type { Role } from '../auth/roles.ts';
import type { StoredState } from '../storage/record.ts';
import type { Attribution, RecordHead } from '../storage/record-chain.ts';
import { loadDoc } from './persistence.ts';
import { admitPresence, defaultPresenceLimits } from './presence.ts';
import type { PresenceLimits } from './presence.ts';
import {
  addsContent,
  closeCodes,
  decodeUpdate,
  encodeAwareness,
  encodeSyncStep1,
  encodeSyncStep2,
  encodeUpdate,
  findForbiddenInUpdate,
  messageAuth,
  messageAwareness,
  messageQueryAwareness,
  messageSync,
} from './protocol.ts';

/// A connection as a room sees it.
export interface Peer {
  readonly userId: number;
  /// The user's name, as presence shows it.
  readonly name: string;
  /// The user's role on the draft; may change while connected (see SharedDraft.setRole).
  role: Role;
  /// Whether close() was called: a closed peer's remaining messages are ignored.
  readonly closed: boolean;
  /// The client's address, kept with the connection in the record. Optional.
  readonly address?: string;
  /// Send one binary frame. Must not throw.
  send(message: Uint8Array): void;
  /// Close with a websocket close code and a one-line reason. Must not throw; a second call does nothing.
  close(code: number, reason: string): void;
}

/// Where a room writes: the draft's record (RecordRepository).
export interface RoomLog {
  /// Append `update` after `head`, attributed to `by`, at server time `now`; returns the new head.
  /// Throws when storage fails.
  append(draftId: string, head: RecordHead, update: Uint8Array, by: Attribution, now: number): RecordHead;
  /// Replace the draft's checkpoint by `state`, which holds every entry through `head`.
  checkpoint(draftId: string, state: Uint8Array, head: RecordHead): void;
  /// Note a connection's first write; returns the id its entries carry.
  openConnection(draftId: string, userId: number | null, address: string | null, now: number): number;
}

/// Hooks a room calls; each is optional and must not throw.
export interface RoomEvents {
  /// An update was appended to the log (`bytes` long).
  readonly onAppend?: (room: SharedDraft, bytes: number) => void;
  /// A read-only connection tried to change the text and was closed.
  readonly onRefused?: (room: SharedDraft, peer: Peer) => void;
}

/// The origin of a transaction made by change(): carries who the change is attributed to.
class ServerChange {
  constructor(readonly by: Attribution) {}
}

/// What a room knows of one connection: the presence clients it controls, and its id in the record
/// once it has written.
interface PeerState {
  readonly controlled: Set<number>;
  connection: number | null;
}

/// A loaded draft shared by its connections.
export class SharedDraft {
  /// The live document. Change it only through change(), so the change is logged before it is sent.
  readonly doc: Y.Doc;
  readonly awareness: awarenessProtocol.Awareness;
  private readonly peers = new Map<Peer, PeerState>();
  // Who holds each presence client id (the reverse of PeerState.controlled).
  private readonly owners = new Map<number, Peer>();
  private last: RecordHead;
  private unsaved: { updates: number; bytes: number };
  private destroyed = false;
  private broken = false;

  private constructor(
    readonly id: string,
    doc: Y.Doc,
    head: RecordHead,
    logged: { updates: number; bytes: number },
    private readonly log: RoomLog,
    private readonly logger: Logger,
    private readonly events: RoomEvents,
    private readonly presenceLimits: PresenceLimits,
  ) {
    this.doc = doc;
    this.last = head;
    this.unsaved = logged;
    this.awareness = new awarenessProtocol.Awareness(doc);
    this.awareness.setLocalState(null);
    this.awareness.on('update', this.onAwareness);
    doc.on('update', this.onUpdate);
  }

  /// Build the room of draft `id` from what storage holds, before any connection sees it. Entries that
  /// fail to apply are skipped with a warning (they failed when first received too). Throws
  /// DraftLoadError when the checkpoint (or the first entry) cannot be applied.
  static load(
    id: string,
    stored: StoredState,
    log: RoomLog,
    logger: Logger,
    events: RoomEvents = {},
    presenceLimits: PresenceLimits = defaultPresenceLimits,
  ): SharedDraft {
    const doc = loadDoc(id, stored, logger);
    // Without a checkpoint the first entry (the draft's first state) serves as one.
    const since = stored.checkpoint ? stored.updates : stored.updates.slice(1);
    const bytes = since.reduce((n, update) => n + update.length, 0);
    return new SharedDraft(
      id,
      doc,
      stored.head,
      { updates: since.length, bytes },
      log,
      logger,
      events,
      presenceLimits,
    );
  }

  /// Whether a server change could not be recorded: the room holds state storage lacks and must be
  /// unloaded (DraftRooms does so) rather than served.
  get failed(): boolean {
    return this.broken;
  }

  /// How many connections the room has.
  get size(): number {
    return this.peers.size;
  }

  /// The head of the draft's record: the last entry this room appended (or loaded).
  get head(): RecordHead {
    return this.last;
  }

  /// Updates and bytes appended to the record since the last checkpoint (or load).
  get pending(): { readonly updates: number; readonly bytes: number } {
    return this.unsaved;
  }

  /// The connections, for iteration.
  connections(): IterableIterator<Peer> {
    return this.peers.keys();
  }

  /// Add `peer` and start the protocol: send our state vector (sync step 1) and everyone's presence.
  join(peer: Peer): void {
    if (this.destroyed || this.broken) throw new Error(`Draft ${this.id} was unloaded`);
    this.peers.set(peer, { controlled: new Set(), connection: null });
    peer.send(encodeSyncStep1(this.doc));
    const states = this.awareness.getStates();
    if (states.size > 0) peer.send(encodeAwareness(this.awareness, [...states.keys()]));
  }

  /// Remove `peer` and the presence it controlled. Does nothing for an unknown peer.
  leave(peer: Peer): void {
    const state = this.peers.get(peer);
    if (!state) return;
    this.peers.delete(peer);
    const controlled = state.controlled;
    if (controlled.size > 0) awarenessProtocol.removeAwarenessStates(this.awareness, [...controlled], null);
  }

  /// Handle one binary frame from `peer`. Never throws: a malformed frame closes that peer (4400),
  /// a document update from a read-only peer closes it (4403), and a storage failure closes it (1011)
  /// without applying anything.
  receive(peer: Peer, message: Uint8Array): void {
    if (peer.closed || !this.peers.has(peer)) return;
    try {
      const decoder = decoding.createDecoder(message);
      const type = decoding.readVarUint(decoder);
      switch (type) {
        case messageSync:
          this.receiveSync(peer, decoder);
          break;
        case messageAwareness:
          this.receivePresence(peer, decoding.readVarUint8Array(decoder));
          break;
        case messageQueryAwareness:
          peer.send(encodeAwareness(this.awareness, [...this.awareness.getStates().keys()]));
          break;
        case messageAuth:
          break; // only servers send auth messages; a client's is ignored
        default:
          peer.close(closeCodes.badMessage, `unknown message type ${type}`);
      }
    } catch (error) {
      this.logger.debug({ draft: this.id, err: error }, 'malformed sync message');
      peer.close(closeCodes.badMessage, 'malformed message');
    }
  }

  // Presence passes presence.ts's rules: a state the peer may not set is dropped, too many or too
  // big closes the peer (4400) with nothing applied.
  private receivePresence(peer: Peer, update: Uint8Array): void {
    const held = this.peers.get(peer)!.controlled;
    const admitted = admitPresence(
      peer,
      update,
      held,
      (client) => this.owners.get(client),
      this.presenceLimits,
    );
    if (!admitted.ok) return peer.close(closeCodes.badMessage, admitted.reason);
    if (admitted.update) awarenessProtocol.applyAwarenessUpdate(this.awareness, admitted.update, peer);
  }

  private receiveSync(peer: Peer, decoder: decoding.Decoder): void {
    const type = decoding.readVarUint(decoder);
    switch (type) {
      case syncProtocol.messageYjsSyncStep1:
        peer.send(encodeSyncStep2(this.doc, decoding.readVarUint8Array(decoder)));
        break;
      case syncProtocol.messageYjsSyncStep2:
      case syncProtocol.messageYjsUpdate:
        this.receiveUpdate(peer, decoding.readVarUint8Array(decoder));
        break;
      default:
        peer.close(closeCodes.badMessage, `unknown sync message type ${type}`);
    }
  }

  private receiveUpdate(peer: Peer, update: Uint8Array): void {
    const decoded = decodeUpdate(update); // throws on a malformed update: nothing is stored or applied
    if (!addsContent(this.doc, decoded)) return;
    if (!canWrite(peer.role)) {
      peer.close(closeCodes.readOnly, `read-only: a ${peer.role} may not edit this draft`);
      this.events.onRefused?.(this, peer);
      return;
    }
    const forbidden = findForbiddenInUpdate(decoded);
    if (forbidden) {
      peer.close(
        closeCodes.badMessage,
        `the update holds a ${forbidden.what}, which a draft may not contain`,
      );
      return;
    }
    try {
      this.append(update, { userId: peer.userId, connection: this.connectionOf(peer) });
    } catch (error) {
      this.logger.error({ draft: this.id, err: error }, 'could not append an update to the record');
      peer.close(closeCodes.serverError, 'storage failure: the update was not saved');
      return;
    }
    try {
      Y.applyUpdate(this.doc, update, peer);
    } catch (error) {
      // What was integrated before the failure was broadcast by onUpdate; the stored update
      // replays the same way on load.
      this.logger.warn({ draft: this.id, err: error }, 'update failed to apply');
      peer.close(closeCodes.badMessage, 'update could not be applied');
    }
  }

  /// Change the document on the server's behalf, attributed to `by` (a restore, an accepted
  /// suggestion): what `fn` does to the document in one transaction becomes one entry of the record,
  /// appended before it is broadcast to the connections, like a writer's update. Returns what `fn`
  /// returns; a change that changes nothing appends nothing. Throws what `fn` or storage throws (a
  /// storage failure leaves the room failed: DraftRooms unloads it).
  change<T>(by: Attribution, fn: (doc: Y.Doc) => T): T {
    let result: T;
    this.doc.transact(() => {
      result = fn(this.doc);
    }, new ServerChange(by));
    return result!;
  }

  /// Set the role of every connection of `userId`; with `undefined` (the role was removed) close them.
  setRole(userId: number, role: Role | undefined): void {
    for (const peer of this.peers.keys()) {
      if (peer.userId !== userId) continue;
      if (role === undefined) peer.close(closeCodes.notFound, 'your access to this draft was removed');
      else peer.role = role;
    }
  }

  /// Close every connection with `code` and `reason`.
  closeAll(code: number, reason: string): void {
    for (const peer of [...this.peers.keys()]) peer.close(code, reason);
  }

  /// Write a new checkpoint when anything was appended since the last one. Every entry is kept.
  /// Throws when storage fails (the old checkpoint then stays).
  compact(): void {
    if (this.unsaved.updates === 0) return;
    this.log.checkpoint(this.id, Y.encodeStateAsUpdate(this.doc), this.last);
    this.unsaved = { updates: 0, bytes: 0 };
  }

  /// Release the document and presence. The room must have no connections left.
  destroy(): void {
    if (this.destroyed) return;
    this.destroyed = true;
    this.awareness.off('update', this.onAwareness);
    this.awareness.destroy();
    this.doc.off('update', this.onUpdate);
    this.doc.destroy();
  }

  private append(update: Uint8Array, by: Attribution): void {
    this.last = this.log.append(this.id, this.last, update, by, Date.now());
    this.unsaved = { updates: this.unsaved.updates + 1, bytes: this.unsaved.bytes + update.length };
    this.events.onAppend?.(this, update.length);
  }

  // The record's id of `peer`'s connection, noted on its first write.
  private connectionOf(peer: Peer): number | null {
    const state = this.peers.get(peer)!;
    state.connection ??= this.log.openConnection(this.id, peer.userId, peer.address ?? null, Date.now());
    return state.connection;
  }

  private readonly onUpdate = (update: Uint8Array, origin: unknown): void => {
    // A peer's update was appended before it was applied; anything else is appended here, before
    // anyone is sent it. If that fails the change is in memory only, so nobody may see it.
    if (!this.peers.has(origin as Peer)) {
      try {
        this.append(update, origin instanceof ServerChange ? origin.by : { userId: null });
      } catch (error) {
        this.logger.error({ draft: this.id, err: error }, 'could not append a server change to the record');
        this.broken = true;
        this.closeAll(closeCodes.serverError, 'storage failure');
        throw error;
      }
    }
    const message = encodeUpdate(update);
    for (const peer of this.peers.keys()) if (peer !== origin) peer.send(message);
  };

  private readonly onAwareness = (
    { added, updated, removed }: { added: number[]; updated: number[]; removed: number[] },
    origin: unknown,
  ): void => {
    const controlled = this.peers.get(origin as Peer)?.controlled;
    if (controlled) {
      // A client id set by a peer is held by it from now on (taken over from the same user's older
      // connection, when one held it).
      for (const client of [...added, ...updated]) {
        const before = this.owners.get(client);
        if (before === origin) continue;
        if (before) this.peers.get(before)?.controlled.delete(client);
        this.owners.set(client, origin as Peer);
        controlled.add(client);
      }
    }
    for (const client of removed) {
      const owner = this.owners.get(client);
      this.owners.delete(client);
      if (owner) this.peers.get(owner)?.controlled.delete(client);
    }
    const message = encodeAwareness(this.awareness, [...added, ...updated, ...removed]);
    for (const peer of this.peers.keys()) peer.send(message);
  };
}
