/// One loaded draft: its Y.Doc, its awareness, the connections editing or reading it, and the write
/// path. Every update a writer sends is validated, appended to the draft's record with its author and
/// connection, and only once the append is committed applied and broadcast; an update from a
/// read-only connection that would change anything is refused and the connection closed, and nothing
/// of it is applied. Changes the server makes (restore, accepted suggestions) go through change(),
/// with the attribution the caller gives.
///
/// Appends are asynchronous (the storage interface; on PostgreSQL a group commit), so a room handles
/// its sync messages one after the other in a queue: each update is appended and applied before the
/// next message is looked at, and a reply to a sync request is computed after the updates received
/// before it are applied. On SQLite an append completes at once and the queue never waits.
///
/// With several processes (Redis fan-out, DraftRooms), other processes append to the same record: a
/// room applies what they stored and announced (storedElsewhere) and sends it to its connections, and
/// keeps track of which entries it holds. The entries it holds without a hole are `head`; a hole (an
/// announcement that never came, or came late) is filled from the record by repair(), which is also
/// what runs after the fan-out reconnected.
import * as decoding from 'lib0/decoding';
import type { Logger } from 'pino';
import * as awarenessProtocol from 'y-protocols/awareness';
import * as syncProtocol from 'y-protocols/sync';
import * as Y from 'yjs';
import { canWrite } from '../auth/roles.ts';
import type { Role } from '../auth/roles.ts';
import type { RecordStore } from '../storage/interface.ts';
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

/// Where a room writes: the draft's record (RecordStore of the storage interface): `append` after the
/// stored head, `checkpoint`, and `openConnection` on a connection's first write.
export type RoomLog = Pick<RecordStore, 'append' | 'checkpoint' | 'openConnection'>;

/// Where a room reads entries other processes appended (to fill a hole, or to checkpoint from the
/// record when it is not in step).
export type RoomRecord = Pick<RecordStore, 'entries' | 'load'>;

/// Hooks a room calls; each is optional and must not throw.
export interface RoomEvents {
  /// An update was appended to the log (`bytes` long).
  readonly onAppend?: (room: SharedDraft, bytes: number) => void;
  /// Update `update` was stored as entry `head` (by this process), before any connection is sent it:
  /// the moment to tell other processes.
  readonly onStored?: (room: SharedDraft, head: RecordHead, update: Uint8Array) => void;
  /// A connection of this process changed presence (`update`, an awareness update): for other processes.
  readonly onPresence?: (room: SharedDraft, update: Uint8Array) => void;
  /// The room holds entries with a hole before them: repair() should run soon.
  readonly onHole?: (room: SharedDraft) => void;
  /// A read-only connection tried to change the text and was closed.
  readonly onRefused?: (room: SharedDraft, peer: Peer) => void;
}

/// The origin of a transaction made by change(): carries who the change is attributed to, and once
/// the change is queued for the record, the promise of its being stored and sent.
class ServerChange {
  saved: Promise<void> | null = null;
  constructor(readonly by: Attribution) {}
}

/// The origin of applying a peer's update that is already in the record: sent to everyone else.
class StoredUpdate {
  constructor(readonly peer: Peer) {}
}

/// The origin of applying an entry another process stored (announced, or read back by repair): sent
/// to every connection, never stored or announced again.
const fromElsewhere = Symbol('stored by another process');

// A peer's update waiting to be stored.
interface Incoming {
  readonly peer: Peer;
  readonly state: PeerState;
  readonly update: Uint8Array;
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
  // The entries held without a hole run through `known`; `ahead` are entries after a hole, held too.
  private known: RecordHead;
  private readonly ahead = new Map<number, RecordHead>();
  // The last entry this room appended.
  private appendedHead: RecordHead;
  private repairing: Promise<void> | null = null;
  private repairAgain = false;
  // Server changes applied to the document and not yet stored.
  private unrecorded = 0;
  private unsaved: { updates: number; bytes: number };
  private destroyed = false;
  private broken = false;
  // The sync messages and server changes waiting for the record, in order (see the module comment).
  private queue: Promise<void> = Promise.resolve();
  private queued = 0;
  // Peers' updates waiting for the queued receiveUpdates().
  private incoming: Incoming[] = [];
  // Server changes run one at a time (see exclusive()).
  private serverWork: Promise<void> = Promise.resolve();

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
    this.known = head;
    this.appendedHead = head;
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

  /// The head of the record the room's document holds everything up to, without a hole: the last
  /// entry it loaded, appended or received, except that entries after one another process appended
  /// and this one has not received yet count only once that hole is filled.
  get head(): RecordHead {
    return this.known;
  }

