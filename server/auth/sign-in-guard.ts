/// What stands between a sign-in request and a password check. A guess is counted before its password
/// is checked — per client address and per username, over the last minute — and given back when the
/// password was right, so a burst of concurrent guesses can never have more checked than the limit
/// allows. Password checks (scrypt: a thread and 128 MiB each) run a few at a time from a short queue;
/// beyond it a sign-in is refused at once, so a flood cannot take every thread of libuv's pool from
/// static files, database checkpoints and the rest of the server.
import { RateWindow } from '../sync/limits.ts';

/// Limits of sign-in. Every field has a default.
export interface SignInLimits {
  /// Failed sign-ins allowed per client address per minute. Defaults to 20.
  readonly failuresPerAddress?: number;
  /// Failed sign-ins allowed per username per minute, from all addresses. Defaults to 20.
  readonly failuresPerUsername?: number;
  /// Password checks run at once. Defaults to 2.
  readonly concurrentChecks?: number;
  /// Password checks waiting for their turn; a sign-in beyond them is refused. Defaults to 16.
  readonly queuedChecks?: number;
}

/// Why a sign-in was refused before its password was checked, and when to try again.
export interface SignInRefusal {
  readonly ok: false;
  readonly reason: string;
  readonly retryAfterSeconds: number;
}

/// An admitted sign-in: `succeeded` gives its counted guess back (`now` defaults to the clock).
export interface SignInTicket {
  readonly ok: true;
  succeeded(now?: number): void;
}

/// Thrown by SignInGuard.check when the queue of password checks is full.
export class SignInBusyError extends Error {
  constructor(readonly retryAfterSeconds: number) {
    super('the server is busy with other sign-ins; retry in a moment');
    this.name = 'SignInBusyError';
  }
}

/// Counts, reserves and queues sign-ins. In memory, per server process.
export class SignInGuard {
  private readonly perAddress: RateWindow;
  private readonly perUsername: RateWindow;
  private readonly concurrent: number;
  private readonly queued: number;
  private running = 0;
  private readonly waiting: Array<() => void> = [];

  /// Throws RangeError when a limit is not a positive integer (queuedChecks may be 0).
  constructor(limits: SignInLimits = {}) {
    const positive = (value: number, name: string, min = 1) => {
      if (!Number.isInteger(value) || value < min)
        throw new RangeError(`Invalid sign-in limit ${name}: ${value}`);
      return value;
    };
    this.perAddress = new RateWindow(positive(limits.failuresPerAddress ?? 20, 'failuresPerAddress'));
    this.perUsername = new RateWindow(positive(limits.failuresPerUsername ?? 20, 'failuresPerUsername'));
    this.concurrent = positive(limits.concurrentChecks ?? 2, 'concurrentChecks');
    this.queued = positive(limits.queuedChecks ?? 16, 'queuedChecks', 0);
  }

  /// Count a guess at `username` from `address` before its password is checked. Refused when either
  /// has used up its failures of the last minute; otherwise the guess stays counted unless `succeeded()` is called.
  admit(address: string, username: string, now = Date.now()): SignInTicket | SignInRefusal {
    if (this.perAddress.exhausted(address, now)) {
      const retryAfterSeconds = this.perAddress.retryAfterSeconds(address, now);
      return {
        ok: false,
        reason: `too many failed sign-ins from your address; retry in ${retryAfterSeconds} seconds`,
        retryAfterSeconds,
      };
    }
    if (this.perUsername.exhausted(username, now)) {
      const retryAfterSeconds = this.perUsername.retryAfterSeconds(username, now);
      return {
        ok: false,
        reason: `too many failed sign-ins for this username; retry in ${retryAfterSeconds} seconds`,
        retryAfterSeconds,
      };
    }
    this.perAddress.take(address, now);
    this.perUsername.take(username, now);
    let given = false;
    return {
      ok: true,
      succeeded: (at = Date.now()) => {
        if (given) return;
        given = true;
        this.perAddress.giveBack(address, now, at);
        this.perUsername.giveBack(username, now, at);
      },
    };
  }

  /// Run `check` (a password check) when one of the concurrent slots is free. Rejects with
  /// SignInBusyError at once when the queue is full; otherwise with what `check` rejects with.
  async check<T>(check: () => Promise<T>): Promise<T> {
    if (this.running >= this.concurrent) {
      if (this.waiting.length >= this.queued) throw new SignInBusyError(1);
      await new Promise<void>((resolve) => this.waiting.push(resolve));
    } else {
      this.running++;
    }
    try {
      return await check();
    } finally {
      // Hand the slot straight to the next in line, or free it.
      const next = this.waiting.shift();
      if (next) next();
      else this.running--;
    }
  }
}
