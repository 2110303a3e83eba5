/// Connection limits of the sync endpoint, and the small counters that enforce them.

/// Limits on sync connections. Each refusal closes the connection with a code and a reason.
export interface SyncLimits {
  /// Largest frame accepted, in bytes. Defaults to 8 MiB.
  readonly maxMessageSize: number;
  /// Open connections per draft. A writer is let into a full draft when a reader can make way.
  /// Defaults to 200.
  readonly maxConnectionsPerDraft: number;
  /// Open connections per user, over all their sessions and drafts. Defaults to 50.
  readonly maxConnectionsPerUser: number;
  /// New connections per client address per minute. Defaults to 300.
  readonly newConnectionsPerMinute: number;
  /// Unsent bytes after which a connection that does not read is closed. Defaults to 32 MiB.
  readonly maxBufferedBytes: number;
  /// Milliseconds after which a read-only connection that sent nothing (not even presence, which a
  /// live client renews every 15 s) is closed. Checked at every ping. Defaults to 5 minutes.
  readonly readerIdleTimeout: number;
  /// Requests for the draft's state (sync step 1, or "who is here?") a connection may send at once;
  /// each answer can be the whole draft. Beyond them, one more per syncRequestInterval, else the
  /// connection is closed. Defaults to 20.
  readonly syncRequestBurst: number;
  /// Defaults to 1,000 ms.
  readonly syncRequestInterval: number;
  /// Presence states one connection may hold. Defaults to 4.
  readonly maxPresenceStates: number;
  /// Largest presence state, in bytes. Defaults to 4 KiB.
  readonly maxPresenceBytes: number;
}

/// The default limits.
export const defaultSyncLimits: SyncLimits = {
  maxMessageSize: 8 * 1024 * 1024,
  maxConnectionsPerDraft: 200,
  maxConnectionsPerUser: 50,
  newConnectionsPerMinute: 300,
  maxBufferedBytes: 32 * 1024 * 1024,
  readerIdleTimeout: 5 * 60 * 1000,
  syncRequestBurst: 20,
  syncRequestInterval: 1000,
  maxPresenceStates: 4,
  maxPresenceBytes: 4096,
};

/// A token bucket for one connection: `burst` at once, then one more every `interval` ms.
export class RequestBudget {
  private tokens: number;
  private at: number;

  constructor(
    private readonly burst: number,
    private readonly interval: number,
    now = Date.now(),
  ) {
    this.tokens = burst;
    this.at = now;
  }

  /// Spend one request; false when none is left.
  take(now = Date.now()): boolean {
    this.tokens = Math.min(this.burst, this.tokens + (now - this.at) / this.interval);
    this.at = now;
    if (this.tokens < 1) return false;
    this.tokens -= 1;
    return true;
  }
}

/// Counts events per key over the last minute (a sliding window: the times of the events still in
/// it, at most the allowance per key), so a burst never gets twice the allowance by straddling the
/// turn of a clock minute.
export class RateWindow {
  private readonly events = new Map<string, number[]>();
  private lastSweep = 0;

  constructor(private readonly perMinute: number) {}

  /// Count one event for `key` at `now`; false (and nothing counted) when the key has used up its
  /// allowance for the last minute.
  take(key: string, now = Date.now()): boolean {
    const times = this.recent(key, now);
    if (times.length >= this.perMinute) return false;
    times.push(now);
    this.events.set(key, times);
    return true;
  }

  /// Whether `key` has used up its allowance for the last minute (without counting an event).
  exhausted(key: string, now = Date.now()): boolean {
    return this.recent(key, now).length >= this.perMinute;
  }

  /// Uncount the event of `key` counted by take() at `takenAt` (an attempt that turned out not to
  /// count). Does nothing once it has left the window.
  giveBack(key: string, takenAt: number, now = Date.now()): void {
    const times = this.recent(key, now);
    const at = times.lastIndexOf(takenAt);
    if (at >= 0) times.splice(at, 1);
    if (times.length === 0) this.events.delete(key);
  }

  /// Whole seconds (at least 1) until `key` may count an event again.
  retryAfterSeconds(key: string, now = Date.now()): number {
    const times = this.recent(key, now);
    const oldest = times.length >= this.perMinute ? times[times.length - this.perMinute] : now - 60_000;
    return Math.max(1, Math.ceil((oldest + 60_000 - now) / 1000));
  }

  // The times of `key`'s events within the minute before `now`, oldest first (a live array).
  private recent(key: string, now: number): number[] {
    this.sweep(now);
    const times = this.events.get(key);
    if (!times) return [];
    let expired = 0;
    while (expired < times.length && times[expired] <= now - 60_000) expired++;
    if (expired > 0) times.splice(0, expired);
    return times;
  }

  // Forget keys with no event in the last minute, once a minute, so the map holds only active keys.
  private sweep(now: number): void {
    if (now - this.lastSweep < 60_000) return;
    this.lastSweep = now;
    for (const [key, times] of this.events) {
      if (times.length === 0 || times[times.length - 1] <= now - 60_000) this.events.delete(key);
    }
  }
}

/// Counts open things per key.
export class Counter {
  private readonly counts = new Map<string, number>();

  /// The count for `key`.
  get(key: string): number {
    return this.counts.get(key) ?? 0;
  }

  /// Add one for `key`.
  add(key: string): void {
    this.counts.set(key, this.get(key) + 1);
  }

  /// Remove one for `key` (never below zero).
  remove(key: string): void {
    const n = this.get(key) - 1;
    if (n > 0) this.counts.set(key, n);
    else this.counts.delete(key);
  }
}