  /// The last entry this room appended (or the loaded head, before it appended any).
  get appended(): RecordHead {
    return this.appendedHead;
  }

  /// Whether the document holds exactly the entries through `head`, no more: no entry after a hole
  /// and nothing waiting to be stored.
  get inStep(): boolean {
    return this.ahead.size === 0 && this.unrecorded === 0;
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
    if (peer.closed || !this.peers.has(peer) || this.destroyed) return;
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
      case syncProtocol.messageYjsSyncStep1: {
        const vector = decoding.readVarUint8Array(decoder);
        // Answered at once when nothing waits for the record, else after what was received before.
        if (this.queued === 0) peer.send(encodeSyncStep2(this.doc, vector));
        else void this.enqueue(() => peer.send(encodeSyncStep2(this.doc, vector)));
        break;
      }
      case syncProtocol.messageYjsSyncStep2:
      case syncProtocol.messageYjsUpdate: {
        const update = decoding.readVarUint8Array(decoder);
        const state = this.peers.get(peer)!;
        // Updates arriving together (one read of a socket, or of several) are stored together: one
        // task takes every update received before it runs.
        this.incoming.push({ peer, state, update });
        if (this.incoming.length === 1) void this.enqueue(() => this.receiveUpdates());
        break;
      }
      default:
        peer.close(closeCodes.badMessage, `unknown sync message type ${type}`);
    }
  }

  // Run `task` after everything queued before it; never rejects the queue.
  private enqueue(task: () => void | Promise<void>): Promise<void> {
    this.queued++;
    const run = this.queue.then(task).finally(() => this.queued--);
    this.queue = run.catch(() => {});
    return run;
  }

  /// Resolves once every sync message received and every server change made before the call has been
  /// handled (appended and applied, or refused). Never rejects.
  settled(): Promise<void> {
    return this.queued === 0 ? Promise.resolve() : this.enqueue(() => {});
  }

  // The peers' updates received since the last run, in queue order: each validated against the
  // document as it is now, all appended at once (on SQLite in one transaction, on PostgreSQL in one
  // group commit), then each applied once stored. A peer closed meanwhile (refused, malformed) is not
  // heard any more; one that just left still is: it sent the update while connected.
  private async receiveUpdates(): Promise<void> {
    const received = this.incoming;
    this.incoming = [];
    const accepted: Incoming[] = [];
    for (const item of received) if (this.accepts(item)) accepted.push(item);
    if (accepted.length === 0) return;
    let stored: Array<PromiseSettledResult<RecordHead>>;
    try {
      for (const { peer, state } of accepted) {
        state.connection ??= await this.log.openConnection(
          this.id,
          peer.userId,
          peer.address ?? null,
          Date.now(),
        );
      }
      const now = Date.now();
      stored = await Promise.allSettled(
        accepted.map(({ peer, state, update }) =>
          this.log.append(this.id, update, { userId: peer.userId, connection: state.connection }, now),
        ),
      );
    } catch (error) {
      stored = accepted.map(() => ({ status: 'rejected', reason: error }) as const);
    }
    accepted.forEach(({ peer, update }, i) => {
      const result = stored[i];
      if (result.status === 'rejected') {
        this.logger.error({ draft: this.id, err: result.reason }, 'could not append an update to the record');
        peer.close(closeCodes.serverError, 'storage failure: the update was not saved');
        return;
      }
      this.noteAppended(result.value, update);
      if (this.destroyed) return; // stored; the next load applies it
      try {
        Y.applyUpdate(this.doc, update, new StoredUpdate(peer));
      } catch (error) {
        // What was integrated before the failure was broadcast by onUpdate; the stored update
        // replays the same way on load.
        this.logger.warn({ draft: this.id, err: error }, 'update failed to apply');
        peer.close(closeCodes.badMessage, 'update could not be applied');
      }
    });
  }

  // Whether a peer's update is to be stored: well formed, adding something, from a writer, holding
  // nothing a draft may not. Closes the peer when it is not allowed.
  private accepts({ peer, update }: Incoming): boolean {
    if (peer.closed || this.destroyed || this.broken) return false;
    let decoded: ReturnType<typeof decodeUpdate>;
    try {
      decoded = decodeUpdate(update); // throws on a malformed update: nothing is stored or applied
    } catch (error) {
      this.logger.debug({ draft: this.id, err: error }, 'malformed sync message');
      peer.close(closeCodes.badMessage, 'malformed message');
      return false;
    }
    if (!addsContent(this.doc, decoded)) return false;
    if (!canWrite(peer.role)) {
      peer.close(closeCodes.readOnly, `read-only: a ${peer.role} may not edit this draft`);
      this.events.onRefused?.(this, peer);
      return false;
    }
    const forbidden = findForbiddenInUpdate(decoded);
    if (forbidden) {
      peer.close(
        closeCodes.badMessage,
        `the update holds a ${forbidden.what}, which a draft may not contain`,
      );
      return false;
    }
    return true;
  }

  /// Change the document on the server's behalf, attributed to `by` (a restore, an accepted
  /// suggestion): `fn` runs at once, and what it does to the document in one transaction becomes one
  /// entry of the record, appended before it is broadcast to the connections, like a writer's update.
  /// Resolves to what `fn` returns once the entry is stored; a change that changes nothing appends
  /// nothing. Rejects with what `fn` throws (its partial changes are still recorded and sent, as Yjs
  /// cannot roll back) or storage throws (a storage failure leaves the room failed: DraftRooms
  /// unloads it).
  async change<T>(by: Attribution, fn: (doc: Y.Doc) => T): Promise<T> {
    if (this.destroyed || this.broken) throw new Error(`Draft ${this.id} was unloaded`);
    const origin = new ServerChange(by);
    let result: T;
    try {
      this.doc.transact(() => {
        result = fn(this.doc);
      }, origin);
    } catch (error) {
      await origin.saved?.catch(() => {});
      throw error;
    }
    await origin.saved;
    return result!;
  }

  /// Run `fn` when no other exclusive() work on this room runs, and resolve to what it returns: for
  /// server work that reads the document, changes it and then writes storage (accepting a
  /// suggestion), which must not interleave with another such work now that storing is asynchronous.
  exclusive<T>(fn: () => Promise<T>): Promise<T> {
    const run = this.serverWork.then(fn);
    this.serverWork = run.then(
      () => {},
      () => {},
    );
    return run;
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
  /// Rejects when storage fails (the old checkpoint then stays). When the room is in step (see
  /// inStep), or no `record` is given, the document is read at once: it holds the entries through the
  /// head, so typing goes on while the checkpoint is written. Otherwise (another process appended
  /// entries this room has not received yet) the checkpoint is built from `record` itself: one made
  /// from the room's document would claim entries it lacks, and every later load would drop them.
  async compact(record?: RoomRecord): Promise<void> {
    if (this.unsaved.updates === 0 || this.destroyed) return;
    const counted = this.unsaved;
    if (this.inStep || !record) {
      await this.log.checkpoint(this.id, Y.encodeStateAsUpdate(this.doc), this.known);
    } else {
      const stored = await record.load(this.id);
      const doc = loadDoc(this.id, stored, this.logger);
      try {
        await this.log.checkpoint(this.id, Y.encodeStateAsUpdate(doc), stored.head);
      } finally {
        doc.destroy();
      }
    }
    this.unsaved = {
      updates: this.unsaved.updates - counted.updates,
      bytes: this.unsaved.bytes - counted.bytes,
    };
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

  // Append `update` to the record (after the stored head), count it and announce it.
  private async append(update: Uint8Array, by: Attribution): Promise<void> {
    this.noteAppended(await this.log.append(this.id, update, by, Date.now()), update);
  }

  // Entry `head` (`update`) was stored by this room: count it and announce it.
  private noteAppended(head: RecordHead, update: Uint8Array): void {
    this.appendedHead = head;
    this.hold(head);
    this.unsaved = { updates: this.unsaved.updates + 1, bytes: this.unsaved.bytes + update.length };
    this.events.onStored?.(this, head, update);
    this.events.onAppend?.(this, update.length);
  }

  /// Apply entry `head` (`update`) that another process stored and announced, and send it to the
  /// connections. An entry the room holds already is ignored; one after a hole is applied and the
  /// hole reported (onHole). Never throws: an update that fails to apply is logged (it failed in the
  /// process that stored it too).
  storedElsewhere(head: RecordHead, update: Uint8Array): void {
    if (this.destroyed || this.broken) return;
    if (head.seq <= this.known.seq || this.ahead.has(head.seq)) return;
    this.applyElsewhere(update, head.seq);
    this.hold(head);
  }

  /// Apply presence `update` (an awareness update) from another process's connections and send it to
  /// the connections here. Never throws.
  presenceElsewhere(update: Uint8Array): void {
    if (this.destroyed) return;
    try {
      awarenessProtocol.applyAwarenessUpdate(this.awareness, update, fromElsewhere);
    } catch (error) {
      this.logger.warn({ draft: this.id, err: error }, 'malformed presence from another process');
    }
  }

  /// The presence of this process's connections as one awareness update, or undefined when they
  /// hold none (answering another process that just loaded the draft).
  localPresence(): Uint8Array | undefined {
    const clients = [...this.owners.keys()].filter((client) => this.awareness.getStates().has(client));
    if (clients.length === 0) return undefined;
    return awarenessProtocol.encodeAwarenessUpdate(this.awareness, clients);
  }

  /// Whether the room holds entries after a hole (repair() fills it).
  get hasHole(): boolean {
    return this.ahead.size > 0;
  }

  /// Read the entries after the head from `record` and apply those the room lacks (sending them to
  /// the connections): after a hole, after the fan-out reconnected, or to check nothing was missed.
  /// A call made while one runs runs once more after it. Rejects when storage fails (the room stays
  /// as it was; call again later).
  repair(record: RoomRecord): Promise<void> {
    if (this.repairing) {
      this.repairAgain = true;
      return this.repairing;
    }
    const run = async () => {
      do {
        this.repairAgain = false;
        if (this.destroyed || this.broken) return;
        const entries = await record.entries(this.id, this.known.seq);
        for (const entry of entries) {
          if (this.destroyed || this.broken) return;
          if (entry.seq <= this.known.seq) continue;
          if (!this.ahead.has(entry.seq)) this.applyElsewhere(entry.data, entry.seq);
          this.hold({ seq: entry.seq, at: entry.at, hash: entry.hash });
        }
      } while (this.repairAgain);
    };
    this.repairing = run().finally(() => (this.repairing = null));
    return this.repairing;
  }

  // Apply an entry stored by another process (never stored or announced again).
  private applyElsewhere(update: Uint8Array, seq: number): void {
    try {
      Y.applyUpdate(this.doc, update, fromElsewhere);
    } catch (error) {
      this.logger.warn({ draft: this.id, seq, err: error }, 'a stored update failed to apply');
    }
  }

  // Note that the document holds entry `head`, moving the head over every entry held without a hole.
  private hold(head: RecordHead): void {
    if (head.seq <= this.known.seq) return;
    if (head.seq !== this.known.seq + 1) {
      const hadHole = this.ahead.size > 0;
      this.ahead.set(head.seq, head);
      if (!hadHole) this.events.onHole?.(this);
      return;
    }
    this.known = head;
    let next: RecordHead | undefined;
    while ((next = this.ahead.get(this.known.seq + 1))) {
      this.ahead.delete(next.seq);
      this.known = next;
    }
  }

  private readonly onUpdate = (update: Uint8Array, origin: unknown): void => {
    // A peer's update was appended before it was applied: send it to the others.
    if (origin instanceof StoredUpdate) {
      const message = encodeUpdate(update);
      for (const peer of this.peers.keys()) if (peer !== origin.peer) peer.send(message);
      return;
    }
    // Another process stored it: send it to everyone here.
    if (origin === fromElsewhere) {
      const message = encodeUpdate(update);
      for (const peer of this.peers.keys()) peer.send(message);
      return;
    }
    // Anything else is appended here, in queue order, and sent once stored. If that fails the change
    // is in memory only, so nobody may see it: the room is failed and unloaded.
    this.unrecorded++;
    const saved = this.enqueue(async () => {
      try {
        await this.append(update, origin instanceof ServerChange ? origin.by : { userId: null });
      } catch (error) {
        this.logger.error({ draft: this.id, err: error }, 'could not append a server change to the record');
        this.broken = true;
        this.closeAll(closeCodes.serverError, 'storage failure');
        throw error;
      } finally {
        this.unrecorded--;
      }
      const message = encodeUpdate(update);
      for (const peer of this.peers.keys()) peer.send(message);
    });
    if (origin instanceof ServerChange) origin.saved = saved;
    else saved.catch(() => {});
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
    const changed = [...added, ...updated, ...removed];
    const message = encodeAwareness(this.awareness, changed);
    for (const peer of this.peers.keys()) peer.send(message);
    // What connections here changed goes to other processes; what came from one, or timed out here
    // (it times out there too), does not.
    if (origin !== fromElsewhere && origin !== 'timeout' && this.events.onPresence) {
      this.events.onPresence(this, awarenessProtocol.encodeAwarenessUpdate(this.awareness, changed));
    }
  };
}
