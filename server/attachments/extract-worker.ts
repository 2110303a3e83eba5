/// The extraction process: receives files one at a time and answers with their text or the reason
/// they cannot be read. It runs as a child process under the pool's time and memory limits
/// (extraction-pool.ts): whatever a hostile file does here — even exhausting this process's heap —
/// the server carries on.
import type { AttachmentType } from '../../core/index.ts';
import { extractText } from './extract/index.ts';
import type { ExtractionLimits } from './extract/index.ts';

/// A job sent to the process.
export interface ExtractionJob {
  readonly id: number;
  readonly bytes: Uint8Array;
  readonly type: AttachmentType;
  readonly limits: ExtractionLimits;
}

if (process.send) {
  const send = process.send.bind(process);
  process.on('message', (job: ExtractionJob) => {
    extractText(job.bytes, job.type, job.limits).then(
      (result) => send({ id: job.id, result }),
      (error: unknown) =>
        send({ id: job.id, result: { ok: false, reason: `could not be read (${String(error)})` } }),
    );
  });
  // The server going away ends the reader too.
  process.on('disconnect', () => process.exit(0));
  send({ ready: true });
}
