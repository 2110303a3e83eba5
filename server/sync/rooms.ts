/// The loaded drafts. A draft is loaded from storage once, by one keyed promise, before any
/// connection sees it, so two connections racing can never be served an empty document in place of
/// the stored one. A draft nobody holds is checkpointed and unloaded after an idle timeout; a draft
/// whose record grows past its checkpoint gets a new checkpoint in the background (entries are kept).
/// edit() is the one way server code changes a draft's text (see it).
///
/// With several processes (a RoomFanout, the Redis fan-out), a loaded draft's channel is subscribed
/// for as long as it is loaded: what a room stores is announced after it is committed, what other
/// processes announce is applied (receive), and a room with a hole in the entries it holds, or every
/// room after the fan-out reconnected (repairAll), reads what it lacks from the record. A slow check
/// of every room with connections against the record catches an announcement lost without a
/// reconnect. Delivery is at most once; the record is the one durable copy.
import type { Logger } from 'pino';
import type * as Y from 'yjs';
import type { Role } from '../auth/roles.ts';
import type { Attribution } from '../storage/record-chain.ts';
import type { Storage } from '../storage/interface.ts';
import type { FanoutMessage } from './fanout.ts';
import { defaultPresenceLimits } from './presence.ts';
import type { PresenceLimits } from './presence.ts';
import { SharedDraft } from './room.ts';
import type { RoomEvents } from './room.ts';

/// Options of DraftRooms.
export interface RoomOptions {
  /// How long a draft with no connection and no other holder stays loaded. Defaults to 30 seconds.
  readonly idleTimeout?: number;
  /// Write a new checkpoint of a loaded draft once this many entries follow its last one. Defaults to 1,000.
  readonly compactAfterUpdates?: number;
  /// … or entries of this many bytes. Defaults to 4 MiB.
  readonly compactAfterBytes?: number;
  /// How long to wait after the threshold is crossed before checkpointing, so a burst of typing is not
  /// interrupted. Defaults to 2 seconds.
  readonly compactDelay?: number;
  /// Limits on presence states per connection. Defaults to defaultPresenceLimits.
  readonly presence?: PresenceLimits;
  /// The other processes serving the same database (RedisFanout); none when this is the only one.
  readonly fanout?: RoomFanout;
  /// How long a room waits for a missing announcement before reading it from the record, in ms
  /// (announcements of two processes may arrive out of order). Defaults to 100.
  readonly holeDelay?: number;
  /// How often each room with connections is checked against the record for entries it missed, in
  /// ms (only with a fan-out). Defaults to 5 seconds.
  readonly repairInterval?: number;
}

/// What DraftRooms needs of the fan-out between processes (RedisFanout).
export interface RoomFanout {
  /// Receive the messages of `draftId`; counted, one unsubscribe per subscribe.
  subscribe(draftId: string): Promise<void>;
  unsubscribe(draftId: string): Promise<void>;
  /// Tell the other processes; never rejects.
  publish(message: FanoutMessage): Promise<void>;
}

interface Entry {
  refs: number;
  readonly promise: Promise<SharedDraft>;
  room: SharedDraft | null;
  idle: NodeJS.Timeout | null;
  compaction: NodeJS.Timeout | null;
  // Fan-out messages that came while the draft loaded, applied once it is.
  early: FanoutMessage[] | null;
  repair: NodeJS.Timeout | null;
}

// Messages kept while a draft loads; beyond them the repair after loading reads the record.
const maxEarly = 10_000;

