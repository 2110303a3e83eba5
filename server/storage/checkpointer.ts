/// WAL checkpoints off the event loop. A checkpoint copies the write-ahead log into the database
/// file and syncs it to disk; on a busy disk that sync can take hundreds of milliseconds, and SQLite
/// runs it inside whichever commit crosses the threshold — on the server that would be one keystroke
/// of one editor, with every connection waiting. So the server turns automatic checkpoints off and a
/// worker thread with its own connection checkpoints (PASSIVE: never blocks the writer) every second.
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

/// A worker thread checkpointing the WAL of one database file.
export class Checkpointer {
  private readonly worker: Worker;
  private stopped = false;

  /// Start checkpointing `file` every `interval` ms (defaults to 1 s). `onError` hears of a failed
  /// checkpoint or a dead worker (the caller should then turn automatic checkpoints back on).
  constructor(file: string, onError: (message: string) => void, interval = 1000) {
    const driver = createRequire(import.meta.url).resolve('better-sqlite3');
    this.worker = new Worker(workerSource, { eval: true, workerData: { file, driver, interval } });
    this.worker.unref();
    this.worker.on('message', (message: { error?: string }) => {
      if (message.error) onError(message.error);
    });
    this.worker.on('error', (error) => onError(error.message));
    this.worker.on('exit', (code) => {
      if (!this.stopped && code !== 0) onError(`checkpoint worker exited with ${code}`);
    });
  }

  /// Ask the worker to close its connection and end. Returns at once; calling it twice does nothing.
  stop(): void {
    if (this.stopped) return;
    this.stopped = true;
    this.worker.postMessage('stop');
  }
}
