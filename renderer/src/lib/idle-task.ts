/// Work kept off the keystroke path: run a function once things have been quiet for a while (or at
/// the latest after `maxWait` of continuous changes), in an idle period of the main thread.

/// Options of IdleTask.
export interface IdleTaskOptions {
  /// Quiet time after the last `schedule()` before running, in ms. Defaults to 200.
  readonly delay?: number;
  /// Longest wait after the first `schedule()` of a burst, in ms. Defaults to 1500.
  readonly maxWait?: number;
  /// Longest wait for an idle period once due, in ms. Defaults to 300.
  readonly idleTimeout?: number;
}

/// A debounced task run in an idle period. Exceptions from the task are logged, not rethrown.
export class IdleTask {
  private timer: ReturnType<typeof setTimeout> | null = null;
  private idleHandle: number | null = null;
  private burstStart = 0;
  private lastCall = 0;
  private readonly delay: number;
  private readonly maxWait: number;
  private readonly idleTimeout: number;

  constructor(
    private readonly task: () => void,
    options: IdleTaskOptions = {},
  ) {
    this.delay = options.delay ?? 200;
    this.maxWait = options.maxWait ?? 1500;
    this.idleTimeout = options.idleTimeout ?? 300;
  }

  /// Ask for a run; repeated calls within `delay` fold into one. Called on every keystroke, so it
  /// only notes the time: one timer per burst checks, when it fires, whether the burst went quiet
  /// (re-arming a timer per call cost more than the work it put off, in the typing profile).
  schedule(): void {
    if (this.idleHandle !== null) return;
    this.lastCall = performance.now();
    if (this.timer !== null) return;
    this.burstStart = this.lastCall;
    this.timer = setTimeout(this.due, this.delay);
  }

  // The timer of a burst fired: run once quiet for `delay` or after `maxWait`, else wait the rest.
  private readonly due = (): void => {
    const now = performance.now();
    const wait = Math.min(this.delay - (now - this.lastCall), this.maxWait - (now - this.burstStart));
    if (wait > 0) this.timer = setTimeout(this.due, wait);
    else this.whenIdle();
  };

  /// Run now if a run is pending.
  flush(): void {
    if (this.timer === null && this.idleHandle === null) return;
    this.cancel();
    this.run();
  }

  /// Forget a pending run.
  cancel(): void {
    if (this.timer !== null) clearTimeout(this.timer);
    if (this.idleHandle !== null) cancelIdle(this.idleHandle);
    this.timer = null;
    this.idleHandle = null;
  }

  private whenIdle(): void {
    this.timer = null;
    this.idleHandle = requestIdle(() => {
      this.idleHandle = null;
      this.run();
    }, this.idleTimeout);
  }

  private run(): void {
    try {
      this.task();
    } catch (error) {
      console.error('lifa: background task failed', error);
    }
  }
}

function requestIdle(fn: () => void, timeout: number): number {
  if (typeof requestIdleCallback === 'function') return requestIdleCallback(fn, { timeout });
  return setTimeout(fn, 0) as unknown as number;
}

function cancelIdle(handle: number): void {
  if (typeof cancelIdleCallback === 'function') cancelIdleCallback(handle);
  else clearTimeout(handle);
}