/// The registry of loaded drafts over one storage (the storage interface: SQLite or PostgreSQL).
/// Checkpoints are written under the lock `compact:ID`, by one process at a time.
export class DraftRooms {
  private readonly entries = new Map<string, Entry>();
  private readonly idleTimeout: number;
  private readonly compactAfterUpdates: number;
  private readonly compactAfterBytes: number;
  private readonly compactDelay: number;
  private readonly events: RoomEvents;
  private readonly presenceLimits: PresenceLimits;
  private readonly fanout: RoomFanout | undefined;
  private readonly holeDelay: number;
  private readonly check: NodeJS.Timeout | null = null;
  private closing = false;
  // Checkpoints are written one at a time: on PostgreSQL each holds a pooled connection for its lock
  // and needs another to write, so many at once (closing with many drafts) would exhaust the pool.
  private checkpoints: Promise<unknown> = Promise.resolve();

  constructor(
    private readonly storage: Storage,
    private readonly logger: Logger,
    options: RoomOptions = {},
    events: RoomEvents = {},
  ) {
    this.idleTimeout = options.idleTimeout ?? 30_000;
    this.compactAfterUpdates = options.compactAfterUpdates ?? 1000;
    this.compactAfterBytes = options.compactAfterBytes ?? 4 * 1024 * 1024;
    this.compactDelay = options.compactDelay ?? 2000;
    this.presenceLimits = options.presence ?? defaultPresenceLimits;
    this.fanout = options.fanout;
    this.holeDelay = options.holeDelay ?? 100;
    const fanout = this.fanout;
    this.events = {
      onRefused: events.onRefused,
      onAppend: (room, bytes) => {
        events.onAppend?.(room, bytes);
        this.maybeScheduleCompaction(room);
      },
      ...(fanout && {
        onStored: (room, head, update) =>
          void fanout.publish({ kind: 'update', draftId: room.id, head, update }),
        onPresence: (room, update) => void fanout.publish({ kind: 'awareness', draftId: room.id, update }),
        onHole: (room) => this.scheduleRepair(room, this.holeDelay),
      }),
    };
    if (fanout) {
      this.check = setInterval(() => {
        for (const entry of this.entries.values()) {
          if (entry.room && entry.room.size > 0) this.scheduleRepair(entry.room, 0);
        }
      }, options.repairInterval ?? 5000);
      this.check.unref();
    }
  }

  /// A message another process published about a draft: a stored update or presence is applied to
  /// the draft's room when it is loaded here (kept until it is, while it loads); a presence query is
  /// answered with the presence of this process's connections. Other messages are ignored.
  receive(message: FanoutMessage): void {
    const entry = this.entries.get(message.draftId);
    if (!entry) return;
    const room = entry.room;
    if (!room) {
      if (entry.early && entry.early.length < maxEarly) entry.early.push(message);
      return;
    }
    switch (message.kind) {
      case 'update':
        room.storedElsewhere(message.head, message.update);
        break;
      case 'awareness':
        room.presenceElsewhere(message.update);
        break;
      case 'query': {
        const presence = room.localPresence();
        if (presence) void this.fanout?.publish({ kind: 'awareness', draftId: room.id, update: presence });
        break;
      }
    }
  }

  /// Check every loaded draft against the record and apply what it lacks: after the fan-out lost
  /// messages (it reconnected).
  repairAll(): void {
    for (const entry of this.entries.values()) if (entry.room) this.scheduleRepair(entry.room, 0);
  }

