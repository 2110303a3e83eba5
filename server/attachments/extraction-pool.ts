/// Text extraction off the request path: child processes, each with a memory limit (its V8 heap:
/// a file that makes it grow past the limit ends that process, not the server — a worker thread
/// would not do, as a heap exhausted in one large allocation aborts the whole process) and a time
/// limit per file (past it the process is killed). A dead process is replaced for the next file.
/// Files wait in a queue; the pool never reads more than `workers` at once.
import { fork } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { createRequire } from 'node:module';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { AttachmentType } from '../../core/index.ts';
import { defaultExtractionLimits } from './extract/unreadable.ts';
import type { ExtractionLimits } from './extract/unreadable.ts';
import type { Extracted } from './extract/index.ts';

/// Options of the pool. Every field has a default.
export interface ExtractionPoolOptions {
  /// Reader processes. Defaults to 1 (extraction must not starve the server of its cores).
  readonly workers?: number;
  /// Milliseconds one file may take. Defaults to 30,000.
  readonly timeout?: number;
  /// Megabytes of heap a reader process may use. Defaults to 512.
  readonly maxMemoryMb?: number;
  /// Limits kept inside the worker (sizes, depth, pages). Defaults: defaultExtractionLimits.
  readonly limits?: Partial<ExtractionLimits>;
}

interface Job {
  readonly id: number;
  readonly bytes: Uint8Array;
  readonly type: AttachmentType;
  readonly resolve: (result: Extracted) => void;
}

// The reader is TypeScript in a checkout (run through tsx's loader) and plain JavaScript next to the
// bundled main process of the desktop app.
const here = import.meta.url;
const fromSource = here.endsWith('.ts');
const workerFile = fileURLToPath(new URL(fromSource ? './extract-worker.ts' : './extract-worker.js', here));

class Slot {
  worker: ChildProcess | null = null;
  job: Job | null = null;
  timer: NodeJS.Timeout | null = null;
  ready: Promise<void> | null = null;
}

/// A pool of extraction workers.
export class ExtractionPool {
  private readonly slots: Slot[];
  private readonly queue: Job[] = [];
  private readonly timeout: number;
  private readonly maxMemoryMb: number;
  private readonly limits: ExtractionLimits;
  private nextId = 1;
  private closed = false;

  constructor(options: ExtractionPoolOptions = {}) {
    const workers = options.workers ?? 1;
    if (!Number.isInteger(workers) || workers < 1 || workers > 16)
      throw new RangeError(`Extraction workers must be 1…16, not ${workers}`);
    this.slots = Array.from({ length: workers }, () => new Slot());
    this.timeout = options.timeout ?? 30_000;
    this.maxMemoryMb = options.maxMemoryMb ?? 512;
    this.limits = { ...defaultExtractionLimits, ...options.limits };
  }

  /// Extract the text of `bytes`, a file of `type`. Never rejects: a file that could not be read in
  /// time or memory resolves to `{ok: false, reason}`. After close() it resolves to a refusal too.
  extract(bytes: Uint8Array, type: AttachmentType): Promise<Extracted> {
    if (this.closed) return Promise.resolve({ ok: false, reason: 'the server is shutting down' });
    return new Promise((resolve) => {
      this.queue.push({ id: this.nextId++, bytes, type, resolve });
      this.pump();
    });
  }

  /// Files waiting or being read.
  get busy(): number {
    return this.queue.length + this.slots.filter((s) => s.job).length;
  }

  /// End every worker; files waiting resolve as refused.
  async close(): Promise<void> {
    this.closed = true;
    for (const job of this.queue.splice(0)) job.resolve({ ok: false, reason: 'the server is shutting down' });
    await Promise.all(
      this.slots.map(async (slot) => {
        if (slot.timer) clearTimeout(slot.timer);
        slot.job?.resolve({ ok: false, reason: 'the server is shutting down' });
        slot.job = null;
        const worker = slot.worker;
        slot.worker = null;
        if (worker) await stop(worker);
      }),
    );
  }

  private pump(): void {
    for (const slot of this.slots) {
      if (this.queue.length === 0) return;
      if (slot.job) continue;
      const job = this.queue.shift()!;
      slot.job = job;
      void this.run(slot, job);
    }
  }

  private async run(slot: Slot, job: Job): Promise<void> {
    // A reader with a file keeps this process alive to hear the answer; an idle one does not.
    slot.worker?.ref();
    slot.worker?.channel?.ref();
    const worker = await this.workerOf(slot);
    if (slot.job !== job) return;
    if (!worker) return this.finish(slot, job, { ok: false, reason: 'the reader could not start' });
    slot.timer = setTimeout(() => {
      this.kill(slot);
      this.finish(slot, job, {
        ok: false,
        reason: `it took longer than ${this.timeout >= 1000 ? `${Math.round(this.timeout / 1000)} s` : `${this.timeout} ms`} to read`,
      });
    }, this.timeout);
    worker.send({ id: job.id, bytes: job.bytes, type: job.type, limits: this.limits });
  }

  private async workerOf(slot: Slot): Promise<ChildProcess | null> {
    if (!slot.worker || !slot.ready) this.spawn(slot);
    const worker = slot.worker!;
    await slot.ready;
    return slot.worker === worker ? worker : null;
  }

  private spawn(slot: Slot): void {
    const execArgv = [`--max-old-space-size=${this.maxMemoryMb}`];
    if (fromSource) execArgv.push('--import', pathToFileURL(createRequire(here).resolve('tsx')).href);
    const worker = fork(workerFile, [], {
      execArgv,
      serialization: 'advanced',
      stdio: ['ignore', 'ignore', 'pipe', 'ipc'],
    });
    // The last words of a process that ran out of heap say so.
    let lastWords = '';
    worker.stderr?.on('data', (chunk: Buffer) => {
      lastWords = (lastWords + chunk.toString()).slice(-2000);
    });
    slot.worker = worker;
    // The process is gone: forget it before the job is answered, so the next job starts a new one.
    const gone = (reason: string) => {
      if (slot.worker !== worker) return;
      slot.worker = null;
      slot.ready = null;
      if (slot.job) this.finish(slot, slot.job, { ok: false, reason });
    };
    slot.ready = new Promise<void>((ready) => {
      worker.on('message', (message: { ready?: boolean; id?: number; result?: Extracted }) => {
        if (message.ready) return ready();
        const job = slot.job;
        if (slot.worker === worker && job && message.id === job.id && message.result)
          this.finish(slot, job, message.result);
      });
      worker.on('error', (error: Error) => {
        gone(`the reader failed (${error.message.split('\n')[0].slice(0, 200)})`);
        ready();
      });
      worker.on('exit', () => {
        gone(
          /heap out of memory|heap limit/i.test(lastWords)
            ? `it needed more than ${this.maxMemoryMb} MB of memory to read`
            : 'the reader stopped',
        );
        ready();
      });
    });
  }

  private finish(slot: Slot, job: Job, result: Extracted): void {
    if (slot.job !== job) return;
    slot.worker?.unref();
    slot.worker?.channel?.unref();
    if (slot.timer) clearTimeout(slot.timer);
    slot.timer = null;
    slot.job = null;
    job.resolve(result);
    this.pump();
  }

  private kill(slot: Slot): void {
    const worker = slot.worker;
    slot.worker = null;
    slot.ready = null;
    if (worker) void stop(worker);
  }
}

/// Kill `child` and resolve when it has exited.
function stop(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    child.once('exit', () => resolve());
    // Waiting for it keeps this process alive until it is gone.
    child.ref();
    child.kill('SIGKILL');
  });
}
