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

/// Counts events per key in fixed one-minute windows.
export class RateWindow {
  private window = 0;
  private counts = new Map<string, number>();

  constructor(private readonly perMinute: number) {}

  /// Count one event for `key`; false when that makes more than the allowed number this minute.
  take(key: string, now = Date.now()): boolean {
    const n = this.count(key, now) + 1;
    this.counts.set(key, n);
    return n <= this.perMinute;
  }

  /// Whether `key` has used up this minute's allowance (without counting an event).
  exhausted(key: string, now = Date.now()): boolean {
    return this.count(key, now) >= this.perMinute;
  }

  /// Uncount one event of `key` counted by take() at `takenAt` (an attempt that turned out not to
  /// count). Does nothing once that minute is over.
  giveBack(key: string, takenAt: number, now = Date.now()): void {
    if (Math.floor(takenAt / 60_000) !== Math.floor(now / 60_000)) return;
    const n = this.count(key, now) - 1;
    if (n > 0) this.counts.set(key, n);
    else this.counts.delete(key);
  }

  /// Whole seconds (at least 1) until the current window ends and every key may try again.
  retryAfterSeconds(now = Date.now()): number {
    return Math.max(1, Math.ceil((60_000 - (now % 60_000)) / 1000));
  }

  private count(key: string, now: number): number {
    const window = Math.floor(now / 60_000);
    if (window !== this.window) {
      this.window = window;
      this.counts = new Map();
    }
    return this.counts.get(key) ?? 0;
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