  /// Hold draft `id`, loading it when needed, and resolve to its room once loaded. Every resolved call
  /// must be matched by one release(room). Rejects when the draft cannot be loaded (there is then
  /// nothing to release), or when the registry is closing. Does not check that the draft exists: callers do.
  acquire(id: string): Promise<SharedDraft> {
    if (this.closing) return Promise.reject(new Error('The server is shutting down'));
    let entry = this.entries.get(id);
    if (entry?.room?.failed) {
      this.evict(id, entry);
      entry = undefined;
    }
    if (!entry) {
      // Subscribed before the record is read, so what is stored meanwhile is heard (or, when the
      // subscription is slow, read back by the repair once both are done).
      const subscribed = this.fanout?.subscribe(id).then(
        () => true,
        (error: unknown) => {
          this.logger.warn({ draft: id, err: error }, 'could not subscribe to the fan-out');
          return false;
        },
      );
      const created: Entry = {
        refs: 0,
        room: null,
        idle: null,
        compaction: null,
        early: subscribed ? [] : null,
        repair: null,
        promise: Promise.resolve().then(async () => {
          const room = SharedDraft.load(
            id,
            await this.storage.record.load(id),
            this.storage.record,
            this.logger,
            this.events,
            this.presenceLimits,
          );
          created.room = room;
          for (const message of created.early?.splice(0) ?? []) this.receive(message);
          created.early = null;
          void subscribed?.then(() => {
            if (created.room !== room || room.failed) return;
            this.scheduleRepair(room, 0);
            void this.fanout?.publish({ kind: 'query', draftId: id });
          });
          this.maybeScheduleCompaction(room);
          return room;
        }),
      };
      created.promise.catch((error: unknown) => {
        this.logger.error({ draft: id, err: error }, 'draft could not be loaded');
        if (this.entries.get(id) === created) this.entries.delete(id);
        if (created.idle) clearTimeout(created.idle);
        if (this.fanout) void this.fanout.unsubscribe(id).catch(() => {});
      });
      this.entries.set(id, created);
      entry = created;
    }
    entry.refs++;
    if (entry.idle) {
      clearTimeout(entry.idle);
      entry.idle = null;
    }
    return entry.promise;
  }

  /// Drop one hold on `room`; the last release starts the idle timer. Does nothing for a room that
  /// was already unloaded.
  release(room: SharedDraft): void {
    const id = room.id;
    const entry = this.entries.get(id);
    if (!entry || entry.room !== room || entry.refs === 0) return;
    entry.refs--;
    if (entry.refs === 0 && !this.closing) {
      entry.idle = setTimeout(() => this.unloadIfIdle(id, entry), this.idleTimeout);
      entry.idle.unref();
    }
  }

  /// Run `fn` on the room of draft `id` (loading it if needed) and release it afterwards.
  async use<T>(id: string, fn: (room: SharedDraft) => T | Promise<T>): Promise<T> {
    const room = await this.acquire(id);
    try {
      return await fn(room);
    } finally {
      this.release(room);
    }
  }

  /// Change the live text of draft `id` on behalf of `by`, loading the draft if needed: `fn` gets the
  /// draft's Y.Doc and whatever it does in one transaction becomes one entry of the record attributed
  /// to `by` (for an accepted suggestion `{userId: accepter, suggestedBy: suggester, kind:
  /// 'suggestion'}`), committed before any connection is sent it. Resolves to what `fn` returns.
  /// Rejects with what `fn` throws (its partial changes are still recorded and sent, as Yjs cannot
  /// roll back), with DraftLoadError when the draft cannot be loaded, and with the storage error when
  /// the entry cannot be written (the draft is then unloaded). The caller checks that the draft
  /// exists and that the user may write to it.
  edit<T>(id: string, by: Attribution, fn: (doc: Y.Doc) => T): Promise<T> {
    return this.use(id, (room) => room.change(by, fn));
  }

  /// The room of draft `id` when it is loaded, else undefined.
  loaded(id: string): SharedDraft | undefined {
    return this.entries.get(id)?.room ?? undefined;
  }

  /// Apply a role change of `userId` on draft `id` to its open connections (undefined: role removed).
  setRole(id: string, userId: number, role: Role | undefined): void {
    this.loaded(id)?.setRole(userId, role);
  }

  /// Close every connection to draft `id` (for example when it is deleted).
  closeConnections(id: string, code: number, reason: string): void {
    this.loaded(id)?.closeAll(code, reason);
  }

  /// Compact draft `id` now if it is loaded and has a log. Rejects when storage fails.
  async compactNow(id: string): Promise<void> {
    const room = this.loaded(id);
    if (room) await this.compact(room);
  }

