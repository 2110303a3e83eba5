/// The extraction worker thread: receives files one at a time and answers with their text or the
/// reason they cannot be read. It runs under the pool's time and memory limits (extraction-pool.ts);
/// whatever a hostile file does here, the server's thread carries on.
import { parentPort } from 'node:worker_threads';
import type { AttachmentType } from '../../core/index.ts';
import { extractText } from './extract/index.ts';
import type { ExtractionLimits } from './extract/index.ts';

/// A job sent to the worker.
export interface ExtractionJob {
  readonly id: number;
  readonly bytes: Uint8Array;
  readonly type: AttachmentType;
  readonly limits: ExtractionLimits;
}

const port = parentPort;
if (port) {
  port.on('message', (job: ExtractionJob) => {
    extractText(job.bytes, job.type, job.limits).then(
      (result) => port.postMessage({ id: job.id, result }),
      (error: unknown) =>
        port.postMessage({
          id: job.id,
          result: { ok: false, reason: `could not be read (${String(error)})` },
        }),
    );
  });
  port.postMessage({ ready: true });
}
