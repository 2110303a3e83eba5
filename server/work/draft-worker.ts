/// The worker thread's side of pool.ts: runs each job it is sent, in order, and answers with the
/// result or the error as plain data.
import { parentPort } from 'node:worker_threads';
import { jobError, runDraftJob } from './draft-jobs.ts';
import type { DraftJob } from './draft-jobs.ts';

/// A request from the server thread.
interface Request {
  readonly id: number;
  readonly job: DraftJob;
}

const port = parentPort;
if (!port) throw new Error('draft-worker.ts runs in a worker thread');
port.on('message', async ({ id, job }: Request) => {
  try {
    port.postMessage({ id, ok: true, result: await runDraftJob(job) });
  } catch (error) {
    port.postMessage({ id, ok: false, error: jobError(error) });
  }
});