  /// Close every connection with `code`/`reason`, compact and unload every draft. Later acquire()
  /// calls reject. Waits for drafts still loading.
  async close(code: number, reason: string): Promise<void> {
    this.closing = true;
    if (this.check) clearInterval(this.check);
    const pending = [...this.entries.entries()];
    // What connections sent before the close reaches the record first: a closed peer is not heard.
    await Promise.all(pending.map(([, entry]) => entry.room?.settled()));
    for (const [, entry] of pending) entry.room?.closeAll(code, reason);
    await Promise.allSettled(pending.map(([, entry]) => entry.promise));
    await Promise.all(pending.map(([id, entry]) => this.evict(id, entry)));
  }

  private unloadIfIdle(id: string, entry: Entry): void {
    if (this.entries.get(id) !== entry || entry.refs > 0) return;
    void this.evict(id, entry);
  }

  // Unload: let the messages already received reach the record, close the connections, checkpoint,
  // release the document. Never rejects.
  private async evict(id: string, entry: Entry): Promise<void> {
    if (entry.idle) clearTimeout(entry.idle);
    if (entry.compaction) clearTimeout(entry.compaction);
    if (entry.repair) clearTimeout(entry.repair);
    entry.idle = entry.compaction = entry.repair = null;
    if (this.entries.get(id) === entry) this.entries.delete(id);
    const room = entry.room;
    if (!room) return;
    if (this.fanout) void this.fanout.unsubscribe(id).catch(() => {});
    await room.settled();
    room.closeAll(1001, 'draft unloaded');
    await room.settled();
    if (!room.failed) {
      try {
        await this.compact(room);
      } catch (error) {
        this.logger.error({ draft: id, err: error }, 'checkpoint on unload failed; the old one is kept');
      }
    }
    room.destroy();
  }

  // Checkpoint `room`, unless another holder (another process) is checkpointing the draft now.
  private async compact(room: SharedDraft): Promise<void> {
    const run = this.checkpoints.then(() =>
      this.storage.tryLock(`compact:${room.id}`, () => room.compact(this.storage.record)),
    );
    this.checkpoints = run.catch(() => {});
    await run;
  }

  // Repair `room` from the record in `delay` ms (unless one is scheduled already); a repair that
  // fails (storage down) is tried again a second later.
  private scheduleRepair(room: SharedDraft, delay: number): void {
    const entry = this.entries.get(room.id);
    if (!entry || entry.room !== room || entry.repair || this.closing) return;
    entry.repair = setTimeout(() => {
      room.repair(this.storage.record).then(
        () => {
          entry.repair = null;
          if (room.hasHole) this.scheduleRepair(room, this.holeDelay);
        },
        (error: unknown) => {
          entry.repair = null;
          this.logger.warn({ draft: room.id, err: error }, 'could not read missed entries; will retry');
          this.scheduleRepair(room, 1000);
        },
      );
    }, delay);
    entry.repair.unref();
  }

  private maybeScheduleCompaction(room: SharedDraft): void {
    const entry = this.entries.get(room.id);
    if (!entry || entry.compaction || this.closing) return;
    const { updates, bytes } = room.pending;
    if (updates < this.compactAfterUpdates && bytes < this.compactAfterBytes) return;
    entry.compaction = setTimeout(() => {
      if (entry.room !== room || room.failed) {
        entry.compaction = null;
        return;
      }
      const started = performance.now();
      // The timer stays set while the checkpoint is written, so appends meanwhile schedule no other.
      this.compact(room)
        .then(
          () => this.logger.debug({ draft: room.id, ms: performance.now() - started }, 'compacted'),
          (error: unknown) =>
            this.logger.error({ draft: room.id, err: error }, 'background compaction failed; will retry'),
        )
        .finally(() => {
          entry.compaction = null;
        });
    }, this.compactDelay);
    entry.compaction.unref();
  }
}
