/// WAL checkpoints off the event loop. A checkpoint copies the write-ahead log into the database
/// file and syncs it to disk; on a busy disk that sync can take hundreds of milliseconds, and SQLite
/// runs it inside whichever commit crosses the threshold — on the server that would be one keystroke
/// of one editor, with every connection waiting. So the server turns automatic checkpoints off and a
/// worker thread with its own connection checkpoints (PASSIVE: never blocks the writer) every second.
/// A worker is a JavaScript engine of its own (about 10 MiB), so it runs only while the database is
/// being written: the main thread looks at the log's modification time every second, starts the
/// worker when it changes, and lets it go after `idleAfter` without a write (its last checkpoint has
/// then copied everything).
import { statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';

// Plain CommonJS run with eval, so it needs no TypeScript loader in the worker.
const workerSource = `
const { parentPort, workerData } = require('node:worker_threads');
const Database = require(workerData.driver);
const db = new Database(workerData.file);
db.pragma('busy_timeout = 5000');
const timer = setInterval(() => {
  try {
    db.pragma('wal_checkpoint(PASSIVE)');
  } catch (error) {
    parentPort.postMessage({ error: String(error && error.message || error) });
  }
}, workerData.interval);
parentPort.on('message', (message) => {
  if (message !== 'stop') return;
  clearInterval(timer);
  db.close();
  parentPort.close();
});
`;

/// A worker thread checkpointing the WAL of one database file while it is written.
export class Checkpointer {
  private worker: Worker | null = null;
  private readonly timer: NodeJS.Timeout;
  private readonly driver = createRequire(import.meta.url).resolve('better-sqlite3');
  private logTime = -1;
  private lastWrite = 0;
  private stopped = false;
  // Resolves when the last worker released has ended.
  private ended: Promise<void> = Promise.resolve();

  /// Checkpoint `file` every `interval` ms (defaults to 1 s) while it is written, and for `idleAfter`
  /// ms after its last write (defaults to 15 s). `onError` hears of a failed checkpoint or a dead
  /// worker (the caller should then turn automatic checkpoints back on).
  constructor(
    private readonly file: string,
    private readonly onError: (message: string) => void,
    private readonly interval = 1000,
    private readonly idleAfter = 15_000,
  ) {
    this.timer = setInterval(() => this.look(), interval);
    this.timer.unref();
    this.look();
  }

  /// Whether the worker runs now.
  get running(): boolean {
    return this.worker !== null;
  }

  /// Stop checkpointing: the worker closes its connection and ends. Resolves once it has (at once
  /// when none runs), so nothing touches the database's files afterwards; calling it twice does
  /// nothing more.
  stop(): Promise<void> {
    if (!this.stopped) {
      this.stopped = true;
      clearInterval(this.timer);
      this.release();
    }
    return this.ended;
  }

  private look(): void {
    const time = statSync(`${this.file}-wal`, { throwIfNoEntry: false })?.mtimeMs ?? 0;
    if (time !== this.logTime) {
      this.logTime = time;
      this.lastWrite = Date.now();
      this.start();
    } else if (this.worker && Date.now() - this.lastWrite > this.idleAfter) this.release();
  }

  private start(): void {
    if (this.worker || this.stopped) return;
    const worker = new Worker(workerSource, {
      eval: true,
      workerData: { file: this.file, driver: this.driver, interval: this.interval },
    });
    this.worker = worker;
    worker.unref();
    worker.on('message', (message: { error?: string }) => {
      if (message.error) this.onError(message.error);
    });
    worker.on('error', (error) => this.onError(error.message));
    worker.on('exit', (code) => {
      if (this.worker === worker) this.worker = null;
      if (code !== 0) this.onError(`checkpoint worker exited with ${code}`);
    });
  }

  private release(): void {
    const worker = this.worker;
    if (!worker) return;
    this.worker = null;
    this.ended = new Promise((resolve) => worker.once('exit', () => resolve()));
    // Held (not unref'd) until it ends: whoever awaits `ended` must see it, even when nothing else
    // keeps the process running (a CLI shutting down would otherwise exit with its await unsettled).
    worker.ref();
    worker.postMessage('stop');
  }
}
